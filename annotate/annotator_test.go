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

// A merge's undecided spans are kept in the file (version 2), checked
// against the text, and round-trip.
func TestUndecidedFile(t *testing.T) {
	p, d := newDoc(t, "Obama said talks would resume.")
	mustAdd(t, d, "PERSON", Fragment{0, 5})
	d.Undecided = []Candidate{
		{Label: "CLAIM", Fragments: []Fragment{{11, 16}, {17, 30}}, Attrs: map[string]any{"checkworthy": "yes"}, Annotators: []string{"ben"},
			Relations: []CandRelation{{Type: RelationClaimant, Out: true, Other: Candidate{Label: "PERSON", Fragments: []Fragment{{0, 5}}, Annotators: []string{"ben"}}}}},
		{Label: "ORG", Fragments: []Fragment{{0, 5}}, Note: "or a person?", Annotators: []string{"ana", "chen"},
			Relations: []CandRelation{{Type: RelationClaimant, Other: Candidate{Label: "CLAIM", Fragments: []Fragment{{11, 30}}, Annotators: []string{"ana"}}}}},
	}
	b := saved(t, p)
	if !bytes.Contains(b, []byte(`"version": 2,`)) || !bytes.Equal(b, reference(t, p)) {
		t.Fatalf("file differs from encoding/json's or is not version 2:\n%s\n%s", b, reference(t, p))
	}
	// sorted as spans: ORG at 0 first
	if i, j := bytes.Index(b, []byte(`"label": "ORG"`)), bytes.Index(b, []byte(`"label": "CLAIM"`)); i < 0 || j < 0 || i > j {
		t.Fatalf("undecided spans not in text order:\n%s", b)
	}
	q, err := Load(b, "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := saved(t, q); !bytes.Equal(got, b) {
		t.Fatalf("round trip differs:\n%s", got)
	}
	if u := q.Doc("d").Undecided; len(u) != 2 || u[1].Label != "CLAIM" || len(u[1].Fragments) != 2 || u[0].Annotators[1] != "chen" {
		t.Fatalf("undecided after load: %+v", u)
	}
	bad := strings.Replace(string(b), `"text": "resume."`, `"text": "resumed"`, 1)
	bad = strings.Replace(bad, `"text": "would resume."`, `"text": "would resumes"`, 1)
	_, err = Load([]byte(bad), "gold.json")
	if err == nil || !strings.Contains(err.Error(), "undecided[1].fragments[1].text") {
		t.Fatalf("a wrong text in an undecided span: %v", err)
	}
	// an undecided span's relations (issue 20): kept, checked
	if u := q.Doc("d").Undecided; len(u[0].Relations) != 1 || u[0].Relations[0].Out || u[0].Relations[0].Other.Label != "CLAIM" ||
		len(u[1].Relations) != 1 || !u[1].Relations[0].Out || u[1].Relations[0].Other.Fragments[0] != (Fragment{0, 5}) {
		t.Fatalf("undecided relations after load: %+v", u)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"text": "Obama"
                  }`, `"text": "Obamo"
                  }`, `undecided[1].relations[0].to.fragments[0].text`},
		{`"type": "claimant",
              "to"`, `"type": "claimant",
              "from": {"label": "CLAIM", "fragments": []},
              "to"`, `undecided[1].relations[0]: a relation of an undecided span has a "type" and its other end as "from" or as "to" (one of them)`},
		{`"type": "claimant",
              "from"`, `"type": "",
              "from"`, `undecided[0].relations[0]: a relation`},
	} {
		if !strings.Contains(string(b), c.from) {
			t.Fatalf("no %q in\n%s", c.from, b)
		}
		_, err := Load([]byte(strings.Replace(string(b), c.from, c.to, 1)), "gold.json")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.want, err)
		}
	}
}
