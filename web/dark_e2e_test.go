package web_test

// The dark theme over every panel (issue 22): under an emulated
// prefers-color-scheme: dark, each panel is opened with real input and the
// browser's computed colours of every piece of text in it are read back,
// with the background each lies on (the element's and its ancestors'
// backgrounds composed), and the contrast is checked: 4.5:1 for text
// (3:1 for large text), 3:1 for the relation arcs, the edge handles and
// the suggestions' lines (WCAG 1.4.3 and 1.4.11).

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// contrastJS returns, for the elements matched by the selector (and their
// descendants), each visible piece of text whose contrast is below what
// WCAG asks, as "where: text colour on background = ratio".
const contrastJS = `((sel) => {
	const parse = s => {
		let m = /^rgba?\(([^)]+)\)$/.exec(s);
		if (m) { const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
		m = /^color\(srgb ([^)]+)\)$/.exec(s);
		if (m) { const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number); return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
		return null;
	};
	const over = (top, bot) => {
		const a = top[3] + bot[3] * (1 - top[3]);
		return [0, 1, 2].map(i => (top[i] * top[3] + bot[i] * bot[3] * (1 - top[3])) / a).concat([a]);
	};
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const base = parse(getComputedStyle(document.documentElement).backgroundColor);
	const bgOf = el => {
		const layers = [];
		for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
		}
		let c = base;
		for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
		return c;
	};
	const name = e => e.id ? "#" + e.id : e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
	const where = e => { const p = e.closest("[id]"); return (p && p !== e ? name(p) + " " : "") + name(e); };
	const fmt = c => "rgb(" + c.slice(0, 3).map(Math.round).join(" ") + ")";
	const bad = [], seen = new Set();
	let checked = 0;
	for (const root of document.querySelectorAll(sel)) {
		for (const e of [root, ...root.querySelectorAll("*")]) {
			if (seen.has(e)) continue;
			seen.add(e);
			if (!e.getClientRects().length || e.closest(".vh, option, [hidden]")) continue;
			if (e.matches(":disabled") || e.closest(":disabled")) continue; // WCAG exempts inactive controls
			const own = [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim());
			if (!own) continue;
			const cs = getComputedStyle(e);
			if (cs.visibility !== "visible") continue;
			const svgText = e instanceof SVGElement;
			let fg = parse(svgText ? cs.fill : cs.color);
			if (!fg) continue;
			let op = 1;
			for (let a = e; a && a.nodeType === 1; a = a.parentElement) op *= Number(getComputedStyle(a).opacity);
			const bg = bgOf(svgText ? e.ownerSVGElement.parentElement : e);
			fg = over([fg[0], fg[1], fg[2], fg[3] * op], bg);
			const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
			const want = size >= 24 || (bold && size >= 18.6) ? 3 : 4.5;
			const r = ratio(fg, bg);
			checked++;
			if (r < want) bad.push(where(e) + " “" + e.textContent.trim().slice(0, 30) + "”: " + fmt(fg) + " on " + fmt(bg) + " = " + r.toFixed(2));
		}
	}
	return { checked, bad };
})`

// strokeJS returns the contrast against the article's paper of the
// stroke (or background) colour of each element matched.
const strokeJS = `((sel, prop) => {
	const parse = s => { const m = /^rgba?\(([^)]+)\)$/.exec(s); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
	const paper = parse(getComputedStyle(document.getElementById("docwrap")).backgroundColor);
	return [...document.querySelectorAll(sel)].map(e => {
		const c = parse(getComputedStyle(e)[prop]);
		const a = c[3], mix = [0, 1, 2].map(i => c[i] * a + paper[i] * (1 - a));
		const x = lum(mix), y = lum(paper);
		return { what: (e.getAttribute("class") || e.tagName) + " " + getComputedStyle(e)[prop], ratio: (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) };
	});
})`

type contrastReport struct {
	Checked int
	Bad     []string
}

// darkCheck checks every text under sel; panel names the panel for the report.
func (p *Page) darkCheck(t *testing.T, panel, sel string, minTexts int) {
	t.Helper()
	var r contrastReport
	p.eval(contrastJS+`(`+jsString(sel)+`)`, &r)
	if r.Checked < minTexts {
		t.Errorf("%s: only %d texts checked under %s, want %d or more (the panel is not shown?)", panel, r.Checked, sel, minTexts)
	}
	for _, b := range r.Bad {
		t.Errorf("dark %s: %s, want 4.5 or more (3 for large text)", panel, b)
	}
	t.Logf("dark %s: %d texts checked", panel, r.Checked)
}

func (p *Page) strokeCheck(t *testing.T, panel, sel, prop string, min float64) {
	t.Helper()
	var list []struct {
		What  string
		Ratio float64
	}
	p.eval(strokeJS+`(`+jsString(sel)+`, `+jsString(prop)+`)`, &list)
	if len(list) == 0 {
		t.Errorf("%s: nothing matches %s", panel, sel)
	}
	for _, s := range list {
		if s.Ratio < min {
			t.Errorf("dark %s: %s on the article: %.2f, want %.1f or more", panel, s.What, s.Ratio, min)
		}
	}
}

// Every panel in the dark theme: the header, the label bar, the side
// panels (selected span, claims with claimant and cue, entities, labels
// guide), the document list, the status bar, the find bar, the menus, the
// dialogs (help, schema, statistics with its chart, document, import,
// Compare), the suggestions panel, the claimant chooser, the adjudication
// lanes, the toasts, the drop zone, the whole status message; and the
// relation arcs, the edge handles and the suggestions' lines. On the old
// code several of them kept light-theme colours (the document list's
// labels #4b5563 on #1e2125, the relation arcs, the adjudication lanes'
// names in their dark lane colours, the chips of document labels, ...).
func TestE2EDarkThemePanels(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.colorScheme("dark")
	const ctx = "In an interview with CBS aired Sunday, Obama said a permanent"
	p.dragSelect("Obama", ctx, 0)
	p.key("1")
	p.dragSelect("said", ctx, 0)
	p.key("9")
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.key("7")
	p.key("c")
	p.waitFor(`!!document.querySelector(".linkpop:not([hidden])")`) // linkpop.js loads on the first C
	p.darkCheck(t, "claimant chooser", ".linkpop", 2)
	p.screenshot("dark-linkpop-1400")
	p.clickText("Obama", ctx)
	p.key("u")
	p.key("1")
	p.settle()
	p.dragSelect("a permanent agreement may not be achieved before November 24", "", 0)
	p.settle()
	p.clickText("permanent agreement", "")
	p.settle()
	// a document label, shown as a chip under the title
	p.run(chromedp.Click(`#btn-doc-labels`, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("doc-labels-menu").hidden`)
	p.run(chromedp.Click(`#doc-labels-menu .dl-item`, chromedp.ByQuery))
	p.waitFor(`!!document.querySelector("#doc-tools .dl-chip")`)
	if !p.visible("#doc-labels-menu") {
		p.run(chromedp.Click(`#btn-doc-labels`, chromedp.ByQuery))
		p.waitFor(`!document.getElementById("doc-labels-menu").hidden`)
	}
	p.darkCheck(t, "document labels and their menu", "#doc-tools", 4)
	p.key("Escape")
	p.screenshot("dark-main-1400")
	p.darkCheck(t, "header", ".top", 10)
	p.darkCheck(t, "label bar", "#labels", 9)
	p.darkCheck(t, "document list", "#docs", 6)
	p.darkCheck(t, "side panels", "#side", 20)
	p.darkCheck(t, "article head", ".doc-head", 2)
	p.darkCheck(t, "status bar", ".statusbar", 2)
	p.strokeCheck(t, "relation arcs", ".relarc", "stroke", 3)
	var handle, paper string
	p.eval(`getComputedStyle(document.querySelector(".edge-handle"), "::before").backgroundColor`, &handle)
	p.eval(`getComputedStyle(document.getElementById("docwrap")).backgroundColor`, &paper)
	if c := contrastOf(t, handle, paper, paper); c < 3 {
		t.Errorf("dark edge handle %s: %.2f over the article, want 3 or more", handle, c)
	}

	// the find bar, with matches and with none
	p.key("f", input.ModifierCtrl)
	p.waitFor(`!!document.querySelector(".findbar:not([hidden]) input")`)
	p.run(chromedp.SendKeys(".findbar input", "Iran", chromedp.ByQuery))
	p.settle()
	p.darkCheck(t, "find bar", ".findbar", 2)
	p.run(chromedp.SendKeys(".findbar input", "qqqzz", chromedp.ByQuery))
	p.settle()
	p.darkCheck(t, "find bar, no match", ".findbar", 2)
	p.screenshot("dark-find-1400")
	p.key("Escape")

	// the export menu
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery))
	p.waitFor(`!!document.querySelector("#export-menu .menu-item")`)
	p.darkCheck(t, "export menu", "#export-menu", 4)
	p.key("Escape")

	// dialogs
	p.key("?")
	p.waitFor(`!document.getElementById("help").hidden`)
	p.darkCheck(t, "help", "#help", 20)
	p.key("Escape")
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("schema").hidden`)
	p.darkCheck(t, "schema", "#schema", 10)
	p.screenshot("dark-schema-1400")
	p.run(chromedp.Click("#schema-close", chromedp.ByQuery))
	p.run(chromedp.Click("#btn-stats", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden && !!document.querySelector(".stats-chart text")`)
	p.darkCheck(t, "statistics", "#stats", 10)
	p.screenshot("dark-stats-1400")
	p.run(chromedp.Click("#stats-close", chromedp.ByQuery))
	p.run(chromedp.Click("#doc-tools .de-open", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("docedit").hidden`)
	p.darkCheck(t, "document dialog", "#docedit", 6)
	p.key("Escape")
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.darkCheck(t, "Compare", "#compare", 5)
	p.run(chromedp.Click("#cmp-cancel", chromedp.ByQuery))

	// the adjudication lanes, one per annotator colour (compare.js's LANE_COLORS), as compare.js builds them
	var ok bool
	p.eval(`(() => {
		const colors = ["#1d4ed8", "#b45309", "#047857", "#9333ea", "#be123c", "#0e7490", "#4d7c0f", "#a16207", "#475569"];
		const lanes = document.getElementById("cmp-lanes");
		lanes.replaceChildren(...colors.map((c, i) => {
			const d = document.createElement("div");
			d.className = "cmp-lane";
			d.style.setProperty("--lane", c);
			d.innerHTML = '<div class="cmp-who"><span class="cmp-dot"></span><b>annotator ' + i + '</b><kbd>Shift+' + (i + 1) + '</kbd></div><ul class="cmp-cands"><li><span class="cmp-lbl">PERSON</span> Obama</li><li class="none">no span</li></ul>';
			return d;
		}));
		document.getElementById("cmp-where").textContent = "Disagreement 1 of 3";
		document.getElementById("panel-adjudicate").hidden = false;
		return true;
	})()`, &ok)
	p.darkCheck(t, "adjudication", "#panel-adjudicate", 20)
	p.screenshot("dark-adjudicate-1400")
	p.eval(`(document.getElementById("panel-adjudicate").hidden = true, document.getElementById("cmp-lanes").replaceChildren(), true)`, &ok)

	// the suggestions panel
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	p.waitFor(`!!document.getElementById("panel-sugg") && document.getElementById("panel-sugg").getClientRects().length > 0`)
	p.settle()
	p.darkCheck(t, "suggestions", "#panel-sugg", 3)
	p.screenshot("dark-suggest-1400")

	// the import dialog with a peer file's preview
	if _, err := os.Stat(filepath.Join(peersDir, "doccano")); err == nil {
		p.upload(peer(t, "doccano/doccano__doccano__backend__data_import__tests__data__relation_extraction__example.jsonl"))
		p.darkCheck(t, "import", "#import", 5)
		p.screenshot("dark-import-1400")
		p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	}

	// toasts of every kind, one at a time (a new one replaces the last unless that is an error)
	for _, kind := range []string{"info", "ok", "warn", "error"} {
		p.eval(`import(new URL("util.js", document.baseURI).href).then(m => { document.getElementById("toasts").replaceChildren();
			m.toast("A message of the kind `+kind+`", "`+kind+`", 60000); return true; })`, &ok)
		p.settle()
		p.darkCheck(t, kind+" toast", "#toasts", 2)
		if kind == "warn" {
			p.screenshot("dark-toast-1400")
		}
	}
	p.eval(`(document.getElementById("toasts").replaceChildren(), true)`, &ok)
	// a long warning in the status bar (Export as CoNLL drops the claim's relations), and the whole of it
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery))
	p.waitFor(`!!document.querySelector('#export-menu .menu-item[data-format="conll"]')`)
	p.run(chromedp.Click(`#export-menu .menu-item[data-format="conll"]`, chromedp.ByQuery))
	p.waitDownload()
	p.waitFor(`document.getElementById("status").textContent.includes("not kept") && !document.getElementById("status-more").hidden`)
	p.darkCheck(t, "status bar, warning", ".statusbar", 3)
	p.run(chromedp.Click("#status-more", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("status-full").hidden`)
	p.darkCheck(t, "whole status message", "#status-full", 1)
	p.screenshot("dark-status-full-1400")
	p.run(chromedp.Click("#status-more", chromedp.ByQuery))

	// the drop zone, while a file is dragged over the page
	file := filepath.Join(t.TempDir(), "article.txt")
	os.WriteFile(file, []byte("An article."), 0o644)
	data := &input.DragData{Items: []*input.DragDataItem{{MimeType: "text/plain", Data: ""}}, Files: []string{file}, DragOperationsMask: 1}
	p.run(input.DispatchDragEvent(input.DragEnter, 600, 400, data))
	p.run(input.DispatchDragEvent(input.DragOver, 610, 410, data))
	p.waitFor(`!!document.querySelector(".dropzone:not([hidden])")`)
	p.darkCheck(t, "drop zone", ".dropzone", 2)
	p.screenshot("dark-dropzone-1400")
	p.run(input.DispatchDragEvent(input.DragCancel, 610, 410, data))

	// the More menu at 800 px
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	p.run(chromedp.Click("#btn-more", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("more-menu").hidden`)
	p.darkCheck(t, "More menu", "#more-menu", 3)
	p.screenshot("dark-more-800")
	p.key("Escape")
	p.noErrors()
}
