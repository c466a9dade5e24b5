package web_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// cpIndex is the code point offset of the n-th (0-based) sub in text.
func cpIndex(t *testing.T, text, sub string, n int) (int, int) {
	t.Helper()
	i := 0
	for k := 0; ; k++ {
		j := strings.Index(text[i:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", sub, n)
		}
		if k == n {
			s := utf8.RuneCountInString(text[:i+j])
			return s, s + utf8.RuneCountInString(sub)
		}
		i += j + len(sub)
	}
}

// importState is what the page holds after an import as suggestions.
type importState struct {
	Spans  []string // "doc label start-end text" of every span, code points
	Open   int      // open suggestions in the project
	Toasts string
}

func (p *Page) importState() importState {
	p.t.Helper()
	p.settle()
	var proj struct {
		Documents []struct {
			ID    string `json:"id"`
			Spans []struct {
				Label     string `json:"label"`
				Fragments []struct {
					Start, End int
					Text       string
				} `json:"fragments"`
			} `json:"spans"`
			Suggestions []struct {
				Rejected bool `json:"rejected"`
			} `json:"suggestions"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(p.export()), &proj); err != nil {
		p.t.Fatalf("%v", err)
	}
	var st importState
	for _, d := range proj.Documents {
		for _, s := range d.Spans {
			f := s.Fragments[0]
			st.Spans = append(st.Spans, d.ID+" "+s.Label+" "+strconv.Itoa(f.Start)+"-"+strconv.Itoa(f.End)+" "+f.Text)
		}
		for _, g := range d.Suggestions {
			if !g.Rejected {
				st.Open++
			}
		}
	}
	p.eval(`document.getElementById("toasts").textContent`, &st.Toasts)
	return st
}

func jsonFile(t *testing.T, name string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, name, string(b))
}

// TestE2EImportAsSuggestions: the import dialog's "As suggestions", with
// real clicks, on the sample project. A Label Studio file of predictions
// for the open article (its doc_id, its text; scores per region and per
// prediction) and a spaCy JSONL with scored spans for the multilingual
// one: the preview says how many suggestions; Add to project gives the
// project's own documents the suggestions (drawn dashed, no span added,
// the scores' range in the panel); "." then Enter accepts one (a span at
// exactly its offsets, after an emoji in the second article); "Accept all
// scored ≥ 0.8" accepts the one above. A prediction file whose text is not
// the document's cannot be added: the dialog says where the texts part.
func TestE2EImportAsSuggestions(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	var texts struct{ Iran, Gulf string }
	p.eval(`(() => { const ds = JSON.parse(spanmark.exportProject()).documents; return {iran: ds[0].text, gulf: ds[1].text}; })()`, &texts)
	before := p.importState()
	if len(before.Spans) != 0 || before.Open != 0 {
		t.Fatalf("the sample project: %+v", before)
	}

	region := func(id, label, text string, n int, score any) map[string]any {
		s, e := cpIndex(t, texts.Iran, text, n)
		r := map[string]any{"id": id, "from_name": "label", "to_name": "text", "type": "labels",
			"value": map[string]any{"start": s, "end": e, "text": text, "labels": []string{label}}}
		if score != nil {
			r["score"] = score
		}
		return r
	}
	lsTask := func(text string) []any {
		return []any{map[string]any{"data": map[string]any{"text": text, "doc_id": "iran-us-talks"},
			"predictions": []any{map[string]any{"model_version": "ner-1", "score": 0.5, "result": []any{
				region("r1", "GPE", "Iran", 0, 0.93), region("r2", "GPE", "Teheran", 0, nil), region("r3", "PERSON", "Barack Obama", 0, 0.81)}}}}}
	}

	// another text under the document's id: refused, located
	p.run(chromedp.Click("#btn-import", chromedp.ByQuery)) // the picker opens; the file is set as it would
	d := p.upload(jsonFile(t, "edited.json", lsTask(strings.Replace(texts.Iran, "Secret Talks", "Hidden Talks", 1))))
	p.run(chromedp.Click("#im-as-sugg", chromedp.ByQuery))
	d = p.waitSummary("suggestion")
	at, _ := cpIndex(t, texts.Iran, "Secret Talks", 0)
	if d.AppendEnabled || !strings.Contains(d.AppendReport, "Cannot be added to the current project") ||
		!strings.Contains(d.AppendReport, `the imported document "iran-us-talks" has another text than the project's (they differ from code point `+strconv.Itoa(at)+`: the import has "Hidden Talk`) {
		t.Fatalf("edited text: %+v", d)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))

	// the Label Studio predictions, as suggestions, added to the project
	d = p.upload(jsonFile(t, "predictions.json", lsTask(texts.Iran)))
	if d.Summary != "1 document, 3 spans, 0 relations in labelstudio format." {
		t.Fatalf("as annotations: %+v", d)
	}
	p.run(chromedp.Click("#im-as-sugg", chromedp.ByQuery))
	d = p.waitSummary("suggestion")
	if !strings.HasPrefix(d.Summary, "1 document, 3 suggestions in labelstudio format, read as suggestions") || !d.AppendEnabled ||
		!strings.Contains(d.AppendReport, "give 1 document of the project (same id and text) their suggestions") {
		t.Fatalf("as suggestions: %+v", d)
	}
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.waitFor(`document.getElementById("import").hidden && !!smApp.suggest && +(document.documentElement.dataset.suggestions || 0) > 0`)
	st := p.importState()
	if len(st.Spans) != 0 || st.Open != 3 || !strings.Contains(st.Toasts, "Added 3 suggestions: to 1 document of the project") {
		t.Fatalf("after the import: %+v", st)
	}
	var panel struct {
		Drawn int
		Rows  []string
		Doc   string
	}
	readPanel := func() {
		p.eval(`({drawn: CSS.highlights.get("sm--sugg").size, doc: smApp.docId,
			rows: [...document.querySelectorAll("#sugg-list .sugg-row")].map(r => r.closest(".sugg-src").dataset.source + " " + r.dataset.label + " " + r.querySelector(".n").textContent + " " + ((r.querySelector(".sugg-score") || {}).textContent || "-"))})`, &panel)
	}
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	p.waitFor(`!!document.querySelector("#sugg-list .sugg-row")`)
	readPanel()
	if panel.Doc != "iran-us-talks" || panel.Drawn == 0 || strings.Join(panel.Rows, "|") != "import GPE 2 0.50–0.93|import PERSON 1 0.81" {
		t.Fatalf("panel: %+v", panel)
	}

	// . to the first suggestion, Enter: a span exactly there
	p.eval(`(smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	p.key(".")
	p.key("Enter")
	s, e := cpIndex(t, texts.Iran, "Iran", 0)
	st = p.importState()
	if strings.Join(st.Spans, "|") != "iran-us-talks GPE "+strconv.Itoa(s)+"-"+strconv.Itoa(e)+" Iran" || st.Open != 2 {
		t.Fatalf("after Enter: %+v", st)
	}
	// accept all scored ≥ 0.8: Barack Obama (0.81), not Teheran (0.5)
	p.run(chromedp.SetValue(`#sugg-list .sugg-min input`, "0.8", chromedp.ByQuery))
	p.run(chromedp.Click(`#sugg-list .sugg-acc-min`, chromedp.ByQuery))
	s2, e2 := cpIndex(t, texts.Iran, "Barack Obama", 0)
	st = p.importState()
	if len(st.Spans) != 2 || st.Spans[1] != "iran-us-talks PERSON "+strconv.Itoa(s2)+"-"+strconv.Itoa(e2)+" Barack Obama" || st.Open != 1 {
		t.Fatalf("after accept ≥ 0.8: %+v", st)
	}

	// a spaCy JSONL with scored spans for the multilingual article
	span := func(text, label string, score float64) map[string]any {
		s, e := cpIndex(t, texts.Gulf, text, 0)
		return map[string]any{"start": s, "end": e, "text": text, "label": label, "score": score}
	}
	rec, _ := json.Marshal(map[string]any{"text": texts.Gulf, "meta": map[string]any{"id": "gulf-shipping-multilingual"},
		"spans": []any{span("Nasser Kanaani", "PERSON", 0.88), span("Yoav Gallant", "PERSON", 0.7), span("Jerusalem", "GPE", 0.55)}})
	p.run(chromedp.Click("#btn-import", chromedp.ByQuery))
	p.upload(writeTemp(t, "model.jsonl", string(rec)+"\n"))
	p.run(chromedp.Click("#im-as-sugg", chromedp.ByQuery))
	d = p.waitSummary("suggestion")
	if !strings.HasPrefix(d.Summary, "1 document, 3 suggestions in jsonl format") {
		t.Fatalf("JSONL as suggestions: %+v", d)
	}
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.waitFor(`document.getElementById("import").hidden`)
	st = p.importState()
	if len(st.Spans) != 2 || st.Open != 4 || !strings.Contains(st.Toasts, "Added 3 suggestions: to 1 document of the project") {
		t.Fatalf("after the JSONL: %+v", st)
	}
	p.run(chromedp.Click(`#doc-list .doc-row[data-id="gulf-shipping-multilingual"] button`, chromedp.ByQuery))
	p.waitFor(`smApp.docId === "gulf-shipping-multilingual" && +(document.documentElement.dataset.suggestions || 0) === 3`)
	p.eval(`(smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	p.key(".")
	p.key("Enter")
	s3, e3 := cpIndex(t, texts.Gulf, "Nasser Kanaani", 0)
	st = p.importState()
	if len(st.Spans) != 3 || st.Spans[2] != "gulf-shipping-multilingual PERSON "+strconv.Itoa(s3)+"-"+strconv.Itoa(e3)+" Nasser Kanaani" || st.Open != 3 {
		t.Fatalf("after Enter in the multilingual article: %+v", st)
	}
	readPanel()
	if strings.Join(panel.Rows, "|") != "import GPE 1 0.55|import PERSON 1 0.70" {
		t.Fatalf("panel: %+v", panel)
	}
}

// waitSummary waits until the import dialog's summary mentions want (a
// re-run preview) and returns the dialog.
func (p *Page) waitSummary(want string) dialog {
	p.t.Helper()
	var d dialog
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(40 * time.Millisecond) {
		d = p.waitDialog()
		if strings.Contains(d.Summary, want) {
			return d
		}
	}
	p.t.Fatalf("the import summary never said %q: %+v; errors: %v", want, d, p.Errors())
	return dialog{}
}
