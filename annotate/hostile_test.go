package annotate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Hostile shapes (issue 23, item 4): the overlap check must not visit
// every span nested at one place, nor look a label up by walking the
// schema. Each benchmark adds n spans to a document as a loader or an
// importer does (Populate: every rule checked); the cost per span
// (ns/span) must stay near-flat as n grows. (The project file of the
// nested shape is itself quadratic in n, as each span carries its text:
// annotate/formats' BenchmarkHostile* import them from JSONL.)

// nestedSpans are n entity spans nested around the middle of a text of
// 2n code points: [i, 2n-i).
func nestedSpans(n int) (string, []*Span) {
	spans := make([]*Span, n)
	for i := range spans {
		spans[i] = &Span{Label: "PERSON", Fragments: []Fragment{{i, 2*n - i}}}
	}
	return strings.Repeat("a", 2*n), spans
}

// labelSpans are one span of each of n labels on the same range, with
// the schema declaring them.
func labelSpans(n int) (*Schema, string, []*Span) {
	s := DefaultSchema()
	spans := make([]*Span, n)
	for i := range n {
		name := fmt.Sprintf("L%05d", i)
		s.Labels = append(s.Labels, LabelDef{Name: name, Layer: LayerEntity, Color: "#123456"})
		spans[i] = &Span{Label: name, Fragments: []Fragment{{0, 4}}}
	}
	return s, "Some text here.", spans
}

func benchPopulate(b *testing.B, s *Schema, text string, spans []*Span) {
	for b.Loop() {
		d := NewDocument("d", "", text, s)
		if es := d.Populate(spans, nil); len(es) > 0 {
			b.Fatal(es[0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(spans)), "ns/span")
}

func BenchmarkHostileNested(b *testing.B) {
	for _, n := range []int{5_000, 10_000, 20_000, 50_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			text, spans := nestedSpans(n)
			benchPopulate(b, DefaultSchema(), text, spans)
		})
	}
}

func BenchmarkHostileLabels(b *testing.B) {
	for _, n := range []int{250, 500, MaxLabels - 9} { // the default schema has 9
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, text, spans := labelSpans(n)
			benchPopulate(b, s, text, spans)
		})
	}
}

// The nested shape is refused at the first crossing span, and a crossing
// span is found whatever nests around it.
func TestHostileNestedCrossing(t *testing.T) {
	text, spans := nestedSpans(2000)
	d := NewDocument("d", "", text, DefaultSchema())
	if es := d.Populate(spans, nil); len(es) > 0 {
		t.Fatal(es[0])
	}
	// [500, 3600) crosses [401, 3599) .. [499, 3501): the first in
	// document order is s402 [401,3599)
	x := &Span{Label: "ORG", Fragments: []Fragment{{500, 3600}}}
	if err := d.checkSpan(x); err == nil || err.Code != CodeCrossingSpan || !strings.Contains(err.Msg, "overlaps span s402 PERSON [401,3599)") {
		t.Fatalf("got %v", err)
	}
	// nested inside them all: fine
	if err := d.checkSpan(&Span{Label: "ORG", Fragments: []Fragment{{1999, 2001}}}); err != nil {
		t.Fatal(err)
	}
}

// A schema may declare at most MaxLabels labels, and no name may hold a
// control character.
func TestSchemaLimits(t *testing.T) {
	s, _, _ := labelSpans(MaxLabels - 9)
	if es := s.Validate(); len(es) > 0 {
		t.Fatalf("%d labels refused: %v", len(s.Labels), es[0])
	}
	s.Labels = append(s.Labels, LabelDef{Name: "ONE-TOO-MANY", Layer: LayerEntity, Color: "#123456"})
	es := s.Validate()
	if len(es) != 1 || es[0].Field != "schema.labels" || es[0].Msg != "the schema declares 1,001 labels; at most 1,000 are allowed" {
		t.Fatalf("got %v", es)
	}
	s = DefaultSchema()
	s.Labels[0].Name = "PER\x1b[31mSON"
	s.Labels[0].Name = "PER\x1b[31mSON"
	s.Labels[1].Attributes = []AttrDef{{Name: "a\nb", Type: AttrText}}
	s.Relations[0].Name = "c\u0085"
	s.DocLabels[0] = "x\ty"
	s.Relations[0].To[0] = s.Labels[0].Name
	var got []string
	for _, e := range s.Validate() {
		got = append(got, e.Field+": "+e.Msg)
	}
	want := []string{
		`schema.labels[0].name: label "PER\x1b[31mSON" has a control character in its name`,
		`schema.labels[1].attributes[0].name: label "ORG": attribute name "a\nb" has a control character`,
		`schema.relations[0].name: relation name "c\u0085" has a control character`,
		`schema.doc_labels[0]: document label "x\ty" has a control character`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The indexed overlap check says what walking every overlapping fragment
// says, message for message, on random documents with edits and removals,
// nested and crossing spans, multi-fragment spans and duplicates.
func TestOverlapIndexMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := DefaultSchema()
	for i := range 20 { // more labels than the walk threshold: the map is used
		s.Labels = append(s.Labels, LabelDef{Name: fmt.Sprintf("X%d", i), Layer: []Layer{LayerEntity, LayerClaim}[i%2], Color: "#123456"})
	}
	labels := []string{"PERSON", "ORG", "CLAIM", "CUE", "X3", "X4"}
	seen := map[Code]int{}
	built := 0
	defer func(n int) { scanCap = n }(scanCap)
	scanCap = 8 // the walk gives up on these small documents too
	for round := range 30 {
		d := NewDocument("d", "", strings.Repeat("abcdefghij", 6), s)
		if round%2 == 0 {
			d.buildIndex() // from the start; else once a walk is too long
		}
		randSpan := func(id string) *Span {
			nf := 1 + rng.IntN(3)
			if rng.IntN(3) > 0 {
				nf = 1
			}
			var fr []Fragment
			at := rng.IntN(20)
			for range nf {
				a := at + rng.IntN(8)
				b := a + 1 + rng.IntN(12)
				if b > 60 {
					break
				}
				fr = append(fr, Fragment{a, b})
				at = b + 1
			}
			if len(fr) == 0 {
				fr = []Fragment{{0, 1}}
			}
			return &Span{ID: id, Label: labels[rng.IntN(len(labels))], Fragments: fr}
		}
		var ids []string
		for step := range 400 {
			var sp *Span
			if len(ids) > 0 && rng.IntN(4) == 0 {
				// an edit of an existing span: checked in place of itself
				sp = randSpan(ids[rng.IntN(len(ids))])
			} else {
				sp = randSpan(d.newSpanID())
			}
			if d.checkFragments(sp) != nil {
				continue
			}
			l := s.Label(sp.Label)
			got, want := d.checkOverlap(sp, l.Layer), d.checkOverlapScan(sp, l.Layer)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Fatalf("round %d step %d: %v %v: indexed says %v; the walk says %v", round, step, sp.Label, sp.Fragments, got, want)
			}
			if got != nil {
				seen[got.Code]++
			}
			if got == nil {
				if d.spans[sp.ID] == nil {
					ids = append(ids, sp.ID)
				}
				d.putSpan(sp.ID, sp)
			}
			if len(ids) > 0 && rng.IntN(6) == 0 {
				i := rng.IntN(len(ids))
				d.putSpan(ids[i], nil)
				ids = append(ids[:i], ids[i+1:]...)
			}
		}
		if d.ovl.on {
			built++
		}
	}
	if built < 20 {
		t.Fatalf("the index was built by a long walk in %d rounds of 15", built-15)
	}
	if seen[CodeCrossingSpan] < 100 || seen[CodeDuplicateSpan] < 10 {
		t.Fatalf("too few refusals to compare: %v", seen)
	}
}

// The label index follows appends, renames in place (forgetIndex) and a
// replaced list, and finds the first of a repeated name, as a walk does.
func TestLabelIndex(t *testing.T) {
	s := DefaultSchema()
	for i := range 30 {
		s.Labels = append(s.Labels, LabelDef{Name: fmt.Sprintf("N%d", i), Layer: LayerEntity, Color: "#123456"})
		if l := s.Label(fmt.Sprintf("N%d", i)); l == nil || l.Name != fmt.Sprintf("N%d", i) {
			t.Fatalf("after append %d: %v", i, l)
		}
	}
	if s.Label("PERSON") != &s.Labels[0] || s.Label("nope") != nil {
		t.Fatal("lookup")
	}
	s.Label("N3").Name = "M3"
	s.forgetIndex()
	if s.Label("N3") != nil || s.Label("M3") != &s.Labels[12] {
		t.Fatal("rename in place")
	}
	s.Labels = append([]LabelDef{{Name: "N5"}}, s.Labels...)
	if s.Label("N5") != &s.Labels[0] || s.Label("PERSON") != &s.Labels[1] {
		t.Fatal("replaced list")
	}
}
