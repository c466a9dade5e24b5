package web_test

// Issue 22, "missing basics": statistics, relation types in the schema
// editor, connectors from a claim to its claimant and cue, and dragging a
// span's edges. Real mouse and keyboard input; the state is read back from
// the page and the core.

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The Stats button loads stats.js on first use (not before) and draws the
// core's counts: a bar per label as long as its share, a stacked bar per
// document, and the documents done / in progress / todo.
func TestE2EStatsChart(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.dragSelect("Javad Zarif", "", 0)
	p.key("1") // PERSON
	p.dragSelect("Obama", "reported that Obama sent", 0)
	p.key("1")
	p.dragSelect("Tehran", "", 0)
	p.key("3") // GPE
	p.settle()
	var first string
	p.eval(`smApp.docId`, &first)
	p.key("Enter", input.ModifierCtrl) // done; the next document opens
	p.waitFor(`smApp.docId !== ` + jsString(first))
	p.settle()
	var loaded bool
	p.eval(`performance.getEntriesByType("resource").some(e => e.name.endsWith("/stats.js"))`, &loaded)
	if loaded {
		t.Fatal("stats.js was loaded before the Stats button was pressed")
	}
	p.run(chromedp.Click("#btn-stats", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden && !!document.querySelector('#stats [data-chart="labels"] .stats-row')`)
	p.eval(`performance.getEntriesByType("resource").some(e => e.name.endsWith("/stats.js"))`, &loaded)
	if !loaded {
		t.Error("stats.js was not loaded from its own file")
	}
	type row struct {
		Name  string
		Count int
		Width float64
	}
	var got struct {
		Labels   []row
		Docs     []row
		Segments map[string]map[string]int
		Status   map[string]int
		Core     map[string]map[string]int // spanmark.counts of each document
		Statuses map[string]string
	}
	p.eval(`(() => {
		const box = document.getElementById("stats");
		const rows = sel => [...box.querySelectorAll(sel)].map(g => ({
			name: g.dataset.label || g.dataset.doc, count: Number(g.dataset.count),
			width: [...g.querySelectorAll("rect")].reduce((a, r) => a + r.getBoundingClientRect().width, 0) }));
		const segments = {};
		for (const g of box.querySelectorAll('[data-chart="documents"] .stats-row')) {
			segments[g.dataset.doc] = {};
			for (const r of g.querySelectorAll("rect")) segments[g.dataset.doc][r.dataset.label] = Number(r.dataset.count);
		}
		const status = {};
		for (const r of box.querySelectorAll('[data-chart="progress"] rect')) status[r.dataset.status] = Number(r.dataset.count);
		const core = {}, statuses = {};
		for (const d of spanmark.documents()) { core[d.id] = spanmark.counts(d.id); statuses[d.id] = d.status; }
		return { labels: rows('[data-chart="labels"] .stats-row'), docs: rows('[data-chart="documents"] .stats-row'), segments, status, core, statuses };
	})()`, &got)
	// per label: the core's counts summed over the documents, in schema order
	want := map[string]int{}
	for _, c := range got.Core {
		for k, n := range c {
			want[k] += n
		}
	}
	if want["PERSON"] != 2 || want["GPE"] != 1 {
		t.Fatalf("the core counts %v after labelling 2 PERSON and 1 GPE", want)
	}
	var person, gpe row
	for _, r := range got.Labels {
		if r.Count != want[r.Name] {
			t.Errorf("label %s: the chart says %d, the core %d", r.Name, r.Count, want[r.Name])
		}
		switch r.Name {
		case "PERSON":
			person = r
		case "GPE":
			gpe = r
		}
		if r.Count == 0 && r.Width > 0.5 {
			t.Errorf("label %s has no span but a bar %.1f px wide", r.Name, r.Width)
		}
	}
	if len(got.Labels) < 5 || got.Labels[0].Name != "PERSON" {
		t.Errorf("label rows %+v: want every label, in schema order", got.Labels)
	}
	if person.Width <= 0 || math.Abs(person.Width/gpe.Width-2) > 0.1 {
		t.Errorf("PERSON's bar is %.1f px, GPE's %.1f px: want twice as long (2 spans to 1)", person.Width, gpe.Width)
	}
	// per document: bars and their segments are the core's per-document counts
	if len(got.Docs) != len(got.Core) {
		t.Fatalf("%d document rows for %d documents", len(got.Docs), len(got.Core))
	}
	for _, d := range got.Docs {
		total := 0
		for _, n := range got.Core[d.Name] {
			total += n
		}
		if d.Count != total {
			t.Errorf("document %s: %d spans in the chart, %d in the core", d.Name, d.Count, total)
		}
		for k, n := range got.Core[d.Name] {
			if got.Segments[d.Name][k] != n {
				t.Errorf("document %s, %s: segment %d, core %d", d.Name, k, got.Segments[d.Name][k], n)
			}
		}
	}
	if got.Docs[0].Name != first || got.Docs[0].Count != 3 {
		t.Errorf("first document row %+v, want %s with 3 spans (most annotated first)", got.Docs[0], first)
	}
	// progress: one done, the other todo (nothing edited in it yet)
	nst := map[string]int{}
	for _, s := range got.Statuses {
		nst[s]++
	}
	if got.Status["done"] != 1 || got.Status["done"] != nst["done"] || got.Status["todo"] != nst["todo"] || got.Status["inProgress"] != nst["in_progress"] {
		t.Errorf("progress bar %v, documents %v", got.Status, got.Statuses)
	}
	p.screenshots("rel-stats")
	p.key("Escape")
	p.waitFor(`document.getElementById("stats").hidden`)
	// a second opening shows what changed since: counted again by the core
	p.dragSelect("Jerusalem", "In Jerusalem", 0)
	p.key("3")
	p.settle()
	p.run(chromedp.Click("#btn-stats", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden`)
	var n int
	p.eval(`Number(document.querySelector('#stats [data-chart="labels"] [data-label="GPE"]').dataset.count)`, &n)
	if n != 2 {
		t.Errorf("after labelling another GPE the chart says %d GPE spans, want 2", n)
	}
	p.noErrors()
}

// Relation types in the schema dialog: added from the form, renamed (the
// count of relations that follow is asked first), their ends narrowed (the
// relations that no longer fit are counted, then removed) and removed;
// claimant and cue keep their names.
func TestE2ESchemaRelationTypes(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.dragSelect("Obama", "reported that Obama sent", 0)
	p.key("1") // PERSON
	p.dragSelect("Tehran", "", 0)
	p.key("3") // GPE
	p.settle()
	schemaRel := func(name string) (from, to []string, ok bool) {
		var r struct {
			From, To []string
			Ok       bool
		}
		p.eval(`(() => { const r = spanmark.schema().relations.find(r => r.name === `+jsString(name)+`); return r ? {from: r.from, to: r.to, ok: true} : {ok: false}; })()`, &r)
		return r.From, r.To, r.Ok
	}
	typeIn := func(sel, text string) {
		p.run(chromedp.Click(sel, chromedp.ByQuery))
		p.key("a", input.ModifierCtrl)
		p.run(chromedp.KeyEvent(text))
	}
	confirm := func(want ...string) {
		t.Helper()
		p.waitFor(`!document.getElementById("confirm").hidden`)
		q := p.text("confirm-text")
		for _, w := range want {
			if !strings.Contains(q, w) {
				t.Errorf("the question %q does not say %q", q, w)
			}
		}
		p.run(chromedp.Click("#confirm-ok", chromedp.ByQuery))
		p.waitFor(`document.getElementById("confirm").hidden`)
		p.settle()
	}
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`)
	typeIn("#sr-new-name", "visits")
	typeIn("#sr-new-from", "PERSON")
	typeIn("#sr-new-to", "GPE, LOC")
	p.key("Enter")
	p.waitFor(`!!document.querySelector('#schema-rels [data-relation="visits"]')`)
	if from, to, ok := schemaRel("visits"); !ok || strings.Join(from, ",") != "PERSON" || strings.Join(to, ",") != "GPE,LOC" {
		t.Fatalf("added relation type: %v → %v (%v)", from, to, ok)
	}
	// a bad end is refused at its field, in plain words
	typeIn("#sr-new-name", "near")
	typeIn("#sr-new-from", "PERSON")
	typeIn("#sr-new-to", "PLACE")
	p.key("Enter")
	p.settle()
	var bad struct{ Msg, Invalid string }
	p.eval(`({msg: document.getElementById("schema-error").textContent, invalid: document.activeElement.id})`, &bad)
	if !strings.Contains(bad.Msg, "PLACE") || bad.Invalid != "sr-new-to" {
		t.Errorf("an unknown label at the end: %q, focus on %q", bad.Msg, bad.Invalid)
	}
	if _, _, ok := schemaRel("near"); ok {
		t.Error("a refused relation type was added")
	}
	p.run(chromedp.Click("#schema-close", chromedp.ByQuery))

	// one relation of the new type, linked from the side panel
	p.clickText("Obama", "reported that Obama sent")
	p.settle()
	p.run(chromedp.Click("#link-visits", chromedp.ByQuery))
	p.waitFor(`!!document.querySelector("#link-pop .cand")`)
	p.key("1")
	p.settle()
	var rels []struct{ Type string }
	readRels := func() {
		p.eval(`(() => { const d = smApp.docId; return spanmark.documents().filter(x => x.id === d).flatMap(() =>
			spanmark.spansIn(d, 0, smApp.view.length).flatMap(s => spanmark.relationsOf(d, s.id).filter(r => r.from === s.id))) })()`, &rels)
	}
	readRels()
	if len(rels) != 1 || rels[0].Type != "visits" {
		t.Fatalf("relations after linking: %+v", rels)
	}

	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`)
	var n string
	p.eval(`document.querySelector('#schema-rels [data-relation="visits"] .sl-n').textContent`, &n)
	if n != "1 relation" {
		t.Errorf("the visits row says %q, want 1 relation", n)
	}
	// rename: asked with the count, then every relation carries the new name
	typeIn(`#schema-rels [data-relation="visits"] .sl-name`, "visited")
	p.key("Enter")
	confirm("Rename relation type visits to visited", "1 relation in 1 document")
	if _, _, ok := schemaRel("visited"); !ok {
		t.Fatal("not renamed")
	}
	readRels()
	if len(rels) != 1 || rels[0].Type != "visited" {
		t.Fatalf("relations after the rename: %+v", rels)
	}
	var has bool
	p.eval(`!!document.getElementById("link-visited")`, &has) // the side panel follows
	if !has {
		t.Error("the side panel still offers the old relation type")
	}
	// claimant cannot be renamed: its name field is read-only
	var ro bool
	p.eval(`document.querySelector('#schema-rels [data-relation="claimant"] .sl-name').readOnly`, &ro)
	if !ro {
		t.Error("claimant's name is editable")
	}
	// narrowing "from" to ORG: the PERSON → GPE relation no longer fits
	typeIn(`#schema-rels [data-relation="visited"] [aria-label="From labels of visited"]`, "ORG")
	p.key("Enter")
	confirm("1 relation in 1 document no longer fits and is removed", "undo history of every document is cleared")
	if from, _, _ := schemaRel("visited"); strings.Join(from, ",") != "ORG" {
		t.Errorf("from is %v, want ORG", from)
	}
	readRels()
	if len(rels) != 0 {
		t.Errorf("relations after narrowing: %+v", rels)
	}
	p.screenshots("rel-schema-relations")
	// remove it
	p.run(chromedp.EmulateViewport(1400, 900))
	for { // the last notice's toast lies over the dialog's foot: dismissed as a person would
		var n int
		if p.eval(`document.querySelectorAll("#toasts .toast").length`, &n); n == 0 {
			break
		}
		p.run(chromedp.Click("#toasts .toast .x", chromedp.ByQuery))
	}
	p.run(chromedp.Click(`#schema-rels [data-relation="visited"] .danger`, chromedp.ByQuery))
	confirm("Remove relation type visited?", "No relation uses it")
	if _, _, ok := schemaRel("visited"); ok {
		t.Error("not removed")
	}
	p.noErrors()
}
