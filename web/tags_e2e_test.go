package web_test

// The label tags (chips in the overlay, paint.js) must sit on their spans in
// a big article after a jump: the text blocks far down are laid out only
// when they come into view (content-visibility: auto with estimated
// heights), which moves the lines under tags that were already measured.

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// tagCheck is what the page reports for the tags on screen.
type tagCheck struct {
	Checked int
	Bad     []string
}

// checkTags compares, for every tag on screen, its box with the first client
// rect of its span's first fragment (a DOM Range through the page's own
// offset mapping): the tag's bottom edge must be at the span's top (±3 px)
// and the tag must start within the span's line horizontally.
const checkTagsJS = `(() => {
	const app = smApp, v = app.view, sb = app.scroller.getBoundingClientRect();
	const out = { checked: 0, bad: [] };
	for (const [id, rec] of app.painter.recs) {
		if (rec.el.hidden) continue;
		const t = rec.el.getBoundingClientRect();
		if (t.bottom < sb.top || t.top > sb.bottom) continue; // not on screen
		const f = spanmark.span(app.docId, id).frags;
		const r = v.range(f[0], f[1]).getClientRects()[0];
		if (!r) { out.bad.push(id + ": span has no rect"); continue; }
		out.checked++;
		const dy = t.bottom - r.top;
		// (a tag sits above its line: at the bottom edge of the screen it can
		// show while its line is just below; it must still be on it)
		if ((r.bottom < sb.top || r.top > sb.bottom) && Math.abs(dy) > 3) { out.bad.push(id + ": tag on screen at y=" + t.top.toFixed(1) + ", span off screen at y=" + r.top.toFixed(1)); continue; }
		if (Math.abs(dy) > 3 || t.left > r.right + 1) {
			out.bad.push(id + " " + rec.label + ": tag [" + t.left.toFixed(1) + "," + t.top.toFixed(1) + "–" + t.bottom.toFixed(1) +
				"] span [" + r.left.toFixed(1) + "," + r.top.toFixed(1) + "–" + r.bottom.toFixed(1) + "] dy=" + dy.toFixed(1));
		}
	}
	return out;
})()`

func (p *Page) checkTags(t *testing.T, what string) {
	t.Helper()
	var res tagCheck
	p.eval(checkTagsJS, &res)
	if res.Checked < 5 {
		t.Fatalf("%s: only %d tags on screen to check", what, res.Checked)
	}
	if len(res.Bad) > 0 {
		n := len(res.Bad)
		if n > 8 {
			res.Bad = res.Bad[:8]
		}
		t.Errorf("%s: %d of %d tags on screen are not on their spans:\n  %s", what, n, res.Checked, strings.Join(res.Bad, "\n  "))
	}
}

// TestTagsFollowLazyLayout jumps far down and back up in the 1M-character
// article and checks every tag on screen against its span, a moment later
// (after the browser has laid out the blocks that came into view).
func TestTagsFollowLazyLayout(t *testing.T) {
	bigProject()
	p := openPage(t, "/?project=/_test/big.json")
	for _, frac := range []float64{0.6, 0.3, 0.85} {
		var ok bool
		p.eval(fmt.Sprintf(`(smApp.scroller.scrollTop = smApp.scroller.scrollHeight * %g, true)`, frac), &ok)
		p.settle()
		time.Sleep(300 * time.Millisecond)
		p.settle()
		if frac == 0.6 {
			p.screenshot("tags-jump-60")
		}
		p.checkTags(t, fmt.Sprintf("after a jump to %g%%", frac*100))
	}
	// a span chosen in the entities panel is scrolled to (scrollToSpan)
	var id string
	p.eval(`(() => { const s = spanmark.span("big", "s9500"); smApp.selectSpan(s, { scroll: true }); return s.id; })()`, &id)
	p.settle()
	time.Sleep(300 * time.Millisecond)
	p.settle()
	p.checkTags(t, "after scrolling to span "+id)
	p.noErrors()
}

// windowJS reports, for the spans of the lines on screen and of the
// window the painter holds (the spans with Ranges in the highlights), those
// on screen without Ranges or a tag, and those with Ranges whose text is
// more than a third of a screen away from it.
const windowJS = `(() => {
	const app = smApp, v = app.view, sb = app.scroller.getBoundingClientRect(), far = sb.height / 3;
	const [first, last] = v.visibleLines(app.scroller);
	const out = { onScreen: 0, live: app.painter.live.size, bad: [] };
	const rectOf = s => v.range(s.frags[0], s.frags[1]).getClientRects()[0];
	for (const s of spanmark.spansIn(app.docId, v.starts[first], v.lineEnd(last))) {
		const r = rectOf(s);
		if (!r || r.bottom <= sb.top || r.top >= sb.bottom) continue;
		out.onScreen++;
		if (!app.painter.live.has(s.id)) out.bad.push(s.id + " on screen at y=" + r.top.toFixed(0) + " has no highlight");
		const rec = app.painter.recs.get(s.id);
		if (!rec || rec.el.hidden) out.bad.push(s.id + " on screen at y=" + r.top.toFixed(0) + " has no tag");
	}
	for (const [id, cur] of app.painter.live) {
		const r = rectOf(cur.span);
		if (r && (r.bottom < sb.top - far || r.top > sb.bottom + far)) out.bad.push(id + " is highlighted at y=" + r.top.toFixed(0) + ", screen " + sb.top.toFixed(0) + "–" + sb.bottom.toFixed(0));
	}
	return out;
})()`

// TestWindowFollowsScreen: in the 1M-character article, once a scroll has
// stopped, every span on screen is highlighted and tagged, and the
// highlights hold only the text around the screen (each Range costs paint
// in the frame of every new span: see App.updateWindow), not the whole of
// the long paragraphs cut by the screen's edges.
func TestWindowFollowsScreen(t *testing.T) {
	bigProject()
	p := openPage(t, "/?project=/_test/big.json")
	for _, frac := range []float64{0.5, 0.2, 0.77} {
		var ok bool
		p.eval(fmt.Sprintf(`(smApp.scroller.scrollTop = smApp.scroller.scrollHeight * %g, true)`, frac), &ok)
		// scroll on a little, as a reader does, then stop
		for range 5 {
			p.settle()
			p.eval(`(smApp.scroller.scrollTop += 37, true)`, &ok)
		}
		time.Sleep(400 * time.Millisecond) // the window narrows 200 ms after the last scroll
		p.settle()
		var res struct {
			OnScreen, Live int
			Bad            []string
		}
		p.eval(windowJS, &res)
		if res.OnScreen < 10 {
			t.Fatalf("at %g%%: only %d spans on screen to check", frac*100, res.OnScreen)
		}
		if len(res.Bad) > 0 {
			t.Errorf("at %g%% (%d spans on screen, %d highlighted):\n  %s", frac*100, res.OnScreen, res.Live, strings.Join(res.Bad, "\n  "))
		}
		t.Logf("at %g%%: %d spans on screen, %d highlighted", frac*100, res.OnScreen, res.Live)
	}
	p.noErrors()
}
