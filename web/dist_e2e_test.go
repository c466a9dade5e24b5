package web_test

// The single-file build (issue 6, `make dist`): built afresh by the test
// (never a stale dist/), opened straight from disk (file://, no server),
// used with the real mouse and keyboard, exported, re-imported, reloaded.

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// buildDist returns the path of a fresh copy, in the test's own temporary
// directory, of the single file that `go run ./internal/dist` (with args:
// none, or -lite) builds over this directory. A build takes 20-40 s (xz
// tries eight settings) and gives the same file every time, so each is
// made once per package run, by the first test that needs it. Each test
// still gets its own file at its own path (the page keys its store by the
// file's path).
func buildDist(t *testing.T, args ...string) string {
	t.Helper()
	build, ok := distBuilds[strings.Join(args, " ")]
	if !ok {
		t.Fatalf("buildDist: no build for %q", args)
	}
	b := build()
	if b.err != nil {
		t.Fatalf("go run ./internal/dist %s: %v\n%s", strings.Join(args, " "), b.err, b.log)
	}
	t.Logf("%s", b.log) // the size report
	out := filepath.Join(t.TempDir(), "spanmark.html")
	if err := os.WriteFile(out, b.html, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// distBuild is one single file built for the package run.
type distBuild struct {
	html, log []byte
	err       error
}

var distBuilds = map[string]func() distBuild{
	"":      sync.OnceValue(func() distBuild { return runDist() }),
	"-lite": sync.OnceValue(func() distBuild { return runDist("-lite") }),
}

func runDist(args ...string) (b distBuild) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	webDir, err := filepath.Abs(".")
	if err != nil {
		return distBuild{err: err}
	}
	dir, err := os.MkdirTemp("", "spanmark-e2e-dist-")
	if err != nil {
		return distBuild{err: err}
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "spanmark.html")
	cmd := exec.Command(goBin, append([]string{"run", "./internal/dist", "-web", webDir, "-o", out}, args...)...)
	cmd.Dir = ".."
	if b.log, b.err = cmd.CombinedOutput(); b.err == nil {
		b.html, b.err = os.ReadFile(out)
	}
	return b
}

// checkDistSize holds a single file to its budget: 1.25 MB once
// gzip-compressed (gzip -9, as the build reports it). The budget was
// 1.2 MB; the thirteenth session's features took the file to 1.20-1.23 MB:
// the xz-compressed module moves by up to 30 KB with its layout alone (one
// change that removed 7.6 KB of code made it 30 KB larger). Taking regexp
// out of the page's core does not help here: the single file carries the
// formats module, which matches label-all's regular expressions (regexp is
// 47 KB of its xz). archive/zip has been replaced by internal/zipc (the
// xz'd module 1,257,016 -> 1,206,340 B; the file 1,331,373 -> 1,283,925 B
// gzip, with features merged since). The fourteenth session's features in
// the formats module (package team for Compare…, pattern files, the claim
// finder, own-label suggestions, import as suggestions) took it to
// 1,353,198 B, and the fifteenth's (suggestion runs in slices with
// progress and Cancel, brat folders as works and the figures kept across a
// reload in Compare…) to 1,403,762 B, and the budget to 1.45 MB for a
// while. Ten struct sorts made with package sort, not slices (each
// slices sort of another element type linked ~20 KB of its own: 213 KB of
// the formats module, 19 KB of its xz), brought it to 1,370,055 B
// (1,387,932 B with the import changes after them: the xz moves with the
// module's layout) and the budget back to 1.4 MB (internal/dist Budget;
// the page's first visit is held to 800 KB).
// README "Page size".
func checkDistSize(t *testing.T, html []byte) {
	t.Helper()
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(html)
	w.Close()
	if gz.Len() > 1_400_000 { // internal/dist Budget
		t.Errorf("the single file is %d bytes gzip -9: over the 1.4 MB budget", gz.Len())
	}
}

func TestE2EDistFromDisk(t *testing.T) {
	needBrowser(t)
	file := buildDist(t)
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// One file: nothing it names is outside it.
	for _, bad := range []string{` src="`, `rel="stylesheet"`, `rel="modulepreload"`, `rel="preload"`} {
		if strings.Contains(string(html), bad) {
			t.Errorf("the single file still refers to another file (%q)", bad)
		}
	}
	checkDistSize(t, html)
	p := openURL(t, "file://"+file, nil, true)

	// The policy is the file's own, strict one, and no service worker exists.
	var csp struct {
		Policy       string
		Offline      string
		Registration int
	}
	p.eval(`(async () => ({
		policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || "",
		offline: document.documentElement.dataset.offline || "",
		registration: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations().catch(() => [])).length : 0,
	}))()`, &csp)
	dirs := parseCSP(csp.Policy)
	if got := dirs["connect-src"]; len(got) != 1 || got[0] != "'none'" {
		t.Errorf("connect-src %q, want 'none' (policy %q)", got, csp.Policy)
	}
	if got := dirs["default-src"]; len(got) != 1 || got[0] != "'none'" {
		t.Errorf("default-src %q, want 'none'", got)
	}
	for _, d := range []string{"script-src", "style-src"} {
		for _, src := range dirs[d] {
			if !strings.HasPrefix(src, "'sha256-") && src != "'wasm-unsafe-eval'" {
				t.Errorf("%s allows %s: only hashes (and 'wasm-unsafe-eval') expected", d, src)
			}
		}
		if len(dirs[d]) == 0 {
			t.Errorf("no %s in %q", d, csp.Policy)
		}
	}
	if csp.Offline != "off" || csp.Registration != 0 {
		t.Errorf("from file://: data-offline %q, %d service worker registrations; want off, 0", csp.Offline, csp.Registration)
	}

	// Annotate with the real mouse and a hotkey.
	var title string
	p.eval(`document.getElementById("doc-title").textContent`, &title)
	if !strings.Contains(title, "Iran") {
		t.Fatalf("from disk: title %q, want the sample article", title)
	}
	p.label("Barack Obama", "1", "sm-PERSON", "from disk")
	p.screenshot("11-dist-file")

	// Export: a real download, the same bytes as the core's export.
	p.key("s", input.ModifierCtrl)
	data := p.waitDownload()
	if string(data) != p.export() {
		t.Errorf("the download differs from spanmark.exportProject()")
	}
	f := parseProject(t, string(data))
	if len(f.Documents) != 2 || len(f.Documents[0].Spans) != 1 || f.Documents[0].Spans[0].Fragments[0].Text != "Barack Obama" {
		t.Fatalf("export from disk: %+v", f.Documents)
	}
	saved := filepath.Join(t.TempDir(), "exported.json")
	if err := os.WriteFile(saved, data, 0o644); err != nil {
		t.Fatal(err)
	}

	// The formats are in the file's one module: export as CoNLL, then add
	// that file back to the project through the import dialog.
	var aux bool
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
		chromedp.WaitVisible(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery),
		chromedp.Click(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery))
	conll := p.waitDownload()
	if !strings.Contains(string(conll), "\nBarack B-PERSON\nObama I-PERSON\n") {
		t.Errorf("CoNLL export from disk lacks the span: %.200q", conll)
	}
	p.eval(`globalThis.spanmarkFormats !== undefined`, &aux)
	if aux {
		t.Error("the single file started a second module for the formats")
	}
	conllFile := filepath.Join(t.TempDir(), "exported.conll")
	if err := os.WriteFile(conllFile, conll, 0o644); err != nil {
		t.Fatal(err)
	}
	if d := p.upload(conllFile); !strings.HasPrefix(d.Summary, "2 documents, ") || !d.AppendEnabled {
		t.Fatalf("importing the CoNLL export from disk: %+v", d)
	}
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.waitFor(`spanmark.documents().length === 4`)
	var persons int
	p.eval(`spanmark.documents().reduce((n, d) => n + (spanmark.counts(d.id).PERSON || 0), 0)`, &persons)
	if persons != 2 {
		t.Errorf("after adding the CoNLL import: %d PERSON spans in the project, want 2", persons)
	}

	// Reload from disk: the page starts again and works.
	p.run(chromedp.Reload())
	p.waitReady()
	p.label("Teheran", "3", "sm-GPE", "after reload")
	// The exported project opens again through the file input.
	var ok bool
	p.eval(`(window.confirm = () => true, true)`, &ok) // the "replace the current project?" question
	p.run(chromedp.SetUploadFiles("#open-file", []string{saved}, chromedp.ByQuery))
	p.waitFor(`(spanmark.counts("iran-us-talks").PERSON || 0) === 1 && !spanmark.counts("iran-us-talks").GPE`)
	p.reveal("Barack Obama")
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Errorf("re-imported: sm-PERSON = %q", got)
	}

	// The statistics, a module loaded on first use, come from the file itself.
	p.run(chromedp.Click("#btn-stats", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden && Number(document.querySelector('#stats [data-chart="labels"] [data-label="PERSON"]').dataset.count) === 1`)
	p.key("Escape")
	// the other modules loaded on first use are inline too, and work
	var lazy string
	p.eval(`Object.keys(globalThis.__smLazy || {}).sort().join(" ")`, &lazy)
	if lazy != "compare.js docdialog.js edgedrag.js find.js linkpop.js more.js relarcs.js schema-editor.js stats.js suggest.js" {
		t.Errorf("the single file's modules loaded on first use: %q", lazy)
	}
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	p.waitFor(`!!smApp.suggest && !!document.getElementById("sugg-own")`)
	p.key("Escape")
	p.run(chromedp.Click("#btn-find", chromedp.ByQuery))
	p.waitFor(`smApp.finder && smApp.finder.isOpen`)
	p.key("Escape")
	p.run(chromedp.Click("#btn-doc-edit", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("docedit").hidden && document.getElementById("de-title").value !== ""`)
	p.key("Escape")
	p.waitFor(`document.getElementById("docedit").hidden`)
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.key("Escape")

	for _, u := range p.Requests() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the single file made a request: %s", u)
		}
	}
	p.noErrors()
}

// The lite single file (make dist: dist/spanmark-lite.html): the core alone,
// within the size budget, with no dataset formats. From disk it annotates,
// exports and reopens projects, keeps work across a reload, shows no
// button that could only fail, and says what to use for the formats.
func TestE2EDistLiteFromDisk(t *testing.T) {
	needBrowser(t)
	file := buildDist(t, "-lite")
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	checkDistSize(t, html)
	p := openURL(t, "file://"+file, nil, true)
	var ui struct{ Lite, Import, ExportAs, Export bool }
	p.eval(`({ lite: document.documentElement.dataset.singleFile === "lite",
		import: !document.getElementById("btn-import").hidden,
		exportAs: !document.getElementById("btn-export-menu").hidden,
		export: !document.getElementById("btn-export").hidden })`, &ui)
	if !ui.Lite || ui.Import || ui.ExportAs || !ui.Export {
		t.Errorf("lite page: %+v; want marked lite, Import… and Export as… hidden, Export shown", ui)
	}

	p.label("Barack Obama", "1", "sm-PERSON", "lite, from disk")
	p.key("s", input.ModifierCtrl)
	data := p.waitDownload()
	if string(data) != p.export() {
		t.Errorf("the download differs from spanmark.exportProject()")
	}
	saved := filepath.Join(t.TempDir(), "exported.json")
	if err := os.WriteFile(saved, data, 0o644); err != nil {
		t.Fatal(err)
	}

	// A dataset file dropped on the lite page: a clear message, nothing changed.
	var msg string
	p.eval(`smApp.io.importFiles([new File(["Obama B-PERSON\n"], "x.conll")]).then(() => document.getElementById("toasts").textContent)`, &msg)
	if !strings.Contains(msg, "spanmark-lite.html") || !strings.Contains(msg, "spanmark convert") {
		t.Errorf("importing a CoNLL file into the lite page said %q", msg)
	}
	var toasts []string
	p.eval(`[...document.querySelectorAll("#toasts .toast.error .msg")].map(e => e.textContent)`, &toasts)
	if len(toasts) != 1 {
		t.Errorf("error messages on the lite page: %q, want only the one about the formats", toasts)
	}
	var dialogShown bool
	p.eval(`!document.getElementById("import").hidden`, &dialogShown)
	if dialogShown {
		t.Error("the import dialog opened in the lite page")
	}
	p.screenshot("11-dist-lite-file")

	// Reload from disk: the span is back (autosave), and the exported project opens.
	p.run(chromedp.Reload())
	p.waitReady()
	p.reveal("Barack Obama")
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Fatalf("lite, after reload: sm-PERSON = %q", got)
	}
	p.label("Teheran", "3", "sm-GPE", "lite, after reload")
	var ok bool
	p.eval(`(window.confirm = () => true, true)`, &ok)
	p.run(chromedp.SetUploadFiles("#open-file", []string{saved}, chromedp.ByQuery))
	p.waitFor(`(spanmark.counts("iran-us-talks").PERSON || 0) === 1 && !spanmark.counts("iran-us-talks").GPE`)

	for _, u := range p.Requests() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the lite file made a request: %s", u)
		}
	}
	p.noErrors()
}

// parseCSP splits a Content-Security-Policy into directive → sources.
func parseCSP(policy string) map[string][]string {
	dirs := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		name := strings.ToLower(f[0])
		if _, dup := dirs[name]; dup {
			continue // the first one counts
		}
		dirs[name] = append([]string{}, f[1:]...)
	}
	return dirs
}
