package formats

import (
	"os"
	"strings"
	"testing"
)

// A Label Studio "choices" result without from_name is refused at its
// place in the file, not as an unlocated schema error (found by
// FuzzImportLabelStudio; the input is in its seed corpus).
func TestLabelStudioChoicesWithoutFromName(t *testing.T) {
	b, err := os.ReadFile("testdata/fuzz/FuzzImportLabelStudio/choices-without-from-name")
	if err != nil {
		t.Fatal(err)
	}
	// the corpus file holds the input as a Go string literal
	data := `[{"id": 1, "data": {"text": "Anna met Bob."},
  "annotations": [{"result": [
    {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 4, "text": "Anna", "labels": ["PERSON"]}},
    {"id": "a", "to_name": "text", "type": "choices", "value": {"choices": ["yes"]}}
  ]}]}]
`
	if !strings.Contains(string(b), `{\"id\": \"a\", \"to_name\": \"text\", \"type\": \"choices\"`) {
		t.Fatal("the seed corpus lost the crasher")
	}
	_, _, err = LabelStudio{}.Import([]File{{Name: "ls.json", Data: []byte(data)}}, ImportOptions{})
	want := `ls.json: document "task-1", field [0].annotations[0].result[1].from_name: a choices result names its attribute in from_name, which is missing or empty`
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}
