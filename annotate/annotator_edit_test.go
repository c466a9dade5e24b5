package annotate

import (
	"strings"
	"testing"
)

// The project's annotator is recorded by the documents added and edited
// after SetAnnotator, not by the others, and travels in the file.
func TestSetAnnotatorRecordsEdits(t *testing.T) {
	p := NewProject(nil)
	old, _ := p.AddDocument("old", "", "Ana met Ben in Paris.", Meta{})
	untouched, _ := p.AddDocument("untouched", "", "Nothing here.", Meta{})
	untouched.Annotator = "chen"
	if err := p.SetAnnotator("ana"); err != nil {
		t.Fatal(err)
	}
	if p.Annotator() != "ana" || old.Annotator != "" || untouched.Annotator != "chen" {
		t.Fatalf("before an edit: project %q, old %q, untouched %q", p.Annotator(), old.Annotator, untouched.Annotator)
	}
	// an edit that changes nothing records nothing
	if _, err := old.SetStatus(StatusTodo); err != nil {
		t.Fatal(err)
	}
	if old.Annotator != "" {
		t.Fatalf("a no-op recorded %q", old.Annotator)
	}
	if _, _, err := old.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{0, 3}}}); err != nil {
		t.Fatal(err)
	}
	if old.Annotator != "ana" {
		t.Fatalf("after an edit: %q, want ana", old.Annotator)
	}
	nd, _ := p.AddDocument("new", "", "Text.", Meta{})
	if nd.Annotator != "ana" {
		t.Fatalf("a new document records %q, want ana", nd.Annotator)
	}
	// a document appended from another project keeps its name until edited
	other := NewProject(nil)
	od, _ := other.AddDocument("moved", "", "Ben left.", Meta{})
	od.Annotator = "ben"
	if _, err := p.Append(other); err != nil {
		t.Fatal(err)
	}
	moved := p.Doc("moved")
	if moved.Annotator != "ben" {
		t.Fatalf("appended: %q, want ben", moved.Annotator)
	}
	if _, _, err := moved.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{0, 3}}}); err != nil {
		t.Fatal(err)
	}
	if moved.Annotator != "ana" {
		t.Fatalf("appended and edited: %q, want ana", moved.Annotator)
	}
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	q, err := Load(b, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"old": "ana", "untouched": "chen", "new": "ana", "moved": "ana"} {
		if got := q.Doc(id).Annotator; got != want {
			t.Errorf("%s in the file: %q, want %q", id, got, want)
		}
	}
	// "" stops the recording
	if err := p.SetAnnotator(""); err != nil {
		t.Fatal(err)
	}
	if d, _ := p.AddDocument("anon", "", "x", Meta{}); d.Annotator != "" {
		t.Errorf("after SetAnnotator(\"\"): %q", d.Annotator)
	}
}

func TestSetAnnotatorRefusesBadNames(t *testing.T) {
	p := NewProject(nil)
	_ = p.SetAnnotator("ana")
	for _, name := range []string{" ana", "ana ", "a\nb", "a\x7fb", strings.Repeat("x", 101)} {
		err := p.SetAnnotator(name)
		if CodeOf(err) != CodeBadArgument || !strings.Contains(err.Error(), "annotator") {
			t.Errorf("%q: %v", name, err)
		}
	}
	if p.Annotator() != "ana" {
		t.Errorf("a refused name changed the annotator to %q", p.Annotator())
	}
	if err := p.SetAnnotator("Ana María Ölçer"); err != nil {
		t.Error(err)
	}
}
