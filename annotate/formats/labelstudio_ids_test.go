package formats

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// label-studio-converter reads task["id"] for every task (KeyError 'id'
// without it) and annotation.get("id") as annotation_id: the export gives
// both, numbered in document order, and they survive another export.
func TestLabelStudioExportIDs(t *testing.T) {
	p := sampleProject(t)
	files, _, err := LabelStudio{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var tasks []map[string]json.RawMessage
	if err := json.Unmarshal(files[0].Data, &tasks); err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 2 {
		t.Fatalf("%d tasks", len(tasks))
	}
	for i, task := range tasks {
		var id int
		if err := json.Unmarshal(task["id"], &id); err != nil || id != i+1 {
			t.Errorf("task %d: id %s", i, task["id"])
		}
		var anns []map[string]json.RawMessage
		json.Unmarshal(task["annotations"], &anns)
		if len(anns) != 1 || string(anns[0]["id"]) != string(task["id"]) {
			t.Errorf("task %d: annotation ids %v", i, anns)
		}
	}
	// re-imported (doc_id wins over the task id) and exported again: the same file
	q, _, err := LabelStudio{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := LabelStudio{}.Export(q, ExportOptions{})
	if string(again[0].Data) != string(files[0].Data) {
		t.Error("labelstudio → spanmark → labelstudio changed the file")
	}
}

// Label Studio stores the text of a region that spans a line break with
// the break written as the two characters \n (its own tests expect
// "Warning:\\n🐱 This is a test"); the region imports, with the report
// saying so, and a text that is really different is still refused.
func TestLabelStudioEscapedBreaks(t *testing.T) {
	const task = `[{"id": 7, "data": {"text": "Warning:\n🐱 This is a test"}, "annotations": [{"id": 3, "result": [
	  {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
	   "value": {"start": 0, "end": 25, "text": "Warning:\\n🐱 This is a test", "labels": ["MISC"]}},
	  {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
	   "value": {"start": 9, "end": 14, "text": "🐱 Thi", "labels": ["MISC"]}}]}]}]`
	p, rep, err := LabelStudio{}.Import([]File{{Name: "ls.json", Data: []byte(task)}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := p.Documents()[0]
	if d.ID != "task-7" || d.NumSpans() != 2 || d.SpanText(d.Span("r1"))[0] != "Warning:\n🐱 This is a test" {
		t.Fatalf("imported %s %v", d.ID, spanSet(p, nil))
	}
	want := `labelstudio: ls.json: task task-7: 1 region stores the line breaks of its text as \n; read as the line breaks the document has`
	if !slices.Contains(rep, want) {
		t.Errorf("report %q", rep)
	}
	// \n where the document has no line break is a mismatch, as before
	bad := strings.Replace(task, `"text": "Warning:\n🐱`, `"text": "Warning: 🐱`, 1)
	_, _, err = LabelStudio{}.Import([]File{{Name: "ls.json", Data: []byte(bad)}}, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), `the file says [0,25) is "Warning:\\n🐱 This is a test"`) {
		t.Errorf("a stored \\n where the text has a space: %v", err)
	}
}

// A two-way relation is not made one-way silently: the report names each.
func TestLabelStudioBidirectionalRelation(t *testing.T) {
	const task = `[{"data": {"text": "Alice met Bob."}, "annotations": [{"result": [
	  {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PERSON"]}},
	  {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 10, "end": 13, "text": "Bob", "labels": ["PERSON"]}},
	  {"from_id": "a", "to_id": "b", "type": "relation", "direction": "bi", "labels": ["met"]},
	  {"from_id": "b", "to_id": "a", "type": "relation", "direction": "left", "labels": ["knows"]}]}]}]`
	p, rep, err := LabelStudio{}.Import([]File{{Name: "ls.json", Data: []byte(task)}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := p.Documents()[0]
	var got []string
	for _, r := range d.Relations() {
		got = append(got, r.Type+" "+r.From+"→"+r.To)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"knows a→b", "met a→b"}) {
		t.Errorf("relations %q", got)
	}
	want := `labelstudio: ls.json: task doc-1: 1 two-way ("direction": "bi") relation imported one-way, from_id → to_id (spanmark relations have a direction): ls.json:4 [0].annotations[0].result[2]`
	if !slices.Contains(rep, want) {
		t.Errorf("report:\n%s", strings.Join(rep, "\n"))
	}
}
