package annotate

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

var updateMessages = flag.Bool("update-messages", false, "rewrite testdata/messages.golden")

// TestMessagesGolden pins the text of the errors and reports the core
// produces, one per code path that builds a message. The golden file was
// written while the messages were still made with fmt; they are now built
// by hand (the core must not link fmt, see imports_test.go), and are byte
// for byte what they were. The one deliberate change, when the schema
// stopped being read by encoding/json: its read errors (the "schema N"
// cases) now name the exact field (schema.labels[0].name, not
// schema.labels.name), and a field in another case or given twice is
// refused there as everywhere else in the file.
func TestMessagesGolden(t *testing.T) {
	var b strings.Builder
	add := func(name string, v any) {
		b.WriteString(name)
		b.WriteString(" → ")
		switch v := v.(type) {
		case nil:
			b.WriteString("<nil>")
		case error:
			var e *Error
			var es Errors
			switch {
			case errors.As(v, &es):
				for _, e := range es {
					b.WriteString("[" + string(e.Code) + " " + e.Field + "] ")
				}
			case errors.As(v, &e):
				b.WriteString("[" + string(e.Code) + " " + e.Field + "] ")
			}
			b.WriteString(v.Error())
		case string:
			b.WriteString(v)
		case []string:
			b.WriteString(strings.Join(v, "\n    "))
		}
		b.WriteString("\n")
	}
	for _, c := range messageCases(t) {
		add(c.name, c.v)
	}
	got := b.String()
	const file = "testdata/messages.golden"
	if *updateMessages {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d:\n got: %s\nwant: %s", i+1, g, w)
			}
		}
	}
}

type messageCase struct {
	name string
	v    any // error, string or []string
}

func messageCases(t *testing.T) []messageCase {
	var cs []messageCase
	add := func(name string, v any) { cs = append(cs, messageCase{name, v}) }
	second := func(_ any, err error) error { return err }
	third := func(_, _ any, err error) error { return err }

	// Error and Errors themselves
	full := &Error{Code: CodeBadFormat, File: "a.json", Line: 12, Doc: "d\"1", Span: "s1", Relation: "r1", Field: "spans[0].id", Msg: "m"}
	add("error full", full)
	add("error file only", &Error{File: "a.json", Msg: "m"})
	add("error line only", &Error{Line: 7, Doc: "é\x01", Msg: "m"})
	add("errors none", Errors{})
	add("errors one", Errors{full})
	add("errors two", Errors{full, {Msg: "second"}})

	// attribute values
	enum := &AttrDef{Name: "kind", Type: AttrEnum, Values: []string{"yes", "no \"really\"", "ü"}}
	for _, v := range []any{"maybe", nil, true, false, 1.0, 1.5, -0.0, 1e21, 1e20, 1e-7, 0.000123, 123456789.0, math.Inf(1), math.Inf(-1), math.NaN(), 3, -7,
		[]any{1.0, "x"}, []any{}, map[string]any{"a": 1.0}, map[string]any{}} {
		add("enum value "+strconv.Quote(describe(v)), enum.CheckValue(v))
	}
	add("enum no values", (&AttrDef{Name: "e", Type: AttrEnum}).CheckValue(2.0))
	add("bool value", (&AttrDef{Name: "b", Type: AttrBool}).CheckValue("true"))
	add("bool value nil", (&AttrDef{Name: "b", Type: AttrBool}).CheckValue(nil))
	add("bool value number", (&AttrDef{Name: "b", Type: AttrBool}).CheckValue(0.0))
	add("text value", (&AttrDef{Name: "t", Type: AttrText}).CheckValue(false))
	add("text value array", (&AttrDef{Name: "t", Type: AttrText}).CheckValue([]any{"a"}))
	add("unknown type", (&AttrDef{Name: "u", Type: "date"}).CheckValue("x"))

	// schema validation
	bad := &Schema{
		Labels: []LabelDef{
			{Name: "", Layer: "x", Color: "red", Hotkey: "12"},
			{Name: "A", Layer: LayerEntity, Color: "#000000", Hotkey: "1", Attributes: []AttrDef{
				{Name: "", Type: AttrEnum},
				{Name: "b", Type: AttrBool, Values: []string{"x"}},
				{Name: "b", Type: "num"},
			}},
			{Name: "A", Layer: LayerClaim, Color: "#00000g", Hotkey: "1"},
		},
		Relations: []RelationDef{{Name: "", From: nil, To: []string{"Z"}}, {Name: "r", From: []string{"A"}, To: []string{"A"}}, {Name: "r", From: []string{"A"}, To: []string{"A"}}},
		Overlap:   map[Layer]LayerPolicy{"zeta": {}, "alpha": {Crossing: true}, LayerEntity: {}},
		DocLabels: []string{"x", "", "x"},
	}
	add("schema", bad.Validate())

	// span and relation rules
	text := "Obama met Merkel in Berlin. 👩🏽‍🚀 e\u0301 end."
	p, d := newDoc(t, text)
	person := mustAdd(t, d, "PERSON", at(t, text, "Obama", 0))
	mustAdd(t, d, "PERSON", at(t, text, "Merkel", 0))
	claim := mustAdd(t, d, "CLAIM", at(t, text, "met Merkel", 0))
	span := func(l string, fs ...Fragment) error {
		_, _, err := d.AddSpan(SpanInput{Label: l, Fragments: fs})
		return err
	}
	add("no fragments", span("PERSON"))
	add("out of range", span("PERSON", Fragment{-1, 3}))
	add("past the end", span("PERSON", Fragment{3, 400}))
	add("empty fragment", span("PERSON", Fragment{3, 3}))
	add("unsorted", span("PERSON", Fragment{10, 12}, Fragment{0, 2}))
	add("touching", span("PERSON", Fragment{0, 2}, Fragment{2, 4}))
	add("unknown label", span("NOPE", Fragment{0, 2}))
	add("duplicate", span("PERSON", at(t, text, "Obama", 0)))
	add("crossing", span("ORG", Fragment{2, 8}))
	add("crossing claim", span("CLAIM", Fragment{0, 5}, Fragment{6, 12}))
	add("no attribute", third(d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{at(t, text, "Berlin", 0)}, Attrs: map[string]any{"x": "y"}})))
	add("bad attribute", third(d.AddSpan(SpanInput{Label: "CLAIM", Fragments: []Fragment{at(t, text, "Berlin", 0)}, Attrs: map[string]any{"checkworthy": 1.0}})))
	add("set attribute", second(d.SetAttr(claim.ID, "polarity", "maybe")))
	add("relation type", third(d.AddRelation("nope", claim.ID, person.ID)))
	add("relation from", third(d.AddRelation(RelationClaimant, "s99", person.ID)))
	add("relation to", third(d.AddRelation(RelationClaimant, claim.ID, "s99")))
	add("relation self", third(d.AddRelation(RelationClaimant, claim.ID, claim.ID)))
	add("relation start", third(d.AddRelation(RelationClaimant, person.ID, claim.ID)))
	long := mustAdd(t, d, "CUE", Fragment{0, len([]rune(text))})
	add("relation end", third(d.AddRelation(RelationClaimant, claim.ID, long.ID)))
	r, _, err := d.AddRelation(RelationClaimant, claim.ID, person.ID)
	if err != nil {
		t.Fatal(err)
	}
	add("relation twice", third(d.AddRelation(RelationClaimant, claim.ID, person.ID)))
	add("remove span", second(d.RemoveSpan("s99")))
	add("fragment index", second(d.SetFragment(person.ID, 3, Fragment{0, 2})))
	add("remove last fragment", second(d.RemoveFragment(person.ID, 0)))
	add("remove relation", second(d.RemoveRelation("r99")))
	add("status", second(d.SetStatus("finished")))
	add("doc label", second(d.SetDocLabels([]string{"nope"})))
	add("doc label twice", second(d.SetDocLabels([]string{"opinion", "opinion"})))
	add("empty pattern", second(d.Matches(LabelAllOptions{Label: "PERSON"})))
	add("bad regexp", second(d.Matches(LabelAllOptions{Label: "PERSON", Pattern: "a(\"", Regex: true})))
	add("label all label", second(d.LabelAll(LabelAllOptions{Label: "NOPE", Pattern: "x"})))
	res, err := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "ber\"lin\\"})
	if err != nil {
		t.Fatal(err)
	}
	add("label all op", res.Change.Op)
	c, err := d.Undo()
	if err != nil {
		t.Fatal(err)
	}
	add("undo op", c.Op)
	_, d2 := newDoc(t, "x")
	add("nothing to undo", second(d2.Undo()))
	add("nothing to redo", second(d2.Redo()))
	add("describe span", d.describeSpan(long))
	add("describe short span", d.describeSpan(person))
	_ = r

	// snapping
	x := NewTextIndex("  Hello, world!  ")
	snap := func(s, e int, o SnapOptions) error { _, err := x.Snap(s, e, o); return err }
	add("snap range", snap(3, 99, SnapOptions{}))
	add("snap char empty", snap(0, 2, SnapOptions{Mode: SnapChar}))
	add("snap mode", snap(0, 2, SnapOptions{Mode: "line"}))
	add("snap no word", snap(1, 1, SnapOptions{}))
	add("snap whitespace", snap(0, 2, SnapOptions{}))
	add("snap punct", snap(7, 9, SnapOptions{TrimPunct: true}))

	// the project
	add("no document", second(p.MustDoc("x\"y")))
	add("document id", second(p.AddDocument("a b", "", "", Meta{})))
	add("document twice", second(p.AddDocument("d", "", "", Meta{})))
	var ids []string
	for range 3 {
		nd, err := p.AddDocument("", "Same Title", "t", Meta{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, nd.ID)
	}
	add("free ids", ids)
	add("populate", d2.Populate(
		[]*Span{{ID: "s1", Label: "PERSON", Fragments: []Fragment{{0, 1}}}, {ID: "s1", Label: "PERSON", Fragments: []Fragment{{0, 1}}}, {ID: "a b", Label: "PERSON"}},
		[]*Relation{{ID: "r1", Type: "cue", From: "s1", To: "s1"}, {ID: "r 1"}}))

	// schema edits
	add("add label twice", second(p.AddLabel(LabelDef{Name: "PERSON", Layer: LayerEntity, Color: "#000000"})))
	add("add label invalid", second(p.AddLabel(LabelDef{Name: "NEW", Layer: LayerEntity, Color: "blue"})))
	add("update unknown", second(p.UpdateLabel("NOPE", LabelDef{}, UpdateLabelOptions{})))
	add("update rename", second(p.UpdateLabel("PERSON", LabelDef{Name: "P"}, UpdateLabelOptions{})))
	pl := *p.Schema.Label("PERSON")
	pl.Layer = LayerClaim
	add("update layer", second(p.UpdateLabel("PERSON", pl, UpdateLabelOptions{})))
	if _, err := d.SetAttr(claim.ID, "polarity", "denied"); err != nil {
		t.Fatal(err)
	}
	cl := cloneLabel(*p.Schema.Label("CLAIM"))
	cl.Attributes = cl.Attributes[:1]
	cl.Attributes[0].Values = []string{"no"}
	add("update attributes", second(p.UpdateLabel("CLAIM", cl, UpdateLabelOptions{})))
	if _, err := d.SetAttr(claim.ID, "checkworthy", "yes"); err != nil {
		t.Fatal(err)
	}
	add("update attribute values", second(p.UpdateLabel("CLAIM", cl, UpdateLabelOptions{})))
	add("rename claim", second(p.RenameLabel("CLAIM", "C", false)))
	add("rename to existing", second(p.RenameLabel("PERSON", "ORG", false)))
	add("add relation twice", second(p.AddRelationType(RelationDef{Name: "cue", From: []string{"CLAIM"}, To: []string{"CUE"}})))
	add("remove relation type", second(p.RemoveRelationType("nope", false)))
	add("unknown layer", second(p.SetCrossing("topic", true, false)))
	if _, err := p.SetCrossing(LayerEntity, true, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddSpan(SpanInput{Label: "ORG", Fragments: []Fragment{{2, 8}}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddSpan(SpanInput{Label: "GPE", Fragments: []Fragment{{4, 12}}}); err != nil {
		t.Fatal(err)
	}
	add("forbid crossing", second(p.SetCrossing(LayerEntity, false, false)))

	// appending projects
	q := NewProject(nil)
	for i := range 12 {
		id := "doc"
		if i > 0 {
			id += "-" + strconv.Itoa(i+1)
		}
		if _, err := q.AddDocument(id, "", "t", Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	o := NewProject(nil)
	for i := range 12 {
		id := "doc"
		if i > 0 {
			id += "-" + strconv.Itoa(i+1)
		}
		if _, err := o.AddDocument(id, "", "t", Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	o.Schema.Labels = append(o.Schema.Labels,
		LabelDef{Name: "TOPIC", Layer: LayerClaim, Color: "#123456", Hotkey: "1"},
		LabelDef{Name: "NEW2", Layer: LayerEntity, Color: "#123456", Hotkey: "x"})
	o.Schema.Label("PERSON").Attributes = []AttrDef{{Name: "role", Type: AttrText}}
	ca := o.Schema.Label("CLAIM")
	ca.Attributes[0].Values = append(ca.Attributes[0].Values, "later", "never")
	o.Schema.Relations = append(o.Schema.Relations, RelationDef{Name: "about", From: []string{"CLAIM"}, To: []string{"TOPIC"}})
	o.Schema.Relation("cue").To = append(o.Schema.Relation("cue").To, "SOURCE")
	o.Schema.Relation("cue").From = append(o.Schema.Relation("cue").From, "SOURCE")
	o.Schema.Overlap[LayerClaim] = LayerPolicy{Crossing: true}
	o.Schema.DocLabels = append(o.Schema.DocLabels, "later")
	add("append report", func() []string {
		rep, err := q.PlanAppend(o)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}())
	one := NewProject(nil)
	if _, err := one.AddDocument("doc", "", "t", Meta{}); err != nil {
		t.Fatal(err)
	}
	add("append one rename", func() []string {
		rep, err := q.PlanAppend(one)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}())
	conf := NewProject(nil)
	conf.Schema.Label("PERSON").Layer = LayerClaim
	conf.Schema.Label("CLAIM").Attributes[0].Type = AttrText
	conf.Schema.Label("CLAIM").Attributes[0].Values = nil
	add("append conflicts", second(q.PlanAppend(conf)))
	inv := NewProject(nil)
	inv.Schema.Labels = append(inv.Schema.Labels, LabelDef{Name: "X", Layer: LayerEntity, Color: "nope"})
	add("append invalid", second(q.PlanAppend(inv)))

	// loading
	load := func(s string) error { _, err := Load([]byte(s), "f.json"); return err }
	head := `{"format": "spanmark", "version": 1, "schema": ` + defaultSchemaJSON() + `, "documents": [`
	add("load not a project", load(`{"format": "brat", "version": 1}`))
	add("load no format", load(`{"version": 1}`))
	add("load no version", load(`{"format": "spanmark"}`))
	add("load newer", load(`{"format": "spanmark", "version": 4}`))
	add("load version 0", load(`{"format": "spanmark", "version": 0}`))
	add("load no schema", load(`{"format": "spanmark", "version": 1}`))
	add("load bad schema", load(`{"format": "spanmark", "version": 1, "schema": {"labels": [{"name": "A", "layer": "x", "color": "#000000"}], "relations": [], "overlap": {}}}`))
	add("load document", load(head+`{"id": "a b", "text": "x"}, {"id": "ok", "text": "abc", "status": "finished", "labels": ["nope"],
		"spans": [{"id": "", "label": "PERSON", "fragments": [{"start": 0, "end": 1, "text": "a"}]},
		{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 1, "text": "a"}]},
		{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 1, "text": "a"}]},
		{"id": "s2", "label": "PERSON", "fragments": [{"start": 1, "end": 2, "text": "x\"y"}]},
		{"id": "s3", "label": "CLAIM", "fragments": [{"start": 2, "end": 3, "text": "c"}], "attrs": {"checkworthy": 2, "polarity": [1, {"a": null}], "attribution": {"x": [true]}}},
		{"id": "s4", "label": "CLAIM", "fragments": [{"start": 2, "end": 3, "text": "c"}], "attrs": {"checkworthy": null}},
		{"id": "s5", "label": "CLAIM", "fragments": [{"start": 2, "end": 3, "text": "c"}], "attrs": {"polarity": -0.5e-3}}],
		"relations": [{"id": "r 1", "type": "cue", "from": "s1", "to": "s1"}, {"id": "r1", "type": "x", "from": "s1", "to": "s1"}, {"id": "r1", "type": "x", "from": "s1", "to": "s1"}]}]}`))
	// read errors: one each
	for i, s := range []string{
		``, `  `, `[]`, `{"format": "spanmark", "version": 1} x`, `{"format": "spanmark", "version": 1,`,
		`{"format": "spanmark", "version": 1.5}`, `{"format": "spanmark", "version": 99999999999999999999}`,
		`{"format": "spanmark", "version": 1, "documents": {}}`, `{"format": "spanmark", "version": 1, "documents": [{"id": 1}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": true}]}`, `{"format": "spanmark", "version": 1, "documents": [{"title": [1]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"titel": ""}]}`, `{"format": "spanmark", "version": 1, "documents": [{"id": "", "id": ""}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "a\x"}]}`, `{"format": "spanmark", "version": 1, "documents": [{"id": "a\u12x4"}]}`,
		"{\"format\": \"spanmark\", \"version\": 1, \"documents\": [{\"id\": \"a\x01\"}]}", `{"format": "spanmark", "version": 1, "documents": [{"id": tru}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "a" "title": ""}]}`, `{"format": "spanmark", "version": 1, "documents": [1 2]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"spans": [{"fragments": [{"start": 01}]}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"spans": [{"fragments": [{"start": -}]}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"spans": [{"fragments": [{"start": 1.}]}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"spans": [{"fragments": [{"start": 1e}]}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": 1, "a": 2}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": 1e400}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": [1, 2e999, "x"]}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": {"b": -1e309}}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": ` + strings.Repeat("[", 10001) + `}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": {"a": {"b" 1}}}]}]}`,
		`{"format": "spanmark", "version": 1, "documents": [{"id": "d", "spans": [{"id": "s", "attrs": 5}]}]}`,
		"\xef\xbb\xbf{}",
	} {
		add("read "+strconv.Itoa(i), load(s))
	}
	// the schema, read with the rest
	for i, s := range []string{
		`5`, `"x"`, `{"labels": 5}`, `{"lables": []}`, `{"labels": [], "labels": []}`, `{"labels": [5]}`, `{"labels": ["x"]}`, `{"labels": [{"name": 5}]}`,
		`{"labels": [{"name": "A", "layer": true}]}`, `{"labels": [{"name": "A", "Layer": "entity"}]}`,
		`{"labels": [{}, {"attributes": 5}]}`, `{"labels": [{"attributes": [{"type": 1}]}]}`, `{"labels": [{"attributes": [{"values": [1]}]}]}`,
		`{"labels": [{"attributes": [{"values": "x"}]}]}`, `{"labels": [{"attributes": [{"nme": "x"}]}]}`, `{"labels": [{"hotkey": {}}]}`, `{"labels": [{"description": []}]}`,
		`{"relations": [{"from": "A"}]}`, `{"relations": [{"to": [1]}]}`, `{"relations": [{"name": null, "type": "x"}]}`, `{"relations": {}}`,
		`{"overlap": []}`, `{"overlap": {"entity": true}}`, `{"overlap": {"entity": {"crossing": "yes"}}}`, `{"overlap": {"entity": {"crosing": true}}}`,
		`{"overlap": {"entity": {}, "entity": {}}}`, `{"doc_labels": "x"}`, `{"doc_labels": [1]}`, `{"Doc_labels": []}`,
		`{"labels": [{"name": "A", "layer": "entity", "color": "#000000", "attributes": [{"name": "a", "type": "enum", "values": ["x"]}]}], "relations": [], "overlap": {"entity": {"crossing": true}, "claim": null}, "doc_labels": ["a"]}`,
		`{"labels": [{"name": 1e400}]}`, `{"labels": [{"name": "a` + "\n" + `b"}]}`, "{\n\"labels\": [\n{\"name\": \"A\",\n\"layer\": 7}]}",
	} {
		add("schema "+strconv.Itoa(i), load(`{"format": "spanmark", "version": 1, "schema": `+s+`, "documents": []}`))
	}
	return cs
}

// TestDescribeMatchesFmt: describe, which names a refused attribute value,
// says what fmt said for every type it knows.
func TestDescribeMatchesFmt(t *testing.T) {
	old := func(v any) string {
		switch v.(type) {
		case nil:
			return "null"
		case string:
			return fmt.Sprintf("%q", v)
		case bool, float64, int:
			return fmt.Sprintf("%v (%T)", v, v)
		default:
			return fmt.Sprintf("a %T", v)
		}
	}
	vals := []any{nil, "", "a\"b\x00\u2028\xff", true, false, 0, -1, math.MaxInt, math.MinInt,
		0.0, math.Copysign(0, -1), 1.0, -2.5, 1e20, 1e21, 1e-4, 1e-5, 123456.0, 1234567.0, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN(),
		[]any{1.0}, []any(nil), map[string]any{}, map[string]any(nil),
		int8(1), int16(1), int32(1), int64(1), uint(1), uint8(1), uint16(1), uint32(1), uint64(1), float32(1.5), []string{"a"}, map[string]string{}}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		vals = append(vals, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(60)-30)), float64(r.IntN(1e9)))
	}
	for _, v := range vals {
		if got, want := describe(v), old(v); got != want {
			t.Errorf("%#v: %q, fmt says %q", v, got, want)
		}
	}
	type other struct{}
	if got := describe(other{}); got != "a value of an unsupported type" {
		t.Errorf("unknown type: %q", got)
	}
}
