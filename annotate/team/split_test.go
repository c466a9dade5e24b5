package team

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

func TestSplit(t *testing.T) {
	// 101 documents of uneven lengths
	lengths := make([]int, 101)
	for i := range lengths {
		lengths[i] = 200 + (i*7919)%1800
	}
	maxLen := slices.Max(lengths)
	o := SplitOptions{Annotators: []string{"ana", "ben", "chen", "dee"}, Overlap: 0.2, PerDoc: 2, Seed: 42}
	as, err := Split(lengths, o)
	if err != nil {
		t.Fatal(err)
	}
	// coverage and overlap share: each document once or PerDoc times,
	// round(0.2 · 101) = 20 of them shared
	times := make([]int, len(lengths))
	for _, a := range o.Annotators {
		docs := as.Docs[a]
		if !slices.IsSorted(docs) {
			t.Fatalf("%s's documents are not in corpus order", a)
		}
		for _, d := range docs {
			times[d]++
		}
	}
	shared := 0
	for d, n := range times {
		switch n {
		case 1:
		case 2:
			shared++
		default:
			t.Fatalf("document %d goes to %d annotators", d, n)
		}
	}
	if shared != 20 || as.Shared != 20 {
		t.Fatalf("%d documents shared (reported %d), want 20", shared, as.Shared)
	}
	pairs := 0
	for _, n := range as.Pairs {
		pairs += n
	}
	if pairs != 20 || len(as.Pairs) < 4 {
		t.Fatalf("pairs %v: the shared documents should spread over the pairs", as.Pairs)
	}
	// balance: loads in characters within one document of each other
	var loads []int
	for _, a := range o.Annotators {
		sum := 0
		for _, d := range as.Docs[a] {
			sum += lengths[d]
		}
		if sum != as.Chars[a] {
			t.Fatalf("%s: %d characters, reported %d", a, sum, as.Chars[a])
		}
		loads = append(loads, sum)
	}
	if spread := slices.Max(loads) - slices.Min(loads); spread > maxLen {
		t.Fatalf("loads %v differ by %d, more than the longest document (%d)", loads, spread, maxLen)
	}
	// determinism: the same seed gives the same split, another seed another
	again, _ := Split(lengths, o)
	if fmt.Sprint(again.Docs) != fmt.Sprint(as.Docs) {
		t.Fatal("the same seed gave another split")
	}
	o.Seed = 43
	other, _ := Split(lengths, o)
	if fmt.Sprint(other.Docs) == fmt.Sprint(as.Docs) {
		t.Fatal("another seed gave the same split")
	}
	// the fixed stream: this split must not change with Go versions
	if got := fmt.Sprint(as.Docs["ana"][:5]); got != fmt.Sprint(firstOfAna) {
		t.Fatalf("ana's first documents %s, want %v (the seed's stream changed?)", got, firstOfAna)
	}

	for _, c := range []struct {
		o    SplitOptions
		want string
	}{
		{SplitOptions{Annotators: []string{"ana", "ben"}, Overlap: 0.2, PerDoc: 3}, "--per-doc must be from 2 to the number of annotators (2)"},
		{SplitOptions{Annotators: []string{"ana", "ben"}, Overlap: 1.5, PerDoc: 2}, "--overlap is a share"},
		{SplitOptions{Annotators: []string{"ana", "ana"}, Overlap: 0.2, PerDoc: 2}, `annotator "ana" is given twice`},
		{SplitOptions{Annotators: []string{"ana", "b/n"}, Overlap: 0.2, PerDoc: 2}, "cannot name a file"},
	} {
		if _, err := Split(lengths, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.o, err, c.want)
		}
	}
}

// set from the first run; a change means a seed no longer gives the split
// it gave before
var firstOfAna = []int{4, 6, 7, 11, 13}

func TestSplitProject(t *testing.T) {
	p := annotate.NewProject(nil)
	for i := range 10 {
		d, _ := p.AddDocument(fmt.Sprintf("d%d", i), "", strings.Repeat("Obama spoke. ", i+1), annotate.Meta{})
		d.AddSpan(annotate.SpanInput{Label: "PERSON", Fragments: []annotate.Fragment{{Start: 0, End: 5}}})
	}
	o := SplitOptions{Annotators: []string{"ana", "ben", "chen"}, Overlap: 0.3, PerDoc: 3, Seed: 1}
	out, as, err := SplitProject(p, o)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, a := range o.Annotators {
		q := out[a]
		for _, d := range q.Documents() {
			if d.Annotator != a || d.NumSpans() != 1 {
				t.Fatalf("%s's %s: annotator %q, %d spans", a, d.ID, d.Annotator, d.NumSpans())
			}
		}
		total += len(q.Documents())
	}
	if as.Shared != 3 || total != 7+3*3 {
		t.Fatalf("shared %d, total %d", as.Shared, total)
	}
	// the files are deterministic
	out2, _, _ := SplitProject(p, o)
	for _, a := range o.Annotators {
		b1, _ := out[a].Bytes()
		b2, _ := out2[a].Bytes()
		if !bytes.Equal(b1, b2) || !bytes.Contains(b1, []byte(`"annotator": "`+a+`"`)) {
			t.Fatalf("%s's file differs between two runs or lacks the annotator", a)
		}
	}
}
