//go:build js && wasm && formats

package main

import (
	"strings"
	"testing"
)

// importLabel is one of the preview's labels (previewView.Labels).
type importLabel struct {
	Name     string   `json:"name"`
	Layer    string   `json:"layer"`
	Spans    int      `json:"spans"`
	Proposal string   `json:"proposal"`
	MappedTo string   `json:"mappedTo"`
	Targets  []string `json:"targets"`
}

// importPreview's label mapping through the bridge: autoMap takes the
// core's proposals, map overrides them ("" keeps a label new), and a map
// to a label the schema lacks throws unknown_label, changing nothing.
func TestImportPreviewLabelMap(t *testing.T) {
	loadGolden(t)
	files := []any{file("l.jsonl", `{"text": "Alice joined Acme.", "label": [[0, 5, "Person"], [13, 17, "Organisation"], [0, 5, "Widget"]]}`)}
	pv := callAs[preview](t, "importPreview", files)
	var rows []string
	for _, l := range pv.Labels {
		rows = append(rows, l.Name+">"+l.MappedTo+"?"+l.Proposal)
	}
	if strings.Join(rows, " ") != "Person>?PERSON Organisation>?ORG Widget>?" || len(pv.Labels[0].Targets) == 0 || pv.Labels[0].Spans != 1 {
		t.Fatalf("without options: %+v", pv.Labels)
	}
	pv = callAs[preview](t, "importPreview", files, map[string]any{"autoMap": true, "map": map[string]any{"Organisation": ""}})
	rows = rows[:0]
	for _, l := range pv.Labels {
		rows = append(rows, l.Name+">"+l.MappedTo)
	}
	if strings.Join(rows, " ") != "Person>PERSON Organisation> Widget>" || !strings.Contains(strings.Join(pv.Report, "\n"), "labels mapped to the schema's: Person → PERSON (1 span)") {
		t.Fatalf("autoMap: %v %q", rows, pv.Report)
	}
	before := mustString(t, call(t, "exportProject"))
	if e := throws(t, "importPreview", files, map[string]any{"map": map[string]any{"Person": "NOPE"}}); e.Code != "unknown_label" || !strings.Contains(e.Message, `cannot map label "Person" to "NOPE"`) {
		t.Errorf("bad map: %+v", e)
	}
	if e := throws(t, "importPreview", files, map[string]any{"map": map[string]any{"Person": 5}}); e.Code != "bad_argument" {
		t.Errorf("map of a number: %+v", e)
	}
	if got := mustString(t, call(t, "exportProject")); got != before {
		t.Fatal("a failed preview changed the project")
	}
}
