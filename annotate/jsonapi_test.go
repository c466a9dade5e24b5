package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// marshal is json.Marshal with HTML escaping off: what the hand-written
// writers must reproduce byte for byte.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

const weirdText = "a\x00b\x1f\"q\"\\ <&> \u2028\u2029 \xff\xfe tab\there\r\n\b\f é 👍🏽 end"

// edgeSchemas covers what changes the JSON of a schema: nil against empty
// slices and maps, the omitempty fields, escapes, map order.
func edgeSchemas() []*Schema {
	full := DefaultSchema()
	full.Labels[0].Description = weirdText
	full.Labels[0].Hotkey = "<"
	full.Labels = append(full.Labels, LabelDef{Name: weirdText, Layer: "x", Color: "&", Attributes: []AttrDef{
		{Name: "e", Type: AttrEnum, Values: []string{}}, {Name: "b", Type: AttrBool, Values: nil}, {Name: "v", Type: AttrEnum, Values: []string{weirdText, ""}},
	}})
	full.Relations = append(full.Relations, RelationDef{Name: "empty", From: []string{}, To: nil}, RelationDef{})
	full.Overlap = map[Layer]LayerPolicy{"zz": {}, "": {Crossing: true}, "B": {}, "a": {}, LayerClaim: {Crossing: true}}
	return []*Schema{
		DefaultSchema(),
		{},
		{Labels: []LabelDef{}, Relations: []RelationDef{}, Overlap: map[Layer]LayerPolicy{}, DocLabels: []string{}},
		{Labels: []LabelDef{{}}, Relations: []RelationDef{{}}, DocLabels: []string{""}},
		{Labels: []LabelDef{{Attributes: []AttrDef{}}, {Attributes: []AttrDef{{}}}}},
		full,
	}
}

// randomSchema makes a schema of random shape, most strings drawn from a
// set with every kind of character JSON escapes.
func randomSchema(r *rand.Rand) *Schema {
	strs := []string{"", "a", "PERSON", weirdText, "<b>", "\u2028", "\xff", "é", `"`, "\\", "\x7f"}
	str := func() string { return strs[r.IntN(len(strs))] }
	list := func() []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, r.IntN(4)+1)
		for i := range out {
			out[i] = str()
		}
		return out
	}
	s := &Schema{DocLabels: list()}
	if r.IntN(4) > 0 {
		s.Labels = []LabelDef{}
		for range r.IntN(4) {
			l := LabelDef{Name: str(), Layer: Layer(str()), Color: str(), Hotkey: str(), Description: str()}
			if r.IntN(3) > 0 {
				l.Attributes = []AttrDef{}
				for range r.IntN(3) {
					l.Attributes = append(l.Attributes, AttrDef{Name: str(), Type: AttrType(str()), Values: list()})
				}
			}
			s.Labels = append(s.Labels, l)
		}
	}
	if r.IntN(4) > 0 {
		s.Relations = []RelationDef{}
		for range r.IntN(4) {
			s.Relations = append(s.Relations, RelationDef{Name: str(), From: list(), To: list()})
		}
	}
	if r.IntN(4) > 0 {
		s.Overlap = map[Layer]LayerPolicy{}
		for range r.IntN(4) {
			s.Overlap[Layer(str())] = LayerPolicy{Crossing: r.IntN(2) == 0}
		}
	}
	return s
}

func testSchemas() []*Schema {
	ss := edgeSchemas()
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		ss = append(ss, randomSchema(r))
	}
	return ss
}

// TestSchemaAppendJSONMatchesMarshal: the compact writer is json.Marshal.
func TestSchemaAppendJSONMatchesMarshal(t *testing.T) {
	for i, s := range testSchemas() {
		if got, want := s.AppendJSON(nil), marshal(t, s); !bytes.Equal(got, want) {
			t.Fatalf("schema %d:\n got %s\nwant %s", i, got, want)
		}
	}
	// appends, and a nil schema is null as for encoding/json
	if got := string((*Schema)(nil).AppendJSON([]byte("x="))); got != "x=null" {
		t.Fatalf("nil schema: %s", got)
	}
}

// TestProjectSchemaMatchesEncodingJSON: in the project file the schema is
// what encoding/json with SetIndent wrote before it was written by hand.
func TestProjectSchemaMatchesEncodingJSON(t *testing.T) {
	for i, s := range testSchemas() {
		p := NewProject(s)
		if got, want := saved(t, p), reference(t, p); !bytes.Equal(got, want) {
			t.Fatalf("schema %d:\n%s\n---\n%s", i, got, want)
		}
	}
}

// TestSchemaRoundTrip: what AppendJSON writes, encoding/json reads back as
// the same schema, and ParseSchema reads back exactly (nil and empty kept
// apart, as the file needs).
func TestSchemaRoundTrip(t *testing.T) {
	for i, s := range testSchemas() {
		b := s.AppendJSON(nil)
		var viaJSON *Schema
		if err := json.Unmarshal(b, &viaJSON); err != nil {
			t.Fatalf("schema %d: encoding/json cannot read %s: %v", i, b, err)
		}
		d := &decoder{data: b}
		var got *Schema
		if !d.schema(&got) {
			t.Fatalf("schema %d: %v", i, d.err)
		}
		if !reflect.DeepEqual(got, viaJSON) {
			t.Fatalf("schema %d: read back as\n%#v\nencoding/json reads\n%#v", i, got, viaJSON)
		}
	}
	// ParseSchema validates: the default schema goes through unchanged
	s, err := ParseSchema(DefaultSchema().AppendJSON(nil))
	if err != nil || !reflect.DeepEqual(s, DefaultSchema()) {
		t.Fatalf("default schema: %v\n%#v", err, s)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	valid := string(DefaultSchema().AppendJSON(nil))
	for _, c := range []struct {
		in          string
		code        Code
		line        int
		field, msg  string
		moreProblem bool
	}{
		{``, CodeBadArgument, 0, "", "the JSON text is empty or cut short", false},
		{`  `, CodeBadArgument, 0, "", "the JSON text is empty or cut short", false},
		{`null`, CodeBadArgument, 0, "schema", "expected an object, found a JSON null", false},
		{`nul`, CodeBadArgument, 0, "", "the JSON text is empty or cut short", false},
		{`nulx`, CodeBadArgument, 0, "", "not valid JSON: character 'x' looking for the literal null", false},
		{`[]`, CodeBadArgument, 0, "schema", "expected an object, found a JSON array", false},
		{`true`, CodeBadArgument, 0, "schema", "expected an object, found a JSON boolean", false},
		{`{"labels": 5}`, CodeBadArgument, 0, "schema.labels", "expected []annotate.LabelDef, found a JSON number", false},
		{`{"lables": []}`, CodeBadArgument, 0, "schema.lables", `unknown field "lables"`, false},
		{`{"Labels": []}`, CodeBadArgument, 0, "schema.Labels", `unknown field "Labels"`, false},
		{`{"labels": [], "labels": []}`, CodeBadArgument, 0, "schema.labels", `field "labels" is given twice`, false},
		{`{"labels": [{}, {"name": true}]}`, CodeBadArgument, 0, "schema.labels[1].name", "expected string, found a JSON bool", false},
		{"{\"labels\": [\n  {\"name\": \"A\"},\n  {\"attributes\": [{\"type\": 7}]}]}", CodeBadArgument, 3, "schema.labels[1].attributes[0].type", "expected annotate.AttrType, found a JSON number", false},
		{`{"labels": [{"attributes": [{"values": ["a", {}]}]}]}`, CodeBadArgument, 0, "schema.labels[0].attributes[0].values[1]", "expected string, found a JSON object", false},
		{`{"relations": [{"from": "A"}]}`, CodeBadArgument, 0, "schema.relations[0].from", "expected []string, found a JSON string", false},
		{`{"overlap": {"entity": {"crossing": 1}}}`, CodeBadArgument, 0, "schema.overlap.entity.crossing", "expected bool, found a JSON number", false},
		{`{"overlap": {"entity": {}, "entity": {}}}`, CodeBadArgument, 0, "schema.overlap.entity", `layer "entity" is given twice`, false},
		{`{"overlap": []}`, CodeBadArgument, 0, "schema.overlap", "expected map[annotate.Layer]annotate.LayerPolicy, found a JSON array", false},
		{`{"doc_labels": [1]}`, CodeBadArgument, 0, "schema.doc_labels[0]", "expected string, found a JSON number", false},
		{`{"labels": [{} {}]}`, CodeBadArgument, 0, "", "not valid JSON: character '{' looking for ',' or ']' after an array element", false},
		{`{"labels": [{"name": "a\x"}]}`, CodeBadArgument, 0, "", `not valid JSON: character 'x' in string escape code`, false},
		{valid + ` {}`, CodeBadArgument, 0, "", "not valid JSON: unexpected character '{' after the end of the top-level object", false},
		{`{"labels": [`, CodeBadArgument, 0, "", "the JSON text is empty or cut short", false},
		// decoded, then validated as Load does
		{`{"labels": [{"name": "A", "layer": "entity", "color": "red"}], "overlap": {"topic": {}}}`, CodeBadSchema, 0, "schema.labels[0].color", `label "A" has colour "red"; use #rrggbb`, true},
	} {
		s, err := ParseSchema([]byte(c.in))
		if s != nil || err == nil {
			t.Errorf("%q: accepted", c.in)
			continue
		}
		var e *Error
		var es Errors
		switch {
		case errors.As(err, &es):
			if c.code != CodeBadSchema {
				t.Errorf("%q: %v, want one error", c.in, err)
				continue
			}
			e = es[0]
			if c.moreProblem != (len(es) > 1) {
				t.Errorf("%q: %d problems", c.in, len(es))
			}
		case errors.As(err, &e):
		default:
			t.Errorf("%q: error %T %v", c.in, err, err)
			continue
		}
		if e.Code != c.code || e.Line != c.line || e.Field != c.field || e.Msg != c.msg {
			t.Errorf("%q:\n got %s %d %q %q\nwant %s %d %q %q", c.in, e.Code, e.Line, e.Field, e.Msg, c.code, c.line, c.field, c.msg)
		}
	}
}

// A schema accepted by the file is accepted by ParseSchema, and the other
// way round: the same reader.
func TestParseSchemaAgreesWithLoad(t *testing.T) {
	for _, in := range []string{
		`{"labels": [{"name": "A", "layer": "entity", "color": "#000000"}], "relations": null, "overlap": {"entity": null}, "doc_labels": null}`,
		`{"labels": [{"name": "A", "layer": "entity", "color": "#000000", "hotkey": null, "attributes": [{"name": "x", "type": "text", "values": null}]}], "relations": [], "overlap": {}}`,
		`{"labels": [{"name": "A", "layer": "entity", "color": "#000000", "attributes": [{"name": "x", "type": "enum"}]}], "relations": [], "overlap": {}}`,
		`{"labels": [{"name": "A", "layer": "entity", "color": "#000000"}], "relations": [{"name": "r", "from": ["A"], "to": ["B"]}], "overlap": {}}`,
		string(DefaultSchema().AppendJSON(nil)),
	} {
		s, perr := ParseSchema([]byte(in))
		p, lerr := Load([]byte(`{"format": "spanmark", "version": 1, "schema": `+in+`}`), "")
		if (perr == nil) != (lerr == nil) {
			t.Errorf("%s: ParseSchema %v, Load %v", in, perr, lerr)
			continue
		}
		if perr == nil && !reflect.DeepEqual(s, p.Schema) {
			t.Errorf("%s: ParseSchema %#v, Load %#v", in, s, p.Schema)
		}
		if perr != nil && perr.Error() != lerr.Error() {
			t.Errorf("%s: ParseSchema %q, Load %q", in, perr, lerr)
		}
	}
}

func TestParseLabelDef(t *testing.T) {
	for _, l := range append(DefaultSchema().Labels, LabelDef{}, LabelDef{Name: weirdText, Attributes: []AttrDef{{Name: "x", Values: []string{}}}}) {
		b := marshal(t, l)
		got, err := ParseLabelDef(b)
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		var want LabelDef
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: got %#v, want %#v", b, got, want)
		}
	}
	for _, c := range []struct{ in, field, msg string }{
		{`"PERSON"`, "", "expected an object, found a JSON string"},
		{`null`, "", "expected an object, found a JSON null"},
		{`{"name": "A", "colour": "#000000"}`, "colour", `unknown field "colour"`},
		{`{"name": "A", "name": "B"}`, "name", `field "name" is given twice`},
		{`{"layer": 1}`, "layer", "expected annotate.Layer, found a JSON number"},
		{`{"attributes": {}}`, "attributes", "expected []annotate.AttrDef, found a JSON object"},
		{`{"attributes": [5]}`, "attributes[0]", "expected annotate.AttrDef, found a JSON number"},
		{`{"attributes": [{"name": "a", "kind": "enum"}]}`, "attributes[0].kind", `unknown field "kind"`},
		{`{"attributes": [{"values": [false]}]}`, "attributes[0].values[0]", "expected string, found a JSON bool"},
		{`{} x`, "", "not valid JSON: unexpected character 'x' after the end of the top-level object"},
	} {
		_, err := ParseLabelDef([]byte(c.in))
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeBadArgument || e.Field != c.field || e.Msg != c.msg || e.Line != 0 {
			t.Errorf("%s: %#v, want field %q, %q", c.in, e, c.field, c.msg)
		}
	}
}

func TestParseRelationDef(t *testing.T) {
	for _, r := range append(DefaultSchema().Relations, RelationDef{}, RelationDef{Name: weirdText, From: []string{}, To: []string{"", weirdText}}) {
		b := marshal(t, r)
		got, err := ParseRelationDef(b)
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		var want RelationDef
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: got %#v, want %#v", b, got, want)
		}
	}
	for _, c := range []struct{ in, field, msg string }{
		{`[]`, "", "expected an object, found a JSON array"},
		{`{"name": "r", "type": "x"}`, "type", `unknown field "type"`},
		{`{"from": "CLAIM"}`, "from", "expected []string, found a JSON string"},
		{`{"to": [null, 1]}`, "to[1]", "expected string, found a JSON number"},
		{"{\"to\": [\n1]}", "to[0]", "expected string, found a JSON number"},
	} {
		_, err := ParseRelationDef([]byte(c.in))
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeBadArgument || e.Field != c.field || e.Msg != c.msg {
			t.Errorf("%s: %#v, want field %q, %q", c.in, e, c.field, c.msg)
		}
		if wantLine := strings.Count(c.in, "\n") + 1; wantLine > 1 && e != nil && e.Line != wantLine {
			t.Errorf("%s: line %d, want %d", c.in, e.Line, wantLine)
		}
	}
}

func TestAttrsJSON(t *testing.T) {
	for _, m := range []map[string]any{
		nil, {}, {"checkworthy": "yes", "b": true, "a": false, weirdText: weirdText, "": "", "B": "<&>"},
		// not in a document, but written as json.Marshal writes them
		{"n": 1.5, "i": 3, "z": nil, "big": 1e21, "under": 1e20, "small": 1e-7, "edge": 1e-6, "below": 9.99e-7, "neg": -0.0, "frac": -123.456, "l": []any{1.0, "x", nil, []any{}, map[string]any{}}, "m": map[string]any{"b": true, "a": []any{2e-9}}},
	} {
		got, want := AppendAttrs(nil, m), marshal(t, m)
		if !bytes.Equal(got, want) {
			t.Fatalf("got %s\nwant %s", got, want)
		}
		back, err := ParseAttrs(got)
		if err != nil {
			t.Fatal(err)
		}
		var viaJSON map[string]any
		if err := json.Unmarshal(got, &viaJSON); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, viaJSON) {
			t.Fatalf("%s: read back %#v, encoding/json reads %#v", got, back, viaJSON)
		}
	}
	for _, c := range []struct{ in, field, msg string }{
		{`"yes"`, "", "expected an object, found a JSON string"},
		{`{"a": "x", "a": "y"}`, "a", `attribute "a" is given twice`},
		{`{"a": 1e999}`, "a", "cannot unmarshal number 1e999 into Go value of type float64"},
		{`{"a": [1, }`, "", "not valid JSON: character '}' looking for the beginning of a value"},
	} {
		_, err := ParseAttrs([]byte(c.in))
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeBadArgument || e.Field != c.field || e.Msg != c.msg {
			t.Errorf("%s: %#v, want field %q, %q", c.in, e, c.field, c.msg)
		}
	}
	// values JSON cannot hold are null, not a broken text
	if got := string(AppendAttrs(nil, map[string]any{"nan": math.NaN(), "ch": make(chan int), "ok": "y"})); got != `{"ch":null,"nan":null,"ok":"y"}` {
		t.Fatalf("unsupported values: %s", got)
	}
}

// TestSaveOtherAttrValues: a value that only a caller ignoring the
// read-only rule could put in a span is written as encoding/json wrote it,
// and one JSON cannot hold fails the save instead of writing a broken file.
func TestSaveOtherAttrValues(t *testing.T) {
	p, d := newDoc(t, "Obama met Merkel.")
	s := mustAdd(t, d, LabelClaim, Fragment{0, 5})
	s.Attrs = map[string]any{"n": 12.5, "i": 7, "z": nil, "e": 1e-9, "l": []any{1.0, []any{}, map[string]any{}, "x"},
		"m": map[string]any{"k": map[string]any{"deep": []any{true, nil}}, "a": 1e21}, "nl": []any(nil), "nm": map[string]any(nil)}
	if got, want := saved(t, p), reference(t, p); !bytes.Equal(got, want) {
		t.Fatalf("hand-written encoder differs from encoding/json:\n%s\n---\n%s", got, want)
	}
	for _, v := range []any{math.Inf(1), math.NaN(), int64(3), []string{"a"}} {
		s.Attrs = map[string]any{"v": v}
		if b, err := p.Bytes(); err == nil || CodeOf(err) != CodeInternal {
			t.Fatalf("%#v: saved %s, %v", v, b, err)
		}
	}
}

func TestMetaJSON(t *testing.T) {
	for _, m := range []Meta{{}, {Source: "s"}, {URL: "http://x/?a=1&b=<2>"}, {Source: weirdText, URL: "u", Date: "2024-01-02"}, {Date: "\u2028"}} {
		b := m.AppendJSON(nil)
		if want := marshal(t, m); !bytes.Equal(b, want) {
			t.Fatalf("got %s\nwant %s", b, want)
		}
		got, err := ParseMeta(b)
		if err != nil {
			t.Fatal(err)
		}
		var viaJSON Meta
		if err := json.Unmarshal(b, &viaJSON); err != nil {
			t.Fatal(err)
		}
		if got != viaJSON {
			t.Fatalf("%s: read back %#v, encoding/json reads %#v", b, got, viaJSON)
		}
	}
	if m, err := ParseMeta([]byte(`{"source": null, "url": "u"}`)); err != nil || m != (Meta{URL: "u"}) {
		t.Fatalf("nulls: %#v %v", m, err)
	}
	for _, c := range []struct{ in, field, msg string }{
		{`{"author": "x"}`, "author", `unknown field "author"`},
		{`{"url": 1}`, "url", "expected a string, found a JSON number"},
		{`{"url": "a", "url": "b"}`, "url", `field "url" is given twice`},
		{`5`, "", "expected an object, found a JSON number"},
	} {
		_, err := ParseMeta([]byte(c.in))
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeBadArgument || e.Field != c.field || e.Msg != c.msg {
			t.Errorf("%s: %#v, want field %q, %q", c.in, e, c.field, c.msg)
		}
	}
}

func TestErrorAppendJSON(t *testing.T) {
	for _, e := range []*Error{
		{Code: CodeBadFormat, File: "f.json", Line: 3, Doc: "d", Span: "s1", Relation: "r1", Field: "spans[0].id", Msg: weirdText},
		{Code: CodeInternal},
		{Msg: "m", Line: -1},
		nil,
	} {
		if got, want := e.AppendJSON(nil), marshal(t, e); !bytes.Equal(got, want) {
			t.Fatalf("got %s\nwant %s", got, want)
		}
	}
}
