package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Opening a project file with hundreds of problems: the page answers at
// once with the first few, located, and a count of the rest (not a message
// taller than the screen), saves the whole list on request, and keeps the
// project it had.
func TestE2EOpenManyProblems(t *testing.T) {
	var proj map[string]any
	if err := json.Unmarshal(textProject(30_000, "shifted", "Shifted"), &proj); err != nil {
		t.Fatal(err)
	}
	doc := proj["documents"].([]any)[0].(map[string]any)
	doc["text"] = doc["text"].(string)[1:] // every span's text is now one character off
	nSpans := len(doc["spans"].([]any))
	b, _ := json.Marshal(proj)
	p := openPage(t, "/")
	p.openFile("shifted.json", b)
	p.waitFor(`!!document.querySelector(".toast.error .more")`)
	var toast struct {
		Text              string
		Height, ViewH     float64
		CloseTop, MoreTop float64
		Doc               string
	}
	p.eval(`(() => {
		const t = document.querySelector(".toast.error");
		return { text: t.querySelector(".msg").firstChild.textContent, height: t.getBoundingClientRect().height, viewH: innerHeight,
			closeTop: t.querySelector(".x").getBoundingClientRect().top, moreTop: t.querySelector(".more").getBoundingClientRect().top, doc: smApp.docId };
	})()`, &toast)
	p.screenshot("open-many-problems")
	lines := strings.Split(toast.Text, "\n")
	if !strings.HasPrefix(lines[0], "shifted.json: ") || !strings.Contains(lines[0], " problems") {
		t.Errorf("first line %q, want the file and the count of problems", lines[0])
	}
	if len(lines) != 7 || !strings.Contains(lines[1], `document "shifted", span s`) || !strings.Contains(lines[1], "shifted.json:") {
		t.Errorf("toast lines %q, want the count, 5 located problems and the rest counted", lines)
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "… and ") || !strings.Contains(last, " more") {
		t.Errorf("last line %q, want the rest counted", last)
	}
	if toast.Height > toast.ViewH/2 || toast.CloseTop < 0 || toast.MoreTop > toast.ViewH {
		t.Errorf("toast %.0f px high (screen %.0f), close button at %.0f, save button at %.0f", toast.Height, toast.ViewH, toast.CloseTop, toast.MoreTop)
	}
	if toast.Doc != "iran-us-talks" {
		t.Errorf("the page shows %q after a failed open, want the project it had", toast.Doc)
	}

	// The whole list, one problem a line, each with its file, line, document and span.
	p.run(chromedp.Click(".toast.error .more", chromedp.ByQuery))
	saved := strings.Split(strings.TrimSpace(string(p.waitDownload())), "\n")
	spans := 0
	for _, l := range saved[1:] {
		if strings.Contains(l, "shifted.json:1: document \"shifted\", span s") {
			spans++
		}
	}
	if spans < nSpans-1 || len(saved)-1 < spans {
		t.Errorf("the saved list has %d lines, %d of them span problems; the file has %d spans", len(saved), spans, nSpans)
	}
	p.noErrors()
}
