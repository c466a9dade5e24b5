package annotate

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// otherProject is an imported project whose schema both adds to and
// overlaps the default one.
func otherProject(t *testing.T, ids ...string) *Project {
	t.Helper()
	s := DefaultSchema()
	s.Labels = append(s.Labels, LabelDef{Name: "Protein", Layer: LayerEntity, Color: "#123456", Hotkey: "1"},
		LabelDef{Name: "Gene", Layer: LayerEntity, Color: "#654321", Hotkey: "g"})
	claim := s.Label(LabelClaim)
	claim.Attributes[0].Values = append(claim.Attributes[0].Values, "maybe")
	claim.Attributes = append(claim.Attributes, AttrDef{Name: "topic", Type: AttrText})
	s.Relations[0].To = append(s.Relations[0].To, "Protein")
	s.Relations = append(s.Relations, RelationDef{Name: "binds", From: []string{"Protein"}, To: []string{"Gene"}})
	s.Overlap[LayerEntity] = LayerPolicy{Crossing: true}
	s.DocLabels = append(s.DocLabels, "bio")
	o := NewProject(s)
	for _, id := range ids {
		d, err := o.AddDocument(id, "T "+id, "Alpha binds beta gene.", Meta{Source: "x"})
		if err != nil {
			t.Fatal(err)
		}
		d.Labels = []string{"bio"}
		if es := d.Populate([]*Span{
			{ID: "s1", Label: "Protein", Fragments: []Fragment{{0, 11}}},
			{ID: "s2", Label: "Gene", Fragments: []Fragment{{6, 21}}}, // crosses s1
		}, []*Relation{{ID: "r1", Type: "binds", From: "s1", To: "s2"}}); len(es) > 0 {
			t.Fatal(es)
		}
	}
	return o
}

func TestAppendMergesSchemaAndRenames(t *testing.T) {
	p, d := newDoc(t, "Alice met Bob.")
	d.ID = "a" // the id other uses too
	p.byID = map[string]*Document{"a": d}
	mustAdd(t, d, "PERSON", Fragment{0, 5})
	o := otherProject(t, "a", "a-2", "b")
	oBefore := saved(t, o)

	plan, err := p.PlanAppend(o)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Append(o)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"labels added to the schema: Protein, Gene",
		"labels added without their hotkey, already in use: Protein (key 1 is PERSON's)",
		"attributes added to the schema: CLAIM.topic",
		"attribute values added to the schema: CLAIM.checkworthy: maybe",
		"relation types added to the schema: binds",
		"relation types now also allowed: claimant (to Protein)",
		"crossing spans are now allowed in the entity layer (the imported project has them)",
		"document labels added to the schema: bio",
		"1 document renamed, the project already has their ids: a → a-3",
	}
	if !slices.Equal(rep, want) {
		t.Errorf("report\n%s\nwant\n%s", strings.Join(rep, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Equal(plan, rep) {
		t.Errorf("PlanAppend said\n%s\nAppend did\n%s", strings.Join(plan, "\n"), strings.Join(rep, "\n"))
	}
	var ids []string
	for _, x := range p.Documents() {
		ids = append(ids, x.ID)
		if x.Schema() != p.Schema {
			t.Errorf("document %s does not use the project's schema", x.ID)
		}
	}
	if !slices.Equal(ids, []string{"a", "a-3", "a-2", "b"}) {
		t.Errorf("ids %v", ids)
	}
	if l := p.Schema.Label("Protein"); l == nil || l.Hotkey != "" || l.Color != "#123456" {
		t.Errorf("Protein = %+v", l)
	}
	if l := p.Schema.Label("Gene"); l == nil || l.Hotkey != "g" {
		t.Errorf("Gene = %+v", l)
	}
	if l := p.Schema.Label("PERSON"); l.Hotkey != "1" || l.Color != "#f4a261" {
		t.Errorf("PERSON changed: %+v", l)
	}
	nd := p.Doc("a-3")
	if nd.NumSpans() != 2 || nd.NumRelations() != 1 || nd.Title != "T a" || nd.Meta.Source != "x" || !slices.Equal(nd.Labels, []string{"bio"}) {
		t.Errorf("appended document: %d spans, %d relations, %q, %+v, %v", nd.NumSpans(), nd.NumRelations(), nd.Title, nd.Meta, nd.Labels)
	}
	// The existing document keeps its undo history under the merged schema.
	if !d.CanUndo() {
		t.Fatal("undo history lost")
	}
	if _, err := d.Undo(); err != nil || d.NumSpans() != 0 {
		t.Fatalf("undo: %v, %d spans", err, d.NumSpans())
	}
	// New labels are usable in the old document right away.
	mustAdd(t, d, "Gene", Fragment{10, 13})
	// The merged project saves and loads back identically.
	b := saved(t, p)
	q, err := Load(b, "merged.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved(t, q), b) {
		t.Error("merged project does not round-trip")
	}
	if !bytes.Equal(saved(t, o), oBefore) {
		t.Error("Append changed the appended project")
	}
	// Appending the same project again renames every document.
	rep, err = p.Append(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep) != 1 || rep[0] != "3 documents renamed, the project already has their ids: a → a-4, a-2 → a-2-2, b → b-2" {
		t.Errorf("second append: %q", rep)
	}
}

func TestAppendConflictsChangeNothing(t *testing.T) {
	p, d := newDoc(t, "Alice met Bob.")
	mustAdd(t, d, "PERSON", Fragment{0, 5})
	before := saved(t, p)

	o := otherProject(t, "x")
	o.Schema.Label("PERSON").Layer = LayerClaim
	o.Schema.Label(LabelClaim).Attributes[1].Type = AttrText
	o.Schema.Label(LabelClaim).Attributes[1].Values = nil
	_, err := p.Append(o)
	wantCode(t, err, CodeBadSchema)
	es, _ := err.(Errors)
	if len(es) != 2 ||
		es[0].Msg != `label "PERSON" is in the entity layer in the current project but in the claim layer in the imported one; they cannot be merged (replace the project instead, or rename the label)` ||
		es[0].Field != "schema.labels[0].layer" ||
		es[1].Msg != "attribute CLAIM.attribution is enum in the current project but text in the imported one; they cannot be merged" {
		t.Fatalf("errors: %v", err)
	}
	if _, err := p.PlanAppend(o); CodeOf(err) != CodeBadSchema {
		t.Errorf("PlanAppend: %v", err)
	}
	if !bytes.Equal(saved(t, p), before) {
		t.Error("a refused append changed the project")
	}
}

func TestAppendSameSchemaReportsNothing(t *testing.T) {
	p := NewProject(nil)
	o := NewProject(nil)
	if _, err := o.AddDocument("n1", "News", "Iran said so.", Meta{}); err != nil {
		t.Fatal(err)
	}
	rep, err := p.Append(o)
	if err != nil || len(rep) != 0 || len(p.Documents()) != 1 {
		t.Fatalf("%q, %v, %d documents", rep, err, len(p.Documents()))
	}
}

// TestPopulateOwned: Populate keeps copies of the caller's spans,
// PopulateOwned the spans themselves; both check and number them alike.
func TestPopulateOwned(t *testing.T) {
	for _, owned := range []bool{false, true} {
		_, d := newDoc(t, "Alice met Bob in Paris.")
		spans := []*Span{
			{ID: "a", Label: "PERSON", Fragments: []Fragment{{0, 5}}, Attrs: map[string]any{}},
			{Label: "PERSON", Fragments: []Fragment{{10, 13}}},
			{ID: "a", Label: "GPE", Fragments: []Fragment{{17, 22}}}, // id used twice
		}
		populate := d.Populate
		if owned {
			populate = d.PopulateOwned
		}
		es := populate(spans, nil)
		if len(es) != 1 || es[0].Code != CodeDuplicateID || es[0].Field != "spans[2].id" {
			t.Fatalf("owned=%v: errors %v", owned, es)
		}
		if got := d.Span("a"); got == nil || (got == spans[0]) != owned || got.Attrs != nil {
			t.Errorf("owned=%v: span a is %p (given %p), attrs %v", owned, got, spans[0], got.Attrs)
		}
		if d.NumSpans() != 2 || d.Span("s1") == nil || d.Span("s1").Start() != 10 {
			t.Errorf("owned=%v: spans %v", owned, d.Spans())
		}
	}
}
