package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// findState is what the find box shows and what the page selected.
type findState struct {
	Open      bool
	Focus     string // the focused element's id
	Count     string
	Sel       []int // the text selection in the article (UTF-16), null when none
	Painted   int   // Ranges in the find highlight (current one apart)
	Unpainted int   // matches on screen with no Range in either highlight
	Cur       []string
	InView    bool // the current match is inside the article's viewport
	Matches   int
	SearchMs  float64
}

func (p *Page) findState() findState {
	p.t.Helper()
	var s findState
	p.eval(`(() => {
		const f = smApp.finder, bar = document.getElementById("findbar");
		const hl = CSS.highlights.get("sm--find"), cur = CSS.highlights.get("sm--find-cur");
		const text = r => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); };
		let inView = false;
		if (f && f.cur >= 0) {
			const r = smApp.view.range(f.matches[2 * f.cur], f.matches[2 * f.cur + 1]).getBoundingClientRect();
			const sb = smApp.scroller.getBoundingClientRect();
			inView = r.top >= sb.top && r.bottom <= sb.bottom && r.height > 0;
		}
		let unpainted = 0;
		if (f && hl) {
			const starts = new Set([...hl, ...cur].map(r => smApp.view.offsetOf(r.startContainer, r.startOffset)));
			const sb = smApp.scroller.getBoundingClientRect();
			const [vs, ve] = smApp.view.visibleRange(smApp.scroller);
			for (let k = f.firstFrom(vs - 200), end = f.firstFrom(ve + 1); k < end; k++) {
				const i = 2 * k, r = smApp.view.range(f.matches[i], f.matches[i + 1]).getBoundingClientRect();
				if (r.bottom > sb.top && r.top < sb.bottom && !starts.has(f.matches[i])) unpainted++;
			}
		}
		return {
			unpainted,
			open: !!bar && !bar.hidden && bar.getClientRects().length > 0,
			focus: document.activeElement && document.activeElement.id,
			count: bar ? document.getElementById("find-count").textContent : "",
			sel: smApp.view.selection(),
			painted: hl ? hl.size : 0,
			cur: cur ? [...cur].map(text) : [],
			inView,
			matches: f ? f.matches.length / 2 : 0,
			searchMs: f ? f.lastMs : 0,
		};
	})()`, &s)
	return s
}

// typeFind types q into the focused find box with key events and waits for the search (after the typing pause).
func (p *Page) typeFind(q string) {
	p.t.Helper()
	p.run(chromedp.SendKeys("#find-input", q, chromedp.ByQuery))
	p.waitFor(`smApp.finder && smApp.finder.timer === 0 && smApp.finder.query === ` + jsString(q))
	p.settle()
}

// Find in the article: Ctrl+F from the article opens the box with the
// focus in it; typing counts the core's literal matches (case-insensitive:
// 26 of "iran" in the sample, python3 len(re.findall("(?i)iran", t))), the
// first is current, selected, highlighted apart and on screen; Enter and
// Shift+Enter go on and back (round the end); Esc closes the box and leaves
// the match selected, so that a label key labels exactly it; "Label all…"
// opens Label all with the query. On today's code Ctrl+F does nothing of
// the page's (the browser's own find), so every check fails.
func TestE2EFind(t *testing.T) {
	p := openPage(t, "/")
	// not built before it is used (not on the start-up path)
	var before bool
	p.eval(`smApp.finder === null && !document.getElementById("findbar") && !CSS.highlights.has("sm--find")`, &before)
	if !before {
		t.Errorf("the find box exists before the first Ctrl+F")
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("f", input.ModifierCtrl)
	p.waitFor(`document.activeElement && document.activeElement.id === "find-input"`)
	p.typeFind("iran")
	s := p.findState()
	// python3: [(m.start(), m.end()) for m in re.finditer("(?i)iran", t)][:3] = [(6, 10), (127, 131), (263, 267)] (ASCII up to there)
	if !s.Open || s.Count != "1 of 26 matches" || s.Matches != 26 {
		t.Fatalf("after typing: %+v, want open, 1 of 26 matches", s)
	}
	if len(s.Sel) != 2 || s.Sel[0] != 6 || s.Sel[1] != 10 || len(s.Cur) != 1 || s.Cur[0] != "Iran" || !s.InView {
		t.Errorf("first match: selection %v, current %q, in view %v; want [6 10], Iran, in view", s.Sel, s.Cur, s.InView)
	}
	if s.Unpainted != 0 || s.Painted == 0 || s.Painted > 25 {
		t.Errorf("%d matches painted apart from the current one, %d on screen not painted; want every one on screen", s.Painted, s.Unpainted)
	}
	if s.Focus != "find-input" {
		t.Errorf("focus on %q, want the find box", s.Focus)
	}
	p.screenshots("find-open")
	p.key("Enter")
	p.settle()
	if s = p.findState(); s.Count != "2 of 26 matches" || len(s.Sel) != 2 || s.Sel[0] != 127 || s.Sel[1] != 131 || s.Focus != "find-input" {
		t.Errorf("after Enter: %+v, want 2 of 26, selection [127 131], focus kept", s)
	}
	p.key("Enter")
	p.settle()
	p.key("Enter", input.ModifierShift)
	p.settle()
	if s = p.findState(); s.Count != "2 of 26 matches" || s.Sel[0] != 127 {
		t.Errorf("after Enter, Shift+Enter: %+v, want 2 of 26 at 127", s)
	}
	// back round the start: the last match, scrolled into view
	p.key("Enter", input.ModifierShift)
	p.key("Enter", input.ModifierShift)
	p.settle()
	var last []int
	p.eval(`(() => { const t = smApp.view.text.toLowerCase(); const i = t.lastIndexOf("iran"); return [i, i + 4]; })()`, &last)
	if s = p.findState(); s.Count != "26 of 26 matches" || len(s.Sel) != 2 || s.Sel[0] != last[0] || !s.InView {
		t.Errorf("Shift+Enter from the first: %+v, want 26 of 26 at %v, in view", s, last)
	}
	p.key("Enter") // round the end: the first again
	p.settle()
	if s = p.findState(); s.Count != "1 of 26 matches" || s.Sel[0] != 6 {
		t.Errorf("Enter from the last: %+v, want 1 of 26 at 6", s)
	}
	p.key("Enter") // the second: [127, 131]
	// Esc: closed, the article focused, the match still selected; a label key labels it
	p.key("Escape")
	p.settle()
	if s = p.findState(); s.Open || s.Focus != "article" || len(s.Sel) != 2 || s.Sel[0] != 127 || s.Sel[1] != 131 || s.Painted != 0 {
		t.Fatalf("after Esc: %+v, want closed, article focused, selection [127 131], nothing painted", s)
	}
	p.key("3") // GPE
	p.settle()
	var spans []struct {
		Label   string
		FragsCP []int
	}
	p.eval(`spanmark.spansIn("iran-us-talks", 0, 200)`, &spans)
	if len(spans) != 1 || spans[0].Label != "GPE" || spans[0].FragsCP[0] != 127 || spans[0].FragsCP[1] != 131 {
		t.Errorf("spans after Esc and 3: %+v, want one GPE at 127-131", spans)
	}
	// options: match case and whole words (the core's rules: 17 whole-word, python3 re.findall(r"(?i)(?<!\w)iran(?!\w)", t))
	p.key("f", input.ModifierCtrl)
	p.waitFor(`document.activeElement && document.activeElement.id === "find-input"`)
	if s = p.findState(); s.Count == "" || !strings.HasSuffix(s.Count, "of 26 matches") {
		t.Errorf("reopened: %+v, want the query kept (of 26 matches)", s)
	}
	if s.Painted == 0 {
		t.Errorf("reopened with the same query: no match painted")
	}
	p.run(chromedp.Click("#find-word", chromedp.ByQuery))
	p.settle()
	if s = p.findState(); !strings.HasSuffix(s.Count, "of 17 matches") {
		t.Errorf("whole words: %q, want … of 17 matches", s.Count)
	}
	// "a.b"-like text is literal: "U.S." matches only itself
	p.run(chromedp.Click("#find-word", chromedp.ByQuery))
	p.run(chromedp.Focus("#find-input", chromedp.ByQuery))
	p.eval(`(document.getElementById("find-input").select(), true)`, new(bool)) // typing replaces the query
	p.typeFind("U.S.")
	var want int
	p.eval(`smApp.view.text.toLowerCase().split("u.s.").length - 1`, &want)
	if s = p.findState(); s.Matches != want || want == 0 {
		t.Errorf("U.S.: %d matches, want %d (literal)", s.Matches, want)
	}
	// Label all with the query
	p.run(chromedp.Click("#find-labelall", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("labelall").hidden`)
	var la struct {
		Pattern string
		Regex   bool
		Open    bool
	}
	p.eval(`({pattern: document.getElementById("la-pattern").value, regex: document.getElementById("la-regex").checked, open: !document.getElementById("findbar").hidden})`, &la)
	if la.Pattern != "U.S." || la.Regex || la.Open {
		t.Errorf("Label all from find: %+v, want pattern U.S., not a regex, the find box closed", la)
	}
	time.Sleep(150 * time.Millisecond)
	var preview string
	p.eval(`document.getElementById("la-preview").textContent`, &preview)
	if !strings.HasPrefix(preview, itoa(want)+" match") {
		t.Errorf("label-all preview %q, want %d matches", preview, want)
	}
	p.noErrors()
}

// Find on the 1M-character document: the search runs once per query
// (after typing pauses), only the matches near the screen get Ranges, and
// Enter goes to a match far down, selected and on screen. The figures are
// logged (go test -v), not asserted.
func TestE2EFind1M(t *testing.T) {
	bigProject()
	p := openPage(t, "/?project=/_test/big.json")
	var text string
	p.eval(`smApp.view.text`, &text)
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("f", input.ModifierCtrl)
	p.waitFor(`document.activeElement && document.activeElement.id === "find-input"`)
	for _, q := range []string{"minister", "e", "embassy trade", "al"} {
		p.run(chromedp.Focus("#find-input", chromedp.ByQuery))
		p.eval(`(document.getElementById("find-input").select(), true)`, new(bool))
		var top bool
		p.eval(`(smApp.scroller.scrollTop = 0, true)`, &top) // the search starts from the screen's top: the first match
		p.settle()
		var searches0 int
		p.eval(`performance.getEntriesByName("sm-find").length`, &searches0)
		p.typeFind(q)
		if len(q) == 1 {
			// one character waits for Enter, which searches and shows the first match
			var n int
			p.eval(`performance.getEntriesByName("sm-find").length`, &n)
			if st := p.findState(); n != searches0 || st.Count != "Enter to search" {
				t.Errorf("%q typed: %d searches, count %q; want none yet, \"Enter to search\"", q, n-searches0, st.Count)
			}
			p.key("Enter")
			p.settle()
			if st := p.findState(); !strings.HasPrefix(st.Count, "1 of ") {
				t.Errorf("%q, Enter: count %q, want 1 of …", q, st.Count)
			}
		}
		var searches int
		p.eval(`performance.getEntriesByName("sm-find").length`, &searches)
		s := p.findState()
		want := strings.Count(strings.ToLower(text), q)
		if s.Matches != want {
			t.Errorf("%q: %d matches, want %d", q, s.Matches, want)
		}
		if searches-searches0 != 1 {
			t.Errorf("%q typed key by key: %d searches, want 1", q, searches-searches0)
		}
		if s.Painted > 2000 {
			t.Errorf("%q: %d Ranges painted, want at most 2000 (those near the screen)", q, s.Painted)
		}
		// jump far: Shift+Enter from the first goes to the last match
		p.key("Enter", input.ModifierShift)
		p.settle()
		p.settle()
		s2 := p.findState()
		lastAt := strings.LastIndex(strings.ToLower(text), q)
		if len(s2.Sel) != 2 || s2.Sel[0] != lastAt || s2.Sel[1] != lastAt+len(q) || !s2.InView || len(s2.Cur) != 1 {
			t.Errorf("%q Shift+Enter: %+v, want the last match [%d %d] selected, on screen, current", q, s2, lastAt, lastAt+len(q))
		}
		if s2.Unpainted != 0 {
			t.Errorf("%q at the last match: %d matches on screen not painted", q, s2.Unpainted)
		}
		// scrolled by hand to the middle: the matches there are painted in the scroll's frames
		p.eval(`(smApp.scroller.scrollTop = smApp.scroller.scrollHeight / 2, true)`, new(bool))
		p.settle()
		p.settle()
		if s3 := p.findState(); s3.Unpainted != 0 || (q == "e" && s3.Painted == 0) {
			t.Errorf("%q scrolled to the middle: %d matches on screen not painted (%d painted)", q, s3.Unpainted, s3.Painted)
		}
		t.Logf("find %q on 1M characters: %d matches, search %.1f ms (bridge call + conversion), %d Ranges painted near the screen",
			q, s.Matches, s.SearchMs, s.Painted)
	}
	p.screenshot("find-1m")
	p.noErrors()
}
