package web_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/spanmark/spanmark/annotate"
)

// bratFolder writes one annotator's brat folder of the sample article:
// iran-us-talks.txt and its .ann, a T line per (label, text), offsets in
// code points as brat counts them.
func bratFolder(t *testing.T, dir, text string, spans [][2]string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var ann strings.Builder
	for i, sp := range spans {
		s, e := runeSpan(t, text, sp[1])
		needle, _, _ := strings.Cut(sp[1], "@")
		fmt.Fprintf(&ann, "T%d\t%s %d %d\t%s\n", i+1, sp[0], s, e, needle)
	}
	if os.WriteFile(filepath.Join(dir, "iran-us-talks.txt"), []byte(text), 0o644) != nil ||
		os.WriteFile(filepath.Join(dir, "iran-us-talks.ann"), []byte(ann.String()), 0o644) != nil {
		t.Fatal("writing the brat folder")
	}
	return dir
}

// dropOn drops the files or folders at paths on the element sel, as a
// file manager does (DevTools drag events: the page reads the folders'
// entries).
func dropOn(p *Page, sel string, paths []string) {
	var at struct{ X, Y float64 }
	p.eval(`(() => { const r = document.querySelector(`+"`"+sel+"`"+`).getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`, &at)
	data := &input.DragData{Items: []*input.DragDataItem{{MimeType: "text/plain", Data: ""}}, Files: paths, DragOperationsMask: 1}
	p.run(input.DispatchDragEvent(input.DragEnter, at.X, at.Y, data))
	p.run(input.DispatchDragEvent(input.DragOver, at.X, at.Y, data))
	p.run(input.DispatchDragEvent(input.Drop, at.X, at.Y, data))
}

func worksListed(p *Page) []string {
	var got []string
	p.eval(`[...document.querySelectorAll("#cmp-files li")].map(li => li.firstChild.textContent)`, &got)
	return got
}

// waitCompared waits for the comparison (the first loads the formats
// module: seconds on a busy machine).
func waitCompared(p *Page) {
	for i := 0; i < 120; i++ {
		var done bool
		p.eval(`!document.getElementById("panel-adjudicate").hidden || document.getElementById("cmp-error").textContent !== ""`, &done)
		if done {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// Issue 20: a brat folder dropped on Compare is ONE work, its annotator
// the folder's name (as `spanmark agree` names it), not one work per file;
// a folder of annotators' folders gives one work each. Two brat folders
// of the sample article with planted differences → the disagreements.
// On the old code the drop listed each folder as one unreadable file.
func TestE2ECompareBratFolders(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	teamDir := filepath.Join(t.TempDir(), "team")
	ana := bratFolder(t, filepath.Join(teamDir, "ana"), text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"GPE", "Muscat"}, {"GPE", "Teheran"}})
	ben := bratFolder(t, filepath.Join(teamDir, "ben"), text, [][2]string{
		{"PERSON", "Javad Zarif"}, {"PERSON", "John Kerry"}, {"LOC", "Muscat"}, {"ORG", "Times"}})

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	// two folders dropped: two works of two files each
	dropOn(p, "#cmp-drop", []string{ana, ben})
	p.waitFor(`document.getElementById("cmp-files").children.length === 2`)
	if got := worksListed(p); len(got) != 2 || got[0] != "ana/ (folder, 2 files)" || got[1] != "ben/ (folder, 2 files)" {
		t.Fatalf("two folders dropped: works %q", got)
	}
	// the team's folder, dropped in their place: the same two works
	p.run(chromedp.Click(`#cmp-files button[aria-label="Remove ana"]`, chromedp.ByQuery))
	p.run(chromedp.Click(`#cmp-files button[aria-label="Remove ben"]`, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 0`)
	dropOn(p, "#cmp-drop", []string{teamDir})
	p.waitFor(`document.getElementById("cmp-files").children.length === 2`)
	if got := worksListed(p); len(got) != 2 || got[0] != "ana/ (folder, 2 files)" || got[1] != "ben/ (folder, 2 files)" {
		t.Fatalf("the team's folder dropped: works %q", got)
	}
	// and chosen with the folder picker: the same two works
	p.run(chromedp.Click(`#cmp-files button[aria-label="Remove ana"]`, chromedp.ByQuery))
	p.run(chromedp.Click(`#cmp-files button[aria-label="Remove ben"]`, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 0`)
	p.run(chromedp.SetUploadFiles("#cmp-dir", []string{teamDir}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 2`)
	if got := worksListed(p); len(got) != 2 || got[0] != "ana/ (folder, 2 files)" || got[1] != "ben/ (folder, 2 files)" {
		t.Fatalf("the team's folder chosen: works %q", got)
	}
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	var msg string
	p.eval(`document.getElementById("cmp-error").textContent`, &msg)
	if msg != "" {
		t.Fatalf("refused: %s", msg)
	}
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	var ds []struct {
		Start, End int
		Annotators []string
	}
	p.eval(`spanmark.disagreements("iran-us-talks")`, &ds)
	var where []string
	for _, d := range ds {
		where = append(where, string([]rune(text)[d.Start:d.End])+" "+strings.Join(d.Annotators, ","))
	}
	if strings.Join(where, "|") != "Times ben|Teheran ana|Muscat ana,ben" {
		t.Fatalf("disagreements: %q", where)
	}
	var annotators []string
	p.eval(`smApp.compare.session.annotators`, &annotators)
	if strings.Join(annotators, ",") != "ana,ben" {
		t.Errorf("annotators %q", annotators)
	}
	p.noErrors()
}

// Brat files picked together (.ann and .txt) are one work; the file
// picker does not say their folder, so the annotator's name is asked for
// and Compare waits for it.
func TestE2ECompareBratFilesPicked(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	ana := bratFolder(t, filepath.Join(dir, "x"), text, [][2]string{{"PERSON", "Javad Zarif"}, {"GPE", "Muscat"}})
	ben := compareWork(t, dir, "ben", text, [][2]string{{"PERSON", "Javad Zarif"}, {"LOC", "Muscat"}})

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{filepath.Join(ana, "iran-us-talks.ann"), filepath.Join(ana, "iran-us-talks.txt")}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 1`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ben}, chromedp.ByQuery))
	p.waitFor(`document.getElementById("cmp-files").children.length === 2`)
	var st struct {
		Disabled bool
		Count    string
	}
	p.eval(`({disabled: document.getElementById("cmp-run").disabled, count: document.getElementById("cmp-count").textContent})`, &st)
	if !st.Disabled || !strings.Contains(st.Count, "name of the annotator") {
		t.Fatalf("unnamed brat files: %+v", st)
	}
	p.run(chromedp.SendKeys(`#cmp-files input.cmp-name`, "ana", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	var annotators []string
	p.eval(`smApp.compare.session.annotators`, &annotators)
	if strings.Join(annotators, ",") != "ana,ben" {
		t.Errorf("annotators %q", annotators)
	}
	var n int
	p.eval(`spanmark.disagreements("iran-us-talks").length`, &n)
	if n != 1 {
		t.Errorf("disagreements: %d, want 1 (Muscat)", n)
	}
	p.noErrors()
}

var _ = json.Marshal
var _ = annotate.NewProject
