//go:build js && wasm

package main

import (
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

type suggViewT struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Source string   `json:"source"`
	Score  *float64 `json:"score"`
	Frags  []int    `json:"frags"`
}

// Suggestions through the bridge: a set applied, listed in UTF-16 (the
// gulf article's 🚢 makes UTF-16 one more than code points after it),
// accepted into a span at the same place, rejected, undone; a set for
// another text is refused whole.
func TestSuggestionsBridge(t *testing.T) {
	fresh(t)
	set := &annotate.SuggestionSet{Source: "tagger", Replace: true}
	score := 0.8
	set.Add("gulf", []annotate.Suggestion{
		{Label: "PERSON", Source: "tagger", Score: score, Scored: true, Fragments: []annotate.Fragment{{Start: 86, End: 100}}}, // Nasser Kanaani
		{Label: "GPE", Source: "tagger", Fragments: []annotate.Fragment{{Start: 0, End: 6}}},                                   // Envoys
	})
	data := string(set.JSON(theProject))
	r := callAs[map[string]any](t, "applySuggestionSet", data)
	if r["added"] != 2.0 || r["documents"] != 1.0 {
		t.Fatalf("applySuggestionSet = %v", r)
	}
	gs := callAs[[]suggViewT](t, "suggestionsIn", "gulf", 0, 724)
	if len(gs) != 2 || gs[1].Key != "tagger PERSON 86-100" || gs[1].Frags[0] != 87 || gs[1].Frags[1] != 101 || gs[1].Score == nil || *gs[1].Score != 0.8 || gs[0].Score != nil {
		t.Fatalf("suggestionsIn = %+v", gs)
	}
	if n := callAs[*suggViewT](t, "nextSuggestion", "gulf", 10, 1); n == nil || n.Key != "tagger PERSON 86-100" {
		t.Fatalf("nextSuggestion = %+v", n)
	}
	cv := callAs[changeView](t, "acceptSuggestion", "gulf", "tagger PERSON 86-100")
	if len(cv.Added) != 1 || cv.Added[0].Frags[0] != 87 || cv.Added[0].FragsCP[0] != 86 || !cv.Suggestions {
		t.Fatalf("acceptSuggestion = %+v", cv)
	}
	cv = callAs[changeView](t, "rejectSuggestion", "gulf", "tagger GPE 0-6")
	if !cv.Suggestions || !cv.CanUndo {
		t.Fatalf("rejectSuggestion = %+v", cv)
	}
	if n := callAs[[]suggViewT](t, "suggestionsIn", "gulf", 0, 724); len(n) != 0 {
		t.Fatalf("left: %+v", n)
	}
	call(t, "undo", "gulf")
	call(t, "undo", "gulf")
	counts := callAs[[]map[string]any](t, "suggestionCounts", "gulf")
	if len(counts) != 2 || counts[0]["label"] != "GPE" || counts[1]["open"] != 1.0 {
		t.Fatalf("suggestionCounts after two undos = %v", counts)
	}
	res := callAs[map[string]any](t, "acceptSuggestions", "gulf", map[string]any{"minScore": 0.5})
	if res["accepted"] != 1.0 || res["matched"] != 1.0 {
		t.Fatalf("acceptSuggestions = %v", res)
	}
	// a set whose text does not match: refused, nothing changes
	bad := `{"format":"spanmark-suggestions","version":1,"source":"own","replace":true,"labels":[],"documents":[{"id":"iran","suggestions":[{"label":"GPE","fragments":[{"start":0,"end":4,"text":"Iran"}],"source":"own"}]}]}`
	if e := throws(t, "applySuggestionSet", bad); e.Code != "text_mismatch" {
		t.Fatalf("a set for another text: %+v", e)
	}
	if n := callAs[[]suggViewT](t, "suggestionsIn", "iran", 0, 5323); len(n) != 0 {
		t.Fatalf("the refused set left %+v", n)
	}
}
