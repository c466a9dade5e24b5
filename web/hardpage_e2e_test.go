package web_test

// Hardening the page and the store against large and hostile input
// (issue 23): a dataset too large for one call's arguments, saved work
// that cannot be restored, files that enter the page by any door, stale
// copies and modules after an update, label names that look like the
// page's own.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/internal/jsbundle"
	"github.com/spanmark/spanmark/web"
)

// A project of 130,000 short records (a dataset `spanmark validate` says is
// fine), saved as the store's base (as an import or Open… saves it), opens
// at start-up: the document list and menu were built with append(...all),
// which overflowed the call stack above ~125,000 documents, at every start.
func TestE2EManyRecordsStart(t *testing.T) {
	if testing.Short() {
		t.Skip("a 130,000-document project: not in -short")
	}
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	const n = 130000
	addExtra("/_test/records-130k.json", p.manyDocsProject(n))
	var ok bool
	p.eval(`fetch("/_test/records-130k.json").then(r => r.text()).then(json => new Promise((res, rej) => {
		const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
		r.onsuccess = () => { const db = r.result, tx = db.transaction(["base", "journal"], "readwrite");
			tx.objectStore("base").put({ key: "base", json, history: "", source: "import", savedAt: Date.now() });
			tx.objectStore("journal").clear();
			tx.oncomplete = () => { db.close(); res(true); }; tx.onabort = () => rej(tx.error); }; }))`, &ok)
	p.run(chromedp.Reload())
	p.waitSlow(`document.documentElement.dataset.ready === "1"`, 600*time.Second)
	var got struct {
		Options, Blocks int
		Doc, Banner     string
	}
	p.eval(`({options: document.getElementById("doc-select").options.length,
		blocks: document.querySelectorAll("#doc-list > .doc-chunk").length,
		doc: smApp.docId, banner: `+jsBanner+`})`, &got)
	if got.Options != n || got.Blocks != n/100 || got.Doc != "d0000" || got.Banner != "" {
		t.Fatalf("after a reload: %+v, want %d options, %d blocks, d0000 open, no banner", got, n, n/100)
	}
	p.noErrors()
}

// waitSlow polls a JS boolean for up to d, each evaluation allowed to wait
// as long as the page's main thread is busy (loading a large project holds
// it for tens of seconds on a loaded machine).
func (p *Page) waitSlow(js string, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		var ok bool
		ctx, cancel := context.WithTimeout(p.ctx, time.Until(deadline))
		err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok))
		cancel()
		if err != nil {
			p.t.Fatalf("waiting for %s: %v; errors: %v", js, err, p.Errors())
		}
		if ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatalf("timed out after %v waiting for %s; errors: %v", d, js, p.Errors())
}

// A dataset of a million records (a 25 MB JSON Lines file, under the file
// size limit) is refused by the import with one clear message, and the
// project is unchanged.
func TestE2EMillionRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,000,000-record import: not in -short")
	}
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	before := p.export()
	var b strings.Builder
	for i := range 1000000 {
		fmt.Fprintf(&b, "{\"text\": \"Record %d.\"}\n", i)
	}
	file := filepath.Join(t.TempDir(), "million.jsonl")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p.run(chromedp.SetUploadFiles("#import-file", []string{file}, chromedp.ByQuery))
	p.waitSlow(`document.getElementById("im-errors").textContent !== ""`, 300*time.Second)
	var msg string
	p.eval(`document.getElementById("im-summary").textContent + " | " + document.getElementById("im-errors").textContent`, &msg)
	if !strings.Contains(msg, "Nothing was imported") || !strings.Contains(msg, "would have 1,000,000 documents; spanmark holds at most 200,000 documents in one project") {
		t.Fatalf("import of a million records: %q", msg)
	}
	if got := p.export(); got != before {
		t.Fatalf("the refused import changed the project:\n%s", firstDiff(before, got))
	}
	p.noErrors()
}

// plantSaved runs body(tx, meta) in a readwrite transaction over the
// store's object stores, from the page.
func (p *Page) plantSaved(body string) {
	p.t.Helper()
	var ok bool
	p.eval(`new Promise((res, rej) => { const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
		r.onsuccess = () => { const db = r.result, tx = db.transaction(["meta", "base", "journal"], "readwrite");
			const g = tx.objectStore("meta").get("store");
			g.onsuccess = () => { const meta = g.result; `+body+` };
			tx.oncomplete = () => { db.close(); res(true); }; tx.onabort = () => rej(tx.error); }; })`, &ok)
}

type savedData struct {
	Marker int    `json:"spanmark_saved_data"`
	Error  string `json:"error"`
	Base   struct {
		JSON   string `json:"json"`
		Source string `json:"source"`
	} `json:"base"`
	Journal []struct {
		M string          `json:"m"`
		A json.RawMessage `json:"a"`
	} `json:"journal"`
}

// Saved work the page cannot restore (a base the core refuses: cut short,
// and a journal entry that cannot replay) no longer stops start-up: the
// page starts empty, says what failed, saves nothing over the saved data,
// offers it for download as it is, and sets it aside (kept in the browser)
// on request; from then on work is saved.
func TestE2EStartupRecovery(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.waitFor(jsSaved)
	var cut string
	p.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
		const g = db.transaction("base").objectStore("base").get("base"); g.onsuccess = () => { db.close(); res(g.result.json.slice(0, 5000)); }; }; })`, &cut)
	p.plantSaved(fmt.Sprintf(`const b = tx.objectStore("base"), bg = b.get("base");
		bg.onsuccess = () => b.put({ ...bg.result, json: %q });
		tx.objectStore("journal").add({ m: "addSpan", a: ["no-such-doc", "PERSON", 0, 4], r: "s9", e: meta.epoch });`, cut))

	for round := range 2 { // a reload before deciding finds the saved data as it was
		p.run(chromedp.Reload())
		p.waitReady()
		var st struct {
			Banner, State string
			Docs          int
		}
		p.eval(`({banner: `+jsBanner+`, state: `+jsSaveState+`, docs: spanmark.documents().length})`, &st)
		if !strings.Contains(st.Banner, "could not be restored") || !strings.Contains(st.Banner, "cut short") ||
			st.State != "unsaved" || st.Docs != 0 {
			t.Fatalf("round %d: after a reload with a corrupt base: %+v", round, st)
		}
	}
	// nothing is saved over the saved data meanwhile
	var ok bool
	p.eval(`(smApp.docs.openPaste(), document.getElementById("paste-text").value = "A new article about Tehran.", true)`, &ok)
	p.run(chromedp.Click("#paste-form button[type=submit]", chromedp.ByQuery))
	p.waitFor(`spanmark.documents().length === 1`)
	var base string
	p.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
		const g = db.transaction("base").objectStore("base").get("base"); g.onsuccess = () => { db.close(); res(g.result.json); }; }; })`, &base)
	if base != cut {
		t.Fatalf("the saved base changed before the user decided (%d bytes, want the %d planted)", len(base), len(cut))
	}
	p.screenshot("store-recovery")

	// Download: the saved data exactly as it is.
	p.run(chromedp.Click("#store-download", chromedp.ByQuery))
	var sd savedData
	if err := json.Unmarshal(p.waitDownload(), &sd); err != nil {
		t.Fatalf("the download is not JSON: %v", err)
	}
	if sd.Marker != 1 || sd.Base.JSON != cut || len(sd.Journal) != 2 || sd.Journal[1].M != "addSpan" || !strings.Contains(string(sd.Journal[1].A), `"no-such-doc"`) ||
		!strings.Contains(sd.Error, "cut short") {
		t.Fatalf("downloaded saved data: marker %d, base %d bytes (want %d), journal %+v, error %q", sd.Marker, len(sd.Base.JSON), len(cut), sd.Journal, sd.Error)
	}

	// Set aside: kept in the browser; the page's project is saved from now on.
	p.run(chromedp.Click("#store-aside", chromedp.ByQuery))
	p.waitFor(jsSaved)
	var aside []struct {
		Base struct {
			JSON string `json:"json"`
		} `json:"base"`
		Journal []any `json:"journal"`
	}
	p.eval(`smStore.asides()`, &aside)
	if len(aside) != 1 || aside[0].Base.JSON != cut || len(aside[0].Journal) != 2 {
		t.Fatalf("set aside: %d records (want 1 with the planted base and 2 journal entries)", len(aside))
	}
	want := p.export()
	p.run(chromedp.Reload())
	p.waitReady()
	p.waitFor(jsSaved)
	var banner string
	p.eval(jsBanner, &banner)
	if got := p.export(); got != want || banner != "" {
		t.Fatalf("after setting aside and a reload: banner %q, project:\n%s", banner, firstDiff(want, got))
	}
	p.noErrors()
}

// A base kept as bytes (Compare…'s gold project is handed to the core, and
// kept by the autosave, as a Uint8Array) restores as a text base does, and
// when it cannot be restored the download gives its text, not its bytes.
func TestE2EStartupRecoveryBytes(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	var whole string
	p.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
		const g = db.transaction("base").objectStore("base").get("base"); g.onsuccess = () => { db.close(); res(g.result.json); }; }; })`, &whole)
	plant := func(json string) {
		p.plantSaved(fmt.Sprintf(`const b = tx.objectStore("base"), bg = b.get("base");
			bg.onsuccess = () => b.put({ ...bg.result, json: new TextEncoder().encode(%q) });
			tx.objectStore("journal").clear();`, json))
		p.run(chromedp.Reload())
		p.waitReady()
	}
	// the whole project, as bytes: restored
	want := p.export()
	plant(whole)
	p.waitFor(jsSaved)
	var banner string
	p.eval(jsBanner, &banner)
	if got := p.export(); got != want || banner != "" {
		t.Fatalf("a base kept as bytes: banner %q, project:\n%s", banner, firstDiff(want, got))
	}
	// cut short: refused, and downloaded as its text
	cut := whole[:5000]
	plant(cut)
	p.eval(jsBanner, &banner)
	if !strings.Contains(banner, "could not be restored") || !strings.Contains(banner, "cut short") {
		t.Fatalf("a base of bytes cut short: banner %q", banner)
	}
	p.run(chromedp.Click("#store-download", chromedp.ByQuery))
	var sd savedData
	if err := json.Unmarshal(p.waitDownload(), &sd); err != nil {
		t.Fatalf("the download is not JSON: %v", err)
	}
	if sd.Base.JSON != cut {
		t.Fatalf("downloaded saved data: base %d bytes %.60q…, want the %d planted", len(sd.Base.JSON), sd.Base.JSON, len(cut))
	}
	p.noErrors()
}

// A journal entry that does not replay (the base is fine): the project is
// restored, the banner says so and offers the saved data as it is.
func TestE2EStartupBadJournal(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.waitFor(jsSaved)
	want := p.export()
	p.plantSaved(`tx.objectStore("journal").add({ m: "relabel", a: [null], r: "", e: meta.epoch });
		tx.objectStore("journal").add({ m: "noSuchMethod", a: 7, e: meta.epoch });`)
	p.run(chromedp.Reload())
	p.waitReady()
	var banner string
	p.eval(jsBanner, &banner)
	if !strings.Contains(banner, "did not replay") {
		t.Errorf("banner: %q", banner)
	}
	if got := p.export(); got != want {
		t.Fatalf("the project restored around the bad entries:\n%s", firstDiff(want, got))
	}
	p.run(chromedp.Click("#store-download", chromedp.ByQuery))
	var sd savedData
	if err := json.Unmarshal(p.waitDownload(), &sd); err != nil {
		t.Fatalf("the download is not JSON: %v", err)
	}
	if len(sd.Journal) != 3 || sd.Journal[2].M != "noSuchMethod" {
		t.Fatalf("downloaded journal: %+v", sd.Journal)
	}
	p.noErrors()
}

// Each copy of the single file is its own workspace (issue 22 #12, issue
// 23 #8): every file:// page is one origin, so two copies in two folders
// shared one store; the second opened read-only, and opening a project in
// it replaced the first copy's saved work.
func TestE2EDistCopiesOwnStore(t *testing.T) {
	needBrowser(t)
	file := buildDist(t)
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var copies []string
	for _, sub := range []string{"a", "b c", "c"} { // a space: the path is keyed as the URL has it
		p := filepath.Join(dir, sub, "spanmark.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, html, 0o644); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, "file://"+strings.ReplaceAll(p, " ", "%20"))
	}
	a := openURL(t, copies[0], nil, true)
	a.waitFor(jsSaved)
	a.label("Barack Obama", "1", "sm-PERSON", "copy a")
	a.waitFor(jsSaved)
	wantA := a.export()

	// Work saved before stores were keyed by path (under the shared
	// "spanmark" database) goes to the first copy opened with an empty
	// store, once; the shared store is kept, marked as taken.
	legacy := string(personProject("legacy", "Saved before", "Grace Hopper found a moth."))
	var ok bool
	a.eval(`new Promise((res, rej) => { const r = indexedDB.open("spanmark", 3);
		r.onupgradeneeded = () => { const db = r.result; db.createObjectStore("meta", { keyPath: "key" });
			db.createObjectStore("base", { keyPath: "key" }); db.createObjectStore("journal", { autoIncrement: true }); };
		r.onsuccess = () => { const db = r.result, tx = db.transaction(["meta", "base"], "readwrite");
			tx.objectStore("meta").put({ key: "store", storeVersion: 3, epoch: 2 });
			tx.objectStore("base").put({ key: "base", json: `+jsString(legacy)+`, history: "", source: "samples", savedAt: 1 });
			tx.oncomplete = () => { db.close(); res(true); }; tx.onabort = () => rej(tx.error); };
		r.onerror = () => rej(r.error); })`, &ok)
	c := openURL(t, copies[2], nil, true)
	c.waitFor(jsSaved)
	c.waitFor(`smApp.docId === "legacy"`)
	var adopted string
	c.eval(`new Promise(res => { const r = indexedDB.open("spanmark"); r.onsuccess = () => { const db = r.result;
		const g = db.transaction("meta").objectStore("meta").get("store"); g.onsuccess = () => { db.close(); res(g.result.adoptedBy || ""); }; }; })`, &adopted)
	if !strings.HasSuffix(adopted, "/c/spanmark.html") {
		t.Errorf("the shared store's adoptedBy = %q, want copy c's path", adopted)
	}
	c.run(chromedp.Reload())
	c.waitReady()
	c.waitFor(`smApp.docId === "legacy"`)

	// the second copy, while the first is open: it saves, with its own project
	b := openURL(t, copies[1], nil, true)
	b.waitFor(jsSaved)
	var n int
	b.eval(jsSpanCount, &n)
	if n != 0 {
		t.Fatalf("copy b starts with %d spans: copy a's project", n)
	}
	b.openFile("other.json", personProject("other", "Other", "Ada Lovelace wrote the first program."))
	b.waitFor(`smApp.docId === "other"`)
	b.waitFor(jsSaved)
	b.label("Ada Lovelace", "1", "sm-PERSON", "copy b")
	b.waitFor(jsSaved)
	wantB := b.export()

	a.run(page.BringToFront())
	a.run(chromedp.Reload())
	a.waitReady()
	a.waitFor(jsSaved)
	if got := a.export(); got != wantA {
		t.Fatalf("copy a after copy b opened a project:\n%s", firstDiff(wantA, got))
	}
	b.run(page.BringToFront())
	b.run(chromedp.Reload())
	b.waitReady()
	if got := b.export(); got != wantB {
		t.Fatalf("copy b after a reload:\n%s", firstDiff(wantB, got))
	}
	a.noErrors()
	b.noErrors()
	c.noErrors()
}

// Open… reads files the one way Import… and "Add .txt files" do (files.js,
// the core's checks): a project over the size limit is refused unread, a
// binary file or Latin-1 text is refused with the reason instead of
// becoming an article of U+FFFD, and a Latin-1 project is not opened
// mangled. The project is unchanged each time; a good file still opens.
func TestE2EOpenChecksFiles(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	before := p.export()
	big := append([]byte(`{"format": "spanmark", "version": 1, "documents": [], "pad": "`), make([]byte, 51<<20)...)
	for i := 62; i < len(big); i++ {
		big[i] = 'x'
	}
	big = append(big, `"}`...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"huge.json", big, "files over 50.0 MB are not imported"},
		{"photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"), "photo.jpg: the file is binary"},
		{"cafe.md", []byte("Caf\xe9 au lait, said the minister.\n"), "cafe.md:1: the file is not UTF-8: byte 0xE9"},
		{"latin.json", bytes.ReplaceAll(personProject("l", "CafX", "CafX au lait."), []byte("CafX"), []byte("Caf\xe9")), "latin.json:1: the file is not UTF-8"},
		{"empty.json", []byte(" \n"), "empty.json: the file is empty"},
	}
	for _, c := range cases {
		p.eval(`(document.getElementById("toasts").replaceChildren(), true)`, new(bool))
		p.openFile(c.name, c.data)
		p.waitFor(`document.getElementById("toasts").textContent !== ""`)
		var msg string
		p.eval(`document.getElementById("toasts").textContent`, &msg)
		if !strings.Contains(msg, c.want) {
			t.Errorf("Open… %s: %q, want it to say %q", c.name, msg, c.want)
		}
		if got := p.export(); got != before {
			t.Fatalf("Open… %s changed the project:\n%s", c.name, firstDiff(before, got))
		}
	}
	// a good project, and a UTF-8 article that is not .txt, still open
	p.openFile("ok.json", personProject("ok", "OK", "Caf\u00e9 au lait."))
	p.waitFor(`smApp.docId === "ok"`)
	p.openFile("notes.md", []byte("Caf\u00e9 au lait, said the minister.\n"))
	p.waitFor(`spanmark.documents().length === 2 && spanmark.text(smApp.docId) === "Caf\u00e9 au lait, said the minister.\n"`)
	p.noErrors()
}

// Labels whose highlight names once collided: "selected" and "flash" with
// the page's own highlights, and "x y" (not an identifier, index 2 →
// "sm-l2") with a label named "l2". Each label's spans are in its own
// highlight, registered under a name no other label or the page uses.
func TestE2EHighlightNamesDistinct(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	names := []string{"PERSON", "l2", "x y", "selected", "flash"}
	var labels []map[string]any
	for i, n := range names {
		labels = append(labels, map[string]any{"name": n, "layer": "entity", "color": "#f4a261", "hotkey": fmt.Sprint(i + 1)})
	}
	proj, err := json.Marshal(map[string]any{
		"format": "spanmark", "version": 1,
		"schema":    map[string]any{"labels": labels, "relations": []any{}},
		"documents": []map[string]any{{"id": "d", "title": "D", "text": "Ada met Bob and Cyril in Dover near Eve.", "spans": []any{}, "relations": []any{}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	p.openFile("names.json", proj)
	p.waitFor(`smApp.docId === "d"`)
	words := []string{"Ada", "Bob", "Cyril", "Dover", "Eve"}
	for i, w := range words {
		p.dragSelect(w, "", 0)
		p.key(fmt.Sprint(i + 1))
	}
	p.waitFor(jsSpanCount + ` === 5`)
	p.clickText("Dover", "") // the span labelled "selected" is now the selected span
	p.waitFor(`smApp.painter.selected && smApp.painter.selected.label === "selected"`)
	hl := map[string]string{}
	for _, n := range names {
		var name string
		p.eval(`smApp.painter.labels.get(`+jsString(n)+`).name`, &name)
		hl[n] = name
	}
	seen := map[string]string{"sm--selected": "the selection", "sm--flash": "the flash"}
	for i, n := range names {
		if other, ok := seen[hl[n]]; ok {
			t.Errorf("label %q has highlight %q, as %s has", n, hl[n], other)
		}
		seen[hl[n]] = "label " + n
		var same bool
		p.eval(`CSS.highlights.get(`+jsString(hl[n])+`) === smApp.painter.labels.get(`+jsString(n)+`).hl`, &same)
		if got := p.highlightTexts(hl[n]); !same || len(got) != 1 || got[0] != words[i] {
			t.Errorf("label %q: highlight %q (registered: %v) holds %q, want [%s]", n, hl[n], same, got, words[i])
		}
	}
	if got := p.highlightTexts("sm--selected"); len(got) != 1 || got[0] != "Dover" {
		t.Errorf("the selection's highlight holds %q, want [Dover]", got)
	}
	p.noErrors()
}

// buildNext writes a second build of the page into a temporary directory:
// the page's files, both wasm modules linked with version, the store
// version raised by one when bumpStore (a page that upgrades the store),
// and its own bundle and boot.js (with its own formats and core hashes).
func buildNext(t *testing.T, version string, bumpStore bool) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".go", ".br", ".gz", ".wasm":
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if p == "store.js" && bumpStore {
			b = bytes.Replace(b, []byte("export const STORE_VERSION = 3;"), []byte("export const STORE_VERSION = 4;"), 1)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(goruntime.GOROOT(), "bin", "go")
	}
	for _, m := range []struct{ out, tags string }{{"spanmark.wasm", ""}, {"spanmark-formats.wasm", "formats"}} {
		cmd := exec.Command(goBin, "build", "-trimpath", "-tags="+m.tags, "-ldflags=-s -w -X main.buildVersion="+version,
			"-o", filepath.Join(dir, m.out), "./wasm")
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", m.out, err, b)
		}
	}
	js, err := jsbundle.Page(os.DirFS(dir), "app.js")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "spanmark.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	// and its boot.js, which fetches its own core (by the core's content hash)
	boot, err := jsbundle.Boot(os.DirFS(dir))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "boot.js"), []byte(boot), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// An update from one build to the next, then the server gone (issue 23
// #7): the service worker kept the first build's formats module under the
// same URL, so an offline import or export after the update ran the new
// core with the old formats. The module is now named by its content. And
// the new page, which upgrades the store, saves: the old tab, which stops
// saving, hands over the writer role instead of leaving the new tab
// read-only.
func TestE2EUpdateOffline(t *testing.T) {
	needBrowser(t)
	next := buildNext(t, "v-next", true)
	var cur atomic.Pointer[http.Handler]
	first := web.Handler(web.Options{FS: os.DirFS(".")})
	cur.Store(&first)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*cur.Load()).ServeHTTP(w, r) }))
	defer srv.Close()

	old := openURL(t, srv.URL+"/", nil, false)
	old.waitLong(`document.documentElement.dataset.offline === "ready"`, 60*time.Second)
	old.label("Barack Obama", "1", "sm-PERSON", "first build")
	old.waitFor(jsSaved)
	want := old.export()

	// the update: the server now has the next build; a new tab opens it
	second := web.Handler(web.Options{FS: os.DirFS(next)})
	cur.Store(&second)
	p := openURL(t, srv.URL+"/", nil, false)
	var v string
	p.eval(`spanmark.version()`, &v)
	if v != "v-next" {
		t.Fatalf("the new tab runs core %q, want v-next", v)
	}
	p.waitLong(jsSaved, 20*time.Second) // it saves: not read-only behind a tab that stopped
	var oldState, oldBanner string
	old.eval(jsSaveState, &oldState)
	old.eval(jsBanner, &oldBanner)
	if oldState != "unsaved" || !strings.Contains(oldBanner, "newer spanmark page") {
		t.Errorf("the old tab: state %q, banner %q", oldState, oldBanner)
	}
	if got := p.export(); got != want {
		t.Fatalf("the new tab's project:\n%s", firstDiff(want, got))
	}
	p.waitLong(`document.documentElement.dataset.offline === "ready"`, 60*time.Second)

	// the server goes away; the new build reloads and exports from the cache
	url := srv.URL
	srv.Close()
	if resp, err := http.Get(url + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("the server still answers after Close")
	}
	p.run(page.BringToFront())
	p.run(chromedp.Reload())
	p.waitReady()
	p.eval(`spanmark.version()`, &v)
	if v != "v-next" {
		t.Fatalf("offline reload runs core %q, want v-next", v)
	}
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
		chromedp.WaitVisible(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery),
		chromedp.Click(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery))
	if conll := string(p.waitDownload()); !strings.Contains(conll, "\nBarack B-PERSON\nObama I-PERSON\n") {
		t.Errorf("offline CoNLL export lacks the span: %.300q", conll)
	}
	p.eval(`spanmarkFormats.version()`, &v)
	if v != "v-next" {
		t.Fatalf("offline, the formats module is %q, want v-next (the core's build)", v)
	}
	var cached []string
	p.eval(`caches.open("spanmark-offline-v1").then(c => c.keys()).then(ks => ks.map(r => r.url).filter(u => u.includes("spanmark-formats")))`, &cached)
	if len(cached) != 1 {
		t.Errorf("cached formats modules: %q, want the current one only", cached)
	}
	p.noErrors()
}

// The read-only second tab follows the writer (issue 23 #16): what the
// writer saves (a span, an undo, a project opened, which replaces the base)
// shows in the read-only tab — its highlights, document and export — not a
// stale copy.
func TestE2EReadOnlyFollows(t *testing.T) {
	a := openPage(t, "/")
	a.waitFor(jsSaved)
	b := openPage(t, "/")
	b.waitFor(`document.getElementById("save-state").dataset.state === "readonly"`)
	a.run(page.BringToFront())
	a.label("Barack Obama", "1", "sm-PERSON", "writer")
	a.label("Iran", "3", "sm-GPE", "writer")
	a.waitFor(jsSaved)
	same := func() {
		t.Helper()
		b.waitLong(`spanmark.exportProject() === `+jsString(a.export()), 10*time.Second)
	}
	same()
	b.run(page.BringToFront())
	b.reveal("Barack Obama")
	if got := b.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Barack Obama" {
		t.Errorf("read-only tab: sm-PERSON = %q", got)
	}
	b.key("s", input.ModifierCtrl) // its export is the saved project
	if got := string(b.waitDownload()); got != a.export() {
		t.Errorf("read-only tab's export differs from the writer's:\n%s", firstDiff(a.export(), got))
	}
	a.run(page.BringToFront())
	a.key("z", input.ModifierCtrl)
	a.waitFor(jsSaved)
	same()
	a.openFile("other.json", personProject("other", "Another article", "Ada Lovelace wrote the first program."))
	a.waitFor(`smApp.docId === "other"`)
	a.waitFor(jsSaved)
	same()
	b.run(page.BringToFront())
	b.waitFor(`document.getElementById("doc-title").textContent === "Another article"`)
	var banner string
	b.eval(jsBanner, &banner)
	if !strings.Contains(banner, "read-only") || strings.Contains(banner, "stale") {
		t.Errorf("read-only banner: %q", banner)
	}
	a.noErrors()
	b.noErrors()
}
