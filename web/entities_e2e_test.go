package web_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// Too many spans to list them all (over LIST_LIMIT in panels.js): the
// entities panel shows each label's most frequent texts with their counts,
// as the core groups them; a click goes through an entry's spans in turn,
// "Show more" lists more, and a relabel moves a span between the labels'
// entries.
func TestE2EEntitiesSummary(t *testing.T) {
	data := textProject(400_000, "summary", "Four thousand spans")
	addExtra("/_test/summary.json", data)
	var proj struct {
		Documents []struct {
			Spans []struct {
				ID, Label string
				Fragments []struct {
					Start, End int
					Text       string
				}
			}
		}
	}
	if err := json.Unmarshal(data, &proj); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Text  string
		Count int
		Spans []int // starts, in document order (ASCII: code points = UTF-16)
	}
	// what the panel should show, from the file: by text, most frequent
	// first, ties by first occurrence
	expect := func(label string) []entry {
		by := map[string]*entry{}
		var order []*entry
		for _, s := range proj.Documents[0].Spans {
			if s.Label != label {
				continue
			}
			f := s.Fragments[0]
			e := by[f.Text]
			if e == nil {
				e = &entry{Text: f.Text}
				by[f.Text] = e
				order = append(order, e)
			}
			e.Count++
			e.Spans = append(e.Spans, f.Start)
		}
		var out []entry
		for _, e := range order {
			slices.Sort(e.Spans)
			out = append(out, *e)
		}
		slices.SortStableFunc(out, func(a, b entry) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Spans[0], b.Spans[0]))
		})
		return out
	}
	person := expect("PERSON")
	if n := len(proj.Documents[0].Spans); n <= 3000 || len(person) <= 8+25 {
		t.Fatalf("%d spans, %d PERSON texts: the test needs more than 3,000 and 33", n, len(person))
	}

	p := openPage(t, "/?project=/_test/summary.json")
	type shown struct {
		Text, N string
	}
	listed := func(label string) ([]shown, string) {
		var r struct {
			Items []shown
			More  string
		}
		p.eval(fmt.Sprintf(`(() => {
			const sec = document.querySelector('#entities .ent[data-label=%q]');
			if (!sec) return { items: [], more: "" };
			return {
				items: [...sec.querySelectorAll("li > .spanref")].map(b => ({ text: b.querySelector(".t").textContent, n: b.querySelector(".n").textContent })),
				more: (sec.querySelector("li.more > button") || {}).textContent || "",
			};
		})()`, label), &r)
		return r.Items, r.More
	}
	want := func(es []entry, n int) []shown {
		var out []shown
		for _, e := range es[:n] {
			c := ""
			if e.Count > 1 {
				c = fmt.Sprintf("×%d", e.Count)
			}
			out = append(out, shown{e.Text, c})
		}
		return out
	}
	p.waitFor(`document.querySelectorAll('#entities .ent[data-label="PERSON"] li > .spanref').length > 0`)
	items, more := listed("PERSON")
	if !slices.Equal(items, want(person, 8)) {
		t.Errorf("PERSON entries %v, want %v", items, want(person, 8))
	}
	if w := fmt.Sprintf("Show 25 more (%d of %d texts not shown)", len(person)-8, len(person)); more != w {
		t.Errorf("more button %q, want %q", more, w)
	}
	p.screenshot("entities-summary")

	// a click goes to the entry's first span, the next click to its second
	selected := func() (string, int) {
		var r struct {
			Label string
			Start int
		}
		p.eval(`(() => { const s = smApp.painter.selected; return s ? { label: s.label, start: s.fragsCP[0] } : { label: "", start: -1 }; })()`, &r)
		return r.Label, r.Start
	}
	first := person[0]
	for i := 0; i < 2; i++ {
		p.run(chromedp.Click(`#entities .ent[data-label="PERSON"] li:first-child > .spanref`, chromedp.ByQuery))
		p.settle()
		if l, s := selected(); l != "PERSON" || s != first.Spans[i] {
			t.Errorf("click %d on %q selected %s at %d, want PERSON at %d", i+1, first.Text, l, s, first.Spans[i])
		}
	}

	p.run(chromedp.Click(`#entities .ent[data-label="PERSON"] li.more > button`, chromedp.ByQuery))
	p.waitFor(`document.querySelectorAll('#entities .ent[data-label="PERSON"] li > .spanref').length === 33`)
	if items, _ := listed("PERSON"); !slices.Equal(items, want(person, 33)) {
		t.Errorf("PERSON entries after Show more: %v, want %v", items, want(person, 33))
	}

	// relabel the selected span (the second of the first entry) as ORG: the
	// entries follow once the panel catches up
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.key("2")
	p.waitFor(fmt.Sprintf(`document.querySelector('#entities .ent[data-label="PERSON"] li:first-child .n').textContent !== "×%d"`, first.Count))
	for i, s := range proj.Documents[0].Spans {
		if s.Label == "PERSON" && s.Fragments[0].Start == first.Spans[1] {
			proj.Documents[0].Spans[i].Label = "ORG"
		}
	}
	person, org := expect("PERSON"), expect("ORG")
	p.waitFor(`document.querySelectorAll('#entities .ent[data-label="ORG"] li > .spanref').length > 0`)
	if items, _ := listed("PERSON"); !slices.Equal(items, want(person, 33)) {
		t.Errorf("PERSON entries after the relabel: %v, want %v", items, want(person, 33))
	}
	if items, _ := listed("ORG"); !slices.Equal(items, want(org, 8)) {
		t.Errorf("ORG entries after the relabel: %v, want %v", items, want(org, 8))
	}
	p.noErrors()
}
