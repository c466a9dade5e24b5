package web_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Issue 20: the agreement figures of a comparison come back after a reload
// of its gold project, without Compare again (the comparison is kept in
// this browser: its works and figures), and a document's figures against
// the gold still follow as its disagreements are settled.
func TestE2ECompareFiguresAfterReload(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := compareWork(t, dir, "ana", text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"GPE", "Muscat"}, {"GPE", "Teheran"}, {"PERSON", "Jimmy Carter"}})
	ben := compareWork(t, dir, "ben", text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"LOC", "Muscat"}, {"PERSON", "Carter@Jimmy Carter"}, {"ORG", "Times"}})

	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	// the first comparison loads the formats module: seconds on a busy machine
	p.waitSlow(`!document.getElementById("panel-adjudicate").hidden`, 60e9)
	figs := `document.getElementById("cmp-figs").textContent`
	// ana and ben share 2 of their 5 spans each: F1 2·2/(5+5); against the gold of those 2: 2·2/(5+2)
	const between = "This document: F1 0.40 between annotators"
	p.waitSlow(figs+`.includes("`+between+`. Against the gold: ana 0.57, ben 0.57")`, 60e9)
	var all string
	p.eval(`[...document.querySelectorAll("#cmp-figs p")].map(x => x.textContent).find(x => x.startsWith("All documents"))`, &all)
	if !strings.Contains(all, "F1 0.40") || !strings.Contains(all, "1 document compared") {
		t.Fatalf("overall figures: %q", all)
	}
	p.waitFor(`smApp.compare.session.saved === true && ` + jsSaved)

	p.run(chromedp.Reload())
	p.waitReady()
	p.waitSlow(`!document.getElementById("panel-adjudicate").hidden`, 60e9)
	p.waitFor(figs + `.includes("` + between + `")`)
	var got string
	p.eval(figs, &got)
	if !strings.Contains(got, all) || !strings.Contains(got, "Per label") {
		t.Fatalf("after a reload, the figures are %q, want %q and the per-label table", got, all)
	}
	// against the gold: the works are read again on the first measure
	p.waitSlow(figs+`.includes("Against the gold: ana 0.57, ben 0.57")`, 60e9)

	// settle one with a key: ben's ORG "Times"; the gold has 3 spans, ana 2 of them, ben 3
	var n int
	p.eval(`spanmark.disagreements("iran-us-talks").length`, &n)
	if n != 4 {
		t.Fatalf("after a reload: %d disagreements, want 4", n)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.run(chromedp.KeyEvent("2", chromedp.KeyModifiers(input.ModifierShift)))
	p.settle()
	p.eval(`spanmark.disagreements("iran-us-talks").length`, &n)
	if n != 3 {
		t.Fatalf("after Shift+2: %d disagreements, want 3", n)
	}
	p.waitSlow(figs+`.includes("Against the gold: ana 0.50, ben 0.75")`, 60e9)
	p.eval(figs, &got)
	if !strings.Contains(got, all) {
		t.Errorf("after a settle the overall figures are %q, want %q", got, all)
	}
	p.noErrors()
}
