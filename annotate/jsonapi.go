package annotate

import "bytes"

// JSON in and out for the wasm bridge, which hands schemas, definitions,
// attribute values, document metadata and errors to JavaScript and back
// as JSON text, without encoding/json (imports_test.go says why). Output
// is byte for byte what json.Marshal writes with HTML escaping off; input
// is read by the project file's strict reader (decode.go): exact field
// names, no field given twice, nothing after the value, and errors that
// say what and where.
//
// Errors of the Parse functions are *Error with code bad_argument, the
// field path of the problem (schema.labels[2].attributes[0].type for a
// schema; attributes[0].type for a label definition) and the line when the
// text has more than one. ParseSchema also validates the schema, as Load
// does: those problems are Errors with code bad_schema.

// AppendJSON appends the schema as compact JSON, with the field names and
// omitted empty fields of the project file's "schema".
func (s *Schema) AppendJSON(b []byte) []byte {
	w := jw{b: b, compact: true}
	w.schema(s, 0)
	return w.b
}

// ParseSchema reads a schema from JSON, as the project file's "schema" is
// read, and validates it.
func ParseSchema(data []byte) (*Schema, error) {
	var s *Schema
	if e := strictValue(data, "schema", func(d *decoder) bool { return d.schema(&s) }); e != nil {
		return nil, e
	}
	if es := s.Validate(); len(es) > 0 {
		return nil, es
	}
	return s, nil
}

// ParseLabelDef reads one label definition ({name, layer, color, hotkey,
// description, attributes}). It is not validated on its own: AddLabel and
// UpdateLabel validate the schema it goes into.
func ParseLabelDef(data []byte) (LabelDef, error) {
	var l LabelDef
	if e := strictValue(data, "", func(d *decoder) bool {
		d.jsonWords = true // as in the schema
		return d.labelDef(&l)
	}); e != nil {
		return LabelDef{}, e
	}
	return l, nil
}

// ParseRelationDef reads one relation type definition ({name, from, to}).
// AddRelationType validates it.
func ParseRelationDef(data []byte) (RelationDef, error) {
	var r RelationDef
	if e := strictValue(data, "", func(d *decoder) bool {
		d.jsonWords = true
		return d.relationDef(&r)
	}); e != nil {
		return RelationDef{}, e
	}
	return r, nil
}

// AppendAttrs appends a span's attribute values as a compact JSON object
// with sorted keys (null for a nil map, as json.Marshal writes it). Values
// in a document are strings and booleans; a number, array or object is
// written as json.Marshal writes it, and a value JSON cannot hold (NaN, a
// Go type JSON has no form for) as null.
func AppendAttrs(b []byte, attrs map[string]any) []byte {
	w := jw{b: b, compact: true}
	w.value(attrs, 0)
	return w.b
}

// ParseAttrs reads attribute values from a JSON object, as a span's
// "attrs" is read from the project file: strings and booleans, and other
// values as encoding/json decodes them into an any (float64, []any,
// map[string]any, nil), which CheckValue then refuses with its usual
// message. A name given twice is refused. null gives a nil map.
func ParseAttrs(data []byte) (map[string]any, error) {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil, nil
	}
	var m map[string]any
	if e := strictValue(data, "", func(d *decoder) bool { return d.attrs(&m) }); e != nil {
		return nil, e
	}
	return m, nil
}

// AppendJSON appends the metadata as compact JSON, empty fields left out:
// {"source":…,"url":…,"date":…}.
func (m Meta) AppendJSON(b []byte) []byte {
	w := jw{b: b, compact: true}
	w.meta(m, 0)
	return w.b
}

// ParseMeta reads document metadata ({source, url, date}).
func ParseMeta(data []byte) (Meta, error) {
	var m Meta
	if e := strictValue(data, "", func(d *decoder) bool { return d.meta(&m) }); e != nil {
		return Meta{}, e
	}
	return m, nil
}

// AppendJSON appends the error as compact JSON with the field names of its
// struct tags, empty fields left out: {"code":…,"line":…,"message":…}.
func (e *Error) AppendJSON(b []byte) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	w := jw{b: b, compact: true}
	w.b = append(w.b, '{')
	w.key(0, "code", true)
	w.str(string(e.Code))
	w.optStr("file", e.File)
	if e.Line != 0 {
		w.key(0, "line", false)
		w.int(e.Line)
	}
	w.optStr("doc", e.Doc)
	w.optStr("span", e.Span)
	w.optStr("relation", e.Relation)
	w.optStr("field", e.Field)
	w.key(0, "message", false)
	w.str(e.Msg)
	w.b = append(w.b, '}')
	return w.b
}

// optStr writes a compact `,"name":"v"` unless v is empty (omitempty).
func (w *jw) optStr(name, v string) {
	if v != "" {
		w.key(0, name, false)
		w.str(v)
	}
}
