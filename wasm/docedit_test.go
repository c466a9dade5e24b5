//go:build js && wasm

package main

import (
	"slices"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// Rename, metadata, delete and its undo, and the list's filter, through
// the real bridge.
func TestDocEditBridge(t *testing.T) {
	fresh(t)
	c := callAs[changeView](t, "setDocInfo", "iran", "  Secret talks ", map[string]any{"source": "Haaretz", "url": "https://example.org/x", "date": "2012-10-21"})
	if !c.Doc || c.Op != "edit document" || !c.CanUndo {
		t.Errorf("setDocInfo = %+v", c)
	}
	d := callAs[docInfo](t, "document", "iran")
	if d.Title != "Secret talks" || d.Meta != (annotate.Meta{Source: "Haaretz", URL: "https://example.org/x", Date: "2012-10-21"}) || d.Status != "todo" {
		t.Errorf("after setDocInfo: %+v (a rename is no annotation: the status stays todo)", d)
	}
	if e := throws(t, "setDocInfo", "iran", "x", map[string]any{"date": "21/10/2012"}); e.Code != "bad_argument" || e.Field != "meta.date" || e.Doc != "iran" {
		t.Errorf("a bad date: %+v", e)
	}
	if e := throws(t, "setDocInfo", "iran", "x", map[string]any{"author": "me"}); e.Code != "bad_argument" || e.Field != "meta" {
		t.Errorf("an unknown meta field: %+v", e)
	}
	callAs[changeView](t, "undo", "iran")
	if d := callAs[docInfo](t, "document", "iran"); d.Title != "U.S., Iran Holding Secret Talks" || d.Meta != (annotate.Meta{Source: "Haaretz"}) {
		t.Errorf("after undo: %+v", d)
	}

	// the filter
	callAs[changeView](t, "setStatus", "gulf", "done")
	callAs[changeView](t, "setDocLabels", "iran", []any{"relevant"})
	callAs[changeView](t, "addSpan", "iran", "PERSON", nums(0, 4))
	for _, k := range []struct {
		q    map[string]any
		want []string
	}{
		{map[string]any{}, []string{"gulf", "iran"}},
		{map[string]any{"text": "GULF lanes"}, []string{"gulf"}},
		{map[string]any{"status": "done"}, []string{"gulf"}},
		{map[string]any{"docLabel": "relevant"}, []string{"iran"}},
		{map[string]any{"spanLabel": "PERSON", "text": "talks"}, []string{"iran"}},
		{map[string]any{"spanLabel": "ORG"}, []string{}},
	} {
		if got := callAs[[]string](t, "findDocuments", k.q); !slices.Equal(got, k.want) {
			t.Errorf("findDocuments(%v) = %q, want %q", k.q, got, k.want)
		}
	}
	if e := throws(t, "findDocuments", map[string]any{"status": "finished"}); e.Code != "bad_status" {
		t.Errorf("a bad status: %+v", e)
	}

	// delete and restore: back in place, with its history
	del := callAs[map[string]any](t, "deleteDocument", "gulf")
	if del["id"] != "gulf" || del["index"] != 0.0 {
		t.Errorf("deleteDocument = %v", del)
	}
	if docs := callAs[[]docInfo](t, "documents"); len(docs) != 1 {
		t.Fatalf("after delete: %d documents", len(docs))
	}
	back := callAs[docInfo](t, "restoreDocument", "gulf")
	if docs := callAs[[]docInfo](t, "documents"); back.ID != "gulf" || back.Status != "done" || len(docs) != 2 || docs[0].ID != "gulf" {
		t.Fatalf("after restore: %+v, %+v", back, docs)
	}
	if u := callAs[map[string]bool](t, "undoState", "gulf"); !u["canUndo"] {
		t.Errorf("the restored document lost its undo history: %v", u)
	}
	if e := throws(t, "restoreDocument", "gulf"); e.Code != "nothing_to_undo" || e.Doc != "gulf" {
		t.Errorf("restoring twice: %+v", e)
	}
	// a new project forgets the deletions of the old one
	callAs[map[string]any](t, "deleteDocument", "iran")
	fresh(t)
	if e := throws(t, "restoreDocument", "iran"); e.Code != "nothing_to_undo" {
		t.Errorf("restoring into another project: %+v", e)
	}
}
