package web_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// suggState reads the suggestions as the page shows them: how many are
// drawn, the current one's key, the panel's rows and the core's spans.
type suggState struct {
	Drawn   int      `json:"drawn"`
	Cur     string   `json:"cur"`
	Boxes   int      `json:"boxes"`
	Rows    []string `json:"rows"`
	Total   string   `json:"total"`
	GPEs    []string `json:"gpes"` // "start-end text" of every GPE span, code points
	CanUndo bool     `json:"canUndo"`
}

func (p *Page) suggState() suggState {
	p.t.Helper()
	p.settle()
	var st suggState
	p.eval(`(() => {
		const a = smApp, s = a.suggest, hl = CSS.highlights.get("sm--sugg");
		const doc = JSON.parse(spanmark.exportProject()).documents.find(d => d.id === a.docId);
		return {
			drawn: hl ? hl.size : 0,
			cur: s && s.cur ? s.cur.key : "",
			boxes: document.querySelectorAll(".sugg-box").length,
			rows: [...document.querySelectorAll("#sugg-list .sugg-row")].map(r => r.closest(".sugg-src").dataset.source + " " + r.dataset.label + " " + r.querySelector(".n").textContent),
			total: (document.getElementById("sugg-count") || {}).textContent || "",
			gpes: doc.spans.filter(x => x.label === "GPE").map(x => x.fragments[0].start + "-" + x.fragments[0].end + " " + x.fragments[0].text),
			canUndo: !document.getElementById("btn-undo").disabled,
		};
	})()`, &st)
	return st
}

var keyRe = regexp.MustCompile(`^own GPE (\d+)-(\d+)$`)

// TestE2ESuggestions: a span labelled by hand, the own-labels source run
// from the panel, then real keys: . moves to the next suggestion (outlined),
// Enter accepts it (a span at exactly its offsets), X rejects one (it
// leaves, is written as rejected, and Ctrl+Z brings it back), Shift+Enter
// accepts all of the label; the project file and the JSONL export carry the
// rejected suggestion.
func TestE2ESuggestions(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.EmulateViewport(1400, 900))
	p.dragSelect("Iran", "", 0)
	p.key("3") // GPE
	p.key("Escape")
	st := p.suggState()
	if len(st.GPEs) != 1 || st.GPEs[0] != "6-10 Iran" {
		t.Fatalf("the hand-made span: %v", st.GPEs)
	}
	if st.Drawn != 0 {
		t.Fatalf("%d suggestions drawn before any source ran", st.Drawn)
	}
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	p.run(chromedp.Click("#sugg-own", chromedp.ByQuery))
	deadline := time.Now().Add(30 * time.Second)
	for st = p.suggState(); st.Total == "0" || st.Total == ""; st = p.suggState() {
		if time.Now().After(deadline) {
			t.Fatalf("no suggestions after running own labels; errors %v", p.Errors())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// every whole-word "Iran" of the article but the labelled one
	text := ""
	p.eval(`smApp.view.text`, &text)
	want := 0
	for i := 0; ; {
		j := strings.Index(text[i:], "Iran")
		if j < 0 {
			break
		}
		i += j + 4
		if i < len(text) && (text[i] >= 'a' && text[i] <= 'z') {
			continue
		}
		want++
	}
	want-- // the span
	if st.Total != fmt.Sprint(want) || len(st.Rows) != 1 || st.Rows[0] != fmt.Sprintf("own GPE %d", want) {
		t.Fatalf("panel: total %s rows %v, want %d own GPE", st.Total, st.Rows, want)
	}
	if st.Drawn == 0 {
		t.Fatal("no suggestion drawn")
	}
	p.screenshot("suggestions-1400")

	// keys, in the article
	p.eval(`(smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	p.key(".")
	st = p.suggState()
	m := keyRe.FindStringSubmatch(st.Cur)
	if m == nil || st.Boxes == 0 {
		t.Fatalf("after '.': current %q, %d outline boxes", st.Cur, st.Boxes)
	}
	first := m[1] + "-" + m[2]
	p.key("Enter")
	st = p.suggState()
	if len(st.GPEs) != 2 || st.GPEs[1] != first+" Iran" || st.Total != fmt.Sprint(want-1) {
		t.Fatalf("after Enter: GPE spans %v (want %s accepted), %s open", st.GPEs, first, st.Total)
	}
	// Enter moved on to the next one; X rejects it
	m = keyRe.FindStringSubmatch(st.Cur)
	if m == nil {
		t.Fatalf("after accepting, no current suggestion: %q", st.Cur)
	}
	rejected := st.Cur
	p.key("x")
	st = p.suggState()
	if st.Total != fmt.Sprint(want-2) || len(st.GPEs) != 2 {
		t.Fatalf("after X: %s open, spans %v", st.Total, st.GPEs)
	}
	proj := p.export()
	if !strings.Contains(proj, `"version": 3`) || !strings.Contains(proj, fmt.Sprintf(`"start": %s,`, m[1])) || strings.Count(proj, `"rejected": true`) != 1 {
		t.Fatalf("the project file does not hold the rejected suggestion %s", rejected)
	}
	// the JSONL export writes it as a rejected answer
	var jsonl string
	p.eval(`(() => { spanmarkFormats.loadProject(spanmark.exportProject(), "p.json"); return spanmarkFormats.exportAs("jsonl").files[0].data; })()`, &jsonl)
	wantRec := fmt.Sprintf(`"spans":[{"start":%s,"end":%s,`, m[1], m[2])
	found := false
	for _, line := range strings.Split(jsonl, "\n") {
		if strings.Contains(line, `"answer":"reject"`) && strings.Contains(line, wantRec) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no JSONL reject record for %s", rejected)
	}
	// undo brings the rejected suggestion back
	p.key("z", input.ModifierCtrl)
	st = p.suggState()
	if st.Total != fmt.Sprint(want-1) {
		t.Fatalf("after Ctrl+Z: %s open, want %d", st.Total, want-1)
	}
	// Shift+Enter: all of the label at once, one undo step
	p.eval(`(smApp.article.focus(), true)`, new(bool))
	p.key(".")
	p.key("Enter", input.ModifierShift)
	st = p.suggState()
	if st.Total != "0" || len(st.GPEs) != want+1 || st.Boxes != 0 || st.Cur != "" {
		t.Fatalf("after Shift+Enter: %s open, %d GPE spans (want %d), current %q outlined by %d boxes", st.Total, len(st.GPEs), want+1, st.Cur, st.Boxes)
	}
	p.key("z", input.ModifierCtrl)
	if st = p.suggState(); st.Total != fmt.Sprint(want-1) {
		t.Fatalf("undo of accept-all: %s open", st.Total)
	}
	p.run(chromedp.EmulateViewport(800, 900))
	p.screenshot("suggestions-800")
	p.noErrors()
}

// TestE2ESuggestionSources: the panel's other sources. A pattern file with
// a bad line is refused with its line and key and adds nothing; a good one
// brings its new label into the schema and its suggestions; the claim
// finder suggests CLAIM, CUE and claimants, and a CLAIM is accepted with
// Enter at exactly its offsets.
func TestE2ESuggestionSources(t *testing.T) {
	p := openPage(t, "/")
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	dir := t.TempDir()
	bad := dir + "/bad.jsonl"
	good := dir + "/news.jsonl"
	writeFile(t, bad, `{"label":"ORG","pattern":"Times"}`+"\n"+`{"label":"ORG","pattern":[{"POS":"PROPN"}]}`+"\n")
	writeFile(t, good, `{"label":"MEDIA","pattern":[{"ORTH":"the","OP":"?"},{"ORTH":"Times"}]}`+"\n"+`{"label":"GPE","pattern":"Muscat"}`+"\n")
	p.run(chromedp.SetUploadFiles("#sugg-pat-file", []string{bad}, chromedp.ByQuery))
	var toasts string
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(toasts, "bad.jsonl") {
		if time.Now().After(deadline) {
			t.Fatalf("no message for the bad pattern file; toasts %q errors %v", toasts, p.Errors())
		}
		time.Sleep(100 * time.Millisecond)
		p.eval(`document.getElementById("toasts").textContent`, &toasts)
	}
	if !strings.Contains(toasts, "bad.jsonl:2") || !strings.Contains(toasts, "POS") {
		t.Fatalf("the message does not name the line and key: %q", toasts)
	}
	if st := p.suggState(); st.Total != "0" {
		t.Fatalf("a refused file added suggestions: %s", st.Total)
	}
	p.run(chromedp.SetUploadFiles("#sugg-pat-file", []string{good}, chromedp.ByQuery))
	var hasLabel bool
	for deadline = time.Now().Add(30 * time.Second); !hasLabel; {
		if time.Now().After(deadline) {
			t.Fatalf("the pattern file's label never reached the schema; errors %v", p.Errors())
		}
		time.Sleep(100 * time.Millisecond)
		p.eval(`spanmark.schema().labels.some(l => l.name === "MEDIA")`, &hasLabel)
	}
	st := p.suggState()
	joined := strings.Join(st.Rows, ",")
	if !strings.Contains(joined, "pattern MEDIA") || !strings.Contains(joined, "pattern GPE") {
		t.Fatalf("rows after the patterns: %v", st.Rows)
	}
	// the claim finder
	p.run(chromedp.Click("#sugg-claims", chromedp.ByQuery))
	for deadline = time.Now().Add(30 * time.Second); !strings.Contains(strings.Join(st.Rows, ","), "claim CLAIM"); st = p.suggState() {
		if time.Now().After(deadline) {
			t.Fatalf("no claim suggestions: rows %v, errors %v", st.Rows, p.Errors())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// turn the pattern source off, then step to the first claim-finder suggestion and accept it
	p.eval(`(document.querySelector('.sugg-src[data-source="pattern"] input').click(), smApp.article.focus(), document.getSelection().collapse(smApp.view.point(0)[0], 0), true)`, new(bool))
	var key string
	for range 6 {
		p.key(".")
		p.eval(`smApp.suggest.cur ? smApp.suggest.cur.key : ""`, &key)
		if strings.HasPrefix(key, "claim CLAIM ") {
			break
		}
		if strings.HasPrefix(key, "pattern ") {
			t.Fatalf("a suggestion of a source turned off was current: %s", key)
		}
	}
	m := regexp.MustCompile(`^claim CLAIM (\d+)-(\d+)$`).FindStringSubmatch(key)
	if m == nil {
		t.Fatalf("no CLAIM suggestion reached with '.': %q", key)
	}
	p.key("Enter")
	proj := parseProject(t, p.export())
	found := false
	for _, s := range proj.Documents[0].Spans {
		if s.Label == "CLAIM" && fmt.Sprint(s.Fragments[0].Start) == m[1] && fmt.Sprint(s.Fragments[0].End) == m[2] {
			found = true
		}
	}
	if !found {
		t.Fatalf("the accepted claim %s is not a span", key)
	}
	p.screenshot("suggestions-sources-1400")
	p.noErrors()
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
