//go:build js && wasm

package main

import "github.com/spanmark/spanmark/annotate"

// The page's document management (web/docedit.js): rename and metadata,
// deletion and its undo, and the document list's filter. Each method
// reads its arguments and calls the core once (annotate/docedit.go).
var docEditAPI = map[string]method{
	"setDocInfo":      setDocInfo,
	"deleteDocument":  deleteDocument,
	"restoreDocument": restoreDocument,
	"findDocuments":   findDocuments,
}

// setDocInfo(doc, title, meta): one undo step of the document. Not an
// annotation, so the status rule does not apply (changed, not edited).
func setDocInfo(a *argv) (any, error) {
	d, title := a.doc(0), a.str(1, "title")
	o := a.object(2, "meta", "a meta object {source, url, date}", "source", "url", "date")
	m := annotate.Meta{Source: o.str("source"), URL: o.str("url"), Date: o.str("date")}
	if a.err != nil {
		return nil, a.err
	}
	c, err := d.SetInfo(title, m)
	return changed(d, c, err)
}

// deleted holds the documents deleted in this session, for
// restoreDocument, newest last; with the project they were deleted from,
// so that a new project cannot take them. Bounded: a deletion older than
// maxDeleted cannot be undone (each holds a whole document in memory).
var deleted []*annotate.Removed

var deletedFrom *annotate.Project

const maxDeleted = 50

// deleteDocument(doc): takes the document out of the project and returns
// {id, index}, its position, for the page's undo.
func deleteDocument(a *argv) (any, error) {
	id := a.str(0, "doc")
	if a.err != nil {
		return nil, a.err
	}
	r, err := theProject.DeleteDocument(id)
	if err != nil {
		return nil, err
	}
	if deletedFrom != theProject {
		deleted, deletedFrom = nil, theProject
	}
	if deleted = append(deleted, r); len(deleted) > maxDeleted {
		deleted = append(deleted[:0], deleted[len(deleted)-maxDeleted:]...)
	}
	return map[string]any{"id": id, "index": r.At}, nil
}

// restoreDocument(doc): puts back the document of that id deleted last in
// this session, where it was, with its annotations and undo history, and
// returns its DocInfo.
func restoreDocument(a *argv) (any, error) {
	id := a.str(0, "doc")
	if a.err != nil {
		return nil, a.err
	}
	i := len(deleted) - 1 // the last deletion of that id
	for i >= 0 && (deletedFrom != theProject || deleted[i].Doc.ID != id) {
		i--
	}
	if i < 0 {
		return nil, &annotate.Error{Code: annotate.CodeNothingToUndo, Doc: id, Field: "doc",
			Msg: "no deleted document " + id + " to bring back (deletions are kept until the page is closed, the last 50)"}
	}
	r := deleted[i]
	if err := theProject.RestoreDocument(r); err != nil {
		return nil, err
	}
	deleted = append(deleted[:i], deleted[i+1:]...)
	return toJS(viewDoc(r.Doc))
}

// findDocuments(query): the ids of the documents the query selects, in
// project order (annotate.DocQuery).
func findDocuments(a *argv) (any, error) {
	o := a.object(0, "query", "a query object {text, status, docLabel, spanLabel}", "text", "status", "docLabel", "spanLabel")
	q := annotate.DocQuery{Text: o.str("text"), Status: annotate.Status(o.str("status")), DocLabel: o.str("docLabel"), SpanLabel: o.str("spanLabel")}
	if a.err != nil {
		return nil, a.err
	}
	if q.Status != "" && !q.Status.Valid() {
		return nil, &annotate.Error{Code: annotate.CodeBadStatus, Field: "query.status",
			Msg: "status " + string(q.Status) + " is not one of todo, in_progress, done"}
	}
	ds := theProject.FindDocuments(q)
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return parseJSON(appendStrings(nil, ids))
}
