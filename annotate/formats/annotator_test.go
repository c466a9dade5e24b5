package formats

import (
	"bytes"
	"strings"
	"testing"
)

// Imports keep the annotator where the format has one, and exports write
// it where the format has a place.
func TestAnnotatorImport(t *testing.T) {
	cases := []struct {
		format, name, data string
		want               []string // per document
	}{
		{"jsonl", "p.jsonl", `{"text": "Obama spoke.", "_annotator_id": "news-ana", "_session_id": "news-x"}
{"text": "Iran replied.", "_session_id": "news-ben"}
{"text": "No one.", "_annotator_id": null, "_session_id": null}
{"text": "Odd.", "_annotator_id": 5}
`, []string{"news-ana", "news-ben", "", ""}},
		{"labelstudio", "ls.json", `[
{"data": {"text": "Obama spoke."}, "annotations": [{"result": [], "completed_by": 7}]},
{"data": {"text": "Iran replied."}, "annotations": [{"result": [], "completed_by": {"id": 3, "email": "ben@example.org"}}]},
{"data": {"text": "Iran replied."}, "annotations": [{"result": [], "completed_by": {"id": 3}}]},
{"data": {"text": "Nobody."}, "annotations": [{"result": []}]},
{"data": {"text": "Cancelled first."}, "annotations": [{"result": [], "was_cancelled": true, "completed_by": 1}, {"result": [], "completed_by": "chen"}]}
]`, []string{"7", "ben@example.org", "3", "", "chen"}},
	}
	for _, c := range cases {
		f, _ := Get(c.format)
		p, _, err := f.Import([]File{{Name: c.name, Data: []byte(c.data)}}, ImportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.format, err)
		}
		var got []string
		for _, d := range p.Documents() {
			got = append(got, d.Annotator)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: annotators %q, want %q", c.format, got, c.want)
		}
	}
}

func TestAnnotatorExportRoundTrip(t *testing.T) {
	p := sampleProject(t)
	p.Documents()[0].Annotator = "ana"
	for _, c := range []struct{ format, want string }{
		{"jsonl", `"_annotator_id":"ana"`},
		{"labelstudio", "\"completed_by\": {\n          \"email\": \"ana\"\n        }"},
		{"spanmark", `"annotator": "ana"`},
	} {
		f, _ := Get(c.format)
		out, _, err := f.Export(p, ExportOptions{Form: "spans"})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out[0].Data, []byte(c.want)) {
			t.Errorf("%s export lacks %s:\n%.600s", c.format, c.want, out[0].Data)
		}
		q, _, err := f.Import(out, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Documents()[0].Annotator; got != "ana" {
			t.Errorf("%s round trip: annotator %q", c.format, got)
		}
	}
	// a document without an annotator writes none
	p.Documents()[0].Annotator = ""
	for _, name := range []string{"jsonl", "labelstudio", "spanmark"} {
		f, _ := Get(name)
		out, _, _ := f.Export(p, ExportOptions{})
		if bytes.Contains(out[0].Data, []byte("annotator")) || bytes.Contains(out[0].Data, []byte("completed_by")) {
			t.Errorf("%s writes an annotator for a document without one", name)
		}
	}
}
