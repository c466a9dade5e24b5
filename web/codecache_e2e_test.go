package web_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestE2EWasmCodeCache: the second visit gets the core's compiled code
// from V8's code cache (issue 24) instead of compiling it again: the trace
// of the second load shows the cache hit (v8.wasm.moduleCacheHit) and V8
// compiling, in the background, the functions the first visit ran
// (wasm.CompilationAfterDeserialization), where the page used to compile
// each on its first call, on the main thread.
//
// What the page must do for that (each was missing, and each alone left
// the cache unused): fetch the core with fetch() + compileStreaming, not
// through a <link rel=preload> (a fetch() answered from a preload carries
// no cached code); from a URL the browser does not revalidate (a 304
// makes the response a new one to the code cache, which drops the code),
// hence boot.js's spanmark.wasm?v=<content hash>, sent as immutable; and,
// on the second visit, through the service worker as a pass-through
// (sw.js answers with the network's response to the same URL).
//
// When V8 writes the cache is its own affair: after the module's
// optimised code has stopped growing for 2 s (--wasm-caching-timeout-ms).
// The headless Chromium of these tests never got there in 25 s of an idle
// page (no v8.wasm.compiledModule event, an empty Code Cache/wasm), so
// this test's browser caches at once (--wasm-caching-timeout-ms=0): what
// it checks is the page's side, that the cached code is found and used.
func TestE2EWasmCodeCache(t *testing.T) {
	needBrowser(t)
	// not t.TempDir: Chromium's helper processes can still be writing into
	// the profile as the test ends, and TempDir's cleanup then fails the
	// test ("directory not empty"); removed after the browser, errors ignored
	profile, err := os.MkdirTemp("", "spanmark-codecache-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(browserOptions(chromiumPath(), profile), chromedp.Flag("js-flags", "--wasm-caching-timeout-ms=0"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Run(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	p := &Page{t: t, ctx: bctx}
	p.run(runtime.Enable(), page.BringToFront())
	url := serve().URL + "/"
	p.run(chromedp.Navigate(url))
	p.waitReady()
	p.waitLong(`document.documentElement.dataset.offline === "ready"`, 60*time.Second)
	// the code V8 cached: a file in the profile's wasm code cache
	dir := filepath.Join(profile, "Default", "Code Cache", "wasm")
	deadline := time.Now().Add(30 * time.Second)
	for !hasCacheEntry(dir) {
		if time.Now().After(deadline) {
			t.Fatalf("V8 wrote no code cache for the core in 30 s (%s)", dir)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // the browser writes the entry's data after creating it

	p.run(chromedp.Navigate("about:blank"))
	tr := startLoadTrace(t, p)
	p.run(chromedp.Navigate(url))
	p.waitReady()
	file := filepath.Join(t.TempDir(), "second.json")
	tr.stop(t, p, file)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var trace struct {
		TraceEvents []struct {
			Name string         `json:"name"`
			Args map[string]any `json:"args"`
		} `json:"traceEvents"`
	}
	if err := json.Unmarshal(b, &trace); err != nil {
		t.Fatal(err)
	}
	var hit, eager bool
	lazy := 0
	for _, e := range trace.TraceEvents {
		switch e.Name {
		case "v8.wasm.moduleCacheHit":
			hit = hit || strings.Contains(e.Args["url"].(string), "/spanmark.wasm?v=")
		case "wasm.CompilationAfterDeserialization":
			n, _ := e.Args["num_eager_functions"].(float64)
			eager = eager || n > 100
			t.Logf("after the cache hit: %v functions compiled in the background, %v left to compile on first call", e.Args["num_eager_functions"], e.Args["num_lazy_functions"])
		case "wasm.CompileLazy":
			lazy++
		}
	}
	t.Logf("second visit: %d functions compiled on first call (on the main thread)", lazy)
	if !hit {
		t.Fatalf("the second visit did not use the core's cached code (no v8.wasm.moduleCacheHit for spanmark.wasm?v=…)")
	}
	if !eager {
		t.Errorf("the cached code did not bring the functions the first visit ran (no wasm.CompilationAfterDeserialization with >100 eager functions)")
	}
}

// hasCacheEntry: a cache entry in Chromium's simple disk cache dir (files
// named <hash>_0; "index" and index-dir/ are always there).
func hasCacheEntry(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_0") {
			return true
		}
	}
	return false
}
