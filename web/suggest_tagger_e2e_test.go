package web_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/tagger"
)

// TestE2ETaggerSuggestions: the tagger wired into the suggestions panel.
// The golden project (the two sample articles, 24 entity spans) plus a
// new article without spans whose emoji make UTF-16 and code points
// differ. A Cancel right after "Train & suggest" leaves it untrained; a
// real click on "Train & suggest" trains it in the worker on the 24
// spans; opening the new article suggests on it as source "tagger" with
// scores, exactly the native tagger's predictions scored at least the
// default threshold (code points, the suggestion keys). "." and Enter accept the first: a span at exactly the
// predicted offsets; X rejects the next one: it is gone, written as
// rejected, and not suggested again after training once more.
func TestE2ETaggerSuggestions(t *testing.T) {
	data, err := os.ReadFile("../testdata/golden/project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	proj, err := annotate.Load(data, "project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	const newText = "🙂 Talks resume 🙂\nIran and Barack Obama met in Genève. Iran said the envoy Nasser Kanaani would answer.\n"
	if _, err := proj.AddDocument("new-article", "A new article", newText, annotate.Meta{}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := proj.Save(&buf); err != nil {
		t.Fatal(err)
	}
	// what the native tagger suggests there, trained on what the core picks
	tds, _ := proj.EntityTrainingDocs(nil)
	var docs []tagger.Doc
	nspans := 0
	for _, td := range tds {
		if len(td.Spans) == 0 {
			continue
		}
		d := tagger.Doc{ID: td.Doc.ID, Text: td.Doc.Text()}
		for _, s := range td.Spans {
			d.Spans = append(d.Spans, tagger.Span{Label: s.Label, Start: s.Start(), End: s.End()})
		}
		nspans += len(d.Spans)
		docs = append(docs, d)
	}
	m, err := tagger.Train(docs, tagger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string // suggestion keys, code points, text order
	// no done document, so no cross-validation: the core's default threshold
	for _, e := range m.PredictMin(newText, tagger.DefaultThreshold) {
		want = append(want, fmt.Sprintf("tagger %s %d-%d", e.Label, e.Start, e.End))
	}
	if len(want) < 2 || nspans != 24 {
		t.Fatalf("the native tagger, trained on %d spans, predicts only %v", nspans, want)
	}

	p := openPage(t, "/")
	p.openFile("project.spanmark.json", buf.Bytes())
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			var ok bool
			p.eval(js, &ok)
			if ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; errors %v", what, p.Errors())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor("the project", `!!(smApp.docId && smApp.docs.docs.some(d => d.id === "new-article"))`)
	var before []string
	p.eval(`performance.getEntriesByType("resource").map(e => new URL(e.name).pathname).filter(p => p.includes("tagger"))`, &before)
	if len(before) != 0 {
		t.Fatalf("the tagger loaded before it was used: %v", before)
	}
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	waitFor("the suggestions panel (suggest.js, loaded on first use)", `!!document.getElementById("sugg-tagger-state")`)
	var state string
	p.eval(`document.getElementById("sugg-tagger-state").textContent`, &state)
	if !strings.HasPrefix(state, "Not trained") {
		t.Fatalf("tagger state before training: %q", state)
	}
	// Cancel while the modules load: nothing trained, the button back
	p.eval(`(document.getElementById("sugg-tagger").click(), document.getElementById("sugg-tagger-cancel").click(), true)`, new(bool))
	waitFor("the cancelled training", `!smApp.suggest.training`)
	p.eval(`document.getElementById("sugg-tagger-state").textContent + (document.getElementById("sugg-tagger").disabled ? " (disabled)" : "")`, &state)
	if !strings.HasPrefix(state, "Not trained") || strings.HasSuffix(state, "(disabled)") {
		t.Fatalf("tagger state after Cancel: %q", state)
	}
	p.run(chromedp.Click("#sugg-tagger", chromedp.ByQuery))
	waitFor("the training", `!smApp.suggest.training && !!smApp.suggest.trained`)
	p.eval(`document.getElementById("sugg-tagger-state").textContent`, &state)
	if !strings.HasPrefix(state, "Trained on 24 spans in 2 documents at ") {
		t.Fatalf("tagger state after training: %q; errors %v", state, p.Errors())
	}
	var hidden []bool
	p.eval(`["#sugg-tagger-cancel", "#sugg-tagger-progress"].map(s => document.querySelector(s).hidden)`, &hidden)
	if len(hidden) != 2 || !hidden[0] || !hidden[1] {
		t.Fatalf("Cancel / progress still shown after training: hidden %v", hidden)
	}

	// another document opened: the trained tagger suggests on it
	p.eval(`(smApp.openDoc("new-article"), true)`, new(bool))
	waitFor("the tagger's suggestions", `(spanmark.suggestionCounts("new-article") || []).some(c => c.source === "tagger")`)
	type sugg struct {
		Key   string   `json:"key"`
		Score *float64 `json:"score"`
	}
	var got []sugg
	p.eval(`spanmark.suggestionsIn("new-article", 0, smApp.view.text.length)`, &got)
	var keys []string
	for _, g := range got {
		if g.Score == nil || *g.Score <= 0 || *g.Score > 1 {
			t.Errorf("%s: score %v", g.Key, g.Score)
		}
		keys = append(keys, g.Key)
	}
	if strings.Join(keys, "|") != strings.Join(want, "|") {
		t.Fatalf("tagger suggestions %v, want the native tagger's %v", keys, want)
	}
	st := p.suggState()
	if st.Drawn != len(want) || st.Total != fmt.Sprint(len(want)) {
		t.Fatalf("drawn %d, panel total %s, want %d", st.Drawn, st.Total, len(want))
	}

	p.screenshot("tagger-suggestions")

	// keys: . to the first, Enter accepts it, X rejects the next
	p.eval(`(smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	p.key(".")
	if st = p.suggState(); st.Cur != want[0] {
		t.Fatalf("after '.': current %q, want %q", st.Cur, want[0])
	}
	p.key("Enter")
	if st = p.suggState(); st.Cur != want[1] {
		t.Fatalf("after Enter: current %q, want %q", st.Cur, want[1])
	}
	p.key("x")
	st = p.suggState()
	if st.Total != fmt.Sprint(len(want)-2) {
		t.Fatalf("after Enter and X: %s open, want %d", st.Total, len(want)-2)
	}
	f := parseProject(t, p.export())
	var spans, rejected []string
	for _, d := range f.Documents {
		if d.ID != "new-article" {
			continue
		}
		for _, s := range d.Spans {
			spans = append(spans, fmt.Sprintf("tagger %s %d-%d", s.Label, s.Fragments[0].Start, s.Fragments[0].End))
		}
	}
	if len(spans) != 1 || spans[0] != want[0] {
		t.Fatalf("spans of the new article %v, want the accepted %s", spans, want[0])
	}
	proj2, err := annotate.Load([]byte(p.export()), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range proj2.Doc("new-article").RejectedSuggestions() {
		rejected = append(rejected, g.Key())
	}
	if len(rejected) != 1 || rejected[0] != want[1] {
		t.Fatalf("rejected %v, want %s", rejected, want[1])
	}

	// trained again (now on 25 spans): the rejected one stays away
	var runs int
	p.eval(`smApp.suggest.tagRuns`, &runs)
	p.run(chromedp.Click("#sugg-tagger", chromedp.ByQuery))
	waitFor("the second training", `!smApp.suggest.training && document.getElementById("sugg-tagger-state").textContent.startsWith("Trained on 25 spans in 3 documents")`)
	waitFor("the suggestions again", fmt.Sprintf("smApp.suggest.tagRuns > %d", runs))
	p.eval(`spanmark.suggestionsIn("new-article", 0, smApp.view.text.length).map(g => g.key)`, &keys)
	for _, k := range keys {
		if k == want[1] {
			t.Fatalf("the rejected suggestion %s came back: %v", k, keys)
		}
	}
	p.noErrors()
}
