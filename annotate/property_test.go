package annotate

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomOp applies one random operation (valid or not) to d and returns
// its Change (empty when it was refused).
func randomOp(rng *rand.Rand, d *Document) Change {
	n := d.Index().Len()
	labels := d.schema.Labels
	frag := func() Fragment {
		s := rng.IntN(n)
		return Fragment{s, min(n, s+1+rng.IntN(30))}
	}
	pick := func() string {
		ss := d.Spans()
		if len(ss) == 0 {
			return "s1"
		}
		return ss[rng.IntN(len(ss))].ID
	}
	var c Change
	switch rng.IntN(12) {
	case 0, 1, 2:
		_, c, _ = d.AddSpan(SpanInput{Label: labels[rng.IntN(len(labels))].Name, Fragments: []Fragment{frag()}})
	case 3:
		f1 := frag()
		f2 := Fragment{f1.End + 2, f1.End + 12}
		_, c, _ = d.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{f1, f2}, Attrs: map[string]any{"checkworthy": "yes"}})
	case 4:
		c, _ = d.RemoveSpan(pick())
	case 5:
		c, _ = d.Relabel(pick(), labels[rng.IntN(len(labels))].Name)
	case 6:
		c, _ = d.SetFragment(pick(), 0, frag())
	case 7:
		c, _ = d.AddFragment(pick(), frag())
	case 8:
		c, _ = d.SetAttr(pick(), "polarity", []any{"asserted", "denied", nil}[rng.IntN(3)])
	case 9:
		c, _ = d.SetNote(pick(), strings.Repeat("n", rng.IntN(3)))
	case 10:
		_, c, _ = d.AddRelation([]string{RelationClaimant, RelationCue}[rng.IntN(2)], pick(), pick())
	case 11:
		if rng.IntN(2) == 0 {
			r, _ := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "Iran|U\\.S\\.", Regex: true})
			c = r.Change
		} else {
			c, _ = d.SetStatus([]Status{StatusTodo, StatusInProgress, StatusDone}[rng.IntN(3)])
		}
	}
	return c
}

// checkIndex compares every range query with a brute-force scan.
func checkIndex(t *testing.T, rng *rand.Rand, d *Document) {
	t.Helper()
	n := d.Index().Len()
	all := d.Spans()
	for range 20 {
		a := rng.IntN(n + 1)
		b := a + rng.IntN(200)
		var want []*Span
		for _, s := range all {
			if slices.ContainsFunc(s.Fragments, func(f Fragment) bool { return f.Overlaps(Fragment{a, max(b, a+1)}) }) {
				want = append(want, s)
			}
		}
		got := d.SpansIn(a, b)
		if !slices.Equal(got, want) {
			t.Fatalf("SpansIn(%d,%d) = %d spans, brute force %d", a, b, len(got), len(want))
		}
	}
	counts := map[string]int{}
	for _, s := range all {
		counts[s.Label]++
	}
	if !maps.Equal(counts, d.Counts()) {
		t.Fatalf("counts %v, want %v", d.Counts(), counts)
	}
	if d.tree.n != fragCount(all) {
		t.Fatalf("tree holds %d fragments, spans have %d", d.tree.n, fragCount(all))
	}
}

func fragCount(ss []*Span) int {
	n := 0
	for _, s := range ss {
		n += len(s.Fragments)
	}
	return n
}

// A random sequence of operations, then undo-all, gives back the original
// document exactly; redo-all gives back the end state; save→load is exact;
// the range query always agrees with brute force.
func TestRandomOperationsUndoAll(t *testing.T) {
	text := readArticle(t, "iran-us-talks.txt") + readArticle(t, "gulf-shipping-multilingual.txt")
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 7))
		p, d := newDoc(t, text)
		for range 5 {
			d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{rng.IntN(100), 100 + rng.IntN(10)}}})
		}
		d.undo = nil // start from a document with history cleared
		start := saved(t, p)
		for range 150 {
			randomOp(rng, d)
		}
		checkIndex(t, rng, d)
		end := saved(t, p)
		p2, err := Load(end, "end.json")
		if err != nil {
			t.Fatalf("seed %d: saved file does not load: %v", seed, err)
		}
		if got := saved(t, p2); string(got) != string(end) {
			t.Fatalf("seed %d: save(load(save)) differs", seed)
		}
		for d.CanUndo() {
			if _, err := d.Undo(); err != nil {
				t.Fatal(err)
			}
		}
		if got := saved(t, p); string(got) != string(start) {
			t.Fatalf("seed %d: undo-all did not restore the original", seed)
		}
		checkIndex(t, rng, d)
		for d.CanRedo() {
			if _, err := d.Redo(); err != nil {
				t.Fatal(err)
			}
		}
		if got := saved(t, p); string(got) != string(end) {
			t.Fatalf("seed %d: redo-all did not reach the end state", seed)
		}
	}
}

// Every Change — of an operation, an undo or a redo — says exactly what
// changed: replayed on a copy of the spans and relations (what the page
// does with them), it gives the document's own, and it adds only what was
// not there and updates or removes only what was.
func TestChangesReplay(t *testing.T) {
	text := readArticle(t, "iran-us-talks.txt") + readArticle(t, "gulf-shipping-multilingual.txt")
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 11))
		_, d := newDoc(t, text)
		spans, rels := map[string]string{}, map[string]string{}
		key := func(s *Span) string { return fmt.Sprintf("%s %v %v %q", s.Label, s.Fragments, s.Attrs, s.Note) }
		replay := func(what string, c Change) {
			t.Helper()
			for _, id := range c.Removed {
				if _, ok := spans[id]; !ok {
					t.Fatalf("seed %d, %s: removes %s, which was not there", seed, what, id)
				}
				delete(spans, id)
			}
			for _, id := range c.RelationsRemoved {
				if _, ok := rels[id]; !ok {
					t.Fatalf("seed %d, %s: removes relation %s, which was not there", seed, what, id)
				}
				delete(rels, id)
			}
			for _, s := range c.Added {
				if _, ok := spans[s.ID]; ok {
					t.Fatalf("seed %d, %s: adds %s, which was there", seed, what, s.ID)
				}
				spans[s.ID] = key(s)
			}
			for _, s := range c.Updated {
				if _, ok := spans[s.ID]; !ok {
					t.Fatalf("seed %d, %s: updates %s, which was not there", seed, what, s.ID)
				}
				spans[s.ID] = key(s)
			}
			for _, r := range c.RelationsAdded {
				rels[r.ID] = r.Type + " " + r.From + " " + r.To
			}
			want, wantRels := map[string]string{}, map[string]string{}
			for _, s := range d.Spans() {
				want[s.ID] = key(s)
			}
			for _, r := range d.Relations() {
				wantRels[r.ID] = r.Type + " " + r.From + " " + r.To
			}
			if !maps.Equal(spans, want) || !maps.Equal(rels, wantRels) {
				t.Fatalf("seed %d, %s: replaying the changes gives %d spans and %d relations, the document has %d and %d (or they differ)",
					seed, what, len(spans), len(rels), len(want), len(wantRels))
			}
		}
		for i := range 150 {
			replay(fmt.Sprintf("operation %d", i), randomOp(rng, d))
			if rng.IntN(5) == 0 && d.CanUndo() {
				c, _ := d.Undo()
				replay(fmt.Sprintf("undo after operation %d", i), c)
				if rng.IntN(2) == 0 {
					c, _ := d.Redo()
					replay(fmt.Sprintf("redo after operation %d", i), c)
				}
			}
		}
		for d.CanUndo() {
			c, _ := d.Undo()
			replay("undo-all", c)
		}
		for d.CanRedo() {
			c, _ := d.Redo()
			replay("redo-all", c)
		}
	}
}

func TestIntervalTreeAgainstBruteForce(t *testing.T) {
	var tr itree
	randomTreeOps(t, &tr, rand.New(rand.NewPCG(1, 2)), 3000, 1000, 50,
		func(i int) string { return "s" + string(rune('a'+i%26)) + strings.Repeat("x", i%7) })
}

// randomTreeOps inserts and removes (one step in three, when it can) random
// keys in tr: starts below width, lengths 1 to maxLen, ids from id. After
// each step it compares a random overlapping query with a brute-force scan
// and the node count with the live keys. It returns the live keys.
func randomTreeOps(t *testing.T, tr *itree, rng *rand.Rand, steps, width, maxLen int, id func(step int) string) []ikey {
	t.Helper()
	var live []ikey
	for i := range steps {
		if len(live) > 0 && rng.IntN(3) == 0 {
			j := rng.IntN(len(live))
			if !tr.remove(live[j]) {
				t.Fatal("remove failed")
			}
			live = slices.Delete(live, j, j+1)
		} else {
			s := rng.IntN(width)
			k := ikey{start: s, end: s + 1 + rng.IntN(maxLen), id: id(i), frag: i}
			tr.insert(k, &Span{ID: k.id})
			live = append(live, k)
		}
		a := rng.IntN(width + maxLen + 10)
		checkOverlapping(t, tr, live, a, a+rng.IntN(maxLen+10), i)
		if tr.n != len(live) {
			t.Fatalf("step %d: %d nodes, want %d", i, tr.n, len(live))
		}
	}
	return live
}

// checkOverlapping compares tr.overlapping(a, b) with a brute-force scan of
// the live keys, in the tree's order.
func checkOverlapping(t *testing.T, tr *itree, live []ikey, a, b, step int) {
	t.Helper()
	var got, want []ikey
	tr.overlapping(a, b, func(k ikey, _ *Span) bool { got = append(got, k); return true })
	for _, k := range live {
		if k.start < max(b, a+1) && k.end > a {
			want = append(want, k)
		}
	}
	slices.SortFunc(want, func(x, y ikey) int {
		if x.less(y) {
			return -1
		}
		return 1
	})
	if !slices.Equal(got, want) {
		t.Fatalf("step %d: overlapping(%d,%d) = %v, want %v", step, a, b, got, want)
	}
}
