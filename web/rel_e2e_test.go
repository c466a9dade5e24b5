package web_test

// Issue 22, "missing basics": statistics, relation types in the schema
// editor, connectors from a claim to its claimant and cue, and dragging a
// span's edges. Real mouse and keyboard input; the state is read back from
// the page and the core.

import (
	"math"
	"strconv"
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

// arcEnds reads the selected span's connectors: each path's two ends in
// client coordinates, and the client rects of the spans at either end.
type arcEnd struct {
	Type, To, Off string
	From, End     struct{ X, Y float64 }
	Mine, Theirs  []rect
}

func (p *Page) arcEnds() []arcEnd {
	p.t.Helper()
	var out []arcEnd
	p.eval(`(() => {
		const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
		const rects = s => { const f = s.frags, out = []; for (let i = 0; i < f.length; i += 2) for (const r of smApp.view.range(f[i], f[i + 1]).getClientRects()) if (r.width >= 1) out.push(o(r)); return out; };
		const sel = smApp.painter.selected;
		return [...document.querySelectorAll(".relarcs path.relarc")].map(path => {
			const m = path.getScreenCTM(), n = path.getTotalLength();
			const at = l => { const q = path.getPointAtLength(l); const c = new DOMPoint(q.x, q.y).matrixTransform(m); return {x: c.x, y: c.y}; };
			return { type: path.dataset.type, to: path.dataset.to, off: path.dataset.offscreen || "", from: at(0), end: at(n),
				mine: rects(sel), theirs: rects(smApp.spanById(path.dataset.to)) };
		});
	})()`, &out)
	return out
}

// touches says whether point (x, y) is at the top edge of one of rs, within
// its width (a connector ends there), to within tol px.
func touches(x, y float64, rs []rect, tol float64) bool {
	for _, r := range rs {
		if x >= r.Left-tol && x <= r.Right+tol && math.Abs(y-r.Top) <= tol {
			return true
		}
	}
	return false
}

// A claim's claimant and cue drawn as connectors from the claim's nearest
// line to the top of each, following scrolling and rewrapping; a claim in
// two fragments is listed with both and with its offsets fragment by
// fragment.
func TestE2ERelationConnectors(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.labelObamaClaim()
	p.dragSelect("any cooperation between Tehran and Washington on this issue would hinge upon reaching an agreement over Iran's nuclear program", "", input.ModifierAlt)
	p.settle()
	p.linkFirst("c") // claimant: Obama
	p.linkFirst("u") // cue: wrote
	p.settle()
	var ids struct{ Claimant, Cue string }
	p.eval(`(() => { const d = smApp.docId, s = smApp.painter.selected; const rs = spanmark.relationsOf(d, s.id);
		return {claimant: (rs.find(r => r.type === "claimant") || {}).to || "", cue: (rs.find(r => r.type === "cue") || {}).to || ""}; })()`, &ids)
	if ids.Claimant == "" || ids.Cue == "" {
		t.Fatalf("the claim's relations: %+v", ids)
	}
	check := func(when string) {
		t.Helper()
		ends := p.arcEnds()
		if len(ends) != 2 {
			t.Fatalf("%s: %d connectors, want 2 (claimant, cue): %+v", when, len(ends), ends)
		}
		for _, e := range ends {
			want := map[string]string{"claimant": ids.Claimant, "cue": ids.Cue}[e.Type]
			if e.To != want || e.Off != "" {
				t.Errorf("%s: a %s connector to %q (off screen %q), want to %s", when, e.Type, e.To, e.Off, want)
			}
			if !touches(e.From.X, e.From.Y, e.Mine, 2) {
				t.Errorf("%s: the %s connector starts at (%.1f, %.1f), not on top of a line of the claim %+v", when, e.Type, e.From.X, e.From.Y, e.Mine)
			}
			if !touches(e.End.X, e.End.Y, e.Theirs, 2) {
				t.Errorf("%s: the %s connector ends at (%.1f, %.1f), not on top of the %s %+v", when, e.Type, e.End.X, e.End.Y, e.Type, e.Theirs)
			}
		}
	}
	check("after linking")
	p.screenshots("rel-connectors")
	// a scroll with the mouse wheel: the connectors move with the text
	var before float64
	p.eval(`smApp.scroller.scrollTop`, &before)
	p.run(chromedp.MouseEvent(input.MouseMoved, 600, 400), chromedp.MouseEvent(input.MouseWheel, 600, 400, func(m *input.DispatchMouseEventParams) *input.DispatchMouseEventParams {
		return m.WithDeltaX(0).WithDeltaY(-60)
	}))
	p.waitFor(`smApp.scroller.scrollTop !== ` + strconvF(before))
	p.settle()
	check("after scrolling")
	// narrower: the text rewraps, the connectors are drawn again
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	p.settle()
	// the claim back in view, with its claimant (a scroll, as after any resize)
	p.eval(`(() => { const v = smApp.view, r = v.range(v.text.indexOf("reported that Obama"), v.text.indexOf("reported that Obama") + 1).getBoundingClientRect();
		const sb = smApp.scroller.getBoundingClientRect(); smApp.scroller.scrollTop += r.top - sb.top - 80; return true; })()`, new(bool))
	p.settle()
	p.settle()
	check("at 800 px")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.settle()

	// the claims panel: both fragments, and the offsets fragment by fragment
	var cl struct {
		Frags    []string
		Off, Sel string
		Want     string
	}
	p.eval(`(() => { const s = smApp.painter.selected, f = s.fragsCP; const b = document.querySelector("#claims .claim");
		return { frags: [...b.querySelectorAll(".claim-frag")].map(q => q.textContent), off: b.querySelector(".claim-off").textContent,
			sel: document.getElementById("sel-info").textContent, want: f[0] + "–" + f[1] + ", " + f[2] + "–" + f[3] }; })()`, &cl)
	if len(cl.Frags) != 2 || !strings.HasPrefix(cl.Frags[0], "the two nations") || !strings.HasPrefix(cl.Frags[1], "any cooperation") {
		t.Errorf("the claims panel shows %q", cl.Frags)
	}
	if cl.Off != cl.Want || !strings.HasSuffix(cl.Sel, cl.Want) {
		t.Errorf("offsets read %q in the claims panel and %q in the status bar, want %q (fragment by fragment)", cl.Off, cl.Sel, cl.Want)
	}
	// selecting the claimant shows the claim's connector, pointing at it
	p.clickText("Obama", "reported that Obama sent")
	p.settle()
	ends := p.arcEnds()
	if len(ends) != 1 || ends[0].Type != "claimant" || !touches(ends[0].From.X, ends[0].From.Y, ends[0].Mine, 2) {
		t.Errorf("with the claimant selected: %+v", ends)
	}
	// no span selected: nothing drawn
	p.key("Escape")
	p.settle()
	if n := len(p.arcEnds()); n != 0 {
		t.Errorf("%d connectors with nothing selected", n)
	}
	p.noErrors()
}

// Right-to-left text: a connector ends on the Persian name, within its rect.
func TestE2ERelationConnectorsRTL(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt)
	p.waitFor(`smApp.docId === "gulf-shipping-multilingual"`)
	p.dragSelect("ناصر کنعانی", "", 0)
	p.key("1") // PERSON
	p.dragSelect("no tanker was seized in international waters", "", 0)
	p.key("7")
	p.settle()
	p.key("c")
	p.waitFor(`!!document.querySelector("#link-pop .cand")`)
	p.key("1")
	p.settle()
	p.settle()
	ends := p.arcEnds()
	if len(ends) != 1 {
		t.Fatalf("%d connectors: %+v", len(ends), ends)
	}
	var persian []rect
	p.eval(`(() => { const v = smApp.view, at = v.text.indexOf("ناصر کنعانی"); return [...v.range(at, at + "ناصر کنعانی".length).getClientRects()].map(r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height})); })()`, &persian)
	if !touches(ends[0].End.X, ends[0].End.Y, persian, 2) {
		t.Errorf("the claimant connector ends at (%.1f, %.1f), not on the Persian name %+v", ends[0].End.X, ends[0].End.Y, persian)
	}
	p.screenshots("rel-connectors-rtl")
	p.noErrors()
}

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Dragging the selected span's edges with the mouse: the handles sit at
// the span's start and end; a drop inside a word takes the whole word (the
// core's snapping), each drag is one undo step, Esc cancels a drag, and in
// character mode the drop is exact.
func TestE2EDragSpanEdges(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.dragSelect("Iran", "U.S., Iran Holding", 0)
	p.key("3") // GPE, selected
	p.settle()
	p.settle()
	type handle struct {
		X, Y, KnobX, KnobY float64
		Shown              bool
	}
	var hs struct {
		Start, End  handle
		First, Last rect
		Frags       []int
		Text        string
		Undo        bool
	}
	read := func() {
		p.eval(`(() => {
			const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
			const hd = e => { if (!e || e.hidden) return {shown: false}; const r = e.getBoundingClientRect(), k = getComputedStyle(e, "::after");
				const kt = e.classList.contains("start") ? r.top - 11 : r.bottom + 11 - 10;
				return {shown: true, x: r.left + r.width / 2, y: r.top + r.height / 2, knobX: r.left + r.width / 2, knobY: kt + 5}; };
			const s = smApp.painter.selected, f = s.frags;
			return { start: hd(document.querySelector(".edge-handle.start")), end: hd(document.querySelector(".edge-handle.end")),
				first: o(smApp.view.range(f[0], f[0] + 1).getClientRects()[0]), last: o(smApp.view.range(f[f.length - 1] - 1, f[f.length - 1]).getClientRects()[0]),
				frags: s.fragsCP, text: s.text.join("|"), undo: !document.getElementById("btn-undo").disabled };
		})()`, &hs)
	}
	read()
	if !hs.Start.Shown || !hs.End.Shown {
		t.Fatalf("handles shown: start %v, end %v", hs.Start.Shown, hs.End.Shown)
	}
	if math.Abs(hs.Start.X-hs.First.Left) > 1.5 || math.Abs(hs.End.X-hs.Last.Right) > 1.5 {
		t.Errorf("handles at x %.1f and %.1f, the span's edges at %.1f and %.1f", hs.Start.X, hs.End.X, hs.First.Left, hs.Last.Right)
	}
	// a point inside the n-th character of needle (found after within)
	charAt := func(needle, within string, k int) (x, y float64) {
		var r rect
		p.eval(`(() => { const v = smApp.view, at = v.text.indexOf(`+jsString(needle)+`, v.text.indexOf(`+jsString(within)+`)) + `+itoa(k)+`;
			const r = v.range(at, at + 1).getClientRects()[0]; return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })()`, &r)
		return r.Left + r.Width*0.3, r.Top + r.Height/2
	}
	drag := func(fromX, fromY, toX, toY float64, beforeRelease func()) {
		steps := []chromedp.Action{
			chromedp.MouseEvent(input.MouseMoved, fromX, fromY),
			chromedp.MouseEvent(input.MousePressed, fromX, fromY, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		}
		for i := 1; i <= 4; i++ {
			f := float64(i) / 4
			steps = append(steps, chromedp.MouseEvent(input.MouseMoved, fromX+(toX-fromX)*f, fromY+(toY-fromY)*f, chromedp.ButtonLeft))
		}
		p.run(steps...)
		p.settle()
		if beforeRelease != nil {
			beforeRelease()
		}
		p.run(chromedp.MouseEvent(input.MouseReleased, toX, toY, chromedp.ButtonLeft, chromedp.ClickCount(1)))
		p.settle()
		p.settle()
	}
	// the end, by its knob, into the middle of "Secret": the whole word
	x, y := charAt("Secret", "U.S., Iran Holding", 2)
	drag(hs.End.KnobX, hs.End.KnobY, x, y, func() {
		var preview string
		p.eval(`[...CSS.highlights.get("sm--flash")].map(r => smApp.view.text.slice(smApp.view.offsetOf(r.startContainer, r.startOffset), smApp.view.offsetOf(r.endContainer, r.endOffset))).join("|")`, &preview)
		if preview != "Iran Holding Secret" {
			t.Errorf("while dragging the span shows as %q, want the snapped \"Iran Holding Secret\"", preview)
		}
	})
	read()
	if hs.Text != "Iran Holding Secret" {
		t.Fatalf("after dragging the end into \"Secret\": %q", hs.Text)
	}
	if math.Abs(hs.End.X-hs.Last.Right) > 1.5 {
		t.Errorf("the end handle at %.1f, the span's end at %.1f", hs.End.X, hs.Last.Right)
	}
	// the start, by its bar, into "Holding"
	x, y = charAt("Holding", "U.S., Iran Holding", 3)
	drag(hs.Start.X, hs.Start.Y, x, y, nil)
	read()
	if hs.Text != "Holding Secret" {
		t.Fatalf("after dragging the start into \"Holding\": %q", hs.Text)
	}
	// one undo step per drag
	p.key("z", input.ModifierCtrl)
	p.settle()
	read()
	if hs.Text != "Iran Holding Secret" {
		t.Errorf("one undo after two drags: %q, want \"Iran Holding Secret\"", hs.Text)
	}
	// Esc cancels a drag
	x, y = charAt("Talks", "U.S., Iran Holding", 2)
	drag(hs.End.KnobX, hs.End.KnobY, x, y, func() { p.key("Escape") })
	read()
	if hs.Text != "Iran Holding Secret" {
		t.Errorf("after a cancelled drag: %q", hs.Text)
	}
	// dragging past the other edge is refused, and says so
	x, y = charAt("U.S.", "U.S., Iran Holding", 0)
	drag(hs.End.KnobX, hs.End.KnobY, x, y, nil)
	read()
	if hs.Text != "Iran Holding Secret" || !strings.Contains(p.text("status"), "empty") {
		t.Errorf("the end dragged before the start: %q, status %q", hs.Text, p.text("status"))
	}
	// character mode: exact, to the character boundary under the pointer
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("w")
	p.settle()
	read()
	x, y = charAt("Secret", "U.S., Iran Holding", 3) // left part of the "r": the edge before it
	drag(hs.End.KnobX, hs.End.KnobY, x, y, nil)
	read()
	if hs.Text != "Iran Holding Sec" {
		var st string
		p.eval(`smApp.snap + " | " + document.getElementById("status").textContent`, &st)
		t.Errorf("a character-mode drag: %q, want \"Iran Holding Sec\" (%s)", hs.Text, st)
	}
	p.screenshots("rel-drag-edges")
	var docID string
	p.eval(`smApp.docId`, &docID)
	for _, d := range parseProject(t, p.export()).Documents {
		if d.ID == docID && (len(d.Spans) != 1 || d.Spans[0].Fragments[0].Text != "Iran Holding Sec") {
			t.Errorf("exported spans %+v", d.Spans)
		}
	}
	// another document: no handle of the previous one's span is left over its text
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt)
	p.waitFor(`smApp.docId !== ` + jsString(docID))
	p.settle()
	var left int
	p.eval(`[...document.querySelectorAll(".edge-handle")].filter(e => !e.hidden).length`, &left)
	if left != 0 {
		t.Errorf("%d edge handles still shown after opening another document", left)
	}
	p.noErrors()
}

// labelObamaClaim labels, in the sample article, "Obama" (PERSON), "wrote"
// (CUE) and the claim Obama wrote (CLAIM), which is left selected.
func (p *Page) labelObamaClaim() {
	p.dragSelect("Obama", "reported that Obama sent", 0)
	p.key("1") // PERSON
	p.dragSelect("wrote", "in which he wrote", 0)
	p.key("9") // CUE
	p.dragSelect("the two nations have shared interests in fighting the Islamic State group in Iraq and Syria", "", 0)
	p.key("7") // CLAIM, selected
	p.settle()
}

// linkFirst presses a link key (c: claimant, u: cue) on the selected claim
// and picks the first candidate with the key 1.
func (p *Page) linkFirst(key string) {
	p.key(key)
	p.waitFor(`!!document.querySelector("#link-pop:not([hidden]) .cand")`)
	p.key("1")
	p.settle()
}
