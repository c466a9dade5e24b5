package web_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate/tagger"
)

// TestE2ETaggerThreshold: the tagger suggests only what it scores at least
// the threshold its cross-validation chose, and a cross-validation stops
// at once on Cancel, leaving the model and the suggestions as they were.
// Thirty done news documents and two todo ones. Train & suggest: the
// panel's "Suggest when score ≥" shows the native CrossValidate's
// threshold (as its placeholder) and how many held-out predictions were
// right above it; on a todo document the tagger's suggestions are exactly
// the native model's predictions scored at least that. A threshold given
// in the panel (1) suggests again from it; cleared, the cross-validation's
// is back; 2 is refused with a message, the field left empty. Then a second cycle: Cancel is clicked while its
// cross-validation runs (in its own worker); the cross-validation stops
// (the panel keeps the last figures, says the next was stopped, Cancel
// and the progress bar hidden), the model's bytes after are the same as
// before the cycle and as the native model's, the suggestions and the
// threshold too.
// Mark done then cross-validates again in a new worker.
func TestE2ETaggerThreshold(t *testing.T) {
	proj := newsProject(t, 30, 2, 12)
	var buf bytes.Buffer
	if err := proj.Save(&buf); err != nil {
		t.Fatal(err)
	}
	cv := nativeCV(t, buf.Bytes())
	tds, _ := proj.EntityTrainingDocs(nil)
	m, err := tagger.Train(tagger.FromTraining(tds, false), tagger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	model, _ := m.MarshalBinary()
	t1 := proj.Doc("t1").Text()
	keys := func(min float64) []string {
		var out []string
		for _, e := range m.PredictMin(t1, min) {
			out = append(out, fmt.Sprintf("tagger %s %d-%d", e.Label, e.Start, e.End))
		}
		return out
	}
	want := keys(cv.Threshold)
	t.Logf("native cross-validation: %+v; %d of %d predictions on t1 at or above its threshold", cv, len(want), len(keys(0)))
	if cv.Threshold <= 0 || cv.Threshold >= 1 || len(want) == 0 || len(keys(1)) >= len(want) || cv.Above == 0 {
		t.Fatalf("the case does not test the threshold: %+v, %d suggestions at it, %d at 1", cv, len(want), len(keys(1)))
	}

	p := openPage(t, "/")
	p.openFile("project.spanmark.json", buf.Bytes())
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(120 * time.Second)
		for {
			var ok bool
			p.eval(js, &ok)
			if ok {
				return
			}
			if time.Now().After(deadline) {
				var state []string
				p.eval(`["#sugg-tagger-state", "#sugg-tagger-cv", "#sugg-tagger-min-from"].map(s => (document.querySelector(s) || {}).textContent)`, &state)
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
	got := func() []string {
		var ks []string
		p.eval(`spanmark.suggestionsIn("t1", 0, smApp.view.text.length).filter(g => g.source === "tagger").map(g => g.key)`, &ks)
		return ks
	}
	waitFor("the project", `!!smApp.docId && smApp.docs.docs.length === 32`)
	p.eval(`(smApp.openDoc("t1"), true)`, new(bool))
	waitFor("t1", `smApp.docId === "t1"`)
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	waitFor("the suggestions panel", `!!document.getElementById("sugg-tagger-min")`)
	p.run(chromedp.Click("#sugg-tagger", chromedp.ByQuery))
	waitFor("the training and its cross-validation", `!smApp.suggest.busy && smApp.suggest.trainRuns === 1 && !!smApp.suggest.cv && "f1" in smApp.suggest.cv`)
	if got, w := text("#sugg-tagger-cv"), cvText(cv); got != w {
		t.Fatalf("F1 line %q, want the native cross-validation's %q", got, w)
	}
	var ph string
	p.eval(`document.getElementById("sugg-tagger-min").placeholder`, &ph)
	if w := strconv.FormatFloat(cv.Threshold, 'f', 2, 64); ph != w {
		t.Fatalf("Suggest when score ≥ shows %q, want the cross-validation's %s", ph, w)
	}
	if from, w := text("#sugg-tagger-min-from"), fmt.Sprintf("(by cross-validation: %d of %d held-out predictions at or above it were right)", cv.Right, cv.Above); from != w {
		t.Fatalf("threshold note %q, want %q", from, w)
	}
	if g := got(); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Fatalf("tagger suggestions on t1 %v, want the native ones scored ≥ %v: %v", g, cv.Threshold, want)
	}
	p.screenshot("tagger-threshold")

	// a threshold given in the panel, then cleared
	setMin := func(v string) {
		var runs int
		p.eval(`smApp.suggest.tagRuns`, &runs)
		p.eval(`(() => { const e = document.getElementById("sugg-tagger-min"); e.value = `+strconv.Quote(v)+`; e.dispatchEvent(new Event("change")); return true; })()`, new(bool))
		waitFor("the suggestions from the threshold "+v, fmt.Sprintf("smApp.suggest.tagRuns > %d", runs))
	}
	setMin("1")
	if g, w := got(), keys(1); strings.Join(g, "|") != strings.Join(w, "|") {
		t.Fatalf("threshold 1: tagger suggestions %v, want %v", g, w)
	}
	setMin("")
	if g := got(); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Fatalf("threshold cleared: tagger suggestions %v, want the cross-validation's %v", g, want)
	}
	// out of range: refused, the field as it was (empty: the cross-validation's)
	var refused []string
	p.eval(`(() => { const e = document.getElementById("sugg-tagger-min"); e.value = "2"; e.dispatchEvent(new Event("change"));
		return [e.value, String(smApp.suggest.threshold()), document.getElementById("status").textContent]; })()`, &refused)
	if len(refused) != 3 || refused[0] != "" || refused[1] != strconv.FormatFloat(cv.Threshold, 'f', -1, 64) || !strings.Contains(refused[2], "A score from 0 to 1") {
		t.Fatalf("threshold 2: field, threshold, status %q; want empty, %v and a message", refused, cv.Threshold)
	}

	// a second cycle, its cross-validation cancelled while it runs: the
	// model saved before, Cancel clicked in the same task that sees the
	// cross-validation running (its answer, a message, cannot come between)
	var before []int
	p.eval(`smApp.suggest.tagger.saveModel().then(b => Array.from(b))`, &before)
	p.eval(`(window.__cvCancel = new Promise(resolve => {
		const s = smApp.suggest;
		const poll = setInterval(() => {
			if (!(s.cv && s.cv.running)) return;
			clearInterval(poll);
			document.getElementById("sugg-tagger-cancel").click();
			resolve(true);
		}, 1);
	}), document.getElementById("sugg-tagger").click(), true)`, new(bool))
	p.eval(`window.__cvCancel`, new(bool))
	waitFor("the cycle to end", `!smApp.suggest.busy`)
	var after []int
	p.eval(`smApp.suggest.tagger.saveModel().then(b => Array.from(b))`, &after)
	asBytes := func(xs []int) []byte {
		b := make([]byte, len(xs))
		for i, x := range xs {
			b[i] = byte(x)
		}
		return b
	}
	if !bytes.Equal(asBytes(before), model) || !bytes.Equal(asBytes(after), model) {
		t.Fatalf("the model changed: %d bytes before Cancel, %d after, the native model %d", len(before), len(after), len(model))
	}
	if got, w := text("#sugg-tagger-cv"), cvText(cv)+" (the last finished; the one after was stopped)"; got != w {
		t.Fatalf("F1 line after Cancel %q, want %q", got, w)
	}
	var hidden []bool
	p.eval(`["#sugg-tagger-cancel", "#sugg-tagger-progress"].map(s => document.querySelector(s).hidden)`, &hidden)
	if len(hidden) != 2 || !hidden[0] || !hidden[1] {
		t.Fatalf("Cancel / progress still shown after the cancelled cross-validation: hidden %v", hidden)
	}
	p.eval(`document.getElementById("sugg-tagger-min").placeholder`, &ph)
	if g := got(); ph != strconv.FormatFloat(cv.Threshold, 'f', 2, 64) || strings.Join(g, "|") != strings.Join(want, "|") {
		t.Fatalf("after Cancel: threshold %s, suggestions %v; want %v and %v", ph, g, cv.Threshold, want)
	}
	var runs int
	p.eval(`smApp.suggest.cvRuns`, &runs)
	if runs != 1 {
		t.Fatalf("%d cross-validations finished, want 1 (the second was stopped)", runs)
	}

	// Mark done: trained and cross-validated again, in a new worker
	p.run(chromedp.Click("#btn-done", chromedp.ByQuery))
	waitFor("the cross-validation on Mark done", `!smApp.suggest.busy && smApp.suggest.cvRuns === 2 && smApp.suggest.cv.documents === 31`)
	cv2 := nativeCV(t, []byte(p.export()))
	if got, w := text("#sugg-tagger-cv"), cvText(cv2); got != w {
		t.Fatalf("F1 line after Mark done %q, want %q", got, w)
	}
	p.noErrors()
}
