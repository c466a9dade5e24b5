package web_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
)

// TestE2ESuggestRunProgress: the own-labels source over a generated
// project of 10,000 records (a GPE span on "Tehran" in every third) runs
// in slices with a progress bar "N of M documents"; Cancel, pressed while
// it runs, leaves the project exactly as it was (nothing applied, nothing
// drawn, the buttons back); a run to the end gives the core exactly the
// set the one-shot source makes, and every record without the span gets
// its suggestion.
func TestE2ESuggestRunProgress(t *testing.T) {
	p := openPage(t, "/")
	const n = 10000
	p.openFile("records.json", p.manyDocsProject(n))
	p.waitLong(`smApp.docId === "d0000"`, 60*time.Second)
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	p.waitFor(`!!document.getElementById("sugg-own")`)
	before := p.export()

	// Every change of the progress text is recorded with the bar's value;
	// at the first one past 0 documents the Cancel button is clicked,
	// before the next slice runs (a MutationObserver runs before the
	// page's next task: no race with the run).
	var ok bool
	p.eval(`(() => {
		window.__runSeen = [];
		const text = document.getElementById("sugg-run-text"), bar = document.getElementById("sugg-run-bar");
		new MutationObserver(() => {
			const m = /: (\d+) of/.exec(text.textContent);
			window.__runSeen.push(text.textContent + " | " + bar.value + "/" + bar.max + " | " + (document.getElementById("sugg-run-progress").hidden ? "hidden" : "shown"));
			if (m && +m[1] > 0 && !window.__runCancelled) { window.__runCancelled = true; document.getElementById("sugg-run-cancel").click(); }
		}).observe(text, { childList: true, characterData: true, subtree: true });
		return true;
	})()`, &ok)
	p.run(chromedp.Click("#sugg-own", chromedp.ByQuery))
	p.waitLong(`window.__runCancelled === true && document.getElementById("sugg-run-progress").hidden`, 60*time.Second)
	var seen []string
	p.eval(`window.__runSeen`, &seen)
	// the last progress shown: "Own labels: N of 10,000 documents | N/10000 | shown"
	last := seen[len(seen)-1]
	var done int
	m := regexp.MustCompile(`^Own labels: ([0-9,]+) of 10,000 documents \| (\d+)/10000 \| shown$`).FindStringSubmatch(last)
	if m != nil {
		done, _ = strconv.Atoi(m[2])
	}
	if m == nil || done <= 0 || done >= n || m[1] != annotate.Count(done) {
		t.Fatalf("progress seen %q", seen)
	}
	var st struct {
		Status   string
		Disabled bool
		Drawn    int
		Count    string
	}
	p.eval(`({status: document.getElementById("status").textContent, disabled: document.getElementById("sugg-own").disabled,
		drawn: +(document.documentElement.dataset.suggestions || 0), count: document.getElementById("sugg-count").textContent})`, &st)
	if st.Status != "Own labels: cancelled after "+annotate.Count(done)+" of 10,000 documents; no suggestion was added" || st.Disabled || st.Drawn != 0 || st.Count != "0" {
		t.Fatalf("after Cancel: %+v", st)
	}
	if after := p.export(); after != before {
		t.Fatal("the cancelled run changed the project")
	}

	// to the end: the set equals the one-shot source's, and the core has it
	p.run(chromedp.Click("#sugg-own", chromedp.ByQuery))
	p.waitLong(`!!smApp.suggest.lastSet && document.getElementById("sugg-run-progress").hidden`, 120*time.Second)
	var fig struct {
		Run, Apply, Sync, Start float64
		Slices                  int
	}
	p.eval(`(() => { const m = n => performance.getEntriesByName(n).pop();
		return {run: m("sm-suggest-run").duration, apply: m("sm-suggest-apply").duration,
		slices: m("sm-suggest-run").detail.slices, sync: m("sm-suggest-run").detail.sync, start: m("sm-suggest-run").detail.start}; })()`, &fig)
	t.Logf("own labels over %d documents: %.0f ms in all, of which %.0f ms handing the project to the formats module and %.0f ms preparing the source, %d slices; then %.0f ms applying the set",
		n, fig.Run, fig.Sync, fig.Start, fig.Slices, fig.Apply)
	var same bool
	p.eval(`smApp.suggest.lastSet === spanmarkFormats.suggestOwnLabels({ ignoreCase: false })`, &same)
	if !same {
		t.Fatal("the run's set differs from the one-shot source's")
	}
	var proj struct {
		Documents []struct {
			ID          string            `json:"id"`
			Suggestions []json.RawMessage `json:"suggestions"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(p.export()), &proj); err != nil {
		t.Fatal(err)
	}
	open := 0
	for i, d := range proj.Documents {
		var want int
		if i%3 != 0 {
			want = 1
		}
		if len(d.Suggestions) != want {
			t.Fatalf("%s: %d suggestions, want %d", d.ID, len(d.Suggestions), want)
		}
		open += len(d.Suggestions)
	}
	if open != n-(n+2)/3 {
		t.Fatalf("%d suggestions", open)
	}
	p.eval(`document.getElementById("sugg-count").textContent`, &st.Count)
	if st.Count != "0" { // d0000 has the span: nothing to suggest there
		t.Fatalf("the panel counts %s in d0000", st.Count)
	}
}
