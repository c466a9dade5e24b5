package formats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// MaxFileSize is the largest file Read accepts, and the largest entry of
// a .zip (annotate.MaxFileSize).
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
	return annotate.CheckText(f.Name, f.Data, "; import a text file in one of the formats "+strings.Join(Names(), ", "))
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
	for _, f := range files {
		if isZip(f) {
			entries, err := unzip(f)
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
	p, rep, err := fm.Import(all, opt)
	if err != nil {
		return fm, nil, rep, err
	}
	return fm, p, rep, nil
}

func isZip(f File) bool {
	return strings.EqualFold(path.Ext(f.Name), ".zip") || bytes.HasPrefix(f.Data, []byte("PK\x03\x04"))
}

// unzip returns the regular files of a .zip, skipping folders and the
// hidden files archivers add (__MACOSX/, .DS_Store).
func unzip(f File) ([]File, annotate.Errors) {
	fail := func(format string, args ...any) annotate.Errors {
		return annotate.Errors{{Code: annotate.CodeBadFormat, File: f.Name, Msg: fmt.Sprintf(format, args...)}}
	}
	if err := CheckSize(f.Name, int64(len(f.Data))); err != nil {
		return nil, annotate.Errors{err.(*annotate.Error)}
	}
	r, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		return nil, fail("the file is not a readable .zip archive: %v", err)
	}
	var out []File
	var es annotate.Errors
	var total int64
	for _, z := range r.File {
		name := z.Name
		if z.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), ".") {
			continue
		}
		full := f.Name + "/" + name
		if err := CheckSize(full, int64(z.UncompressedSize64)); err != nil {
			es = append(es, err.(*annotate.Error))
			continue
		}
		if total += int64(z.UncompressedSize64); total > 4*MaxFileSize {
			return nil, fail("the archive unpacks to more than %.1f MB; import it in parts", float64(4*MaxFileSize)/(1<<20))
		}
		rc, err := z.Open()
		if err != nil {
			es = append(es, &annotate.Error{Code: annotate.CodeBadFormat, File: full, Msg: "cannot be unpacked: " + err.Error()})
			continue
		}
		// The header's size is not trusted: read at most one byte more.
		data, err := io.ReadAll(io.LimitReader(rc, MaxFileSize+1))
		rc.Close()
		if err == nil {
			err = CheckSize(full, int64(len(data)))
		}
		if err != nil {
			if e, ok := err.(*annotate.Error); ok {
				es = append(es, e)
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
