package web_test

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
)

// docAnnotators reads each document's "annotator" from the exported project file.
func (p *Page) docAnnotators() map[string]string {
	p.t.Helper()
	var f struct {
		Version   int
		Documents []struct{ ID, Annotator string }
	}
	if err := json.Unmarshal([]byte(p.export()), &f); err != nil {
		p.t.Fatalf("%v", err)
	}
	out := map[string]string{}
	for _, d := range f.Documents {
		out[d.ID] = d.Annotator
	}
	return out
}

// Issue 20: the page asks once for the annotator's name — on the first
// edit, inline, the keyboard left with the article — and the documents
// edited from then on record it; it is kept across a reload and can be
// changed from the status bar.
func TestE2EAnnotatorName(t *testing.T) {
	p := openPage(t, "/")
	var st struct {
		Hidden bool
		Button string
	}
	const jsState = `({hidden: document.getElementById("who-form").hidden, button: document.getElementById("btn-annotator").textContent})`
	p.eval(jsState, &st)
	if !st.Hidden || st.Button != "👤 Your name?" {
		t.Fatalf("before any edit: %+v", st)
	}
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	var focus string
	p.eval(jsState, &st)
	p.eval(`document.activeElement.id`, &focus)
	if st.Hidden || focus == "who-input" {
		t.Fatalf("after the first edit: form hidden %v, focus on %q (want shown, focus not taken)", st.Hidden, focus)
	}
	// the first edit was made before a name was given
	if got := p.docAnnotators()["iran-us-talks"]; got != "" {
		t.Fatalf("annotator before the name was given: %q", got)
	}
	// a bad name is refused inline
	p.run(chromedp.Click("#who-input", chromedp.ByQuery))
	p.eval(`(document.getElementById("who-input").value = "a\u0007b", true)`, new(bool))
	p.key("Enter")
	var errText string
	p.eval(`document.getElementById("who-error").textContent`, &errText)
	if errText == "" {
		t.Errorf("a name with a tab was accepted")
	}
	p.eval(`(document.getElementById("who-input").value = "", true)`, new(bool))
	p.run(chromedp.SendKeys("#who-input", "ana", chromedp.ByQuery))
	p.key("Enter")
	p.settle()
	p.eval(jsState, &st)
	if !st.Hidden || st.Button != "👤 ana" {
		t.Fatalf("after the name: %+v", st)
	}
	p.dragSelect("Iran", "", 0)
	p.key("3")
	p.settle()
	got := p.docAnnotators()
	if got["iran-us-talks"] != "ana" || got["gulf-shipping-multilingual"] != "" {
		t.Fatalf("annotators after an edit: %v", got)
	}
	// a reload keeps the name and does not ask again
	p.waitFor(jsSaved)
	p.run(chromedp.Reload())
	p.waitReady()
	p.eval(jsState, &st)
	if !st.Hidden || st.Button != "👤 ana" {
		t.Fatalf("after a reload: %+v", st)
	}
	p.eval(`(smApp.openDoc("gulf-shipping-multilingual"), true)`, new(bool))
	p.eval(`smApp.edit("setStatus", "gulf-shipping-multilingual", "done") ? true : false`, new(bool))
	if got := p.docAnnotators()["gulf-shipping-multilingual"]; got != "ana" {
		t.Fatalf("after a reload, an edit records %q", got)
	}
	// changed from the status bar
	p.run(chromedp.Click("#btn-annotator", chromedp.ByQuery))
	p.eval(`document.activeElement.id`, &focus)
	if focus != "who-input" {
		t.Fatalf("clicking the name focuses %q", focus)
	}
	p.eval(`(document.getElementById("who-input").value = "", true)`, new(bool))
	p.run(chromedp.SendKeys("#who-input", "ben", chromedp.ByQuery))
	p.key("Enter")
	p.eval(`smApp.edit("setStatus", "gulf-shipping-multilingual", "in_progress") ? true : false`, new(bool))
	if got := p.docAnnotators(); got["gulf-shipping-multilingual"] != "ben" || got["iran-us-talks"] != "ana" {
		t.Fatalf("after changing the name: %v", got)
	}
	p.noErrors()
}
