package web_test

// Issue 22 at 800 px: the document drawer's close button, and the
// annotator-name field that must not crowd the status bar.

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// box reads an element's bounding box and whether it is the element hit at
// its centre (visible and not covered).
type box struct {
	rect
	Hit bool
}

func (p *Page) box(sel string) box {
	p.t.Helper()
	var b box
	p.eval(fmt.Sprintf(`(() => {
		const e = document.querySelector(%q); if (!e) return {};
		const r = e.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
		const at = r.width > 0 ? document.elementFromPoint(x, y) : null;
		return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height, hit: !!at && e.contains(at)};
	})()`, sel), &b)
	return b
}

// The document drawer of a narrow window has a visible close button (it
// had none: only Esc, ☰ or a click outside closed it), in light and dark;
// a click on it closes the drawer. A wide window's list, a column of the
// page, has none.
func TestE2EDrawerCloseButton(t *testing.T) {
	p := openPage(t, "/")
	if b := p.box("#docs-close"); b.Width > 0 {
		t.Errorf("at 1360 px the document list (a column) shows a close button: %+v", b.rect)
	}
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	for _, scheme := range []string{"light", "dark"} {
		p.colorScheme(scheme)
		p.run(chromedp.Click("#btn-docs-drawer", chromedp.ByQuery))
		p.settle()
		var open bool
		p.eval(`document.getElementById("docs").classList.contains("open")`, &open)
		if !open {
			t.Fatalf("%s: ☰ did not open the drawer", scheme)
		}
		b := p.box("#docs-close")
		if !b.Hit || b.Width < 24 || b.Height < 24 || b.Left < 0 || b.Right > 800 || b.Top < 0 {
			t.Fatalf("%s: the open drawer's close button is not visible and clickable: %+v", scheme, b)
		}
		var label string
		p.eval(`document.getElementById("docs-close").getAttribute("aria-label")`, &label)
		if label == "" {
			t.Errorf("the close button has no accessible name")
		}
		p.screenshot("22-drawer-800-" + scheme)
		p.run(chromedp.MouseClickXY((b.Left+b.Right)/2, (b.Top+b.Bottom)/2))
		p.settle()
		var st struct {
			Open     bool
			Expanded string
			Inside   bool
		}
		p.eval(`({open: document.getElementById("docs").classList.contains("open"),
			expanded: document.getElementById("btn-docs-drawer").getAttribute("aria-expanded"),
			inside: document.getElementById("docs").contains(document.activeElement)})`, &st)
		if st.Open || st.Expanded != "false" || st.Inside {
			t.Fatalf("%s: after a click on the close button: %+v", scheme, st)
		}
		if b := p.box("#docs-close"); b.Width > 0 {
			t.Errorf("%s: the close button stays after the drawer closed", scheme)
		}
	}
	p.colorScheme("light")
	p.noErrors()
}

// The name field the first edit brings up takes little of an 800 px status
// bar (it took ~300 px: a label, a 7rem field, "OK", "Not now" and the
// "Your name?" button beside it), the status text keeps its room, and the
// compact field works from the keyboard; a wide window keeps the words.
func TestE2ENameFieldCompact(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(800, 900))
	p.settle()
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.settle()
	time.Sleep(100 * time.Millisecond) // the status line follows the frame of the span
	p.settle()
	form, status, bar := p.box("#who-form"), p.box("#status"), p.box(".statusbar")
	if form.Width == 0 {
		t.Fatalf("the first edit did not bring up the name field")
	}
	t.Logf("800 px: name field %.0f px, status text %.0f px of a %.0f px bar", form.Width, status.Width, bar.Width)
	if form.Width > 180 {
		t.Errorf("at 800 px the name field takes %.0f px of the status bar, want <= 180", form.Width)
	}
	if b := p.box("#btn-annotator"); b.Width > 0 {
		t.Errorf("at 800 px the \"Your name?\" button (%.0f px) shows beside the field that replaces it", b.Width)
	}
	var cut bool
	p.eval(`(s => s.scrollWidth > s.clientWidth)(document.getElementById("status"))`, &cut)
	if status.Width < 0.55*bar.Width || cut {
		t.Errorf("at 800 px the status text has %.0f px of %.0f (cut: %v)", status.Width, bar.Width, cut)
	}
	for _, sel := range []string{"#who-input", "#who-form button[type=submit]", "#who-later"} {
		if b := p.box(sel); !b.Hit || b.Width < 20 {
			t.Errorf("at 800 px %s is not visible: %+v", sel, b)
		}
	}
	var place string
	p.eval(`document.getElementById("who-input").placeholder`, &place)
	if place != "Your name" {
		t.Errorf("without its label the field says %q", place)
	}
	p.screenshot("22-name-800-light")
	p.colorScheme("dark")
	p.screenshot("22-name-800-dark")
	p.colorScheme("light")

	// the keyboard: into the field, a name, Enter
	p.run(chromedp.Click("#who-input", chromedp.ByQuery))
	p.run(chromedp.SendKeys("#who-input", "ana", chromedp.ByQuery))
	p.key("Enter")
	p.settle()
	var st struct {
		Hidden bool
		Button string
	}
	p.eval(`({hidden: document.getElementById("who-form").hidden, button: document.getElementById("btn-annotator").textContent})`, &st)
	if !st.Hidden || st.Button != "👤 ana" {
		t.Fatalf("after typing a name and Enter in the compact field: %+v", st)
	}
	if b := p.box("#btn-annotator"); !b.Hit {
		t.Errorf("after the name was given its button is not visible: %+v", b)
	}

	// a wide window: the label and the words
	p.run(chromedp.EmulateViewport(1400, 900))
	p.run(chromedp.Click("#btn-annotator", chromedp.ByQuery))
	p.settle()
	var wide struct{ Label, OK, Later string }
	p.eval(`({label: document.querySelector("#who-form label").innerText, ok: document.querySelector("#who-form button[type=submit]").innerText,
		later: document.getElementById("who-later").innerText})`, &wide)
	if wide.Label == "" || wide.OK != "OK" || wide.Later != "Not now" {
		t.Errorf("at 1400 px the name field reads %+v", wide)
	}
	if b := p.box("#btn-annotator"); b.Width > 0 {
		t.Errorf("at 1400 px the name button (%.0f px) shows beside the field that replaces it", b.Width)
	}
	p.screenshot("22-name-1400-light")
	p.colorScheme("dark")
	p.screenshot("22-name-1400-dark")
	p.colorScheme("light")
	p.key("Escape")
	p.noErrors()
}
