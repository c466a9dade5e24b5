package web_test

// End-to-end tests of the annotation page (issue 4): real page, real
// server handler, real wasm core, real input events in headless Chromium.
// Screenshots go to artifacts/e2e/.

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// highlightTexts returns the texts of the ranges in CSS.highlights[name].
func (p *Page) highlightTexts(name string) []string {
	p.t.Helper()
	var out []string
	p.eval(`(() => {
		const hl = CSS.highlights.get(`+jsString(name)+`);
		if (!hl) return [];
		return [...hl].map(r => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); });
	})()`, &out)
	return out
}

// reveal scrolls the article so that the first occurrence of needle is in
// the middle of the screen, and waits for the frames that paint it: the
// page keeps highlights only for the spans on and near the screen.
func (p *Page) reveal(needle string) {
	p.t.Helper()
	var ok bool
	p.eval(`(() => {
		const v = smApp.view, i = v.text.indexOf(`+jsString(needle)+`);
		if (i < 0) return false;
		v.range(i, i + 1).startContainer.parentElement.scrollIntoView({ block: "center" });
		return true;
	})()`, &ok)
	if !ok {
		p.t.Fatalf("%q is not in the article", needle)
	}
	p.settle()
}

// label drag-selects needle with the mouse, presses a label's hotkey, and
// fails the test (saying when: what) unless highlight hl then holds exactly
// that text.
func (p *Page) label(needle, key, hl, what string) {
	p.t.Helper()
	p.dragSelect(needle, "", 0)
	p.key(key)
	p.settle()
	if got := p.highlightTexts(hl); len(got) != 1 || got[0] != needle {
		p.t.Fatalf("%s: %s = %q, want [%s]", what, hl, got, needle)
	}
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// waitFor polls a JS boolean expression.
func (p *Page) waitFor(js string) {
	p.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		p.eval(js, &ok)
		if ok {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("timed out waiting for %s; errors: %v", js, p.Errors())
}

func cp(s string, byteOff int) int { return utf8.RuneCountInString(s[:byteOff]) }

// 1. The page opens on the sample article with no console errors.
func TestE2EOpens(t *testing.T) {
	p := openPage(t, "/")
	var title, text string
	p.eval(`document.getElementById("doc-title").textContent`, &title)
	p.eval(`document.getElementById("article").textContent.slice(0, 200)`, &text)
	if !strings.Contains(title, "Iran") || !strings.Contains(text, "U.S., Iran Holding Secret Talks") {
		t.Fatalf("sample article not shown: title %q, text %q", title, text)
	}
	var nlabels int
	p.eval(`document.querySelectorAll("#labels .lbl").length`, &nlabels)
	if nlabels != 9 {
		t.Errorf("label buttons: %d, want 9", nlabels)
	}
	var nodes int
	p.eval(`document.querySelectorAll("#article *").length`, &nodes)
	var lines int
	p.eval(`smApp.view.paras.length`, &lines)
	if nodes != lines {
		t.Errorf("article has %d elements for %d lines: expected one element per line and plain text", nodes, lines)
	}
	p.screenshot("01-open")
	p.noErrors()
}

// 2. Drag-select "Barack Obama", press the PERSON hotkey: painted, listed, exported with code-point offsets.
func TestE2ELabelPerson(t *testing.T) {
	p := openPage(t, "/")
	s, e := p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Fatalf("CSS.highlights sm-PERSON = %q, want [Barack Obama] (selected %d-%d)", got, s, e)
	}
	if got := p.highlightTexts("sm--selected"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Errorf("sm-selected = %q", got)
	}
	var panel string
	p.eval(`document.getElementById("span-detail").textContent`, &panel)
	if !strings.Contains(panel, "Barack Obama") || !strings.Contains(panel, "PERSON") {
		t.Errorf("selected-span panel: %q", panel)
	}
	p.waitFor(`document.getElementById("entities").textContent.includes("Barack Obama")`)
	var chips []string
	p.eval(`[...document.querySelectorAll("#overlay .chip:not([hidden])")].map(c => c.textContent)`, &chips)
	if len(chips) != 1 || chips[0] != "PERSON" {
		t.Errorf("tags on screen: %q", chips)
	}
	p.screenshot("02-person")

	// Export with the keyboard shortcut: a real download.
	p.key("s", input.ModifierCtrl)
	data := p.waitDownload()
	f := parseProject(t, string(data))
	doc := f.Documents[0]
	if len(doc.Spans) != 1 {
		t.Fatalf("exported spans: %+v", doc.Spans)
	}
	sp := doc.Spans[0]
	at := strings.Index(doc.Text, "Barack Obama")
	want := projFrag{cp(doc.Text, at), cp(doc.Text, at) + 12, "Barack Obama"}
	if sp.Label != "PERSON" || len(sp.Fragments) != 1 || sp.Fragments[0] != want {
		t.Errorf("exported span %+v, want PERSON %+v", sp, want)
	}
	if string(data) != p.export() {
		t.Errorf("the downloaded file differs from spanmark.exportProject()")
	}
	p.noErrors()
}

// 3. Claim, claimant, cue, checkworthy: the export has the relations and attributes.
func TestE2EClaim(t *testing.T) {
	p := openPage(t, "/")
	const ctx = "In an interview with CBS aired Sunday, Obama said a permanent"
	p.dragSelect("Obama", ctx, 0)
	p.key("1") // PERSON
	p.dragSelect("said", ctx, 0)
	p.key("9") // CUE
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7") // CLAIM
	p.settle()
	var sel string
	p.eval(`smApp.painter.selected && smApp.painter.selected.label`, &sel)
	if sel != "CLAIM" {
		t.Fatalf("after labelling a claim the selected span is %q", sel)
	}
	p.key("c") // link claimant: click the PERSON
	p.clickText("Obama", ctx)
	p.settle()
	p.key("u") // link cue: from the keyboard list (1 = nearest CUE)
	p.key("1")
	p.settle()
	// checkworthy = yes, with the keyboard on the panel's select
	p.run(chromedp.Focus("#f-attr-checkworthy", chromedp.ByQuery))
	p.key("y")
	p.run(chromedp.Focus("#f-attr-polarity", chromedp.ByQuery))
	p.key("a")
	p.key("Escape")
	p.settle()
	p.waitFor(`document.querySelector("#claims .claim") && document.querySelector("#claims .claim").textContent.includes("Obama") && document.querySelector("#claims .claim").textContent.includes("checkworthy: yes")`)
	// A long claim is cut with an ellipsis inside the entities panel, not past its edge.
	var overflow bool
	p.eval(`(e => e.scrollWidth > e.clientWidth)(document.getElementById("entities"))`, &overflow)
	if overflow {
		t.Error("the entities panel overflows sideways: a long span is not ellipsized")
	}
	p.screenshot("03-claim")

	f := parseProject(t, p.export())
	doc := f.Documents[0]
	byID := map[string]string{}
	var claimID string
	for _, s := range doc.Spans {
		byID[s.ID] = s.Label + ":" + s.Fragments[0].Text
		if s.Label == "CLAIM" {
			claimID = s.ID
			if s.Attrs["checkworthy"] != "yes" || s.Attrs["polarity"] != "asserted" {
				t.Errorf("claim attributes: %v", s.Attrs)
			}
			if s.Fragments[0].Text != "a permanent agreement may not be achieved before November 24" {
				t.Errorf("claim text %q", s.Fragments[0].Text)
			}
		}
	}
	got := map[string]string{}
	for _, r := range doc.Relations {
		if r.From != claimID {
			t.Errorf("relation %+v not from the claim %s", r, claimID)
		}
		got[r.Type] = byID[r.To]
	}
	if got["claimant"] != "PERSON:Obama" || got["cue"] != "CUE:said" {
		t.Errorf("relations: %v (spans %v)", got, byID)
	}
	p.noErrors()
}

// 4. Undo and redo restore exactly.
func TestE2EUndoRedo(t *testing.T) {
	p := openPage(t, "/")
	e0 := p.export()
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1")
	p.dragSelect("Muscat", "", 0)
	p.key("3")
	p.key("2") // relabel the selected span: GPE → ORG
	p.key("4") // … → LOC
	e4 := p.export()
	for range 4 {
		p.key("z", input.ModifierCtrl)
	}
	p.settle()
	if got := p.export(); got != e0 {
		t.Fatalf("after 4 undos the project differs from the start:\n%s", got)
	}
	if n := len(p.highlightTexts("sm-PERSON")) + len(p.highlightTexts("sm-LOC")) + len(p.highlightTexts("sm-GPE")); n != 0 {
		t.Errorf("%d highlight ranges left after undoing everything", n)
	}
	p.key("z", input.ModifierCtrl|input.ModifierShift)
	p.key("z", input.ModifierCtrl|input.ModifierShift)
	p.key("y", input.ModifierCtrl)
	p.key("y", input.ModifierCtrl)
	p.settle()
	if got := p.export(); got != e4 {
		t.Fatalf("after redoing everything the project differs:\n%s\nwant\n%s", got, e4)
	}
	if got := p.highlightTexts("sm-LOC"); len(got) != 1 || got[0] != "Muscat" {
		t.Errorf("sm-LOC after redo = %q", got)
	}
	p.screenshot("04-undo-redo")
	p.noErrors()
}

// 5. Multilingual: Hebrew name and a word right after a ZWJ emoji; offsets equal Python's code points.
func TestE2EMultilingual(t *testing.T) {
	var golden struct {
		Document string
		Spans    []struct {
			What, Label, Text string
			Start, End        int
		}
	}
	b, err := os.ReadFile("../testdata/e2e/multilingual.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	p := openPage(t, "/")
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt) // next document
	p.waitFor(`smApp.docId === "` + golden.Document + `"`)
	keys := map[string]string{"PERSON": "1", "CUE": "9"}
	for _, g := range golden.Spans {
		p.dragSelect(g.Text, "", 0)
		p.key(keys[g.Label])
	}
	p.settle()
	p.screenshot("05-multilingual")
	f := parseProject(t, p.export())
	found := 0
	for _, d := range f.Documents {
		if d.ID != golden.Document {
			continue
		}
		for _, g := range golden.Spans {
			ok := false
			for _, s := range d.Spans {
				if s.Label == g.Label && len(s.Fragments) == 1 && s.Fragments[0] == (projFrag{g.Start, g.End, g.Text}) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: no %s span %d-%d %q in the export: %+v", g.What, g.Label, g.Start, g.End, g.Text, d.Spans)
			} else {
				found++
			}
		}
	}
	if found != len(golden.Spans) {
		t.Errorf("found %d of %d golden spans", found, len(golden.Spans))
	}
	p.noErrors()
}

// 6. Label-all "Iran" as GPE, whole words: every match, one undo step.
func TestE2ELabelAll(t *testing.T) {
	p := openPage(t, "/")
	var text string
	p.eval(`spanmark.text("iran-us-talks")`, &text)
	want := len(regexp.MustCompile(`(?i)\bIran\b`).FindAllStringIndex(text, -1))
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("l")
	p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
	p.run(chromedp.SendKeys("#la-pattern", "Iran", chromedp.ByQuery))
	p.run(chromedp.Focus("#la-label", chromedp.ByQuery))
	p.key("g") // GPE
	p.settle()
	time.Sleep(150 * time.Millisecond)
	var preview string
	p.eval(`document.getElementById("la-preview").textContent`, &preview)
	if !strings.HasPrefix(preview, itoa(want)+" matches") {
		t.Errorf("preview %q, want %d matches", preview, want)
	}
	p.screenshot("06-labelall-dialog")
	p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
	p.settle()
	var counts map[string]int
	p.eval(`spanmark.counts("iran-us-talks")`, &counts)
	if counts["GPE"] != want {
		t.Fatalf("GPE spans after label-all: %d, want %d", counts["GPE"], want)
	}
	p.screenshot("06-labelall-applied")
	p.key("z", input.ModifierCtrl)
	p.settle()
	counts = nil
	p.eval(`spanmark.counts("iran-us-talks")`, &counts)
	if counts["GPE"] != 0 {
		var toasts string
		p.eval(`document.getElementById("toasts").textContent + " | " + document.getElementById("status").textContent`, &toasts)
		t.Fatalf("one undo left %d GPE spans (%s)", counts["GPE"], toasts)
	}
	if got := p.highlightTexts("sm-GPE"); len(got) != 0 {
		t.Errorf("highlights left after undo: %q", got)
	}
	p.noErrors()
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// 7. Markup in the text, the title and a label renders as text, never HTML.
func TestE2EMarkupIsText(t *testing.T) {
	p := openPage(t, "/")
	const payload = `<img src=x onerror=alert(1)>`
	proj := map[string]any{
		"format": "spanmark", "version": 1,
		"schema": map[string]any{
			"labels": []map[string]any{
				{"name": "<b>x</b>", "layer": "entity", "color": "#ffd166", "hotkey": "1", "description": `<img src=x onerror=alert(2)>`},
				{"name": "PERSON", "layer": "entity", "color": "#f4a261", "hotkey": "2"},
			},
			"relations": []any{},
			"overlap":   map[string]any{"entity": map[string]any{"crossing": false}, "claim": map[string]any{"crossing": false}},
		},
		"documents": []map[string]any{{
			"id": "xss", "title": `<script>alert(3)</script><b>bold title</b>`, "meta": map[string]any{}, "status": "todo",
			"text":  "Attack text: " + payload + " and <b>not bold</b> & <i>not italic</i>.\nSecond line.",
			"spans": []any{}, "relations": []any{},
		}},
	}
	b, _ := json.MarshalIndent(proj, "", "  ")
	p.openFile("markup.json", b)
	p.waitFor(`smApp.docId === "xss"`)
	p.dragSelect("onerror", "", 0)
	p.key("1")
	p.settle()
	p.screenshot("07-markup")
	var res struct {
		Imgs, Bolds, Scripts int
		Article, Label       string
		Highlights           []string
	}
	p.eval(`({
		imgs: document.querySelectorAll("img").length,
		bolds: document.querySelectorAll("body b:not(.brand b), body i").length,
		scripts: document.querySelectorAll("body script").length,
		article: document.getElementById("article").textContent,
		label: document.querySelector("#labels .lbl").textContent,
		highlights: [...CSS.highlights.keys()],
	})`, &res)
	if res.Imgs != 0 || res.Bolds != 0 || res.Scripts != 0 {
		t.Errorf("markup became elements: %d img, %d b/i, %d script", res.Imgs, res.Bolds, res.Scripts)
	}
	if !strings.Contains(res.Article, payload) {
		t.Errorf("article text lost the payload: %q", res.Article)
	}
	if !strings.Contains(res.Label, "<b>x</b>") {
		t.Errorf("label button text %q", res.Label)
	}
	var spans []string
	p.eval(`[...document.querySelectorAll("#span-detail .chip")].map(c => c.textContent)`, &spans)
	if len(spans) == 0 || spans[0] != "<b>x</b>" {
		t.Errorf("panel chip %q", spans)
	}
	if d := p.Dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}
	f := parseProject(t, p.export())
	if len(f.Documents) != 1 || len(f.Documents[0].Spans) != 1 || f.Documents[0].Spans[0].Label != "<b>x</b>" {
		t.Errorf("export: %+v", f.Documents)
	}
	p.noErrors()
}

// 8. No request leaves the page's origin.
func TestE2ENoForeignRequests(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Teheran", "", 0)
	p.key("3")
	p.run(chromedp.Click("#btn-export", chromedp.ByQuery))
	p.waitDownload()
	p.key("?")
	p.settle()
	p.screenshot("08-help")
	p.key("Escape")
	origin := serve().URL
	reqs := p.Requests()
	if len(reqs) < 5 {
		t.Fatalf("only %d requests recorded: %q", len(reqs), reqs)
	}
	for _, u := range reqs {
		if !(strings.HasPrefix(u, origin+"/") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:"+origin+"/")) {
			t.Errorf("request to another origin: %s", u)
		}
	}
	p.noErrors()
}
