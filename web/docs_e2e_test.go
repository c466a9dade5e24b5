package web_test

// End-to-end tests of projects of many articles (issue 6): the document
// list, progress and "Mark done", adding articles by pasting and by .txt
// files, per-document undo across switches, and the schema editor (rename
// and remove a label in use). Screenshots go to artifacts/e2e/.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// docRow is one entry of the document list as the page shows it.
type docRow struct {
	ID, Title, Status, Count string
	Current                  bool
}

func (p *Page) docRows() []docRow {
	p.t.Helper()
	var rows []docRow
	p.eval(`[...document.querySelectorAll("#doc-list .doc-row")].map(li => ({
		id: li.dataset.id,
		title: li.querySelector(".t").textContent,
		status: li.querySelector(".badge").textContent,
		count: li.querySelector(".n").textContent,
		current: li.classList.contains("current"),
	}))`, &rows)
	return rows
}

func (p *Page) progress() (value, max float64, text string) {
	p.t.Helper()
	var r struct {
		Value, Max float64
		Text       string
	}
	p.eval(`({value: document.getElementById("doc-progress").value, max: document.getElementById("doc-progress").max,
		text: document.getElementById("doc-progress-text").textContent})`, &r)
	return r.Value, r.Max, r.Text
}

func (p *Page) clickDoc(title string) {
	p.t.Helper()
	// a frame first: the list scrolls to the open document in the frame
	// after a switch, which would undo the scroll below
	p.settle()
	// scrolled to, and clicked once it stays put: a block of rows shown for
	// the first time replaces its estimated height with its real one
	var at struct{ X, Y float64 }
	p.eval(`(async () => {
		const t = [...document.querySelectorAll("#doc-list .doc-row .t")].find(t => t.textContent.trim() === `+jsString(title)+`);
		if (!t) return { x: -1, y: -1 };
		const b = t.closest("button");
		b.scrollIntoView({ block: "center" });
		let last = "", same = 0;
		for (let i = 0; i < 30 && same < 3; i++) {
			await new Promise(r => requestAnimationFrame(r));
			const r = b.getBoundingClientRect(), k = r.x + "," + r.y;
			same = k === last ? same + 1 : 0;
			last = k;
		}
		const r = b.getBoundingClientRect();
		return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
	})()`, &at)
	if at.X < 0 {
		p.t.Fatalf("no document %q in the list", title)
	}
	p.run(chromedp.MouseClickXY(at.X, at.Y))
	p.waitFor(`document.getElementById("doc-title").textContent === ` + jsString(title))
}

func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return `'` + s + `'`
}

func (p *Page) counts(doc string) map[string]int {
	p.t.Helper()
	var c map[string]int
	p.eval(`spanmark.counts(`+jsString(doc)+`)`, &c)
	return c
}

func TestE2EDocumentsAndSchema(t *testing.T) {
	p := openPage(t, "/")

	// --- add an article by pasting: no title given, so the first line ---
	p.run(chromedp.Click("#btn-paste", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("paste").hidden && document.activeElement.id === "paste-text"`)
	p.run(chromedp.SendKeys("#paste-text", "Merkel Visit\nAngela Merkel met Barack Obama in Berlin on Monday.", chromedp.ByQuery))
	p.run(chromedp.Click("#paste-add", chromedp.ByQuery))
	p.waitFor(`document.getElementById("paste").hidden && document.getElementById("doc-title").textContent === "Merkel Visit"`)

	// --- add two .txt articles at once ---
	dir := t.TempDir()
	files := map[string]string{
		"Gulf Report.txt":  "Tehran rejected the claims on Monday.\nThe Navy said the tanker was seized near Hormuz.\n",
		"Second Story.txt": "Reuters reported that talks resumed in Geneva.\n",
	}
	var paths []string
	for _, name := range []string{"Gulf Report.txt", "Second Story.txt"} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, f)
	}
	p.run(chromedp.SetUploadFiles("#txt-file", paths, chromedp.ByQuery))
	p.waitFor(`document.querySelectorAll("#doc-list .doc-row").length === 5`)

	rows := p.docRows()
	var titles []string
	for _, r := range rows {
		titles = append(titles, r.Title)
		if r.Status != "to do" || r.Count != "0 spans" {
			t.Errorf("new row %+v: want status “to do”, 0 spans", r)
		}
	}
	wantTitles := []string{"U.S., Iran Holding Secret Talks to Renew Diplomatic Ties, Times Reports", "Envoys Trade Claims Over Gulf Shipping Lanes", "Merkel Visit", "Gulf Report", "Second Story"}
	if !slices.Equal(titles, wantTitles) {
		t.Fatalf("list titles %q, want %q", titles, wantTitles)
	}
	if !rows[3].Current || rows[3].ID != "gulf-report" {
		t.Errorf("after the upload the first new article should be open and highlighted: %+v", rows)
	}
	var text string
	p.eval(`spanmark.text("gulf-report")`, &text)
	if text != files["Gulf Report.txt"] {
		t.Errorf("uploaded text %q", text)
	}
	if v, m, txt := p.progress(); v != 0 || m != 5 || txt != "0 of 5 documents done" {
		t.Errorf("progress %v/%v %q", v, m, txt)
	}

	// --- per-document undo survives switching documents ---
	p.dragSelect("Tehran", "", 0)
	p.key("3") // GPE
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="gulf-report"] .n').textContent === "1 span"`)
	if r := p.docRows()[3]; r.Status != "in progress" {
		t.Errorf("editing a todo document should make it in progress: %+v", r)
	}
	p.clickDoc("Second Story")
	p.dragSelect("Reuters", "", 0)
	p.key("2") // ORG
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="second-story"] .n').textContent === "1 span"`)
	// the menu's entry too (both are refreshed after the edit's frame)
	var opts string
	p.eval(`[...document.getElementById("doc-select").options].map(o => o.textContent).join("|")`, &opts)
	if !strings.Contains(opts, "Second Story — 1 span") || !strings.Contains(opts, "Gulf Report — 1 span") {
		t.Errorf("document menu after edits in two documents: %q", opts)
	}
	p.clickDoc("Gulf Report")
	p.key("z", input.ModifierCtrl)
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="gulf-report"] .n').textContent === "0 spans"`)
	if a, b := p.counts("gulf-report"), p.counts("second-story"); len(a) != 0 || b["ORG"] != 1 {
		t.Fatalf("Ctrl+Z in Gulf Report: counts %v / %v; want Gulf Report empty, Second Story's ORG kept", a, b)
	}
	if r := p.docRows(); r[3].Status != "to do" || r[4].Status != "in progress" {
		t.Errorf("undoing the first edit makes the document todo again; the other keeps its status: %+v", r[3:])
	}
	if got := p.highlightTexts("sm-GPE"); len(got) != 0 {
		t.Errorf("undone span still painted: %q", got)
	}
	p.key("z", input.ModifierCtrl, input.ModifierShift) // redo: Gulf Report's span is back
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="gulf-report"] .n').textContent === "1 span"`)

	p.screenshot("20-document-list")

	// --- mark done: the button, then Ctrl+Enter; each moves to the next not-done document ---
	p.run(chromedp.Click("#btn-done", chromedp.ByQuery))
	p.waitFor(`smApp.docId === "second-story"`)
	if v, _, txt := p.progress(); v != 1 || txt != "1 of 5 documents done · 1 in progress" {
		t.Errorf("after Mark done: progress %v %q", v, txt)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("Enter", input.ModifierCtrl)
	p.waitFor(`smApp.docId === "iran-us-talks"`) // wraps round to the first not done
	rows = p.docRows()
	if v, _, txt := p.progress(); v != 2 || txt != "2 of 5 documents done" {
		t.Errorf("after Ctrl+Enter: progress %v %q", v, txt)
	}
	if rows[3].Status != "done" || rows[4].Status != "done" || !rows[0].Current {
		t.Errorf("rows after marking two done: %+v", rows)
	}
	var statuses []string
	p.eval(`spanmark.documents().map(d => d.status)`, &statuses)
	if !slices.Equal(statuses, []string{"todo", "todo", "todo", "done", "done"}) {
		t.Errorf("core statuses %q", statuses)
	}
	var help string
	p.eval(`document.getElementById("help-keys").textContent`, &help)
	if !strings.Contains(help, "Alt+↓ / Alt+↑") || !strings.Contains(help, "Ctrl+Enter") {
		t.Errorf("help lacks the document keys: %q", help)
	}

	// --- schema editor: rename a label in use ---
	p.dragSelect("Barack Obama", "", 0)
	p.key("1") // PERSON
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`)
	var nrows int
	p.eval(`document.querySelectorAll("#schema-labels .sl-row").length`, &nrows)
	if nrows != 9 {
		t.Errorf("schema editor lists %d labels, want 9", nrows)
	}
	p.screenshot("21-schema-editor")
	p.run(chromedp.Click(`#sl-PERSON .sl-name`, chromedp.ByQuery))
	p.eval(`document.querySelector("#sl-PERSON .sl-name").select(), true`, nil)
	p.run(chromedp.SendKeys(`#sl-PERSON .sl-name`, "PER", chromedp.ByQuery))
	p.key("Enter")
	p.waitFor(`!document.getElementById("confirm").hidden`)
	var q string
	p.eval(`document.getElementById("confirm-text").textContent`, &q)
	if !strings.Contains(q, "Rename PERSON to PER?") || !strings.Contains(q, "1 span in 1 document will carry the new name") {
		t.Errorf("rename confirm says %q", q)
	}
	p.run(chromedp.Click("#confirm-ok", chromedp.ByQuery))
	p.waitFor(`document.getElementById("confirm").hidden && !!document.getElementById("sl-PER")`)
	f := parseProject(t, p.export())
	var labels []string
	for _, d := range f.Documents {
		for _, s := range d.Spans {
			labels = append(labels, d.ID+":"+s.Label+":"+s.Fragments[0].Text)
		}
	}
	slices.Sort(labels)
	if want := []string{"gulf-report:GPE:Tehran", "iran-us-talks:PER:Barack Obama", "second-story:ORG:Reuters"}; !slices.Equal(labels, want) {
		t.Errorf("exported spans %q, want %q", labels, want)
	}
	var bar []string
	p.eval(`[...document.querySelectorAll("#labels .lbl .name")].map(e => e.textContent)`, &bar)
	if len(bar) != 9 || bar[0] != "PER" {
		t.Errorf("label bar after rename: %q", bar)
	}
	if got := p.highlightTexts("sm-PER"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Errorf("highlight sm-PER = %q after the rename", got)
	}
	if got := p.highlightTexts("sm-PERSON"); len(got) != 0 {
		t.Errorf("stale highlight sm-PERSON = %q", got)
	}

	// --- remove a label in use: the confirm names the count; cancel keeps it, OK removes it ---
	p.run(chromedp.Click(`#sl-ORG button.danger`, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("confirm").hidden`)
	p.eval(`document.getElementById("confirm-text").textContent`, &q)
	if !strings.Contains(q, "Remove label ORG?") || !strings.Contains(q, "this removes 1 span in 1 document") || !strings.Contains(q, "undo history of every document is cleared") {
		t.Errorf("remove confirm says %q", q)
	}
	p.screenshot("22-schema-remove-confirm")
	p.run(chromedp.Click("#confirm-cancel", chromedp.ByQuery))
	p.waitFor(`document.getElementById("confirm").hidden`)
	if c := p.counts("second-story"); c["ORG"] != 1 {
		t.Fatalf("cancel removed the span: %v", c)
	}
	var hasOrg bool
	p.eval(`spanmark.schema().labels.some(l => l.name === "ORG")`, &hasOrg)
	if !hasOrg {
		t.Fatal("cancel removed the label")
	}
	p.run(chromedp.Click(`#sl-ORG button.danger`, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("confirm").hidden`)
	p.run(chromedp.Click("#confirm-ok", chromedp.ByQuery))
	p.waitFor(`document.getElementById("confirm").hidden && !document.getElementById("sl-ORG")`)
	p.eval(`spanmark.schema().labels.some(l => l.name === "ORG")`, &hasOrg)
	if c := p.counts("second-story"); hasOrg || len(c) != 0 {
		t.Errorf("after removing ORG: label kept %v, counts %v", hasOrg, c)
	}
	p.eval(`[...document.querySelectorAll("#labels .lbl .name")].map(e => e.textContent)`, &bar)
	if slices.Contains(bar, "ORG") || len(bar) != 8 {
		t.Errorf("label bar after removal: %q", bar)
	}
	if r := p.docRows(); r[4].Count != "0 spans" {
		t.Errorf("the list still counts the removed span: %+v", r[4])
	}
	p.key("Escape")
	p.waitFor(`document.getElementById("schema").hidden`)
	if d := p.Dialogs(); len(d) != 0 {
		t.Errorf("browser dialogs opened: %q", d)
	}
	p.noErrors()
}

// Bad .txt files are refused, all of them, each named; nothing is added.
func TestE2EAddTextFilesRefused(t *testing.T) {
	p := openPage(t, "/")
	dir := t.TempDir()
	good, empty, bin := filepath.Join(dir, "good.txt"), filepath.Join(dir, "empty.txt"), filepath.Join(dir, "image.txt")
	os.WriteFile(good, []byte("Fine."), 0o644)
	os.WriteFile(empty, []byte("\n \n"), 0o644)
	os.WriteFile(bin, []byte("GIF89a\x00\x01"), 0o644)
	p.run(chromedp.SetUploadFiles("#txt-file", []string{good, empty, bin}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("toasts").textContent.includes("No article added")`)
	var msg string
	p.eval(`document.getElementById("toasts").textContent`, &msg)
	if !strings.Contains(msg, "empty.txt: the file is empty") || !strings.Contains(msg, "image.txt: the file is binary") {
		t.Errorf("toast %q", msg)
	}
	if n := len(p.docRows()); n != 2 {
		t.Errorf("%d documents listed; a refused batch must add none", n)
	}
}
