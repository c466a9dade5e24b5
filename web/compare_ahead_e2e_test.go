package web_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The works chosen in the Compare dialog are read while the person looks
// at the list (compareRead), and Compare merges those without reading them
// again; a work replaced after that reading is read anew, never merged
// from the stale one; closing the dialog lets the reading go.
func TestE2ECompareReadAhead(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := compareWork(t, dir, "ana", text, [][2]string{{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"GPE", "Muscat"}})
	ben := compareWork(t, dir, "ben", text, [][2]string{{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"LOC", "Muscat"}})
	chen := compareWork(t, dir, "chen", text, [][2]string{{"PERSON", "Javad Zarif"}, {"ORG", "John Kerry"}, {"LOC", "Muscat"}})

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitSlow(`!!smApp.compare.ahead`, 60e9)
	// the calls the page makes from here on
	p.eval(`(() => { const api = globalThis.spanmarkFormats, read = api.compareRead, works = api.compareWorks;
		window.__calls = [];
		api.compareRead = (...a) => (window.__calls.push(["read", a[0].map(f => f.name).join(",")]), read.apply(api, a));
		api.compareWorks = (...a) => (window.__calls.push(["works", a[2]]), works.apply(api, a));
		return true; })()`, new(bool))

	// ben replaced by chen after the reading: chen's work is read, not ben's merged
	p.run(chromedp.Click(`#cmp-files li:nth-child(2) button`, chromedp.ByQuery))
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{chen}, chromedp.ByQuery))
	p.waitSlow(`window.__calls.some(c => c[0] === "read" && c[1] === "ana.json,chen.json") && !!smApp.compare.ahead`, 60e9)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	p.waitSlow(`!document.getElementById("panel-adjudicate").hidden`, 60e9)
	var got struct {
		Calls         [][]any
		Disagreements int
		Gold          []string
	}
	p.eval(`({calls: window.__calls, disagreements: spanmark.disagreements("iran-us-talks").length,
		gold: spanmark.spansIn("iran-us-talks", 0, smApp.view.length).map(s => s.label + " " + s.text.join(" "))})`, &got)
	// ana and chen agree on Javad Zarif only: John Kerry (PERSON / ORG) and Muscat (GPE / LOC) are left undecided
	if strings.Join(got.Gold, "|") != "PERSON Javad Zarif" || got.Disagreements != 2 {
		t.Fatalf("the gold of ana and chen: %q, %d disagreements (calls %v)", got.Gold, got.Disagreements, got.Calls)
	}
	var tokens []float64
	for _, c := range got.Calls {
		if c[0] == "works" {
			tok, _ := c[1].(float64)
			tokens = append(tokens, tok)
		}
	}
	if len(tokens) != 1 || tokens[0] <= 0 {
		t.Fatalf("compareWorks was called with tokens %v, want one from the reading ahead (calls %v)", tokens, got.Calls)
	}

	// a new dialog: closing it lets the works read go
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitSlow(`!!smApp.compare.ahead`, 60e9)
	p.run(chromedp.Click("#cmp-cancel", chromedp.ByQuery))
	p.waitFor(`window.__calls.at(-1)[0] === "read" && window.__calls.at(-1)[1] === ""`)
	p.noErrors()
}
