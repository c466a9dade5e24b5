package team

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// spansInOrder walks the interval tree instead of sorting: on nested,
// overlapping, same-text and multi-fragment spans (where the tree's
// fragment order and span order part), after removals and relabels, it
// must give exactly Document.Spans.
func TestSpansInOrderIsSpans(t *testing.T) {
	text := strings.Repeat("Ana met Ben in Paris on Monday, said the envoy. ", 40)
	labels := []string{"PERSON", "ORG", "GPE", "DATE", "CLAIM"}
	for seed := int64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewSource(seed))
		p := annotate.NewProject(nil)
		d, err := p.AddDocument("d", "", text, annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		n := len([]rune(text))
		for range 400 {
			a := r.Intn(n - 40)
			f := []annotate.Fragment{{Start: a, End: a + 1 + r.Intn(12)}}
			if r.Intn(4) == 0 { // a second fragment
				b := f[0].End + 1 + r.Intn(20)
				f = append(f, annotate.Fragment{Start: b, End: b + 1 + r.Intn(6)})
			}
			d.AddSpan(annotate.SpanInput{Label: labels[r.Intn(len(labels))], Fragments: f}) // refusals (crossing, say) are fine
			if ss := d.Spans(); len(ss) > 0 && r.Intn(6) == 0 {
				s := ss[r.Intn(len(ss))]
				if r.Intn(2) == 0 {
					d.RemoveSpan(s.ID)
				} else {
					d.Relabel(s.ID, labels[r.Intn(len(labels))])
				}
			}
		}
		want, got := d.Spans(), spansInOrder(d)
		if len(got) != len(want) || len(got) < 100 {
			t.Fatalf("seed %d: %d spans, want %d (and 100 or more)", seed, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("seed %d: span %d is %s %v, want %s %v", seed, i, got[i].ID, got[i].Fragments, want[i].ID, want[i].Fragments)
			}
		}
	}
	p := annotate.NewProject(nil)
	d, _ := p.AddDocument("e", "", "no spans", annotate.Meta{})
	if got := spansInOrder(d); got == nil || len(got) != 0 {
		t.Errorf("no spans: %#v", got)
	}
}
