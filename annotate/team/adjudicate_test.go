package team

import (
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// twoWorks: ana and ben on mergeText; they agree on Obama and differ on
// Geneva (GPE / LOC) and on "talks" (ana only).
func twoWorks(t *testing.T) []*Work {
	ws := []*Work{
		mergeWork(t, "ana", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("GPE", 33, 39, nil)
			add("ORG", 11, 16, nil) // "talks"
		}),
		mergeWork(t, "ben", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("LOC", 33, 39, nil)
		}),
	}
	if err := Resolve(ws); err != nil {
		t.Fatal(err)
	}
	return ws
}

type spanSum struct {
	Label       string
	Start, End  int
	Annotators  string
	Adjudicated bool
}

func sums(d *annotate.Document) []spanSum {
	var out []spanSum
	for _, s := range d.Spans() {
		out = append(out, spanSum{s.Label, s.Start(), s.End(), strings.Join(s.Annotators, ","), s.Adjudicated})
	}
	return out
}

// A merge records who made each gold span; adjudication takes one
// annotator's version of each disagreement or none, one undo step each,
// kept in the undo history and the file.
func TestAdjudicate(t *testing.T) {
	gold, _, err := Merge(twoWorks(t), annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := gold.Doc("d")
	if got, want := sums(d), []spanSum{{"PERSON", 0, 5, "ana,ben", false}}; !slices.Equal(got, want) {
		t.Fatalf("merged: %+v, want %+v", got, want)
	}
	g := d.Disagreements()
	if len(g) != 2 || g[0].Start != 11 || g[0].End != 16 || !slices.Equal(g[0].Annotators, []string{"ana"}) ||
		g[1].Start != 33 || g[1].End != 39 || len(g[1].Cands) != 2 || !slices.Equal(g[1].Annotators, []string{"ana", "ben"}) {
		t.Fatalf("disagreements: %+v", g)
	}
	// ben's version of Geneva: LOC; ana's GPE goes
	c, err := d.Adjudicate(1, "ben")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Undecided || len(c.Added) != 1 || c.Op != "accept ben’s version" {
		t.Errorf("change: %+v", c)
	}
	// ben's version of "talks": nothing there
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatal(err)
	}
	want := []spanSum{{"PERSON", 0, 5, "ana,ben", false}, {"LOC", 33, 39, "ben", true}}
	if got := sums(d); !slices.Equal(got, want) || len(d.Undecided) != 0 {
		t.Fatalf("settled: %+v (undecided %d), want %+v", got, len(d.Undecided), want)
	}
	// the file is version 3 and keeps the provenance
	b, err := gold.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"version": 3`) || !strings.Contains(string(b), `"adjudicated": true`) {
		t.Errorf("file:\n%s", b)
	}
	// the history goes through its JSON: undo brings the undecided spans back
	hist := gold.HistoryJSON()
	again, err := annotate.Load(b, "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := again.RestoreHistory(hist); err != nil {
		t.Fatal(err)
	}
	if b2, _ := again.Bytes(); string(b2) != string(b) {
		t.Fatalf("load(save) differs")
	}
	d2 := again.Doc("d")
	if _, err := d2.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(d2.Undecided) != 1 || d2.Undecided[0].Label != "ORG" {
		t.Fatalf("after one undo: %+v", d2.Undecided)
	}
	c, err = d2.Undo()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Removed) != 1 || !c.Undecided || len(d2.Undecided) != 3 {
		t.Fatalf("after two undos: change %+v, undecided %+v", c, d2.Undecided)
	}
	merged, _, _ := Merge(twoWorks(t), annotate.DefaultSchema(), 0)
	mb, _ := merged.Bytes()
	if b3, _ := again.Bytes(); string(b3) != string(mb) {
		t.Errorf("undoing both steps does not give the merge back:\n%s\nwant\n%s", b3, mb)
	}
	if _, err := d2.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := sums(d2); !slices.Equal(got, []spanSum{{"PERSON", 0, 5, "ana,ben", false}, {"LOC", 33, 39, "ben", true}}) {
		t.Errorf("after redo: %+v", got)
	}
	// ana's version of "talks", then a hand edit of a merged span: adjudicated
	if _, err := d2.Adjudicate(0, "ana"); err != nil {
		t.Fatal(err)
	}
	obama := d2.Spans()[0]
	if _, err := d2.SetNote(obama.ID, "checked"); err != nil {
		t.Fatal(err)
	}
	want = []spanSum{{"PERSON", 0, 5, "ana,ben", true}, {"ORG", 11, 16, "ana", true}, {"LOC", 33, 39, "ben", true}}
	if got := sums(d2); !slices.Equal(got, want) {
		t.Errorf("after ana's version and a note: %+v, want %+v", got, want)
	}
}

// Rejecting drops every span of the disagreement; a version the rules
// refuse changes nothing and says why; a bad index is refused.
func TestAdjudicateRefusals(t *testing.T) {
	gold, _, err := Merge(twoWorks(t), annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := gold.Doc("d")
	before, _ := gold.Bytes()
	if _, err := d.Adjudicate(2, "ana"); annotate.CodeOf(err) != annotate.CodeBadArgument || !strings.Contains(err.Error(), "no disagreement 2") {
		t.Errorf("index 2: %v", err)
	}
	// the adjudicator drew an ORG crossing ana's "talks" (11-16): 9-13
	if _, _, err := d.AddSpan(annotate.SpanInput{Label: "ORG", Fragments: []annotate.Fragment{{Start: 6, End: 13}}}); err != nil {
		t.Fatal(err)
	}
	mid, _ := gold.Bytes()
	_, err = d.Adjudicate(0, "ana")
	if annotate.CodeOf(err) != annotate.CodeCrossingSpan || !strings.Contains(err.Error(), "ana’s version cannot be taken") {
		t.Errorf("crossing: %v", err)
	}
	if now, _ := gold.Bytes(); string(now) != string(mid) {
		t.Errorf("a refused version changed the document")
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if now, _ := gold.Bytes(); string(now) != string(before) {
		t.Errorf("undo")
	}
	// the adjudicator drew ana's span themselves: accepting it adds nothing twice
	if _, _, err := d.AddSpan(annotate.SpanInput{Label: "GPE", Fragments: []annotate.Fragment{{Start: 33, End: 39}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Adjudicate(1, "ana"); err != nil {
		t.Fatal(err)
	}
	if got := sums(d); len(got) != 2 || got[1] != (spanSum{"GPE", 33, 39, "", false}) {
		t.Errorf("accepting a span drawn already: %+v", got)
	}
	c, err := d.Adjudicate(0, "")
	if err != nil || c.Op != "reject" || len(c.Added) != 0 || len(d.Undecided) != 0 {
		t.Errorf("reject: %+v %v, undecided %+v", c, err, d.Undecided)
	}
}
