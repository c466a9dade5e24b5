package annotate

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// An undecided span whose label was removed from the schema after the
// merge: taking it is refused with a message that names the label and
// the way out (never a silent no-op), nothing changed; taking it with the
// label added back adds the label (entity layer, its attributes) and the
// span, one undo step for the decision; rejecting needs no label.
func TestAdjudicateRemovedLabel(t *testing.T) {
	p, d := newDoc(t, "Ana met Ben in Paris on Monday.")
	d.Undecided = []Candidate{
		{Label: "GPE", Fragments: []Fragment{{15, 20}}, Annotators: []string{"ana"}},
		{Label: "LOC", Fragments: []Fragment{{15, 20}}, Attrs: map[string]any{"capital": true, "note": "x"}, Annotators: []string{"ben"}},
		{Label: "PERSON", Fragments: []Fragment{{0, 3}}, Annotators: []string{"ben"}},
	}
	d.Disagreements()
	if _, err := p.RemoveLabel("LOC", false); err != nil {
		t.Fatal(err)
	}
	before := string(saved(t, p))
	// disagreement 1 is Paris (0 is Ana)
	if got := d.MissingLabels(1, "ben"); !slices.Equal(got, []string{"LOC"}) {
		t.Fatalf("MissingLabels = %v", got)
	}
	if got := d.MissingLabels(1, "ana"); len(got) != 0 {
		t.Fatalf("MissingLabels(ana) = %v", got)
	}
	_, err := d.Adjudicate(1, "ben")
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeUnknownLabel || e.Field != "label" || e.Doc != "d" ||
		!strings.Contains(e.Msg, `ben’s version cannot be taken: its label "LOC" is not in the schema`) || !strings.Contains(e.Msg, "Add it back to the schema") {
		t.Fatalf("Adjudicate: %v", err)
	}
	if got := string(saved(t, p)); got != before {
		t.Fatalf("a refused take changed the project:\n%s\nwant\n%s", got, before)
	}
	c, added, err := p.AdjudicateAddingLabels(d, 1, "ben")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(added, []string{"LOC"}) || len(c.Added) != 1 {
		t.Fatalf("added %v, change %+v", added, c)
	}
	l := p.Schema.Label("LOC")
	if l == nil || l.Layer != LayerEntity || l.Color == "" ||
		len(l.Attributes) != 2 || l.Attributes[0].Name != "capital" || l.Attributes[0].Type != AttrBool || l.Attributes[1].Name != "note" || l.Attributes[1].Type != AttrText {
		t.Fatalf("LOC back as %+v", l)
	}
	sp := d.Spans()
	if len(sp) != 1 || sp[0].Label != "LOC" || sp[0].Start() != 15 || sp[0].Attrs["capital"] != true || !sp[0].Adjudicated {
		t.Fatalf("spans %+v", sp)
	}
	if len(d.Disagreements()) != 1 {
		t.Fatalf("%d disagreements left", len(d.Disagreements()))
	}
	// the decision is one undo step; the label stays (a schema edit)
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(d.Spans()) != 0 || len(d.Disagreements()) != 2 || p.Schema.Label("LOC") == nil {
		t.Fatalf("after undo: %d spans, %d disagreements", len(d.Spans()), len(d.Disagreements()))
	}
	// a version whose labels are all there adds nothing
	if _, added, err := p.AdjudicateAddingLabels(d, 0, "ben"); err != nil || added != nil {
		t.Fatalf("PERSON: added %v, %v", added, err)
	}
	// rejecting needs no label
	p2, d2 := newDoc(t, "Ana met Ben in Paris on Monday.")
	d2.Undecided = []Candidate{{Label: "LOC", Fragments: []Fragment{{15, 20}}, Annotators: []string{"ben"}}}
	if _, err := p2.RemoveLabel("LOC", false); err != nil {
		t.Fatal(err)
	}
	if _, err := d2.Adjudicate(0, ""); err != nil || len(d2.Undecided) != 0 {
		t.Fatalf("reject: %v, %d left", err, len(d2.Undecided))
	}
}

// On error (the span now crosses one the adjudicator drew) the labels
// added back are taken out again: nothing changed.
func TestAdjudicateAddingLabelsRollsBack(t *testing.T) {
	p, d := newDoc(t, "Ana met Ben in Paris on Monday.")
	d.Undecided = []Candidate{{Label: "LOC", Fragments: []Fragment{{15, 20}}, Annotators: []string{"ben"}}}
	if _, err := p.RemoveLabel("LOC", false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddSpan(SpanInput{Label: "GPE", Fragments: []Fragment{{12, 17}}}); err != nil {
		t.Fatal(err)
	}
	before := string(saved(t, p))
	if _, _, err := p.AdjudicateAddingLabels(d, 0, "ben"); err == nil {
		t.Fatal("a crossing span was taken")
	}
	if got := string(saved(t, p)); got != before || p.Schema.Label("LOC") != nil {
		t.Fatalf("changed on error:\n%s", got)
	}
}
