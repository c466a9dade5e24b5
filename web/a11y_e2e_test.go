package web_test

// Accessibility end-to-end tests (issue 4): keyboard-only labelling,
// contrast of text over the highlights as the page styles them, hiding a
// label's highlights, accessible names and visible focus.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Keyboard only: reach the article from the skip link, move the caret,
// extend the selection with Shift+arrows, label with a hotkey; ] and [
// select spans, Delete removes one, Escape clears the selection.
func TestE2EKeyboardOnly(t *testing.T) {
	p := openPage(t, "/")
	p.key("Tab") // the skip link
	var active string
	p.eval(`document.activeElement.className + "|" + document.activeElement.textContent`, &active)
	if !strings.Contains(active, "skip") {
		t.Fatalf("first Tab focused %q, want the skip link", active)
	}
	p.key("Enter")
	p.waitFor(`document.activeElement.id === "article"`)

	// "U.S., Iran Holding Secret Talks…": the caret starts at the first
	// visible character; six steps right put it before "Iran".
	for range 6 {
		p.key("ArrowRight")
	}
	for range 4 {
		p.key("ArrowRight", input.ModifierShift)
	}
	p.settle()
	var sel string
	p.eval(`document.getSelection().toString()`, &sel)
	if sel != "Iran" {
		t.Fatalf("after Shift+ArrowRight the selection is %q, want \"Iran\"", sel)
	}
	p.key("3") // GPE
	p.settle()
	p.key("Escape") // no span selected, no text selected: the caret starts again at the top
	for range 19 {
		p.key("ArrowRight")
	}
	for range 6 {
		p.key("ArrowRight", input.ModifierShift)
	}
	p.eval(`document.getSelection().toString()`, &sel)
	if sel != "Secret" {
		t.Fatalf("second selection %q, want \"Secret\"", sel)
	}
	p.key("6") // EVENT
	p.settle()

	f := parseProject(t, p.export())
	ids := map[string]string{}
	for _, s := range f.Documents[0].Spans {
		ids[s.Label+":"+s.Fragments[0].Text] = s.ID
		fr := s.Fragments[0]
		if want := map[string]projFrag{"GPE": {6, 10, "Iran"}, "EVENT": {19, 25, "Secret"}}[s.Label]; fr != want {
			t.Errorf("%s span %+v, want %+v", s.Label, fr, want)
		}
	}
	iran, secret := ids["GPE:Iran"], ids["EVENT:Secret"]
	if iran == "" || secret == "" || len(ids) != 2 {
		t.Fatalf("spans after keyboard labelling: %v", ids)
	}
	selected := func() string {
		var id string
		p.eval(`smApp.selectedId() || ""`, &id)
		return id
	}
	if got := selected(); got != secret {
		t.Errorf("after labelling, the selected span is %q, want %q", got, secret)
	}
	p.key("[")
	if got := selected(); got != iran {
		t.Errorf("[ selected %q, want %q (Iran)", got, iran)
	}
	p.key("]")
	if got := selected(); got != secret {
		t.Errorf("] selected %q, want %q (Secret)", got, secret)
	}
	p.key("[")
	p.settle()
	if got := p.highlightTexts("sm--selected"); len(got) != 1 || got[0] != "Iran" {
		t.Errorf("sm--selected after [ = %q", got)
	}
	p.screenshot("09-keyboard")
	p.key("Delete")
	p.settle()
	var counts map[string]int
	p.eval(`spanmark.counts("iran-us-talks")`, &counts)
	if counts["GPE"] != 0 || counts["EVENT"] != 1 {
		t.Errorf("after Delete: counts %v, want GPE 0, EVENT 1", counts)
	}
	if got := selected(); got != "" {
		t.Errorf("after Delete the selected span is %q", got)
	}
	p.key("]")
	if got := selected(); got != secret {
		t.Errorf("] after Delete selected %q, want %q", got, secret)
	}
	p.key("Escape")
	if got := selected(); got != "" {
		t.Errorf("Escape left %q selected", got)
	}
	p.eval(`document.activeElement.id`, &active)
	if active != "article" {
		t.Errorf("focus left the article: %q", active)
	}
	p.noErrors()
}

// Text over every label's highlight, as the page styles it (the painter's
// ::highlight() rules composed over the article's background), has a WCAG
// contrast of at least 4.5:1; so have nested highlights (an entity inside a
// claim, a span inside one of its own label), the selected span, and the tags.
func TestE2EHighlightContrast(t *testing.T) {
	p := openPage(t, "/")
	var res struct {
		Paper  string
		Labels []struct{ Name, Layer, Cls string }
		Rules  []struct{ Sel, Bg, Color string }
		Chips  []struct{ Name, Bg, Color string }
	}
	p.eval(`(() => {
		const pt = smApp.painter;
		const labels = spanmark.schema().labels.map(l => ({name: l.name, layer: l.layer, cls: pt.cls(l.name)}));
		const rules = [...pt.sheet.cssRules].filter(r => r.selectorText && r.selectorText.startsWith("::highlight"))
			.map(r => ({sel: r.selectorText, bg: r.style.backgroundColor, color: r.style.color}));
		const chips = labels.map(l => {
			const c = document.createElement("span");
			c.className = "chip " + l.cls;
			document.getElementById("overlay").append(c);
			const cs = getComputedStyle(c);
			const o = {name: l.name, bg: cs.backgroundColor, color: cs.color};
			c.remove();
			return o;
		});
		return {paper: getComputedStyle(document.getElementById("docwrap")).backgroundColor, labels, rules, chips};
	})()`, &res)
	if len(res.Labels) < 9 {
		t.Fatalf("schema labels: %+v", res.Labels)
	}
	paper := parseColor(t, res.Paper)
	if paper.a != 1 {
		t.Fatalf("article background %q is not opaque", res.Paper)
	}
	rule := map[string]rgba{}
	text := map[string]rgba{}
	for _, r := range res.Rules {
		m := regexp.MustCompile(`^::highlight\((.+)\)$`).FindStringSubmatch(r.Sel)
		if m == nil {
			continue
		}
		if r.Bg == "" { // the selected span has no tint of its own: its label's shows
			rule[m[1]] = rgba{}
		} else {
			rule[m[1]] = parseColor(t, r.Bg)
		}
		text[m[1]] = parseColor(t, r.Color)
	}
	hl := func(name string) string {
		var n string
		p.eval(`[...CSS.highlights.entries()].find(([k, v]) => v === smApp.painter.labels.get(`+jsString(name)+`).hl)[0]`, &n)
		return n
	}
	check := func(what string, fg rgba, bgs ...rgba) {
		bg := paper
		for _, b := range bgs {
			bg = over(bg, b)
		}
		if c := contrast(fg, bg); c < 4.5 {
			t.Errorf("%s: text %v over %v has contrast %.2f, want >= 4.5", what, fg, bg, c)
		} else {
			t.Logf("%s: contrast %.2f", what, c)
		}
	}
	sel := "sm--selected"
	if _, ok := rule[sel]; !ok {
		t.Fatalf("no ::highlight(%s) rule", sel)
	}
	for _, l := range res.Labels {
		n := hl(l.Name)
		bg, ok := rule[n]
		if !ok {
			t.Fatalf("no ::highlight(%s) rule for %s", n, l.Name)
		}
		check(l.Name, text[n], bg)
		check(l.Name+" selected", text[sel], bg, rule[sel])
		// a span inside another of its label: the second highlight's tint over the first
		var nIn string
		p.eval(`smApp.painter.labels.get(`+jsString(l.Name)+`).inName`, &nIn)
		in, ok := rule[nIn]
		if !ok {
			t.Fatalf("no ::highlight(%s) rule for %s inside %s", nIn, l.Name, l.Name)
		}
		check(l.Name+" inside "+l.Name, text[nIn], bg, in)
		if l.Layer == "entity" {
			for _, c := range res.Labels {
				if c.Layer == "claim" {
					cn := hl(c.Name)
					check(l.Name+" inside "+c.Name, text[n], rule[cn], bg)
					check(l.Name+" inside "+c.Name+" selected", text[sel], rule[cn], bg, rule[sel])
				}
			}
		}
	}
	for _, c := range res.Chips {
		check("tag "+c.Name, parseColor(t, c.Color), parseColor(t, c.Bg))
	}
	p.noErrors()
}

type rgba struct{ r, g, b, a float64 }

func (c rgba) String() string { return fmt.Sprintf("rgb(%.0f %.0f %.0f / %.2f)", c.r, c.g, c.b, c.a) }

var colorRE = regexp.MustCompile(`^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$`)

func parseColor(t *testing.T, s string) rgba {
	t.Helper()
	m := colorRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		t.Fatalf("unparsed colour %q", s)
	}
	f := func(x string) float64 { v, _ := strconv.ParseFloat(x, 64); return v }
	c := rgba{f(m[1]), f(m[2]), f(m[3]), 1}
	if m[4] != "" {
		c.a = f(m[4])
	}
	return c
}

// over composes c (with alpha) over the opaque colour bg.
func over(bg, c rgba) rgba {
	mix := func(x, y float64) float64 { return y*c.a + x*(1-c.a) }
	return rgba{mix(bg.r, c.r), mix(bg.g, c.g), mix(bg.b, c.b), 1}
}

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b rgba) float64 {
	lum := func(c rgba) float64 {
		f := func(v float64) float64 {
			v /= 255
			if v <= 0.03928 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b)
	}
	x, y := lum(a), lum(b)
	return (math.Max(x, y) + 0.05) / (math.Min(x, y) + 0.05)
}

// Hiding a label's highlights (the toggle in the entities panel) removes
// its ranges and tags; showing restores them.
func TestE2EHideLabel(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Teheran", "", 0)
	p.key("3") // GPE
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1") // PERSON
	p.waitFor(`!!document.querySelector('#entities .ent[data-label="GPE"] .eye')`)
	state := func() (gpe, person int, chips []string, pressed, barHidden bool) {
		var r struct {
			Gpe, Person int
			Chips       []string
			Pressed     bool
			Bar         bool
		}
		p.eval(`({
			gpe: CSS.highlights.get("sm-GPE").size, person: CSS.highlights.get("sm-PERSON").size,
			chips: [...document.querySelectorAll("#overlay .chip:not([hidden])")].map(c => c.textContent).sort(),
			pressed: document.querySelector('#entities .ent[data-label="GPE"] .eye').getAttribute("aria-pressed") === "true",
			bar: [...document.querySelectorAll("#labels .lbl")].find(b => b.textContent.includes("GPE")).classList.contains("hid"),
		})`, &r)
		return r.Gpe, r.Person, r.Chips, r.Pressed, r.Bar
	}
	p.settle()
	if g, pe, c, pr, bar := state(); g != 1 || pe != 1 || strings.Join(c, ",") != "GPE,PERSON" || pr || bar {
		t.Fatalf("before hiding: GPE %d, PERSON %d ranges, tags %q, pressed %v, bar %v", g, pe, c, pr, bar)
	}
	p.run(chromedp.Click(`#entities .ent[data-label="GPE"] .eye`, chromedp.ByQuery))
	p.settle()
	if g, pe, c, pr, bar := state(); g != 0 || pe != 1 || strings.Join(c, ",") != "PERSON" || !pr || !bar {
		t.Errorf("GPE hidden: GPE %d, PERSON %d ranges, tags %q, pressed %v, bar %v", g, pe, c, pr, bar)
	}
	p.screenshot("10-hidden-label")
	// a span added while its label is hidden stays hidden
	p.dragSelect("Muscat", "", 0)
	p.key("3")
	p.settle()
	if g, _, c, _, _ := state(); g != 0 || strings.Join(c, ",") != "PERSON" {
		t.Errorf("new GPE span while hidden: %d ranges, tags %q", g, c)
	}
	// keyboard: focus the toggle, press Space
	p.run(chromedp.Focus(`#entities .ent[data-label="GPE"] .eye`, chromedp.ByQuery))
	p.key(" ")
	p.settle()
	if g, pe, c, pr, bar := state(); g != 2 || pe != 1 || strings.Join(c, ",") != "GPE,GPE,PERSON" || pr || bar {
		t.Errorf("GPE shown again: GPE %d, PERSON %d ranges, tags %q, pressed %v, bar %v", g, pe, c, pr, bar)
	}
	p.noErrors()
}

// Every control has an accessible name (from the browser's accessibility
// tree), and keyboard focus is visible on each control Tab reaches.
func TestE2EAccessibleNamesAndFocus(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7") // CLAIM: the panel shows its attributes, relations, note
	p.dragSelect("Obama", "In an interview with CBS aired Sunday, Obama said", 0)
	p.key("1")
	p.waitFor(`document.querySelectorAll("#entities .spanref").length >= 1 && document.querySelectorAll("#claims .claim").length === 1`)
	p.key("]") // on to the claim: its panel has the most controls
	p.settle()
	var nodes []*accessibility.Node
	p.run(chromedp.ActionFunc(func(ctx contextT) error {
		var err error
		nodes, err = accessibility.GetFullAXTree().Do(ctx)
		return err
	}))
	roles := map[string]bool{"button": true, "textbox": true, "checkbox": true, "combobox": true, "link": true,
		"listbox": true, "searchbox": true, "spinbutton": true, "slider": true, "switch": true, "radio": true, "menuitem": true, "tab": true}
	checked := 0
	for _, n := range nodes {
		if n.Ignored || n.Role == nil {
			continue
		}
		role := strings.Trim(string(n.Role.Value), `"`)
		if !roles[role] {
			continue
		}
		checked++
		name := ""
		if n.Name != nil {
			name = strings.Trim(string(n.Name.Value), `"`)
		}
		if strings.TrimSpace(name) == "" {
			t.Errorf("%s without an accessible name (backend node %d)", role, n.BackendDOMNodeID)
		}
	}
	if checked < 20 {
		t.Errorf("only %d controls in the accessibility tree", checked)
	}
	// Tab through the page from the top: every focused element shows a ring.
	p.run(chromedp.Evaluate(`document.activeElement.blur(), document.body.focus()`, nil))
	var seen []string
	for i := 0; i < 40; i++ {
		p.key("Tab")
		var r struct {
			Desc string
			Ring bool
		}
		p.eval(`(() => {
			const a = document.activeElement;
			const ring = el => { const s = getComputedStyle(el); return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none"; };
			// the article's ring is drawn by its frame (.docwrap)
			const ok = a.id === "article" ? ring(document.getElementById("docwrap")) : ring(a);
			return {desc: a.tagName + (a.id ? "#" + a.id : "") + "." + a.className + " " + (a.getAttribute("aria-label") || a.textContent).slice(0, 30), ring: ok && a.matches(":focus-visible")};
		})()`, &r)
		if r.Desc == "" || strings.HasPrefix(r.Desc, "BODY") {
			continue
		}
		seen = append(seen, r.Desc)
		if !r.Ring {
			t.Errorf("no visible focus on %s", r.Desc)
		}
	}
	if len(seen) < 15 {
		t.Errorf("Tab reached only %d elements: %q", len(seen), seen)
	}
	p.noErrors()
}

// The page as a person sees it at 1280×800: several entities, a claim with
// its claimant and cue, nested spans; and the multilingual article.
// Screenshots: artifacts/e2e/20-look-*.png.
func TestE2ELook(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1280, 800))
	const ctx = "In an interview with CBS aired Sunday, Obama said a permanent"
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1")
	p.dragSelect("John Kerry", "", 0)
	p.key("1")
	p.dragSelect("Muscat", "", 0)
	p.key("3")
	p.dragSelect("Nov. 9, 2014", "", 0)
	p.key("5")
	p.dragSelect("Obama", ctx, 0)
	p.key("1")
	p.dragSelect("CBS", ctx, 0)
	p.key("2")
	p.dragSelect("said", ctx, 0)
	p.key("9")
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7")
	p.key("c")
	p.clickText("Obama", ctx)
	p.key("u")
	p.key("1")
	p.settle()
	// nested: a DATE inside the claim, a GPE inside an ORG
	p.dragSelect("November 24", "", 0)
	p.key("5")
	p.dragSelect("trade office in Teheran", "", 0)
	p.key("2")
	p.dragSelect("Teheran", "trade office in", 0)
	p.key("3")
	p.key("Escape")
	p.settle()
	var sp struct{ Top float64 }
	p.eval(`(() => { smApp.scroller.scrollTop = 0; return {top: 0}; })()`, &sp)
	p.screenshot("20-look-entities")
	p.eval(`(() => { const v = smApp.view, at = v.text.indexOf("In an interview with CBS"); const [n] = v.point(at); (n.parentElement || n).scrollIntoView({block: "center"}); return {top: smApp.scroller.scrollTop}; })()`, &sp)
	p.clickText("permanent agreement", "")
	p.settle()
	p.screenshot("20-look-claim")
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt)
	p.waitFor(`smApp.docId === "gulf-shipping-multilingual"`)
	var info string
	p.eval(`document.getElementById("sel-info").textContent`, &info)
	if info != "" {
		t.Errorf("the status bar still describes a span of the other document: %q", info)
	}
	for _, l := range []struct{ text, key string }{
		{"Nasser Kanaani", "1"}, {"ناصر کنعانی", "1"}, {"יואב גלנט", "1"}, {"Yoav Gallant", "1"},
		{"Jerusalem", "3"}, {"東京", "3"}, {"Tokyo", "3"}, {"wrote", "9"}, {"Hormuz Lines", "2"},
	} {
		p.dragSelect(l.text, "", 0)
		p.key(l.key)
	}
	p.key("Escape")
	p.settle()
	p.screenshot("20-look-multilingual")
	p.noErrors()
}

// TestE2EArticleFocusRing: the article's frame shows the focus ring when the
// article has keyboard focus, not after a mouse click, and again once keys
// are used after the click (the :focus-visible rule, kept by app.js).
func TestE2EArticleFocusRing(t *testing.T) {
	p := openPage(t, "/")
	state := func() string {
		var s string
		p.eval(`document.activeElement.id + " ring=" + document.getElementById("docwrap").classList.contains("focus-ring") +
			" shadow=" + (getComputedStyle(document.getElementById("docwrap")).boxShadow !== "none")`, &s)
		return s
	}
	p.clickText("Obama", "")
	if got := state(); got != "article ring=false shadow=false" {
		t.Errorf("after a click in the article: %s", got)
	}
	p.key("ArrowRight")
	if got := state(); got != "article ring=true shadow=true" {
		t.Errorf("after a key in the clicked article: %s", got)
	}
	// a toolbar control (not Undo: with nothing to undo it is disabled, and a click on it moves no focus)
	p.run(chromedp.Click("#snap", chromedp.ByQuery))
	if got := state(); strings.Contains(got, "ring=true") {
		t.Errorf("focus left the article, the ring stayed: %s", got)
	}
	p.key("Tab", input.ModifierShift)                                   // back into the article from the keyboard
	for i := 0; i < 60 && !strings.HasPrefix(state(), "article"); i++ { // the toolbar and the document filter come first
		p.key("Tab")
	}
	if got := state(); got != "article ring=true shadow=true" {
		t.Errorf("article reached with Tab: %s", got)
	}
	p.noErrors()
}
