package web_test

// Page defects found by a walk through the page with real input (issue 22,
// last session's leftovers): each test drives the page with real mouse and
// key events (chromedp's Input domain) and reads the result back from the
// DOM.

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/spanmark/spanmark/annotate"
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
		// one row: the close button beside the box, not wrapped under it
		// (at 800 px it wrapped onto a row of its own)
		if in, x := p.boxOf("#find-input"), p.boxOf("#find-close"); x.Top >= in.Bottom || x.Bottom <= in.Top {
			t.Errorf("%d px: the find bar wraps: the close button %+v is not on the box's row %+v", w, x, in)
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

// Counts on the page are written with thousands separators ("1,000,000
// characters", "10,000 spans"), as the core writes them (annotate.Count):
// the document's meta line, the document list, the label bar, the entities
// panel, the status bar's selection and Stats, on the 1M-character
// document with 10,000 spans. They read "1000000 characters".
func TestE2EFoundCountsGrouped(t *testing.T) {
	bigProject()
	var proj struct {
		Documents []struct {
			Text  string
			Spans []struct{ Label string }
		}
	}
	if err := json.Unmarshal(extraFile("/_test/big.json"), &proj); err != nil {
		t.Fatal(err)
	}
	doc := proj.Documents[0]
	spans, chars := len(doc.Spans), utf8.RuneCountInString(doc.Text)
	perLabel := map[string]int{}
	for _, s := range doc.Spans {
		perLabel[s.Label]++
	}
	if spans < 10_000 || chars != 1_000_000 {
		t.Fatalf("the big project has %d spans, %d characters", spans, chars)
	}
	p := openPage(t, "/?project=/_test/big.json")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.waitFor(`smApp.docId === "big" && document.querySelector("#doc-list .n") !== null`)
	p.settle()
	var got struct {
		Meta, DocCount, Entities string
		Bar                      map[string]string
	}
	p.eval(`({meta: document.getElementById("doc-meta").textContent,
		docCount: document.querySelector("#doc-list .n").textContent,
		entities: document.getElementById("entities-count").textContent,
		bar: Object.fromEntries([...document.querySelectorAll("#labels .lbl")].map(b => [b.querySelector(".name").textContent, (b.querySelector(".n") || {}).textContent]))})`, &got)
	if want := annotate.Count(chars) + " characters"; !strings.Contains(got.Meta, want) || want != "1,000,000 characters" {
		t.Errorf("meta line %q, want it to say %q", got.Meta, want)
	}
	if want := annotate.Count(spans) + " spans"; got.DocCount != want || !strings.Contains(want, ",") {
		t.Errorf("document list: %q, want %q", got.DocCount, want)
	}
	if got.Entities != annotate.Count(spans) {
		t.Errorf("entities panel count %q, want %q", got.Entities, annotate.Count(spans))
	}
	for l, n := range perLabel {
		if got.Bar[l] != annotate.Count(n) || n >= 1000 && !strings.Contains(got.Bar[l], ",") {
			t.Errorf("label bar: %s %q, want %q", l, got.Bar[l], annotate.Count(n))
		}
	}
	// the status bar: select the whole article with the keyboard
	p.clickText("minister", "")
	p.key("Home", input.ModifierCtrl)
	p.key("End", input.ModifierCtrl|input.ModifierShift)
	p.settle()
	if info, want := p.text("sel-info"), "1,000,000 selected — press 1–9 to label"; info != want {
		t.Errorf("status bar: %q, want %q", info, want)
	}
	p.screenshots("found-counts")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.key("Escape")
	// Stats: the totals and the bars' figures
	p.run(chromedp.Click("#btn-stats", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden && document.querySelector("#stats-body .stats-n") !== null`)
	var st struct {
		Notes, Figures []string
	}
	p.eval(`({notes: [...document.querySelectorAll("#stats-body .stats-note")].map(e => e.textContent),
		figures: [...document.querySelectorAll("#stats-body .stats-n")].map(e => e.textContent)})`, &st)
	if want := "0% of 1 document done · " + annotate.Count(spans) + " spans"; !slices.Contains(st.Notes, want) {
		t.Errorf("Stats notes %q, want one to be %q", st.Notes, want)
	}
	if want := "1 todo"; !slices.Contains(st.Notes, want) {
		t.Errorf("Stats notes %q, want %q", st.Notes, want)
	}
	wantFig := []string{}
	for _, n := range perLabel {
		wantFig = append(wantFig, annotate.Count(n))
	}
	wantFig = append(wantFig, annotate.Count(spans)) // the document's bar
	if !sameMultiset(st.Figures, wantFig) {
		t.Errorf("Stats figures %q, want %q", st.Figures, wantFig)
	}
	p.screenshot("found-counts-stats-1400")
	p.noErrors()
}

func sameMultiset(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// extraFile is a file the test server serves from memory (addExtra).
func extraFile(path string) []byte {
	extraMu.Lock()
	defer extraMu.Unlock()
	return extra[path]
}

// glyphBox is the union of the client rects of each code unit of the
// document's text in [s, e) (each character measured on its own, so a
// range's own rounding at a bidi boundary plays no part), and the
// selected span's outline boxes.
type rtlBoxes struct {
	Glyphs rect
	Range  []rect
	Boxes  []rect
	Frags  []int
}

func (p *Page) selectedOutline(s, e int) rtlBoxes {
	p.t.Helper()
	var b rtlBoxes
	p.eval(fmt.Sprintf(`(() => {
		const v = smApp.view, o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
		let g = null;
		for (let i = %d; i < %d; i++) {
			for (const r of v.range(i, i + 1).getClientRects()) {
				if (r.width < 0.5) continue;
				g = g ? {left: Math.min(g.left, r.left), top: Math.min(g.top, r.top), right: Math.max(g.right, r.right), bottom: Math.max(g.bottom, r.bottom)} : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
			}
		}
		g.width = g.right - g.left; g.height = g.bottom - g.top;
		return {glyphs: g, range: [...v.range(%d, %d).getClientRects()].map(o),
			boxes: [...document.querySelectorAll("#overlay .selbox")].filter(b => !b.hidden).map(b => o(b.getBoundingClientRect())),
			frags: smApp.painter.selected ? smApp.painter.selected.frags : []};
	})()`, s, e, s, e), &b)
	return b
}

// A right-to-left name in parentheses, "(ناصر کنعانی)" and "(יואב גלנט)"
// in the multilingual sample, labelled and selected: its outline box and
// its edge handles must sit on the name's glyphs. The outline was right,
// but the end handle's bar stood inside the name, one letter in, which made
// the box look split and shifted: edgedrag.js took the text's direction at
// the end from the character after the span, the ")" (left to right).
func TestE2EFoundRTLOutline(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt)
	p.waitFor(`smApp.docId === "gulf-shipping-multilingual"`)
	for _, w := range []int64{1400, 800} {
		p.run(chromedp.EmulateViewport(w, 900))
		p.settle()
		for _, name := range []string{"ناصر کنعانی", "יואב גלנט"} {
			s, e := p.dragSelect(name, "", 0)
			if w == 1400 {
				p.key("1") // PERSON: the new span is selected
			} else {
				p.key("Escape")
				p.clickText(name, "") // select it with the mouse
			}
			p.waitFor(`!!smApp.edges && !document.querySelector(".edge-handle.end").hidden && !!smApp.painter.selected`)
			p.settle()
			b := p.selectedOutline(s, e)
			if len(b.Frags) != 2 || b.Frags[0] != s || b.Frags[1] != e {
				t.Fatalf("%d px, %s: selected %v, want [%d %d]", w, name, b.Frags, s, e)
			}
			g := b.Glyphs
			if len(b.Boxes) != 1 {
				t.Errorf("%d px, %s: %d outline boxes %+v, want 1 around %+v", w, name, len(b.Boxes), b.Boxes, g)
			} else if o := b.Boxes[0]; g.Left-o.Left < 1.9 || o.Right-g.Right < 1.9 || g.Top-o.Top < 1.9 || o.Bottom-g.Bottom < 1.9 ||
				g.Left-o.Left > 3.1 || o.Right-g.Right > 3.1 {
				// 2 to 3 px out on each side: its 2 px border covers no glyph
				// of the name, and no more than it must of the gap beside it
				t.Errorf("%d px, %s: outline %+v does not sit around the name's glyphs %+v (left %.2f, right %.2f, top %.2f, bottom %.2f px out)",
					w, name, o, g, g.Left-o.Left, o.Right-g.Right, g.Top-o.Top, o.Bottom-g.Bottom)
			}
			if len(b.Boxes) == 1 {
				t.Logf("%d px, %s: outline %.2f px out left, %.2f right, %.2f top, %.2f bottom", w, name, g.Left-b.Boxes[0].Left, b.Boxes[0].Right-g.Right, g.Top-b.Boxes[0].Top, b.Boxes[0].Bottom-g.Bottom)
			}
			var h struct{ Start, End rect }
			p.eval(`(() => { const o = e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
				return {start: o(document.querySelector(".edge-handle.start")), end: o(document.querySelector(".edge-handle.end"))}; })()`, &h)
			// right to left: the start at the name's right, the end at its left
			if x := (h.Start.Left + h.Start.Right) / 2; math.Abs(x-g.Right) > 1.5 {
				t.Errorf("%d px, %s: the start handle at x %.1f, want the name's right edge %.1f", w, name, x, g.Right)
			}
			if x := (h.End.Left + h.End.Right) / 2; math.Abs(x-g.Left) > 1.5 {
				t.Errorf("%d px, %s: the end handle at x %.1f, want the name's left edge %.1f (glyphs %+v)", w, name, x, g.Left, g)
			}
			p.zoomShot(fmt.Sprintf("found-rtl-%d-%d", w, s), g.Left-60, g.Top-16, g.Width+120, g.Height+32)
		}
		p.screenshot(fmt.Sprintf("found-rtl-%d", w))
	}
	p.noErrors()
}

// zoomShot saves a 4× screenshot of a part of the page (client coordinates).
func (p *Page) zoomShot(name string, x, y, w, h float64) {
	p.t.Helper()
	p.settle()
	x, y = math.Max(0, x), math.Max(0, y) // a clip off the page is not taken
	var buf []byte
	p.run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		buf, err = page.CaptureScreenshot().WithClip(&page.Viewport{X: x, Y: y, Width: w, Height: h, Scale: 4}).Do(ctx)
		return err
	}))
	if err := os.MkdirAll(artifactDir, 0o755); err != nil {
		p.t.Fatalf("%v", err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir, name+".png"), buf, 0o644); err != nil {
		p.t.Fatalf("%v", err)
	}
}

// The claimant and cue arcs' labels ("claimant", "cue") sat on the text at
// 800 px: they stood at a fixed part of the arc's height, in the middle of
// a line. They must stay between the lines (clear of every character's
// box on screen) at 800 and 1400 px, and on their arc.
func TestE2EFoundArcLabelsBetweenLines(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.labelObamaClaim()
	p.linkFirst("c") // claimant: Obama
	p.linkFirst("u") // cue: wrote
	for _, w := range []int64{800, 1400, 800} {
		p.run(chromedp.EmulateViewport(w, 900))
		p.settle()
		p.settle()
		var got struct {
			Labels []struct {
				Text string
				Box  rect
				Path string
				Off  string
			}
			Glyphs []rect
		}
		p.eval(`(() => {
			const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
			const sc = smApp.scroller.getBoundingClientRect();
			const labels = [...document.querySelectorAll(".relarcs .relarc-label")].map(g => {
				const p = document.querySelector('.relarcs .relarc[data-rel="' + g.dataset.rel + '"]');
				return {text: g.textContent, box: o(g.querySelector("rect").getBoundingClientRect()), path: p ? p.getAttribute("d") : "", off: p ? p.dataset.offscreen || "" : ""};
			});
			// the boxes of the text on screen: each text node's line boxes
			const glyphs = [], tw = document.createTreeWalker(smApp.article, NodeFilter.SHOW_TEXT), rg = document.createRange();
			for (let n = tw.nextNode(); n; n = tw.nextNode()) {
				const pr = n.parentElement.getBoundingClientRect();
				if (pr.bottom < sc.top || pr.top > sc.bottom) continue;
				rg.selectNodeContents(n);
				for (const r of rg.getClientRects()) if (r.width >= 1 && r.bottom > sc.top && r.top < sc.bottom) glyphs.push(o(r));
			}
			return {labels, glyphs};
		})()`, &got)
		if len(got.Labels) != 2 {
			t.Fatalf("%d px: %d arc labels, want 2: %+v", w, len(got.Labels), got.Labels)
		}
		for _, l := range got.Labels {
			for _, g := range got.Glyphs {
				if l.Box.overlaps(g) {
					t.Errorf("%d px: the %q label %+v covers text %+v", w, l.Text, l.Box, g)
					break
				}
			}
		}
		p.screenshot(fmt.Sprintf("found-arcs-%d", w))
	}
	p.noErrors()
}
