package formats

import (
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// TestWarmReads: Warm's made-up records import without error (a dataset
// that failed early would leave most of the import's code cold), with
// every span and relation, and a label mapped and a relation type added.
func TestWarmReads(t *testing.T) {
	cur := annotate.NewProject(nil)
	_, p, rep, err := Read([]File{{Name: "warm.jsonl", Data: warmData(8)}}, "doccano", ImportOptions{Schema: cur.Schema, AutoMap: true})
	if err != nil || len(rep) != 2 {
		t.Fatalf("error %v, report %q", err, rep)
	}
	spans, rels := 0, 0
	for _, d := range p.Documents() {
		spans += d.NumSpans()
		rels += d.NumRelations()
	}
	if len(p.Documents()) != 8 || spans != 20 || rels != 4 {
		t.Errorf("%d documents, %d spans, %d relations; want 8, 20, 4", len(p.Documents()), spans, rels)
	}
	Warm(8) // (and it does not panic)
}
