package web_test

// Start-up benchmarks (issue 24): navigation start → interactive, cold
// (a fresh browser context per load: no HTTP cache, no compiled-code cache,
// no service worker, no saved project) and on a second visit (the same
// context again: service worker, HTTP cache and the compiled-code cache
// allowed, the project restored from autosave), for the short and the long
// articles a person opens.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// BenchmarkColdLoad: the sample articles (no ?project), a 5,000-character
// article with 50 spans, 100,000 characters with 1,000 spans and 1,000,000
// with 10,000, each opened from a project file. Interactive is the page's
// sm-interactive mark (app.js): the article's text shown, the spans in view
// highlighted, in the first frame painted after them; each load then checks
// that this holds and that a label key adds a span.
//
// Reports (ms from navigation start; medians of 5 loads):
//
//   - ms-interactive: cold; ms-interactive-max the slowest of the 5;
//     ms-interactive-after-html from the HTML's last byte (without the
//     browser's own start, which varies most on a loaded machine);
//   - ms-text-shown (the samples): the article's text on the page, before
//     the core is ready (preview.js);
//   - ms-second-visit: the same URL opened again by the same browser and
//     profile, after the first visit made its offline copy (service worker,
//     Cache Storage) and had 3 s to store the wasm's compiled code; the
//     project then comes back from autosave;
//   - ms-html, ms-script, ms-wasm-bytes: when the HTML, spanmark.js and
//     spanmark.wasm had arrived (responseEnd), cold;
//   - ms-api-ready: the Go core answering (compiled, instantiated, main
//     run); ms-second-api-ready the same on the second visit;
//   - KB-before-interactive: bytes on the wire for the requests started
//     before interactive (headers included; the wasm and the page are
//     brotli-compressed by the server, the test projects are not).
//
// Each load starts a Chromium of its own (~20 s a load with the second
// visit). SPANMARK_COLD_LOADS=n changes the number of loads,
// SPANMARK_COLD_SECOND=0 skips the second visits, SPANMARK_TRACE=prefix
// writes a trace of the first load (loadTrace), SPANMARK_JSFLAGS passes V8
// flags to the browsers: --wasm-caching-timeout-ms=0 has V8 cache the
// core's compiled code at once, which this headless Chromium otherwise
// never does (TestE2EWasmCodeCache), for the second visit's figures with
// the code cache.
func BenchmarkColdLoad(b *testing.B) {
	for _, w := range coldWorkloads() {
		b.Run(w.name, func(b *testing.B) { coldLoad(b, w) })
	}
}

type coldWorkload struct {
	name, path string
	spans      int // spans in the document that opens
}

var coldOnce sync.Once

func coldWorkloads() []coldWorkload {
	coldOnce.Do(func() {
		addExtra("/_test/k5.json", textProject(5_000, "k5", "Five thousand characters"))
		addExtra("/_test/k100.json", textProject(100_000, "k100", "A hundred thousand characters"))
		bigProject()
	})
	return []coldWorkload{
		{"sample", "/", -1},
		{"5k-50spans", "/?project=/_test/k5.json", 50},
		{"100k-1kspans", "/?project=/_test/k100.json", 1000},
		{"1M-10kspans", "/?project=/_test/big.json", 10000},
	}
}

// loadFigures are read from the page once it is interactive.
type loadFigures struct {
	Interactive, APIReady, HTML, Script, WasmEnd, KB float64
	TextShown                                        float64 // -1: not before the core (a project file)
	Highlighted                                      int
	TextLen                                          int
}

const loadFiguresJS = `(() => {
	const m = n => { const e = performance.getEntriesByName(n)[0]; return e ? e.startTime : -1; };
	const res = performance.getEntriesByType("resource");
	const end = suffix => { const e = res.find(e => new URL(e.name).pathname.endsWith(suffix)); return e ? e.responseEnd : -1; };
	const nav = performance.getEntriesByType("navigation")[0];
	const interactive = m("sm-interactive");
	let bytes = nav.transferSize;
	for (const e of res) if (e.startTime < interactive) bytes += e.transferSize;
	let hl = 0;
	for (const h of CSS.highlights.values()) hl += h.size;
	return { interactive, textShown: m("sm-text-shown"), apiReady: m("sm-api-ready"), html: nav.responseEnd, script: end("/spanmark.js"),
		wasmEnd: end("/spanmark.wasm"), kb: bytes / 1024, highlighted: hl, textLen: smApp.view.text.length };
})()`

func coldLoad(b *testing.B, w coldWorkload) {
	needBrowser(b) // skips without Chromium; checks the build
	serve()
	loads := max(b.N, 5)
	if n, err := strconv.Atoi(os.Getenv("SPANMARK_COLD_LOADS")); err == nil && n > 0 {
		loads = n // e.g. 1 with SPANMARK_TRACE
	}
	var cold, second []loadFigures
	for i := 0; i < loads; i++ {
		c, s := coldVisit(b, w, i == 0)
		cold = append(cold, c)
		second = append(second, s)
	}
	med := func(fs []loadFigures, f func(loadFigures) float64) float64 {
		var v []float64
		for _, x := range fs {
			v = append(v, f(x))
		}
		return quantile(v, 0.5)
	}
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.Interactive }), "ms-interactive")
	b.ReportMetric(quantile(func() (v []float64) {
		for _, x := range cold {
			v = append(v, x.Interactive)
		}
		return
	}(), 1), "ms-interactive-max")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.Interactive - f.HTML }), "ms-interactive-after-html")
	if w.spans < 0 { // the samples: their text shows before the core is ready (preview.js)
		b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.TextShown }), "ms-text-shown")
	}
	b.ReportMetric(med(second, func(f loadFigures) float64 { return f.Interactive }), "ms-second-visit")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.HTML }), "ms-html")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.Script }), "ms-script")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.WasmEnd }), "ms-wasm-bytes")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.APIReady }), "ms-api-ready")
	b.ReportMetric(med(second, func(f loadFigures) float64 { return f.APIReady }), "ms-second-api-ready")
	b.ReportMetric(med(cold, func(f loadFigures) float64 { return f.KB }), "KB-before-interactive")
	var all []string
	for i := range cold {
		c := cold[i]
		all = append(all, fmt.Sprintf("%.0f/%.0f(html %.0f, wasm %.0f, api %.0f)", c.Interactive, second[i].Interactive, c.HTML, c.WasmEnd, c.APIReady))
	}
	b.Logf("%s: cold/second-visit ms per load: %s", w.name, strings.Join(all, " "))
}

// coldVisit opens the workload in a new browser with a fresh profile
// (nothing cached), checks the page is what interactive promises, then
// opens it again (the second visit).
func coldVisit(b *testing.B, w coldWorkload, trace bool) (cold, second loadFigures) {
	// A browser of its own with an empty profile: new browser contexts
	// (incognito-like) would be cheaper, but headless Chromium opens no tab
	// in one ("no browser is open").
	profile, err := os.MkdirTemp("", "spanmark-cold-")
	if err != nil {
		b.Fatalf("%v", err)
	}
	defer os.RemoveAll(profile)
	opts := browserOptions(chromiumPath(), profile)
	if f := os.Getenv("SPANMARK_JSFLAGS"); f != "" {
		opts = append(opts, chromedp.Flag("js-flags", f)) // e.g. --wasm-caching-timeout-ms=0 (TestE2EWasmCodeCache)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Run(bctx); err != nil {
		b.Fatalf("starting Chromium: %v", err)
	}
	var errs []string
	var mu sync.Mutex
	p := &Page{t: b, ctx: bctx} // the browser's first tab
	chromedp.ListenTarget(bctx, func(ev any) {
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			errs = append(errs, ev.ExceptionDetails.Text+" "+fmt.Sprint(ev.ExceptionDetails.Exception))
			mu.Unlock()
		}
	})
	p.run(runtime.Enable(), page.BringToFront())
	var tr *loadTrace
	if trace && os.Getenv("SPANMARK_TRACE") != "" {
		tr = startLoadTrace(b, p)
	}
	p.run(chromedp.Navigate(serve().URL + w.path))
	p.waitReady()
	p.eval(loadFiguresJS, &cold)
	if tr != nil {
		tr.stop(b, p, os.Getenv("SPANMARK_TRACE")+"-"+w.name+".json")
	}
	checkInteractive(b, p, w, cold)
	if os.Getenv("SPANMARK_COLD_SECOND") == "0" {
		return cold, second // cold loads only (quicker A/B comparisons)
	}
	// the first visit's offline copy, and time for the browser to store the
	// wasm's compiled code (V8 does once the module has run a while)
	waitLong(b, p, `document.documentElement.dataset.offline === "ready"`)
	time.Sleep(3 * time.Second)
	// the second visit: the page closed, then opened again in its tab (a
	// new tab of this browser would do the same, but chromedp's second tab
	// of a fresh browser never finishes navigating)
	p.run(chromedp.Navigate("about:blank"))
	if trace && os.Getenv("SPANMARK_TRACE") != "" {
		tr = startLoadTrace(b, p)
	}
	p.run(chromedp.Navigate(serve().URL + w.path))
	p.waitReady()
	p.eval(loadFiguresJS, &second)
	if tr != nil {
		tr.stop(b, p, os.Getenv("SPANMARK_TRACE")+"-"+w.name+"-second.json")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		b.Fatalf("%s: exceptions: %v", w.name, errs)
	}
	return cold, second
}

// checkInteractive: at the sm-interactive mark the article's text is in
// the page and its spans are highlighted; then a label key labels a word.
func checkInteractive(b *testing.B, p *Page, w coldWorkload, f loadFigures) {
	if f.Interactive <= 0 || f.APIReady <= 0 || f.WasmEnd <= 0 {
		b.Fatalf("%s: marks or resource timing missing: %+v", w.name, f)
	}
	if f.TextLen == 0 || (w.spans > 0 && f.Highlighted == 0) {
		b.Fatalf("%s: interactive with %d characters of text and %d highlighted ranges", w.name, f.TextLen, f.Highlighted)
	}
	var before, after int
	count := `Object.values(spanmark.counts(smApp.docId)).reduce((a, b) => a + b, 0)`
	p.eval(count, &before)
	p.labelUnlabelledWord("1")
	p.eval(count, &after)
	if after != before+1 {
		b.Fatalf("%s: the label key 1 took the spans from %d to %d", w.name, before, after)
	}
	if w.spans > 0 && before != w.spans {
		b.Fatalf("%s: %d spans loaded, want %d", w.name, before, w.spans)
	}
}

// waitLong is waitFor with 60 s (the offline copy fetches every file
// again, the formats module included, on a loaded machine).
func waitLong(b *testing.B, p *Page, js string) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ok bool
		p.eval(js, &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("timed out waiting for %s", js)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// loadTrace records a Chromium trace of one cold load and its second visit
// (SPANMARK_TRACE=prefix writes prefix-<workload>.json and
// prefix-<workload>-second.json, which chrome://tracing and Perfetto open):
// where the milliseconds go, for the annotated trace of issue 24.
type loadTrace struct {
	mu     sync.Mutex
	events []json.RawMessage
	done   chan struct{}
	once   sync.Once
}

func startLoadTrace(b tb, p *Page) *loadTrace {
	tr := &loadTrace{done: make(chan struct{})}
	chromedp.ListenTarget(p.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			tr.mu.Lock()
			for _, raw := range ev.Value {
				tr.events = append(tr.events, json.RawMessage(raw))
			}
			tr.mu.Unlock()
		case *tracing.EventTracingComplete:
			tr.once.Do(func() { close(tr.done) })
		}
	})
	p.run(tracing.Start().
		WithTraceConfig(&tracing.TraceConfig{IncludedCategories: []string{
			"devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "v8.execute",
			"blink.user_timing", "loading", "navigation", "netlog", "disabled-by-default-v8.compile"}}).
		WithTransferMode(tracing.TransferModeReportEvents))
	return tr
}

func (tr *loadTrace) stop(b tb, p *Page, file string) {
	data, err := json.Marshal(map[string]any{"traceEvents": tr.end(b, p)})
	if err == nil {
		err = os.WriteFile(file, data, 0o644)
	}
	if err != nil {
		b.Fatalf("writing the trace: %v", err)
	}
	b.Logf("trace of a cold load: %s (%d events)", file, len(tr.events))
}

// end ends the trace and returns its events.
func (tr *loadTrace) end(b tb, p *Page) []json.RawMessage {
	p.run(tracing.End())
	select {
	case <-tr.done:
	case <-time.After(20 * time.Second):
		b.Logf("the trace did not complete")
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.events
}
