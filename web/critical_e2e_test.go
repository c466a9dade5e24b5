package web_test

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// criticalFiles are the only files the page may request before it is
// interactive (issue 24): what it needs to show the article and take a
// label key. Everything else — the dataset formats' module
// (spanmark-formats.wasm), and any module of a feature added later
// (suggestions, agreement, adjudication…) — loads when first used, or after
// start-up (the offline copy). A file added here lengthens every start.
var criticalFiles = map[string]string{
	"/":              "the page",
	"/boot.js":       "starts the core's download and compile at the page's first bytes",
	"/style.css":     "its styles",
	"/wasm_exec.js":  "the Go wasm runtime's JavaScript side",
	"/spanmark.js":   "the page's modules, bundled",
	"/spanmark.wasm": "the core",
}

// lateFiles is the one list of the files meant to load after the page is
// interactive: a module of a feature loaded on first use (find, compare,
// suggestions, statistics…) goes here, with when it loads and why.
// TestE2ECriticalPath fails if one is requested before the page is
// interactive, and if a firstUse one is requested at all when nobody used
// its feature (in the seconds after start-up, too: it would compete with
// what the person does first). A file in neither list fails the test too,
// before interactive. (JavaScript modules bundled into spanmark.js are
// never requested on their own: their bytes count in TestPageBytesBudget.)
var lateFiles = []lateFile{
	{"/spanmark-formats.wasm", firstUse, "the dataset formats and label-all's regular expressions, loaded on the first import, export or regex label-all (formats.js, regex.js)"},
	{"/compare.js", firstUse, "Compare… and adjudication, loaded on the first click on Compare… or when an opened document has undecided spans (app.js loadCompare)"},
	{"/docdialog.js", firstUse, "the Document dialog, loaded on the first F2 or click on Edit document… (app.js docDialog)"},
	{"/edgedrag.js", firstUse, "the handles that drag the selected span's edges, loaded on the first span selected (app.js showEdges)"},
	{"/find.js", firstUse, "Find in the article, loaded on the first Ctrl+F or click on Find (app.js openFind)"},
	{"/suggest.js", firstUse, "suggestions: drawing, keys and panel, loaded on the first click on Suggest… or when an opened document has suggestions (app.js startSuggest)"},
	{"/linkpop.js", firstUse, "the claimant / cue chooser, loaded on the first C or U on a claim (app.js showLinkPicker)"},
	{"/more.js", firstUse, "the toolbar's More menu, loaded on its first click (app.js openMore)"},
	{"/relarcs.js", firstUse, "the selected span's relations drawn as arcs, loaded on the first span selected (app.js showArcs)"},
	{"/schema-editor.js", firstUse, "the schema dialog, loaded on the first click on Schema… (app.js openSchema)"},
	{"/stats.js", firstUse, "the statistics dialog, loaded on the first click on Stats (app.js openStats)"},
	{"/tagger.js", firstUse, "the tagger's promise API, imported on the first Train & suggest (suggest.js)"},
	{"/tagger-worker.js", firstUse, "the tagger's Web Worker, started by tagger.js on its first call"},
	{"/spanmark-tagger.wasm", firstUse, "the tagger's own wasm module, run in its worker"},
	{"/sw.js", afterStart, "the service worker, registered once the page is interactive (offline.js)"},
}

type lateFile struct {
	path string
	when lateWhen
	why  string
}

type lateWhen int

const (
	firstUse   lateWhen = iota // only when its feature is used
	afterStart                 // any time after the page is interactive
)

func lateFileOf(path string) (lateFile, bool) {
	for _, f := range lateFiles {
		if f.path == path {
			return f, true
		}
	}
	return lateFile{}, false
}

// TestE2ECriticalPath opens the page cold (HTTP cache off, no service
// worker) with the samples and with a project file, and fails if any file
// outside criticalFiles (and the article or project it opens) was
// requested before the page reported interactive (the sm-interactive mark,
// app.js). Requests still running at that moment count: Resource Timing
// lists a request once it ends, so the list is read a while later, by
// start time.
func TestE2ECriticalPath(t *testing.T) {
	addExtra("/_test/k5.json", textProject(5_000, "k5", "Five thousand characters"))
	for _, c := range []struct {
		name, path string
		own        []string // the files of what it opens
	}{
		{"samples", "/", []string{"/sample/iran-us-talks.txt", "/sample/gulf-shipping-multilingual.txt"}},
		{"project", "/?project=/_test/k5.json", []string{"/_test/k5.json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := openPageWith(t, c.path, func(any) {}) // HTTP cache off; the service worker bypassed
			time.Sleep(1500 * time.Millisecond)        // whatever started before interactive has ended
			var res struct {
				Interactive float64
				Before      []string
				After       []string
			}
			p.eval(`(() => {
				const t = performance.getEntriesByName("sm-interactive")[0].startTime;
				const r = performance.getEntriesByType("resource");
				return { interactive: t, before: r.filter(e => e.startTime < t).map(e => e.name),
					after: r.filter(e => e.startTime >= t).map(e => e.name) };
			})()`, &res)
			if res.Interactive <= 0 {
				t.Fatalf("no sm-interactive mark")
			}
			allowed := map[string]bool{}
			for _, f := range c.own {
				allowed[f] = true
			}
			var bad, seen []string
			for _, u := range res.Before {
				pu, err := url.Parse(u)
				if err != nil {
					t.Fatalf("resource %q: %v", u, err)
				}
				name := pu.Path
				seen = append(seen, name)
				if _, ok := criticalFiles[name]; ok || allowed[name] {
					continue
				}
				why := "not in criticalFiles: load it on first use or after start-up (and add it to lateFiles), or add it to criticalFiles with the reason the page cannot start without it"
				if f, ok := lateFileOf(name); ok {
					why = "meant to load later: " + f.why
				}
				bad = append(bad, name+" ("+why+")")
			}
			for _, u := range res.After {
				pu, err := url.Parse(u)
				if err != nil {
					t.Fatalf("resource %q: %v", u, err)
				}
				if f, ok := lateFileOf(pu.Path); ok && f.when == firstUse {
					bad = append(bad, pu.Path+" (requested after start-up though nothing used it: "+f.why+")")
				}
			}
			sort.Strings(seen)
			if len(bad) > 0 {
				t.Errorf("requested before the page was interactive (at %.0f ms), or without being used:\n  %s\nall requested before: %v",
					res.Interactive, strings.Join(bad, "\n  "), seen)
			}
			// the page's own files all came (this test sees what it checks)
			for f := range criticalFiles {
				if f == "/" {
					continue
				}
				if !slices.Contains(seen, f) {
					t.Errorf("%s was not requested before interactive (seen: %v): is Resource Timing recording?", f, seen)
				}
			}
			for _, f := range c.own {
				if !slices.Contains(seen, f) {
					t.Errorf("%s was not requested before interactive (seen: %v)", f, seen)
				}
			}
			p.noErrors()
		})
	}
}
