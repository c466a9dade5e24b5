package web_test

// The tagger that learns in the page (tagger.js): it loads nothing until
// first used, trains in its Web Worker on the golden project's entity
// spans (the two sample articles: Persian, Hebrew, a decomposed "è", emoji,
// so UTF-16 and code point offsets differ), and predicts with UTF-16
// offsets that are exactly the native tagger's, converted.

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/tagger"
)

type jsSpan struct {
	Label string  `json:"label"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float64 `json:"score,omitempty"`
}

type jsDoc struct {
	Text  string   `json:"text"`
	Spans []jsSpan `json:"spans"`
}

// utf16At converts a code point offset into s to UTF-16 code units.
func utf16At(s string, cp int) int {
	n := 0
	for _, r := range []rune(s)[:cp] {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func TestE2ETagger(t *testing.T) {
	data, err := os.ReadFile("../testdata/golden/project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	proj, err := annotate.Load(data, "project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []tagger.Doc
	var js []jsDoc
	for _, d := range proj.Documents() {
		td := tagger.Doc{Text: d.Text()}
		jd := jsDoc{Text: d.Text(), Spans: []jsSpan{}}
		for _, s := range d.Spans() {
			if proj.Schema.Label(s.Label).Layer != annotate.LayerEntity {
				continue
			}
			td.Spans = append(td.Spans, tagger.Span{Label: s.Label, Start: s.Start(), End: s.End()})
			jd.Spans = append(jd.Spans, jsSpan{Label: s.Label, Start: utf16At(d.Text(), s.Start()), End: utf16At(d.Text(), s.End())})
		}
		docs = append(docs, td)
		js = append(js, jd)
	}
	// what the native tagger predicts on the multilingual article, in UTF-16
	m, err := tagger.Train(docs, tagger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := docs[1].Text
	if utf8.RuneCountInString(text) == utf16At(text, utf8.RuneCountInString(text)) {
		t.Fatal("the test needs a text whose UTF-16 offsets differ from its code points")
	}
	var want []jsSpan
	for _, e := range m.Predict(text) {
		want = append(want, jsSpan{Label: e.Label, Start: utf16At(text, e.Start), End: utf16At(text, e.End), Score: e.Score})
	}
	if len(want) < 5 {
		t.Fatalf("the native tagger found only %v", want)
	}
	docsJSON, _ := json.Marshal(js)

	p := openPage(t, "/?tagger-test")
	var res struct {
		Before  []string
		Stats   tagger.Stats
		Pred    []jsSpan
		Texts   []string
		Gold    []string
		Small   string
		Newer   string
		Reload  tagger.Stats
		Again   []jsSpan
		Size    int
		Unknown string
	}
	p.eval(`(async () => {
		const before = performance.getEntriesByType("resource").map(e => new URL(e.name).pathname);
		const t = await import("/tagger.js");
		const docs = `+string(docsJSON)+`;
		const out = { before };
		out.stats = await t.train(docs);
		const text = docs[1].text;
		out.pred = await t.predict(text);
		out.texts = out.pred.map(e => text.slice(e.start, e.end));
		out.gold = docs[1].spans.map(s => text.slice(s.start, s.end));
		try { await t.train([{ text: "Paris", spans: [{ label: "GPE", start: 0, end: 5 }] }]); out.small = "no error"; }
		catch (e) { out.small = e.code + ": " + e.message; }
		const bytes = await t.saveModel();
		out.size = bytes.length;
		const newer = bytes.slice();
		newer[16] = 2;
		try { await t.loadModel(newer, "newer.model"); out.newer = "no error"; }
		catch (e) { out.newer = e.code + ": " + e.message; }
		// the refused load kept the model: predict still works
		out.reload = await t.loadModel(bytes, "saved.model");
		out.again = await t.predict(text);
		try { await t.train([{ text: "ab", spans: [{ label: "X", start: 1, end: 3 }] }]); out.unknown = "no error"; }
		catch (e) { out.unknown = e.code + ": " + e.message; }
		return out;
	})()`, &res)

	// loaded on first use only
	for _, f := range res.Before {
		if strings.Contains(f, "tagger") {
			t.Errorf("%s was requested before the tagger was used", f)
		}
	}
	if res.Stats.Spans != 24 || res.Stats.Documents != 2 || strings.Join(res.Stats.Labels, ",") != "GPE,PERSON" {
		t.Errorf("stats %+v, want 24 spans (GPE, PERSON) in 2 documents", res.Stats)
	}
	if len(res.Pred) != len(want) {
		t.Fatalf("the worker predicted %+v, the native tagger %+v", res.Pred, want)
	}
	for i := range want {
		if res.Pred[i] != want[i] {
			t.Errorf("prediction %d: worker %+v, native %+v", i, res.Pred[i], want[i])
		}
	}
	// the UTF-16 offsets cut the same texts as the gold spans' (all but the
	// last, 東京, seen once; "Genève" has a combining grave accent)
	if len(res.Gold) != 6 || res.Gold[5] != "東京" || strings.Join(res.Texts, "|") != strings.Join(res.Gold[:5], "|") || !strings.Contains(res.Gold[3], "\u0300") {
		t.Errorf("predicted texts %q (gold %q)", res.Texts, res.Gold)
	}
	if want := "bad_argument: too little to train on: 1 entity span in 1 document; the tagger needs at least 5 spans"; res.Small != want {
		t.Errorf("training on one span: %q, want %q", res.Small, want)
	}
	if !strings.HasPrefix(res.Newer, "unsupported_version: newer.model: the tagger model is of version 2, newer than this spanmark reads") {
		t.Errorf("a newer model: %q", res.Newer)
	}
	if res.Reload.Spans != 24 || len(res.Again) != len(want) || res.Size < 1000 {
		t.Errorf("reloaded %+v (%d bytes), then predicted %+v", res.Reload, res.Size, res.Again)
	}
	if want := "bad_argument: docs[0].spans[0]: [1, 3) is not a range inside the text of 2 UTF-16 code units"; res.Unknown != want {
		t.Errorf("a span past the text: %q, want %q", res.Unknown, want)
	}
	p.noErrors()
}
