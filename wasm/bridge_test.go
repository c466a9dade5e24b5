//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// fresh starts an empty project holding both sample articles.
func fresh(t testing.TB) {
	t.Helper()
	call(t, "newProject")
	call(t, "addDocument", "gulf", "Envoys Trade Claims Over Gulf Shipping Lanes", article(t, gulfFile))
	call(t, "addDocument", "iran", "U.S., Iran Holding Secret Talks", article(t, iranFile), map[string]any{"source": "Haaretz"})
}

func TestDocuments(t *testing.T) {
	fresh(t)
	docs := callAs[[]docInfo](t, "documents")
	if len(docs) != 2 || docs[0].ID != "gulf" || docs[1].ID != "iran" {
		t.Fatalf("documents() = %+v", docs)
	}
	// python3: len(t) and len(t.encode("utf-16-le"))//2 of the raw file
	if g := docs[0]; g.LengthCP != 717 || g.Length != 724 || g.Status != "todo" || g.Labels == nil {
		t.Errorf("gulf = %+v, want lengthCP 717, length 724, status todo, labels []", g)
	}
	if i := callAs[docInfo](t, "document", "iran"); i.Meta.Source != "Haaretz" || i.Length != 5323 || i.LengthCP != 5323 {
		t.Errorf("iran = %+v", i)
	}
	if got, _ := call(t, "text", "gulf").String(); got != article(t, gulfFile) {
		t.Error("text(gulf) is not the file as loaded (CRLF and all)")
	}
	if v, _ := call(t, "version").String(); v == "" {
		t.Error("empty version")
	}
	s := callAs[annotate.Schema](t, "schema")
	if s.Label("CLAIM") == nil || len(s.Relations) != 2 {
		t.Errorf("schema() = %+v", s)
	}
	added := callAs[docInfo](t, "addDocument", "", "A Title: With Punctuation!", "x")
	if added.ID != "a-title-with-punctuation" {
		t.Errorf("derived id = %q", added.ID)
	}
	if !call(t, "removeDocument", added.ID).IsUndefined() {
		t.Error("removeDocument returned a value")
	}
	if got := throws(t, "document", added.ID); got.Code != "unknown_document" {
		t.Errorf("document(removed) threw %+v", got)
	}
}

// Spans selected in UTF-16 units on the multilingual article come out in
// exact code points. Expected numbers from python3 on the raw file:
// t.find(word) for code points, len(t[:i].encode("utf-16-le"))//2 for UTF-16.
func TestMultilingualOffsets(t *testing.T) {
	fresh(t)
	cases := []struct {
		name    string
		label   string
		frags   []int // UTF-16, as a DOM selection gives them
		opts    map[string]any
		wantCP  []int
		wantU16 []int
		text    string
	}{
		{"Hebrew name", "PERSON", []int{293, 302}, nil, []int{292, 301}, []int{293, 302}, "יואב גלנט"},
		{"Japanese, char mode", "GPE", []int{644, 646}, map[string]any{"snap": "char"}, []int{637, 639}, []int{644, 646}, "東京"},
		{"word after the ZWJ emoji", "PERSON", []int{489, 491}, nil, []int{483, 488}, []int{488, 493}, "wrote"},
		{"inside a surrogate pair widens to the whole ZWJ sequence", "EVENT", []int{483, 485}, map[string]any{"snap": "char"}, []int{479, 482}, []int{482, 487}, "👩\u200d💻"},
		{"half a flag takes the flag", "GPE", []int{370, 371}, map[string]any{"snap": "char"}, []int{368, 370}, []int{369, 373}, "🇮🇱"},
		{"combining accent stays with its letter", "LOC", []int{420, 424}, map[string]any{"snap": "char"}, []int{417, 422}, []int{420, 425}, "Gene\u0300"},
		{"an end inside a surrogate pair rounds up", "LOC", []int{39, 46}, map[string]any{"snap": "char"}, []int{39, 46}, []int{39, 47}, "Lanes 🚢"},
		{"quotes trimmed", "ORG", []int{568, 582}, map[string]any{"trimPunct": true}, []int{564, 576}, []int{569, 581}, "Hormuz Lines"},
		{"Persian in parentheses", "PERSON", []int{104, 112}, nil, []int{102, 113}, []int{103, 114}, "ناصر کنعانی"},
	}
	for _, c := range cases {
		args := []any{"gulf", c.label, nums(c.frags...)}
		if c.opts != nil {
			args = append(args, c.opts)
		}
		ch := callAs[changeView](t, "addSpan", args...)
		if len(ch.Added) != 1 {
			t.Fatalf("%s: change = %+v", c.name, ch)
		}
		s := ch.Added[0]
		if !slices.Equal(s.FragsCP, c.wantCP) || !slices.Equal(s.Frags, c.wantU16) || len(s.Text) != 1 || s.Text[0] != c.text {
			t.Errorf("%s: got fragsCP %v frags %v text %q, want %v %v %q", c.name, s.FragsCP, s.Frags, s.Text, c.wantCP, c.wantU16, c.text)
		}
		// the UTF-16 result slices the JavaScript string to the same text
		if got := jsSlice(t, "gulf", s.Frags[0], s.Frags[1]); got != c.text {
			t.Errorf("%s: text.slice(%d, %d) = %q", c.name, s.Frags[0], s.Frags[1], got)
		}
	}
	// offsets one by one
	if n, _ := call(t, "toCodePoints", "gulf", 646).Int(); n != 639 {
		t.Errorf("toCodePoints(646) = %d, want 639", n)
	}
	if n, _ := call(t, "toCodePoints", "gulf", 483).Int(); n != 479 {
		t.Errorf("toCodePoints(483) (inside a pair) = %d, want 479 (rounded down)", n)
	}
	if n, _ := call(t, "fromCodePoints", "gulf", 639).Int(); n != 646 {
		t.Errorf("fromCodePoints(639) = %d, want 646", n)
	}
	sn := callAs[[]int](t, "snap", "gulf", 461, 470)
	if !slices.Equal(sn, []int{460, 470}) {
		t.Errorf("snap(461, 470) = %v, want [460 470] (Zoë Müller)", sn)
	}
	sn = callAs[[]int](t, "snap", "gulf", 483, 484, "char")
	if !slices.Equal(sn, []int{482, 487}) {
		t.Errorf("snap char inside 👩‍💻 = %v, want [482 487]", sn)
	}
}

// jsSlice is text(doc).slice(start, end), computed by JavaScript.
func jsSlice(t testing.TB, doc string, start, end int) string {
	t.Helper()
	str, _ := safejs.Global().Get("String")
	proto, _ := str.Get("prototype")
	slice, _ := proto.Get("slice")
	v, err := slice.Call("call", call(t, "text", doc), start, end)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := v.String()
	return s
}

func TestUndoRedo(t *testing.T) {
	fresh(t)
	a := callAs[changeView](t, "addSpan", "gulf", "PERSON", nums(87, 101))
	if a.Op != "add span" || !a.CanUndo || a.CanRedo || a.Counts["PERSON"] != 1 || len(a.Added) != 1 {
		t.Fatalf("addSpan change = %+v", a)
	}
	id := a.Added[0].ID
	u := callAs[changeView](t, "undo", "gulf")
	if !slices.Equal(u.Removed, []string{id}) || u.CanUndo || !u.CanRedo || len(u.Counts) != 0 || !strings.HasPrefix(u.Op, "undo") {
		t.Fatalf("undo change = %+v", u)
	}
	if got := throws(t, "undo", "gulf"); got.Code != "nothing_to_undo" {
		t.Errorf("undo on empty history threw %+v", got)
	}
	r := callAs[changeView](t, "redo", "gulf")
	if len(r.Added) != 1 || r.Added[0].ID != id || !r.CanUndo || r.CanRedo {
		t.Fatalf("redo change = %+v", r)
	}
	if got := throws(t, "redo", "gulf"); got.Code != "nothing_to_redo" {
		t.Errorf("redo past the end threw %+v", got)
	}
	type undoState struct{ CanUndo, CanRedo bool }
	if got := callAs[undoState](t, "undoState", "gulf"); got != (undoState{true, false}) {
		t.Errorf("undoState after redo = %+v", got)
	}
	if got := callAs[undoState](t, "undoState", "iran"); got != (undoState{false, false}) {
		t.Errorf("undoState of an untouched document = %+v", got)
	}
	if got := throws(t, "undoState", "nope"); got.Code != "unknown_document" {
		t.Errorf("undoState of no document threw %+v", got)
	}
	// a single problem carries its message without the location, for the page
	if got := throws(t, "countMatches", "gulf", map[string]any{"pattern": "(", "regex": true}); !regexHere && got.Code == "bad_argument" && got.Field == "regex" {
		// the page's core matches no regular expression (TestCoreRefusesRegex)
	} else if got.Code != "bad_pattern" ||
		got.Reason != `"(" is not a valid regular expression (missing closing )); correct it, or search for the text as typed with regular expressions off` ||
		got.Message != "field pattern: "+got.Reason {
		t.Errorf("bad pattern threw %+v", got)
	}
	if !callAs[bool](t, "isProjectFile", `{"format":"spanmark","version":9}`) || callAs[bool](t, "isProjectFile", `[{"data":{"text":"x"}}]`) {
		t.Error("isProjectFile: wrong answer")
	}
	// relabel drops attributes; undo brings the old span back
	c := callAs[changeView](t, "addSpan", "gulf", "CLAIM", nums(138, 182), map[string]any{"attrs": map[string]any{"checkworthy": "yes"}})
	claim := c.Added[0].ID
	rl := callAs[changeView](t, "relabel", "gulf", claim, "SOURCE")
	if len(rl.Updated) != 1 || rl.Updated[0].Label != "SOURCE" || rl.Updated[0].Attrs != nil {
		t.Errorf("relabel change = %+v", rl)
	}
	un := callAs[changeView](t, "undo", "gulf")
	if len(un.Updated) != 1 || un.Updated[0].Label != "CLAIM" || un.Updated[0].Attrs["checkworthy"] != "yes" {
		t.Errorf("undo relabel = %+v", un)
	}
	// the undo history is per document
	if got := throws(t, "undo", "iran"); got.Code != "nothing_to_undo" {
		t.Errorf("undo on iran threw %+v", got)
	}
}

// A claim split around the attribution, with its claimant and cue, and
// attributes and a note.
func TestClaimRelationsAttributes(t *testing.T) {
	fresh(t)
	c := callAs[changeView](t, "addSpan", "iran", "CLAIM", nums(1869, 1960, 1971, 2097))
	claim := c.Added[0]
	if !slices.Equal(claim.FragsCP, []int{1869, 1960, 1971, 2097}) || len(claim.Text) != 2 ||
		claim.Text[0] != "the two nations have shared interests in fighting the Islamic State group in Iraq and Syria" ||
		!strings.HasPrefix(claim.Text[1], "any cooperation between Tehran") {
		t.Fatalf("claim = %+v", claim)
	}
	obama := callAs[changeView](t, "addSpan", "iran", "PERSON", nums(1757, 1762)).Added[0]
	wrote := callAs[changeView](t, "addSpan", "iran", "CUE", nums(1858, 1863)).Added[0]
	// the candidates the page offers: the core's, nearest first
	if c := callAs[[]spanView](t, "linkCandidates", "iran", claim.ID, "claimant", 9); len(c) != 1 || c[0].ID != obama.ID {
		t.Errorf("claimant candidates = %+v, want Obama", c)
	}
	if c := callAs[[]spanView](t, "linkCandidates", "iran", claim.ID, "cue", 9); len(c) != 1 || c[0].ID != wrote.ID {
		t.Errorf("cue candidates = %+v, want the CUE", c)
	}
	if got := throws(t, "linkCandidates", "iran", obama.ID, "claimant", 9); got.Code != "bad_relation" || got.Span != obama.ID {
		t.Errorf("candidates from a PERSON threw %+v", got)
	}
	// Alt+Shift+arrows: one word on, and back
	if c := callAs[changeView](t, "moveEdge", "iran", obama.ID, "end", true, "word"); len(c.Updated) != 1 || c.Updated[0].FragsCP[1] <= 1762 {
		t.Errorf("moveEdge on = %+v", c)
	}
	if c := callAs[changeView](t, "moveEdge", "iran", obama.ID, "end", false, "word"); len(c.Updated) != 1 || c.Updated[0].FragsCP[1] != 1762 {
		t.Errorf("moveEdge back = %+v", c)
	}
	if got := throws(t, "moveEdge", "iran", obama.ID, "start", true, "word"); got.Code != "empty_fragment" {
		t.Errorf("moveEdge emptying threw %+v", got)
	}
	// dragging an edge: exact in char mode, snapped to the word in word mode
	if c := callAs[changeView](t, "setEdge", "iran", obama.ID, "start", 1759, "char"); len(c.Updated) != 1 || c.Updated[0].FragsCP[0] != 1759 {
		t.Errorf("setEdge char = %+v", c)
	}
	if c := callAs[changeView](t, "setEdge", "iran", obama.ID, "start", 1760, "word"); len(c.Updated) != 1 || c.Updated[0].FragsCP[0] != 1757 {
		t.Errorf("setEdge word = %+v", c)
	}
	if got := throws(t, "setEdge", "iran", obama.ID, "end", 1757, "word"); got.Code != "empty_fragment" || got.Span != obama.ID {
		t.Errorf("setEdge past the start threw %+v", got)
	}
	if got := throws(t, "setEdge", "iran", obama.ID, "end", 1e9, "word"); got.Code != "out_of_range" {
		t.Errorf("setEdge past the text threw %+v", got)
	}
	r1 := callAs[changeView](t, "addRelation", "iran", "claimant", claim.ID, obama.ID)
	if len(r1.RelationsAdded) != 1 || r1.RelationsAdded[0] != (relationView{"r1", "claimant", claim.ID, obama.ID}) {
		t.Fatalf("addRelation = %+v", r1)
	}
	callAs[changeView](t, "addRelation", "iran", "cue", claim.ID, wrote.ID)
	if got := throws(t, "addRelation", "iran", "claimant", claim.ID, wrote.ID); got.Code != "bad_relation" || got.Field != "to" {
		t.Errorf("claimant → CUE threw %+v", got)
	}
	at := callAs[changeView](t, "setAttr", "iran", claim.ID, "checkworthy", "yes")
	if at.Updated[0].Attrs["checkworthy"] != "yes" {
		t.Errorf("setAttr = %+v", at)
	}
	if got := throws(t, "setAttr", "iran", claim.ID, "checkworthy", "maybe"); got.Code != "bad_attribute" || got.Span != claim.ID {
		t.Errorf("bad enum value threw %+v", got)
	}
	if got := throws(t, "setAttr", "iran", obama.ID, "checkworthy", "yes"); got.Code != "bad_attribute" {
		t.Errorf("attribute on PERSON threw %+v", got)
	}
	note := callAs[changeView](t, "setNote", "iran", claim.ID, "the letter, as reported by the WSJ")
	if note.Updated[0].Note == "" {
		t.Errorf("setNote = %+v", note)
	}
	rm := callAs[changeView](t, "setAttr", "iran", claim.ID, "checkworthy", nil)
	if rm.Updated[0].Attrs != nil {
		t.Errorf("setAttr null = %+v", rm)
	}
	claims := callAs[[]claimView](t, "claims", "iran")
	if len(claims) != 1 || claims[0].Claim.ID != claim.ID || len(claims[0].Claimants) != 1 || claims[0].Claimants[0].ID != obama.ID ||
		len(claims[0].Cues) != 1 || claims[0].Cues[0].ID != wrote.ID {
		t.Fatalf("claims = %+v", claims)
	}
	rels := callAs[[]relationView](t, "relationsOf", "iran", claim.ID)
	if len(rels) != 2 {
		t.Errorf("relationsOf = %+v", rels)
	}
	// removing the claimant removes its relation, in the same change
	del := callAs[changeView](t, "removeSpan", "iran", obama.ID)
	if !slices.Equal(del.Removed, []string{obama.ID}) || !slices.Equal(del.RelationsRemoved, []string{"r1"}) {
		t.Errorf("removeSpan = %+v", del)
	}
	back := callAs[changeView](t, "undo", "iran")
	if len(back.Added) != 1 || len(back.RelationsAdded) != 1 {
		t.Errorf("undo removeSpan = %+v", back)
	}
	// fragments: remove the second, add it back snapped, resize it
	rf := callAs[changeView](t, "removeFragment", "iran", claim.ID, 1)
	if len(rf.Updated[0].Frags) != 2 {
		t.Errorf("removeFragment = %+v", rf)
	}
	af := callAs[changeView](t, "addFragment", "iran", claim.ID, 1972, 1980)
	if got := af.Updated[0].FragsCP; !slices.Equal(got, []int{1869, 1960, 1971, 1986}) {
		t.Errorf("addFragment snapped to %v, want [1869 1960 1971 1986] (\"any cooperation\")", got)
	}
	sf := callAs[changeView](t, "setFragment", "iran", claim.ID, 1, 1971, 2097)
	if got := sf.Updated[0].FragsCP; !slices.Equal(got, []int{1869, 1960, 1971, 2097}) {
		t.Errorf("setFragment = %v", got)
	}
	// status and document labels
	st := callAs[changeView](t, "setStatus", "iran", "done")
	if !st.Doc {
		t.Errorf("setStatus change = %+v", st)
	}
	// document labels are annotations: setting them reopens a done document (the status rule)
	callAs[changeView](t, "setDocLabels", "iran", []any{"relevant", "opinion"})
	if d := callAs[docInfo](t, "document", "iran"); d.Status != "in_progress" || !slices.Equal(d.Labels, []string{"opinion", "relevant"}) {
		t.Errorf("document = %+v", d)
	}
}

func TestLabelAllAndQueries(t *testing.T) {
	fresh(t)
	opts := map[string]any{"label": "GPE", "pattern": "Iran", "whole_word": true}
	if n, _ := call(t, "countMatches", "iran", opts).Int(); n != 17 {
		t.Errorf("countMatches = %d, want 17 (python: re.findall(r'(?i)(?<!\\w)iran(?!\\w)'))", n)
	}
	res := callAs[labelAllView](t, "labelAll", "iran", opts)
	if res.Matches != 17 || res.Added != 17 || res.Skipped != 0 || len(res.Change.Added) != 17 || res.Change.Counts["GPE"] != 17 {
		t.Fatalf("labelAll = %+v", res)
	}
	// again: every match is now a duplicate, skipped and counted
	again := callAs[labelAllView](t, "labelAll", "iran", opts)
	if again.Added != 0 || again.Skipped != 17 || again.Reasons["duplicate_span"] != 17 {
		t.Errorf("labelAll again = %+v", again)
	}
	// one undo removes all of them (the second, empty, label-all made no step)
	if u := callAs[changeView](t, "undo", "iran"); len(u.Removed) != 17 {
		t.Errorf("undo label-all removed %d", len(u.Removed))
	}
	callAs[labelAllView](t, "labelAll", "iran", opts)
	callAs[changeView](t, "addSpan", "iran", "CLAIM", nums(1869, 1960, 1971, 2097))

	// spansIn: a span is listed once, in document order, even when two of
	// its fragments are in range
	in := callAs[[]spanView](t, "spansIn", "iran", 1800, 2100)
	var ids []string
	for _, s := range in {
		ids = append(ids, s.Label+":"+s.Text[0])
	}
	want := []string{"CLAIM:the two nations have shared interests in fighting the Islamic State group in Iraq and Syria", "GPE:Iran"}
	if !slices.Equal(ids, want) {
		t.Errorf("spansIn = %q, want %q", ids, want)
	}
	at := callAs[[]spanView](t, "spansAt", "iran", 2076)
	if len(at) != 2 || at[0].Label != "CLAIM" || at[1].Label != "GPE" {
		t.Errorf("spansAt = %+v, want CLAIM then GPE (outermost first)", at)
	}
	if got := callAs[[]spanView](t, "spansIn", "iran", 0, 0); len(got) != 0 {
		t.Errorf("empty range = %+v", got)
	}
	counts := callAs[map[string]int](t, "counts", "iran")
	if counts["GPE"] != 17 || counts["CLAIM"] != 1 || len(counts) != 2 {
		t.Errorf("counts = %v", counts)
	}
	if s := callAs[spanView](t, "span", "iran", in[1].ID); s.ID != in[1].ID {
		t.Errorf("span = %+v", s)
	}
	// entries: the 17 GPE spans are one text; nextWithText walks them
	callAs[changeView](t, "addSpan", "iran", "GPE", nums(211, 218)) // "Teheran"
	es := callAs[entriesView](t, "entries", "iran", "GPE", 0)
	if es.Distinct != 2 || len(es.Entries) != 2 || es.Entries[0].Text != "Iran" || es.Entries[0].Count != 17 ||
		es.Entries[1].Text != "Teheran" || es.Entries[1].Count != 1 || es.Entries[1].First.Text[0] != "Teheran" {
		t.Errorf("entries = %+v", es)
	}
	if one := callAs[entriesView](t, "entries", "iran", "GPE", 1); one.Distinct != 2 || len(one.Entries) != 1 {
		t.Errorf("entries, limit 1 = %+v", one)
	}
	first := callAs[spanView](t, "nextWithText", "iran", "GPE", "Iran")
	if first.ID != es.Entries[0].First.ID {
		t.Errorf("nextWithText first = %+v, want %+v", first, es.Entries[0].First)
	}
	second := callAs[spanView](t, "nextWithText", "iran", "GPE", "Iran", first.ID)
	if second.FragsCP[0] <= first.FragsCP[0] || second.Text[0] != "Iran" {
		t.Errorf("nextWithText after %v = %+v", first.FragsCP, second)
	}
	if v := call(t, "nextWithText", "iran", "PERSON", "Iran"); !v.IsUndefined() {
		t.Errorf("nextWithText with no such span = %v, want undefined", v)
	}
	if got := throws(t, "entries", "iran", "GPS", 5); got.Code != "unknown_label" || got.Field != "label" {
		t.Errorf("entries with an unknown label threw %+v", got)
	}

	// UTF-16 and code point results differ on the multilingual article
	callAs[labelAllView](t, "labelAll", "gulf", map[string]any{"label": "GPE", "pattern": "東京"})
	g := callAs[[]spanView](t, "spansIn", "gulf", 600, 724)
	if len(g) != 1 || !slices.Equal(g[0].Frags, []int{644, 646}) || !slices.Equal(g[0].FragsCP, []int{637, 639}) {
		t.Errorf("spansIn gulf = %+v", g)
	}
}

// Every bad call throws an Error with the right code, changes nothing, and
// the next call works.
func TestErrors(t *testing.T) {
	fresh(t)
	person := callAs[changeView](t, "addSpan", "gulf", "PERSON", nums(87, 101)).Added[0].ID
	claim := callAs[changeView](t, "addSpan", "gulf", "CLAIM", nums(138, 182)).Added[0].ID
	goodFile, _ := call(t, "exportProject").String()
	badLabelFile := strings.Replace(goodFile, `"label": "PERSON"`, `"label": "PERSONA"`, 1)

	cases := []struct {
		name   string
		method string
		args   []any
		code   string
		field  string
	}{
		{"no arguments", "addSpan", nil, "bad_argument", "doc"},
		{"unknown export option", "exportProject", []any{map[string]any{"compakt": true}}, "bad_argument", "options"},
		{"export options not an object", "exportProject", []any{"compact"}, "bad_argument", "options"},
		{"missing frags", "addSpan", []any{"gulf", "PERSON"}, "bad_argument", "frags"},
		{"frags as a string", "addSpan", []any{"gulf", "PERSON", "87,101"}, "bad_argument", "frags"},
		{"frags with a string", "addSpan", []any{"gulf", "PERSON", []any{"87", 101}}, "bad_argument", "frags"},
		{"NaN offset", "addSpan", []any{"gulf", "PERSON", []any{math.NaN(), 101}}, "bad_argument", "frags"},
		{"fractional offset", "addSpan", []any{"gulf", "PERSON", []any{87.5, 101}}, "bad_argument", "frags[0]"},
		{"odd frags", "addSpan", []any{"gulf", "PERSON", nums(87, 101, 120)}, "bad_argument", "frags"},
		{"negative offset", "addSpan", []any{"gulf", "PERSON", nums(-1, 5)}, "out_of_range", "frags[0]"},
		{"offset past the end", "addSpan", []any{"gulf", "PERSON", nums(700, 725)}, "out_of_range", "frags"},
		{"end before start", "addSpan", []any{"gulf", "PERSON", nums(101, 87)}, "out_of_range", "frags"},
		{"label as a number", "addSpan", []any{"gulf", 7, nums(200, 210)}, "bad_argument", "label"},
		{"unknown label", "addSpan", []any{"gulf", "PERSONA", nums(200, 210)}, "unknown_label", "label"},
		{"unknown document", "addSpan", []any{"nope", "PERSON", nums(200, 210)}, "unknown_document", ""},
		{"unknown snap mode", "addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"snap": "sentence"}}, "bad_argument", "options"},
		{"unknown option", "addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"snapp": "char"}}, "bad_argument", "options"},
		{"options not an object", "addSpan", []any{"gulf", "PERSON", nums(200, 210), "char"}, "bad_argument", "options"},
		{"only whitespace", "addSpan", []any{"gulf", "PERSON", nums(47, 51)}, "empty_fragment", "frags"},
		{"bad attribute", "addSpan", []any{"gulf", "CLAIM", nums(300, 310), map[string]any{"attrs": map[string]any{"checkworthy": 1}}}, "bad_attribute", "attrs.checkworthy"},
		{"crossing", "addSpan", []any{"gulf", "PERSON", nums(94, 110)}, "crossing_span", "fragments[0]"},
		{"duplicate", "addSpan", []any{"gulf", "PERSON", nums(87, 101)}, "duplicate_span", "fragments"},
		{"index as a string", "setFragment", []any{"gulf", person, "0", 87, 95}, "bad_argument", "index"},
		{"index out of range", "removeFragment", []any{"gulf", person, 3}, "out_of_range", "fragments"},
		{"last fragment", "removeFragment", []any{"gulf", person, 0}, "bad_argument", "fragments"},
		{"attribute value a number", "setAttr", []any{"gulf", claim, "checkworthy", 3}, "bad_argument", "value"},
		{"attribute value missing", "setAttr", []any{"gulf", claim, "checkworthy"}, "bad_argument", "value"},
		{"unknown span", "removeSpan", []any{"gulf", "s99"}, "unknown_span", ""},
		{"unknown relation", "removeRelation", []any{"gulf", "r9"}, "unknown_relation", ""},
		{"relation to itself", "addRelation", []any{"gulf", "claimant", claim, claim}, "bad_relation", "to"},
		{"unknown status", "setStatus", []any{"gulf", "finished"}, "bad_status", "status"},
		{"unknown doc label", "setDocLabels", []any{"gulf", []any{"urgent"}}, "unknown_label", "labels"},
		{"doc labels not strings", "setDocLabels", []any{"gulf", []any{1}}, "bad_argument", "labels"},
		{"bad regex", "labelAll", []any{"gulf", map[string]any{"label": "GPE", "pattern": "(", "regex": true}}, map[bool]string{true: "bad_pattern", false: "bad_argument"}[regexHere], map[bool]string{true: "pattern", false: "regex"}[regexHere]},
		{"labelMatches fragment past the end", "labelMatches", []any{"gulf", map[string]any{"label": "GPE", "pattern": "x"}, nums(0, 4, 700, 800)}, "out_of_range", "frags"},
		{"labelMatches odd fragments", "labelMatches", []any{"gulf", map[string]any{"label": "GPE", "pattern": "x"}, nums(0, 4, 7)}, "bad_argument", "frags"},
		{"labelMatches unknown label", "labelMatches", []any{"gulf", map[string]any{"label": "CITY", "pattern": "x"}, nums(0, 4)}, "unknown_label", "label"},
		{"label-all unknown label", "labelAll", []any{"gulf", map[string]any{"label": "CITY", "pattern": "Tokyo"}}, "unknown_label", "label"},
		{"label-all without options", "labelAll", []any{"gulf"}, "bad_argument", "options"},
		{"spansIn reversed", "spansIn", []any{"gulf", 10, 5}, "out_of_range", "end"},
		{"spansIn negative", "spansIn", []any{"gulf", -10, 5}, "out_of_range", "start"},
		{"spansAt Infinity", "spansAt", []any{"gulf", math.Inf(1)}, "bad_argument", "offset"},
		{"toCodePoints past the end", "toCodePoints", []any{"gulf", 725}, "out_of_range", "offset"},
		{"fromCodePoints past the end", "fromCodePoints", []any{"gulf", 718}, "out_of_range", "offsetCP"},
		{"document id as an object", "document", []any{map[string]any{"id": "gulf"}}, "bad_argument", "doc"},
		{"malformed project file", "loadProject", []any{`{"format": "spanmark", "version": 1,`, "broken.json"}, "bad_format", ""},
		{"not a project file", "loadProject", []any{`{"hello": 1}`}, "bad_format", "format"},
		{"newer project file", "loadProject", []any{`{"format": "spanmark", "version": 99}`}, "unsupported_version", "version"},
		{"project file with an unknown label", "loadProject", []any{badLabelFile, "p.json"}, "unknown_label", "label"},
		{"loadProject without a string", "loadProject", []any{map[string]any{}}, "bad_argument", "json"},
		{"invalid schema", "newProject", []any{map[string]any{"labels": []any{map[string]any{"name": "X", "layer": "nope", "color": "red"}}, "relations": []any{}, "overlap": map[string]any{}}}, "bad_schema", "schema.labels[0].layer"},
		{"schema with a typo", "newProject", []any{map[string]any{"lables": []any{}}}, "bad_argument", "schema"},
		{"duplicate document", "addDocument", []any{"gulf", "again", "text"}, "duplicate_id", "id"},
		{"document id with a space", "addDocument", []any{"a b", "t", "text"}, "bad_argument", "id"},
		{"document text missing", "addDocument", []any{"x", "t"}, "bad_argument", "text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := call(t, "exportProject").String()
			got := throws(t, c.method, c.args...)
			if !got.IsError || got.Message == "" {
				t.Errorf("threw %+v, want an Error with a message", got)
			}
			if got.Code != c.code {
				t.Errorf("code = %q, want %q (message: %s)", got.Code, c.code, got.Message)
			}
			if got.Field != c.field {
				t.Errorf("field = %q, want %q (message: %s)", got.Field, c.field, got.Message)
			}
			after, _ := call(t, "exportProject").String()
			if after != before {
				t.Error("the failed call changed the project")
			}
			// the runtime is alive and the next call works
			if d := callAs[docInfo](t, "document", "gulf"); d.Spans != 2 {
				t.Errorf("after the error: document(gulf) = %+v", d)
			}
		})
	}
	// a file's problems come as a list, located by line
	got := throws(t, "loadProject", badLabelFile, "p.json")
	if len(got.Problems) != 1 || got.Problems[0]["code"] != "unknown_label" || got.Problems[0]["line"] == nil || got.Doc != "gulf" {
		t.Errorf("problems = %+v", got)
	}
	// nothing failed went into the undo history: undo takes back the claim
	if u := callAs[changeView](t, "undo", "gulf"); !slices.Equal(u.Removed, []string{claim}) {
		t.Errorf("undo after the errors = %+v", u)
	}
	// and a good file loads
	docs := callAs[[]docInfo](t, "loadProject", goodFile, "good.json")
	if len(docs) != 2 || docs[0].Spans != 2 {
		t.Errorf("loadProject(good) = %+v", docs)
	}
}

// A panic inside a method becomes an "internal" Error; the runtime lives.
func TestPanicIsCaught(t *testing.T) {
	fresh(t)
	orig := theBridge.methods["version"]
	theBridge.methods["version"] = func(a *argv) (any, error) {
		var m map[string]int
		m["boom"]++ // nil map write: a runtime panic
		return nil, nil
	}
	got := throws(t, "version")
	theBridge.methods["version"] = orig
	if got.Code != "internal" || !strings.Contains(got.Message, "spanmark.version") {
		t.Errorf("panic threw %+v", got)
	}
	if v, _ := call(t, "version").String(); v == "" {
		t.Error("version() after the panic failed")
	}
}

// Page JavaScript can catch the Error: an inline script (run synchronously
// when inserted) calls the API in try/catch and records what it caught.
func TestThrowReachesPageScript(t *testing.T) {
	fresh(t)
	doc, _ := safejs.Global().Get("document")
	script, err := doc.Call("createElement", "script")
	if err != nil {
		t.Fatal(err)
	}
	_ = script.Set("text", `
		window.__caught = (() => {
			try {
				spanmark.addSpan("gulf", "PERSON", [-1, 5]);
				return "no throw";
			} catch (e) {
				const next = spanmark.spansIn("gulf", 0, 724).length;
				return [e instanceof Error, e.code, e.field, typeof e.message, next].join(",");
			}
		})();`)
	head, _ := doc.Get("head")
	if _, err := head.Call("appendChild", script); err != nil {
		t.Fatal(err)
	}
	v, _ := safejs.Global().Get("__caught")
	got, _ := v.String()
	if got != "true,out_of_range,frags[0],string,0" {
		t.Errorf("page script saw %q", got)
	}
}

// The same from a top-level task (a timer), with no Go code on the stack
// below the page's call: exactly how the page calls the API.
func TestThrowFromTopLevelTask(t *testing.T) {
	fresh(t)
	done := make(chan string, 1)
	cb, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, _ := args[0].String()
		done <- s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Release()
	_ = safejs.Global().Set("__spanmarkDone", cb)
	doc, _ := safejs.Global().Get("document")
	script, _ := doc.Call("createElement", "script")
	_ = script.Set("text", `
		setTimeout(() => {
			let r;
			try { spanmark.loadProject("{oops"); r = "no throw"; }
			catch (e) { r = [e instanceof Error, e.code, Array.isArray(e.problems), spanmark.documents().length].join(","); }
			__spanmarkDone(r);
		}, 0);`)
	head, _ := doc.Get("head")
	if _, err := head.Call("appendChild", script); err != nil {
		t.Fatal(err)
	}
	if got := <-done; got != "true,bad_format,true,2" {
		t.Errorf("top-level page call saw %q", got)
	}
}

// The JSON shapes carry exactly the field names of spanmark.d.ts.
func TestShapes(t *testing.T) {
	fresh(t)
	ch := call(t, "addSpan", "gulf", "CLAIM", nums(138, 182), map[string]any{"attrs": map[string]any{"checkworthy": "yes"}, "note": "n"})
	keys := func(v any) []string {
		m := v.(map[string]any)
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	c := decode[map[string]any](t, ch)
	if got := strings.Join(keys(c), ","); got != "added,canRedo,canUndo,counts,doc,op,relationsAdded,relationsRemoved,removed,suggestions,undecided,updated" {
		t.Errorf("ChangeView keys = %s", got)
	}
	s := c["added"].([]any)[0]
	if got := strings.Join(keys(s), ","); got != "attrs,frags,fragsCP,id,label,note,text" {
		t.Errorf("SpanView keys = %s", got)
	}
	d := decode[map[string]any](t, call(t, "document", "gulf"))
	if got := strings.Join(keys(d), ","); got != "annotator,id,labels,length,lengthCP,meta,relations,spans,status,title" {
		t.Errorf("DocInfo keys = %s", got)
	}
}

// exportProject({compact: true}) is the project file without its spacing:
// the same JSON, and it loads back to the same project.
func TestExportCompact(t *testing.T) {
	fresh(t)
	callAs[changeView](t, "addSpan", "gulf", "PERSON", nums(87, 101))
	indented, _ := call(t, "exportProject").String()
	compact, _ := call(t, "exportProject", map[string]any{"compact": true}).String()
	var a, b bytes.Buffer
	if err := json.Compact(&a, []byte(indented)); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&b, []byte(compact)); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || len(compact) >= len(indented) {
		t.Fatalf("compact export (%d bytes) is not the export (%d bytes) without spacing", len(compact), len(indented))
	}
	if same, _ := call(t, "exportProject", map[string]any{"compact": false}).String(); same != indented {
		t.Errorf("compact: false changed the export")
	}
	call(t, "loadProject", compact, "compact.json")
	if again, _ := call(t, "exportProject").String(); again != indented {
		t.Errorf("loading the compact export and exporting again differs")
	}
}
