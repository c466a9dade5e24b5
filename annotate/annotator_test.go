package annotate

import (
	"bytes"
	"strings"
	"testing"
)

// A document's annotator is kept in the project file (version 2); a file
// without annotators is still written as version 1, byte for byte.
func TestAnnotatorFile(t *testing.T) {
	p, d := newDoc(t, "Obama said talks would resume.")
	mustAdd(t, d, "PERSON", Fragment{0, 5})
	v1 := saved(t, p)
	if !bytes.Contains(v1, []byte(`"version": 1,`)) || bytes.Contains(v1, []byte(`"annotator"`)) {
		t.Fatalf("a project without annotators must be written as version 1:\n%s", v1)
	}
	q, err := Load(v1, "v1.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := saved(t, q); !bytes.Equal(got, v1) {
		t.Fatalf("version 1 round trip differs:\n%s", got)
	}

	d.Annotator = "ana ✓"
	v2 := saved(t, p)
	if !bytes.Contains(v2, []byte(`"version": 2,`)) {
		t.Fatalf("a project with an annotator must be written as version 2:\n%s", v2)
	}
	if !bytes.Contains(v2, []byte("\"status\": \"todo\",\n      \"annotator\": \"ana ✓\",\n      \"text\"")) {
		t.Fatalf("annotator not written after status:\n%s", v2)
	}
	if !bytes.Equal(v2, reference(t, p)) {
		t.Fatalf("the file differs from encoding/json's:\n%s\n%s", v2, reference(t, p))
	}
	q, err = Load(v2, "v2.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Doc("d").Annotator; got != "ana ✓" {
		t.Fatalf("annotator after load = %q", got)
	}
	if got := saved(t, q); !bytes.Equal(got, v2) {
		t.Fatalf("version 2 round trip differs:\n%s", got)
	}
	compact, err := q.CompactBytes()
	if err != nil || !bytes.Contains(compact, []byte(`"annotator":"ana ✓"`)) {
		t.Fatalf("compact file: %v %s", err, compact)
	}

	// appended to another project, the document keeps its annotator
	other := NewProject(nil)
	if _, err := other.Append(q); err != nil {
		t.Fatal(err)
	}
	if got := other.Doc("d").Annotator; got != "ana ✓" {
		t.Fatalf("annotator after append = %q", got)
	}

	// a wrong type is refused with its field
	bad := strings.Replace(string(v2), `"annotator": "ana ✓"`, `"annotator": 5`, 1)
	_, err = Load([]byte(bad), "bad.json")
	if err == nil || !strings.Contains(err.Error(), "annotator") {
		t.Fatalf("annotator of the wrong type: %v", err)
	}
}
