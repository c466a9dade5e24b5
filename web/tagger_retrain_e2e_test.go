package web_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/tagger"
)

// newsProject is a project of synthetic news documents (an emoji line
// first, so UTF-16 and code points differ, CRLF line ends): done ones with
// their PERSON / ORG / GPE spans, and todo ones without spans.
func newsProject(t *testing.T, done, todo, sents int) *annotate.Project {
	t.Helper()
	people := []string{"Anna Berg", "Omar Haddad", "Li Wei", "Maria Lopez", "John Smith", "Sara Cohen", "Ali Rezaei", "Emma Stone", "Yusuf Kaya", "Nora Lind"}
	orgs := []string{"Reuters", "the United Nations", "Acme Corp", "NATO", "Global Shipping Ltd", "the World Bank", "Hormuz Lines"}
	places := []string{"Tehran", "Washington", "Oman", "New York", "Dubai", "Paris", "Muscat", "Geneva"}
	frames := []string{
		"%P said in %L on Monday that talks would resume.",
		"%O hired %P last year.",
		"According to %O, ships left %L early.",
		"%P met officials from %O in %L.",
		"Officials in %L denied the report by %O.",
		"“We are ready,” %P told %O.",
		"Prices in %L rose again, %O said.",
	}
	schema := &annotate.Schema{Overlap: map[annotate.Layer]annotate.LayerPolicy{annotate.LayerEntity: {}}, Relations: []annotate.RelationDef{}}
	for i, l := range []string{"PERSON", "ORG", "GPE"} {
		schema.Labels = append(schema.Labels, annotate.LabelDef{Name: l, Layer: annotate.LayerEntity, Color: []string{"#f4a261", "#8ecae6", "#90be6d"}[i], Hotkey: strconv.Itoa(i + 1)})
	}
	p := annotate.NewProject(schema)
	rng := rand.New(rand.NewPCG(21, 3))
	for n := 0; n < done+todo; n++ {
		var b strings.Builder
		var spans []*annotate.Span
		cp := 0
		write := func(s string) { b.WriteString(s); cp += len([]rune(s)) }
		write("🚢 News " + strconv.Itoa(n+1) + "\r\n")
		for i := 0; i < sents; i++ {
			f := frames[rng.IntN(len(frames))]
			for f != "" {
				j := strings.IndexByte(f, '%')
				if j < 0 {
					write(f)
					break
				}
				write(f[:j])
				var name, label string
				switch f[j+1] {
				case 'P':
					name, label = people[rng.IntN(len(people))], "PERSON"
				case 'O':
					name, label = orgs[rng.IntN(len(orgs))], "ORG"
				case 'L':
					name, label = places[rng.IntN(len(places))], "GPE"
				}
				if strings.HasPrefix(name, "the ") {
					write("the ")
					name = name[4:]
				}
				start := cp
				write(name)
				spans = append(spans, &annotate.Span{Label: label, Fragments: []annotate.Fragment{{Start: start, End: cp}}})
				f = f[j+2:]
			}
			write(" ")
			if i%3 == 2 {
				write("\r\n")
			}
		}
		id := fmt.Sprintf("d%d", n+1)
		if n >= done {
			id = fmt.Sprintf("t%d", n-done+1)
		}
		d, err := p.AddDocument(id, "News "+strconv.Itoa(n+1), b.String(), annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if n < done {
			if es := d.Populate(spans, nil); len(es) > 0 {
				t.Fatal(es)
			}
			if _, err := d.SetStatus(annotate.StatusDone); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p
}

// cvText is the panel's line for a cross-validation, as suggest.js writes
// it (toFixed(2): halves round up).
func cvText(r tagger.CVResult) string {
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', 2, 64) }
	docs := "done documents"
	if r.Documents == 1 {
		docs = "done document"
	}
	s := fmt.Sprintf("F1 %s (P %s, R %s) on %d %s by %d-fold cross-validation: %d of %d spans found, %d predicted",
		f(r.F1), f(r.Precision), f(r.Recall), r.Documents, docs, r.Folds, r.Correct, r.Gold, r.Predicted)
	if r.Untrained > 0 {
		s += fmt.Sprintf("; %d of the folds had too few spans to train on", r.Untrained)
	}
	return s
}

// nativeCV is what the tagger's cross-validation gives natively on the
// done documents of a project file (the core's choice, DoneEntityDocs).
func nativeCV(t *testing.T, file []byte) tagger.CVResult {
	t.Helper()
	p, err := annotate.Load(file, "project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []tagger.Doc
	for _, td := range p.DoneEntityDocs(nil) {
		d := tagger.Doc{ID: td.Doc.ID, Text: td.Doc.Text()}
		for _, s := range td.Spans {
			d.Spans = append(d.Spans, tagger.Span{Label: s.Label, Start: s.Start(), End: s.End()})
		}
		docs = append(docs, d)
	}
	r, err := tagger.CrossValidate(docs, 5, tagger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestE2ETaggerRetrain: the tagger's re-training and state in the panel.
// Six done documents with spans and two todo ones. The setting "Re-train
// every N new spans" shows 20, is set to 3 (kept in localStorage); Train &
// suggest trains on the done documents' spans and the panel says so, with
// the F1 of 5-fold cross-validation on the done documents, read back and
// equal to the native CrossValidate's. On a todo document, two accepted
// suggestions do not re-train ("2 new spans since"); the third does, in the
// background: the state shows 3 more spans and one more document, and the
// open document gets the new model's suggestions. Mark done re-trains too,
// and the F1 line is then over seven done documents, again equal to the
// native figure on the exported project.
func TestE2ETaggerRetrain(t *testing.T) {
	proj := newsProject(t, 6, 2, 9)
	var buf bytes.Buffer
	if err := proj.Save(&buf); err != nil {
		t.Fatal(err)
	}
	nspans := 0
	for _, d := range proj.Documents() {
		nspans += len(d.Spans())
	}
	cv0 := nativeCV(t, buf.Bytes())
	if cv0.Documents != 6 || cv0.Folds != 5 || cv0.Correct == 0 {
		t.Fatalf("native cross-validation on the six done documents: %+v", cv0)
	}

	p := openPage(t, "/")
	p.eval(`(localStorage.removeItem("spanmark.taggerEvery"), true)`, new(bool))
	t.Cleanup(func() { p.eval(`(localStorage.removeItem("spanmark.taggerEvery"), true)`, new(bool)) })
	p.openFile("project.spanmark.json", buf.Bytes())
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(90 * time.Second)
		for {
			var ok bool
			p.eval(js, &ok)
			if ok {
				return
			}
			if time.Now().After(deadline) {
				var state []string
				p.eval(`["#sugg-tagger-state", "#sugg-tagger-cv"].map(s => (document.querySelector(s) || {}).textContent)`, &state)
				t.Fatalf("timed out waiting for %s; panel %q; errors %v", what, state, p.Errors())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	text := func(sel string) string {
		var s string
		p.eval(`document.querySelector(`+strconv.Quote(sel)+`).textContent`, &s)
		return s
	}
	waitFor("the project", `!!smApp.docId && smApp.docs.docs.length === 8`)
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	waitFor("the suggestions panel", `!!document.getElementById("sugg-tagger-every")`)
	var every string
	p.eval(`document.getElementById("sugg-tagger-every").value`, &every)
	if every != "20" {
		t.Fatalf("re-train setting %q, want the default 20", every)
	}
	p.eval(`(() => { const e = document.getElementById("sugg-tagger-every"); e.value = "3"; e.dispatchEvent(new Event("change")); return true; })()`, new(bool))
	p.eval(`localStorage.getItem("spanmark.taggerEvery")`, &every)
	if every != "3" {
		t.Fatalf("the setting kept as %q, want 3", every)
	}

	p.run(chromedp.Click("#sugg-tagger", chromedp.ByQuery))
	waitFor("the training and its cross-validation", `!smApp.suggest.busy && smApp.suggest.trainRuns === 1 && !!smApp.suggest.cv && "f1" in smApp.suggest.cv`)
	want := fmt.Sprintf("Trained on %d spans in 6 documents at ", nspans)
	if st := text("#sugg-tagger-state"); !strings.HasPrefix(st, want) {
		t.Fatalf("tagger state %q, want it to start %q", st, want)
	}
	if got, w := text("#sugg-tagger-cv"), cvText(cv0); got != w {
		t.Fatalf("F1 line %q, want the native cross-validation's %q", got, w)
	}
	p.screenshot("tagger-state")

	// a todo document: the tagger suggests; accept three with real keys
	p.eval(`(smApp.openDoc("t1"), true)`, new(bool))
	waitFor("the tagger's suggestions on t1", `smApp.docId === "t1" && (spanmark.suggestionCounts("t1") || []).some(c => c.source === "tagger" && c.open >= 3)`)
	var runs int
	p.eval(`smApp.suggest.tagRuns`, &runs)
	p.eval(`(smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	p.key(".")
	for i := 0; i < 2; i++ {
		if st := p.suggState(); !strings.HasPrefix(st.Cur, "tagger ") {
			t.Fatalf("accept %d: current suggestion %q, want the tagger's", i+1, st.Cur)
		}
		p.key("Enter")
	}
	p.settle()
	var trainRuns int
	p.eval(`smApp.suggest.trainRuns`, &trainRuns)
	if st := text("#sugg-tagger-state"); trainRuns != 1 || !strings.Contains(st, "; 2 new spans since, re-trains at 3;") {
		t.Fatalf("after two accepted: %d trainings, state %q; want 1 and 2 new spans since", trainRuns, st)
	}
	p.key("Enter")
	waitFor("the re-training after 3 new spans", `!smApp.suggest.busy && smApp.suggest.trainRuns === 2`)
	want = fmt.Sprintf("Trained on %d spans in 7 documents at ", nspans+3)
	if st := text("#sugg-tagger-state"); !strings.HasPrefix(st, want) || strings.Contains(st, "new span") {
		t.Fatalf("tagger state after the re-training %q, want it to start %q and no new spans", st, want)
	}
	var again int
	p.eval(`smApp.suggest.tagRuns`, &again)
	if again <= runs {
		t.Fatalf("no suggestions again on the open document after re-training (runs %d, then %d)", runs, again)
	}

	// Mark done: trained again, and scored on seven done documents
	p.run(chromedp.Click("#btn-done", chromedp.ByQuery))
	waitFor("the re-training on Mark done", `!smApp.suggest.busy && smApp.suggest.trainRuns === 3 && smApp.suggest.cv.documents === 7`)
	cv1 := nativeCV(t, []byte(p.export()))
	if cv1.Documents != 7 {
		t.Fatalf("the exported project has %d done documents, want 7", cv1.Documents)
	}
	if got, w := text("#sugg-tagger-cv"), cvText(cv1); got != w {
		t.Fatalf("F1 line after Mark done %q, want the native cross-validation's %q", got, w)
	}
	p.noErrors()
}
