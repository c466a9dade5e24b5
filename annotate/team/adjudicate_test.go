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

// claimWorks: ana and ben agree on Obama and the cue "said", and differ
// on the claim's extent (ana: "talks would resume", ben: "talks would
// resume in"); each links their claim to Obama (claimant) and to "said"
// (cue), and ben alone marks Geneva, a GPE, as a second claimant.
func claimWorks(t *testing.T) []*Work {
	build := func(end int, cw string, extra bool) func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
		return func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			o := add("PERSON", 0, 5, nil)
			cue := add("CUE", 6, 10, nil)
			c := add("CLAIM", 11, end, map[string]any{"checkworthy": cw})
			for _, r := range [][2]string{{annotate.RelationClaimant, o.ID}, {annotate.RelationCue, cue.ID}} {
				if _, _, err := d.AddRelation(r[0], c.ID, r[1]); err != nil {
					t.Fatal(err)
				}
			}
			if extra { // a second claimant, undecided itself
				g := add("GPE", 33, 39, nil)
				if _, _, err := d.AddRelation(annotate.RelationClaimant, c.ID, g.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	ws := []*Work{mergeWork(t, "ana", build(29, "yes", false)), mergeWork(t, "ben", build(32, "no", true))}
	if err := Resolve(ws); err != nil {
		t.Fatal(err)
	}
	return ws
}

func relSums(d *annotate.Document) []string {
	var out []string
	for _, r := range d.Relations() {
		f, to := d.Span(r.From), d.Span(r.To)
		out = append(out, r.Type+" "+d.SpanText(f)[0]+" -> "+d.SpanText(to)[0])
	}
	slices.Sort(out)
	return out
}

// Issue 20: relations are not lost. The merge keeps on each undecided
// span the relations its annotators made from and to it; taking an
// annotator's version brings theirs along, with the span's attributes,
// where the other end is in the gold (now or later), in one undo step.
func TestAdjudicateRelations(t *testing.T) {
	gold, st, err := Merge(claimWorks(t), annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := gold.Doc("d")
	if got := sums(d); !slices.Equal(got, []spanSum{{"PERSON", 0, 5, "ana,ben", false}, {"CUE", 6, 10, "ana,ben", false}}) {
		t.Fatalf("merged: %+v", got)
	}
	if len(d.Relations()) != 0 || st.Dropped != 5 || len(d.Undecided) != 3 {
		t.Fatalf("merged relations %v, dropped %d, undecided %+v", relSums(d), st.Dropped, d.Undecided)
	}
	// the file keeps them, and reads them back
	b, _ := gold.Bytes()
	for _, want := range []string{`"relations": [`, `"type": "claimant"`, `"to": {`, `"from": {`, `"text": "Obama"`} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("the gold file lacks %s:\n%s", want, b)
		}
	}
	q, err := annotate.Load(b, "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if b2, _ := q.Bytes(); string(b2) != string(b) {
		t.Fatalf("the undecided relations do not round-trip:\n%s\nwant\n%s", b2, b)
	}
	d = q.Doc("d")
	gs := d.Disagreements()
	if len(gs) != 2 || len(gs[0].Cands) != 2 || len(gs[1].Cands) != 1 {
		t.Fatalf("disagreements %+v", gs)
	}
	// ana's claim: her claimant and cue come, with her checkworthy
	c, err := d.Adjudicate(0, "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"claimant talks would resume -> Obama", "cue talks would resume -> said"}
	if got := relSums(d); !slices.Equal(got, want) || len(c.RelationsAdded) != 2 {
		t.Fatalf("ana's version: relations %q (change %d), want %q", got, len(c.RelationsAdded), want)
	}
	claim := d.Spans()[2]
	if claim.Label != "CLAIM" || claim.Attrs["checkworthy"] != "yes" || !claim.Adjudicated {
		t.Fatalf("ana's claim: %+v", claim)
	}
	// one undo step takes span and relations away, the candidates back
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(d.Relations()) != 0 || d.NumSpans() != 2 || len(d.Undecided) != 3 {
		t.Fatalf("after undo: %v, %d spans, %d undecided", relSums(d), d.NumSpans(), len(d.Undecided))
	}
	// ben's version: his claim, his checkworthy, his relations to the
	// spans in the gold (not yet to Geneva, undecided)
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatal(err)
	}
	want = []string{"claimant talks would resume in -> Obama", "cue talks would resume in -> said"}
	if got := relSums(d); !slices.Equal(got, want) {
		t.Fatalf("ben's version: %q, want %q", got, want)
	}
	for _, s := range d.Spans() {
		if s.Label == "CLAIM" && s.Attrs["checkworthy"] != "no" {
			t.Errorf("ben's claim: %+v", s)
		}
	}
	// Geneva taken later: the relation to it from the claim comes with it
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatal(err)
	}
	want = []string{"claimant talks would resume in -> Geneva", "claimant talks would resume in -> Obama", "cue talks would resume in -> said"}
	if got := relSums(d); !slices.Equal(got, want) {
		t.Fatalf("Geneva taken: %q, want %q", got, want)
	}
}

// A version whose span the adjudicator drew already brings its relations
// to the drawn span.
func TestAdjudicateRelationsOntoDrawnSpan(t *testing.T) {
	ws := claimWorks(t)
	gold, _, err := Merge(ws, annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := gold.Doc("d")
	// the adjudicator draws ben's claim by hand (no relation), then takes
	// ben's version: the span is there already, his relations come to it
	if _, _, err := d.AddSpan(annotate.SpanInput{Label: "CLAIM", Fragments: []annotate.Fragment{{Start: 11, End: 32}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Adjudicate(0, "ben"); err != nil {
		t.Fatal(err)
	}
	want := []string{"claimant talks would resume in -> Obama", "cue talks would resume in -> said"}
	if got := relSums(d); !slices.Equal(got, want) {
		t.Fatalf("ben's version onto a drawn claim: %q, want %q", got, want)
	}
}

// A relation follows its spans in a merge: both ends kept, it is kept,
// though fewer annotators made it than a span needs (counted).
func TestMergeRelationFollowsSpans(t *testing.T) {
	ws := []*Work{
		mergeWork(t, "ana", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			o := add("PERSON", 0, 5, nil)
			c := add("CLAIM", 11, 39, nil)
			if _, _, err := d.AddRelation(annotate.RelationClaimant, c.ID, o.ID); err != nil {
				t.Fatal(err)
			}
		}),
		mergeWork(t, "ben", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("CLAIM", 11, 39, nil)
		}),
	}
	if err := Resolve(ws); err != nil {
		t.Fatal(err)
	}
	gold, st, err := Merge(ws, annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := relSums(gold.Doc("d")); !slices.Equal(got, []string{"claimant talks would resume in Geneva -> Obama"}) || st.Relations != 1 || st.Minority != 1 || st.Dropped != 0 {
		t.Fatalf("relations %q, stats %+v", got, st)
	}
}
