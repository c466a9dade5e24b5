package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Label descriptions (the schema's guidelines) are shown in the side
// panel's labels list, in plain view, one per label, with its key, layer
// and count; the entities panel lists entity-layer labels only (a CLAIM is
// not an entity: it is in the claims panel), and a claim label's
// highlights are hidden and shown from the labels list. On today's code the
// descriptions are tooltips only and the entities panel lists CLAIM.
func TestE2ELabelGuide(t *testing.T) {
	p := openPage(t, "/")
	p.dragSelect("Iran", "", 0)
	p.key("3") // GPE
	p.dragSelect("Iranian and American officials have held secret talks", "", 0)
	p.key("7") // CLAIM
	p.settle()
	p.waitFor(`document.querySelectorAll("#entities .ent").length > 0`)
	var g struct {
		Rows []struct {
			Label, Desc, N string
			Visible        bool
		}
		Entities []string
		EntCount string
	}
	p.eval(`(() => {
		const rows = [...document.querySelectorAll("#label-guide .lg-row")].map(r => {
			const d = r.querySelector(".lg-desc"), rect = d.getBoundingClientRect();
			return { label: r.dataset.label, desc: d.textContent, n: r.querySelector(".lg-n").textContent,
				visible: rect.width > 0 && rect.height > 0 && getComputedStyle(d).visibility === "visible" };
		});
		return { rows, entities: [...document.querySelectorAll("#entities .ent")].map(e => e.dataset.label),
			entCount: document.getElementById("entities-count").textContent };
	})()`, &g)
	var labels []struct{ Name, Description string }
	p.eval(`smApp.schema.labels`, &labels)
	if len(g.Rows) != len(labels) || len(labels) == 0 {
		t.Fatalf("labels panel: %d rows, want one per label (%d)", len(g.Rows), len(labels))
	}
	for i, l := range labels {
		r := g.Rows[i]
		if r.Label != l.Name || r.Desc != l.Description || l.Description == "" || !r.Visible {
			t.Errorf("labels panel row %d: %+v, want %s with its description %q shown", i, r, l.Name, l.Description)
		}
		want := "0"
		if l.Name == "GPE" || l.Name == "CLAIM" {
			want = "1"
		}
		if r.N != want {
			t.Errorf("labels panel: %s count %q, want %s", l.Name, r.N, want)
		}
	}
	if strings.Join(g.Entities, ",") != "GPE" || g.EntCount != "1" {
		t.Errorf("entities panel lists %v (count %s), want GPE only (1): CLAIM is in the claims panel", g.Entities, g.EntCount)
	}
	// hide the claims' highlights from the labels list
	p.run(chromedp.Click(`#label-guide .lg-row[data-label="CLAIM"] .eye`, chromedp.ByQuery))
	p.settle()
	var n int
	p.eval(`CSS.highlights.get("sm-CLAIM").size`, &n)
	var pressed string
	p.eval(`document.querySelector('#label-guide .lg-row[data-label="CLAIM"] .eye').getAttribute("aria-pressed")`, &pressed)
	if n != 0 || pressed != "true" {
		t.Errorf("after hiding CLAIM: %d ranges in its highlight, aria-pressed %s; want 0, true", n, pressed)
	}
	p.run(chromedp.Click(`#label-guide .lg-row[data-label="CLAIM"] .eye`, chromedp.ByQuery))
	p.settle()
	p.eval(`CSS.highlights.get("sm-CLAIM").size`, &n)
	if n != 1 {
		t.Errorf("after showing CLAIM again: %d ranges, want 1", n)
	}
	p.eval(`(document.getElementById("panel-labels").scrollIntoView(), true)`, new(bool))
	p.screenshots("label-guide")
	p.colorScheme("dark")
	p.screenshots("label-guide-dark")
	p.noErrors()
}
