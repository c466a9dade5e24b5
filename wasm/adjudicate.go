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

// disagreement(doc, index, from?) gives one disagreement from the
// document's index of them (annotate.Document.DisagreementAt): that
// index, or with from given, the first that ends after code point from.
// {count, index, everyone, start, end, annotators, cands}; index -1 and
// no start… when there is none. The panel asks for the one it shows,
// never for the list: a key that moves to the next costs one small answer.
func disagreement(a *argv) (any, error) {
	d, i, from := a.doc(0), a.integer(1, "index"), 0
	if a.given(2) {
		from, i = a.integer(2, "from"), -1
	}
	if a.err != nil {
		return nil, a.err
	}
	return parseJSON(d.AppendDisagreementJSON(nil, i, from))
}
