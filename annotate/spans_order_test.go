package annotate

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// Spans walks the interval tree instead of sorting the map's values: on
// nested, overlapping, same-text and multi-fragment spans (where the
// tree's fragment order and span order part) it must give exactly the
// order of the sort, and after removals and relabels too.
func TestSpansOrderIsTheSort(t *testing.T) {
	text := strings.Repeat("Ana met Ben in Paris on Monday, said the envoy. ", 40)
	labels := []string{"PERSON", "ORG", "GPE", "DATE", "CLAIM"}
	for seed := int64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewSource(seed))
		_, d := newDoc(t, text)
		n := len([]rune(text))
		for range 400 {
			a := r.Intn(n - 40)
			f := []Fragment{{a, a + 1 + r.Intn(12)}}
			if r.Intn(4) == 0 { // a second fragment, or the same text again
				b := f[0].End + 1 + r.Intn(20)
				f = append(f, Fragment{b, b + 1 + r.Intn(6)})
			}
			d.AddSpan(SpanInput{Label: labels[r.Intn(len(labels))], Fragments: f}) // refusals (crossing, say) are fine
			if ids := d.Spans(); len(ids) > 0 && r.Intn(6) == 0 {
				s := ids[r.Intn(len(ids))]
				if r.Intn(2) == 0 {
					d.RemoveSpan(s.ID)
				} else {
					d.Relabel(s.ID, labels[r.Intn(len(labels))])
				}
			}
		}
		want := make([]*Span, 0, len(d.spans))
		for _, s := range d.spans {
			want = append(want, s)
		}
		slices.SortFunc(want, compareSpans)
		got := d.Spans()
		if len(got) != len(want) || len(got) < 100 {
			t.Fatalf("seed %d: %d spans, want %d (and 100 or more)", seed, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("seed %d: span %d is %s %v, want %s %v", seed, i, got[i].ID, got[i].Fragments, want[i].ID, want[i].Fragments)
			}
		}
	}
	if _, d := newDoc(t, "no spans"); d.Spans() == nil || len(d.Spans()) != 0 {
		t.Errorf("no spans: %#v", d.Spans())
	}
}
