package web_test

// Issue 22, defects 4, 5, 6, 14 and 15: what a person meets in the first
// hour, with real key and mouse events, read back from the browser.

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Labels added in the schema editor without choosing a colour get the
// core's distinct ones (they all got #9b8ec4), shown on their buttons.
func TestE2ENewLabelColors(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`) // schema-editor.js loads on the first click
	var shown []string
	for _, name := range []string{"Protein", "Gene", "Drug"} {
		var suggested string
		p.eval(`document.getElementById("sl-new-color").value`, &suggested)
		shown = append(shown, suggested)
		p.run(chromedp.SendKeys("#sl-new-name", name, chromedp.ByQuery))
		p.key("Enter")
		p.waitFor(`spanmark.schema().labels.some(l => l.name === "` + name + `")`)
	}
	p.key("Escape")
	var got []struct{ Name, Color, Border string }
	p.eval(`spanmark.schema().labels.slice(-3).map(l => ({
		name: l.name, color: l.color,
		border: getComputedStyle(smApp.labelButtons.get(l.name).b).borderLeftColor,
	}))`, &got)
	if len(got) != 3 {
		t.Fatalf("labels %+v", got)
	}
	seen := map[string]string{}
	for i, l := range got {
		if l.Color == "#9b8ec4" {
			t.Errorf("%s got the old default colour %s", l.Name, l.Color)
		}
		if o, dup := seen[l.Color]; dup {
			t.Errorf("%s and %s share %s", o, l.Name, l.Color)
		}
		seen[l.Color] = l.Name
		if shown[i] != l.Color {
			t.Errorf("the dialog showed %s for %s, which got %s", shown[i], l.Name, l.Color)
		}
	}
	if got[0].Border == got[1].Border || got[1].Border == got[2].Border || got[0].Border == got[2].Border {
		t.Errorf("label buttons share a colour: %+v", got)
	}
	p.noErrors()
}

// Tab leaves the article (it went through every span first: 54 presses
// on the sample); ] and [ go from span to span; Ctrl+arrows move by word
// from a plain caret, as the help says (Ctrl returned before the caret).
func TestE2EKeysTabAndWords(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Iran", "", 0)
	p.key("3") // GPE
	p.dragSelect("Obama", "In an interview with CBS aired Sunday, Obama said", 0)
	p.key("1") // PERSON
	p.settle()
	selected := func() string {
		var s string
		p.eval(`smApp.painter.selected ? smApp.painter.selected.text.join(" ") : ""`, &s)
		return s
	}
	active := func() string {
		var s string
		p.eval(`document.activeElement.id || document.activeElement.tagName`, &s)
		return s
	}

	// a caret in plain text, then words with Ctrl
	p.clickText("Secret", "")
	p.settle()
	if a := active(); a != "article" {
		t.Fatalf("after a click in the article, focus is on %s", a)
	}
	p.key("ArrowRight", input.ModifierCtrl)
	p.key("ArrowLeft", input.ModifierCtrl|input.ModifierShift)
	var sel string
	p.eval(`document.getSelection().toString()`, &sel)
	if strings.TrimSpace(sel) != "Secret" {
		t.Errorf("Ctrl+ArrowRight then Ctrl+Shift+ArrowLeft from a caret in \"Secret\" selected %q, want \"Secret\"", sel)
	}
	p.key("6") // EVENT
	p.settle()
	if s := selected(); s != "Secret" {
		t.Errorf("labelled %q, want \"Secret\"", s)
	}

	// ] and [ from span to span
	p.key("[")
	if s := selected(); s != "Iran" {
		t.Errorf("[ from \"Secret\" selected %q, want \"Iran\"", s)
	}
	p.key("]")
	p.key("]")
	if s := selected(); s != "Obama" {
		t.Errorf("] ] from \"Iran\" selected %q, want \"Obama\"", s)
	}
	p.key("]") // past the last span: stays, and says so
	var status string
	p.eval(`document.getElementById("status").textContent`, &status)
	if s := selected(); s != "Obama" || !strings.Contains(status, "No span after") {
		t.Errorf("] past the last span: selected %q, status %q", s, status)
	}

	// Tab leaves the article at once, with the span still selected
	if a := active(); a != "article" {
		t.Fatalf("focus is on %s before Tab, want the article", a)
	}
	p.key("Tab")
	if a := active(); a == "article" {
		t.Errorf("Tab kept the focus in the article (selected: %q)", selected())
	}
	if s := selected(); s != "Obama" {
		t.Errorf("Tab changed the selected span to %q", s)
	}
	p.key("Tab", input.ModifierShift)
	if a := active(); a != "article" {
		t.Errorf("Shift+Tab went to %s, want back to the article", a)
	}
	p.key("Tab", input.ModifierShift)
	if a := active(); a == "article" {
		t.Errorf("Shift+Tab kept the focus in the article")
	}
	// the help lists the keys
	var help string
	p.eval(`document.getElementById("help-keys").textContent`, &help)
	for _, want := range []string{"] / [", "Leave the article", "Ctrl"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	p.noErrors()
}

// C on a long claim shows the numbered candidates right under the claim,
// inside the article's visible box (they were at the foot of the side
// panel, below its fold), from the whole document (a claimant 1,600
// characters away was never offered), and the status reads "press 1" for
// one candidate, not "press 1–1".
func TestE2ELinkCandidatesInView(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1") // PERSON, far above the claim
	p.dragSelect("Obama", "reported that Obama sent", 0)
	p.key("1")
	claimText := "the two nations have shared interests in fighting the Islamic State group in Iraq and Syria, but that any cooperation between Tehran and Washington on this issue would hinge upon reaching an agreement over Iran's nuclear program"
	p.dragSelect(claimText, "", 0)
	p.key("7") // CLAIM, selected
	p.settle()
	var far int
	p.eval(`(() => { const t = smApp.view.text; return t.indexOf("the two nations have shared") - t.indexOf("Javad Zarif"); })()`, &far)
	if far < 1500 {
		t.Fatalf("Zarif is only %d characters before the claim", far)
	}
	p.key("c")
	p.settle()
	var got struct {
		Shown       bool
		Cands       []string
		Mode        string
		Pop, View   rect
		ClaimBottom float64
		InSidePanel int
	}
	read := func() {
		p.eval(`(() => {
			const pop = document.getElementById("link-pop");
			const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
			const f = smApp.painter.selected.frags;
			const rs = smApp.view.range(f[f.length - 2], f[f.length - 1]).getClientRects();
			return {
				shown: !!pop && !pop.hidden && pop.offsetHeight > 0,
				cands: pop ? [...pop.querySelectorAll(".cand .t")].map(e => e.textContent) : [],
				mode: document.getElementById("mode").textContent,
				pop: pop ? o(pop.getBoundingClientRect()) : null,
				view: o(document.getElementById("docpane").getBoundingClientRect()),
				claimBottom: rs[rs.length - 1].bottom,
				inSidePanel: document.querySelectorAll("#span-detail .cand").length,
			};
		})()`, &got)
	}
	read()
	if !got.Shown {
		t.Fatalf("no candidate list next to the claim after C (mode %q)", got.Mode)
	}
	if strings.Join(got.Cands, "|") != "Obama|Javad Zarif" {
		t.Errorf("candidates %q, want Obama then Javad Zarif (nearest first, the whole document)", got.Cands)
	}
	if got.Pop.Top < got.View.Top || got.Pop.Bottom > got.View.Bottom || got.Pop.Right > got.View.Right {
		t.Errorf("the list %+v is not inside the article's visible box %+v", got.Pop, got.View)
	}
	if d := got.Pop.Top - got.ClaimBottom; d < 0 || d > 40 {
		t.Errorf("the list starts %.0f px below the claim's last line, want 0-40", d)
	}
	if !strings.Contains(got.Mode, "press 1–2") {
		t.Errorf("mode %q, want it to say press 1–2", got.Mode)
	}
	p.screenshot("22-link-candidates-1400")
	p.key("2")
	p.settle()
	var rels []struct{ Type, To string }
	p.eval(`spanmark.relationsOf(smApp.docId, smApp.painter.selected.id).map(r => ({type: r.type, to: spanmark.span(smApp.docId, r.to).text[0]}))`, &rels)
	if len(rels) != 1 || rels[0].Type != "claimant" || rels[0].To != "Javad Zarif" {
		t.Errorf("after 2: relations %+v, want claimant Javad Zarif", rels)
	}
	read()
	if got.Shown {
		t.Errorf("the list stayed after linking")
	}

	// one candidate: "press 1"; at 800 px the list is in view too
	p.run(chromedp.EmulateViewport(800, 900))
	p.dragSelect("wrote", "in which he wrote that", 0)
	p.key("9") // CUE
	p.clickText("shared interests", "")
	p.settle()
	p.key("u")
	p.settle()
	read()
	if len(got.Cands) != 1 || !strings.Contains(got.Mode, "press 1 ") || strings.Contains(got.Mode, "1–1") {
		t.Errorf("one cue candidate: %q, mode %q", got.Cands, got.Mode)
	}
	if got.Pop.Top < got.View.Top || got.Pop.Bottom > got.View.Bottom || got.Pop.Right > got.View.Right || got.Pop.Left < got.View.Left {
		t.Errorf("800 px: the list %+v is not inside the article's visible box %+v", got.Pop, got.View)
	}
	p.screenshot("22-link-candidates-800")
	p.key("Escape")
	read()
	if got.Shown || got.Mode != "" {
		t.Errorf("Esc left the list (%v) or the mode %q", got.Shown, got.Mode)
	}
	p.noErrors()
}

// tintOf is the mean colour of the light (non-glyph) pixels inside r, as
// the screen shows them: the highlight under the text.
func (p *Page) tintOf(r rect) [3]float64 {
	p.t.Helper()
	var buf []byte
	p.run(chromedp.ActionFunc(func(ctx contextT) error {
		var err error
		buf, err = page.CaptureScreenshot().WithClip(&page.Viewport{X: r.Left + 1, Y: r.Top + 3, Width: r.Width - 2, Height: r.Height - 6, Scale: 1}).Do(ctx)
		return err
	}))
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	var sum [3]float64
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if int(c.R)+int(c.G)+int(c.B) < 450 { // a glyph's pixel
				continue
			}
			sum[0] += float64(c.R)
			sum[1] += float64(c.G)
			sum[2] += float64(c.B)
			n++
		}
	}
	if n == 0 {
		p.t.Fatalf("no background pixels in %+v", r)
	}
	return [3]float64{sum[0] / float64(n), sum[1] / float64(n), sum[2] / float64(n)}
}

// textBox is the client rect of the n-th line of needle (found after within).
func (p *Page) textBox(needle, within string) rect {
	p.t.Helper()
	var r rect
	p.eval(fmt.Sprintf(`(() => {
		const v = smApp.view, base = v.text.indexOf(%q), at = v.text.indexOf(%q, Math.max(0, base));
		const b = v.range(at, at + %d).getClientRects()[0];
		return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height};
	})()`, within, needle, len([]rune(needle))), &r)
	return r
}

// Rendering: a selected span that wraps gets one outline box per line,
// none around the hanging spaces at line ends and none over the glyphs
// beside it; selecting a span keeps its label's colour (it was painted
// blue); a span inside another of its label shows (it was invisible but
// for its tag); a long unbroken title wraps inside the article's column.
func TestE2ESpanRendering(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	span := "the Wall Street Journal reported that Obama sent a secret letter to Iran's supreme leader, Ayatollah Ali Khamenei, last month, in which he wrote that the two nations"
	p.dragSelect(span, "", 0)
	p.key("7") // CLAIM, selected
	p.settle()
	time.Sleep(50 * time.Millisecond)
	p.settle()
	var geo struct {
		Lines         int
		Boxes         []rect
		Before, After rect
	}
	p.eval(fmt.Sprintf(`(() => {
		const v = smApp.view, s = v.text.indexOf(%q), e = s + %d;
		const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
		const tops = new Set([...v.range(s, e).getClientRects()].filter(r => r.width > 6).map(r => Math.round(r.top)));
		return {
			lines: tops.size,
			boxes: [...document.querySelectorAll(".selbox")].filter(b => !b.hidden).map(b => o(b.getBoundingClientRect())),
			before: o(v.range(s - 2, s - 1).getBoundingClientRect()), // the comma before "the Wall…"
			after: o(v.range(e + 1, e + 2).getBoundingClientRect()),  // the "h" of "have"
		};
	})()`, span, len([]rune(span))), &geo)
	if geo.Lines < 2 {
		t.Fatalf("the span is on %d lines; the test needs one that wraps", geo.Lines)
	}
	if len(geo.Boxes) != geo.Lines {
		t.Errorf("%d outline boxes for a span on %d lines: %+v", len(geo.Boxes), geo.Lines, geo.Boxes)
	}
	overlaps := func(a, b rect) bool {
		return a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom
	}
	for _, b := range geo.Boxes {
		if b.Width < 20 {
			t.Errorf("a little outline box %+v", b)
		}
		for _, g := range []rect{geo.Before, geo.After} {
			// the glyph's ink: its box less the side bearings
			ink := rect{Left: g.Left + 1, Right: g.Right - 1, Top: g.Top + 4, Bottom: g.Bottom - 4}
			if overlaps(b, ink) {
				t.Errorf("outline box %+v covers the glyph beside the span at %+v", b, g)
			}
		}
	}
	p.screenshot("22-selected-claim-1400")

	// the selected span keeps its label's tint
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1") // PERSON #f4a261, selected
	p.settle()
	time.Sleep(50 * time.Millisecond)
	sel := p.tintOf(p.textBox("Javad Zarif", ""))
	p.key("Escape")
	p.settle()
	time.Sleep(50 * time.Millisecond)
	unsel := p.tintOf(p.textBox("Javad Zarif", ""))
	t.Logf("PERSON tint selected %v, not selected %v", sel, unsel)
	if sel[0]-sel[2] < 40 || math.Abs(sel[2]-unsel[2]) > 12 {
		t.Errorf("selected PERSON span tinted %v, unselected %v: selecting it must not hide its colour", sel, unsel)
	}

	// a PERSON inside a PERSON
	p.dragSelect("Ayatollah Ali Khamenei", "", 0)
	p.key("1")
	p.dragSelect("Ali Khamenei", "Ayatollah Ali Khamenei", 0)
	p.key("1")
	p.key("Escape")
	p.settle()
	time.Sleep(50 * time.Millisecond)
	outer := p.tintOf(p.textBox("Ayatollah", "supreme leader, Ayatollah"))
	inner := p.tintOf(p.textBox("Khamenei", "supreme leader, Ayatollah"))
	t.Logf("outer only %v, nested %v", outer, inner)
	if d := (outer[1] - inner[1]) + (outer[2] - inner[2]); d < 30 { // one more layer of #f4a261 at half opacity: about 16 + 33
		t.Errorf("the nested PERSON span (%v) looks like the outer one alone (%v)", inner, outer)
	}
	p.screenshot("22-nested-1400")
	p.run(chromedp.EmulateViewport(800, 900))
	p.clickText("Ali Khamenei", "supreme leader, Ayatollah")
	p.screenshot("22-nested-selected-800")
	p.run(chromedp.EmulateViewport(1400, 900))

	// a long unbroken title stays in the article's column
	p.openFile("t.json", personProject("t", strings.Repeat("Unbrokentitle", 30), "Some text."))
	p.waitFor(`smApp.docId === "t"`)
	var title struct{ Right, PaneRight, Overflow float64 }
	p.eval(`(() => {
		const t = document.getElementById("doc-title").getBoundingClientRect(), pane = document.getElementById("docpane");
		return {right: t.right, paneRight: pane.getBoundingClientRect().right, overflow: pane.scrollWidth - pane.clientWidth};
	})()`, &title)
	if title.Right > title.PaneRight || title.Overflow > 0 {
		t.Errorf("the title runs past the article's column: right %.0f, column right %.0f, overflow %.0f px", title.Right, title.PaneRight, title.Overflow)
	}
	p.noErrors()
}

// layoutBoxes is the page's main boxes as the browser lays them out.
type layoutBoxes struct {
	W, H                                  float64
	ScrollW, ScrollH                      float64
	Top, Labels, Pane, Side, Docs, Status rect
	Offscreen                             []string
}

func (p *Page) layout() layoutBoxes {
	p.t.Helper()
	var l layoutBoxes
	p.eval(`(() => {
		const o = id => { const e = document.getElementById(id) || document.querySelector(id); if (!e) return null; const r = e.getBoundingClientRect();
			return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
		const off = [];
		for (const e of document.querySelectorAll("header button, header select, header .toggle, #labels button")) {
			const r = e.getBoundingClientRect();
			if (r.width === 0 || getComputedStyle(e).display === "none") continue;
			if (r.left < -1 || r.right > innerWidth + 1) off.push((e.id || e.className) + " " + Math.round(r.left) + "-" + Math.round(r.right));
		}
		return {
			w: innerWidth, h: innerHeight,
			scrollW: document.documentElement.scrollWidth, scrollH: document.documentElement.scrollHeight,
			top: o(".top"), labels: o("labels"), pane: o("docpane"), side: o("side"), docs: o("docs"), status: o(".statusbar"),
			offscreen: off,
		};
	})()`, &l)
	return l
}

func overlapArea(a, b rect) float64 {
	w := math.Min(a.Right, b.Right) - math.Max(a.Left, b.Left)
	h := math.Min(a.Bottom, b.Bottom) - math.Max(a.Top, b.Top)
	if w <= 0 || h <= 0 || a.Width == 0 || b.Width == 0 {
		return 0
	}
	return w * h
}

// Narrow windows: down to 800 px the article and the side panel sit side
// by side, the article's box at least 300 px tall (it was ~170 px and
// overlapped the claims); below that the panels stack, and at 390 px the
// page is as wide as the screen (it was 703 px) with the article still
// readable, and a span can be selected, labelled (with a tap on the
// label's button) and its panel reached.
func TestE2ENarrowLayout(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7") // a claim, so that the claims panel has content
	p.dragSelect("Obama", "In an interview with CBS aired Sunday, Obama said", 0)
	p.key("1")
	for _, c := range []struct {
		w, h    int64
		minPane float64
		stacked bool
	}{{1400, 900, 500, false}, {1024, 768, 400, false}, {800, 900, 300, false}, {800, 600, 250, false}, {390, 844, 300, true}} {
		p.run(chromedp.EmulateViewport(c.w, c.h))
		p.settle()
		time.Sleep(150 * time.Millisecond)
		l := p.layout()
		name := fmt.Sprintf("%dx%d", c.w, c.h)
		if l.ScrollW > l.W+0.5 {
			t.Errorf("%s: the page is %.0f px wide in a %.0f px window", name, l.ScrollW, l.W)
		}
		if l.ScrollH > l.H+0.5 {
			t.Errorf("%s: the page is %.0f px tall in a %.0f px window", name, l.ScrollH, l.H)
		}
		if len(l.Offscreen) > 0 {
			t.Errorf("%s: controls outside the window: %q", name, l.Offscreen)
		}
		if l.Pane.Height < c.minPane {
			t.Errorf("%s: the article's box is %.0f px tall, want >= %.0f", name, l.Pane.Height, c.minPane)
		}
		if l.Pane.Right > l.W+0.5 || l.Pane.Left < -0.5 {
			t.Errorf("%s: the article's box %+v is outside the window", name, l.Pane)
		}
		for n, b := range map[string]rect{"side panel": l.Side, "header": l.Top, "label bar": l.Labels, "status bar": l.Status, "document list": l.Docs} {
			if a := overlapArea(l.Pane, b); a > 0 {
				t.Errorf("%s: the article's box %+v overlaps the %s %+v", name, l.Pane, n, b)
			}
		}
		if a := overlapArea(l.Side, l.Status); a > 0 {
			t.Errorf("%s: the side panel overlaps the status bar", name)
		}
		if c.stacked != (l.Side.Top >= l.Pane.Bottom-0.5) {
			t.Errorf("%s: side panel %+v, article %+v: stacked %v, want %v", name, l.Side, l.Pane, !c.stacked, c.stacked)
		}
		if l.Side.Height < 120 {
			t.Errorf("%s: the side panel is %.0f px tall", name, l.Side.Height)
		}
		p.screenshot("22-layout-" + name)
	}

	// at 390 px: tap-select a word and label it with a tap on the label button
	p.key("Escape")
	s, e := p.dragSelect("Kerry", "Secretary of State John Kerry", 0)
	p.settle()
	var sel []int
	p.eval(`smApp.view.selection()`, &sel)
	if len(sel) != 2 || sel[0] != s || sel[1] != e {
		t.Fatalf("at 390 px the selection is %v, want [%d %d]", sel, s, e)
	}
	p.run(chromedp.Click(`#labels .lbl[aria-label^="Label PERSON"]`, chromedp.ByQuery))
	p.settle()
	var got string
	p.eval(`smApp.painter.selected ? smApp.painter.selected.label + " " + smApp.painter.selected.text[0] : ""`, &got)
	if got != "PERSON Kerry" {
		t.Errorf("at 390 px, a tap on PERSON labelled %q", got)
	}
	p.screenshot("22-layout-390-labelled")

	// with touch: a tap on a label button labels the selection
	p.run(emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5))
	p.key("Escape")
	p.dragSelect("Muscat", "shake hands in Muscat", 0)
	p.settle()
	var btn rect
	p.eval(`(() => { const r = document.querySelector('#labels .lbl[aria-label^="Label GPE"]').getBoundingClientRect();
		return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })()`, &btn)
	x, y := (btn.Left+btn.Right)/2, (btn.Top+btn.Bottom)/2
	p.run(chromedp.ActionFunc(func(ctx contextT) error {
		pt := []*input.TouchPoint{{X: x, Y: y}}
		if err := input.DispatchTouchEvent(input.TouchStart, pt).Do(ctx); err != nil {
			return err
		}
		return input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}).Do(ctx)
	}))
	p.settle()
	p.eval(`smApp.painter.selected ? smApp.painter.selected.label + " " + smApp.painter.selected.text[0] : ""`, &got)
	if got != "GPE Muscat" {
		t.Errorf("at 390 px, a tap on GPE labelled %q", got)
	}
	p.noErrors()
}

// Alt+Shift+arrows adjust the selected span's boundaries without deleting
// it: ←/→ its end, ↑/↓ its start, a word at a time (a character with W),
// each one undo step, with the exact offsets exported.
func TestE2EMoveSpanEdges(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Iran", "U.S., Iran Holding", 0)
	p.key("3") // GPE
	p.settle()
	text := func() string {
		var s string
		p.eval(`smApp.painter.selected ? smApp.painter.selected.text.join("|") : ""`, &s)
		return s
	}
	alt := input.ModifierAlt | input.ModifierShift
	for _, c := range []struct{ key, want string }{
		{"ArrowRight", "Iran Holding"},
		{"ArrowRight", "Iran Holding Secret"},
		{"ArrowLeft", "Iran Holding"},
		{"ArrowUp", ", Iran Holding"},
		{"ArrowDown", "Iran Holding"},
	} {
		p.key(c.key, alt)
		p.settle()
		if got := text(); got != c.want {
			var st string
			p.eval(`document.getElementById("status").textContent`, &st)
			t.Fatalf("Alt+Shift+%s: the span is %q, want %q (status %q)", c.key, got, c.want, st)
		}
	}
	p.key("w") // character mode
	p.key("ArrowLeft", alt)
	p.key("ArrowLeft", alt)
	p.settle()
	if got := text(); got != "Iran Holdi" {
		t.Errorf("two characters back: %q", got)
	}
	p.key("z", input.ModifierCtrl)
	p.settle()
	if got := text(); got != "Iran Holdin" {
		t.Errorf("after one undo: %q", got)
	}
	var docID string
	p.eval(`smApp.docId`, &docID)
	f := parseProject(t, p.export())
	for _, d := range f.Documents {
		if d.ID != docID {
			continue
		}
		if len(d.Spans) != 1 || d.Spans[0].Fragments[0] != (projFrag{6, 17, "Iran Holdin"}) {
			t.Errorf("exported spans %+v", d.Spans)
		}
	}
	var doc string
	p.eval(`smApp.docId`, &doc)
	if doc != "iran-us-talks" {
		t.Errorf("Alt+Shift+↑/↓ changed the document to %q", doc)
	}
	p.noErrors()
}
