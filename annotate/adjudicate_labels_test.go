package annotate

import (
	"errors"
	"strings"
	"testing"
)

// An undecided span whose label was removed from the schema after the
// merge: taking it is refused with unknown_label on field "label" and a
// message that names the annotator and the label (the page offers, on
// that error, to add the label back), and nothing changes; once the label
// is added back (AddLabel, as the page does: a widening, no history lost)
// the take succeeds as one undo step; rejecting needs no label.
func TestAdjudicateRemovedLabel(t *testing.T) {
	p, d := newDoc(t, "Ana met Ben in Paris on Monday.")
	d.Undecided = []Candidate{
		{Label: "GPE", Fragments: []Fragment{{15, 20}}, Annotators: []string{"ana"}},
		{Label: "LOC", Fragments: []Fragment{{15, 20}}, Attrs: map[string]any{"capital": true}, Annotators: []string{"ben"}},
	}
	d.Disagreements()
	if _, err := p.RemoveLabel("LOC", false); err != nil {
		t.Fatal(err)
	}
	before := string(saved(t, p))
	_, err := d.Adjudicate(0, "ben")
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeUnknownLabel || e.Field != "label" ||
		!strings.Contains(e.Msg, `ben’s version cannot be taken: label "LOC" is not in the schema`) {
		t.Fatalf("Adjudicate: %#v", err)
	}
	if got := string(saved(t, p)); got != before {
		t.Fatalf("a refused take changed the project:\n%s\nwant\n%s", got, before)
	}
	ed, err := p.AddLabel(LabelDef{Name: "LOC", Layer: LayerEntity, Attributes: []AttrDef{{Name: "capital", Type: AttrBool}}})
	if err != nil || ed.HistoryCleared {
		t.Fatalf("AddLabel: %+v %v", ed, err)
	}
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatal(err)
	}
	if sp := d.Spans(); len(sp) != 1 || sp[0].Label != "LOC" || sp[0].Attrs["capital"] != true || !sp[0].Adjudicated || len(d.Undecided) != 0 {
		t.Fatalf("spans %+v, undecided %d", sp, len(d.Undecided))
	}
	if _, err := d.Undo(); err != nil || len(d.Spans()) != 0 || len(d.Undecided) != 2 {
		t.Fatalf("undo: %v, %d spans, %d undecided", err, len(d.Spans()), len(d.Undecided))
	}
	if _, err := d.Adjudicate(0, ""); err != nil || len(d.Undecided) != 0 {
		t.Fatalf("reject: %v", err)
	}
}
