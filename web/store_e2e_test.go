package web_test

// Browser tests for autosave (store.js): reload, a killed browser, two
// tabs, storage full or unavailable, store versions.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// clearSaved deletes what autosave stored for the origin of pageURL (the
// harness calls it after each test, so that every test starts afresh).
func clearSaved(bctx context.Context, pageURL string) {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
		return
	}
	// every file:// page shares one origin, "file://": the single-file
	// tests would otherwise find each other's autosaved projects
	ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
	defer cancel()
	_ = chromedp.Run(ctx, storage.ClearDataForOrigin(u.Scheme+"://"+u.Host, "indexeddb,local_storage"))
}

const (
	jsSaveState = `document.getElementById("save-state").dataset.state`
	jsSaved     = jsSaveState + ` === "saved"`
	jsBanner    = `(b => b.hidden ? "" : b.textContent)(document.getElementById("store-banner"))`
	jsSpanCount = `spanmark.documents().reduce((n, d) => n + d.spans, 0)`
	// jsJournal counts the journal entries in IndexedDB.
	jsJournal = `new Promise((res, rej) => { const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
		r.onsuccess = () => { const db = r.result; const c = db.transaction("journal").objectStore("journal").count();
			c.onsuccess = () => { db.close(); res(c.result); }; }; })`
)

// burst labels n capitalised words of the open document through the
// page's own path (smApp.addSpan, as a label key does), with a relabel, a
// note, a removal, undo and redo, a status, and a few spans in the second
// document; it returns the number of spans added.
func burst(p *Page, n int) int {
	p.t.Helper()
	var added int
	p.eval(fmt.Sprintf(`(() => {
		const app = smApp, labels = app.schema.labels.filter(l => l.layer === "entity").map(l => l.name);
		const total = () => spanmark.documents().reduce((n, d) => n + d.spans, 0);
		const start = total();
		const label = (k, lim) => {
			const re = /\b[A-Z][a-z]{3,}\b/g; let m, i = 0;
			while (i < lim && (m = re.exec(app.view.text))) {
				if (spanmark.spansAt(app.docId, m.index).length) continue;
				app.addSpan(labels[(i + k) %% labels.length], m.index, m.index + m[0].length); i++;
			}
		};
		label(0, %d);
		app.relabel("ORG");
		app.edit("setNote", app.docId, app.selectedId(), "checked — ✓ 東京");
		app.removeSelected();
		app.undo(); app.redo(); app.undo();
		app.edit("setStatus", app.docId, "in_progress");
		app.nextDoc(1);
		label(3, 5);
		app.nextDoc(-1);
		return total() - start;
	})()`, n), &added)
	return added
}

// TestStoreReload: label (real events and a burst), reload, everything is back.
func TestStoreReload(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	// The indicator leaves "Saved" in the task of the change (once its
	// microtasks, which issue the journal write, have run), before any
	// frame: a reload once it says "Saved" must keep everything.
	var state string
	p.eval(`(async () => { const i = smApp.view.text.indexOf("Baku"); smApp.addSpan("GPE", i, i + 4); await null; return `+jsSaveState+`; })()`, &state)
	if state != "saving" {
		t.Errorf("right after a change the indicator's state is %q, want saving", state)
	}
	p.waitFor(jsSaved)
	// "Saving…" and "✓ Saved" are both in a box of fixed size (style.css),
	// one shown: each must fit in it, and the turns must show exactly the
	// one the state says (measured on a copy of the indicator set to each)
	for _, c := range [][2]string{{"saving", "Saving…"}, {"saved", "✓ Saved"}} {
		var fit string
		p.eval(fmt.Sprintf(`(() => {
			const el = document.getElementById("save-state"), c = el.cloneNode(true);
			c.removeAttribute("id"); c.removeAttribute("role"); c.removeAttribute("aria-live");
			c.dataset.state = %q;
			el.after(c);
			const b = c.firstElementChild, kids = [...b.children];
			const shown = kids.filter(k => getComputedStyle(k).visibility === "visible");
			const text = shown.map(k => (getComputedStyle(k, "::before").content.replace(/^"|"$/g, "").replace("none", "") + k.textContent)).join("|");
			const w = Math.max(...kids.map(k => k.getBoundingClientRect().width));
			const ok = kids.length === 2 && w <= b.clientWidth && getComputedStyle(b).contain === "strict" && b.clientWidth > 30;
			c.remove();
			return (ok ? "fits " : "does not fit ") + text + ": " + w + " in " + b.clientWidth;
		})()`, c[0]), &fit)
		if !strings.HasPrefix(fit, "fits "+c[1]+":") {
			t.Errorf("indicator %s: %s, want it to fit and show %q", c[0], fit, c[1])
		}
	}
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.dragSelect("Times", "", 0)
	p.key("2")
	p.key("z", input.ModifierCtrl)                     // undo ORG
	p.key("z", input.ModifierCtrl|input.ModifierShift) // redo it
	if n := burst(p, 40); n < 40 {
		t.Fatalf("the burst added %d spans, want at least 40", n)
	}
	p.waitFor(jsSaved)
	var journal int
	p.eval(jsJournal, &journal)
	if journal < 50 {
		t.Errorf("journal has %d entries after ~55 changes", journal)
	}
	before := p.export()
	if !strings.Contains(before, `"Barack Obama"`) || !strings.Contains(before, "東京") {
		t.Fatalf("export before reload lacks the labelled spans:\n%.400s", before)
	}
	p.run(chromedp.Reload())
	p.waitReady()
	p.waitFor(jsSaved)
	if after := p.export(); after != before {
		t.Fatalf("after reload the project differs:\n%s", firstDiff(before, after))
	}

	// A change and a reload at once, without waiting for "Saved": the
	// journal write is issued in the same task as the change.
	p.dragSelect("Iran", "", 0)
	p.key("3")
	before = p.export()
	p.run(chromedp.Reload())
	p.waitReady()
	if after := p.export(); after != before {
		t.Fatalf("a reload right after a change lost it:\n%s", firstDiff(before, after))
	}
	p.noErrors()
}

// TestStoreKilledBrowser: a burst of labelling, 1.5 s, SIGKILL the browser;
// a new browser on the same profile and origin has every span back.
func TestStoreKilledBrowser(t *testing.T) {
	path := chromiumPath()
	if path == "" {
		t.Skip("Chromium not found")
	}
	needBrowser(t) // the wasm is built
	// Not t.TempDir: a SIGKILLed Chromium's helper processes may still be
	// writing to the profile as the test ends, and t.TempDir fails the test
	// when it cannot remove it. Removal here is best effort, after a wait.
	dir, err := os.MkdirTemp("", "spanmark-killed-profile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	srv := serve() // one server, one port: the same origin for both browsers

	b1, stop1 := ownBrowser(t, path, dir)
	p := pageIn(t, b1, srv.URL+"/")
	p.waitFor(jsSaved)
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.dragSelect("Times", "", 0)
	p.key("2")
	if n := burst(p, 120); n < 120 {
		t.Fatalf("the burst added %d spans", n)
	}
	before := p.export()
	var spans int
	p.eval(jsSpanCount, &spans)
	time.Sleep(1500 * time.Millisecond)
	var state string
	p.eval(jsSaveState, &state)

	proc := chromedp.FromContext(b1).Browser.Process()
	if proc == nil {
		t.Fatal("no browser process")
	}
	if err := proc.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	waitGone(t, proc.Pid, dir)
	stop1()
	t.Logf("killed Chromium (pid %d) with %d spans on the page; indicator said %q", proc.Pid, spans, state)

	b2, _ := ownBrowser(t, path, dir)
	q := pageIn(t, b2, srv.URL+"/")
	q.waitFor(jsSaved)
	after := q.export()
	var spans2 int
	q.eval(jsSpanCount, &spans2)
	if after != before {
		t.Fatalf("after the kill: %d spans, before %d; the project differs:\n%s", spans2, spans, firstDiff(before, after))
	}
	if state != "saved" {
		t.Errorf("1.5 s after the burst the indicator said %q, want saved", state)
	}
	q.screenshot("store-after-kill")
	q.noErrors()
}

// TestStoreKilledBrowserProject: a project opened by its URL on a first
// visit (interactive before the store opened, store.beginEarly), one label
// key, saved; SIGKILL the browser; a new browser on the same profile
// restores the project with the span. (It may fetch and open the file
// first: localStorage's "store opened" flag is written to disk lazily, and
// the kill can lose it; the page then takes the visit for a first one, and
// the saved project, found once the store opens, replaces the file.)
func TestStoreKilledBrowserProject(t *testing.T) {
	path := chromiumPath()
	if path == "" {
		t.Skip("Chromium not found")
	}
	needBrowser(t)
	addExtra("/_test/k5.json", textProject(5_000, "k5", "Five thousand characters"))
	dir, err := os.MkdirTemp("", "spanmark-killed-profile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	srv := serve()
	b1, stop1 := ownBrowser(t, path, dir)
	p := pageIn(t, b1, srv.URL+"/?project=/_test/k5.json")
	p.labelUnlabelledWord("1")
	p.waitFor(jsSaved)
	before := p.export()
	var spans int
	p.eval(jsSpanCount, &spans)
	if spans != 51 {
		t.Fatalf("%d spans after the label key, want 51", spans)
	}
	proc := chromedp.FromContext(b1).Browser.Process()
	if proc == nil {
		t.Fatal("no browser process")
	}
	if err := proc.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	waitGone(t, proc.Pid, dir)
	stop1()
	b2, _ := ownBrowser(t, path, dir)
	q := pageIn(t, b2, srv.URL+"/?project=/_test/k5.json")
	q.waitFor(jsSaved)
	if after := q.export(); after != before {
		t.Fatalf("after the kill the project differs:\n%s", firstDiff(before, after))
	}
	q.noErrors()
}

// ownBrowser starts a Chromium of its own on the profile dir (the shared
// browser's flags); stop ends it.
func ownBrowser(t *testing.T, path, dir string) (context.Context, func()) {
	t.Helper()
	opts := browserOptions(path, dir)
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, c2 := chromedp.NewContext(actx)
	if err := chromedp.Run(bctx); err != nil {
		c2()
		c1()
		t.Fatalf("starting Chromium on %s: %v", dir, err)
	}
	stop := func() { c2(); c1() }
	t.Cleanup(stop)
	return bctx, stop
}

// pageIn opens pageURL in a new tab of bctx and waits until it is ready.
func pageIn(t *testing.T, bctx context.Context, pageURL string) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	p := &Page{t: t, ctx: ctx, downs: make(chan string, 8)}
	if err := chromedp.Run(ctx, page.BringToFront()); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	p.run(chromedp.Navigate(pageURL))
	p.waitReady()
	return p
}

// waitGone waits until the killed browser and every process of its
// profile are gone (a child still holding the profile's storage would
// make the next browser's IndexedDB fail).
func waitGone(t *testing.T, pid int, dir string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		alive := false
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil && !strings.Contains(string(b), ") Z ") {
			alive = true
		}
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			if b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil && strings.Contains(string(b), dir) {
				if s, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); !strings.Contains(string(s), ") Z ") {
					alive = true
				}
			}
		}
		if !alive {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("Chromium (pid %d) still running 15 s after SIGKILL", pid)
}

// TestStoreTwoTabs: the second tab opens read-only and says so; Take over
// makes it the writer (with the latest saved project) and the first tab
// read-only.
func TestStoreTwoTabs(t *testing.T) {
	a := openPage(t, "/")
	a.waitFor(jsSaved)
	a.dragSelect("Barack Obama", "", 0)
	a.key("1")
	a.waitFor(jsSaved)

	b := openPage(t, "/")
	b.waitFor(`document.getElementById("save-state").dataset.state === "readonly"`)
	var msg string
	b.eval(jsBanner, &msg)
	if !strings.Contains(msg, "another tab") || !strings.Contains(msg, "Take over") {
		t.Errorf("second tab's banner: %q", msg)
	}
	if b.export() != a.export() {
		t.Errorf("the second tab does not show the saved project")
	}
	b.screenshot("store-second-tab-readonly")

	// Edits in the read-only tab are refused, with a message, and nothing is journaled.
	var j0, j1 int
	b.eval(jsJournal, &j0)
	spansA := a.export()
	b.dragSelect("Times", "", 0)
	b.key("2")
	b.waitFor(`document.getElementById("toasts").textContent.includes("read-only")`)
	var n int
	b.eval(jsSpanCount, &n)
	if n != 1 {
		t.Errorf("read-only tab: %d spans after a label key, want 1 (refused)", n)
	}
	b.eval(jsJournal, &j1)
	if j1 != j0 {
		t.Errorf("read-only tab wrote to the journal: %d → %d entries", j0, j1)
	}

	// The first tab keeps working; then the second takes over and has that work.
	a.run(page.BringToFront())
	a.dragSelect("Times", "", 0)
	a.key("2")
	a.waitFor(jsSaved)
	spansA = a.export()
	b.run(page.BringToFront())
	b.run(chromedp.Click("#store-takeover", chromedp.ByQuery))
	b.waitFor(jsSaved)
	b.eval(jsBanner, &msg)
	if msg != "" {
		t.Errorf("banner still shown after Take over: %q", msg)
	}
	if got := b.export(); got != spansA {
		t.Fatalf("after Take over the second tab lacks the first tab's latest work:\n%s", firstDiff(spansA, got))
	}
	a.waitFor(`document.getElementById("save-state").dataset.state === "readonly"`)
	a.eval(jsBanner, &msg)
	if !strings.Contains(msg, "took over") {
		t.Errorf("first tab's banner after the take-over: %q", msg)
	}
	a.run(page.BringToFront()) // a background tab paints no frames
	a.screenshot("store-first-tab-after-takeover")
	b.run(page.BringToFront())

	// The first tab now refuses; the second saves.
	var refused string
	a.eval(`(() => { try { spanmark.setStatus(smApp.docId, "done"); return ""; } catch (e) { return e.code; } })()`, &refused)
	if refused != "read_only" {
		t.Errorf("edit in the tab that lost the writer role: %q, want read_only", refused)
	}
	b.dragSelect("Iran", "", 0)
	b.key("3")
	b.waitFor(jsSaved)
	want := b.export()
	b.run(chromedp.Reload())
	b.waitReady()
	if got := b.export(); got != want {
		t.Fatalf("the new writer's work did not survive a reload:\n%s", firstDiff(want, got))
	}
	a.noErrors()
	b.noErrors()
}

// TestStoreStaleWriter: a tab whose writer role another tab has claimed
// (here the claim is made on the store directly, as claim() makes it,
// before this tab hears of it) still writes its next change, as a journal
// write commits without waiting for the page; it then says it lost the
// role, and the entry is never replayed: the next claim drops it.
func TestStoreStaleWriter(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.waitFor(jsSaved)
	kept := p.export()
	var j0 int
	p.eval(jsJournal, &j0)
	var ok bool
	p.eval(`new Promise((res, rej) => { const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
		r.onsuccess = () => { const db = r.result, tx = db.transaction(["meta", "journal"], "readwrite");
			const meta = tx.objectStore("meta"), keys = tx.objectStore("journal").getAllKeys();
			keys.onsuccess = () => { const g = meta.get("store");
				g.onsuccess = () => meta.put({ ...g.result, epoch: g.result.epoch + 1, from: keys.result[keys.result.length - 1] + 1 }); };
			tx.oncomplete = () => { db.close(); res(true); }; tx.onabort = () => rej(tx.error); }; })`, &ok)
	p.dragSelect("Iran", "", 0)
	p.key("3")
	p.waitFor(`document.getElementById("save-state").dataset.state === "readonly"`)
	var msg string
	p.eval(jsBanner, &msg)
	if !strings.Contains(msg, "took over") || !strings.Contains(msg, "not saved") {
		t.Errorf("banner after the stale write: %q", msg)
	}
	var j1 int
	p.eval(jsJournal, &j1)
	if j1 != j0+1 {
		t.Errorf("journal: %d entries before the stale change, %d after, want one more (written, then dropped)", j0, j1)
	}
	// a new tab claims the store (a reload of this one would first ask
	// whether to leave with a change unsaved)
	q := openPage(t, "/")
	q.waitFor(jsSaved)
	if got := q.export(); got != kept {
		t.Fatalf("the stale tab's change was replayed:\n%s", firstDiff(kept, got))
	}
	var j2 int
	q.eval(jsJournal, &j2)
	if j2 != j0 {
		t.Errorf("journal after the next claim: %d entries, want %d (the stale one dropped)", j2, j0)
	}
	p.noErrors()
	q.noErrors()
}

// TestStoreFailures: storage full (an exception from put/add, or a
// transaction that aborts) or unavailable: a banner at once, an export,
// never "Saved".
func TestStoreFailures(t *testing.T) {
	cases := []struct{ name, script, banner, state string }{
		{"quota exceeded", `for (const m of ["put", "add"]) IDBObjectStore.prototype[m] = function () {
			throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };`, "storage for this page is full", "Not saved: storage full"},
		// the browser aborts the journal's transaction as it commits (the
		// journal commits at once, see flush in store.js)
		{"transaction aborts", `IDBTransaction.prototype.commit = function () { this.abort(); };`, "aborted the save", "Not saved: storage error"},
		{"unavailable", `IDBFactory.prototype.open = function () {
			throw new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError"); };`, "storage cannot be opened", "Not saved: storage unavailable"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := openPage(t, "/")
			p.run(chromedp.ActionFunc(func(ctx context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(c.script).Do(ctx)
				return err
			}))
			p.run(chromedp.Reload())
			p.waitReady()
			p.dragSelect("Barack Obama", "", 0)
			p.key("1")
			p.waitFor(`!document.getElementById("store-banner").hidden`)
			var msg, state string
			p.eval(jsBanner, &msg)
			p.eval(`document.getElementById("save-state").textContent`, &state)
			if !strings.Contains(msg, "NOT being saved") || !strings.Contains(msg, c.banner) {
				t.Errorf("banner: %q, want it to say %q", msg, c.banner)
			}
			if state != c.state {
				t.Errorf("indicator: %q, want %q", state, c.state)
			}
			// more work: still not "Saved"
			p.dragSelect("Times", "", 0)
			p.key("2")
			time.Sleep(300 * time.Millisecond)
			p.eval(jsSaveState, &state)
			if state != "unsaved" {
				t.Errorf("indicator after more work: %q, want unsaved", state)
			}
			p.screenshot(fmt.Sprintf("store-failure-%d", i+1))
			p.run(chromedp.Click("#store-export", chromedp.ByQuery))
			got := string(p.waitDownload())
			if !strings.Contains(got, `"Barack Obama"`) || !strings.Contains(got, `"Times"`) {
				t.Errorf("the banner's export lacks the spans:\n%.300s", got)
			}
			p.noErrors()
		})
	}
}

// TestStoreVersions: a page opens an older (v1) store and upgrades it; a
// store newer than the page is neither read nor written, and the page says why.
func TestStoreVersions(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.dragSelect("Times", "", 0)
	p.key("2")
	project := p.export()
	other := serve().URL + "/sample/iran-us-talks.txt" // same origin, no app: the store is closed
	var ok bool

	t.Run("v1 upgraded", func(t *testing.T) {
		p.run(chromedp.Navigate(other))
		p.eval(fmt.Sprintf(`new Promise((res, rej) => {
			const d = indexedDB.deleteDatabase("spanmark");
			d.onerror = () => rej(d.error);
			d.onsuccess = () => {
				const r = indexedDB.open("spanmark", 1);
				r.onupgradeneeded = () => {
					const db = r.result;
					db.createObjectStore("meta", {keyPath: "key"}).put({key: "store", storeVersion: 1, epoch: 4});
					db.createObjectStore("project", {keyPath: "id"}).put({id: "current", json: %s, savedAt: 1700000000000});
				};
				r.onsuccess = () => { r.result.close(); res(true); };
				r.onerror = () => rej(r.error);
			};
		})`, jsString(project)), &ok)
		p.run(chromedp.Navigate(serve().URL + "/"))
		p.waitReady()
		p.waitFor(jsSaved)
		if got := p.export(); got != project {
			t.Fatalf("the v1 store's project was not restored:\n%s", firstDiff(project, got))
		}
		var layout string
		p.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
			const g = db.transaction("meta").objectStore("meta").get("store");
			g.onsuccess = () => { res(db.version + " " + [...db.objectStoreNames].join(",") + " " + JSON.stringify(g.result)); db.close(); }; }; })`, &layout)
		if want := `3 base,journal,meta {"key":"store","storeVersion":3,"epoch":5,"from":0}`; layout != want {
			t.Errorf("store after the upgrade: %s, want %s", layout, want)
		}
		// and it keeps working as a v3 store
		p.dragSelect("Iran", "", 0)
		p.key("3")
		p.waitFor(jsSaved)
		want := p.export()
		p.run(chromedp.Reload())
		p.waitReady()
		if got := p.export(); got != want {
			t.Fatalf("after the upgrade, a change was not kept:\n%s", firstDiff(want, got))
		}
	})

	t.Run("newer refused", func(t *testing.T) {
		p.run(chromedp.Navigate(other))
		seed := `{"key":"store","storeVersion":99,"epoch":7,"future":"opaque"}`
		p.eval(fmt.Sprintf(`new Promise((res, rej) => {
			const d = indexedDB.deleteDatabase("spanmark");
			d.onsuccess = () => {
				const r = indexedDB.open("spanmark", 99);
				r.onupgradeneeded = () => {
					r.result.createObjectStore("meta", {keyPath: "key"}).put(%s);
					r.result.createObjectStore("timeline");
				};
				r.onsuccess = () => { r.result.close(); res(true); };
				r.onerror = () => rej(r.error);
			};
		})`, seed), &ok)
		p.run(chromedp.Navigate(serve().URL + "/"))
		p.waitReady()
		var msg, state string
		p.eval(jsBanner, &msg)
		p.eval(`document.getElementById("save-state").textContent`, &state)
		if !strings.Contains(msg, "newer version of spanmark (store version 99)") || !strings.Contains(msg, "store version 3") || !strings.Contains(msg, "NOT saved") {
			t.Errorf("banner: %q", msg)
		}
		if state != "Not saved: saved by a newer spanmark" {
			t.Errorf("indicator: %q", state)
		}
		var n int
		p.eval(jsSpanCount, &n)
		if n != 0 {
			t.Errorf("the page shows %d spans: it read the newer store?", n)
		}
		p.dragSelect("Barack Obama", "", 0) // the page still works, in memory
		p.key("1")
		p.eval(jsSpanCount, &n)
		if n != 1 {
			t.Errorf("labelling with a newer store: %d spans, want 1", n)
		}
		p.screenshot("store-newer-refused")
		// Leaving with changes that could not be saved asks first.
		_ = chromedp.Run(p.ctx, chromedp.Navigate(other))
		if d := p.Dialogs(); len(d) != 1 || !strings.HasPrefix(d[0], "beforeunload") {
			t.Errorf("leaving the page with unsaved changes: dialogs %q, want one beforeunload", d)
		}
		qctx, cancel := chromedp.NewContext(p.ctx) // a new tab
		t.Cleanup(cancel)
		if err := chromedp.Run(qctx); err != nil { // the first Run creates the tab: the tab's own context
			t.Fatal(err)
		}
		q := &Page{t: t, ctx: qctx}
		q.run(chromedp.Navigate(other))
		var layout string
		q.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
			const g = db.transaction("meta").objectStore("meta").get("store");
			g.onsuccess = () => { res(db.version + " " + [...db.objectStoreNames].join(",") + " " + JSON.stringify(g.result)); db.close(); }; }; })`, &layout)
		if want := "99 meta,timeline " + seed; layout != want {
			t.Errorf("the newer store was touched: %s, want %s", layout, want)
		}
	})
}

// firstDiff shows where two exports first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("lengths %d and %d, first difference at byte %d:\n--- want ...%s\n--- got  ...%s",
		len(a), len(b), i, a[lo:min(len(a), i+200)], b[lo:min(len(b), i+200)])
}

// BenchmarkStoreRestore1M: autosave on the 1M-character project (10,000
// spans). ms-commit-median/p95: one edit's journal transaction, from its
// flush to IndexedDB's commit (strict durability; off the main thread).
// ms-restore-300: start-up load of the base plus replay of 300 journaled
// edits; ms-compact: the export + reload that then rewrites the base;
// ms-restore-base: start-up load of a base alone; ms-interactive-*: the
// page's sm-interactive mark on those two reloads.
func BenchmarkStoreRestore1M(b *testing.B) {
	bigProject()
	var commit50, commit95, restore300, compact, restoreBase, inter300, interBase float64
	for i := 0; i < b.N; i++ {
		p := openPage(b, "/?project=/_test/big.json")
		p.waitFor(jsSaved)
		var n int
		p.eval(`(async () => {
			const app = smApp, re = /\b[a-z]{6,}\b/g; let m, n = 0;
			while (n < 300 && (m = re.exec(app.view.text))) {
				if (spanmark.spansAt(app.docId, m.index).length) continue;
				app.addSpan("ORG", m.index, m.index + m[0].length); n++;
				await new Promise(r => setTimeout(r, 2)); // one edit per task, as typing does
			}
			return n;
		})()`, &n)
		if n != 300 {
			b.Fatalf("labelled %d words", n)
		}
		p.waitFor(jsSaved)
		var lat []float64
		p.eval(`smStore.state().commitMs`, &lat)
		sort.Float64s(lat)
		commit50, commit95 = lat[len(lat)/2], lat[len(lat)*95/100]
		want := p.export()
		p.run(chromedp.Reload())
		p.waitReady()
		if p.export() != want {
			b.Fatal("restore differs")
		}
		p.eval(`performance.getEntriesByName("sm-restore")[0].duration`, &restore300)
		p.eval(`performance.getEntriesByName("sm-compact")[0].duration`, &compact)
		p.eval(`performance.getEntriesByName("sm-interactive")[0].startTime`, &inter300)
		p.waitFor(jsSaved)
		p.run(chromedp.Reload())
		p.waitReady()
		p.eval(`performance.getEntriesByName("sm-restore")[0].duration`, &restoreBase)
		p.eval(`performance.getEntriesByName("sm-interactive")[0].startTime`, &interBase)
		if p.export() != want {
			b.Fatal("restore from the compacted base differs")
		}
		chromedp.Cancel(p.ctx) // close the tab (its lock and store connection), then start afresh
		clearSaved(needBrowser(b), serve().URL)
	}
	b.ReportMetric(commit50, "ms-commit-median")
	b.ReportMetric(commit95, "ms-commit-p95")
	b.ReportMetric(restore300, "ms-restore-300")
	b.ReportMetric(compact, "ms-compact")
	b.ReportMetric(restoreBase, "ms-restore-base")
	b.ReportMetric(inter300, "ms-interactive-300")
	b.ReportMetric(interBase, "ms-interactive-base")
}
