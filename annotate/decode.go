package annotate

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The project file is read by hand, the mirror of encode.go: encoding/json
// with reflection took most of the time of loading a long document, and
// about ten times longer in WebAssembly. The scanner knows the file's
// structure, so it checks types and field names as it goes and stops at the
// first problem, located by line and field. Strings are decoded exactly as
// encoding/json decodes them (escapes, surrogate pairs, invalid UTF-8 and
// lone surrogates as U+FFFD), and numbers in attribute values as
// encoding/json decodes them into an any (they are refused later as
// bad_attribute). The schema is read the same way (decode_schema.go).
// Nothing here uses encoding/json or fmt: the core is compiled to
// WebAssembly, and they would add about 300 KB to the page's download
// (imports_test.go). FuzzDecodeMatchesEncodingJSON checks the reader
// against the encoding/json one.
//
// Where encoding/json is lax in ways a project file should not be, this
// reader is stricter, on purpose:
//   - field names match exactly ("Text" is an unknown field; encoding/json
//     matches them case-insensitively, with K and ſ folding to k and s);
//   - a field given twice is refused (encoding/json keeps the last value,
//     merging objects and reusing array elements);
//   - anything but whitespace after the top-level object is refused
//     (json.Decoder stops reading after the first value);
//   - "format" and "version" may stand anywhere in the top-level object.
// null stands for an absent value everywhere, as with encoding/json.

// maxSkipDepth bounds the nesting of the values the reader checks before
// reading them (attribute values, and any value refused for its type), the
// same bound encoding/json applies.
const maxSkipDepth = 10000

type pathElem struct {
	key string
	idx int // -1 for an object field
}

type decoder struct {
	data []byte
	pos  int
	err  *Error

	path      []pathElem
	doc, span string // ids of the document and span being read, once known

	sawFormat, sawVersion   bool
	badType                 bool // the error is a value of the wrong type
	formatLine, versionLine int

	// jsonWords: the value being read is the schema or one of its
	// definitions, whose type errors keep the words encoding/json gave
	// them when it read the schema ("expected []annotate.LabelDef, found
	// a JSON bool").
	jsonWords bool
	// subject names the input in "… is empty or cut short" ("the file").
	subject string

	keyAt     int        // where the last key read starts, for its errors
	labels    []string   // the span labels read so far (label)
	spanBlock []fileSpan // backs every document's spans (reserveSpans)
	frags     []fileFrag // backs every span's fragments (reserveSpans)
}

// decodeFile reads a project file. It returns the first problem met, which
// is always a bad_format error with its line.
func decodeFile(data []byte) (*fileProject, *decoder, *Error) {
	d := &decoder{data: data, path: make([]pathElem, 0, 8)}
	f := &fileProject{}
	d.ws()
	if d.pos >= len(d.data) {
		return nil, d, d.eof()
	}
	if d.null() {
		// encoding/json decodes null into the project as "nothing"
	} else if !d.project(f) {
		return nil, d, d.err
	}
	d.ws()
	if d.pos < len(d.data) {
		return nil, d, d.syntax("unexpected " + d.describeHere() + " after the end of the top-level object")
	}
	return f, d, nil
}

// --- errors ---

func (d *decoder) fail(e *Error) bool {
	if d.err == nil {
		e.Code = CodeBadFormat
		if e.Line == 0 {
			e.Line = lineAt(d.data, d.pos)
		}
		e.Doc, e.Span = d.doc, d.span
		d.err = e
	}
	return false
}

func (d *decoder) syntax(msg string) *Error {
	d.fail(&Error{Msg: "not valid JSON: " + msg})
	return d.err
}

func (d *decoder) eof() *Error {
	subject := d.subject
	if subject == "" {
		subject = "the file"
	}
	d.fail(&Error{Msg: subject + " is empty or cut short"})
	return d.err
}

// syntaxErr reports what stands at the current position where something
// else was expected.
func (d *decoder) syntaxErr(want string) bool {
	if d.pos >= len(d.data) {
		d.eof()
		return false
	}
	d.syntax(d.describeHere() + " looking for " + want)
	return false
}

func (d *decoder) describeHere() string {
	if d.pos >= len(d.data) {
		return "end of file"
	}
	c := d.data[d.pos]
	if c < utf8.RuneSelf {
		return "character " + strconv.QuoteRune(rune(c))
	}
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	return "character " + strconv.QuoteRune(r)
}

// fieldPath renders the path being read: documents[0].spans[3].fragments[0].start.
func (d *decoder) fieldPath() string {
	var b strings.Builder
	for _, p := range d.path {
		if p.idx >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(p.idx))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.key)
	}
	return b.String()
}

// typeErr reports a value of the wrong JSON type at the current position.
func (d *decoder) typeErr(want string) bool {
	if d.err != nil {
		return false
	}
	got := "value"
	if d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			got = "string"
		case c == '{':
			got = "object"
		case c == '[':
			got = "array"
		case c == 't' || c == 'f':
			got = "boolean"
			if d.jsonWords {
				got = "bool"
			}
		case c == '-' || (c >= '0' && c <= '9'):
			got = "number"
		default:
			return d.syntaxErr("the beginning of a value")
		}
	}
	d.badType = true
	line := lineAt(d.data, d.pos)
	// the value must still be valid JSON: a syntax error takes precedence
	if !d.skip() {
		return false
	}
	return d.fail(&Error{Line: line, Field: d.fieldPath(), Msg: "expected " + want + ", found a JSON " + got})
}

// --- lexical ---

func (d *decoder) ws() {
	// indentation comes in runs of spaces: skip them eight at a time
	// (loops cost more per iteration in WebAssembly than natively); the
	// compiler compares the eight bytes as one word (encoding/binary
	// would do the same but brings reflect into the wasm build)
	if d.pos < len(d.data) && d.data[d.pos] == '\n' {
		d.pos++
		for d.pos+8 <= len(d.data) && string(d.data[d.pos:d.pos+8]) == "        " {
			d.pos += 8
		}
	}
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte (0 at the end). Small
// enough to inline for the common case, no whitespace.
func (d *decoder) peek() byte {
	if d.pos < len(d.data) && d.data[d.pos] > ' ' {
		return d.data[d.pos]
	}
	return d.peekSlow()
}

// next is peek in one call: the value readers' loops use it once per
// token (peek is two or three calls, which showed in WebAssembly profiles:
// that build does not inline).
func (d *decoder) next() byte {
	if d.pos < len(d.data) && d.data[d.pos] <= ' ' {
		d.ws()
	}
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *decoder) peekSlow() byte {
	d.ws()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// null consumes a null literal if one is next.
func (d *decoder) null() bool {
	if d.peek() == 'n' {
		return d.literal("null")
	}
	return false
}

func (d *decoder) literal(lit string) bool {
	end := d.pos + len(lit)
	for i := d.pos; i < end; i++ {
		if i >= len(d.data) {
			d.pos = i
			d.eof()
			return false
		}
		if d.data[i] != lit[i-d.pos] {
			d.pos = i
			return d.syntaxErr("the literal " + lit)
		}
	}
	d.pos = end
	return true
}

// scanString checks the string starting at d.pos (at its opening quote)
// and moves past it. It returns the raw content and whether it is plain:
// no escapes and valid UTF-8, so the raw bytes are the value.
func (d *decoder) scanString() (raw []byte, plain, ok bool) {
	data := d.data
	i := d.pos + 1
	start := i
	plain = true
	var high byte // OR of the bytes: ≥ 0x80 when any is not ASCII
	for {
		// the common bytes, one table look-up each
		for i < len(data) && plainByte[data[i]] {
			high |= data[i]
			i++
		}
		if i >= len(data) {
			d.pos = i
			d.eof()
			return nil, false, false
		}
		c := data[i]
		switch {
		case c == '"':
			raw = data[start:i]
			d.pos = i + 1
			if plain && high >= utf8.RuneSelf && !utf8.Valid(raw) {
				plain = false
			}
			return raw, plain, true
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				d.pos = i + 1
				d.eof()
				return nil, false, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(data) {
						d.pos = k
						d.eof()
						return nil, false, false
					}
					if !isHex(data[k]) {
						d.pos = k
						d.syntax(d.describeHere() + " in \\u hexadecimal character escape")
						return nil, false, false
					}
				}
				i += 6
			default:
				d.pos = i + 1
				d.syntax(d.describeHere() + " in string escape code")
				return nil, false, false
			}
		default: // a control character
			d.pos = i
			d.syntax(d.describeHere() + " in string literal")
			return nil, false, false
		}
	}
}

// plainByte marks the bytes a JSON string holds as they are: all but the
// quote, the backslash and control characters.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// unquote decodes the content of a checked string that is not plain,
// exactly as encoding/json does.
func (d *decoder) unquote(raw []byte) string {
	// a strings.Builder hands its bytes over as the string, where
	// string(buf) would copy them: a document's text is the longest string
	// in a file, read once
	var b strings.Builder
	b.Grow(len(raw)) // escapes only shrink valid UTF-8
	// valid UTF-8 (the common case) is copied as it is up to each escape,
	// not rune by rune
	valid := utf8.Valid(raw)
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			switch raw[i+1] {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r := hex4(raw[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, hex4(raw[i+2:])); dec != utf8.RuneError {
							b.WriteRune(dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
				continue
			default: // " \ /
				b.WriteByte(raw[i+1])
			}
			i += 2
		case valid:
			j := bytes.IndexByte(raw[i:], '\\')
			if j < 0 {
				j = len(raw) - i
			}
			b.Write(raw[i : i+j])
			i += j
		case c < utf8.RuneSelf:
			j := i + 1
			for j < len(raw) && raw[j] != '\\' && raw[j] < utf8.RuneSelf {
				j++
			}
			b.Write(raw[i:j])
			i = j
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(raw[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// The functions below read every field of every span: they skip
// whitespace with next (one call) or by hand rather than with peek, and
// call ws only when there is whitespace, because the WebAssembly build is
// compiled without inlining and the calls per token showed in profiles.

// str reads a string value (null leaves *dst as it is).
func (d *decoder) str(dst *string) bool {
	c := d.next()
	switch c {
	case '"':
		raw, plain, ok := d.scanString()
		if !ok {
			return false
		}
		if plain {
			*dst = string(raw)
		} else {
			*dst = d.unquote(raw)
		}
		return true
	case 'n':
		return d.literal("null")
	}
	return d.typeErr("a string")
}

// label reads a span's label like str. A file repeats a few labels
// thousands of times: each is made a string once.
func (d *decoder) label(dst *string) bool {
	if d.pos < len(d.data) && d.data[d.pos] <= ' ' {
		d.ws()
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return d.str(dst)
	}
	raw, plain, ok := d.scanString()
	if !ok {
		return false
	}
	if !plain {
		*dst = d.unquote(raw)
		return true
	}
	for _, l := range d.labels {
		if string(raw) == l {
			*dst = l
			return true
		}
	}
	*dst = string(raw)
	if len(d.labels) < 32 {
		d.labels = append(d.labels, *dst)
	}
	return true
}

// key reads an object key and the colon after it, and skips the
// whitespace after the colon. It returns the key's decoded bytes, valid
// until the next string is read, and sets d.keyAt to where the key starts.
func (d *decoder) key() ([]byte, bool) {
	// the line break and indentation before a key, skipped here rather
	// than by a call to ws
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			break
		}
		d.pos++
	}
	d.keyAt = d.pos
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, d.syntaxErr("the beginning of an object key string")
	}
	raw, plain, ok := d.scanString()
	if !ok {
		return nil, false
	}
	if !plain {
		raw = []byte(d.unquote(raw))
	}
	if d.pos < len(d.data) && d.data[d.pos] <= ' ' {
		d.ws()
	}
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return nil, d.syntaxErr("the ':' after an object key")
	}
	d.pos++
	// the file puts one space after the colon: step over it here
	if d.pos < len(d.data) && d.data[d.pos] == ' ' {
		d.pos++
	}
	if d.pos < len(d.data) && d.data[d.pos] <= ' ' {
		d.ws()
	}
	return raw, true
}

// scanNumber checks the number at d.pos and moves past it.
func (d *decoder) scanNumber() ([]byte, bool) {
	data := d.data
	i := d.pos
	digits := func() bool {
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.pos = i
			if i >= len(data) {
				d.eof()
				return false
			}
			return d.syntaxErr("a digit in a number")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return true
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i < len(data) && data[i] == '0' {
		i++
	} else if !digits() {
		return nil, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	num := data[d.pos:i]
	d.pos = i
	return num, true
}

// int reads an integer value (null leaves *dst as it is). Like
// encoding/json into an int: 1.5, 1e3 and numbers past 64 bits are refused.
func (d *decoder) int(dst *int) bool {
	c := d.next()
	// the common case, a positive integer of at most 18 digits with no
	// leading zero, fraction or exponent, is read here
	if c >= '1' && c <= '9' {
		data := d.data
		n, i := 0, d.pos
		for i < len(data) && data[i] >= '0' && data[i] <= '9' && i-d.pos < 18 {
			n = n*10 + int(data[i]-'0')
			i++
		}
		if i >= len(data) || data[i] != '.' && data[i] != 'e' && data[i] != 'E' && (data[i] < '0' || data[i] > '9') {
			*dst = n
			d.pos = i
			return true
		}
	}
	if c == 'n' {
		return d.literal("null")
	}
	if c != '-' && (c < '0' || c > '9') {
		return d.typeErr("an integer")
	}
	at := d.pos
	num, ok := d.scanNumber()
	if !ok {
		return false
	}
	if n, ok := smallInt(num); ok {
		*dst = n
		return true
	}
	n, err := strconv.ParseInt(string(num), 10, strconv.IntSize)
	if err != nil {
		d.badType = true
		return d.fail(&Error{Line: lineAt(d.data, at), Field: d.fieldPath(), Msg: "expected an integer, found a JSON number " + string(num)})
	}
	*dst = int(n)
	return true
}

// smallInt parses the common case, a checked number of at most 18 digits
// with no fraction or exponent, without ParseInt's generality.
func smallInt(num []byte) (int, bool) {
	neg := len(num) > 0 && num[0] == '-'
	digits := num
	if neg {
		digits = num[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// skip checks the value at d.pos as JSON and moves past it, without
// recursion (the depth is bounded like encoding/json's).
func (d *decoder) skip() bool {
	var stack []byte // '{' or '['
	for {
		switch c := d.peek(); {
		case c == '{':
			d.pos++
			if d.peek() == '}' {
				d.pos++
				break
			}
			if len(stack) >= maxSkipDepth {
				d.syntax("exceeded max depth")
				return false
			}
			stack = append(stack, '{')
			if _, ok := d.key(); !ok {
				return false
			}
			continue
		case c == '[':
			d.pos++
			if d.peek() == ']' {
				d.pos++
				break
			}
			if len(stack) >= maxSkipDepth {
				d.syntax("exceeded max depth")
				return false
			}
			stack = append(stack, '[')
			continue
		case c == '"':
			if _, _, ok := d.scanString(); !ok {
				return false
			}
		case c == 't':
			if !d.literal("true") {
				return false
			}
		case c == 'f':
			if !d.literal("false") {
				return false
			}
		case c == 'n':
			if !d.literal("null") {
				return false
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if _, ok := d.scanNumber(); !ok {
				return false
			}
		default:
			return d.syntaxErr("the beginning of a value")
		}
		// a value ended: close containers or go on to the next element
		for {
			if len(stack) == 0 {
				return true
			}
			top := stack[len(stack)-1]
			c := d.peek()
			if c == ',' {
				d.pos++
				if top == '{' {
					if _, ok := d.key(); !ok {
						return false
					}
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				d.pos++
				stack = stack[:len(stack)-1]
				continue
			}
			if top == '{' {
				return d.syntaxErr("',' or '}' after an object value")
			}
			return d.syntaxErr("',' or ']' after an array element")
		}
	}
}

// object reads an object, calling field for each key with the reader past
// the colon; a key given twice is refused. null is accepted and reads as
// nothing.
func (d *decoder) object(what string, names []string, field func(k int) bool) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '{':
	default:
		return d.typeErr(what)
	}
	d.pos++
	if d.peek() == '}' {
		d.pos++
		return true
	}
	var seen uint64
	for {
		k, ok := d.key()
		if !ok {
			return false
		}
		keyAt := d.keyAt
		i := indexOf(names, k)
		if i < 0 {
			d.path = append(d.path, pathElem{key: string(k), idx: -1})
			d.fail(&Error{Line: lineAt(d.data, keyAt), Field: d.fieldPath(), Msg: "unknown field " + strconv.Quote(string(k))})
			return false
		}
		if seen&(1<<i) != 0 {
			d.path = append(d.path, pathElem{key: names[i], idx: -1})
			d.fail(&Error{Line: lineAt(d.data, keyAt), Field: d.fieldPath(), Msg: "field " + strconv.Quote(string(k)) + " is given twice"})
			return false
		}
		seen |= 1 << i
		d.path = append(d.path, pathElem{key: names[i], idx: -1})
		if !field(i) {
			return false
		}
		d.path = d.path[:len(d.path)-1]
		if more, ok := d.after('}', "',' or '}' after an object value"); !more {
			return ok
		}
	}
}

func indexOf(names []string, k []byte) int {
	for i, n := range names {
		if string(k) == n {
			return i
		}
	}
	return -1
}

// array reads an array, calling elem for each element (null reads as an
// empty array).
func (d *decoder) array(what string, elem func(i int) bool) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '[':
	default:
		return d.typeErr(what)
	}
	d.pos++
	if d.peek() == ']' {
		d.pos++
		return true
	}
	for i := 0; ; i++ {
		d.path = append(d.path, pathElem{idx: i})
		if !elem(i) {
			return false
		}
		d.path = d.path[:len(d.path)-1]
		if more, ok := d.after(']', "',' or ']' after an array element"); !more {
			return ok
		}
	}
}

// after reads what follows a member of an object or array: a ',' (more
// follows), its closing byte (done, ok), or anything else (a syntax error).
func (d *decoder) after(closing byte, want string) (more, ok bool) {
	switch d.next() {
	case ',':
		d.pos++
		return true, true
	case closing:
		d.pos++
		return false, true
	}
	return false, d.syntaxErr(want)
}

// reserveSpans makes room in d.spanBlock and d.frags, which the spans and
// fragments of every document share, before the first span is read: for
// half as many as there are objects left in the file (a span is an object
// holding at least one more, its fragment, so there are at most that many
// spans; a file of multi-fragment spans may have more fragments, and that
// block then grows), at most one per 32 bytes. Grown by appending, the
// blocks were copied over and over and made half of the garbage of
// loading a long document (both showed in WebAssembly profiles); room for
// one span per object was twice what a dataset of 20,000 short documents
// needed (its documents and their metadata are objects too), which the
// collector then scanned.
func (d *decoder) reserveSpans() {
	rest := d.data[d.pos:]
	n := min(bytes.Count(rest, []byte{'{'})/2+1, len(rest)/32, 1<<20)
	d.spanBlock = make([]fileSpan, 0, n)
	d.frags = make([]fileFrag, 0, n)
}

// doubled returns s with room for as many elements again, for a block that
// outgrows its reservation (append grows a long slice by about a quarter
// at a time, copying it over and over).
func doubled[T any](s []T) []T {
	return slices.Grow(s, max(len(s), 16))
}

// --- the project file's structure ---

var (
	projectFields = []string{"format", "version", "schema", "documents"}
	docFields     = []string{"id", "title", "meta", "status", "labels", "text", "spans", "relations", "annotator", "undecided", "suggestions"}
	metaFields    = []string{"source", "url", "date", "extra"}
	spanFields    = []string{"id", "label", "fragments", "attrs", "note", "annotators", "adjudicated"}
	fragFields    = []string{"start", "end", "text"}
	relFields     = []string{"id", "type", "from", "to"}
)

func (d *decoder) project(f *fileProject) bool {
	return d.object("an object", projectFields, func(k int) bool {
		switch k {
		case 0:
			d.sawFormat = d.peek() != 'n'
			d.formatLine = lineAt(d.data, d.pos)
			return d.str(&f.Format)
		case 1:
			d.sawVersion = d.peek() != 'n'
			d.versionLine = lineAt(d.data, d.pos)
			return d.int(&f.Version)
		case 2:
			return d.schema(&f.Schema)
		default:
			return d.array("an array", func(int) bool {
				// read in place, the list doubled when full: appended
				// a quarter at a time, 20,000 documents were copied
				// over and over (through the write barrier while the
				// collector marked)
				if len(f.Documents) == cap(f.Documents) {
					f.Documents = doubled(f.Documents)
				}
				f.Documents = append(f.Documents, fileDoc{})
				return d.document(&f.Documents[len(f.Documents)-1])
			})
		}
	})
}

func (d *decoder) document(fd *fileDoc) bool {
	d.doc, d.span = "", ""
	ok := d.object("an object", docFields, func(k int) bool {
		switch k {
		case 0:
			if !d.str(&fd.ID) {
				return false
			}
			d.doc = fd.ID
			return true
		case 1:
			return d.str(&fd.Title)
		case 2:
			return d.meta(&fd.Meta)
		case 3:
			var s string
			ok := d.str(&s)
			fd.Status = Status(s)
			return ok
		case 4:
			return d.array("an array", func(int) bool {
				var l string
				ok := d.str(&l)
				fd.Labels = append(fd.Labels, l)
				return ok
			})
		case 5:
			return d.str(&fd.Text)
		case 6:
			if d.spanBlock == nil {
				d.reserveSpans()
			}
			start := len(d.spanBlock)
			ok := d.array("an array", func(int) bool {
				if len(d.spanBlock) == cap(d.spanBlock) {
					d.spanBlock = doubled(d.spanBlock)
				}
				d.spanBlock = append(d.spanBlock, fileSpan{})
				ok := d.fileSpan(&d.spanBlock[len(d.spanBlock)-1])
				d.span = ""
				return ok
			})
			if end := len(d.spanBlock); end > start {
				fd.Spans = d.spanBlock[start:end:end]
			}
			return ok
		case 8:
			return d.str(&fd.Annotator)
		case 9:
			return d.candidates(&fd.Undecided)
		case 10:
			return d.suggestions(&fd.Suggestions)
		default:
			return d.array("an array", func(int) bool {
				var r fileRel
				ok := d.object("an object", relFields, func(k int) bool {
					switch k {
					case 0:
						return d.str(&r.ID)
					case 1:
						return d.str(&r.Type)
					case 2:
						return d.str(&r.From)
					default:
						return d.str(&r.To)
					}
				})
				fd.Relations = append(fd.Relations, r)
				return ok
			})
		}
	})
	if ok {
		d.doc = ""
	}
	return ok
}

func (d *decoder) meta(m *Meta) bool {
	return d.object("an object", metaFields, func(k int) bool {
		switch k {
		case 0:
			return d.str(&m.Source)
		case 1:
			return d.str(&m.URL)
		case 2:
			return d.str(&m.Date)
		default:
			return d.rawObject(&m.Extra)
		}
	})
}

// rawObject reads a JSON object as its compact text ("" for null or {}),
// keeping its members' order and its values' spelling.
func (d *decoder) rawObject(dst *RawObject) bool {
	switch d.peek() {
	case 'n':
		*dst = ""
		return d.literal("null")
	case '{':
	default:
		return d.typeErr("an object")
	}
	start := d.pos
	if !d.skip() {
		return false
	}
	*dst = RawObject(compactJSON(d.data[start:d.pos]))
	if *dst == "{}" {
		*dst = ""
	}
	return true
}

// compactJSON drops the white space outside strings of a valid JSON text.
func compactJSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	in := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case in && c == '\\':
			out = append(out, c, b[i+1])
			i++
			continue
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		out = append(out, c)
	}
	return out
}

func (d *decoder) fileSpan(fs *fileSpan) bool {
	return d.object("an object", spanFields, func(k int) bool {
		switch k {
		case 0:
			if !d.str(&fs.ID) {
				return false
			}
			d.span = fs.ID
			return true
		case 1:
			return d.label(&fs.Label)
		case 2:
			// the fragments of every span share d.frags (see
			// reserveSpans); each span's are capped so that an append
			// copies them
			start := len(d.frags)
			ok := d.array("an array", func(int) bool {
				if len(d.frags) == cap(d.frags) {
					d.frags = doubled(d.frags)
				}
				d.frags = append(d.frags, fileFrag{})
				return d.frag(&d.frags[len(d.frags)-1])
			})
			if end := len(d.frags); end > start {
				fs.Fragments = d.frags[start:end:end]
			}
			return ok
		case 3:
			return d.attrs(&fs.Attrs)
		case 4:
			return d.str(&fs.Note)
		case 5:
			return d.strList(&fs.Annotators)
		default:
			return d.boolAs(&fs.Adjudicated, "true or false")
		}
	})
}

// attrs reads attribute values: strings and booleans directly, anything
// else as encoding/json would decode it into an any, so the rules refuse it
// with the same bad_attribute message. A name given twice is refused like
// any repeated field.
func (d *decoder) attrs(dst *map[string]any) bool {
	switch d.peek() {
	case 'n':
		if !d.literal("null") {
			return false
		}
		*dst = nil
		return true
	case '{':
	default:
		return d.typeErr("an object")
	}
	m := map[string]any{}
	*dst = m
	return d.members("attribute", func(k string) bool {
		if _, dup := m[k]; dup {
			return false
		}
		var v any
		switch c := d.peek(); c {
		case '"':
			var s string
			if !d.str(&s) {
				return false
			}
			v = s
		case 't':
			if !d.literal("true") {
				return false
			}
			v = true
		case 'f':
			if !d.literal("false") {
				return false
			}
			v = false
		case 'n':
			if !d.literal("null") {
				return false
			}
		default:
			// checked whole first, so a syntax error anywhere in it is
			// reported as such, before any number out of range
			start := d.pos
			if !d.skip() {
				return false
			}
			d.pos = start
			var ok bool
			if v, ok = d.anyValue(); !ok {
				d.err.Line = lineAt(d.data, start) // where the value starts, as before
				return false
			}
		}
		m[k] = v
		return true
	})
}

// members reads the members of an object whose keys are free (attribute
// names, layers), d.pos being at its '{'. value reads one member's value
// with the reader past the colon, or returns false without an error for a
// key given twice, which is refused here; what names the keys in that
// message.
func (d *decoder) members(what string, value func(k string) bool) bool {
	d.pos++
	if d.peek() == '}' {
		d.pos++
		return true
	}
	for {
		kb, ok := d.key()
		if !ok {
			return false
		}
		keyAt := d.keyAt
		k := string(kb)
		d.path = append(d.path, pathElem{key: k, idx: -1})
		if !value(k) {
			if d.err == nil {
				d.fail(&Error{Line: lineAt(d.data, keyAt), Field: d.fieldPath(), Msg: what + " " + strconv.Quote(k) + " is given twice"})
			}
			return false
		}
		d.path = d.path[:len(d.path)-1]
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return true
		default:
			return d.syntaxErr("',' or '}' after an object value")
		}
	}
}

// anyValue reads a value that skip has checked, as encoding/json decodes
// one into an any: objects as map[string]any (a repeated key keeps its
// last value), arrays as []any, numbers as float64. A number out of
// float64's range is refused with encoding/json's words.
func (d *decoder) anyValue() (any, bool) {
	switch c := d.peek(); c {
	case '{':
		d.pos++
		m := map[string]any{}
		if d.peek() == '}' {
			d.pos++
			return m, true
		}
		for {
			kb, _ := d.key()
			k := string(kb)
			v, ok := d.anyValue()
			if !ok {
				return nil, false
			}
			m[k] = v
			if d.peek() == ',' {
				d.pos++
				continue
			}
			d.pos++ // '}'
			return m, true
		}
	case '[':
		d.pos++
		a := []any{}
		if d.peek() == ']' {
			d.pos++
			return a, true
		}
		for {
			v, ok := d.anyValue()
			if !ok {
				return nil, false
			}
			a = append(a, v)
			if d.peek() == ',' {
				d.pos++
				continue
			}
			d.pos++ // ']'
			return a, true
		}
	case '"':
		var s string
		ok := d.str(&s)
		return s, ok
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	}
	at := d.pos
	num, ok := d.scanNumber()
	if !ok {
		return nil, false
	}
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil {
		return nil, d.fail(&Error{Line: lineAt(d.data, at), Field: d.fieldPath(), Msg: "cannot unmarshal number " + string(num) + " into Go value of type float64"})
	}
	return f, true
}

// headerErrors is asked when a file could not be read: a file that is not
// a spanmark project, or is a newer version, is reported as such rather
// than by its first unknown field. It looks at the top-level "format" and
// "version" as far as the file can be read.
func headerErrors(data []byte) Errors {
	d := &decoder{data: data}
	var format string
	var version int
	complete := false
	seen := map[string]bool{}
	if d.peek() == '{' {
		d.pos++
		complete = d.peek() == '}'
	fields:
		for !complete {
			k, ok := d.key()
			if !ok {
				break
			}
			if (string(k) == "format" || string(k) == "version") && seen[string(k)] {
				return nil // given twice: the read error says so, not the second value
			}
			seen[string(k)] = true
			switch string(k) {
			case "format":
				d.sawFormat = d.peek() != 'n'
				d.formatLine = lineAt(d.data, d.pos)
				ok = d.str(&format)
			case "version":
				d.sawVersion = d.peek() != 'n'
				d.versionLine = lineAt(d.data, d.pos)
				ok = d.int(&version)
			default:
				ok = d.skip()
			}
			if !ok {
				break
			}
			switch d.peek() {
			case ',':
				d.pos++
			case '}':
				complete = true
			default:
				break fields
			}
		}
	}
	if d.badType {
		return nil // a wrong type in format or version: the read error says so
	}
	return d.header(format, version, complete)
}

// header judges the format and version read; complete says the whole
// top-level object was read, so an absent field is really absent.
func (d *decoder) header(format string, version int, complete bool) Errors {
	var fp *string
	var vp *int
	if d.sawFormat {
		fp = &format
	}
	if d.sawVersion {
		vp = &version
	}
	if !complete && (fp == nil || format == FormatName && vp == nil) {
		return nil // the field may be further on, past what could be read
	}
	es := headerProblems(fp, vp)
	for _, e := range es {
		switch {
		case e.Field == "format" && d.sawFormat:
			e.Line = d.formatLine
		case e.Field == "version" && d.sawVersion:
			e.Line = d.versionLine
		}
	}
	return es
}

// frag reads one fragment object, {"start", "end", "text"}, into ff: a
// span's and an undecided span's alike.
func (d *decoder) frag(ff *fileFrag) bool {
	return d.object("an object", fragFields, func(k int) bool {
		switch k {
		case 0:
			return d.int(&ff.Start)
		case 1:
			return d.int(&ff.End)
		default:
			return d.str(&ff.Text)
		}
	})
}
