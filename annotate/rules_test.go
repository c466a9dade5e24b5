package annotate

import (
	"strings"
	"testing"
)

const sample = "Barack Obama said on Monday that Iran is ready, he added, to talk to the United States."

func TestSpanRules(t *testing.T) {
	n := len([]rune(sample))
	obama := at(t, sample, "Barack Obama", 0)
	iran := at(t, sample, "Iran", 0)
	cases := []struct {
		name  string
		setup func(d *Document)
		in    SpanInput
		code  Code // "" = accepted
		where string
	}{
		{name: "ok", in: SpanInput{Label: "PERSON", Fragments: []Fragment{obama}}},
		{name: "no fragments", in: SpanInput{Label: "PERSON"}, code: CodeEmptyFragment},
		{name: "negative", in: SpanInput{Label: "PERSON", Fragments: []Fragment{{-1, 3}}}, code: CodeOutOfRange, where: "fragments[0]"},
		{name: "past end", in: SpanInput{Label: "PERSON", Fragments: []Fragment{{n - 2, n + 1}}}, code: CodeOutOfRange},
		{name: "reversed", in: SpanInput{Label: "PERSON", Fragments: []Fragment{{5, 2}}}, code: CodeOutOfRange},
		{name: "empty", in: SpanInput{Label: "PERSON", Fragments: []Fragment{{4, 4}}}, code: CodeEmptyFragment},
		{name: "unsorted", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{40, 50}, {10, 20}}}, code: CodeUnsortedFragments, where: "fragments[1]"},
		{name: "overlapping fragments", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}, {15, 30}}}, code: CodeOverlappingFragment},
		{name: "touching fragments", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}, {20, 30}}}, code: CodeOverlappingFragment},
		{name: "unknown label", in: SpanInput{Label: "MONEY", Fragments: []Fragment{obama}}, code: CodeUnknownLabel, where: "label"},
		{name: "unknown attribute", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}}, Attrs: map[string]any{"colour": "red"}}, code: CodeBadAttribute, where: "attrs.colour"},
		{name: "enum value", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}}, Attrs: map[string]any{"checkworthy": "maybe"}}, code: CodeBadAttribute},
		{name: "enum type", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}}, Attrs: map[string]any{"checkworthy": true}}, code: CodeBadAttribute},
		{name: "text type", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}}, Attrs: map[string]any{"normalized": 3.0}}, code: CodeBadAttribute},
		{name: "valid attributes", in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{10, 20}}, Attrs: map[string]any{"checkworthy": "yes", "normalized": "x"}}},
		{name: "attribute on label without any", in: SpanInput{Label: "PERSON", Fragments: []Fragment{obama}, Attrs: map[string]any{"checkworthy": "yes"}}, code: CodeBadAttribute},
		{name: "duplicate", setup: func(d *Document) { mustAdd(t, d, "PERSON", obama) }, in: SpanInput{Label: "PERSON", Fragments: []Fragment{obama}}, code: CodeDuplicateSpan},
		{name: "same place other label", setup: func(d *Document) { mustAdd(t, d, "PERSON", obama) }, in: SpanInput{Label: "ORG", Fragments: []Fragment{obama}}},
		{name: "nested", setup: func(d *Document) { mustAdd(t, d, "PERSON", obama) }, in: SpanInput{Label: "PERSON", Fragments: []Fragment{{obama.Start, obama.Start + 6}}}},
		{name: "enclosing", setup: func(d *Document) { mustAdd(t, d, "PERSON", Fragment{0, 6}) }, in: SpanInput{Label: "EVENT", Fragments: []Fragment{{0, 17}}}},
		{name: "crossing", setup: func(d *Document) { mustAdd(t, d, "PERSON", obama) }, in: SpanInput{Label: "ORG", Fragments: []Fragment{{7, 17}}}, code: CodeCrossingSpan, where: "fragments[0]"},
		{name: "crossing other layer", setup: func(d *Document) { mustAdd(t, d, "PERSON", obama) }, in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{7, 40}}}},
		{name: "crossing allowed by schema", setup: func(d *Document) {
			d.schema.Overlap[LayerEntity] = LayerPolicy{Crossing: true}
			mustAdd(t, d, "PERSON", obama)
		}, in: SpanInput{Label: "ORG", Fragments: []Fragment{{7, 17}}}},
		{name: "crossing through second fragment", setup: func(d *Document) { mustAdd(t, d, "CLAIM", Fragment{iran.Start, iran.Start + 10}) },
			in: SpanInput{Label: "CLAIM", Fragments: []Fragment{{0, 5}, {iran.Start + 5, iran.Start + 20}}}, code: CodeCrossingSpan, where: "fragments[1]"},
		{name: "span in the gap of a split claim", setup: func(d *Document) {
			mustAdd(t, d, "CLAIM", Fragment{iran.Start, iran.Start + 13}, Fragment{iran.Start + 24, n - 1})
		}, in: SpanInput{Label: "CUE", Fragments: []Fragment{{iran.Start + 18, iran.Start + 23}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, d := newDoc(t, sample)
			if c.setup != nil {
				c.setup(d)
			}
			before := string(saved(t, p))
			undo := d.UndoDepth()
			_, _, err := d.AddSpan(c.in)
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantCode(t, err, c.code)
			e := err.(*Error)
			if c.where != "" && e.Field != c.where {
				t.Errorf("field %q, want %q (%v)", e.Field, c.where, err)
			}
			if e.Doc != "d" {
				t.Errorf("error does not name the document: %v", err)
			}
			if after := string(saved(t, p)); after != before || d.UndoDepth() != undo {
				t.Errorf("a refused add changed the document")
			}
		})
	}
}

func TestErrorMessagesSayWhatAndWhere(t *testing.T) {
	_, d := newDoc(t, sample)
	obama := at(t, sample, "Barack Obama", 0)
	mustAdd(t, d, "PERSON", obama)
	_, _, err := d.AddSpan(SpanInput{Label: "ORG", Fragments: []Fragment{{7, 17}}})
	msg := err.Error()
	for _, want := range []string{`document "d"`, "fragments[0]", "[7,17)", "s1 PERSON [0,12)", `"Barack Obama"`, "cross"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestRelationRules(t *testing.T) {
	_, d := newDoc(t, sample)
	person := mustAdd(t, d, "PERSON", at(t, sample, "Barack Obama", 0))
	cue := mustAdd(t, d, "CUE", at(t, sample, "said", 0))
	claim := mustAdd(t, d, "CLAIM", Fragment{at(t, sample, "Iran", 0).Start, len([]rune(sample)) - 1})
	gpe := mustAdd(t, d, "GPE", at(t, sample, "Iran", 0))
	cases := []struct {
		name          string
		typ, from, to string
		code          Code
		field         string
	}{
		{"claimant person", RelationClaimant, claim.ID, person.ID, "", ""},
		{"claimant gpe", RelationClaimant, claim.ID, gpe.ID, "", ""},
		{"cue", RelationCue, claim.ID, cue.ID, "", ""},
		{"unknown type", "supports", claim.ID, person.ID, CodeUnknownRelation, "type"},
		{"missing from", RelationClaimant, "s99", person.ID, CodeUnknownSpan, "from"},
		{"missing to", RelationClaimant, claim.ID, "nope", CodeUnknownSpan, "to"},
		{"wrong from label", RelationClaimant, person.ID, gpe.ID, CodeBadRelation, "from"},
		{"wrong to label", RelationCue, claim.ID, person.ID, CodeBadRelation, "to"},
		{"self", RelationClaimant, claim.ID, claim.ID, CodeBadRelation, "to"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ch, err := d.AddRelation(c.typ, c.from, c.to)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(ch.RelationsAdded) != 1 || ch.RelationsAdded[0] != r {
					t.Fatalf("change %+v does not report the relation", ch)
				}
				if _, _, err := d.AddRelation(c.typ, c.from, c.to); CodeOf(err) != CodeDuplicateRelation {
					t.Fatalf("duplicate relation: %v", err)
				}
				return
			}
			wantCode(t, err, c.code)
			if f := err.(*Error).Field; f != c.field {
				t.Errorf("field %q, want %q", f, c.field)
			}
		})
	}
}

func TestRemoveSpanRemovesRelationsAndUndoRestores(t *testing.T) {
	p, d := newDoc(t, sample)
	person := mustAdd(t, d, "PERSON", at(t, sample, "Barack Obama", 0))
	claim := mustAdd(t, d, "CLAIM", Fragment{33, 46})
	if _, _, err := d.AddRelation(RelationClaimant, claim.ID, person.ID); err != nil {
		t.Fatal(err)
	}
	before := saved(t, p)
	ch, err := d.RemoveSpan(person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.NumRelations() != 0 || len(ch.RelationsRemoved) != 1 || len(ch.Removed) != 1 {
		t.Fatalf("relations %d, change %+v", d.NumRelations(), ch)
	}
	ch, err = d.Undo()
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Added) != 1 || len(ch.RelationsAdded) != 1 {
		t.Fatalf("undo change %+v", ch)
	}
	if got := saved(t, p); string(got) != string(before) {
		t.Fatalf("undo did not restore:\n%s\nwant\n%s", got, before)
	}
}
