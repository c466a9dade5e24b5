package web_test

// Page defects found by a walk through the page with real input (issue 22,
// last session's leftovers): each test drives the page with real mouse and
// key events (chromedp's Input domain) and reads the result back from the
// DOM.

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// keysAtOnce sends the keys (names as kb.Keys spells them, or characters)
// as real key events, all of them before the page has handled the first:
// the page's main thread is kept busy while they are sent, so that they
// reach it together and run one after the other with no frame between
// them, as the keys of a fast typist (or a test) do.
func (p *Page) keysAtOnce(keys ...string) {
	p.t.Helper()
	var evs []*input.DispatchKeyEventParams
	for _, k := range keys {
		if v, ok := keyNames[k]; ok {
			k = v
		}
		evs = append(evs, kb.Encode([]rune(k)[0])...)
	}
	var ok bool
	p.eval(`(setTimeout(() => { const t = performance.now(); while (performance.now() - t < 300); }, 0), true)`, &ok)
	c := chromedp.FromContext(p.ctx)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, len(evs))
	for i, ev := range evs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ev.Do(cdp.WithExecutor(ctx, c.Target))
		}()
		time.Sleep(5 * time.Millisecond) // sent in order; none is handled before the busy task ends
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			p.t.Fatalf("dispatching a key event: %v", err)
		}
	}
}

// Enter right after a label key (in the same frame, before the side panel
// of the new span is drawn) moves the focus into that panel, as the help
// says ("Enter: edit the selected span in the panel"). It did nothing: the
// panel was drawn in the frame after, and Enter looked for it too early.
func TestE2EFoundEnterAfterLabelKey(t *testing.T) {
	p := openPage(t, "/")
	s, e := p.dragSelect("Iran", "", 0)
	if s != 6 || e != 10 {
		t.Fatalf("selected [%d, %d), want [6, 10)", s, e)
	}
	p.keysAtOnce("3", "Enter") // GPE, then Enter in the same frame
	p.settle()
	var got struct {
		Active, Panel, Selected string
	}
	p.eval(`({active: document.activeElement.id, panel: (document.querySelector("#span-detail .sid") || {}).textContent || "",
		selected: smApp.selectedId() || ""})`, &got)
	f := parseProject(t, p.export())
	if n := len(f.Documents[0].Spans); n != 1 {
		t.Fatalf("%d spans after the label key, want 1", n)
	}
	sp := f.Documents[0].Spans[0]
	if sp.Label != "GPE" || sp.Fragments[0] != (projFrag{6, 10, "Iran"}) {
		t.Fatalf("span %s %+v, want GPE [6, 10) Iran", sp.Label, sp.Fragments[0])
	}
	if got.Selected != sp.ID || got.Panel != sp.ID {
		t.Fatalf("selected %q, panel shows %q, want the new span %s", got.Selected, got.Panel, sp.ID)
	}
	if got.Active != "f-label" {
		t.Fatalf("after the label key and Enter the focus is on #%s, want the panel's label field #f-label", got.Active)
	}
	p.noErrors()
}

// boxOf is the client rectangle of the element that the query selects.
func (p *Page) boxOf(sel string) rect {
	p.t.Helper()
	var r rect
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (!e) return null;
		const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })()`, &r)
	return r
}

func (r rect) overlaps(o rect) bool {
	return r.Width > 0 && o.Width > 0 && r.Left < o.Right-0.5 && o.Left < r.Right-0.5 && r.Top < o.Bottom-0.5 && o.Top < r.Bottom-0.5
}

// The Find bar (Ctrl+F) covered the document's title at 1400 and 800 px:
// it floated over the top of the article. Open, it must hide neither the
// title, nor the meta line, nor the article's first line, nor the current
// match as Enter goes through them.
func TestE2EFoundFindBarHidesNothing(t *testing.T) {
	p := openPage(t, "/")
	for _, w := range []int64{1400, 800} {
		p.run(chromedp.EmulateViewport(w, 900))
		p.settle()
		p.run(chromedp.Focus("#article", chromedp.ByQuery))
		p.key("f", input.ModifierCtrl)
		p.waitFor(`document.activeElement && document.activeElement.id === "find-input"`)
		if w == 1400 {
			p.typeFind("iran")
		}
		p.settle()
		bar := p.boxOf("#findbar")
		if bar.Height == 0 {
			t.Fatalf("%d px: the find bar is not shown", w)
		}
		for _, sel := range []string{"#doc-title", "#doc-meta"} {
			if b := p.boxOf(sel); b.Height == 0 || bar.overlaps(b) {
				t.Errorf("%d px: the find bar %+v covers %s %+v", w, bar, sel, b)
			}
		}
		var first rect
		p.eval(`(() => { const r = smApp.view.range(0, 4).getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })()`, &first)
		if bar.overlaps(first) {
			t.Errorf("%d px: the find bar %+v covers the article's first word %+v", w, bar, first)
		}
		p.screenshot("found-find-open-" + itoa(int(w)))
		// through the matches: each current one is clear of the bar
		for i := range 6 {
			p.key("Enter")
			p.settle()
			var cur rect
			p.eval(`(() => { const f = smApp.finder, r = smApp.view.range(f.matches[2 * f.cur], f.matches[2 * f.cur + 1]).getBoundingClientRect();
				return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })()`, &cur)
			if bar = p.boxOf("#findbar"); bar.overlaps(cur) || cur.Height == 0 {
				t.Errorf("%d px, Enter %d: the current match %+v is under the find bar %+v", w, i+1, cur, bar)
			}
		}
		p.key("Escape")
		p.run(chromedp.Evaluate(`smApp.scroller.scrollTop = 0`, nil))
	}
	p.noErrors()
}
