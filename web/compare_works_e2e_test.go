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
	// another folder named ana: one work per annotator, so it replaces the
	// first, and the dialog says so
	other := bratFolder(t, filepath.Join(t.TempDir(), "ana"), text, [][2]string{{"PERSON", "Javad Zarif"}})
	dropOn(p, "#cmp-drop", []string{other})
	p.waitFor(`document.getElementById("cmp-error").textContent !== ""`)
	var msg string
	p.eval(`document.getElementById("cmp-error").textContent`, &msg)
	if got := worksListed(p); len(got) != 2 || !strings.Contains(msg, "ana: listed already, replaced by the one just added") {
		t.Fatalf("a second ana: works %q, message %q", got, msg)
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

// claimWork writes a project file of one annotator's claim in the sample
// article: ORG "Times" and CUE "reported" (as in "the Times reported"),
// a CLAIM over claimText with checkworthy cw, linked to both.
func claimWork(t *testing.T, dir, name, text, claimText, cw string) string {
	t.Helper()
	p := annotate.NewProject(nil)
	d, err := p.AddDocument("iran-us-talks", "Iran talks", text, annotate.Meta{Source: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	d.Annotator = name
	add := func(label, what string, attrs map[string]any) *annotate.Span {
		s, e := runeSpan(t, text, what)
		sp, _, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: []annotate.Fragment{{Start: s, End: e}}, Attrs: attrs})
		if err != nil {
			t.Fatalf("%s %s: %v", name, what, err)
		}
		return sp
	}
	org := add("ORG", "Times@the Times reported", nil)
	cue := add("CUE", "reported@the Times reported", nil)
	claim := add("CLAIM", claimText, map[string]any{"checkworthy": cw})
	for _, r := range [][2]string{{annotate.RelationClaimant, org.ID}, {annotate.RelationCue, cue.ID}} {
		if _, _, err := d.AddRelation(r[0], claim.ID, r[1]); err != nil {
			t.Fatal(err)
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

// Issue 20: taking an annotator's version of a claim (Shift+1) brings the
// claimant and cue links they made along, with the claim's attributes;
// the claims panel shows them and the exported gold file holds them. On
// the old code the links were lost (the merge dropped them with their
// undecided claim, and taking the claim brought none back).
func TestE2ECompareClaimRelations(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	long := "Iranian and American officials have held secret talks to discuss renewing diplomatic relations"
	short := "Iranian and American officials have held secret talks"
	ana := claimWork(t, dir, "ana", text, long, "yes")
	ben := claimWork(t, dir, "ben", text, short, "no")

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden && smApp.compare.count === 1`)
	// the lanes say which links each version brings
	var lanes []string
	p.eval(`[...document.querySelectorAll("#cmp-lanes .cmp-lane")].map(l => l.textContent)`, &lanes)
	if len(lanes) != 2 || !strings.Contains(lanes[0], "claimant → Times") || !strings.Contains(lanes[0], "cue → reported") {
		t.Errorf("lanes: %q", lanes)
	}
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	p.run(chromedp.KeyEvent("1", chromedp.KeyModifiers(input.ModifierShift))) // ana's version
	p.waitFor(`smApp.compare.count === 0`)
	p.waitFor(`document.querySelector("#claims li .who") !== null`)
	var claim struct{ Who, Cue, Attrs string }
	p.eval(`(() => { const li = document.querySelector("#claims li"); return {who: li.querySelector(".who").textContent, cue: li.querySelector(".cue").textContent, attrs: li.querySelector(".claim-attrs").textContent}; })()`, &claim)
	if claim.Who != "Times" || claim.Cue != "reported" || !strings.Contains(claim.Attrs, "checkworthy: yes") {
		t.Errorf("the claim taken, in the claims panel: %+v", claim)
	}
	// export (Ctrl+S): the relations are in the gold file
	p.key("s", input.ModifierCtrl)
	var f projFile
	if err := json.Unmarshal(p.waitDownload(), &f); err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	spans := map[string]string{}
	for _, s := range d.Spans {
		spans[s.ID] = s.Label + " " + s.Fragments[0].Text
	}
	var rels []string
	for _, r := range d.Relations {
		rels = append(rels, r.Type+": "+spans[r.From]+" -> "+spans[r.To])
	}
	want := []string{"claimant: CLAIM " + long + " -> ORG Times", "cue: CLAIM " + long + " -> CUE reported"}
	if strings.Join(rels, "|") != strings.Join(want, "|") {
		t.Errorf("exported relations %q, want %q", rels, want)
	}
	// one undo step takes the claim and its links back to undecided
	p.key("z", input.ModifierCtrl)
	p.waitFor(`smApp.compare.count === 1`)
	var n int
	p.eval(`JSON.parse(spanmark.exportProject()).documents[0].relations.length`, &n)
	if n != 0 {
		t.Errorf("after undo: %d relations", n)
	}
	p.noErrors()
}

// Issue 20, bad input that is not refused: a document some works lack,
// and a label one work's schema lacks, are said in the adjudication panel
// for as long as the comparison is open (not only in a passing toast),
// naming the document and whose work has it.
func TestE2ECompareNotes(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dir := t.TempDir()
	write := func(name string, extra bool, label string) string {
		p := annotate.NewProject(nil)
		if label == "TEAM" {
			p.Schema.Labels = append(p.Schema.Labels, annotate.LabelDef{Name: "TEAM", Layer: annotate.LayerEntity, Color: "#123456"})
		}
		d, _ := p.AddDocument("iran-us-talks", "Iran talks", text, annotate.Meta{})
		d.Annotator = name
		s, e := runeSpan(t, text, "Muscat")
		if _, _, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: []annotate.Fragment{{Start: s, End: e}}}); err != nil {
			t.Fatal(err)
		}
		if extra {
			x, _ := p.AddDocument("extra", "", "Only ana read this.", annotate.Meta{})
			x.Annotator = name
		}
		b, _ := p.Bytes()
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ana, ben := write("ana", true, "GPE"), write("ben", false, "TEAM")

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	p.run(chromedp.Click("#btn-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden`)
	p.run(chromedp.SetUploadFiles("#cmp-file", []string{ana, ben}, chromedp.ByQuery))
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	p.waitFor(`!!document.getElementById("cmp-notes") && !document.getElementById("cmp-notes").hidden`)
	var notes []string
	p.eval(`[...document.querySelectorAll("#cmp-notes li")].map(li => li.textContent)`, &notes)
	all := strings.Join(notes, "\n")
	if !strings.Contains(all, `1 document(s) in one work only: taken as that annotator made them ("extra" only in ana’s)`) ||
		!strings.Contains(all, "TEAM") {
		t.Errorf("notes in the panel: %q", notes)
	}
	p.noErrors()
}
