package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// manyDocsProject is a project of n short records (ids d0000…, titles
// "Record N", a GPE span on "Tehran" in every third), with the schema of
// the project open in p.
func (p *Page) manyDocsProject(n int) []byte {
	var cur struct{ Schema json.RawMessage }
	if err := json.Unmarshal([]byte(p.export()), &cur); err != nil {
		p.t.Fatalf("the exported project: %v", err)
	}
	var docs []any
	for i := range n {
		text := fmt.Sprintf("Record %d: the minister said talks would continue next week in Tehran while officials denied any deal.", i)
		spans := []any{}
		if i%3 == 0 {
			at := strings.Index(text, "Tehran")
			spans = append(spans, map[string]any{"id": "s1", "label": "GPE", "fragments": []any{map[string]any{"start": at, "end": at + 6, "text": "Tehran"}}})
		}
		docs = append(docs, map[string]any{"id": fmt.Sprintf("d%04d", i), "title": fmt.Sprintf("Record %d", i), "meta": map[string]any{},
			"status": "todo", "text": text, "spans": spans, "relations": []any{}})
	}
	b, err := json.Marshal(map[string]any{"format": "spanmark", "version": 1, "schema": cur.Schema, "documents": docs})
	if err != nil {
		panic(err)
	}
	return b
}

// A project of 1,050 records: the list shows every one, in order, in blocks
// of at most 100 rows (built when idle after the first; one element per
// row, laid out and checked against the screen in every frame, made a
// switch take 140 ms with 10,000 records); Alt+↓, a click on a row far
// down, and an edit keep the rows right.
func TestE2EManyDocuments(t *testing.T) {
	p := openPage(t, "/")
	const n = 1050
	p.openFile("records.json", p.manyDocsProject(n))
	p.waitFor(`smApp.docId === "d0000"`)
	p.waitFor(fmt.Sprintf(`document.querySelectorAll("#doc-list .doc-row").length === %d`, n))

	rows := p.docRows()
	for i, r := range rows {
		want := docRow{ID: fmt.Sprintf("d%04d", i), Title: fmt.Sprintf("Record %d", i), Status: "to do", Count: "0 spans", Current: i == 0}
		if i%3 == 0 {
			want.Count = "1 span"
		}
		if r != want {
			t.Fatalf("row %d is %+v, want %+v", i, r, want)
		}
	}
	var blocks []int
	p.eval(`[...document.querySelectorAll("#doc-list > .doc-chunk")].map(c => c.querySelectorAll(".doc-row").length)`, &blocks)
	if len(blocks) != 11 || blocks[0] != 100 || blocks[10] != 50 {
		t.Errorf("rows per block %v, want 10 blocks of 100 and one of 50", blocks)
	}

	// Alt+↓ three times from the article
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	for range 3 {
		p.key("ArrowDown", input.ModifierAlt)
	}
	p.waitFor(`smApp.docId === "d0003"`)
	current := func() []string {
		var ids []string
		p.eval(`[...document.querySelectorAll("#doc-list .doc-row.current")].map(li => li.dataset.id + (li.querySelector("button").getAttribute("aria-current") === "true" ? "" : " (no aria-current)"))`, &ids)
		return ids
	}
	if c := current(); len(c) != 1 || c[0] != "d0003" {
		t.Errorf("current rows %v, want [d0003]", c)
	}

	// a click on a row far down the list opens it; labelling there updates its row
	p.clickDoc("Record 1040")
	if c := current(); len(c) != 1 || c[0] != "d1040" {
		t.Errorf("current rows %v, want [d1040]", c)
	}
	p.dragSelect("minister", "", 0)
	p.key("1")
	p.waitFor(`document.querySelector('#doc-list .doc-row[data-id="d1040"] .n').textContent === "1 span"`)
	p.screenshot("many-documents")
	p.noErrors()
}
