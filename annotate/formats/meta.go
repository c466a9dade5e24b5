package formats

import (
	"bytes"
	"encoding/json"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// A record's metadata that spanmark has no field for is kept with the
// document (annotate.Meta.Extra) and written back where each tool keeps
// it: doccano's other top-level fields (doccano keeps every column besides
// the text and the labels as the example's meta and writes them back at
// the top level), Prodigy's "meta" object, Label Studio's other "data"
// fields, with the task's "meta" under the key "meta". Values are kept as
// the file wrote them, in its order, without white space.

// metaField is one member of Meta.Extra.
type metaField struct {
	key   string
	value []byte // compact JSON
}

// extraBuilder collects a record's other fields in file order; a key given
// twice keeps its place and its last value, as a JSON reader would.
type extraBuilder []metaField

func (e *extraBuilder) add(key string, value []byte) {
	// a value without white space is compact as it stands (valid JSON:
	// the record's decoder read it), and is not copied (object copies it)
	if hasJSONSpace(value) {
		var b bytes.Buffer
		if json.Compact(&b, value) != nil {
			return // not valid JSON: the record's decoder has said so
		}
		value = b.Bytes()
	}
	if i := slices.IndexFunc(*e, func(f metaField) bool { return f.key == key }); i >= 0 {
		(*e)[i].value = value
		return
	}
	*e = append(*e, metaField{key, value})
}

// object is the fields as a Meta.Extra ("" when there are none).
func (e extraBuilder) object() annotate.RawObject {
	if len(e) == 0 {
		return ""
	}
	n := 2
	for _, f := range e {
		n += len(f.key) + len(f.value) + 4
	}
	b := appendMembers(append(make([]byte, 0, n), '{'), e, false)
	return annotate.RawObject(append(b, '}'))
}

// appendMembers appends `"key":value` for each field, comma-separated,
// with a leading comma when more is set (the object already has members).
func appendMembers(b []byte, fs []metaField, more bool) []byte {
	for i, f := range fs {
		if i > 0 || more {
			b = append(b, ',')
		}
		if plainASCII(f.key) { // (as marshal writes it, without running the encoder)
			b = append(append(append(b, '"'), f.key...), '"')
		} else {
			k, _ := marshal(f.key)
			b = append(b, k...)
		}
		b = append(b, ':')
		b = append(b, f.value...)
	}
	return b
}

// plainASCII: s is printable ASCII without " and \, which JSON writes as
// it stands.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// extraFields splits Meta.Extra into its members, in order.
func extraFields(o annotate.RawObject) []metaField {
	if o == "" {
		return nil
	}
	var out []metaField
	objectMembers([]byte(o), func(key string, value []byte) {
		out = append(out, metaField{key, value})
	})
	return out
}

// objectMembers calls fn with each member of the JSON object rec (valid
// JSON, as json.Unmarshal found it), the key unescaped and the value's
// bytes as they stand.
func objectMembers(rec []byte, fn func(key string, value []byte)) {
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return
	}
	i++
	for {
		i = skipSpace(rec, i)
		if i >= len(rec) || rec[i] == '}' {
			return
		}
		if rec[i] == ',' {
			i = skipSpace(rec, i+1)
		}
		end := skipString(rec, i)
		var key string
		if end-i >= 2 && rec[i] == '"' && rec[end-1] == '"' && plainKey(rec[i+1:end-1]) {
			key = string(rec[i+1 : end-1]) // (the common key, without escapes: no decoder to run)
		} else if json.Unmarshal(rec[i:end], &key) != nil {
			return
		}
		i = skipSpace(rec, end)
		start := skipSpace(rec, i+1) // past the ':'
		i = skipValue(rec, start)
		fn(key, bytes.TrimRight(rec[start:i], " \t\r\n"))
	}
}

// plainKey: a JSON string's body that decodes to itself (no escape, no
// control character, valid UTF-8), as json.Unmarshal would read it.
func plainKey(raw []byte) bool {
	for _, c := range raw {
		if c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(raw)
}

// splitExtra parts a document's other metadata into the fields a format
// can write and those whose keys it writes itself or its tool reads as
// something else (taken), which are counted in lost by key.
func splitExtra(o annotate.RawObject, taken []string, lost map[string]int) []metaField {
	fs := extraFields(o)
	out := fs[:0]
	for _, f := range fs {
		if slices.Contains(taken, f.key) {
			lost[f.key]++
			continue
		}
		out = append(out, f)
	}
	return out
}

// withMembers appends fields to the JSON object obj (as marshal writes it).
func withMembers(obj []byte, fs []metaField) []byte {
	if len(fs) == 0 {
		return obj
	}
	obj = bytes.TrimSuffix(obj, []byte{'}'})
	obj = appendMembers(obj, fs, len(obj) > 1)
	return append(obj, '}')
}

// extraLoss reports the metadata keys an export could not write.
func extraLoss(rep *Report, format string, lost map[string]int, why string) {
	if len(lost) == 0 {
		return
	}
	var parts []string
	for _, k := range order.Keys(lost) {
		parts = append(parts, k+" ("+count(lost[k], "document")+")")
	}
	rep.add("%s: metadata fields not written (%s): %s", format, why, strings.Join(parts, ", "))
}

// hasJSONSpace says whether b has any of JSON's white space (a loop, not
// bytes.ContainsAny: that brings bytes.IndexAny and IndexRune, 5 KB of
// the formats module, into the single file's 1.4 MB).
func hasJSONSpace(b []byte) bool {
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}
