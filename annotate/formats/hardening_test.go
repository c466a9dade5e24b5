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

// Issue 23, item 12: reading nothing is an error, not "ok (0 documents)".
func TestReadNothingIsAnError(t *testing.T) {
	_, p, _, err := Read([]File{{Name: "ok.json", Data: []byte(`{"text": "Anna met Bob."}` + "\n")}}, "brat", ImportOptions{})
	if p != nil || err == nil || err.Error() != "ok.json: no document was read from this file as brat; is it in another format?" {
		t.Fatalf("got %v", err)
	}
	// a project with only a schema is a project
	empty := `{"format": "spanmark", "version": 1, "schema": {"labels": [], "relations": [], "overlap": {}}, "documents": []}`
	if _, p, _, err := Read([]File{{Name: "p.json", Data: []byte(empty)}}, "", ImportOptions{}); err != nil || p == nil {
		t.Fatalf("an empty project: %v", err)
	}
}

// Issue 23, item 14, in every JSON format: a lone surrogate is refused
// where it stands.
func TestReadLoneSurrogate(t *testing.T) {
	for _, c := range []struct{ format, data string }{
		{"jsonl", "{\"text\": \"ok\"}\n{\"text\": \"Anna\\ud800\"}\n"},
		{"doccano", "{\"text\": \"ok\", \"label\": []}\n{\"id\": \"x\\udfff\", \"text\": \"Anna\", \"label\": []}\n"},
		{"labelstudio", "[{\"data\": {\"text\": \"ok\"}},\n {\"data\": {\"text\": \"\\ud800\"}}]"},
	} {
		_, _, _, err := Read([]File{{Name: "in", Data: []byte(c.data)}}, c.format, ImportOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), "in:2: the escape \\ud") || !strings.Contains(err.Error(), "surrogate") {
			t.Errorf("%s: %v", c.format, err)
		}
	}
}
