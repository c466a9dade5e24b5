package web_test

// The page's status bar, undo and import defects of issue 22 (1, 2, 3, 7,
// 8, 9, 10, 11, 13), each with real input events and the DOM read back.
// Screenshots go to artifacts/e2e/ (issue22-*.png).

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// text reads an element's textContent.
func (p *Page) text(id string) string {
	p.t.Helper()
	var s string
	p.eval(`(document.getElementById(`+jsString(id)+`) || {}).textContent || ""`, &s)
	return s
}

func (p *Page) visible(sel string) bool {
	p.t.Helper()
	var ok bool
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && !e.hidden && e.getClientRects().length > 0; })()`, &ok)
	return ok
}

// screenshots saves the page at 1400×900 and 800×900 (name-1400.png,
// name-800.png), then gives the tab its own size back.
func (p *Page) screenshots(name string) {
	p.t.Helper()
	for _, w := range []int64{1400, 800} {
		p.run(chromedp.EmulateViewport(w, 900))
		p.screenshot(name + "-" + itoa(int(w)))
	}
	p.run(emulation.ClearDeviceMetricsOverride())
	p.settle()
}

// undoButtons is the state of the Undo and Redo buttons: "undo:on redo:off".
func (p *Page) undoButtons() string {
	p.t.Helper()
	var s string
	p.eval(`"undo:" + (document.getElementById("btn-undo").disabled ? "off" : "on") + " redo:" + (document.getElementById("btn-redo").disabled ? "off" : "on")`, &s)
	return s
}

// 1. An export whose report is long does not widen the page; the report
// is one click away, wrapped.
func TestE2EIssue22StatusLongReport(t *testing.T) {
	p, _, _ := openGolden(t)
	for _, w := range []int64{1400, 800} {
		p.run(chromedp.EmulateViewport(w, 900))
		p.settle()
		p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery))
		p.waitFor(`!!document.querySelector('#export-menu .menu-item[data-format="conll"]')`)
		// the menu opens on screen (at 800 px the header wraps "Export as" to the left)
		var left float64
		p.eval(`document.getElementById("export-menu").getBoundingClientRect().left`, &left)
		if left < 0 {
			t.Errorf("at %d px the export menu opens off-screen (left %.0f)", w, left)
		}
		p.run(chromedp.Click(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery))
		p.waitDownload()
		p.waitFor(`document.getElementById("status").textContent.includes("not kept")`)
		p.settle()
		p.settle()
		var g struct{ ScrollWidth, Inner, StatusRight int }
		p.eval(`({scrollWidth: document.documentElement.scrollWidth, inner: innerWidth,
			statusRight: Math.round(document.querySelector(".statusbar").getBoundingClientRect().right)})`, &g)
		if g.ScrollWidth > g.Inner || g.StatusRight > g.Inner {
			t.Errorf("at %d px: the page is %d px wide (status bar ends at %d), window %d", w, g.ScrollWidth, g.StatusRight, g.Inner)
		}
		for _, id := range []string{"btn-help", "btn-import", "article"} {
			var right float64
			p.eval(`document.getElementById(`+jsString(id)+`).getBoundingClientRect().right`, &right)
			if right > float64(g.Inner) {
				t.Errorf("at %d px: #%s ends at %.0f px, off-screen", w, id, right)
			}
		}
		if !p.visible("#status-more") {
			t.Fatalf("at %d px: the cut report has no visible \"Show all\"", w)
		}
		p.screenshot("issue22-status-cut-" + itoa(int(w)))
		p.run(chromedp.Click("#status-more", chromedp.ByQuery))
		p.settle()
		full := p.text("status-full")
		if !p.visible("#status-full") || !strings.Contains(full, "not kept:") || !strings.HasPrefix(full, "Exported spanmark-project-conll.conll") {
			t.Fatalf("at %d px: the whole report is not shown: visible %v, %q", w, p.visible("#status-full"), full)
		}
		var fits bool
		p.eval(`(() => { const r = document.getElementById("status-full").getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && document.documentElement.scrollWidth <= innerWidth; })()`, &fits)
		if !fits {
			t.Errorf("at %d px: the opened report does not fit in the window", w)
		}
		p.screenshot("issue22-status-full-" + itoa(int(w)))
		p.run(chromedp.Click("#status-more", chromedp.ByQuery))
		if p.visible("#status-full") {
			t.Errorf("at %d px: \"Hide\" left the report open", w)
		}
	}
	p.noErrors()
}

// 2. "Replace project" is not the default button, and one undo brings the
// previous project back whole; redo replaces it again.
func TestE2EIssue22ReplaceUndo(t *testing.T) {
	relEx := peer(t, "doccano/doccano__doccano__backend__data_import__tests__data__relation_extraction__example.jsonl")
	p := openPage(t, "/")
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	before := p.export()
	d := p.upload(relEx)
	if !d.ReplaceEnabled {
		t.Fatalf("preview: %+v", d)
	}
	var def struct {
		Focus          string
		ReplacePrimary bool
	}
	p.eval(`({focus: document.activeElement.id, replacePrimary: document.getElementById("im-replace").classList.contains("primary")})`, &def)
	if def.Focus == "im-replace" || def.ReplacePrimary {
		t.Errorf("the default button is Replace (focus %q, primary %v), not the safe choice", def.Focus, def.ReplacePrimary)
	}
	p.screenshots("issue22-import-default")
	p.run(chromedp.Click("#im-replace", chromedp.ByQuery))
	p.settle()
	replaced := p.export()
	if pf := parseProject(t, replaced); len(pf.Documents) != 1 || !strings.HasPrefix(pf.Documents[0].Text, "Google was founded") {
		t.Fatalf("after replace: %d documents", len(pf.Documents))
	}
	if got := p.undoButtons(); got != "undo:on redo:off" {
		t.Errorf("after replace: %s, want undo:on (the replacement can be undone)", got)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("z", input.ModifierCtrl)
	p.settle()
	if got := p.export(); got != before {
		t.Fatalf("Ctrl+Z after replacing did not bring the project back (status %q):\n%.300s", p.text("status"), got)
	}
	var rows int
	p.eval(`document.getElementById("doc-select").options.length`, &rows)
	if rows != 2 || !strings.Contains(p.text("doc-title"), "Iran") {
		t.Errorf("after undo the page shows %d documents, title %q", rows, p.text("doc-title"))
	}
	p.reveal("Barack Obama")
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Errorf("after undo sm-PERSON = %q", got)
	}
	if got := p.undoButtons(); got != "undo:on redo:on" {
		t.Errorf("after undoing the replacement: %s", got)
	}
	p.screenshots("issue22-replace-undone")
	// the document's own undo history came back too
	p.key("z", input.ModifierCtrl)
	p.settle()
	if n := len(parseProject(t, p.export()).Documents[0].Spans); n != 0 {
		t.Errorf("the second Ctrl+Z left %d spans: the document's history was not restored", n)
	}
	p.key("y", input.ModifierCtrl) // redo the span
	p.key("y", input.ModifierCtrl) // redo the replacement
	p.settle()
	if got := p.export(); got != replaced {
		t.Fatalf("Ctrl+Y did not replace the project again (status %q)", p.text("status"))
	}
	p.noErrors()
}

// 3. The selected-span panel follows its span's removal: Delete, undo of
// the add, redo of the delete.
func TestE2EIssue22PanelAfterRemove(t *testing.T) {
	p := openPage(t, "/")
	panel := func(when string, want bool) {
		t.Helper()
		p.settle()
		var n int
		p.eval(`document.querySelectorAll("#span-detail .sel-head").length`, &n)
		info := p.text("sel-info")
		if want && (n != 1 || !strings.HasPrefix(info, "PERSON")) || !want && (n != 0 || info != "") {
			t.Fatalf("%s: panel shows a span: %v (%d heads), sel-info %q; want %v", when, n == 1, n, info, want)
		}
	}
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	panel("after labelling", true)
	p.key("z", input.ModifierCtrl) // undo of the add
	panel("after undoing the add", false)
	p.key("1")
	if got := p.text("status"); !strings.HasPrefix(got, "Select some text first") {
		t.Errorf("a hotkey after the undo: status %q", got)
	}
	p.key("y", input.ModifierCtrl)
	p.settle()
	p.clickText("Barack Obama", "")
	panel("after clicking the span", true)
	p.key("Delete")
	panel("after Delete", false)
	p.key("z", input.ModifierCtrl)
	p.settle()
	p.clickText("Barack Obama", "")
	panel("after undoing the delete and clicking", true)
	p.key("y", input.ModifierCtrl) // redo of the delete
	panel("after redoing the delete", false)
	p.screenshots("issue22-panel-after-remove")
	p.noErrors()
}

// 7. A label-all that adds nothing promises no undo, and Ctrl+Z then
// undoes the edit before it, as it says.
func TestE2EIssue22LabelAllNothing(t *testing.T) {
	p := openPage(t, "/")
	labelAll := func() {
		p.run(chromedp.Focus("#article", chromedp.ByQuery))
		p.key("l")
		p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
		p.eval(`(document.getElementById("la-pattern").value = "", true)`, new(bool))
		p.run(chromedp.SendKeys("#la-pattern", "Muscat", chromedp.ByQuery))
		p.run(chromedp.Focus("#la-label", chromedp.ByQuery))
		p.key("g") // GPE
		p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
		p.settle()
	}
	labelAll()
	if st := p.text("status"); !strings.HasPrefix(st, "Labelled 3 of 3 matches as GPE") {
		t.Fatalf("first label-all: %q", st)
	}
	labelAll() // every match is labelled so already
	st := p.text("status")
	if strings.Contains(strings.ToLower(st), "undo") || !strings.Contains(st, "Nothing labelled") {
		t.Errorf("status after a label-all that added nothing: %q", st)
	}
	var toasts string
	p.eval(`document.getElementById("toasts").textContent`, &toasts)
	if strings.Contains(strings.ToLower(toasts), "undo") {
		t.Errorf("a toast promises an undo: %q", toasts)
	}
	p.screenshots("issue22-labelall-nothing")
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("z", input.ModifierCtrl)
	p.settle()
	if got := p.text("status"); got != `Undid: label all "Muscat" as GPE` {
		t.Errorf("Ctrl+Z after it: status %q, want the first label-all undone", got)
	}
	if got := p.undoButtons(); got != "undo:off redo:on" {
		t.Errorf("after undoing the only edit: %s", got)
	}
	p.noErrors()
}

// 8. Editing a text attribute and pressing Enter is one undo step.
func TestE2EIssue22AttributeOneStep(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Iranian and American officials have held", "", 0)
	p.key("7") // CLAIM
	p.waitFor(`!!document.getElementById("f-attr-normalized")`)
	p.run(chromedp.Click("#f-attr-normalized", chromedp.ByQuery))
	p.run(chromedp.SendKeys("#f-attr-normalized", "Iran will talk", chromedp.ByQuery))
	p.key("Enter")
	p.settle()
	claims := func() (n int, norm any) {
		for _, s := range parseProject(t, p.export()).Documents[0].Spans {
			if s.Label == "CLAIM" {
				n++
				norm = s.Attrs["normalized"]
			}
		}
		return
	}
	if n, v := claims(); n != 1 || v != "Iran will talk" {
		t.Fatalf("after Enter: %d claims, normalized %v", n, v)
	}
	p.key("Escape") // back to the article
	p.key("z", input.ModifierCtrl)
	p.settle()
	if n, v := claims(); n != 1 || v != nil {
		t.Fatalf("one Ctrl+Z after the edit: %d claims, normalized %v; want the claim without the value", n, v)
	}
	if got := p.text("status"); got != "Undid: set attribute" {
		t.Errorf("status %q", got)
	}
	p.noErrors()
}

// 9. Undo and Redo are enabled only when there is something to undo or
// redo: at start, after edits, and after a reload (the history is kept).
func TestE2EIssue22UndoButtons(t *testing.T) {
	p := openPage(t, "/")
	if got := p.undoButtons(); got != "undo:off redo:off" {
		t.Errorf("at start: %s", got)
	}
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	if got := p.undoButtons(); got != "undo:on redo:off" {
		t.Errorf("after an edit: %s", got)
	}
	reload := func() {
		p.waitFor(`document.getElementById("save-state").dataset.state === "saved"`)
		p.run(chromedp.Reload())
		p.waitReady()
		p.settle()
	}
	reload()
	if got := p.undoButtons(); got != "undo:on redo:off" {
		t.Errorf("after reloading with an edit: %s", got)
	}
	p.run(chromedp.Click("#btn-undo", chromedp.ByQuery))
	p.settle()
	if got := p.undoButtons(); got != "undo:off redo:on" {
		t.Errorf("after undoing it: %s", got)
	}
	reload()
	if got := p.undoButtons(); got != "undo:off redo:on" {
		t.Errorf("after reloading: %s", got)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt) // the other document: nothing done there
	p.settle()
	if got := p.undoButtons(); got != "undo:off redo:off" {
		t.Errorf("in an untouched document: %s", got)
	}
	p.noErrors()
}

// 10. The status bar is never stale: the selection line goes with the
// selection, errors show there too (not only in a toast), and the same
// toast does not pile up.
func TestE2EIssue22StaleStatus(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Barack Obama", "", 0)
	p.settle()
	if got := p.text("sel-info"); !strings.Contains(got, "selected") {
		t.Fatalf("after selecting: sel-info %q", got)
	}
	p.key("Escape")
	p.settle()
	if got := p.text("sel-info"); got != "" {
		t.Errorf("after Esc: sel-info %q, want empty", got)
	}
	bad := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(bad, []byte(`{"format": "spanmark", "version": 1, "documents": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	for range 3 {
		p.run(chromedp.SetUploadFiles("#open-file", []string{bad}, chromedp.ByQuery))
		p.waitFor(`document.querySelectorAll("#toasts .toast.error").length > 0`)
		p.settle()
	}
	var n int
	p.eval(`document.querySelectorAll("#toasts .toast").length`, &n)
	if n != 1 {
		t.Errorf("the same error three times: %d toasts, want 1", n)
	}
	var kind string
	p.eval(`document.getElementById("status").dataset.kind || ""`, &kind)
	if st := p.text("status"); !strings.HasPrefix(st, "broken.json") || kind != "error" {
		t.Errorf("the status bar after the error: %q (kind %q)", st, kind)
	}
	p.screenshots("issue22-error-status")
	p.noErrors()
}

// 11. Open… recognises a dataset (here Label Studio JSON) and shows the
// import dialog, instead of asking to replace the project and failing.
func TestE2EIssue22OpenDataset(t *testing.T) {
	ls := peer(t, "label-studio/HumanSignal__label-studio__web__libs__editor__src__examples__named_entity__annotations__1.json")
	p := openPage(t, "/")
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	before := p.export()
	p.run(chromedp.SetUploadFiles("#open-file", []string{ls}, chromedp.ByQuery))
	d := p.waitDialog()
	if d.Title != "Import Label Studio JSON" || !d.ReplaceEnabled || d.Errors != "" {
		t.Fatalf("Open… of a Label Studio file: %+v", d)
	}
	if dl := p.Dialogs(); len(dl) != 0 {
		t.Errorf("Open… asked %q before importing", dl)
	}
	if p.export() != before {
		t.Fatal("the preview changed the project")
	}
	p.screenshots("issue22-open-dataset")
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.settle()
	if n := len(parseProject(t, p.export()).Documents); n != 3 {
		t.Errorf("after adding: %d documents, want 3", n)
	}
	p.noErrors()
}

// 13. Errors say what happened and what to do in plain words, at the field
// concerned; the code and the field path stay on a details line.
func TestE2EIssue22PlainErrors(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`)
	p.run(chromedp.Click("#sl-new-name", chromedp.ByQuery))
	p.run(chromedp.SendKeys("#sl-new-name", "NORP", chromedp.ByQuery))
	p.run(chromedp.Click("#sl-new-key", chromedp.ByQuery))
	p.run(chromedp.SendKeys("#sl-new-key", "1", chromedp.ByQuery))
	p.key("Enter")
	p.settle()
	var got struct {
		Text, Focus, Invalid string
	}
	p.eval(`({text: document.getElementById("schema-error").innerText, focus: document.activeElement.id,
		invalid: document.getElementById("sl-new-key").getAttribute("aria-invalid") || ""})`, &got)
	lines := strings.Split(got.Text, "\n")
	if len(lines) != 2 || strings.Contains(lines[0], "schema.labels[") || strings.Contains(got.Text, "[bad_schema]") ||
		!strings.Contains(lines[0], `key "1" is already the hotkey of label "PERSON"; choose another key`) ||
		lines[1] != "Details: bad_schema · schema.labels[9].hotkey" {
		t.Errorf("hotkey clash says %q", lines)
	}
	if got.Focus != "sl-new-key" || got.Invalid != "true" {
		t.Errorf("the hotkey field is not the one marked: focus %q, aria-invalid %q", got.Focus, got.Invalid)
	}
	p.screenshots("issue22-schema-error")
	p.run(chromedp.Click("#schema-close", chromedp.ByQuery))

	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("l")
	p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
	p.run(chromedp.Click("#la-regex", chromedp.ByQuery))
	p.run(chromedp.Click("#la-pattern", chromedp.ByQuery))
	p.eval(`(document.getElementById("la-pattern").value = "", true)`, new(bool))
	p.run(chromedp.SendKeys("#la-pattern", "Iran (", chromedp.ByQuery))
	p.waitFor(`document.getElementById("la-preview").classList.contains("err")`)
	preview := p.text("la-preview")
	if strings.Contains(preview, "(?i)") || strings.Contains(preview, "error parsing regexp") ||
		!strings.HasPrefix(preview, `"Iran (" is not a valid regular expression (missing closing ))`) {
		t.Errorf("bad regular expression: %q", preview)
	}
	p.screenshots("issue22-regex-error")
	p.noErrors()
}
