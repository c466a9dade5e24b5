//go:build js && wasm

package main

// Adjudication of a gold document's undecided spans (annotate/adjudicate.go):
// the disagreements, and settling one. The page's "Compare…" (web/compare.js)
// shows them; the core decides.

// disagreements(doc) lists the document's disagreements, offsets in code
// points (the page converts the few it shows).
func disagreements(a *argv) (any, error) {
	d := a.doc(0)
	if a.err != nil {
		return nil, a.err
	}
	return parseJSON(d.AppendDisagreementsJSON(nil))
}

// adjudicate(doc, index, annotator) takes annotator's version of
// disagreement index ("": none).
func adjudicate(a *argv) (any, error) {
	d, i, who := a.doc(0), a.integer(1, "index"), a.str(2, "annotator")
	if a.err != nil {
		return nil, a.err
	}
	c, err := d.Adjudicate(i, who)
	return edited(d, c, err)
}
