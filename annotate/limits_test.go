package annotate

import (
	"fmt"
	"strings"
	"testing"
)

// A project holds at most MaxDocuments documents: one more is refused by
// AddDocument, by Load (one error, before any document is built) and by an
// append, each saying the limit and what to do (issue 23: a dataset of a
// million records made the page unusable).
func TestMaxDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 200,000 documents")
	}
	var b strings.Builder
	b.WriteString(`{"format": "spanmark", "version": 1, "schema": {"labels": [], "relations": []}, "documents": [`)
	for i := range MaxDocuments + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "d%d", "text": "a"}`, i)
	}
	b.WriteString("]}")
	_, err := Load([]byte(b.String()), "many.json")
	es, ok := err.(Errors)
	if !ok || len(es) != 1 || !strings.Contains(es[0].Error(), "would have 200,001 documents; spanmark holds at most 200,000") ||
		es[0].File != "many.json" || es[0].Field != "documents" {
		t.Fatalf("Load of %d documents: %v", MaxDocuments+1, err)
	}

	p := NewProject(DefaultSchema())
	for i := range MaxDocuments {
		if _, err := p.AddDocument(fmt.Sprintf("d%d", i), "", "a", Meta{}); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
	}
	if _, err := p.AddDocument("one-more", "", "a", Meta{}); err == nil || !strings.Contains(err.Error(), "at most 200,000 documents") {
		t.Fatalf("AddDocument past the limit: %v", err)
	}
	q := NewProject(DefaultSchema())
	if _, err := q.AddDocument("x", "", "a", Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Append(q); err == nil || !strings.Contains(err.Error(), "would have 200,001 documents") {
		t.Fatalf("Append past the limit: %v", err)
	}
	if len(p.Documents()) != MaxDocuments {
		t.Fatalf("the refused append changed the project: %d documents", len(p.Documents()))
	}
}
