package annotate

import (
	"slices"
	"testing"
)

// DisagreementAt answers from an index kept across calls: after every kind
// of change to the undecided spans (a merge appending, a settle, its undo,
// a settle of another run to the same length of list) it must answer as
// Disagreements does, by index and by offset.
func TestDisagreementAtFollowsTheList(t *testing.T) {
	_, d := newDoc(t, "Ana met Ben in Paris on Monday and flew to Rome with Carla.")
	cand := func(label string, s, e int, who ...string) Candidate {
		return Candidate{Label: label, Fragments: []Fragment{{s, e}}, Annotators: who}
	}
	check := func(when string, want int) {
		t.Helper()
		gs := d.Disagreements()
		if len(gs) != want {
			t.Fatalf("%s: %d disagreements, want %d", when, len(gs), want)
		}
		for i, g := range gs {
			got, at, n, ok := d.DisagreementAt(i, 0)
			if !ok || at != i || n != len(gs) || got.Start != g.Start || got.End != g.End || !slices.Equal(got.Cands, g.Cands) || !slices.Equal(got.Annotators, g.Annotators) {
				t.Fatalf("%s: DisagreementAt(%d) = %+v %d %d %v, want %+v of %d", when, i, got, at, n, ok, g, len(gs))
			}
		}
		for from := -1; from <= 60; from++ {
			k := slices.IndexFunc(gs, func(g Disagreement) bool { return g.End > from })
			got, at, _, ok := d.DisagreementAt(-1, from)
			if k < 0 {
				if ok || at != -1 {
					t.Fatalf("%s: from %d gave %+v at %d, want none", when, from, got, at)
				}
				continue
			}
			if !ok || at != k || got.Start != gs[k].Start {
				t.Fatalf("%s: from %d gave %+v at %d, want %d", when, from, got, at, k)
			}
		}
		if _, at, n, ok := d.DisagreementAt(len(gs), 0); ok || at != -1 || n != len(gs) {
			t.Fatalf("%s: past the last: %d %d %v", when, at, n, ok)
		}
	}
	check("none", 0)
	// as a merge does: the list grown, then sorted by Disagreements
	d.Undecided = append(d.Undecided, cand("GPE", 15, 20, "ana"), cand("PERSON", 0, 3, "ana"), cand("ORG", 0, 3, "ben"))
	check("merged", 2)
	d.Undecided = append(d.Undecided, cand("PERSON", 53, 58, "ben"), cand("DATE", 24, 30, "ana", "ben"), cand("GPE", 43, 47, "ben"))
	check("grown", 5)
	if _, err := d.Adjudicate(0, "ana"); err != nil { // Ana: PERSON, ORG dropped
		t.Fatal(err)
	}
	check("settled", 4)
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	check("undone", 5)
	if _, err := d.Adjudicate(3, ""); err != nil { // Rome rejected
		t.Fatal(err)
	}
	check("another settled", 4)
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	// one run of one span settled, undone, and another of one span settled:
	// the list has the same length and place as when last asked
	d.DisagreementAt(0, 0)
	if _, err := d.Adjudicate(4, "ben"); err != nil { // Carla
		t.Fatal(err)
	}
	d.DisagreementAt(0, 0)
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Adjudicate(3, ""); err != nil { // Rome
		t.Fatal(err)
	}
	check("same length", 4)
	if g, _, _, _ := d.DisagreementAt(3, 0); g.Start != 53 {
		t.Errorf("the last disagreement starts at %d, want 53 (Carla)", g.Start)
	}
}
