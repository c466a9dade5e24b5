package annotate

import "testing"

// TestDoneEntityDocs: the tagger is scored on the done documents only,
// those without spans too, each with its one-fragment entity spans (no
// claim-layer span), in project order.
func TestDoneEntityDocs(t *testing.T) {
	p := goldenProject(t)
	if got := p.DoneEntityDocs(nil); len(got) != 0 {
		t.Fatalf("no document is done, yet %d are picked", len(got))
	}
	empty, err := p.AddDocument("empty", "", "Nothing named here.", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Document{empty, p.Doc("iran-us-talks")} {
		if _, err := d.SetStatus(StatusDone); err != nil {
			t.Fatal(err)
		}
	}
	got := p.DoneEntityDocs(nil)
	if len(got) != 2 || got[0].Doc.ID != "iran-us-talks" || got[1].Doc.ID != "empty" || len(got[1].Spans) != 0 {
		t.Fatalf("picked %v", got)
	}
	all, _ := p.EntityTrainingDocs(nil)
	if len(got[0].Spans) != len(all[0].Spans) || len(got[0].Spans) == 0 {
		t.Fatalf("iran-us-talks: %d spans picked, the tagger trains on %d", len(got[0].Spans), len(all[0].Spans))
	}
	for _, s := range got[0].Spans {
		if p.Schema.Label(s.Label).Layer != LayerEntity || len(s.Fragments) != 1 {
			t.Fatalf("picked %s %v", s.Label, s.Fragments)
		}
	}
	if n := len(p.Doc("iran-us-talks").Spans()); n == len(got[0].Spans) {
		t.Fatalf("the article's %d spans include claim-layer ones: all were picked", n)
	}
}
