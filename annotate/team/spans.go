package team

import "github.com/spanmark/spanmark/annotate"

// spansInOrder is d.Spans() (every span, in document order) by a walk of
// the document's interval tree, which gives span order but in rare cases
// (SpansIn checks, and sorts then), instead of a sort of all the spans:
// the sort was a third of a 10,000-span merge's time in wasm (Compare…).
// It lives here, not in Document.Spans, because there it cost the page's
// core 2 KB of its download budget.
func spansInOrder(d *annotate.Document) []*annotate.Span {
	if out := d.SpansIn(-1, int(^uint(0)>>1)); len(out) == d.NumSpans() && out != nil {
		return out
	}
	return d.Spans()
}
