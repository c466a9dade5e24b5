package formats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// MaxFileSize is the largest file Read accepts, and the largest entry of a
// .zip: far above any real annotation file, low enough that the page never
// tries to hold a stray video in memory.
const MaxFileSize = 50 << 20

// CheckSize refuses a file over MaxFileSize. The page calls it (through
// the bridge) before reading a file, so a huge one is never read.
func CheckSize(name string, size int64) error {
	if size > MaxFileSize {
		return &annotate.Error{Code: annotate.CodeBadFormat, File: name,
			Msg: fmt.Sprintf("the file is %s; files over %s are not imported", megabytes(size), megabytes(MaxFileSize))}
	}
	return nil
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// CheckFile says what makes a file unreadable as text by every format:
// too large, empty, binary, UTF-16, or not UTF-8 (with the byte offset and
// line of the first bad byte). It returns nil for a readable file.
func CheckFile(f File) *annotate.Error {
	bad := func(line int, format string, args ...any) *annotate.Error {
		return &annotate.Error{Code: annotate.CodeBadFormat, File: f.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if err := CheckSize(f.Name, int64(len(f.Data))); err != nil {
		return err.(*annotate.Error)
	}
	ext := strings.ToLower(path.Ext(f.Name))
	// An empty .ann is a brat document nobody has annotated yet; brat's
	// configuration files may be empty too.
	if len(bytes.TrimSpace(f.Data)) == 0 && ext != ".ann" && !isBratSide(f.Name) {
		return bad(0, "the file is empty")
	}
	if bytes.HasPrefix(f.Data, []byte{0xff, 0xfe}) || bytes.HasPrefix(f.Data, []byte{0xfe, 0xff}) {
		return bad(0, "the file is UTF-16 text; save it as UTF-8 and import it again")
	}
	if i := bytes.IndexByte(f.Data, 0); i >= 0 {
		return bad(0, "the file is binary, not text (a NUL byte at byte offset %d); import a text file in one of the formats %s",
			i, strings.Join(Names(), ", "))
	}
	if !utf8.Valid(f.Data) {
		i := firstInvalid(f.Data)
		line := bytes.Count(f.Data[:i], []byte{'\n'}) + 1
		col := utf8.RuneCount(f.Data[bytes.LastIndexByte(f.Data[:i], '\n')+1 : i])
		return bad(line, "the file is not UTF-8: byte 0x%02X at byte offset %d (line %d, column %d) is not valid UTF-8; save the file as UTF-8 and import it again",
			f.Data[i], i, line, col+1)
	}
	return nil
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
			return nil, fail("the archive unpacks to more than %s; import it in parts", megabytes(4*MaxFileSize))
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
