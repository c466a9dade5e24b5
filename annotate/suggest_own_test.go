package annotate

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func suggStrings(d *Document, gs []Suggestion) string {
	var out []string
	for _, g := range gs {
		f := g.Fragments[0]
		out = append(out, fmt.Sprintf("%s %d-%d %q", g.Label, f.Start, f.End, d.text.Slice(f.Start, f.End)))
	}
	return strings.Join(out, "; ")
}

func TestOwnLabels(t *testing.T) {
	p := NewProject(nil)
	a, _ := p.AddDocument("a", "A", "Iran and the United States met. Iran's envoy spoke.", Meta{})
	b, _ := p.AddDocument("b", "B", "IRAN, Iranian oil, Iran. United States Navy in Iran.", Meta{})
	mustAdd(t, a, "GPE", at(t, a.Text(), "Iran", 0))
	mustAdd(t, a, "GPE", at(t, a.Text(), "United States", 0))
	mustAdd(t, b, "ORG", at(t, b.Text(), "United States Navy", 0))
	o := NewOwnLabels(p, OwnLabelOptions{})
	// a: the second Iran (whole word before 's); the labelled ones are spans
	if got, want := suggStrings(a, o.Suggest(a)), `GPE 32-36 "Iran"`; got != want {
		t.Fatalf("a:\n got %s\nwant %s", got, want)
	}
	// b: not IRAN (case), not Iranian (whole words), Iran twice; not the
	// United States inside the ORG span (same layer)
	if got, want := suggStrings(b, o.Suggest(b)), `GPE 19-23 "Iran"; GPE 47-51 "Iran"`; got != want {
		t.Fatalf("b:\n got %s\nwant %s", got, want)
	}
	o = NewOwnLabels(p, OwnLabelOptions{IgnoreCase: true})
	if got, want := suggStrings(b, o.Suggest(b)), `GPE 0-4 "IRAN"; GPE 19-23 "Iran"; GPE 47-51 "Iran"`; got != want {
		t.Fatalf("b, ignoring case:\n got %s\nwant %s", got, want)
	}
	// a claim over the text does not stop an entity suggestion (another layer)
	mustAdd(t, b, LabelClaim, Fragment{15, 24})
	o = NewOwnLabels(p, OwnLabelOptions{})
	if got := suggStrings(b, o.Suggest(b)); !strings.Contains(got, `GPE 19-23`) {
		t.Fatalf("a claim hid an entity suggestion: %s", got)
	}
	// the project-wide run, then a rejection that stays through a re-run
	if n := p.SuggestOwnLabels(OwnLabelOptions{}); n != 3 {
		t.Fatalf("%d suggestions", n)
	}
	if _, err := b.RejectSuggestion("own GPE 19-23"); err != nil {
		t.Fatal(err)
	}
	if n := p.SuggestOwnLabels(OwnLabelOptions{}); n != 2 || b.Suggestion("own GPE 19-23") != nil {
		t.Fatalf("after a rejection and a re-run: %d open", n)
	}
	// a text labelled two ways: the more frequent label wins
	mustAdd(t, b, "PERSON", at(t, b.Text(), "Iran", 2))
	mustAdd(t, a, "PERSON", at(t, a.Text(), "Iran", 1))
	mustAdd(t, b, "PERSON", at(t, b.Text(), "Iran", 1))
	o = NewOwnLabels(p, OwnLabelOptions{})
	p2 := NewProject(nil)
	c, _ := p2.AddDocument("c", "C", "Iran", Meta{})
	if got := suggStrings(c, o.Suggest(c)); got != `PERSON 0-4 "Iran"` {
		t.Fatalf("majority label: %s", got)
	}
}

// On a document with emoji and RTL text, offsets are code points.
func TestOwnLabelsCodePoints(t *testing.T) {
	p := NewProject(nil)
	d, _ := p.AddDocument("d", "D", "👍🏽 יואב גלנט said; later יואב גלנט left.", Meta{})
	mustAdd(t, d, "PERSON", at(t, d.Text(), "יואב גלנט", 0))
	o := NewOwnLabels(p, OwnLabelOptions{})
	got := suggStrings(d, o.Suggest(d))
	f := at(t, d.Text(), "יואב גלנט", 1)
	if want := fmt.Sprintf(`PERSON %d-%d "יואב גלנט"`, f.Start, f.End); got != want || f.Start != 25 {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// BenchmarkOwnLabels: the source on the 1M-code-point document (10,000
// spans: ~2,500 distinct labelled texts), dictionary and matching apart.
func BenchmarkOwnLabels(b *testing.B) {
	p, d := bigDoc(b, 1_000_000)
	o := NewOwnLabels(p, OwnLabelOptions{})
	b.Run("dictionary", func(b *testing.B) {
		for range b.N {
			o = NewOwnLabels(p, OwnLabelOptions{})
		}
		b.ReportMetric(float64(o.Len()), "texts")
	})
	b.Run("suggest", func(b *testing.B) {
		var n int
		for range b.N {
			n = len(o.Suggest(d))
		}
		b.ReportMetric(float64(n), "suggestions")
	})
	b.Run("project", func(b *testing.B) {
		var n int
		start := time.Now()
		for range b.N {
			n = p.SuggestOwnLabels(OwnLabelOptions{})
		}
		b.ReportMetric(float64(n), "open")
		b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/run")
	})
}

// A set made in one copy of the project (the page's formats module) and
// applied to another (the core) gives the same suggestions; a set for
// another text is refused whole.
func TestSuggestionSetRoundTrip(t *testing.T) {
	p := NewProject(nil)
	a, _ := p.AddDocument("a", "A", "Iran and Oman. Iran again.", Meta{})
	p.AddDocument("b", "B", "Oman, then Iran.", Meta{})
	mustAdd(t, a, "GPE", Fragment{0, 4})
	mustAdd(t, a, "GPE", Fragment{9, 13})
	data := p.OwnLabelSet(OwnLabelOptions{}).JSON(p)
	q, err := Load(saved(t, p), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := q.ApplySuggestionSet(data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Documents != 2 {
		t.Fatalf("%+v", res)
	}
	if got := keys(q.Doc("b").Suggestions()); got != "own GPE 0-4|own GPE 11-15" {
		t.Fatalf("b: %s", got)
	}
	// again: replaces, nothing new
	res, _ = q.ApplySuggestionSet(data)
	if res.Cleared != 3 || res.Added != 3 {
		t.Fatalf("re-applied: %+v", res)
	}
	bad := strings.Replace(string(data), `"text":"Oman"`, `"text":"Iraq"`, 1)
	q.Doc("b").ClearSuggestions("")
	_, err = q.ApplySuggestionSet([]byte(bad))
	if err == nil || !strings.Contains(err.Error(), "documents[1].suggestions[0].fragments[0].text") || q.Doc("b").NumSuggestions() != 0 || q.Doc("a").NumSuggestions() != 1 {
		t.Fatalf("a set for another text: %v", err)
	}
}
