package web_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/chromedp/chromedp"
)

// formatsRequested says whether the page has asked for the formats module.
func (p *Page) formatsRequested() bool {
	for _, u := range p.Requests() {
		if strings.Contains(u, "/spanmark-formats.wasm") {
			return true
		}
	}
	var global bool
	p.eval(`typeof spanmarkFormats !== "undefined"`, &global)
	return global
}

// labelAllDialog fills in the label-all dialog (opened with L) and waits for
// its preview.
func (p *Page) labelAllDialog(pattern string, regex bool) string {
	p.t.Helper()
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("l")
	p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
	var ok bool
	p.eval(`(() => { const $ = id => document.getElementById(id);
		$("la-label").value = "GPE"; $("la-case").checked = false; $("la-word").checked = false;
		$("la-regex").checked = `+map[bool]string{true: "true", false: "false"}[regex]+`;
		$("la-pattern").value = ""; $("la-preview").textContent = ""; return true; })()`, &ok)
	p.run(chromedp.SendKeys("#la-pattern", pattern, chromedp.ByQuery))
	p.waitFor(`/ match(es)? in this document$/.test(document.getElementById("la-preview").textContent)`)
	return p.text("la-preview")
}

// TestE2ELabelAllRegex: the page's core links no regexp, so a regex
// label-all gets its matches from the formats module — loaded then, and
// only then (a plain-text label-all does not load it) — and labels them in
// one core call: the spans of Go's regexp in UTF-16, the usual report, one
// undo step.
func TestE2ELabelAllRegex(t *testing.T) {
	p := openPage(t, "/")
	const doc = "iran-us-talks"
	var text string
	p.eval(`spanmark.text("`+doc+`")`, &text)
	u16 := func(b int) int { return len(utf16.Encode([]rune(text[:b]))) }

	// plain text: the core alone
	tehran := len(regexp.MustCompile(`(?i)tehran`).FindAllStringIndex(text, -1))
	if preview := p.labelAllDialog("Tehran", false); !strings.HasPrefix(preview, itoa(tehran)+" match") {
		t.Errorf("plain-text preview %q, want %d matches", preview, tehran)
	}
	p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
	p.settle()
	var counts map[string]int
	p.eval(`spanmark.counts("`+doc+`")`, &counts)
	if tehran == 0 || counts["GPE"] != tehran {
		t.Fatalf("GPE after a plain-text label-all: %d, want %d", counts["GPE"], tehran)
	}
	if p.formatsRequested() {
		t.Fatalf("a plain-text label-all loaded the formats module: %v", p.Requests())
	}

	// a regular expression: the formats module finds the matches
	re := regexp.MustCompile(`(?i)ira[nq]\b|u\.s\.`)
	var want []int
	for _, m := range re.FindAllStringIndex(text, -1) {
		want = append(want, u16(m[0]), u16(m[1]))
	}
	if preview := p.labelAllDialog(`ira[nq]\b|u\.s\.`, true); !strings.HasPrefix(preview, itoa(len(want)/2)+" match") {
		t.Errorf("regex preview %q, want %d matches", preview, len(want)/2)
	}
	if !p.formatsRequested() {
		t.Fatalf("the regex preview did not load the formats module")
	}
	p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
	p.waitFor(`document.getElementById("labelall").hidden`)
	p.settle()
	var toasts string
	p.eval(`document.getElementById("toasts").textContent`, &toasts)
	if !strings.Contains(toasts, "Labelled "+itoa(len(want)/2)+" of "+itoa(len(want)/2)+" matches as GPE. One undo (Ctrl+Z) removes them all.") {
		t.Errorf("regex label-all said %q", toasts)
	}
	var spans []struct {
		Label string
		Frags []int
	}
	p.eval(`spanmark.spansIn("`+doc+`", 0, `+itoa(u16(len(text)))+`)`, &spans)
	var got []int
	for _, s := range spans {
		if s.Label == "GPE" {
			got = append(got, s.Frags...)
		}
	}
	// the GPE spans are Tehran's and the regex's, in text order
	var all []int
	for _, m := range regexp.MustCompile(`(?i)tehran|ira[nq]\b|u\.s\.`).FindAllStringIndex(text, -1) {
		all = append(all, u16(m[0]), u16(m[1]))
	}
	if !slices.Equal(got, all) {
		t.Errorf("GPE spans after the regex label-all:\n%v\nwant\n%v", got, all)
	}
	// one undo step takes the regex's spans away, and leaves Tehran's
	p.eval(`document.getElementById("btn-undo").click(), true`, new(bool))
	p.settle()
	counts = nil
	p.eval(`spanmark.counts("`+doc+`")`, &counts)
	if counts["GPE"] != tehran {
		t.Errorf("GPE after one undo: %d, want %d", counts["GPE"], tehran)
	}
	// a bad pattern: the formats module's message, in the preview
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("l")
	p.waitFor(`!document.getElementById("labelall").hidden && document.activeElement.id === "la-pattern"`)
	p.eval(`(document.getElementById("la-regex").checked = true, document.getElementById("la-pattern").value = "", true)`, new(bool))
	p.run(chromedp.SendKeys("#la-pattern", "Iran (", chromedp.ByQuery))
	p.waitFor(`document.getElementById("la-preview").classList.contains("err")`)
	if preview := p.text("la-preview"); !strings.HasPrefix(preview, `"Iran (" is not a valid regular expression (missing closing ))`) {
		t.Errorf("bad regular expression: %q", preview)
	}
	p.noErrors()
}

// TestStoreLegacyRegexLabelAll: a journal saved before the core left
// regexp out holds a regex label-all as labelAll(doc, options), which this
// core refuses; a reload replays it the page's way now (the formats
// module's matches, labelMatches) and restores exactly what was saved.
func TestStoreLegacyRegexLabelAll(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	p.labelAllDialog(`ira[nq]\b`, true)
	p.run(chromedp.Click("#la-apply", chromedp.ByQuery))
	p.waitFor(`document.getElementById("labelall").hidden`)
	p.waitFor(jsSaved)
	before := p.export()
	if !strings.Contains(before, `"GPE"`) {
		t.Fatalf("no GPE span after the regex label-all:\n%.400s", before)
	}
	// the entry as the previous release wrote it
	var rewritten int
	p.eval(`new Promise((res, rej) => { const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
		r.onsuccess = () => { const db = r.result, tx = db.transaction("journal", "readwrite"), j = tx.objectStore("journal");
			let n = 0;
			const c = j.openCursor();
			c.onsuccess = () => { const cur = c.result; if (!cur) return;
				const e = cur.value;
				if (e.m === "labelMatches") { e.m = "labelAll"; e.a = e.a.slice(0, 2); cur.update(e); n++; }
				cur.continue(); };
			tx.oncomplete = () => { db.close(); res(n); }; tx.onabort = () => rej(tx.error); }; })`, &rewritten)
	if rewritten != 1 {
		t.Fatalf("rewrote %d journal entries, want the one labelMatches", rewritten)
	}
	p.run(chromedp.Reload())
	p.waitReady()
	var banner string
	p.eval(jsBanner, &banner)
	if banner != "" {
		t.Errorf("banner after the reload: %q", banner)
	}
	if after := p.export(); after != before {
		t.Fatalf("the legacy regex label-all did not replay as saved:\n%s", firstDiff(before, after))
	}
	p.noErrors()
}
