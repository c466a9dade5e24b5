package web_test

// Isolation (issue 6): the page never talks to another origin, and its
// Content-Security-Policy forbids it; markup and script in anything a
// project file carries is shown as text and never runs.

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// cspSourceOK reports whether a CSP source expression keeps a fetch
// directive to this origin (or to data:/blob: URLs, which are local).
func cspSourceOK(s string) bool {
	switch s {
	case "'self'", "'none'", "data:", "blob:", "'wasm-unsafe-eval'":
		return true
	}
	return strings.HasPrefix(s, "'sha256-")
}

// checkCSP fails unless policy forbids every other origin: default-src
// (the fallback of every fetch directive left out) and every fetch
// directive given allow only 'self', 'none', data:, blob: (and hashes and
// 'wasm-unsafe-eval' for scripts); no 'unsafe-inline' or 'unsafe-eval'.
func checkCSP(t *testing.T, where, policy string) {
	t.Helper()
	dirs := parseCSP(policy)
	if len(dirs["default-src"]) == 0 {
		t.Errorf("%s: no default-src in the CSP %q", where, policy)
	}
	for name, srcs := range dirs {
		if !strings.HasSuffix(name, "-src") {
			continue
		}
		for _, s := range srcs {
			if !cspSourceOK(s) {
				t.Errorf("%s: CSP %s allows %s", where, name, s)
			}
		}
	}
	for _, d := range []string{"object-src", "base-uri", "form-action"} {
		if got := dirs[d]; len(got) != 1 || got[0] != "'none'" {
			t.Errorf("%s: CSP %s = %q, want 'none'", where, d, got)
		}
	}
}

// The page's requests, through a whole session, all go to its own origin.
func TestE2EIsolationOwnOriginOnly(t *testing.T) {
	p := openPage(t, "/")
	origin := serve().URL

	// Annotate with the mouse and a hotkey.
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	// Label all "Iran" as GPE.
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("l")
	p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
	p.run(chromedp.SendKeys("#la-pattern", "Iran", chromedp.ByQuery))
	p.run(chromedp.SetValue("#la-label", "GPE", chromedp.ByQuery))
	p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
	p.waitFor(`(spanmark.counts("iran-us-talks").GPE || 0) > 3`)
	// Open the multilingual sample.
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("ArrowDown", input.ModifierAlt)
	p.waitFor(`smApp.docId === "gulf-shipping-multilingual"`)
	p.dragSelect("Kanaani", "", 0)
	p.key("1")
	// Export (a real download).
	p.run(chromedp.Click("#btn-export", chromedp.ByQuery))
	p.waitDownload()
	// Import a project through the file input.
	proj := `{"format":"spanmark","version":1,"schema":{"labels":[{"name":"PERSON","layer":"entity","color":"#f4a261","hotkey":"1"}]},
		"documents":[{"id":"iso-doc","title":"Isolation","text":"A small article.","spans":[],"relations":[]}]}`
	p.openFile("iso.json", []byte(proj))
	p.waitFor(`smApp.docId === "iso-doc"`)
	// The offline copy is made (the service worker's own fetches never
	// appear among the tab's requests; what it cached shows where it went).
	p.waitLong(`document.documentElement.dataset.offline === "ready"`, 30*time.Second)
	var cached []string
	p.eval(`(async () => { const out = []; for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(r.url); return out; })()`, &cached)
	if len(cached) < 5 {
		t.Errorf("only %d files in the offline cache: %q", len(cached), cached)
	}
	for _, u := range cached {
		if !strings.HasPrefix(u, origin+"/") {
			t.Errorf("the service worker cached a file of another origin: %s", u)
		}
	}

	reqs := p.Requests()
	paths := map[string]bool{}
	for _, u := range reqs {
		switch {
		case strings.HasPrefix(u, origin+"/"):
			paths[strings.SplitN(strings.TrimPrefix(u, origin), "?", 2)[0]] = true
		case strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"+origin+"/"):
		default:
			t.Errorf("request to another origin: %s", u)
		}
	}
	// the recording saw the page load (else the check above proves nothing)
	for _, want := range []string{"/", "/style.css", "/wasm_exec.js", "/spanmark.js", "/spanmark.wasm"} {
		if !paths[want] {
			t.Fatalf("the request for %s was not recorded: %q", want, reqs)
		}
	}
	// Every response the page got carries the policy, and the policy
	// forbids other origins.
	for path := range paths {
		resp, err := http.Get(origin + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		policy := resp.Header.Get("Content-Security-Policy")
		if policy == "" {
			t.Errorf("%s: no Content-Security-Policy header", path)
			continue
		}
		checkCSP(t, path, policy)
	}
	p.noErrors()
}

// The policy is enforced: requests to another origin (fetch, image,
// script) are blocked by the browser's CSP check, before the network.
func TestE2EIsolationCSPBlocks(t *testing.T) {
	var mu sync.Mutex
	urls := map[network.RequestID]string{}
	blocked := map[network.RequestID]network.BlockedReason{}
	p := openPageWith(t, "/", func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFailed:
			blocked[ev.RequestID] = ev.BlockedReason
		}
	})
	const foreign = "http://127.0.0.2:9/"
	var res struct {
		Fetch      string
		Violations []string
	}
	p.eval(`(async () => {
		const v = [];
		document.addEventListener("securitypolicyviolation", e => v.push(e.effectiveDirective + " " + e.blockedURI));
		let fetched = "allowed";
		try { await fetch("`+foreign+`data"); } catch (e) { fetched = "refused"; }
		const img = new Image(); img.src = "`+foreign+`x.png";
		const s = document.createElement("script"); s.src = "`+foreign+`x.js"; document.head.append(s);
		await new Promise(r => setTimeout(r, 300));
		s.remove();
		return { fetch: fetched, violations: v };
	})()`, &res)
	if res.Fetch != "refused" {
		t.Errorf("fetch to another origin: %s", res.Fetch)
	}
	want := map[string]bool{"connect-src": false, "img-src": false, "script-src-elem": false}
	for _, v := range res.Violations {
		for d := range want {
			if strings.HasPrefix(v, d+" "+foreign) {
				want[d] = true
			}
		}
	}
	for d, seen := range want {
		if !seen {
			t.Errorf("no CSP violation for %s (violations: %q)", d, res.Violations)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for id, u := range urls {
		if strings.HasPrefix(u, foreign) && blocked[id] != network.BlockedReasonCsp {
			t.Errorf("a request to another origin was not blocked by the CSP (blocked reason %q): %s", blocked[id], u)
		}
	}
}

// Hostile strings everywhere a project file can put them.
const (
	xScript = `<script>alert(1)</script>`
	xImg    = `<img src=x onerror=alert(2)>`
	xSVG    = `"><svg onload=alert(3)>`
	xJSURL  = `javascript:alert(4)`
	xCSS1   = `a){}body{display:none}`
	xCSS2   = `x)}*{visibility:hidden}::highlight(y`
	xCSS3   = `"}</style><style>body{display:none}</style>`
	xImgID  = `<img/src=x/onerror=alert(6)>`
)

func hostileProject() ([]byte, string) {
	text := "Quote " + xScript + " and " + xImg + " end.\n" +
		"Then " + xSVG + " and " + xCSS1 + " here.\n" +
		"Second line with Alice Example in it.\n"
	frag := func(s string) map[string]any {
		i := strings.Index(text, s) // ASCII: byte offsets are code points
		return map[string]any{"start": i, "end": i + len(s), "text": s}
	}
	// document ids take no spaces: the same payloads with "/" for " "
	docID := `d"><svg/onload=alert(5)>`
	proj := map[string]any{
		"format": "spanmark", "version": 1,
		"schema": map[string]any{
			"labels": []map[string]any{
				{"name": xScript, "layer": "entity", "color": "#ffd166", "hotkey": "1", "description": xImg,
					"attributes": []map[string]any{
						{"name": xSVG, "type": "text"},
						{"name": "kind", "type": "enum", "values": []string{xImg, "plain"}},
					}},
				{"name": xCSS1, "layer": "entity", "color": "#8ecae6", "hotkey": "2", "description": xSVG},
				{"name": xCSS2, "layer": "claim", "color": "#ffafcc", "hotkey": "3", "description": xScript},
				{"name": xCSS3, "layer": "entity", "color": "#90be6d", "hotkey": "5", "description": xJSURL},
				{"name": "PERSON", "layer": "entity", "color": "#f4a261", "hotkey": "4"},
				{"name": "CLAIM", "layer": "claim", "color": "#ffafcc", "hotkey": "7",
					"attributes": []map[string]any{{"name": xImg, "type": "text"}}},
			},
			"relations": []map[string]any{
				{"name": xSVG, "from": []string{xCSS2}, "to": []string{xScript, xCSS1}},
				{"name": "claimant", "from": []string{"CLAIM"}, "to": []string{xScript}},
			},
			"overlap":    map[string]any{"entity": map[string]any{"crossing": false}, "claim": map[string]any{"crossing": false}},
			"doc_labels": []string{xImg},
		},
		"documents": []map[string]any{
			{
				"id": docID, "title": xScript + xImg, "status": "todo",
				"meta": map[string]any{"source": xImg, "url": xJSURL, "date": xSVG},
				"text": text,
				"spans": []map[string]any{
					{"id": "s1", "label": xScript, "fragments": []any{frag(xScript)},
						"attrs": map[string]any{xSVG: xImg + xJSURL, "kind": xImg}, "note": xScript + xSVG},
					{"id": "s2", "label": xCSS1, "fragments": []any{frag(xImg)}, "note": xCSS3},
					{"id": "s3", "label": xCSS2, "fragments": []any{frag("Then " + xSVG)}},
					{"id": "s4", "label": xCSS3, "fragments": []any{frag(xCSS1)}},
					{"id": "s5", "label": "CLAIM", "fragments": []any{frag("Quote " + xScript + " and")}, "attrs": map[string]any{xImg: xSVG}},
				},
				"relations": []map[string]any{
					{"id": "r1", "type": xSVG, "from": "s3", "to": "s1"},
					{"id": "r2", "type": "claimant", "from": "s5", "to": "s1"},
				},
			},
			{"id": xImgID, "title": xSVG, "meta": map[string]any{"url": xJSURL}, "text": "Another " + xScript + " text.", "spans": []any{}, "relations": []any{}},
		},
	}
	b, _ := json.MarshalIndent(proj, "", "  ")
	return b, docID
}

func TestE2EIsolationHostileProject(t *testing.T) {
	p := openPage(t, "/")
	b, docID := hostileProject()
	p.openFile("hostile.json", b)
	p.waitFor(`smApp.docId === ` + jsString(docID))
	// Show everything: the claim's panel (relation, note) and the span with attributes.
	p.clickText("Then", "")
	p.waitFor(`document.querySelector("#span-detail .sid")?.textContent === "s3"`)
	p.screenshot("12-hostile-claim")
	p.clickText("alert(1)", "")
	p.waitFor(`document.querySelector("#span-detail .sid")?.textContent === "s1"`)
	time.Sleep(150 * time.Millisecond) // the side panels are rebuilt 60 ms after a change
	p.screenshot("12-hostile-span")

	// Nothing ran, nothing became markup.
	var dom struct {
		Elements, Media, Handlers, JSLinks, InlineScripts int
		BodyDisplay, BodyVisibility                       string
		ArticleHeight                                     float64
		Href                                              string
	}
	p.eval(`({
		elements: document.querySelectorAll("body script, body style, body link, iframe, object, embed, frame, img[src=x], svg[onload]").length,
		media: document.querySelectorAll(["#article", "#overlay", "#side", "#labels", ".doc-head", ".docbar", "#toasts", ".statusbar"].map(s => s + " :is(img, svg:not(.relarcs), image, video, audio)").join(",")).length,
		handlers: [...document.querySelectorAll("*")].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
		jsLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")].filter(e =>
			/^\s*javascript:/i.test(e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action") || e.getAttribute("formaction") || "")).length,
		inlineScripts: [...document.scripts].filter(s => !s.src || s.textContent.trim()).length,
		bodyDisplay: getComputedStyle(document.body).display,
		bodyVisibility: getComputedStyle(document.getElementById("article")).visibility,
		articleHeight: document.getElementById("article").getBoundingClientRect().height,
		href: location.href,
	})`, &dom)
	if dom.Elements != 0 || dom.Media != 0 || dom.Handlers != 0 || dom.JSLinks != 0 || dom.InlineScripts != 0 {
		t.Errorf("markup became elements: %d script/style/link/iframe/object/embed/payload elements, %d img/svg in the article and panels, "+
			"%d elements with on* handlers, %d javascript: links, %d inline scripts",
			dom.Elements, dom.Media, dom.Handlers, dom.JSLinks, dom.InlineScripts)
	}
	if dom.BodyDisplay == "none" || dom.BodyVisibility != "visible" || dom.ArticleHeight < 20 {
		t.Errorf("label names changed the page's CSS: body display %q, article visibility %q, height %v",
			dom.BodyDisplay, dom.BodyVisibility, dom.ArticleHeight)
	}
	// the address: the page's, naming the open document (?doc=, kept for a
	// reload), the hostile id as a query value, not as markup or a new page
	if u, err := url.Parse(dom.Href); err != nil || u.Scheme+"://"+u.Host+u.Path != serve().URL+"/" ||
		len(u.Query()) != 1 || u.Query().Get("doc") != docID || u.Fragment != "" {
		t.Errorf("the page navigated: %s", dom.Href)
	}
	if d := p.Dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}

	// The strings are there, as text.
	var text struct {
		Article, Title, Meta, Labels, Detail, Claims, Entities, Options string
		Note, AttrText, AttrEnum                                        string
		LabelTitles                                                     []string
	}
	p.eval(`(() => {
		const $ = id => document.getElementById(id);
		const attr = [...document.querySelectorAll("#span-detail input[type=text]")].map(e => e.value);
		return {
			article: $("article").textContent, title: $("doc-title").textContent, meta: $("doc-meta").textContent,
			labels: $("labels").textContent, detail: $("span-detail").textContent,
			claims: $("claims").textContent, entities: $("entities").textContent,
			options: [...$("doc-select").options].map(o => o.textContent + "|" + o.value).join("\n"),
			note: ($("f-note") || {}).value, attrText: attr.join("|"),
			attrEnum: [...document.querySelectorAll("#span-detail select")].map(s => s.value).join("|"),
			labelTitles: [...document.querySelectorAll("#labels .lbl")].map(b => b.title),
		};
	})()`, &text)
	for _, c := range []struct{ what, got, want string }{
		{"article", text.Article, xScript}, {"article", text.Article, xImg}, {"article", text.Article, xSVG},
		{"title", text.Title, xScript + xImg},
		{"label bar", text.Labels, xScript}, {"label bar", text.Labels, xCSS1}, {"label bar", text.Labels, xCSS2}, {"label bar", text.Labels, xCSS3},
		{"span panel", text.Detail, xScript}, {"span panel (attribute name)", text.Detail, xSVG},
		{"note", text.Note, xScript + xSVG},
		{"text attribute", text.AttrText, xImg + xJSURL},
		{"enum attribute", text.AttrEnum, xImg},
		{"claims panel (claimant)", text.Claims, xScript},
		{"claims panel (attribute)", text.Claims, xImg + ": " + xSVG},
		{"span panel (incoming relation)", text.Detail, xSVG + " of"},
		{"document list", text.Options, xSVG},
		{"document list", text.Options, xImgID},
		{"document list", text.Options, `d"><svg/onload=alert(5)>`},
		{"entities panel", text.Entities, xImg},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s: %q not shown as text (got %q)", c.what, c.want, c.got)
		}
	}
	if len(text.LabelTitles) == 0 || !strings.Contains(text.LabelTitles[0], xImg) {
		t.Errorf("label description not kept as a title: %q", text.LabelTitles)
	}

	// The highlight styles: rules only for the page's own selectors, whatever the label names.
	var rules []string
	// (the dark theme's rules, in an @media block, are checked one by one)
	p.eval(`document.adoptedStyleSheets.flatMap(s => [...s.cssRules].flatMap(r => r.media ? [...r.cssRules] : [r]).map(r => r.selectorText || r.cssText))`, &rules)
	for _, r := range rules {
		if !(strings.HasPrefix(r, "::highlight(sm-") || strings.HasPrefix(r, ".chip.c") || strings.HasPrefix(r, ".swatch.c") || strings.HasPrefix(r, ".lbl.c")) {
			t.Errorf("unexpected style rule from the schema: %q", r)
		}
	}
	if len(rules) < 5*4 {
		t.Errorf("only %d highlight/chip rules for 5 labels: %q", len(rules), rules)
	}

	// The page still works: label with the mouse and hotkeys, export.
	p.dragSelect("Alice Example", "", 0)
	p.key("4")
	p.settle()
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Alice Example" {
		t.Errorf("sm-PERSON = %q, want [Alice Example]", got)
	}
	p.dragSelect("Second", "", 0)
	p.key("2") // the label named a){}body{display:none}
	p.settle()
	var hl []string
	p.eval(`(() => { const n = [...CSS.highlights.keys()]; return n; })()`, &hl)
	f := parseProject(t, p.export())
	found := false
	for _, s := range f.Documents[0].Spans {
		if s.Label == xCSS1 && s.Fragments[0].Text == "Second" {
			found = true
		}
	}
	if !found {
		t.Errorf("no %q span on \"Second\" in the export (highlights %q): %+v", xCSS1, hl, f.Documents[0].Spans)
	}
	if len(f.Documents) != 2 || f.Documents[0].ID != docID || f.Documents[1].ID != xImgID {
		t.Errorf("document ids did not round-trip: %+v", f.Documents)
	}
	p.screenshot("12-hostile-after")
	if d := p.Dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}
	p.noErrors()
}
