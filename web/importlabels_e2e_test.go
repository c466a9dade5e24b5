package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// importLabelRows is what the import dialog's label mapping shows: one
// "name=chosen value" per row, and the focused row's label.
func (p *Page) importLabelRows() (rows []string, focused string) {
	p.t.Helper()
	var r struct {
		Rows    []string
		Focused string
	}
	p.eval(`(() => {
		const sels = [...document.querySelectorAll("#im-labels select")];
		const a = document.activeElement;
		return {rows: sels.map(s => s.dataset.label + "=" + s.value), focused: a && a.dataset ? a.dataset.label || "" : ""};
	})()`, &r)
	return r.Rows, r.Focused
}

// TestE2EImportLabelMapping: a doccano file whose labels are near-duplicates
// of the schema's. The dialog lists them with the core's proposals chosen
// (Person → PERSON, ORGANIZATION → ORG, LOCATION → LOC; Widget new); the
// person takes LOCATION back to a label of its own by keyboard, the preview
// follows, and "Add to project" adds the mapped spans. The record's doccano
// meta travels with the document into the project and out of the export.
func TestE2EImportLabelMapping(t *testing.T) {
	p, _, _ := openGolden(t)
	file := filepath.Join(t.TempDir(), "labels.jsonl")
	data := `{"text": "Alice Smith joined Acme Corp in Paris.", "label": [[0, 11, "Person"], [19, 28, "ORGANIZATION"], [32, 37, "LOCATION"], [0, 5, "Widget"]], "meta": {"wikiPageID": 7, "score": 1.0}}` + "\n" +
		`{"text": "Bob met Alice.", "label": [[0, 3, "Person"]]}` + "\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	d := p.upload(file)
	if d.Errors != "" || !d.AppendEnabled {
		t.Fatalf("preview: %+v", d)
	}
	rows, _ := p.importLabelRows()
	if want := "Person=PERSON ORGANIZATION=ORG LOCATION=LOC Widget="; strings.Join(rows, " ") != want {
		t.Fatalf("rows %q, want %s", rows, want)
	}
	var head, options string
	p.eval(`document.querySelector("#im-labels h3").textContent`, &head)
	p.eval(`[...document.querySelector("#im-labels select[data-label=LOCATION]").options].slice(0, 5).map(o => o.textContent).join("|")`, &options)
	if head != "4 labels of the file are not in the schema" || options != "Add as a new label|Map to PERSON|Map to ORG|Map to GPE|Map to LOC (suggested)" {
		t.Errorf("heading %q, options %q", head, options)
	}
	if !strings.Contains(d.Report, "labels mapped to the schema's: LOCATION → LOC (1 span), ORGANIZATION → ORG (1 span), Person → PERSON (2 spans)") ||
		!strings.Contains(d.Report, "labels added to the schema (entity layer): Widget") {
		t.Fatalf("report:\n%s", d.Report)
	}
	p.screenshot("io-import-labels")

	// Keyboard: focus LOCATION's menu and type "a" (its first option,
	// "Add as a new label"); the preview runs again with that choice.
	p.run(chromedp.Focus(`#im-labels select[data-label=LOCATION]`, chromedp.ByQuery))
	p.key("a")
	var report string
	for i := 0; i < 100; i++ {
		p.eval(`document.getElementById("im-report").innerText`, &report)
		if strings.Contains(report, "labels added to the schema (entity layer): LOCATION, Widget") {
			break
		}
		p.settle()
	}
	if !strings.Contains(report, "labels mapped to the schema's: ORGANIZATION → ORG (1 span), Person → PERSON (2 spans)") ||
		!strings.Contains(report, "labels added to the schema (entity layer): LOCATION, Widget") {
		t.Fatalf("report after the choice:\n%s", report)
	}
	rows, focused := p.importLabelRows()
	if want := "Person=PERSON ORGANIZATION=ORG LOCATION= Widget="; strings.Join(rows, " ") != want || focused != "LOCATION" {
		t.Fatalf("rows %q (focus on %q), want %s with the focus kept on LOCATION", rows, focused, want)
	}

	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.settle()
	out := p.export()
	pf := parseProject(t, out)
	var got []string
	for _, doc := range pf.Documents[len(pf.Documents)-2:] {
		for _, s := range doc.Spans {
			got = append(got, s.Label+":"+s.Fragments[0].Text)
		}
	}
	if want := "PERSON:Alice Smith Widget:Alice ORG:Acme Corp LOCATION:Paris PERSON:Bob"; strings.Join(got, " ") != want {
		t.Errorf("imported spans %q, want %s", got, want)
	}
	var labels []string
	p.eval(`spanmark.schema().labels.map(l => l.name)`, &labels)
	all := strings.Join(labels, " ")
	if strings.Contains(all, "Person") || strings.Contains(all, "ORGANIZATION") || !strings.Contains(all, "LOCATION") || !strings.Contains(all, "Widget") {
		t.Errorf("schema labels %q", labels)
	}
	// the doccano meta is kept with the document (the project file)
	if !strings.Contains(out, `"extra": {"meta":{"wikiPageID":7,"score":1.0}}`) || pf.Version != 3 {
		t.Errorf("the project file (version %d) lacks the record's meta", pf.Version)
	}
	// and written back by the page's doccano export
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
		chromedp.WaitVisible("#export-menu .menu-item", chromedp.ByQuery),
		chromedp.Click(`#export-menu .menu-item[data-format="doccano"]`, chromedp.ByQuery))
	if dl := string(p.waitDownload()); !strings.Contains(dl, `"relations":[],"meta":{"wikiPageID":7,"score":1.0}}`) {
		t.Errorf("doccano export lacks the meta:\n%s", dl)
	}
	p.noErrors()
}
