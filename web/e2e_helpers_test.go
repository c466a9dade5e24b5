package web_test

// Harness for the browser (end-to-end) tests and benchmarks: one headless
// Chromium shared by every test (a fresh tab each), the real page served by
// web.Handler from this directory on 127.0.0.1, and recorders for console
// errors, exceptions, dialogs and every network request.

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/spanmark/spanmark/internal/jsbundle"
	"github.com/spanmark/spanmark/web"
)

const artifactDir = "../artifacts/e2e"

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel []context.CancelFunc
	userDataDir   string

	serverOnce sync.Once
	server     *httptest.Server
	extraMu    sync.Mutex
	extra      = map[string][]byte{} // extra files served by the test server (benchmark projects, fixtures)
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(browserCancel) - 1; i >= 0; i-- {
		browserCancel[i]()
	}
	if userDataDir != "" {
		os.RemoveAll(userDataDir)
	}
	if server != nil {
		server.Close()
	}
	os.Exit(code)
}

var (
	bundleOnce sync.Once
	bundleErr  error
)

// checkBundle makes sure the page the tests load (spanmark.js, the bundle
// of app.js and its imports) is the one the modules here make: a test of a
// stale bundle would test old code.
func checkBundle() error {
	want, err := jsbundle.Page(os.DirFS("."), "app.js")
	if err != nil {
		return fmt.Errorf("bundling the page's modules: %v", err)
	}
	got, err := os.ReadFile("spanmark.js")
	if err != nil {
		return fmt.Errorf("web/spanmark.js is missing: run `make wasm` first (make test does)")
	}
	if string(got) != want {
		return fmt.Errorf("web/spanmark.js is older than the modules it bundles: run `make wasm` (make test does)")
	}
	return nil
}

// chromiumPath finds the browser: $CHROMIUM, /usr/bin/chromium, or chromium on PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

type tb interface {
	Helper()
	TempDir() string
	Fatalf(string, ...any)
	Skip(...any)
	Cleanup(func())
	Logf(string, ...any)
	Name() string
}

// needBrowser returns the shared browser context, skipping when Chromium is absent.
func needBrowser(t tb) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("Chromium not found (no $CHROMIUM, /usr/bin/chromium or chromium on PATH): browser tests skipped; run `make deps`")
	}
	if _, err := os.Stat("spanmark.wasm"); err != nil {
		t.Fatalf("web/spanmark.wasm is missing: run `make wasm` first (make test does)")
	}
	if _, err := os.Stat("wasm_exec.js"); err != nil {
		t.Fatalf("web/wasm_exec.js is missing: run `make wasm` first (make test does)")
	}
	bundleOnce.Do(func() { bundleErr = checkBundle() })
	if bundleErr != nil {
		t.Fatalf("%v", bundleErr)
	}
	browserOnce.Do(func() {
		userDataDir, browserErr = os.MkdirTemp("", "spanmark-e2e-profile-")
		if browserErr != nil {
			return
		}
		opts := browserOptions(path, userDataDir)
		actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, c2 := chromedp.NewContext(actx)
		browserCancel = append(browserCancel, c1, c2)
		browserErr = chromedp.Run(bctx) // start the browser
		browserCtx = bctx
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium (%s): %v", path, browserErr)
	}
	return browserCtx
}

// serve starts the shared test server: the page from this directory
// (through web.Handler, as `make run` serves it), plus extra files.
func serve() *httptest.Server {
	serverOnce.Do(func() {
		h := web.Handler(web.Options{FS: os.DirFS(".")})
		mux := http.NewServeMux()
		mux.HandleFunc("/_test/", func(w http.ResponseWriter, r *http.Request) {
			extraMu.Lock()
			b, ok := extra[r.URL.Path]
			extraMu.Unlock()
			if !ok {
				http.NotFound(w, r)
				return
			}
			ct := mime.TypeByExtension(path.Ext(r.URL.Path))
			if ct == "" {
				ct = "application/json"
			}
			w.Header().Set("Content-Type", ct)
			w.Write(b)
		})
		mux.Handle("/", h)
		server = httptest.NewServer(mux)
	})
	return server
}

func addExtra(path string, b []byte) {
	extraMu.Lock()
	extra[path] = b
	extraMu.Unlock()
}

// Page is one browser tab on the page, with recorders.
type Page struct {
	t        tb
	ctx      context.Context
	mu       sync.Mutex
	errors   []string // console errors, exceptions, error log entries
	requests []string
	dialogs  []string
	downDir  string
	downs    chan string
}

// openPage opens a new tab at the page (path may carry a query) and waits until it is ready.
func openPage(t tb, path string) *Page {
	t.Helper()
	return openPageWith(t, path, nil)
}

type contextT = context.Context

// openPageWith is openPage with an extra DevTools event listener (and the
// HTTP cache disabled, so that every byte is counted).
func openPageWith(t tb, path string, listen func(any)) *Page {
	t.Helper()
	return openURL(t, serve().URL+path, listen, true)
}

// openURL opens a new tab at any URL (another test server, file://) and
// waits until the page is ready. bypassSW makes the tab's requests skip the
// page's service worker (registered on the shared server by every page
// load), so that the tests and byte counts see the network path.
func openURL(t tb, url string, listen func(any), bypassSW bool) *Page {
	t.Helper()
	bctx := needBrowser(t)
	// Each test starts with no project saved by autosave (store.js): the
	// origin's IndexedDB is cleared after the test, once its tabs are closed.
	t.Cleanup(func() { clearSaved(bctx, url) })
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	p := &Page{t: t, ctx: ctx, downs: make(chan string, 8)}
	chromedp.ListenTarget(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range ev.Args {
					if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				p.errors = append(p.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.errors = append(p.errors, "exception: "+msg)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError {
				p.errors = append(p.errors, "log("+string(ev.Entry.Source)+"): "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, ev.Request.URL)
		case *page.EventJavascriptDialogOpening:
			p.dialogs = append(p.dialogs, string(ev.Type)+": "+ev.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	chromedp.ListenBrowser(ctx, func(ev any) {
		if ev, ok := ev.(*browser.EventDownloadProgress); ok && ev.State == browser.DownloadProgressStateCompleted {
			select {
			case p.downs <- ev.GUID:
			default:
			}
		}
	})
	p.downDir = filepath.Join(os.TempDir(), fmt.Sprintf("spanmark-dl-%d", time.Now().UnixNano()))
	os.MkdirAll(p.downDir, 0o755)
	t.Cleanup(func() { os.RemoveAll(p.downDir) })
	// The first Run creates the tab, whose lifetime is that Run's context:
	// give it the tab's own context, not a timeout.
	if listen != nil {
		chromedp.ListenTarget(ctx, listen)
	}
	if err := chromedp.Run(ctx, cdplog.Enable(), network.Enable(), page.BringToFront(), network.SetCacheDisabled(listen != nil),
		network.SetBypassServiceWorker(bypassSW)); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	p.run(chromedp.ActionFunc(func(ctx context.Context) error {
		c := chromedp.FromContext(ctx)
		return browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
			WithDownloadPath(p.downDir).WithEventsEnabled(true).
			Do(cdp.WithExecutor(ctx, c.Browser))
	}))
	p.run(chromedp.Navigate(url))
	p.waitReady()
	return p
}

func (p *Page) run(actions ...chromedp.Action) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		p.t.Fatalf("chromedp: %v\nerrors so far: %v", err, p.Errors())
	}
}

func (p *Page) waitReady() {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var ready bool
		p.run(chromedp.Evaluate(`document.documentElement.dataset.ready === "1"`, &ready))
		if ready {
			return
		}
		var loading string
		p.run(chromedp.Evaluate(`(document.getElementById("loading")||{}).textContent||""`, &loading))
		if strings.Contains(loading, "could not start") {
			p.t.Fatalf("page failed to start: %s; errors: %v", loading, p.Errors())
		}
		time.Sleep(30 * time.Millisecond)
	}
	var loading string
	p.run(chromedp.Evaluate(`(document.getElementById("loading")||{}).textContent + " | " + document.getElementById("toasts").textContent`, &loading))
	p.t.Fatalf("page not ready after 20s (%s); errors: %v", loading, p.Errors())
}

// openFile opens a file through the page's Open… button (its file input),
// as a person picking it would, saying yes to replacing the project.
func (p *Page) openFile(name string, data []byte) {
	p.t.Helper()
	file := filepath.Join(p.t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		p.t.Fatalf("%v", err)
	}
	var ok bool
	p.eval(`(window.confirm = () => true, true)`, &ok)
	p.run(chromedp.SetUploadFiles("#open-file", []string{file}, chromedp.ByQuery))
}

// eval evaluates JS (an expression, promises awaited) and decodes the result into out.
func (p *Page) eval(js string, out any) {
	p.t.Helper()
	p.run(chromedp.Evaluate(js, out, func(ep *runtime.EvaluateParams) *runtime.EvaluateParams {
		return ep.WithAwaitPromise(true)
	}))
}

func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

func (p *Page) Dialogs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.dialogs...)
}

// noErrors fails on console errors or exceptions seen so far.
func (p *Page) noErrors() {
	p.t.Helper()
	if errs := p.Errors(); len(errs) > 0 {
		p.t.Fatalf("console errors / exceptions:\n  %s", strings.Join(errs, "\n  "))
	}
}

// rect is a client rectangle.
type rect struct{ Left, Top, Right, Bottom, Width, Height float64 }

// textRects scrolls the n-th (0-based) occurrence of needle into view and
// returns the client rects of its first and last character (UTF-16 offsets
// found in the article text as the page holds it).
func (p *Page) textRects(needle string, within string) (start, end int, first, last rect) {
	p.t.Helper()
	var res struct {
		Start, End  int
		First, Last rect
	}
	js := fmt.Sprintf(`(() => {
		const v = smApp.view, needle = %q, within = %q;
		const base = within ? v.text.indexOf(within) : 0;
		if (base < 0) return null;
		const at = v.text.indexOf(needle, base);
		if (at < 0) return null;
		const s = at, e = at + needle.length;
		const [n] = v.point(s);
		(n.nodeType === 3 ? n.parentElement : n).scrollIntoView({block: "center"});
		// centre the needle itself, not its paragraph: the end of a tall
		// paragraph would sit at the scroller's edge, where a drag autoscrolls
		const sc = smApp.scroller, rr = v.range(s, e).getBoundingClientRect(), sb = sc.getBoundingClientRect();
		if (rr.height && rr.height < sb.height) sc.scrollTop += (rr.top + rr.bottom) / 2 - (sb.top + sb.bottom) / 2;
		const r1 = v.range(s, s + 1).getClientRects()[0], r2 = v.range(e - 1, e).getClientRects()[0];
		const o = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
		return {start: s, end: e, first: o(r1), last: o(r2)};
	})()`, needle, within)
	p.eval(js, &res)
	if res.End == 0 {
		p.t.Fatalf("text %q (in %q) not found in the article", needle, within)
	}
	return res.Start, res.End, res.First, res.Last
}

// dragSelect selects needle with a real mouse drag from inside its first
// character to inside its last, holding the given modifiers.
func (p *Page) dragSelect(needle, within string, mods input.Modifier) (int, int) {
	p.t.Helper()
	s, e, a, b := p.textRects(needle, within)
	// From the left part of the first character to the right part of the
	// last (for left-to-right text; right-to-left is mirrored).
	x1, y1 := a.Left+a.Width*0.25, a.Top+a.Height/2
	x2, y2 := b.Left+b.Width*0.75, b.Top+b.Height/2
	if a.Left > b.Left && a.Top == b.Top { // right-to-left run
		x1, x2 = a.Right-a.Width*0.25, b.Left+b.Width*0.25
	}
	p.run(
		chromedp.MouseEvent(input.MouseMoved, x1, y1, chromedp.ButtonModifiers(mods)),
		chromedp.MouseEvent(input.MousePressed, x1, y1, chromedp.ButtonLeft, chromedp.ClickCount(1), chromedp.ButtonModifiers(mods)),
		chromedp.MouseEvent(input.MouseMoved, (x1+x2)/2, (y1+y2)/2, chromedp.ButtonLeft, chromedp.ButtonModifiers(mods)),
		chromedp.MouseEvent(input.MouseMoved, x2, y2, chromedp.ButtonLeft, chromedp.ButtonModifiers(mods)),
		chromedp.MouseEvent(input.MouseReleased, x2, y2, chromedp.ButtonLeft, chromedp.ClickCount(1), chromedp.ButtonModifiers(mods)),
	)
	return s, e
}

// clickText clicks in the middle of the n-th occurrence of needle.
func (p *Page) clickText(needle, within string) {
	p.t.Helper()
	_, _, a, b := p.textRects(needle, within)
	x, y := a.Left+a.Width/2, a.Top+a.Height/2
	if a.Top == b.Top {
		x = (a.Left + b.Right) / 2
	}
	p.run(chromedp.MouseClickXY(x, y))
}

var keyNames = map[string]string{
	"Escape": kb.Escape, "Enter": kb.Enter, "Tab": kb.Tab, "Delete": kb.Delete, "Backspace": kb.Backspace,
	"ArrowDown": kb.ArrowDown, "ArrowUp": kb.ArrowUp, "ArrowLeft": kb.ArrowLeft, "ArrowRight": kb.ArrowRight,
	"Home": kb.Home, "End": kb.End,
}

func (p *Page) key(k string, mods ...input.Modifier) {
	p.t.Helper()
	if v, ok := keyNames[k]; ok {
		k = v
	}
	var m input.Modifier
	for _, x := range mods {
		m |= x
	}
	if m != 0 {
		p.run(chromedp.KeyEvent(k, chromedp.KeyModifiers(m)))
	} else {
		p.run(chromedp.KeyEvent(k))
	}
}

// settle waits two animation frames (the page paints from requestAnimationFrame).
func (p *Page) settle() {
	p.t.Helper()
	var ok bool
	p.eval(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, &ok)
}

func (p *Page) screenshot(name string) {
	p.t.Helper()
	time.Sleep(120 * time.Millisecond) // the side panels are rebuilt 60 ms after a change
	p.settle()
	var buf []byte
	p.run(chromedp.CaptureScreenshot(&buf))
	if err := os.MkdirAll(artifactDir, 0o755); err != nil {
		p.t.Fatalf("%v", err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir, name+".png"), buf, 0o644); err != nil {
		p.t.Fatalf("%v", err)
	}
}

// export returns the project file as the core writes it.
func (p *Page) export() string {
	p.t.Helper()
	var s string
	p.eval(`spanmark.exportProject()`, &s)
	return s
}

// Project file types, for reading exports.
type projFile struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	Documents []struct {
		ID    string `json:"id"`
		Text  string `json:"text"`
		Spans []struct {
			ID        string         `json:"id"`
			Label     string         `json:"label"`
			Fragments []projFrag     `json:"fragments"`
			Attrs     map[string]any `json:"attrs"`
			Note      string         `json:"note"`
		} `json:"spans"`
		Relations []struct {
			ID, Type, From, To string
		} `json:"relations"`
	} `json:"documents"`
}

type projFrag struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

func parseProject(t tb, s string) projFile {
	t.Helper()
	var f projFile
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, s)
	}
	return f
}

// waitDownload waits for a completed download and returns its bytes.
func (p *Page) waitDownload() []byte {
	p.t.Helper()
	select {
	case guid := <-p.downs:
		b, err := os.ReadFile(filepath.Join(p.downDir, guid))
		if err != nil {
			p.t.Fatalf("reading the download: %v", err)
		}
		return b
	case <-time.After(10 * time.Second):
		p.t.Fatalf("no download within 10s")
	}
	return nil
}

// browserOptions are the flags every test browser runs with: headless in
// this sandbox (no GPU, no network beyond loopback), never throttled in the
// background, on its own profile directory.
func browserOptions(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", "new"),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.WindowSize(1360, 860),
		chromedp.UserDataDir(profile),
	}
}

// personProject is a project file with one document and a one-label
// schema (PERSON, hotkey 1).
func personProject(id, title, text string) []byte {
	b, err := json.Marshal(map[string]any{
		"format": "spanmark", "version": 1,
		"schema": map[string]any{
			"labels":    []map[string]any{{"name": "PERSON", "layer": "entity", "color": "#f4a261", "hotkey": "1"}},
			"relations": []any{},
			"overlap":   map[string]any{"entity": map[string]any{"crossing": false}, "claim": map[string]any{"crossing": false}},
		},
		"documents": []map[string]any{{
			"id": id, "title": title, "meta": map[string]any{}, "status": "todo",
			"text": text, "spans": []any{}, "relations": []any{},
		}},
	})
	if err != nil {
		panic(err)
	}
	return b
}

// labelUnlabelledWord selects the first word of four letters or more that
// no span covers in the open document and presses the label key k in the
// article.
func (p *Page) labelUnlabelledWord(k string) {
	p.t.Helper()
	var picked bool
	p.eval(`(() => {
		const v = smApp.view, re = /[A-Za-z]{4,}/g;
		let m;
		while ((m = re.exec(v.text))) {
			if (spanmark.spansIn(smApp.docId, m.index, m.index + m[0].length).length === 0) {
				getSelection().removeAllRanges();
				getSelection().addRange(v.range(m.index, m.index + m[0].length));
				return true;
			}
		}
		return false;
	})()`, &picked)
	if !picked {
		p.t.Fatalf("no unlabelled word to label")
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key(k)
}
