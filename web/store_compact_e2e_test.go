package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotate"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// jsBase reads the saved base: whether it carries undo histories, and the
// size of its project file.
const jsBase = `new Promise((res, rej) => { const r = indexedDB.open("spanmark"); r.onerror = () => rej(r.error);
	r.onsuccess = () => { const db = r.result; const g = db.transaction("base").objectStore("base").get("base");
		g.onsuccess = () => { db.close(); const b = g.result || {};
			res({history: typeof b.history === "string" ? b.history.length : -1, json: (b.json || "").length}); }; }; })`

// TestStoreCompactsWhileWorking: a long session compacts its journal into a
// new base while the user works (not only at start-up), the base carries
// the undo histories, and after a reload every change is back and undo
// goes on where it stopped — including undoing changes made before the
// compaction.
func TestStoreCompactsWhileWorking(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	// Over COMPACT_AT (200) journal entries: 40 spans, then undo/redo pairs.
	var added int
	p.eval(`(() => {
		const app = smApp, re = /\b[A-Z][a-z]{3,}\b/g;
		let m, n = 0;
		while (n < 40 && (m = re.exec(app.view.text))) {
			if (spanmark.spansAt(app.docId, m.index).length) continue;
			app.addSpan(n % 2 ? "ORG" : "PERSON", m.index, m.index + m[0].length); n++;
		}
		for (let i = 0; i < 90; i++) { app.undo(); app.redo(); }
		return n;
	})()`, &added)
	if added != 40 {
		t.Fatalf("labelled %d words, want 40", added)
	}
	// The page compacts after two quiet seconds: the journal empties into the base.
	p.waitLong(`(`+jsJournal+`).then(n => n < 20)`, 15*time.Second)
	var base struct{ History, JSON int }
	p.eval(jsBase, &base)
	if base.History <= 0 || base.JSON == 0 {
		t.Fatalf("the compacted base has no undo history (history %d bytes, project %d bytes)", base.History, base.JSON)
	}

	// After the compaction: undo two changes made before it, then learn
	// what a third undo gives (and redo it).
	p.eval(`(smApp.undo(), smApp.undo(), true)`, new(bool))
	p.waitFor(jsSaved)
	want := p.export()
	var wantUndone string
	p.eval(`(smApp.undo(), spanmark.exportProject())`, &wantUndone)
	p.eval(`(smApp.redo(), true)`, new(bool))
	p.waitFor(jsSaved)
	if wantUndone == want {
		t.Fatal("the third undo changed nothing: the test needs a history to undo")
	}

	p.run(chromedp.Reload())
	p.waitReady()
	p.waitFor(jsSaved)
	if got := p.export(); got != want {
		t.Fatalf("after the reload the project differs:\n%s", firstDiff(want, got))
	}
	// Undo goes on across the reload, with the keyboard.
	p.key("z", input.ModifierCtrl)
	p.settle()
	if got := p.export(); got != wantUndone {
		t.Fatalf("undo after the reload gave another project:\n%s", firstDiff(wantUndone, got))
	}
	p.noErrors()
}

// TestStoreRestoreSkipsProjectFetch: a page opened with ?project= saves
// that project; reloaded, it restores it from the browser's storage and
// does not download the file again (a long file would compete with the
// wasm for nothing).
func TestStoreRestoreSkipsProjectFetch(t *testing.T) {
	proj := annotate.NewProject(nil)
	if _, err := proj.AddDocument("note", "A note", "Ada Lovelace wrote the first program.", annotate.Meta{}); err != nil {
		t.Fatal(err)
	}
	data, err := proj.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	addExtra("/_test/restore.json", data)
	p := openPage(t, "/?project=/_test/restore.json")
	p.waitFor(jsSaved)
	p.dragSelect("Ada Lovelace", "", 0)
	p.key("1")
	p.waitFor(jsSaved)
	want := p.export()
	p.run(chromedp.Reload())
	p.waitReady()
	if got := p.export(); got != want {
		t.Fatalf("after the reload the project differs:\n%s", firstDiff(want, got))
	}
	n := 0
	for _, u := range p.Requests() {
		if strings.HasSuffix(u, "/_test/restore.json") && !strings.Contains(u, "?") { // not the page's own URL
			n++
		}
	}
	if n != 1 {
		t.Errorf("the project file was requested %d times, want once (the reload restores it from storage): %q", n, p.Requests())
	}
	p.noErrors()
}
