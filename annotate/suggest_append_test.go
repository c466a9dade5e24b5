package annotate

import (
	"bytes"
	"strings"
	"testing"
)

// predictions: another tool's output read as suggestions, for documents
// "a" (the project's, same text), "b" (the project's id, another text)
// and "c" (not in the project), with a label the project lacks.
func predictions(t *testing.T, bText string) *Project {
	t.Helper()
	q := NewProject(nil)
	if _, err := q.AddLabel(LabelDef{Name: "DRUG", Layer: LayerEntity}); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []struct{ id, text, sub, label string }{
		{"a", "Aspirin was sold by Bayer in Berlin.", "Bayer", "ORG"},
		{"b", bText, "Aspirin", "DRUG"},
		{"c", "Macron spoke in Paris.", "Paris", "GPE"},
	} {
		d, err := q.AddDocument(doc.id, doc.id, doc.text, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if _, es := d.AddSuggestions([]Suggestion{{Label: doc.label, Source: SourceImport, Score: 0.8, Scored: true, Fragments: []Fragment{at(t, doc.text, doc.sub, 0)}}}); len(es) > 0 {
			t.Fatal(es)
		}
	}
	return q
}

func TestAppendSuggestions(t *testing.T) {
	p := NewProject(nil)
	a, _ := p.AddDocument("a", "A", "Aspirin was sold by Bayer in Berlin.", Meta{})
	p.AddDocument("b", "B", "Aspirin, sold in Berlin.", Meta{})
	mustAdd(t, a, "GPE", at(t, a.Text(), "Berlin", 0))
	before := saved(t, p)

	// "b" has another text in the import: refused, located, nothing changes
	q := predictions(t, "Aspirin, sold in Bonn.")
	_, err := p.AppendSuggestions(q)
	wantCode(t, err, CodeTextMismatch)
	es := err.(Errors)
	if len(es) != 1 || es[0].Doc != "b" || !strings.Contains(es[0].Msg, `differ from code point 18: the import has "onn.", the project "erlin."`) {
		t.Fatalf("not located: %v", err)
	}
	if _, err := p.PlanAppendSuggestions(q); err == nil {
		t.Fatal("the plan does not see the difference")
	}
	if !bytes.Equal(saved(t, p), before) {
		t.Fatal("the project changed on error")
	}

	// the same texts: "a" and "b" get their suggestions, "c" is added,
	// DRUG joins the schema; a's span and undo history stay
	q = predictions(t, "Aspirin, sold in Berlin.")
	plan, err := p.PlanAppendSuggestions(q)
	if err != nil || plan.Matched != 2 || plan.New != 1 || plan.Suggestions != 3 || !strings.Contains(strings.Join(plan.Report, "\n"), "DRUG") {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	if _, err := p.AppendSuggestions(q); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range p.Documents() {
		for _, g := range d.Suggestions() {
			got = append(got, d.ID+": "+g.Key()+" "+d.Text()[g.Start():g.End()])
		}
	}
	want := "a: import ORG 20-25 Bayer|b: import DRUG 0-7 Aspirin|c: import GPE 16-21 Paris"
	if strings.Join(got, "|") != want || len(p.Documents()) != 3 || a.NumSpans() != 1 || !a.CanUndo() {
		t.Fatalf("got %q, %d documents, a: %d spans, undo %v", strings.Join(got, "|"), len(p.Documents()), a.NumSpans(), a.CanUndo())
	}
	if g := p.Doc("b").Suggestions()[0]; !g.Scored || g.Score != 0.8 {
		t.Fatalf("score lost: %+v", g)
	}
}
