package web_test

// Offline (issue 6): served over HTTP, the page caches itself through its
// service worker (sw.js, registered by offline.js) and reloads with the
// server gone.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/web"
)

// waitLong polls a JS boolean expression for up to d.
func (p *Page) waitLong(js string, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		var ok bool
		p.eval(js, &ok)
		if ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	var state string
	p.eval(`(document.documentElement.dataset.offline || "-") + " | " + document.getElementById("toasts").textContent`, &state)
	p.t.Fatalf("timed out after %v waiting for %s (offline state: %s); errors: %v", d, js, state, p.Errors())
}

func TestE2EOfflineReload(t *testing.T) {
	needBrowser(t)
	// A server of its own (its own origin, so its own service worker), to
	// be shut down: the reload must then come from the worker's cache, not
	// from a network the DevTools only pretend is offline.
	srv := httptest.NewServer(web.Handler(web.Options{FS: os.DirFS(".")}))
	defer srv.Close()
	p := openURL(t, srv.URL+"/", nil, false)
	p.waitLong(`document.documentElement.dataset.offline === "ready"`, 60*time.Second)

	var state string
	p.eval(`navigator.serviceWorker.ready.then(r => r.active.state)`, &state)
	if state != "activated" {
		t.Fatalf("service worker state %q, want activated", state)
	}
	var keys []string
	p.eval(`caches.open("spanmark-offline-v1").then(c => c.keys()).then(ks => ks.map(r => new URL(r.url).pathname))`, &keys)
	sort.Strings(keys)
	for _, want := range []string{"/", "/boot.js", "/style.css", "/spanmark.js", "/wasm_exec.js", "/spanmark.wasm",
		"/spanmark-formats.wasm", // never loaded yet: cached for offline exports
		"/sample/iran-us-talks.txt", "/sample/gulf-shipping-multilingual.txt"} {
		if i := sort.SearchStrings(keys, want); i == len(keys) || keys[i] != want {
			t.Errorf("not cached: %s (cached: %q)", want, keys)
		}
	}
	// The cached wasm is the whole file, decoded (not a br/gzip body), kept
	// under the URL boot.js fetches it from (spanmark.wasm?v=<content hash>).
	var cachedWasm int
	p.eval(`caches.open("spanmark-offline-v1").then(async c => {
		const k = (await c.keys()).find(r => new URL(r.url).pathname === "/spanmark.wasm");
		return (await (await c.match(k)).arrayBuffer()).byteLength;
	})`, &cachedWasm)
	if fi, err := os.Stat("spanmark.wasm"); err != nil || int64(cachedWasm) != fi.Size() {
		t.Errorf("cached spanmark.wasm has %d bytes, the file %v", cachedWasm, fi.Size())
	}

	// The network goes away: the server is shut down and refuses connections.
	url := srv.URL
	srv.Close()
	if resp, err := http.Get(url + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("the server still answers after Close")
	}
	p.run(chromedp.Reload())
	p.waitReady()
	var controlled bool
	p.eval(`navigator.serviceWorker.controller !== null`, &controlled)
	if !controlled {
		t.Fatalf("the reloaded page is not controlled by the service worker")
	}
	p.waitLong(`document.documentElement.dataset.offline === "ready"`, 20*time.Second)

	// The page works: annotate with the mouse and a hotkey, export (a real download).
	var title string
	p.eval(`document.getElementById("doc-title").textContent`, &title)
	if !strings.Contains(title, "Iran") {
		t.Fatalf("offline reload shows %q, want the sample article", title)
	}
	p.label("Barack Obama", "1", "sm-PERSON", "offline")
	p.key("s", input.ModifierCtrl)
	f := parseProject(t, string(p.waitDownload()))
	if len(f.Documents) != 2 || len(f.Documents[0].Spans) != 1 || f.Documents[0].Spans[0].Label != "PERSON" ||
		f.Documents[0].Spans[0].Fragments[0].Text != "Barack Obama" {
		t.Fatalf("offline export: %+v", f.Documents)
	}
	// The second sample came from the cache too.
	if !strings.Contains(f.Documents[1].Text, "Gulf") {
		t.Errorf("multilingual sample text: %.80q", f.Documents[1].Text)
	}
	// Export as CoNLL: the formats module, never loaded online, comes from the cache.
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
		chromedp.WaitVisible(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery),
		chromedp.Click(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery))
	if conll := string(p.waitDownload()); !strings.Contains(conll, "\nBarack B-PERSON\nObama I-PERSON\n") {
		t.Errorf("offline CoNLL export lacks the span: %.300q", conll)
	}
	p.screenshot("10-offline-reload")
	p.noErrors()
}
