package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Issue 20: a team's folder of annotators' brat folders dropped on the
// page outside the Compare dialog is not imported as one dataset without
// asking: the page offers to compare the annotators' versions (the
// dialog opens with one work per folder) or to import them; "Import"
// opens the import dialog with the folders' files. One brat folder while
// a project with spans is open is offered the same way; on a page with
// no spans it goes to the import, as before. On the old code every
// folder drop went to the import, as one unreadable file.
func TestE2ECompareDropOutside(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	teamDir := filepath.Join(t.TempDir(), "team")
	bratFolder(t, filepath.Join(teamDir, "ana"), text, [][2]string{{"PERSON", "Javad Zarif"}, {"GPE", "Muscat"}, {"GPE", "Teheran"}})
	bratFolder(t, filepath.Join(teamDir, "ben"), text, [][2]string{{"PERSON", "Javad Zarif"}, {"LOC", "Muscat"}, {"ORG", "Times"}})
	single := bratFolder(t, filepath.Join(t.TempDir(), "chen"), text, [][2]string{{"PERSON", "Javad Zarif"}})

	p := openPage(t, "/")
	p.eval(`(window.confirm = () => true, true)`, new(bool))
	var spans int
	if p.eval(`spanmark.documents().reduce((n, d) => n + d.spans, 0)`, &spans); spans != 0 {
		t.Fatalf("the page starts with %d spans", spans)
	}
	// one brat folder, no spans open: the import, as before
	dropOn(p, "body", []string{single})
	p.waitFor(`!document.getElementById("import").hidden`)
	var files string
	p.eval(`document.getElementById("im-files").textContent`, &files)
	if files != "iran-us-talks.ann, iran-us-talks.txt" {
		t.Fatalf("import of one folder: files %q", files)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	p.waitFor(`document.getElementById("import").hidden`)

	// the team's folder: asked, not imported
	dropOn(p, "body", []string{teamDir})
	p.waitFor(`!!document.querySelector("#toasts .cmp-offer-compare")`)
	var msg string
	p.eval(`document.getElementById("toasts").textContent`, &msg)
	if !strings.Contains(msg, "ana, ben: 2 annotators’ brat folders") || !strings.Contains(msg, "Compare these 2 annotators’ versions") || !strings.Contains(msg, "Import as one dataset") {
		t.Fatalf("offer: %q", msg)
	}
	var hidden bool
	if p.eval(`document.getElementById("import").hidden && document.getElementById("compare").hidden`, &hidden); !hidden {
		t.Fatal("a dialog opened before the choice")
	}
	// Import: the import dialog with both folders' files
	p.run(chromedp.Click("#toasts .cmp-offer-import", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("import").hidden`)
	p.eval(`document.getElementById("im-files").textContent`, &files)
	if files != "iran-us-talks.ann, iran-us-talks.txt, iran-us-talks.ann, iran-us-talks.txt" {
		t.Fatalf("import of the team's folder: files %q", files)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	p.waitFor(`document.getElementById("import").hidden`)

	// Compare: the dialog, one work per annotator's folder, and the comparison
	dropOn(p, "body", []string{teamDir})
	p.waitFor(`!!document.querySelector("#toasts .cmp-offer-compare")`)
	p.run(chromedp.Click("#toasts .cmp-offer-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden && document.getElementById("cmp-files").children.length === 2`)
	if got := worksListed(p); len(got) != 2 || got[0] != "ana/ (folder, 2 files)" || got[1] != "ben/ (folder, 2 files)" {
		t.Fatalf("works: %q", got)
	}
	p.waitFor(`!document.getElementById("cmp-run").disabled`)
	p.run(chromedp.Click("#cmp-run", chromedp.ByQuery))
	waitCompared(p)
	p.waitFor(`!document.getElementById("panel-adjudicate").hidden`)
	var n int
	if p.eval(`spanmark.disagreements("iran-us-talks").length`, &n); n != 3 {
		t.Fatalf("%d disagreements, want 3 (Times, Teheran, Muscat)", n)
	}

	// one brat folder while the gold project (with spans) is open: asked too
	dropOn(p, "body", []string{single})
	p.waitFor(`!!document.querySelector("#toasts .cmp-offer-compare")`)
	p.eval(`document.getElementById("toasts").textContent`, &msg)
	if !strings.Contains(msg, "chen: one annotator’s brat folder") {
		t.Fatalf("offer for one folder: %q", msg)
	}
	p.run(chromedp.Click("#toasts .cmp-offer-compare", chromedp.ByQuery))
	p.waitFor(`!document.getElementById("compare").hidden && document.getElementById("cmp-files").children.length === 1`)
	p.eval(`document.getElementById("cmp-count").textContent`, &msg)
	if !strings.Contains(msg, "Add the other annotators’ works") {
		t.Fatalf("dialog with one folder says %q", msg)
	}
	p.noErrors()
}
