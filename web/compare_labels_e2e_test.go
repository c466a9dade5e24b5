package web_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Issue 20: an undecided span whose label was removed from the schema
// after the comparison. Taking it (Shift+2) is refused with a message
// that names the label and offers to add it back — never a silent no-op
// — and nothing changes; the same key again takes it, adding the label
// back (a note says so); the decision is one undo step. On the old code
// the take was refused with no way out.
func TestE2ECompareRemovedLabel(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := compareWork(t, dir, "ana", text, [][2]string{{"PERSON", "Javad Zarif"}, {"GPE", "Muscat"}})
	ben := compareWork(t, dir, "ben", text, [][2]string{{"PERSON", "Javad Zarif"}, {"LOC", "Muscat"}})
	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	// LOC removed from the schema, as the schema editor does
	p.eval(`(spanmark.removeLabel("LOC"), smApp.applySchema(), true)`, new(bool))
	state := func() (n int, labels string) {
		var r struct {
			N      int
			Labels []string
		}
		p.eval(`({n: spanmark.disagreements("iran-us-talks").length, labels: spanmark.spansIn("iran-us-talks", 0, smApp.view.length).map(s => s.label)})`, &r)
		return r.N, strings.Join(r.Labels, ",")
	}
	if n, l := state(); n != 1 || l != "PERSON" {
		t.Fatalf("compared: %d disagreements, spans %s", n, l)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	shift := func(digit string) {
		p.run(chromedp.KeyEvent(digit, chromedp.KeyModifiers(input.ModifierShift)))
		p.settle()
	}
	shift("2") // ben's LOC: refused, said, offered
	var msg string
	p.eval(`document.getElementById("toasts").textContent`, &msg)
	if !strings.Contains(msg, `en’s version cannot be taken: label "LOC" is not in the schema`) || !strings.Contains(msg, "Add the label back and take it") ||
		!strings.Contains(msg, "or Shift+2 again") {
		t.Fatalf("refusal said: %q", msg)
	}
	var hasLOC bool
	if p.eval(`spanmark.schema().labels.some(l => l.name === "LOC")`, &hasLOC); hasLOC {
		t.Fatal("LOC in the schema before it was asked for")
	}
	if n, l := state(); n != 1 || l != "PERSON" {
		t.Fatalf("after the refusal: %d disagreements, spans %s", n, l)
	}
	shift("2") // again: the label comes back, ben's version is taken
	if n, l := state(); n != 0 || l != "PERSON,LOC" {
		t.Fatalf("taken: %d disagreements, spans %s", n, l)
	}
	var label struct{ Layer, Color string }
	p.eval(`spanmark.schema().labels.find(l => l.name === "LOC")`, &label)
	if label.Layer != "entity" || label.Color == "" {
		t.Fatalf("LOC back as %+v", label)
	}
	p.eval(`document.getElementById("toasts").textContent`, &msg)
	if !strings.Contains(msg, "Added to the schema (entity layer) to take ben’s version: LOC") || strings.Contains(msg, "cannot be taken") {
		t.Fatalf("after the take, toasts: %q", msg)
	}
	// its key and highlight: the label bar has it
	p.waitFor(`document.getElementById("labels").textContent.includes("LOC")`)
	p.key("z", input.ModifierCtrl) // the decision undone; the label stays
	p.settle()
	if n, l := state(); n != 1 || l != "PERSON" {
		t.Fatalf("undone: %d disagreements, spans %s", n, l)
	}
	// the same disagreement refused once more after another removal, taken by the toast's button
	p.eval(`(spanmark.removeLabel("LOC"), smApp.applySchema(), true)`, new(bool))
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	shift("2")
	p.waitFor(`!!document.querySelector("#toasts .cmp-addback")`)
	p.run(chromedp.Click("#toasts .cmp-addback", chromedp.ByQuery))
	p.settle()
	if n, l := state(); n != 0 || l != "PERSON,LOC" {
		t.Fatalf("taken by the button: %d disagreements, spans %s", n, l)
	}
	p.noErrors()
}
