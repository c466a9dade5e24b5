package web_test

// Issue 22, defects 4, 5, 6, 14 and 15: what a person meets in the first
// hour, with real key and mouse events, read back from the browser.

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// Labels added in the schema editor without choosing a colour get the
// core's distinct ones (they all got #9b8ec4), shown on their buttons.
func TestE2ENewLabelColors(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Click("#btn-schema", chromedp.ByQuery))
	var shown []string
	for _, name := range []string{"Protein", "Gene", "Drug"} {
		var suggested string
		p.eval(`document.getElementById("sl-new-color").value`, &suggested)
		shown = append(shown, suggested)
		p.run(chromedp.SendKeys("#sl-new-name", name, chromedp.ByQuery))
		p.key("Enter")
		p.waitFor(`spanmark.schema().labels.some(l => l.name === "` + name + `")`)
	}
	p.key("Escape")
	var got []struct{ Name, Color, Border string }
	p.eval(`spanmark.schema().labels.slice(-3).map(l => ({
		name: l.name, color: l.color,
		border: getComputedStyle(smApp.labelButtons.get(l.name).b).borderLeftColor,
	}))`, &got)
	if len(got) != 3 {
		t.Fatalf("labels %+v", got)
	}
	seen := map[string]string{}
	for i, l := range got {
		if l.Color == "#9b8ec4" {
			t.Errorf("%s got the old default colour %s", l.Name, l.Color)
		}
		if o, dup := seen[l.Color]; dup {
			t.Errorf("%s and %s share %s", o, l.Name, l.Color)
		}
		seen[l.Color] = l.Name
		if shown[i] != l.Color {
			t.Errorf("the dialog showed %s for %s, which got %s", shown[i], l.Name, l.Color)
		}
	}
	if got[0].Border == got[1].Border || got[1].Border == got[2].Border || got[0].Border == got[2].Border {
		t.Errorf("label buttons share a colour: %+v", got)
	}
	p.noErrors()
}
