package web_test

// Defects found walking through the first hour as a new user (issue 22,
// "the page as a new user sees it"), each with real input and the DOM
// read back.

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A selected claim whose claimant and cue are both off screen the same way
// shows one arrow label per relation at the edge of the view, stacked, not
// drawn over each other. On the old code both labels ("↓ claimant: Obama",
// "↓ cue: said") sat at the same place and neither could be read.
func TestE2EWalkOffscreenArcLabels(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	const ctx = "In an interview with CBS aired Sunday, Obama said a permanent"
	p.dragSelect("Obama", ctx, 0)
	p.key("1")
	p.dragSelect("said", ctx, 0)
	p.key("9")
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7")
	p.key("c")
	p.clickText("Obama", ctx)
	p.key("u")
	p.key("1")
	p.settle()
	p.clickText("permanent agreement", "")
	p.settle()
	// back to the top: the claim and both its ends are below the view
	var ok bool
	p.eval(`(smApp.scroller.scrollTop = 0, true)`, &ok)
	p.settle()
	p.settle()
	var labels []rect
	p.eval(`[...document.querySelectorAll(".relarc-label")].map(g => { const r = g.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })`, &labels)
	if len(labels) != 2 {
		t.Fatalf("%d arc labels, want 2 (claimant and cue)", len(labels))
	}
	a, b := labels[0], labels[1]
	if a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom {
		t.Errorf("the off-screen labels overlap: %+v and %+v", a, b)
	}
	var view rect
	p.eval(`(() => { const r = smApp.scroller.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()`, &view)
	for _, l := range labels {
		if l.Top < view.Top || l.Bottom > view.Bottom {
			t.Errorf("an arc label %+v is outside the article's view %+v", l, view)
		}
	}
	p.screenshot("walk-offscreen-arcs-1400")
	p.noErrors()
}
