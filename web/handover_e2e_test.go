package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
)

// The import's hand-over of a large project to the formats module
// (formats.js handOverProject, io.js handOver).

// waitBusy polls a JS boolean expression for up to d, each poll allowed
// as long (waitLong's are 30 s): loading and storing 10,000 records keeps
// the page's thread for longer than that when the machine is loaded.
func (p *Page) waitBusy(js string, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, d)
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok))
		cancel()
		if err != nil {
			p.t.Fatalf("waiting for %s: %v; errors: %v", js, err, p.Errors())
		}
		if ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("timed out after %v waiting for %s; errors: %v", d, js, p.Errors())
}

// evalBusy is eval with as long as d for the answer (see waitBusy).
func (p *Page) evalBusy(js string, out any, d time.Duration) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, d)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, out, func(ep *runtime.EvaluateParams) *runtime.EvaluateParams {
		return ep.WithAwaitPromise(true)
	})); err != nil {
		p.t.Fatalf("evaluating %.60s…: %v; errors: %v", js, err, p.Errors())
	}
}

// openManyDocs opens a project of n records (manyDocsProject) and starts
// counting frames: window.__frames holds performance.now() of each
// animation frame from then on.
func (p *Page) openManyDocs(n int) {
	p.t.Helper()
	p.openFile("records.json", p.manyDocsProject(n))
	p.waitBusy(fmt.Sprintf(`smApp.docId === "d0000" && document.getElementById("docs-count").textContent === "%s"`, annotate.Count(n)), 120*time.Second)
	var ok bool
	p.eval(`(() => {
		window.__frames = [];
		const tick = () => { __frames.push(performance.now()); requestAnimationFrame(tick); };
		requestAnimationFrame(tick);
		return true;
	})()`, &ok)
}

// importDoccano starts an import of three doccano records (ids x1-x3,
// "Tehran" labelled GPE in each) and waits for the dialog's preview.
func (p *Page) importDoccano() {
	p.t.Helper()
	var recs []string
	for i := 1; i <= 3; i++ {
		text := fmt.Sprintf("Imported %d: officials in Tehran denied it.", i)
		at := strings.Index(text, "Tehran")
		b, _ := json.Marshal(map[string]any{"doc_id": fmt.Sprintf("x%d", i), "text": text, "label": [][3]any{{at, at + 6, "GPE"}}})
		recs = append(recs, string(b))
	}
	var ok bool
	p.eval(fmt.Sprintf(`(smApp.io.importFiles([new File([%s], "more.jsonl")]), true)`, jsString(strings.Join(recs, "\n")+"\n")), &ok)
	p.waitBusy(`!smApp.io.busy && document.getElementById("im-summary").textContent !== "" && !document.getElementById("im-append").disabled`, 120*time.Second)
}

// handOverFrames is how many animation frames ran between the hand-over's
// reading of the project from the core and its loading into the formats
// module (sm-handover-read, sm-handover-end), and how many hand-overs
// there were.
func (p *Page) handOverFrames() (frames, handOvers int) {
	var r struct{ Frames, HandOvers int }
	p.eval(`(() => {
		const read = performance.getEntriesByName("sm-handover-read"), end = performance.getEntriesByName("sm-handover-end");
		const a = read.at(-1), b = end.at(-1);
		return {handOvers: performance.getEntriesByName("sm-handover-start").length,
			frames: a && b ? __frames.filter(t => t > a.startTime && t < b.startTime).length : -1};
	})()`, &r)
	return r.Frames, r.HandOvers
}

// An import into a project of 10,000 records: the project goes to the
// formats module once for the import's previews, with frames painted
// between reading it from the core and loading it there (the page kept
// painting; the figures are BenchmarkImportHandOver's), not again when an
// option changes the preview; "Add to project" then gives the exact
// project (every record and span, the imported ones at their offsets)
// without loading the unchanged project into the module again.
func TestE2EImportHandOver(t *testing.T) {
	p := openPage(t, "/")
	const n = 10_000
	p.openManyDocs(n)
	p.importDoccano()
	frames, handOvers := p.handOverFrames()
	if handOvers != 1 || frames < 1 {
		t.Fatalf("after the preview: %d hand-overs, %d frames between reading and loading the project; want 1 and at least 1", handOvers, frames)
	}
	// an option re-runs the preview on the module's copy
	p.run(chromedp.Click("#im-repair", chromedp.ByQuery))
	p.waitBusy(`!smApp.io.busy && smApp.io.shown !== null && !document.getElementById("im-append").disabled`, 60*time.Second)
	if _, handOvers = p.handOverFrames(); handOvers != 1 {
		t.Fatalf("the re-run preview handed the project over again (%d hand-overs)", handOvers)
	}
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.waitBusy(fmt.Sprintf(`document.getElementById("import").hidden && document.getElementById("docs-count").textContent === "%s"`, annotate.Count(n+3)), 120*time.Second)
	// the module still had the project the preview was given: not loaded again
	var reused int
	p.evalBusy(`performance.getEntriesByName("sm-sync-reused").length`, &reused, 180*time.Second)
	if reused != 1 {
		t.Fatalf("the append loaded the unchanged project into the formats module again (sm-sync-reused %d times, want 1)", reused)
	}

	var proj struct {
		Documents []struct {
			ID, Text string
			Spans    []struct {
				Label     string
				Fragments []struct{ Start, End int }
			}
		}
	}
	// (compact, with time: the page stores and lists 10,003 records now)
	var file string
	p.evalBusy(`spanmark.exportProject({compact: true})`, &file, 180*time.Second)
	if err := json.Unmarshal([]byte(file), &proj); err != nil {
		t.Fatal(err)
	}
	if len(proj.Documents) != n+3 {
		t.Fatalf("%d documents after the append, want %d", len(proj.Documents), n+3)
	}
	spans := 0
	for i, d := range proj.Documents {
		spans += len(d.Spans)
		want := 0
		if i < n && i%3 == 0 || i >= n {
			want = 1
		}
		if len(d.Spans) != want {
			t.Fatalf("document %d (%s) has %d spans, want %d", i, d.ID, len(d.Spans), want)
		}
		if want == 1 && i%997 == 0 || i >= n {
			at := []rune(d.Text)
			s := d.Spans[0]
			if f := s.Fragments[0]; s.Label != "GPE" || string(at[f.Start:f.End]) != "Tehran" {
				t.Fatalf("document %s: span %s %+v, want GPE on Tehran", d.ID, s.Label, s.Fragments)
			}
		}
	}
	if want := (n+2)/3 + 3; spans != want {
		t.Fatalf("%d spans after the append, want %d", spans, want)
	}
	if got := proj.Documents[n].ID; got != "x1" {
		t.Fatalf("the first imported document is %s, want x1", got)
	}
	p.noErrors()
}

// BenchmarkImportHandOver: the import of three doccano records into a
// project of 10,000, as TestE2EImportHandOver. Reports the preview's
// hand-over of the project to the formats module: ms-read (the core's
// exportProject), ms-load (the module's loadProject), and the longest gap
// between animation frames from the import's start to its preview shown
// (ms-preview-max-gap: the page's longest freeze); ms-append and
// ms-append-max-gap the same for "Add to project" (syncProject: the core's
// exportProject and, the project unchanged, the undo histories only; then
// stagedProject and the core's importProject: one call each).
func BenchmarkImportHandOver(b *testing.B) {
	p := openPage(b, "/")
	p.openManyDocs(10_000)
	var t0 float64
	p.eval(`performance.now()`, &t0)
	p.importDoccano()
	var pv struct{ Read, Load, Gap, End float64 }
	p.eval(fmt.Sprintf(`(() => {
		const m = n => (performance.getEntriesByName(n).at(-1) || {startTime: NaN}).startTime; // (NaN: code without the marks)
		const fs = __frames.filter(t => t >= %f);
		let gap = 0;
		for (let i = 1; i < fs.length; i++) gap = Math.max(gap, fs[i] - fs[i - 1]);
		return {read: m("sm-handover-read") - m("sm-handover-start"), load: m("sm-handover-end") - m("sm-handover-read"), gap, end: performance.now()};
	})()`, t0), &pv)
	var ok bool
	p.eval(`(() => {
		document.getElementById("im-append").addEventListener("click", () => { window.__a0 = performance.now(); }, true);
		return true;
	})()`, &ok)
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.waitBusy(`document.getElementById("import").hidden && document.getElementById("docs-count").textContent === "10,003"`, 120*time.Second)
	var ap struct{ MS, Gap float64 }
	p.evalBusy(`(async () => {
		await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
		const fs = __frames.filter(t => t >= __a0);
		let gap = fs.length ? fs[0] - __a0 : 0;
		for (let i = 1; i < fs.length; i++) gap = Math.max(gap, fs[i] - fs[i - 1]);
		return {ms: (performance.getEntriesByName("sm-project-shown").at(-1) || {startTime: NaN}).startTime - __a0, gap};
	})()`, &ap, 180*time.Second)
	b.ReportMetric(pv.Read, "ms-read")
	b.ReportMetric(pv.Load, "ms-load")
	b.ReportMetric(pv.Gap, "ms-preview-max-gap")
	b.ReportMetric(ap.MS, "ms-append")
	b.ReportMetric(ap.Gap, "ms-append-max-gap")
	p.noErrors()
}
