package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/team"
)

// compareWork writes one annotator's work of the sample article: a
// project file whose document records the annotator, with a span per
// (label, text) — the text's first occurrence, or "text@context" for the
// occurrence of text inside the first occurrence of context.
func compareWork(t *testing.T, dir, name, text string, spans [][2]string) string {
	t.Helper()
	p := annotate.NewProject(nil)
	d, err := p.AddDocument("iran-us-talks", "Iran talks", text, annotate.Meta{Source: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	d.Annotator = name
	for _, sp := range spans {
		s, e := runeSpan(t, text, sp[1])
		if _, _, err := d.AddSpan(annotate.SpanInput{Label: sp[0], Fragments: []annotate.Fragment{{Start: s, End: e}}}); err != nil {
			t.Fatalf("%s %v: %v", name, sp, err)
		}
	}
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runeSpan finds "text" or "text@context" and returns code-point offsets.
func runeSpan(t *testing.T, doc, what string) (int, int) {
	t.Helper()
	needle, ctx, _ := strings.Cut(what, "@")
	base := 0
	if ctx != "" {
		base = strings.Index(doc, ctx)
		if base < 0 {
			t.Fatalf("no %q", ctx)
		}
	}
	i := strings.Index(doc[base:], needle)
	if i < 0 {
		t.Fatalf("no %q", what)
	}
	s := utf8.RuneCountInString(doc[:base+i])
	return s, s + utf8.RuneCountInString(needle)
}

// Issue 20, adjudication in the page: Compare on two works of the sample
// article with planted disagreements; every disagreement settled with keys
// only (one undone and settled again); the figures follow; the gold file,
// exported, is checked span by span.
func TestE2ECompareAdjudicate(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := compareWork(t, dir, "ana", text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"GPE", "Muscat"}, {"GPE", "Teheran"}, {"PERSON", "Jimmy Carter"}})
	ben := compareWork(t, dir, "ben", text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"LOC", "Muscat"}, {"PERSON", "Carter@Jimmy Carter"}, {"ORG", "Times"}})

	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`) // compare.js loads on the first click
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	// the first comparison loads the formats module: seconds on a busy machine
	for i := 0; i < 120; i++ {
		var shown bool
		p.eval(`!document.getElementById("panel-adjudicate").hidden`, &shown)
		if shown {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	count := func() int {
		var n int
		p.eval(`spanmark.disagreements("iran-us-talks").length`, &n)
		return n
	}
	if n := count(); n != 4 {
		t.Fatalf("disagreements: %d, want 4 (Times, Teheran, Muscat, Carter)", n)
	}
	var lanes []string
	p.eval(`[...document.querySelectorAll("#cmp-lanes .cmp-lane")].map(l => l.textContent)`, &lanes)
	if len(lanes) != 2 || !strings.Contains(lanes[0], "ana") || !strings.Contains(lanes[0], "no span here") ||
		!strings.Contains(lanes[1], "ben") || !strings.Contains(lanes[1], "ORG") || !strings.Contains(lanes[1], "Times") {
		t.Fatalf("lanes of the first disagreement: %q", lanes)
	}
	// the figures: each annotator against the gold as merged (Zarif and Kerry)
	p.waitFor(`document.getElementById("cmp-figs").textContent.includes("Against the gold: ana 0.57, ben 0.57")`)
	p.screenshot("compare-1400")

	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	shift := func(digit string) {
		p.run(chromedp.KeyEvent(digit, chromedp.KeyModifiers(input.ModifierShift)))
		p.settle()
	}
	// keys: KeyEvent("!") would not carry the code; send the digits with Shift
	shift("2") // Times: ben's ORG
	shift("0") // Teheran: reject ana's GPE
	shift("1") // Muscat: ana's GPE
	if n := count(); n != 1 {
		t.Fatalf("after three keys: %d disagreements, want 1", n)
	}
	var lanes2 []string
	p.eval(`[...document.querySelectorAll("#cmp-lanes .cmp-lane")].map(l => l.textContent)`, &lanes2)
	if !strings.Contains(lanes2[0], "Jimmy Carter") || !strings.Contains(lanes2[1], "Carter") || strings.Contains(lanes2[1], "Jimmy") {
		t.Fatalf("lanes of the nested disagreement: %q", lanes2)
	}
	shift("2") // Carter: ben's…
	if n := count(); n != 0 {
		t.Fatalf("after four keys: %d", n)
	}
	p.key("z", input.ModifierCtrl) // …undone
	p.settle()
	if n := count(); n != 1 {
		t.Fatalf("after undo: %d disagreements, want 1", n)
	}
	p.key("{") // back and forth: still the one left
	p.key("}")
	shift("1") // Jimmy Carter: ana's
	if n := count(); n != 0 {
		t.Fatalf("settled: %d left", n)
	}
	p.waitFor(`document.getElementById("cmp-figs").textContent.includes("Against the gold: ana 0.80, ben 0.60")`)
	p.waitFor(jsSaved)
	p.screenshot("compare-settled-1400")
	p.run(chromedp.EmulateViewport(800, 900))
	p.screenshot("compare-settled-800")

	// export (Ctrl+S) and check the gold file span by span
	p.key("s", input.ModifierCtrl)
	var f struct {
		Version   int
		Documents []struct {
			ID, Annotator string
			Status        string
			Spans         []struct {
				Label       string
				Fragments   []projFrag
				Annotators  []string
				Adjudicated bool
			}
			Undecided []any
		}
	}
	if err := json.Unmarshal(p.waitDownload(), &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != 3 || len(f.Documents) != 1 || len(f.Documents[0].Undecided) != 0 {
		t.Fatalf("gold file: version %d, %d documents, undecided %v", f.Version, len(f.Documents), f.Documents)
	}
	type want struct {
		label, text, annotators string
		adjudicated             bool
	}
	wants := []want{
		{"ORG", "Times", "ben", true},
		{"PERSON", "Javad Zarif", "ana,ben", false},
		{"PERSON", "John Kerry", "ana,ben", false},
		{"GPE", "Muscat", "ana", true},
		{"PERSON", "Jimmy Carter", "ana", true},
	}
	got := f.Documents[0].Spans
	if len(got) != len(wants) {
		t.Fatalf("gold spans: %+v", got)
	}
	for i, w := range wants {
		s := got[i]
		ws, we := runeSpan(t, text, w.text)
		if s.Label != w.label || len(s.Fragments) != 1 || s.Fragments[0].Start != ws || s.Fragments[0].End != we ||
			s.Fragments[0].Text != w.text || strings.Join(s.Annotators, ",") != w.annotators || s.Adjudicated != w.adjudicated {
			t.Errorf("span %d: %+v, want %+v at %d-%d", i, s, w, ws, we)
		}
	}
	p.noErrors()
}

// Bad input to Compare: each refused with a message that says what, and
// the project is left as it was.
func TestE2ECompareRefusals(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := compareWork(t, dir, "ana", text, [][2]string{{"PERSON", "Javad Zarif"}})
	other := filepath.Join(dir, "other")
	os.MkdirAll(other, 0o755)
	changed := compareWork(t, other, "ben", strings.Replace(text, "Teheran", "Tehran", 1), [][2]string{{"PERSON", "Javad Zarif"}})
	twice := compareWork(t, other, "ana", text, [][2]string{{"PERSON", "John Kerry"}})

	p := openPage(t, "/")
	before := p.export()
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`) // compare.js loads on the first click
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 1`)
	var disabled bool
	p.eval(`document.getElementById("cmp-run").disabled`, &disabled)
	if !disabled {
		t.Errorf("Compare is enabled with one work")
	}
	run := func(path string) string {
		p.run(chromedp.SetUploadFiles("#cmp-file", []string{path}, chromedp.ByQuery))
		p.waitFor(`!document.getElementById("cmp-run").disabled`)
		p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
		for i := 0; i < 120; i++ { // the formats module loads first
			var done bool
			p.eval(`document.getElementById("cmp-error").textContent !== "" || document.getElementById("compare").hidden`, &done)
			if done {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
		p.waitFor(`document.getElementById("cmp-error").textContent !== "" || document.getElementById("compare").hidden`)
		var msg string
		p.eval(`document.getElementById("cmp-error").textContent`, &msg)
		return msg
	}
	var count string
	p.eval(`document.getElementById("cmp-count").textContent`, &count)
	if !strings.Contains(count, "Choose two works or more") {
		t.Errorf("one work: %q", count)
	}
	// both works, the document and the first differing offset (code points)
	at, _ := runeSpan(t, text, "Teheran")
	if msg := run(changed); !strings.Contains(msg, `the text of document "iran-us-talks" differs between ana.json (ana) and ben.json (ben) from offset `+strconv.Itoa(at+3)+` on`) {
		t.Errorf("texts differ: %q", msg)
	}
	// the work with other texts out, a second work of ana's in
	p.run(chromedp.Click(`#cmp-files button[aria-label="Remove ben.json"]`, chromedp.ByQuery))
	again := filepath.Join(dir, "ana-again.json")
	if b, err := os.ReadFile(twice); err != nil || os.WriteFile(again, b, 0o644) != nil {
		t.Fatal(err)
	}
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{again}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 2`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-error").textContent !== ""`)
	var msg string
	p.eval(`document.getElementById("cmp-error").textContent`, &msg)
	if !strings.Contains(msg, `annotator "ana" is given twice`) {
		t.Errorf("same annotator twice: %q", msg)
	}
	if p.export() != before {
		t.Errorf("a refused comparison changed the project")
	}
	p.noErrors()
}

// A gold project with undecided spans, opened before Compare… was ever
// used, shows the adjudication panel at once: compare.js, not part of the
// page's bundle, is loaded from its own file because the opened document
// has disagreements (app.js compareDocOpened), and not before.
func TestE2ECompareGoldOpened(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	work := func(name string, spans [][2]string) *team.Work {
		p := annotate.NewProject(nil)
		d, err := p.AddDocument("iran-us-talks", "Iran talks", text, annotate.Meta{Source: "sample"})
		if err != nil {
			t.Fatal(err)
		}
		d.Annotator = name
		for _, sp := range spans {
			s, e := runeSpan(t, text, sp[1])
			if _, _, err := d.AddSpan(annotate.SpanInput{Label: sp[0], Fragments: []annotate.Fragment{{Start: s, End: e}}}); err != nil {
				t.Fatal(err)
			}
		}
		return team.ProjectWork(name+".json", p)
	}
	ws := []*team.Work{
		work("ana", [][2]string{{"PERSON", "Javad Zarif"}, {"GPE", "Muscat"}}),
		work("ben", [][2]string{{"PERSON", "Javad Zarif"}, {"LOC", "Muscat"}}),
	}
	if err := team.Resolve(ws); err != nil {
		t.Fatal(err)
	}
	gold, _, err := team.Merge(ws, annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := gold.Bytes()
	if err != nil {
		t.Fatal(err)
	}

	p := openPage(t, "/")
	loaded := `performance.getEntriesByType("resource").some(e => e.name.endsWith("/compare.js"))`
	var before bool
	p.eval(loaded+` || !!smApp.compare`, &before)
	if before {
		t.Fatal("compare.js was loaded before anything needed it")
	}
	p.openFile("gold.json", b)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden && document.body.classList.contains("adjudicating")`)
	p.waitFor(`smApp.compare && smApp.compare.count === 1`)
	var after bool
	p.eval(loaded, &after)
	if !after {
		t.Error("compare.js was not loaded from its own file")
	}
	// its keys work at once: Shift+1 takes ana's version
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.run(chromedp.KeyEvent("1", chromedp.KeyModifiers(input.ModifierShift))) // the digit carries the code (Digit1)
	p.waitFor(`smApp.compare.count === 0`)
	p.noErrors()
}
