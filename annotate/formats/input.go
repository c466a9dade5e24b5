package formats

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/zipc"
)

// MaxFileSize is the largest file Read accepts, and the largest entry of
// a .zip (annotate.MaxFileSize); a spanmark project file may be up to
// annotate.MaxProjectSize, and one Read takes annotate.MaxImportSize in
// all.
const MaxFileSize = annotate.MaxFileSize

// CheckSize refuses a file over MaxFileSize (annotate.CheckSize).
func CheckSize(name string, size int64) error { return annotate.CheckSize(name, size) }

// CheckFile says what makes a file unreadable as text by every format
// (annotate.CheckText: too large, empty, UTF-16, binary, not UTF-8). An
// empty .ann is a brat document nobody has annotated yet, and brat's
// configuration files may be empty too. It returns nil for a readable file.
func CheckFile(f File) *annotate.Error {
	if len(bytes.TrimSpace(f.Data)) == 0 && len(f.Data) <= MaxFileSize &&
		(strings.ToLower(path.Ext(f.Name)) == ".ann" || isBratSide(f.Name)) {
		return nil
	}
	return annotate.CheckTextUpTo(f.Name, f.Data, "; import a text file in one of the formats "+strings.Join(Names(), ", "), annotate.SizeLimit(f.Data))
}

// CheckExport refuses an export spanmark could not read back (see
// annotate's limits): a project file over annotate.MaxProjectSize, another
// file over MaxFileSize, or files over annotate.MaxImportSize together.
func CheckExport(format string, files []File) error {
	limit, what := int64(MaxFileSize), "files"
	if format == (Spanmark{}).Name() {
		limit, what = annotate.MaxProjectSize, "project files"
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
		if int64(len(f.Data)) > limit {
			return tooBig(format, f.Name, int64(len(f.Data)), limit, what, "")
		}
	}
	if total > annotate.MaxImportSize {
		return tooBig(format, "", total, annotate.MaxImportSize, "imports", "")
	}
	return nil
}

func tooBig(format, name string, size, limit int64, what, atLeast string) error {
	got, max := annotate.SizePair(size, limit)
	return &annotate.Error{Code: annotate.CodeBadArgument, File: name, Msg: fmt.Sprintf(
		"the %s export would be %s%s; spanmark reads %s up to %s, so it is not written: export fewer documents or spans at a time",
		format, atLeast, got, what, max)}
}

// Read is an import as the page and the command line do it: .zip files are
// unpacked (entries named "<zip>/<entry>"), every file is checked with
// CheckFile, the format is the named one or guessed, and the files are
// imported. Every problem found is returned, located by file and line.
func Read(files []File, format string, opt ImportOptions) (Format, *annotate.Project, Report, error) {
	if len(files) == 0 {
		return nil, nil, nil, annotate.Errors{{Code: annotate.CodeBadArgument, Msg: "no files to import"}}
	}
	var es annotate.Errors
	var all []File
	// the unpacked size is counted over every archive of the import:
	// three small zip bombs are as many bytes as one large one
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	if total > importBudget {
		return nil, nil, nil, annotate.Errors{{Code: annotate.CodeBadArgument, Msg: fmt.Sprintf(
			"the files are %s together; one import reads at most %s: import them in parts", annotate.SizeString(total), annotate.SizeString(importBudget))}}
	}
	for _, f := range files {
		if isZip(f) {
			entries, err := unzip(f, &total)
			if err != nil {
				es = append(es, err...)
				continue
			}
			all = append(all, entries...)
			continue
		}
		all = append(all, f)
	}
	for _, f := range all {
		if e := CheckFile(f); e != nil {
			es = append(es, e)
		}
	}
	if len(es) > 0 {
		return nil, nil, nil, es
	}
	var fm Format
	var err error
	if format != "" {
		fm, err = Get(format)
	} else {
		fm, err = Guess(all)
	}
	if err != nil {
		return nil, nil, nil, asErrors(err, "")
	}
	switch fm.Name() {
	case "spanmark", "jsonl", "doccano", "labelstudio": // JSON: no lone \ud800
		for _, f := range all {
			if e := annotate.CheckSurrogates(f.Name, f.Data); e != nil {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			return nil, nil, nil, es
		}
	}
	if len(opt.LabelMap) > 0 && fm.Name() == "spanmark" {
		return fm, nil, nil, annotate.Errors{{Code: annotate.CodeBadArgument, Field: "map", File: all[0].Name,
			Msg: "a spanmark project file keeps its own schema: labels are mapped only when importing another tool's dataset (rename labels in the schema editor instead)"}}
	}
	p, rep, err := fm.Import(all, opt)
	if err != nil {
		return fm, nil, rep, err
	}
	// a dataset that yields nothing was not read as what it is (brat
	// asked to read a .json); a spanmark project may hold only a schema
	if len(p.Documents()) == 0 && fm.Name() != "spanmark" {
		for _, f := range all {
			es = append(es, &annotate.Error{Code: annotate.CodeBadFormat, File: f.Name,
				Msg: "no document was read from this file as " + fm.Name() + "; is it in another format?"})
		}
		return fm, nil, rep, es
	}
	if opt.AsSuggestions && fm.Name() == "spanmark" {
		// a project file is read by the core, not built from raw spans:
		// its spans become suggestions here (the other formats make
		// suggestions as they build)
		if _, err := p.SpansToSuggestions(annotate.SourceImport); err != nil {
			return fm, nil, rep, err
		}
	}
	return fm, p, rep, nil
}

// importBudget is what one Read takes in all (a variable for the tests).
var importBudget int64 = annotate.MaxImportSize

func isZip(f File) bool {
	return strings.EqualFold(path.Ext(f.Name), ".zip") || bytes.HasPrefix(f.Data, []byte("PK\x03\x04"))
}

// unzip returns the regular files of a .zip, skipping folders and the
// hidden files archivers add (__MACOSX/, .DS_Store).
// total is what the import holds so far (the archive included); the
// archive's entries are added to it and may not take it past
// annotate.MaxImportSize.
func unzip(f File, total *int64) ([]File, annotate.Errors) {
	fail := func(format string, args ...any) annotate.Errors {
		return annotate.Errors{{Code: annotate.CodeBadFormat, File: f.Name, Msg: fmt.Sprintf(format, args...)}}
	}
	if err := CheckSize(f.Name, int64(len(f.Data))); err != nil {
		return nil, annotate.Errors{err.(*annotate.Error)}
	}
	r, err := zipc.NewReader(f.Data)
	if err != nil {
		return nil, fail("the file is not a readable .zip archive: %v", err)
	}
	var out []File
	var es annotate.Errors
	over := func() annotate.Errors {
		return fail("the archive unpacks to more than one import reads (%s with the other files); import it in parts", annotate.SizeString(importBudget))
	}
	for _, z := range r.Entries {
		name := z.Name
		if z.IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".") {
			continue
		}
		full := f.Name + "/" + name
		if err := CheckSize(full, int64(z.UncompressedSize)); err != nil {
			es = append(es, err.(*annotate.Error))
			continue
		}
		if int64(z.UncompressedSize) > importBudget-*total {
			return nil, over()
		}
		// The header's size is not trusted: Read unpacks at most one byte
		// more than a file may hold.
		data, err := z.Read(MaxFileSize)
		if err == nil {
			err = CheckSize(full, int64(len(data)))
		}
		if *total += int64(len(data)); *total > importBudget {
			return nil, over()
		}
		if err != nil {
			var ee *zipc.EntryError
			if e, ok := err.(*annotate.Error); ok {
				es = append(es, e)
			} else if errors.As(err, &ee) {
				es = append(es, &annotate.Error{Code: annotate.CodeBadFormat, File: full, Msg: "cannot be unpacked: " + ee.Msg})
			} else {
				es = append(es, &annotate.Error{Code: annotate.CodeBadFormat, File: full, Msg: "cannot be unpacked: " + err.Error()})
			}
			continue
		}
		out = append(out, File{Name: full, Data: data})
	}
	if len(es) > 0 {
		return nil, es
	}
	if len(out) == 0 {
		return nil, fail("the archive holds no files")
	}
	return out, nil
}
