package web_test

// End-to-end tests of managing documents (issue 22, "Missing basics"):
// rename and metadata through the Document dialog, document-level labels
// under the title, reopening a done document, deleting one and bringing it
// back, and filtering the document list, with real mouse and keyboard
// input; each reads the page and the core back. Screenshots go to
// artifacts/e2e/ (docs-manage-1400.png, docs-manage-800.png).

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/spanmark/spanmark/annotate"
)

const (
	iranID   = "iran-us-talks"
	gulfID   = "gulf-shipping-multilingual"
	gulfName = "Envoys Trade Claims Over Gulf Shipping Lanes"
)

// coreDoc is a document as the core says it is.
type coreDoc struct {
	ID, Title, Status string
	Labels            []string
	Spans             int
	Meta              map[string]string
}

func (p *Page) coreDoc(id string) coreDoc {
	p.t.Helper()
	var d coreDoc
	p.eval(`spanmark.document(`+jsString(id)+`)`, &d)
	return d
}

// typeText types s with the keyboard into the focused element.
func (p *Page) typeText(s string) {
	p.t.Helper()
	p.run(chromedp.KeyEvent(s))
}

// clickSel clicks the middle of the first element matching sel with the mouse.
func (p *Page) clickSel(sel string) {
	p.t.Helper()
	var at struct{ X, Y float64 }
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (!e) return {x: -1, y: -1};
		e.scrollIntoView({block: "nearest"}); const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`, &at)
	if at.X < 0 {
		p.t.Fatalf("nothing matches %s", sel)
	}
	p.run(chromedp.MouseClickXY(at.X, at.Y))
}

// chips are the document labels shown under the title.
func (p *Page) chips() []string {
	p.t.Helper()
	var out []string
	p.eval(`[...document.querySelectorAll("#doc-tools .dl-chip")].map(c => c.dataset.label)`, &out)
	return out
}

// Rename and metadata: the Document dialog (button and F2), a refused
// date shown at its field with nothing changed, the title shown in the
// head, the list and the menu, one undo step each way.
func TestE2EDocumentRenameAndMeta(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.clickSel("#btn-doc-edit")
	p.waitFor(`!document.getElementById("docedit").hidden && document.activeElement.id === "de-title"`)
	p.typeText("Secret talks, renamed") // the title is selected: typing replaces it
	p.key(kb.Tab)                       // to Source
	p.typeText("NYT")
	p.key(kb.Tab) // to Date
	p.typeText("21/10/2012")
	p.key("Enter")
	p.settle()
	var bad struct {
		Open    bool
		Err     string
		Invalid string
		Focus   string
	}
	p.eval(`({open: !document.getElementById("docedit").hidden, err: document.getElementById("de-error").textContent,
		invalid: document.getElementById("de-date").getAttribute("aria-invalid") || "", focus: document.activeElement.id})`, &bad)
	if !bad.Open || !strings.Contains(bad.Err, "YYYY-MM-DD") || bad.Invalid != "true" || bad.Focus != "de-date" {
		t.Errorf("a bad date: %+v; want the dialog open, the message at the date field, focused", bad)
	}
	p.screenshots("docs-edit-dialog")
	if d := p.coreDoc(iranID); d.Title == "Secret talks, renamed" || d.Meta["date"] != "" {
		t.Fatalf("a refused save changed the document: %+v", d)
	}
	// fix the date: select it all with the keyboard and type it again
	p.key("a", input.ModifierCtrl)
	p.typeText("2012-10-21")
	p.key("Enter")
	p.waitFor(`document.getElementById("docedit").hidden`)
	d := p.coreDoc(iranID)
	if d.Title != "Secret talks, renamed" || d.Meta["source"] != "NYT" || d.Meta["date"] != "2012-10-21" || d.Status != "todo" {
		t.Fatalf("after Save: %+v (a rename is no annotation: still todo)", d)
	}
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="` + iranID + `"] .t').textContent === "Secret talks, renamed"`)
	if got := p.text("doc-title"); got != "Secret talks, renamed" {
		t.Errorf("the title shown: %q", got)
	}
	if got := p.text("doc-meta"); !strings.HasPrefix(got, "NYT · 2012-10-21 · ") {
		t.Errorf("the line under the title: %q", got)
	}
	var opt string
	p.eval(`document.querySelector('#doc-select option[value="`+iranID+`"]').textContent`, &opt)
	if !strings.HasPrefix(opt, "Secret talks, renamed") {
		t.Errorf("the document menu: %q", opt)
	}
	// one undo step: Ctrl+Z in the article, then Ctrl+Shift+Z
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("z", input.ModifierCtrl)
	p.waitFor(`document.getElementById("doc-title").textContent.startsWith("U.S., Iran")`)
	if d := p.coreDoc(iranID); d.Meta["source"] != "sample" || d.Meta["date"] != "" {
		t.Errorf("undo left the metadata: %+v", d)
	}
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="` + iranID + `"] .t').textContent.startsWith("U.S., Iran")`)
	p.key("z", input.ModifierCtrl, input.ModifierShift)
	p.waitFor(`document.getElementById("doc-title").textContent === "Secret talks, renamed"`)
	// F2 opens the dialog; Esc closes it without a change
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key(kb.F2)
	p.waitFor(`!document.getElementById("docedit").hidden`)
	p.typeText("thrown away")
	p.key("Escape")
	p.waitFor(`document.getElementById("docedit").hidden`)
	if d := p.coreDoc(iranID); d.Title != "Secret talks, renamed" {
		t.Errorf("Esc saved the title: %q", d.Title)
	}
	// the file keeps it
	var title string
	p.eval(`JSON.parse(spanmark.exportProject()).documents[0].title`, &title)
	if title != "Secret talks, renamed" {
		t.Errorf("exported title %q", title)
	}
	p.noErrors()
}

// Document labels: set from the menu with the mouse and the keyboard,
// shown as chips under the title and in the list row, removed by a chip's
// ×, each one undo step; exported as the project file's "labels".
func TestE2EDocumentLabels(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.clickSel("#btn-doc-labels")
	p.waitFor(`!document.getElementById("doc-labels-menu").hidden`)
	p.clickSel(`#doc-labels-menu [data-label="relevant"]`)
	p.waitFor(`document.querySelectorAll("#doc-tools .dl-chip").length === 1`)
	if c, d := p.chips(), p.coreDoc(iranID); !slices.Equal(c, []string{"relevant"}) || !slices.Equal(d.Labels, []string{"relevant"}) || d.Status != "in_progress" {
		t.Fatalf("after choosing relevant: chips %q, core %+v", c, d)
	}
	// the menu stays open on the item: the keyboard picks another
	p.waitFor(`document.activeElement && document.activeElement.dataset.label === "relevant"`)
	p.key("ArrowDown") // the next item: opinion (the schema's order: relevant, opinion, needs-review)
	p.key("Enter")
	p.waitFor(`document.querySelectorAll("#doc-tools .dl-chip").length === 2`)
	p.key("Escape")
	p.waitFor(`document.getElementById("doc-labels-menu").hidden && document.activeElement.id === "btn-doc-labels"`)
	if d := p.coreDoc(iranID); !slices.Equal(d.Labels, []string{"opinion", "relevant"}) {
		t.Fatalf("core labels %q", d.Labels)
	}
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="` + iranID + `"] .dl').textContent === "opinion · relevant"`)
	p.screenshots("docs-labels")
	// remove one with its ×
	p.clickSel(`#doc-tools .dl-chip[data-label="opinion"] .dl-x`)
	p.waitFor(`document.querySelectorAll("#doc-tools .dl-chip").length === 1`)
	if d := p.coreDoc(iranID); !slices.Equal(d.Labels, []string{"relevant"}) {
		t.Fatalf("after ×: %q", d.Labels)
	}
	// Ctrl+Z brings it back, in the head and the row
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("z", input.ModifierCtrl)
	p.waitFor(`document.querySelectorAll("#doc-tools .dl-chip").length === 2`)
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="` + iranID + `"] .dl').textContent === "opinion · relevant"`)
	var labels []string
	p.eval(`JSON.parse(spanmark.exportProject()).documents[0].labels`, &labels)
	if !slices.Equal(labels, []string{"opinion", "relevant"}) {
		t.Errorf("exported labels %q", labels)
	}
	p.noErrors()
}

// A done document: Reopen under the title; an edit sets it back in
// progress by itself, says so, and one Ctrl+Z undoes both.
func TestE2EDocumentReopen(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.clickDoc(gulfName)
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("Enter", input.ModifierCtrl) // done, and on to the other document
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.clickDoc(gulfName)
	p.waitFor(`!!document.getElementById("btn-reopen")`)
	p.label("Nasser Kanaani", "1", "sm-PERSON", "labelling in a done document")
	p.waitFor(`!document.getElementById("btn-reopen")`)
	if d := p.coreDoc(gulfID); d.Status != "in_progress" || d.Spans != 1 {
		t.Fatalf("an edit of a done document: %+v, want in progress", d)
	}
	if s := p.text("status"); !strings.Contains(s, "was done: this edit set it back in progress") {
		t.Errorf("status bar %q", s)
	}
	if r := p.docRows(); r[1].Status != "in progress" {
		t.Errorf("row %+v", r[1])
	}
	p.key("z", input.ModifierCtrl)
	p.waitFor(`!!document.getElementById("btn-reopen")`)
	if d := p.coreDoc(gulfID); d.Status != "done" || d.Spans != 0 {
		t.Fatalf("one undo: %+v, want done with no span", d)
	}
	p.clickSel("#btn-reopen")
	p.waitFor(`!document.getElementById("btn-reopen")`)
	if d := p.coreDoc(gulfID); d.Status != "in_progress" {
		t.Fatalf("Reopen: %+v", d)
	}
	if v, _, txt := p.progress(); v != 0 || !strings.HasPrefix(txt, "0 of 2 documents done") {
		t.Errorf("progress %v %q", v, txt)
	}
	p.noErrors()
}

// Delete from the Document dialog: gone from the list and the core, the
// neighbour opened; Ctrl+Z puts it back where it was with its spans and
// undo history, Ctrl+Y deletes it again, the toast's Undo brings it back;
// a reload keeps what the store saved.
func TestE2EDocumentDelete(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.label("Iran", "3", "sm-GPE", "a span before deleting")
	p.clickSel("#btn-doc-edit")
	p.waitFor(`!document.getElementById("docedit").hidden`)
	p.clickSel("#de-delete")
	p.waitFor(`smApp.docId === "` + gulfID + `"`)
	var ids []string
	p.eval(`spanmark.documents().map(d => d.id)`, &ids)
	if r := p.docRows(); !slices.Equal(ids, []string{gulfID}) || len(r) != 1 || r[0].ID != gulfID {
		t.Fatalf("after delete: core %q, rows %+v", ids, r)
	}
	var toastText string
	p.eval(`[...document.querySelectorAll("#toasts .toast .msg")].map(m => m.textContent).join("|")`, &toastText)
	if !strings.Contains(toastText, "Deleted “U.S., Iran") || !strings.Contains(toastText, "and its 1 span") {
		t.Errorf("toast %q", toastText)
	}
	if b := p.undoButtons(); b != "undo:on redo:off" {
		t.Errorf("buttons after delete: %s", b)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("z", input.ModifierCtrl)
	p.waitFor(`smApp.docId === "` + iranID + `"`)
	p.eval(`spanmark.documents().map(d => d.id)`, &ids)
	if !slices.Equal(ids, []string{iranID, gulfID}) || p.coreDoc(iranID).Spans != 1 {
		t.Fatalf("after Ctrl+Z: %q, %+v", ids, p.coreDoc(iranID))
	}
	if r := p.docRows(); len(r) != 2 || r[0].ID != iranID || !r[0].Current {
		t.Errorf("rows after Ctrl+Z: %+v", r)
	}
	var canUndo bool
	p.eval(`spanmark.undoState("`+iranID+`").canUndo`, &canUndo)
	if !canUndo {
		t.Errorf("the document came back without its undo history")
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("y", input.ModifierCtrl)
	p.waitFor(`spanmark.documents().length === 1`)
	p.clickSel("#toasts .toast-undo")
	p.waitFor(`spanmark.documents().length === 2 && smApp.docId === "` + iranID + `"`)
	// the deleted-then-restored project survives a reload; so does a deletion
	p.run(chromedp.Reload())
	p.waitReady()
	p.eval(`spanmark.documents().map(d => d.id + ":" + d.spans)`, &ids)
	if !slices.Equal(ids, []string{iranID + ":1", gulfID + ":0"}) {
		t.Fatalf("after a reload: %q", ids)
	}
	p.clickDoc(gulfName)
	p.key(kb.F2)
	p.waitFor(`!document.getElementById("docedit").hidden`)
	p.clickSel("#de-delete")
	p.waitFor(`spanmark.documents().length === 1`)
	p.run(chromedp.Reload())
	p.waitReady()
	p.eval(`spanmark.documents().map(d => d.id)`, &ids)
	if !slices.Equal(ids, []string{iranID}) {
		t.Fatalf("a deletion after a reload: %q", ids)
	}
	p.noErrors()
}

// The filter on 10,000 records: title words typed, a status, a span
// label, a document label; the rows are the core's findDocuments; the
// figure printed is one filter's time from input to rows built.
func TestE2EDocumentFilter(t *testing.T) {
	p := openPage(t, "/")
	const n = 10_000
	p.openFile("records.json", p.manyDocsProject(n))
	p.waitSlow(`smApp.docId === "d0000"`, 60e9)
	// every row built (when idle) and the project saved: the page is quiet
	p.waitSlow(fmt.Sprintf(`document.querySelectorAll("#doc-list .doc-row").length === %d && %s`, n, jsSaved), 120e9)
	p.clickSel("#doc-filter")
	p.typeText("record 12")
	want := 0
	for i := range n {
		if strings.Contains(fmt.Sprintf("record %d", i), "12") {
			want++
		}
	}
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "%s of %s"`, annotate.Count(want), annotate.Count(n)))
	var first []string
	p.eval(`[...document.querySelectorAll("#doc-list .doc-row .t")].slice(0, 3).map(t => t.textContent)`, &first)
	if !slices.Equal(first, []string{"Record 12", "Record 112", "Record 120"}) {
		t.Errorf("first rows %q", first)
	}
	var ms float64
	p.eval(`(() => { const t = performance.now(); document.getElementById("doc-filter").value = "record 3"; smApp.docs.setFilter(); return performance.now() - t; })()`, &ms)
	t.Logf("filter of %d documents to those matching \"record 3\": %.1f ms (core query and rows)", n, ms)
	// Esc clears the field; then the status and a span label with the keyboard
	p.clickSel("#doc-filter")
	p.key("Escape")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "%s"`, annotate.Count(n)))
	p.run(chromedp.Focus("#doc-filter-label", chromedp.ByQuery))
	var gpe int
	p.eval(`[...document.getElementById("doc-filter-label").options].findIndex(o => o.value === "span:GPE")`, &gpe)
	for range gpe {
		p.key("ArrowDown")
	}
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "%s of %s"`, annotate.Count((n+2)/3), annotate.Count(n)))
	var ids []string
	p.eval(`spanmark.findDocuments({spanLabel: "GPE"}).slice(0, 3)`, &ids)
	if !slices.Equal(ids, []string{"d0000", "d0003", "d0006"}) {
		t.Errorf("findDocuments GPE: %q", ids)
	}
	p.run(chromedp.Focus("#doc-filter-status", chromedp.ByQuery))
	p.key("ArrowDown") // To do
	p.key("ArrowDown") // In progress: none
	p.waitFor(`!document.getElementById("doc-filter-none").hidden`)
	p.clickSel("#doc-filter-clear")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "%s"`, annotate.Count(n)))
	// a document label set on one record, then filtered by
	p.clickDoc("Record 2")
	p.clickSel("#btn-doc-labels")
	p.clickSel(`#doc-labels-menu [data-label="needs-review"]`)
	p.waitFor(`document.querySelectorAll("#doc-tools .dl-chip").length === 1`)
	p.run(chromedp.Focus("#doc-filter-label", chromedp.ByQuery))
	p.key("ArrowDown") // relevant
	p.key("ArrowDown") // opinion
	p.key("ArrowDown") // needs-review
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "1 of %s"`, annotate.Count(n)))
	if r := p.docRows(); len(r) != 1 || r[0].ID != "d0002" || !r[0].Current {
		t.Errorf("rows %+v", r)
	}
	p.clickSel("#doc-filter")
	p.typeText("record")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "1 of %s"`, annotate.Count(n)))
	p.screenshots("docs-manage")

	// under 1101 px the list is a drawer: "Documents" opens it on the
	// filter; a row chosen closes it
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	if p.visible("#doc-filter") {
		t.Errorf("the list shows at 800 px before the drawer is opened")
	}
	p.clickSel("#btn-docs-drawer")
	p.waitFor(`document.activeElement.id === "doc-filter"`)
	p.key("a", input.ModifierCtrl)
	p.typeText("record 9999")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "0 of %s"`, annotate.Count(n))) // the label filter is still on
	p.clickSel("#doc-filter-clear")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "%s"`, annotate.Count(n)))
	p.typeText("record 9999")
	p.waitFor(fmt.Sprintf(`document.getElementById("docs-count").textContent === "1 of %s"`, annotate.Count(n)))
	p.screenshot("docs-manage-drawer-800")
	p.clickSel(`#doc-list .doc-row[data-id="d9999"] button`)
	p.waitFor(`smApp.docId === "d9999"`)
	if p.visible("#doc-filter") {
		t.Errorf("the drawer stays open after a document is chosen")
	}
	p.noErrors()
}
