package annotate

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// schemaFixture is two documents sharing the default schema, each with a
// history: "a" has entities, a claim with attributes, claimant and cue;
// "b" has two PERSON spans and a GPE.
func schemaFixture(t *testing.T) (*Project, *Document, *Document) {
	t.Helper()
	p := NewProject(nil)
	a, err := p.AddDocument("a", "A", sample, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	person := mustAdd(t, a, "PERSON", at(t, sample, "Barack Obama", 0))
	cue := mustAdd(t, a, "CUE", at(t, sample, "said", 0))
	mustAdd(t, a, "GPE", at(t, sample, "Iran", 0))
	mustAdd(t, a, "GPE", at(t, sample, "United States", 0))
	claim, _, err := a.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{at(t, sample, "Iran is ready", 0)},
		Attrs: map[string]any{"checkworthy": "unsure", "polarity": "asserted"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.AddRelation(RelationClaimant, claim.ID, person.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.AddRelation(RelationCue, claim.ID, cue.ID); err != nil {
		t.Fatal(err)
	}
	const btext = "Angela Merkel met Barack Obama in Berlin."
	b, err := p.AddDocument("b", "B", btext, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, "PERSON", at(t, btext, "Angela Merkel", 0))
	mustAdd(t, b, "PERSON", at(t, btext, "Barack Obama", 0))
	mustAdd(t, b, "GPE", at(t, btext, "Berlin", 0))
	c, _, err := b.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{at(t, btext, "met Barack Obama", 0)}, Attrs: map[string]any{"checkworthy": "unsure"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = c
	return p, a, b
}

// mustBeValid checks the project the strict way: its file loads again,
// every span and relation re-checked, and writes the same bytes.
func mustBeValid(t *testing.T, p *Project) []byte {
	t.Helper()
	b := saved(t, p)
	q, err := Load(b, "edited.json")
	if err != nil {
		t.Fatalf("the edited project no longer loads: %v", err)
	}
	if !bytes.Equal(saved(t, q), b) {
		t.Fatal("the edited project does not round-trip")
	}
	return b
}

func labelsOf(d *Document) []string {
	var out []string
	for _, s := range d.Spans() {
		out = append(out, s.Label)
	}
	return out
}

// wantErr checks an error's code, location and message.
func wantErr(t *testing.T, err error, code Code, doc, span, field string, msg ...string) {
	t.Helper()
	wantCode(t, err, code)
	var e *Error
	var es Errors
	switch {
	case errors.As(err, &e):
	case errors.As(err, &es):
		e = es[0]
	}
	if e.Doc != doc || e.Span != span || e.Field != field {
		t.Errorf("error %q located at doc %q span %q field %q; want %q %q %q", err, e.Doc, e.Span, e.Field, doc, span, field)
	}
	for _, m := range msg {
		if !strings.Contains(err.Error(), m) {
			t.Errorf("error %q does not say %q", err, m)
		}
	}
}

// A refused schema edit changes nothing at all: schema, spans, histories.
func unchanged(t *testing.T, p *Project, before []byte, depth map[string]int) {
	t.Helper()
	if !bytes.Equal(saved(t, p), before) {
		t.Error("a refused edit changed the project")
	}
	for _, d := range p.Documents() {
		if d.UndoDepth() != depth[d.ID] {
			t.Errorf("document %s: undo depth %d, was %d", d.ID, d.UndoDepth(), depth[d.ID])
		}
		if d.Schema() != p.Schema {
			t.Errorf("document %s does not share the project schema", d.ID)
		}
	}
}

func depths(p *Project) map[string]int {
	m := map[string]int{}
	for _, d := range p.Documents() {
		m[d.ID] = d.UndoDepth()
	}
	return m
}

func TestSchemaEditErrors(t *testing.T) {
	cases := []struct {
		name             string
		op               func(p *Project) error
		code             Code
		doc, span, field string
		msg              []string
	}{
		{"add: duplicate name", func(p *Project) error {
			_, err := p.AddLabel(LabelDef{Name: "PERSON", Layer: LayerEntity, Color: "#000000"})
			return err
		},
			CodeBadSchema, "", "", "name", []string{`already a label "PERSON"`}},
		{"add: bad colour", func(p *Project) error {
			_, err := p.AddLabel(LabelDef{Name: "NORP", Layer: LayerEntity, Color: "blue"})
			return err
		},
			CodeBadSchema, "", "", "schema.labels[9].color", []string{`"blue"`, "#rrggbb"}},
		{"add: hotkey taken", func(p *Project) error {
			_, err := p.AddLabel(LabelDef{Name: "NORP", Layer: LayerEntity, Color: "#123456", Hotkey: "1"})
			return err
		}, CodeBadSchema, "", "", "schema.labels[9].hotkey", []string{`is already the hotkey of label`}},
		{"add: bad layer", func(p *Project) error {
			_, err := p.AddLabel(LabelDef{Name: "NORP", Layer: "topic", Color: "#123456"})
			return err
		},
			CodeBadSchema, "", "", "schema.labels[9].layer", nil},
		{"add: empty name", func(p *Project) error {
			_, err := p.AddLabel(LabelDef{Layer: LayerEntity, Color: "#123456"})
			return err
		},
			CodeBadSchema, "", "", "schema.labels[9].name", nil},
		{"update: unknown label", func(p *Project) error { _, err := p.UpdateLabel("NOPE", LabelDef{}, UpdateLabelOptions{}); return err },
			CodeUnknownLabel, "", "", "name", nil},
		{"update: cannot rename", func(p *Project) error {
			def := *p.Schema.Label("ORG")
			def.Name = "ORGANISATION"
			_, err := p.UpdateLabel("ORG", def, UpdateLabelOptions{})
			return err
		}, CodeBadSchema, "", "", "name", []string{"rename it instead"}},
		{"update: enum without values", func(p *Project) error {
			def := cloneLabel(*p.Schema.Label(LabelClaim))
			def.Attributes = append(def.Attributes, AttrDef{Name: "topic", Type: AttrEnum})
			_, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{})
			return err
		}, CodeBadSchema, "", "", "schema.labels[6].attributes[4].values", []string{"lists no values"}},
		{"update: removing an enum value in use is refused, with a count", func(p *Project) error {
			def := cloneLabel(*p.Schema.Label(LabelClaim))
			def.Attributes[0].Values = []string{"yes", "no"} // "unsure" is used twice
			_, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{DryRun: true})
			return err
		}, CodeBadAttribute, "a", "s5", "attrs.checkworthy", []string{"2 attribute values are no longer allowed in 2 documents", `not "unsure"`, "dropInvalid"}},
		{"update: removing an attribute in use is refused", func(p *Project) error {
			def := cloneLabel(*p.Schema.Label(LabelClaim))
			def.Attributes = slices.DeleteFunc(def.Attributes, func(a AttrDef) bool { return a.Name == "polarity" })
			_, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{})
			return err
		}, CodeBadAttribute, "a", "s5", "attrs.polarity", []string{"1 attribute value is no longer allowed in 1 document", `"polarity"`}},
		{"update: changing an attribute's type in use is refused", func(p *Project) error {
			def := cloneLabel(*p.Schema.Label(LabelClaim))
			def.Attributes[2] = AttrDef{Name: "polarity", Type: AttrBool}
			_, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{})
			return err
		}, CodeBadAttribute, "a", "s5", "attrs.polarity", []string{"takes true or false"}},
		{"update: a layer change that makes spans cross is refused", func(p *Project) error {
			d := p.Doc("a")
			mustAdd(t, d, "SOURCE", at(t, sample, "Obama said", 0)) // nests the CUE, crosses PERSON once it is an entity
			def := *p.Schema.Label("SOURCE")
			def.Layer = LayerEntity
			_, err := p.UpdateLabel("SOURCE", def, UpdateLabelOptions{DropInvalid: true})
			return err
		}, CodeCrossingSpan, "a", "s6", "fragments[0]", []string{"moving label SOURCE to layer entity: 1 span crosses a span of that layer in 1 document", "Barack Obama"}},
		{"rename: unknown", func(p *Project) error { _, err := p.RenameLabel("NOPE", "X", false); return err },
			CodeUnknownLabel, "", "", "name", nil},
		{"rename: to an existing label", func(p *Project) error { _, err := p.RenameLabel("PERSON", "ORG", false); return err },
			CodeBadSchema, "", "", "name", []string{`already a label "ORG"`}},
		{"rename: to an empty name", func(p *Project) error { _, err := p.RenameLabel("PERSON", "", false); return err },
			CodeBadSchema, "", "", "schema.labels[0].name", []string{"needs a name"}},
		{"rename: CLAIM", func(p *Project) error { _, err := p.RenameLabel(LabelClaim, "ASSERTION", false); return err },
			CodeBadSchema, "", "", "name", []string{"claims view"}},
		{"remove: unknown", func(p *Project) error { _, err := p.RemoveLabel("NOPE", true); return err },
			CodeUnknownLabel, "", "", "name", nil},
		{"add relation type: unknown label", func(p *Project) error {
			_, err := p.AddRelationType(RelationDef{Name: "located_in", From: []string{"ORG"}, To: []string{"PLACE"}})
			return err
		}, CodeBadSchema, "", "", "schema.relations[2].to", []string{`unknown label "PLACE"`}},
		{"add relation type: duplicate", func(p *Project) error {
			_, err := p.AddRelationType(RelationDef{Name: RelationCue, From: []string{"ORG"}, To: []string{"GPE"}})
			return err
		}, CodeBadSchema, "", "", "name", nil},
		{"remove relation type: unknown", func(p *Project) error { _, err := p.RemoveRelationType("nope", false); return err },
			CodeUnknownRelation, "", "", "name", nil},
		{"rename relation type: unknown", func(p *Project) error { _, err := p.RenameRelationType("nope", "x", false); return err },
			CodeUnknownRelation, "", "", "name", nil},
		{"rename relation type: claimant", func(p *Project) error { _, err := p.RenameRelationType(RelationClaimant, "speaker", false); return err },
			CodeBadSchema, "", "", "name", []string{"claims view"}},
		{"update relation type: unknown end label", func(p *Project) error {
			_, err := p.UpdateRelationType(RelationClaimant, RelationDef{From: []string{LabelClaim}, To: []string{"PLACE"}}, false)
			return err
		}, CodeBadSchema, "", "", "schema.relations[0].to", []string{`unknown label "PLACE"`}},
		{"update relation type: no end", func(p *Project) error {
			_, err := p.UpdateRelationType(RelationCue, RelationDef{From: []string{LabelClaim}}, false)
			return err
		}, CodeBadSchema, "", "", "schema.relations[1].to", nil},
		{"update relation type: a rename", func(p *Project) error {
			_, err := p.UpdateRelationType(RelationCue, RelationDef{Name: "trigger", From: []string{LabelClaim}, To: []string{"CUE"}}, false)
			return err
		}, CodeBadSchema, "", "", "name", []string{"rename it instead"}},
		{"forbid crossing while spans cross", func(p *Project) error {
			if _, err := p.SetCrossing(LayerEntity, true, false); err != nil {
				t.Fatal(err)
			}
			d := p.Doc("b")
			mustAdd(t, d, "ORG", at(t, "Angela Merkel met Barack Obama in Berlin.", "Obama in Berlin", 0))
			_, err := p.SetCrossing(LayerEntity, false, false)
			return err
		}, CodeCrossingSpan, "b", "s2", "fragments[0]", []string{"forbidding crossing in layer entity: 2 spans cross another span in 1 document"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, _, _ := schemaFixture(t)
			before := saved(t, p)
			dep := depths(p)
			err := c.op(p)
			wantErr(t, err, c.code, c.doc, c.span, c.field, c.msg...)
			if !strings.Contains(c.name, "cross") { // those cases add a span first
				unchanged(t, p, before, dep)
			}
			mustBeValid(t, p)
		})
	}
}

func TestAddLabel(t *testing.T) {
	p, a, _ := schemaFixture(t)
	dep := depths(p)
	ed, err := p.AddLabel(LabelDef{Name: "NORP", Layer: LayerEntity, Color: "#123456", Hotkey: "0",
		Attributes: []AttrDef{{Name: "kind", Type: AttrEnum, Values: []string{"nationality", "religion"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if ed.HistoryCleared || ed.Spans != 0 || depths(p)["a"] != dep["a"] {
		t.Fatalf("adding a label must keep histories: %+v", ed)
	}
	if l := p.Schema.Label("NORP"); l == nil || l.Attributes[0].Values[1] != "religion" {
		t.Fatalf("schema: %+v", p.Schema.Labels)
	}
	// every document sees the new label at once
	if _, _, err := a.AddSpan(SpanInput{Label: "NORP", Fragments: []Fragment{at(t, sample, "Monday", 0)}, Attrs: map[string]any{"kind": "religion"}}); err != nil {
		t.Fatal(err)
	}
	mustBeValid(t, p)
}

func TestUpdateLabel(t *testing.T) {
	t.Run("colour, hotkey, description keep histories", func(t *testing.T) {
		p, a, _ := schemaFixture(t)
		dep := depths(p)
		def := *p.Schema.Label("PERSON")
		def.Color, def.Hotkey, def.Description = "#000000", "p", "people"
		ed, err := p.UpdateLabel("PERSON", def, UpdateLabelOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ed.HistoryCleared || ed.Spans != 0 || a.UndoDepth() != dep["a"] || p.Schema.Label("PERSON").Color != "#000000" {
			t.Fatalf("%+v depth %d", ed, a.UndoDepth())
		}
		mustBeValid(t, p)
	})
	t.Run("adding an enum value and an attribute widens: histories kept", func(t *testing.T) {
		p, a, _ := schemaFixture(t)
		dep := depths(p)
		def := cloneLabel(*p.Schema.Label(LabelClaim))
		def.Attributes[0].Values = append(def.Attributes[0].Values, "maybe")
		def.Attributes = append(def.Attributes, AttrDef{Name: "sarcastic", Type: AttrBool})
		ed, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{})
		if err != nil || ed.HistoryCleared || a.UndoDepth() != dep["a"] {
			t.Fatalf("%+v %v", ed, err)
		}
		mustBeValid(t, p)
	})
	t.Run("dropping values in use: dry run counts, then drops them and clears histories", func(t *testing.T) {
		p, a, b := schemaFixture(t)
		before := saved(t, p)
		def := cloneLabel(*p.Schema.Label(LabelClaim))
		def.Attributes[0].Values = []string{"yes", "no"}
		ed, err := p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{DropInvalid: true, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		want := SchemaEdit{Spans: 2, Attrs: 2, Documents: 2, HistoryCleared: true, DryRun: true}
		if !equalEdit(ed, want) {
			t.Fatalf("dry run %+v, want %+v", ed, want)
		}
		if !bytes.Equal(saved(t, p), before) {
			t.Fatal("a dry run changed the project")
		}
		ed, err = p.UpdateLabel(LabelClaim, def, UpdateLabelOptions{DropInvalid: true})
		want.DryRun = false
		if err != nil || !equalEdit(ed, want) {
			t.Fatalf("%+v %v", ed, err)
		}
		claim := a.Spans()[2]
		if claim.Label != LabelClaim || len(claim.Attrs) != 1 || claim.Attrs["polarity"] != "asserted" {
			t.Fatalf("claim in a: %+v", claim)
		}
		for _, s := range b.Spans() {
			if s.Label == LabelClaim && s.Attrs != nil {
				t.Fatalf("claim in b keeps %v", s.Attrs)
			}
		}
		if a.CanUndo() || b.CanUndo() || a.CanRedo() {
			t.Fatal("histories not cleared")
		}
		wantCode(t, firstErr(a.Undo()), CodeNothingToUndo)
		mustBeValid(t, p)
	})
	t.Run("a layer change without crossing is applied and clears histories", func(t *testing.T) {
		p, a, _ := schemaFixture(t)
		def := *p.Schema.Label("CUE")
		def.Layer = LayerEntity
		ed, err := p.UpdateLabel("CUE", def, UpdateLabelOptions{})
		if err != nil || !ed.HistoryCleared || a.CanUndo() {
			t.Fatalf("%+v %v", ed, err)
		}
		// the new layer governs at once: a PERSON crossing the CUE is refused
		_, _, err = a.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{at(t, sample, "Obama said", 0)}})
		wantCode(t, err, CodeCrossingSpan)
		mustBeValid(t, p)
	})
}

func firstErr(_ Change, err error) error { return err }

func equalEdit(a, b SchemaEdit) bool {
	return a.Spans == b.Spans && a.Relations == b.Relations && a.Attrs == b.Attrs && a.Documents == b.Documents &&
		slices.Equal(a.RelationTypes, b.RelationTypes) && a.HistoryCleared == b.HistoryCleared && a.DryRun == b.DryRun
}

func TestRenameLabel(t *testing.T) {
	p, a, b := schemaFixture(t)
	before := saved(t, p)
	ed, err := p.RenameLabel("PERSON", "PER", true)
	if want := (SchemaEdit{Spans: 3, Documents: 2, DryRun: true}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("dry run %+v %v, want %+v", ed, err, want)
	}
	if !bytes.Equal(saved(t, p), before) {
		t.Fatal("a dry run changed the project")
	}
	dep := depths(p)
	ed, err = p.RenameLabel("PERSON", "PER", false)
	if want := (SchemaEdit{Spans: 3, Documents: 2}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("%+v %v, want %+v", ed, err, want)
	}
	if got := labelsOf(b); !slices.Equal(got, []string{"PER", LabelClaim, "PER", "GPE"}) {
		t.Fatalf("b: %q", got)
	}
	if p.Schema.Label("PERSON") != nil || p.Schema.Label("PER").Hotkey != "1" || p.Schema.Labels[0].Name != "PER" {
		t.Fatalf("schema labels %+v", p.Schema.Labels)
	}
	if r := p.Schema.Relation(RelationClaimant); !slices.Equal(r.To, []string{"PER", "ORG", "GPE", "SOURCE"}) {
		t.Fatalf("claimant ends %q", r.To)
	}
	if a.Counts()["PER"] != 1 || a.Counts()["PERSON"] != 0 || b.Counts()["PER"] != 2 {
		t.Fatalf("counts %v %v", a.Counts(), b.Counts())
	}
	if got := a.SpansAt(0); len(got) != 1 || got[0].Label != "PER" {
		t.Fatalf("the interval tree holds %+v", got)
	}
	saved1 := mustBeValid(t, p)
	if !bytes.Contains(saved1, []byte(`"label": "PER"`)) || bytes.Contains(saved1, []byte(`"PERSON"`)) {
		t.Fatal("the file still says PERSON")
	}
	// histories are kept and speak the new name
	if depths(p)["a"] != dep["a"] || depths(p)["b"] != dep["b"] {
		t.Fatalf("histories changed: %v, were %v", depths(p), dep)
	}
	for b.CanUndo() { // undo everything in b: back to an empty document, through states all valid
		if _, err := b.Undo(); err != nil {
			t.Fatal(err)
		}
		mustBeValid(t, p)
	}
	c, err := b.Redo()
	if err != nil || len(c.Added) != 1 || c.Added[0].Label != "PER" {
		t.Fatalf("redo brings back %+v %v", c.Added, err)
	}
	for b.CanRedo() {
		b.Redo()
	}
	if got := labelsOf(b); !slices.Equal(got, []string{"PER", LabelClaim, "PER", "GPE"}) {
		t.Fatalf("b after undo/redo: %q", got)
	}
	// undo in a of the claimant relation and the claim still works: the relation's end is a PER
	for range 3 {
		if _, err := a.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		if _, err := a.Redo(); err != nil {
			t.Fatal(err)
		}
	}
	if a.NumRelations() != 2 {
		t.Fatalf("relations %d", a.NumRelations())
	}
	mustBeValid(t, p)
	// a rename to the same name does nothing
	if ed, err := p.RenameLabel("GPE", "GPE", false); err != nil || ed.Spans != 0 {
		t.Fatalf("%+v %v", ed, err)
	}
}

// Issue 20: a label renamed in the schema is renamed in a gold document's
// undecided spans too, in their relations' other ends and in the undo
// history, so that the adjudicator can still take them (a PERSON left
// undecided after PERSON became PER could not be taken: unknown label).
func TestRenameLabelUndecided(t *testing.T) {
	p := NewProject(nil)
	d, err := p.AddDocument("d", "", "Obama said talks would resume in Geneva.", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, d, "PERSON", Fragment{0, 5})
	d.Undecided = []Candidate{
		{Label: "CLAIM", Fragments: []Fragment{{11, 29}}, Annotators: []string{"ana"},
			Relations: []CandRelation{{Type: RelationClaimant, Out: true, Other: Candidate{Label: "PERSON", Fragments: []Fragment{{0, 5}}, Annotators: []string{"ana"}}}}},
		{Label: "PERSON", Fragments: []Fragment{{33, 39}}, Annotators: []string{"ben"}},
	}
	if _, err := d.Adjudicate(1, "ben"); err != nil { // in the history: undone after the rename
		t.Fatal(err)
	}
	if _, err := p.RenameLabel("PERSON", "PER", false); err != nil {
		t.Fatal(err)
	}
	if len(d.Undecided) != 1 || d.Undecided[0].Relations[0].Other.Label != "PER" {
		t.Fatalf("undecided after the rename: %+v", d.Undecided)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(d.Undecided) != 2 || d.Undecided[1].Label != "PER" {
		t.Fatalf("undone after the rename: %+v", d.Undecided)
	}
	b := mustBeValid(t, p)
	if bytes.Contains(b, []byte(`"PERSON"`)) {
		t.Fatalf("the file still says PERSON:\n%s", b)
	}
	if _, err := d.Adjudicate(0, "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatalf("ben's renamed span: %v", err)
	}
	if got := labelsOf(d); !slices.Equal(got, []string{"PER", LabelClaim, "PER"}) || d.NumRelations() != 1 {
		t.Fatalf("taken: %q, %d relations", got, d.NumRelations())
	}
}

// A relation type renamed is renamed in the undecided spans' relations
// too, so that taking a version still brings them.
func TestRenameRelationTypeUndecided(t *testing.T) {
	p := NewProject(nil)
	p.Schema.Relations = append(p.Schema.Relations, RelationDef{Name: "met", From: []string{"PERSON"}, To: []string{"PERSON"}})
	d, err := p.AddDocument("d", "", "Ana met Ben.", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, d, "PERSON", Fragment{8, 11})
	d.Undecided = []Candidate{{Label: "PERSON", Fragments: []Fragment{{0, 3}}, Annotators: []string{"ana"},
		Relations: []CandRelation{{Type: "met", Out: true, Other: Candidate{Label: "PERSON", Fragments: []Fragment{{8, 11}}, Annotators: []string{"ana"}}}}}}
	if _, err := p.RenameRelationType("met", "knows", false); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Adjudicate(0, "ana"); err != nil {
		t.Fatal(err)
	}
	if rs := d.Relations(); len(rs) != 1 || rs[0].Type != "knows" {
		t.Fatalf("relations after taking ana's version: %+v", rs)
	}
}

func TestRemoveLabel(t *testing.T) {
	t.Run("a label in use: dry run counts, remove removes spans and relations", func(t *testing.T) {
		p, a, b := schemaFixture(t)
		before := saved(t, p)
		ed, err := p.RemoveLabel("PERSON", true)
		want := SchemaEdit{Spans: 3, Relations: 1, Documents: 2, HistoryCleared: true, DryRun: true}
		if err != nil || !equalEdit(ed, want) {
			t.Fatalf("dry run %+v %v, want %+v", ed, err, want)
		}
		if !bytes.Equal(saved(t, p), before) {
			t.Fatal("a dry run changed the project")
		}
		ed, err = p.RemoveLabel("PERSON", false)
		want.DryRun = false
		if err != nil || !equalEdit(ed, want) {
			t.Fatalf("%+v %v, want %+v", ed, err, want)
		}
		if p.Schema.Label("PERSON") != nil || slices.Contains(p.Schema.Relation(RelationClaimant).To, "PERSON") {
			t.Fatalf("schema %+v", p.Schema)
		}
		if got := labelsOf(b); !slices.Equal(got, []string{LabelClaim, "GPE"}) {
			t.Fatalf("b: %q", got)
		}
		if a.NumRelations() != 1 || a.Relations()[0].Type != RelationCue {
			t.Fatalf("a relations %+v", a.Relations())
		}
		if a.CanUndo() || b.CanUndo() {
			t.Fatal("histories not cleared")
		}
		mustBeValid(t, p)
	})
	t.Run("a label not in use", func(t *testing.T) {
		p, _, _ := schemaFixture(t)
		ed, err := p.RemoveLabel("EVENT", false)
		if want := (SchemaEdit{HistoryCleared: true}); err != nil || !equalEdit(ed, want) {
			t.Fatalf("%+v %v", ed, err)
		}
		mustBeValid(t, p)
	})
	t.Run("removing CUE removes the cue relation type, left with no end", func(t *testing.T) {
		p, a, _ := schemaFixture(t)
		ed, err := p.RemoveLabel("CUE", false)
		want := SchemaEdit{Spans: 1, Relations: 1, Documents: 1, RelationTypes: []string{RelationCue}, HistoryCleared: true}
		if err != nil || !equalEdit(ed, want) {
			t.Fatalf("%+v %v, want %+v", ed, err, want)
		}
		if p.Schema.Relation(RelationCue) != nil || len(p.Schema.Relations) != 1 || a.NumRelations() != 1 {
			t.Fatalf("%+v", p.Schema.Relations)
		}
		mustBeValid(t, p)
	})
}

func TestRelationTypesAndCrossing(t *testing.T) {
	p, a, _ := schemaFixture(t)
	dep := depths(p)
	ed, err := p.AddRelationType(RelationDef{Name: "located_in", From: []string{"PERSON", "ORG"}, To: []string{"GPE", "LOC"}})
	if err != nil || ed.HistoryCleared || a.UndoDepth() != dep["a"] {
		t.Fatalf("%+v %v", ed, err)
	}
	here := a.SpansAt(at(t, sample, "Iran", 0).Start) // CLAIM, then GPE
	person, iran := a.SpansAt(0)[0], here[len(here)-1]
	if _, _, err := a.AddRelation("located_in", person.ID, iran.ID); err != nil {
		t.Fatal(err)
	}
	ed, err = p.RemoveRelationType("located_in", true)
	if want := (SchemaEdit{Relations: 1, Documents: 1, HistoryCleared: true, DryRun: true}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("%+v %v", ed, err)
	}
	if _, err := p.RemoveRelationType("located_in", false); err != nil || a.NumRelations() != 2 || a.CanUndo() {
		t.Fatalf("%v relations %d", err, a.NumRelations())
	}
	mustBeValid(t, p)

	// allowing crossing widens; forbidding it again with no crossing spans is fine
	ed, err = p.SetCrossing(LayerClaim, true, false)
	if err != nil || ed.HistoryCleared || !p.Schema.Crossing(LayerClaim) {
		t.Fatalf("%+v %v", ed, err)
	}
	mustAdd(t, a, "CUE", at(t, sample, "Monday", 0))
	ed, err = p.SetCrossing(LayerClaim, false, false)
	if err != nil || !ed.HistoryCleared || p.Schema.Crossing(LayerClaim) || a.CanUndo() {
		t.Fatalf("%+v %v", ed, err)
	}
	mustBeValid(t, p)
}

// Relation types: a rename keeps every relation and its undo history under
// the new name; narrowing a type's ends removes the relations that no longer
// fit (counted first in a dry run) and clears the histories.
func TestRenameAndUpdateRelationType(t *testing.T) {
	p, a, _ := schemaFixture(t)
	if _, err := p.AddRelationType(RelationDef{Name: "located_in", From: []string{"PERSON", "ORG"}, To: []string{"GPE", "LOC"}}); err != nil {
		t.Fatal(err)
	}
	here := a.SpansAt(at(t, sample, "Iran", 0).Start)
	person, iran := a.SpansAt(0)[0], here[len(here)-1]
	r, _, err := a.AddRelation("located_in", person.ID, iran.ID)
	if err != nil {
		t.Fatal(err)
	}
	depth := a.UndoDepth()
	before := saved(t, p)
	if _, err := p.RenameRelationType("located_in", RelationCue, false); CodeOf(err) != CodeBadSchema || !strings.Contains(err.Error(), `already a relation type "cue"`) {
		t.Fatalf("rename onto cue: %v", err)
	}
	if _, err := p.RenameRelationType("located_in", "", false); CodeOf(err) != CodeBadSchema {
		t.Fatalf("rename to nothing: %v", err)
	}
	if !bytes.Equal(saved(t, p), before) || a.UndoDepth() != depth {
		t.Fatal("a refused rename changed the project")
	}
	ed, err := p.RenameRelationType("located_in", "based_in", true)
	if want := (SchemaEdit{Relations: 1, Documents: 1, DryRun: true}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("dry run: %+v %v, want %+v", ed, err, want)
	}
	if p.Schema.Relation("located_in") == nil || a.Relation(r.ID).Type != "located_in" {
		t.Fatal("a dry run changed the project")
	}
	ed, err = p.RenameRelationType("located_in", "based_in", false)
	if want := (SchemaEdit{Relations: 1, Documents: 1}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("%+v %v, want %+v", ed, err, want)
	}
	if p.Schema.Relation("located_in") != nil || p.Schema.Relation("based_in") == nil || a.Relation(r.ID).Type != "based_in" || a.UndoDepth() != depth {
		t.Fatalf("after rename: schema %+v, relation %+v, depth %d (want %d)", p.Schema.Relations, a.Relation(r.ID), a.UndoDepth(), depth)
	}
	mustBeValid(t, p)
	// undo and redo bring the relation back under the new name
	if _, err := a.Undo(); err != nil || a.Relation(r.ID) != nil {
		t.Fatalf("undo: %v", err)
	}
	if _, err := a.Redo(); err != nil || a.Relation(r.ID) == nil || a.Relation(r.ID).Type != "based_in" {
		t.Fatalf("redo: %v %+v", err, a.Relation(r.ID))
	}
	mustBeValid(t, p)

	// widening an end keeps every relation and the history
	ed, err = p.UpdateRelationType("based_in", RelationDef{From: []string{"PERSON", "ORG", "SOURCE"}, To: []string{"GPE", "LOC"}}, false)
	if want := (SchemaEdit{}); err != nil || !equalEdit(ed, want) || a.UndoDepth() != depth {
		t.Fatalf("widen: %+v %v", ed, err)
	}
	// narrowing "from" to ORG: the PERSON → GPE relation goes
	ed, err = p.UpdateRelationType("based_in", RelationDef{From: []string{"ORG"}, To: []string{"GPE", "LOC"}}, true)
	if want := (SchemaEdit{Relations: 1, Documents: 1, HistoryCleared: true, DryRun: true}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("narrow, dry run: %+v %v, want %+v", ed, err, want)
	}
	if a.Relation(r.ID) == nil {
		t.Fatal("a dry run removed the relation")
	}
	ed, err = p.UpdateRelationType("based_in", RelationDef{Name: "based_in", From: []string{"ORG"}, To: []string{"GPE", "LOC"}}, false)
	if want := (SchemaEdit{Relations: 1, Documents: 1, HistoryCleared: true}); err != nil || !equalEdit(ed, want) {
		t.Fatalf("narrow: %+v %v, want %+v", ed, err, want)
	}
	if a.Relation(r.ID) != nil || a.CanUndo() || !slices.Equal(p.Schema.Relation("based_in").From, []string{"ORG"}) {
		t.Fatalf("after narrowing: relation %+v, can undo %v, schema %+v", a.Relation(r.ID), a.CanUndo(), p.Schema.Relation("based_in"))
	}
	mustBeValid(t, p)
}

// The status rule: editing a todo document makes it in progress, in the
// same undo step.
func TestStartOnEdit(t *testing.T) {
	p := NewProject(nil)
	d, _ := p.AddDocument("d", "", sample, Meta{})
	s, c, err := d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{at(t, sample, "Barack Obama", 0)}})
	if err != nil {
		t.Fatal(err)
	}
	d.StartOnEdit(&c)
	if d.Status != StatusInProgress || !c.Doc || d.UndoDepth() != 1 {
		t.Fatalf("status %s, change %+v, depth %d", d.Status, c, d.UndoDepth())
	}
	u, _ := d.Undo()
	d.StartOnEdit(&u) // undo is not an edit
	if d.Status != StatusTodo || d.NumSpans() != 0 || !u.Doc {
		t.Fatalf("after undo: status %s, %d spans, %+v", d.Status, d.NumSpans(), u)
	}
	r, _ := d.Redo()
	d.StartOnEdit(&r)
	if d.Status != StatusInProgress || d.Span(s.ID) == nil {
		t.Fatalf("after redo: %s", d.Status)
	}
	// setting todo explicitly stays todo; a later edit starts it again
	c, _ = d.SetStatus(StatusTodo)
	d.StartOnEdit(&c)
	if d.Status != StatusTodo {
		t.Fatalf("explicit todo became %s", d.Status)
	}
	c, _ = d.SetNote(s.ID, "44th president")
	d.StartOnEdit(&c)
	if d.Status != StatusInProgress {
		t.Fatalf("status %s", d.Status)
	}
	// an edit of a done document reopens it, in the same step: its undo
	// makes it done again; setting done explicitly stays done; a failed or
	// empty edit changes nothing
	c, _ = d.SetStatus(StatusDone)
	d.StartOnEdit(&c)
	if d.Status != StatusDone {
		t.Fatalf("explicit done became %s", d.Status)
	}
	depth := d.UndoDepth()
	c, _ = d.SetNote(s.ID, "x")
	d.StartOnEdit(&c)
	if d.Status != StatusInProgress || !c.Doc || d.UndoDepth() != depth+1 {
		t.Fatalf("an edit of a done document: status %s, change %+v, depth %d (was %d)", d.Status, c, d.UndoDepth(), depth)
	}
	u, _ = d.Undo()
	if d.Status != StatusDone || d.Span(s.ID).Note != "44th president" || !u.Doc {
		t.Fatalf("undo of the edit that reopened: status %s, note %q", d.Status, d.Span(s.ID).Note)
	}
	if _, err := d.SetNote("nope", "x"); err == nil || d.Status != StatusDone {
		t.Fatalf("a failed edit: %v, status %s", err, d.Status)
	}
	e := NewDocument("e", "", sample, p.Schema)
	c, err = e.SetDocLabels(nil)
	e.StartOnEdit(&c)
	if err != nil || e.Status != StatusTodo {
		t.Fatalf("an empty change started the document: %s %v", e.Status, err)
	}
}

// Each document keeps its own history when the user goes back and forth.
func TestUndoPerDocumentSurvivesSwitching(t *testing.T) {
	p := NewProject(nil)
	a, _ := p.AddDocument("a", "", sample, Meta{})
	b, _ := p.AddDocument("b", "", sample, Meta{})
	sa := mustAdd(t, a, "PERSON", at(t, sample, "Barack Obama", 0))
	sb := mustAdd(t, b, "GPE", at(t, sample, "Iran", 0))
	mustAdd(t, b, "GPE", at(t, sample, "United States", 0))
	c, err := a.Undo()
	if err != nil || !slices.Equal(c.Removed, []string{sa.ID}) || a.NumSpans() != 0 {
		t.Fatalf("undo in a: %+v %v", c, err)
	}
	if b.NumSpans() != 2 || b.UndoDepth() != 2 {
		t.Fatalf("b was touched: %d spans, depth %d", b.NumSpans(), b.UndoDepth())
	}
	b.Undo()
	if b.Span(sb.ID) == nil || b.NumSpans() != 1 || !a.CanRedo() {
		t.Fatal("undo in b undid the wrong span")
	}
}

// A schema edit touches every document: figures for a project of 500
// articles with 40 spans each (20,000 spans), histories included.
func BenchmarkSchemaEdits(b *testing.B) {
	build := func(b *testing.B) *Project {
		p := NewProject(nil)
		text := strings.Repeat("Barack Obama said on Monday that Iran is ready. ", 40)
		for i := range 500 {
			d, err := p.AddDocument("", "doc", text, Meta{})
			if err != nil {
				b.Fatal(err)
			}
			for j := range 40 {
				label := "PERSON"
				if i%2 == 1 || j%2 == 1 {
					label = "GPE"
				}
				off := j * 48
				if _, _, err := d.AddSpan(SpanInput{Label: label, Fragments: []Fragment{{off, off + 12}}}); err != nil {
					b.Fatal(err)
				}
			}
		}
		return p
	}
	b.Run("rename", func(b *testing.B) {
		p := build(b)
		names := [2]string{"PERSON", "PER"}
		for i := 0; b.Loop(); i++ {
			if _, err := p.RenameLabel(names[i%2], names[(i+1)%2], false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remove-dry-run", func(b *testing.B) {
		p := build(b)
		for b.Loop() {
			if _, err := p.RemoveLabel("GPE", true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("layer-change-check", func(b *testing.B) {
		p := build(b)
		def := *p.Schema.Label("GPE")
		def.Layer = LayerClaim
		for b.Loop() {
			if _, err := p.UpdateLabel("GPE", def, UpdateLabelOptions{DryRun: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
