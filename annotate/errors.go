package annotate

import (
	"errors"
	"strconv"
	"strings"
)

// Code is a stable, machine-readable error kind. The wasm bridge hands it to
// JavaScript as Error.code, so values never change once released.
type Code string

const (
	CodeOutOfRange          Code = "out_of_range"
	CodeEmptyFragment       Code = "empty_fragment"
	CodeUnsortedFragments   Code = "unsorted_fragments"
	CodeOverlappingFragment Code = "overlapping_fragments"
	CodeSplitsGrapheme      Code = "splits_grapheme"
	CodeUnknownLabel        Code = "unknown_label"
	CodeBadAttribute        Code = "bad_attribute"
	CodeCrossingSpan        Code = "crossing_span"
	CodeDuplicateSpan       Code = "duplicate_span"
	CodeUnknownSpan         Code = "unknown_span"
	CodeUnknownRelation     Code = "unknown_relation"
	CodeBadRelation         Code = "bad_relation"
	CodeDuplicateRelation   Code = "duplicate_relation"
	CodeUnknownDocument     Code = "unknown_document"
	CodeDuplicateID         Code = "duplicate_id"
	CodeTextMismatch        Code = "text_mismatch"
	CodeBadStatus           Code = "bad_status"
	CodeBadSchema           Code = "bad_schema"
	CodeBadFormat           Code = "bad_format"
	CodeBadVersion          Code = "unsupported_version"
	CodeBadPattern          Code = "bad_pattern"
	CodeNothingToUndo       Code = "nothing_to_undo"
	CodeNothingToRedo       Code = "nothing_to_redo"
	CodeBadArgument         Code = "bad_argument"
	CodeInternal            Code = "internal"
)

// Error says what went wrong and where: file and line when the problem came
// from a file, and the document, span or relation and field it concerns.
type Error struct {
	Code     Code   `json:"code"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Doc      string `json:"doc,omitempty"`
	Span     string `json:"span,omitempty"`
	Relation string `json:"relation,omitempty"`
	Field    string `json:"field,omitempty"`
	Msg      string `json:"message"`
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	var where []string
	if e.Doc != "" {
		where = append(where, "document "+strconv.Quote(e.Doc))
	}
	if e.Span != "" {
		where = append(where, "span "+e.Span)
	}
	if e.Relation != "" {
		where = append(where, "relation "+e.Relation)
	}
	if e.Field != "" {
		where = append(where, "field "+e.Field)
	}
	if len(where) > 0 {
		b.WriteString(strings.Join(where, ", "))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// newErr builds an error from its message. Messages are put together with
// strconv and +, not fmt: the core is compiled to WebAssembly for the
// browser, and fmt (with the reflection it brings) would cost about 100 KB
// of the download (see imports_test.go).
func newErr(code Code, msg string) *Error {
	return &Error{Code: code, Msg: msg}
}

// quoteList writes a list of strings as fmt's %q does: ["a" "b"].
func quoteList(xs []string) string {
	b := []byte{'['}
	for i, x := range xs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendQuote(b, x)
	}
	return string(append(b, ']'))
}

// Errors collects every problem found in one pass (a file load, an import),
// so the user can fix them all at once instead of one per run.
type Errors []*Error

func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	b.WriteString(Count(len(es)))
	b.WriteString(" problems:")
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// CodeOf returns the code of err when it is (or wraps) an *Error or a
// non-empty Errors, and CodeInternal otherwise.
func CodeOf(err error) Code {
	var e *Error
	var es Errors
	switch {
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &es) && len(es) > 0:
		return es[0].Code
	}
	return CodeInternal
}
