package web_test

import (
	"slices"
	"strings"
	"testing"
)

// TestStoreQueriesNotJournaled: the autosave journals the core's calls that
// change the project and nothing else. The queries the page makes all the
// time (the entities panel's entries after every edit, the undo state of
// each document opened, Find's matches on every keystroke, Stats, the
// claimant chooser's candidates, Open…'s look at a file) were journaled:
// written to IndexedDB, replayed at every start (six entries calls took
// 195 ms of a 45,000-span restore), a whole file's text kept for
// isProjectFile, and refused in a read-only tab. Every method of the core is
// one or the other; a new one is journaled unless store.js lists it as a
// query (the safe default for the work), and this test names it, so that
// someone decides.
func TestStoreQueriesNotJournaled(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	// a claim source to ask candidates for, and a labelled text
	var ok bool
	p.eval(`(() => {
		const d = smApp.docId, t = smApp.view.text, rd = smApp.schema.relations[0];
		const i = t.indexOf("Barack Obama");
		smApp.addSpan(rd.from[0], i, i + 12);
		return true;
	})()`, &ok)
	p.waitFor(jsSaved)
	var j0 int
	p.eval(jsJournal, &j0)
	var res struct {
		Results map[string]string
		Unjourn []string
		Journ   []string
		State   string
	}
	queries := `(() => {
		const d = smApp.docId, rd = smApp.schema.relations[0];
		const from = spanmark.spansIn(d, 0, smApp.view.length).find(s => s.label === rd.from[0]);
		const calls = {
			entries: [d, rd.from[0], 5], nextWithText: [d, rd.from[0], "Barack Obama", ""], undoState: [d],
			findMatches: [d, { pattern: "Iran" }], stats: [], isProjectFile: ["{}"], newLabelColor: [],
			linkCandidates: [d, from.id, rd.name, 9],
		};
		const results = {};
		for (const [m, args] of Object.entries(calls)) {
			try { const r = spanmark[m](...args); results[m] = r === undefined ? "undefined" : typeof r; }
			catch (e) { results[m] = "threw " + e.message; }
		}
		// the store wraps what it journals; the core's own methods are bound functions
		const names = Object.keys(spanmark).sort();
		return { results, unjourn: names.filter(n => spanmark[n].name.startsWith("bound")),
			journ: names.filter(n => !spanmark[n].name.startsWith("bound")), state: ` + jsSaveState + ` };
	})()`
	p.eval(queries, &res)
	for m, r := range res.Results {
		if strings.HasPrefix(r, "threw") {
			t.Errorf("spanmark.%s: %s", m, r)
		}
		if !slices.Contains(res.Unjourn, m) {
			t.Errorf("spanmark.%s, a query, is journaled", m)
		}
	}
	if res.State != "saved" {
		t.Errorf("after the queries the indicator says %q, want saved (nothing to save)", res.State)
	}
	p.settle()
	p.waitFor(jsSaved)
	var j1 int
	p.eval(jsJournal, &j1)
	if j1 != j0 {
		t.Errorf("the queries wrote %d journal entries", j1-j0)
	}
	// the methods that change the project, and only they, are journaled
	edits := strings.Fields(`acceptSuggestion acceptSuggestions addDocument addFragment addLabel addRelation
		addRelationType addSpan addTextFiles adjudicate applySuggestionSet clearSuggestions deleteDocument
		importProject labelAll labelMatches loadProject moveEdge newProject redo rejectSuggestion
		rejectSuggestions relabel removeDocument removeFragment removeLabel removeRelation removeRelationType
		removeSpan renameLabel renameRelationType restoreDocument setAnnotator setAttr setCrossing setDocInfo
		setDocLabels setEdge setFragment setNote setStatus setSuggestions undo updateLabel updateRelationType`)
	for _, m := range res.Journ {
		if !slices.Contains(edits, m) {
			t.Errorf("spanmark.%s is journaled: if it changes the project, add it to this test's list; if it does not, to PURE in store.js", m)
		}
	}
	for _, m := range edits {
		if !slices.Contains(res.Journ, m) {
			t.Errorf("spanmark.%s changes the project but is not journaled (a reload would lose its change)", m)
		}
	}
	// a second tab, read-only, answers the same questions (its panels,
	// Find and Stats work; only edits are refused)
	b := openPage(t, "/")
	b.waitFor(jsSaveState + ` === "readonly"`)
	var ro struct{ Results map[string]string }
	b.eval(queries, &ro)
	for m, r := range ro.Results {
		if strings.HasPrefix(r, "threw") {
			t.Errorf("read-only tab: spanmark.%s: %s", m, r)
		}
	}
	p.noErrors()
}
