//go:build js && wasm

package main

import "testing"

// setAnnotator holds for the projects loaded after it, and the documents
// an edit changes record it (DocInfo.annotator).
func TestSetAnnotator(t *testing.T) {
	fresh(t)
	defer call(t, "setAnnotator", "")
	call(t, "setAnnotator", "ana")
	if d := callAs[docInfo](t, "document", "gulf"); d.Annotator != "" {
		t.Fatalf("before an edit: %q", d.Annotator)
	}
	call(t, "addSpan", "gulf", "PERSON", nums(87, 101))
	if d := callAs[docInfo](t, "document", "gulf"); d.Annotator != "ana" {
		t.Fatalf("after an edit: %q", d.Annotator)
	}
	if e := throws(t, "setAnnotator", " ana"); e.Code != "bad_argument" || e.Field != "annotator" {
		t.Errorf("a name with a space: %+v", e)
	}
	exported, _ := call(t, "exportProject").String()
	call(t, "loadProject", exported, "p.json")
	call(t, "addSpan", "iran", "PERSON", nums(0, 4))
	docs := callAs[[]docInfo](t, "documents")
	if docs[0].Annotator != "ana" || docs[1].Annotator != "ana" {
		t.Errorf("after loading a project: %+v", docs)
	}
	call(t, "newProject")
	if d := callAs[docInfo](t, "addDocument", "x", "", "Some text."); d.Annotator != "ana" {
		t.Errorf("a new project's document: %q", d.Annotator)
	}
}
