package web_test

// Issue 22, defects 4, 5, 6, 14 and 15: what a person meets in the first
// hour, with real key and mouse events, read back from the browser.

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Labels added in the schema editor without choosing a colour get the
// core's distinct ones (they all got #9b8ec4), shown on their buttons.
func TestE2ENewLabelColors(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
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

	// one candidate: "press 1"
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
	p.key("Escape")
	read()
	if got.Shown || got.Mode != "" {
		t.Errorf("Esc left the list (%v) or the mode %q", got.Shown, got.Mode)
	}
	p.noErrors()
}
