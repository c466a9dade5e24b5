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

// MaxFileSize is the largest file spanmark reads: far above any real
// article or annotation file, low enough that the page never tries to hold
// a stray video in memory.
const MaxFileSize = 50 << 20

// CheckSize refuses a file over MaxFileSize. The page calls it (through
// the bridge) before reading a file, so a huge one is never read.
func CheckSize(name string, size int64) error {
	if size > MaxFileSize {
		return &Error{Code: CodeBadFormat, File: name,
			Msg: "the file is " + megabytes(size) + "; files over " + megabytes(MaxFileSize) + " are not imported"}
	}
	return nil
}

func megabytes(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

// CheckText says what makes a file unreadable as text: too large, empty
// (only white space), UTF-16, binary, or not UTF-8 (with the byte offset,
// line and column of the first bad byte). binaryHint, if any, is appended
// to the binary message ("; import a text file in one of the formats
// ..."). It returns nil for readable text.
func CheckText(name string, data []byte, binaryHint string) *Error {
	bad := func(line int, msg string) *Error {
		return &Error{Code: CodeBadFormat, File: name, Line: line, Msg: msg}
	}
	if err := CheckSize(name, int64(len(data))); err != nil {
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
