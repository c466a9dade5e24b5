package annotate

import (
	"fmt"
	"testing"
)

// The panel's counts carry each label's scores: how many, lowest and highest.
func TestSuggestionCountsScores(t *testing.T) {
	text := "Biden met Sunak and Macron in Oman."
	_, d := newDoc(t, text)
	if _, es := d.AddSuggestions([]Suggestion{
		{Label: "PERSON", Source: SourceImport, Score: 0.9, Scored: true, Fragments: []Fragment{at(t, text, "Biden", 0)}},
		{Label: "PERSON", Source: SourceImport, Score: 0.35, Scored: true, Fragments: []Fragment{at(t, text, "Sunak", 0)}},
		{Label: "PERSON", Source: SourceImport, Fragments: []Fragment{at(t, text, "Macron", 0)}},
		{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{at(t, text, "Oman", 0)}},
	}); len(es) > 0 {
		t.Fatal(es)
	}
	got := fmt.Sprint(d.SuggestionCounts())
	if want := "[{import PERSON 3 2 0.35 0.9} {pattern GPE 1 0 0 0}]"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
