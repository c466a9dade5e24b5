//go:build js && wasm && formats

package main

import (
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

type runStep struct {
	Run   int `json:"run"`
	Done  int `json:"done"`
	Total int `json:"total"`
}

// A source in slices through the bridge: started, stepped one document at
// a time, its set equal to the one-shot source's; a set asked before the
// end, a step of an ended run and a bad pattern file throw, located.
func TestSuggestRunBridge(t *testing.T) {
	fresh(t)
	st := callAs[runStep](t, "suggestRunStart", "claims")
	if st.Total != 2 || st.Run == 0 {
		t.Fatalf("suggestRunStart = %+v", st)
	}
	if e := throws(t, "suggestRunSet", st.Run); e.Code != string(annotate.CodeBadArgument) || e.Field != "run" {
		t.Fatalf("set before the end: %+v", e)
	}
	for want := 1; want <= 2; want++ {
		if s := callAs[runStep](t, "suggestRunStep", st.Run, 1); s.Done != want || s.Total != 2 {
			t.Fatalf("step %d = %+v", want, s)
		}
	}
	set, _ := call(t, "suggestRunSet", st.Run).String()
	one, _ := call(t, "suggestClaims").String()
	if set != one || len(set) < 100 {
		t.Fatalf("the run's set is not the one-shot one:\n%s\n%s", set, one)
	}
	if e := throws(t, "suggestRunStep", st.Run, 1); e.Field != "run" {
		t.Fatalf("a step of an ended run: %+v", e)
	}
	// a new run replaces the last; dropping it twice is harmless
	a := callAs[runStep](t, "suggestRunStart", "own", map[string]any{"ignoreCase": true})
	b := callAs[runStep](t, "suggestRunStart", "patterns", map[string]any{"text": `{"label":"ORG","pattern":"Times"}`, "fileName": "p.jsonl"})
	if e := throws(t, "suggestRunStep", a.Run, 1); e.Field != "run" {
		t.Fatalf("the replaced run still steps: %+v", e)
	}
	call(t, "suggestRunDrop", b.Run)
	call(t, "suggestRunDrop", b.Run)
	if e := throws(t, "suggestRunStart", "patterns", map[string]any{"text": "{\"label\":\"ORG\",\"pattern\":\"Times\"}\n{\"label\":\"ORG\",\"pattern\":[{\"FOO\":1}]}", "fileName": "p.jsonl"}); e.Code != string(annotate.CodeBadPattern) {
		t.Fatalf("bad pattern file: %+v", e)
	}
	if e := throws(t, "suggestRunStart", "tagger"); e.Field != "kind" {
		t.Fatalf("unknown kind: %+v", e)
	}
}

// suggestionCounts: a label's scores, count and range, when it has some.
func TestSuggestionCountsScored(t *testing.T) {
	fresh(t)
	set := &annotate.SuggestionSet{Source: "import", Replace: true}
	set.Add("gulf", []annotate.Suggestion{
		{Label: "PERSON", Source: "import", Score: 0.8, Scored: true, Fragments: []annotate.Fragment{{Start: 86, End: 100}}},
		{Label: "PERSON", Source: "import", Score: 0.25, Scored: true, Fragments: []annotate.Fragment{{Start: 0, End: 6}}},
		{Label: "GPE", Source: "import", Fragments: []annotate.Fragment{{Start: 7, End: 12}}},
	})
	call(t, "applySuggestionSet", string(set.JSON(theProject)))
	type count struct {
		Source string   `json:"source"`
		Label  string   `json:"label"`
		Open   int      `json:"open"`
		Scored int      `json:"scored"`
		Min    *float64 `json:"min"`
		Max    *float64 `json:"max"`
	}
	cs := callAs[[]count](t, "suggestionCounts", "gulf")
	if len(cs) != 2 || cs[0].Label != "GPE" || cs[0].Scored != 0 || cs[0].Min != nil ||
		cs[1].Label != "PERSON" || cs[1].Open != 2 || cs[1].Scored != 2 || *cs[1].Min != 0.25 || *cs[1].Max != 0.8 {
		t.Fatalf("suggestionCounts = %+v", cs)
	}
}
