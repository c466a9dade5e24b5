package formats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// suggProject: one document with a span, open suggestions of two sources
// (one scored) and one rejected suggestion.
func suggProject(t *testing.T) *annotate.Project {
	t.Helper()
	p := annotate.NewProject(nil)
	text := "Ali Khamenei met Biden in Oman."
	d, err := p.AddDocument("d1", "T", text, annotate.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	add(t, d, "PERSON", nil, at(t, text, "Ali Khamenei", 0))
	_, es := d.AddSuggestions([]annotate.Suggestion{
		{Label: "PERSON", Source: "tagger", Score: 0.75, Scored: true, Fragments: []annotate.Fragment{at(t, text, "Biden", 0)}},
		{Label: "GPE", Source: "pattern", Fragments: []annotate.Fragment{at(t, text, "Oman", 0)}},
		{Label: "ORG", Source: "tagger", Score: 0.25, Scored: true, Fragments: []annotate.Fragment{at(t, text, "Oman", 0)}},
	})
	if len(es) > 0 {
		t.Fatal(es)
	}
	if _, err := d.RejectSuggestion("tagger ORG 26-30"); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJSONLExportsRejectedSuggestions(t *testing.T) {
	p := suggProject(t)
	files, rep, err := JSONL{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(files[0].Data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d records:\n%s", len(lines), files[0].Data)
	}
	var acc, rej map[string]any
	json.Unmarshal([]byte(lines[0]), &acc)
	json.Unmarshal([]byte(lines[1]), &rej)
	if acc["answer"] != "accept" || len(acc["spans"].([]any)) != 1 {
		t.Fatalf("the document's record holds suggestions: %s", lines[0])
	}
	want := `"spans":[{"start":26,"end":30,"token_start":5,"token_end":5,"label":"ORG","text":"Oman"}],"answer":"reject","_spanmark":{"form":"suggestion","source":"tagger","score":0.25}}`
	if !strings.HasSuffix(lines[1], want) || rej["meta"].(map[string]any)["id"] != "d1" {
		t.Fatalf("reject record\n got %s\nwant …%s", lines[1], want)
	}
	if !strings.Contains(strings.Join(rep, "\n"), "1 rejected suggestion") {
		t.Fatalf("report %v", rep)
	}
	// spanmark's own import takes the document and leaves the reject out
	q, _, err := JSONL{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(q.Documents()); n != 1 || q.Documents()[0].NumSpans() != 1 {
		t.Fatalf("%d documents", n)
	}
}

func TestLabelStudioExportsPredictions(t *testing.T) {
	p := suggProject(t)
	files, _, err := LabelStudio{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var tasks []struct {
		Annotations []struct {
			Result []json.RawMessage `json:"result"`
		} `json:"annotations"`
		Predictions json.RawMessage `json:"predictions"`
	}
	if err := json.Unmarshal(files[0].Data, &tasks); err != nil {
		t.Fatal(err)
	}
	if len(tasks[0].Annotations[0].Result) != 1 {
		t.Fatal("suggestions exported as annotations")
	}
	var got bytes.Buffer
	json.Compact(&got, tasks[0].Predictions)
	want := `[{"model_version":"spanmark-pattern","result":[{"id":"pattern-1","from_name":"label","to_name":"text","type":"labels","value":{"start":26,"end":30,"text":"Oman","labels":["GPE"]}}]},` +
		`{"model_version":"spanmark-tagger","score":0.75,"result":[{"id":"tagger-1","from_name":"label","to_name":"text","type":"labels","value":{"start":17,"end":22,"text":"Biden","labels":["PERSON"]},"score":0.75}]}]`
	if got.String() != want {
		t.Fatalf("predictions\n got %s\nwant %s", got.String(), want)
	}
	// a project without suggestions has no "predictions" key
	p2 := annotate.NewProject(nil)
	p2.AddDocument("x", "x", "text", annotate.Meta{})
	files, _, _ = LabelStudio{}.Export(p2, ExportOptions{})
	if bytes.Contains(files[0].Data, []byte("predictions")) {
		t.Fatal("predictions key without suggestions")
	}
}
