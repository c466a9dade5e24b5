package web_test

// The header at 1400, 1100, 800 and 390 px (issue 22, "the page as a new
// user sees it"): how many rows it takes, that it never widens the page,
// and that every tool is reachable — on the row or in the "More" menu
// (more.js), by mouse and by keyboard.

import (
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// headerState is the header as laid out: its rows of controls (by their
// vertical centres), the page's width, and the tools on screen.
type headerState struct {
	Centres     []float64 // of every visible control, one per control
	ScrollWidth int
	Inner       int
	Shown       []string // ids of the tools laid out in the window
	Off         []string // ids of controls (partly) outside the window
	Nameless    []string // visible buttons with no accessible name
}

func (p *Page) header() headerState {
	p.t.Helper()
	var h headerState
	p.eval(`(() => {
		const out = { centres: [], scrollWidth: document.documentElement.scrollWidth, inner: innerWidth, shown: [], off: [], nameless: [] };
		for (const e of document.querySelectorAll(".top button, .top select, .top .toggle, .top .save-state")) {
			const r = e.getBoundingClientRect();
			if (!r.width || !r.height) continue;
			out.centres.push((r.top + r.bottom) / 2);
			if (e.id) out.shown.push(e.id);
			if (r.left < 0 || r.right > innerWidth + 0.5) out.off.push(e.id || e.className);
			if (e.matches("button") && !(e.getAttribute("aria-label") || e.textContent).trim()) out.nameless.push(e.id || e.className);
		}
		return out;
	})()`, &h)
	return h
}

// rows counts the header's rows: controls whose centres lie within 12 px
// of the row's first are on one row.
func (h headerState) rows() int {
	c := append([]float64(nil), h.Centres...)
	sort.Float64s(c)
	n, first := 0, -1e9
	for _, y := range c {
		if y > first+12 {
			n++
			first = y
		}
	}
	return n
}

// moreItems opens the "More" menu with a real click and returns the ids of
// the tools it lists (their data-for), then closes it with Escape.
func (p *Page) moreItems() []string {
	p.t.Helper()
	p.run(chromedp.Click("#btn-more", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("more-menu").hidden`)
	var ids []string
	var fits bool
	p.eval(`[...document.querySelectorAll("#more-menu .menu-item")].map(b => b.dataset.for)`, &ids)
	p.eval(`(() => { const r = document.getElementById("more-menu").getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; })()`, &fits)
	if !fits {
		p.t.Fatalf("at %d px the More menu is not inside the window", p.width())
	}
	p.key("Escape")
	p.waitFor(`document.getElementById("more-menu").hidden && document.activeElement.id === "btn-more"`)
	return ids
}

func (p *Page) width() int {
	var w int
	p.eval(`innerWidth`, &w)
	return w
}

// The tools a person may look for in the header, each reachable at every width.
var headerTools = []string{
	"btn-open", "btn-undo", "btn-redo", "btn-find", "btn-labelall", "btn-suggest", "btn-schema", "btn-stats",
	"btn-import", "btn-compare", "btn-export", "btn-export-menu", "btn-font-down", "btn-font-up", "btn-help",
}

// At 1400 to 1100 px (1360 is the tests' window) the header is one row, at 800 and 390 two (the
// document menu on one, the tools on the other); it never widens the page,
// no control leaves the window, every button has a name, and each tool is
// on the row or in the More menu. On the old code the header took two rows
// at 1400 px, three at 1100 and 800, four at 390, and had no More menu.
func TestE2EHeaderRows(t *testing.T) {
	p := openPage(t, "/")
	defer p.run(emulation.ClearDeviceMetricsOverride())
	for _, c := range []struct {
		w       int64
		maxRows int
	}{{1400, 1}, {1360, 1}, {1300, 1}, {1100, 1}, {800, 2}, {390, 2}} {
		p.run(chromedp.EmulateViewport(c.w, 900))
		p.settle()
		h := p.header()
		if n := h.rows(); n > c.maxRows {
			t.Errorf("at %d px the header has %d rows, want %d at most", c.w, n, c.maxRows)
		}
		if h.ScrollWidth > h.Inner || len(h.Off) > 0 {
			t.Errorf("at %d px the page is %d px wide (window %d); off-screen: %v", c.w, h.ScrollWidth, h.Inner, h.Off)
		}
		if len(h.Nameless) > 0 {
			t.Errorf("at %d px buttons without an accessible name: %v", c.w, h.Nameless)
		}
		reach := map[string]bool{}
		for _, id := range h.Shown {
			reach[id] = true
		}
		if p.visible("#btn-more") {
			for _, id := range p.moreItems() {
				if reach[id] {
					t.Errorf("at %d px %s is both on the row and in the More menu", c.w, id)
				}
				reach[id] = true
			}
		}
		var lost []string
		for _, id := range headerTools {
			if !reach[id] {
				lost = append(lost, id)
			}
		}
		if len(lost) > 0 {
			t.Errorf("at %d px not reachable (neither on the row nor in More): %s", c.w, strings.Join(lost, ", "))
		}
		p.screenshot("header-" + itoa(int(c.w)))
	}
	p.noErrors()
}

// A tool in the More menu works as its button: at 800 px, Statistics by a
// real click on its item, and Schema… by keyboard alone (Tab to More,
// Enter, arrows, Enter); Escape gives the focus back to More, and a digit
// typed in the menu labels nothing. On the old code there is no menu.
func TestE2EHeaderMoreMenu(t *testing.T) {
	p := openPage(t, "/")
	defer p.run(emulation.ClearDeviceMetricsOverride())
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	if p.visible("#btn-stats") || !p.visible("#btn-more") {
		t.Fatalf("at 800 px: Stats on the row %v, More shown %v; want Stats in More", p.visible("#btn-stats"), p.visible("#btn-more"))
	}
	// the mouse: More, then Statistics
	p.run(chromedp.Click("#btn-more", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("more-menu").hidden`)
	var label string
	p.eval(`document.querySelector('#more-menu [data-for="btn-stats"]').textContent`, &label)
	if label != "Statistics" {
		t.Errorf("the Stats item reads %q, want Statistics", label)
	}
	p.run(chromedp.Click(`#more-menu [data-for="btn-stats"]`, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("stats").hidden`)
	if p.visible("#more-menu") {
		t.Errorf("the menu stayed open after its item was chosen")
	}
	p.screenshot("header-more-stats-800")
	p.run(chromedp.Click("#stats-close", chromedp.ByQuery))
	p.waitFor(`document.getElementById("stats").hidden`)

	// the keyboard: focus on More, Enter opens with the first item focused
	var ok bool
	p.eval(`(document.getElementById("btn-more").focus(), true)`, &ok)
	p.key("Enter")
	p.waitFor(`!document.getElementById("more-menu").hidden && document.activeElement.closest("#more-menu") !== null`)
	var spans0 int
	p.eval(`smApp.painter.live.size`, &spans0)
	p.key("1") // a label hotkey: the menu's, not the article's
	var idx int
	p.eval(`[...document.querySelectorAll("#more-menu .menu-item")].findIndex(b => b.dataset.for === "btn-schema")`, &idx)
	if idx < 0 {
		t.Fatalf("Schema… is not in the More menu at 800 px")
	}
	for i := 0; i < idx; i++ {
		p.key("ArrowDown")
	}
	var focused string
	p.eval(`document.activeElement.dataset.for || document.activeElement.id`, &focused)
	if focused != "btn-schema" {
		t.Fatalf("after %d × ArrowDown the focus is on %q, want the Schema… item", idx, focused)
	}
	p.key("Enter")
	p.waitFor(`!document.getElementById("schema").hidden`)
	var spans1 int
	p.eval(`smApp.painter.live.size`, &spans1)
	if spans1 != spans0 {
		t.Errorf("a digit typed in the menu changed the spans: %d → %d", spans0, spans1)
	}
	p.run(chromedp.Click("#schema-close", chromedp.ByQuery))
	p.waitFor(`document.getElementById("schema").hidden`)
	// Escape closes the menu and gives the focus back to More
	p.eval(`(document.getElementById("btn-more").focus(), true)`, &ok)
	p.key("Enter")
	p.waitFor(`!document.getElementById("more-menu").hidden`)
	p.key("Escape")
	p.waitFor(`document.getElementById("more-menu").hidden && document.activeElement.id === "btn-more"`)
	p.noErrors()
}
