package annotate

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// The checks every file of text goes through before anything reads it:
// an article added as .txt here, and every format's input in
// annotate/formats, which adds its own (brat's empty side files, the list
// of formats). They live in the core so that the page's core module can
// refuse a bad article without linking the formats.

// The limits on what spanmark reads, in one place for the command line
// and the page (README, "Limits"). Whatever spanmark writes, it reads:
// an export that would be larger than its reader accepts is refused with
// the reason (formats.CheckExport), never written.
const (
	// MaxFileSize is the largest file of text spanmark reads: an article,
	// another tool's dataset file, an archive and each file in it. Far
	// above any real article or annotation file, low enough that the page
	// never tries to hold a stray video in memory.
	MaxFileSize = 50 << 20
	// MaxProjectSize is the largest spanmark project file: a project
	// repeats each span's text, so one imported from a dataset file of
	// MaxFileSize can be four times its size.
	MaxProjectSize = 256 << 20
	// MaxImportSize is the most one import reads in all: its files
	// together, with what their archives unpack to.
	MaxImportSize = MaxProjectSize
)

// SizeLimit is the size limit for a file starting with head: MaxProjectSize
// for a project file (IsProjectFile: the first bytes say so, as spanmark
// writes "format" first), else MaxFileSize.
func SizeLimit(head []byte) int64 {
	if IsProjectFile(head) {
		return MaxProjectSize
	}
	return MaxFileSize
}

// CheckSize refuses a file over MaxFileSize. The page calls it (through
// the bridge) before reading a file, so a huge one is never read.
func CheckSize(name string, size int64) error { return CheckSizeUpTo(name, size, MaxFileSize) }

// CheckSizeUpTo refuses a file over limit bytes.
func CheckSizeUpTo(name string, size, limit int64) error {
	if size > limit {
		what := "files"
		if limit == MaxProjectSize {
			what = "project files"
		}
		got, max := SizePair(size, limit)
		return &Error{Code: CodeBadFormat, File: name,
			Msg: "the file is " + got + "; " + what + " over " + max + " are not imported"}
	}
	return nil
}

// SizePair writes a size and the limit it passes, in bytes when in MB
// they would read the same ("50.0 MB; files over 50.0 MB" says nothing).
func SizePair(size, limit int64) (string, string) {
	got, max := SizeString(size), SizeString(limit)
	if got == max {
		got, max = Count(int(size))+" bytes", max+" ("+Count(int(limit))+" bytes)"
	}
	return got, max
}

// SizeString writes a size as messages show it: "50.3 MB".
func SizeString(n int64) string {
	s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) // "1024.0"
	return group(s[:len(s)-2]) + s[len(s)-2:] + " MB"        // "1,024.0 MB", as Count groups
}

// CheckText says what makes a file unreadable as text: too large, empty
// (only white space), UTF-16, binary, or not UTF-8 (with the byte offset,
// line and column of the first bad byte). binaryHint, if any, is appended
// to the binary message ("; import a text file in one of the formats
// ..."). It returns nil for readable text.
func CheckText(name string, data []byte, binaryHint string) *Error {
	return CheckTextUpTo(name, data, binaryHint, MaxFileSize)
}

// CheckTextUpTo is CheckText with another size limit (a project file's).
func CheckTextUpTo(name string, data []byte, binaryHint string, limit int64) *Error {
	bad := func(line int, msg string) *Error {
		return &Error{Code: CodeBadFormat, File: name, Line: line, Msg: msg}
	}
	if err := CheckSizeUpTo(name, int64(len(data)), limit); err != nil {
		return err.(*Error)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return bad(0, "the file is empty")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return bad(0, "the file is UTF-16 text; save it as UTF-8 and import it again")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return bad(0, "the file is binary, not text (a NUL byte at byte offset "+strconv.Itoa(i)+")"+binaryHint)
	}
	if !utf8.Valid(data) {
		i := FirstInvalidUTF8(data)
		line := bytes.Count(data[:i], []byte{'\n'}) + 1
		col := utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
		const hex = "0123456789ABCDEF"
		return bad(line, "the file is not UTF-8: byte 0x"+string([]byte{hex[data[i]>>4], hex[data[i]&0xf]})+
			" at byte offset "+strconv.Itoa(i)+" (line "+strconv.Itoa(line)+", column "+strconv.Itoa(col)+
			") is not valid UTF-8; save the file as UTF-8 and import it again")
	}
	return nil
}

// FirstInvalidUTF8 is the byte offset of the first byte of b that is not
// part of valid UTF-8, or len(b).
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return len(b)
}

// CheckSurrogates refuses a JSON file with an escape \uD800-\uDFFF that
// is not half of a surrogate pair. Such an escape is not a character:
// encoding/json (and a browser) would read it as U+FFFD, silently
// changing a text, a title or an id. Outside strings a backslash is not
// valid JSON anyway, so the bytes are scanned without parsing them.
func CheckSurrogates(name string, data []byte) *Error {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\\')
		if j < 0 || i+j+1 >= len(data) {
			return nil
		}
		i += j
		if data[i+1] != 'u' {
			i += 2 // \\ \" \n ...: the next byte is not an escape's start
			continue
		}
		r, ok := hexRune(data[i+2:])
		switch {
		case !ok || r < 0xd800 || r > 0xdfff:
			i += 2
			continue
		case r < 0xdc00 && len(data) >= i+12 && data[i+6] == '\\' && data[i+7] == 'u':
			if lo, ok := hexRune(data[i+8:]); ok && lo >= 0xdc00 && lo <= 0xdfff {
				i += 12
				continue
			}
		}
		line := bytes.Count(data[:i], []byte{'\n'}) + 1
		col := utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
		return &Error{Code: CodeBadFormat, File: name, Line: line, Msg: "the escape " + string(data[i:i+6]) + " at line " + strconv.Itoa(line) +
			", column " + strconv.Itoa(col) + " is half of a UTF-16 surrogate pair without its other half, not a character; " +
			"reading it would change the text (to U+FFFD), so the file is refused"}
	}
}

// hexRune reads four hexadecimal digits.
func hexRune(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
