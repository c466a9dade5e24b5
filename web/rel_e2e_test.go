package web_test

// Issue 22, "missing basics": statistics, relation types in the schema
// editor, connectors from a claim to its claimant and cue, and dragging a
// span's edges. Real mouse and keyboard input; the state is read back from
// the page and the core.

import (
	"math"
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
