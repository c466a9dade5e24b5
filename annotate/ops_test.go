package annotate

import (
	"maps"
	"slices"
	"testing"
)

// Each operation: what it does, what Change it reports, and that undo and
// redo restore the file byte for byte.
func TestOperations(t *testing.T) {
	obama := at(t, sample, "Barack Obama", 0)
	iran := at(t, sample, "Iran", 0)
	type env struct {
		d                  *Document
		person, claim, cue *Span
	}
	cases := []struct {
		name  string
		op    func(e env) (Change, error)
		check func(t *testing.T, e env, c Change)
	}{
		{"add span", func(e env) (Change, error) {
			_, c, err := e.d.AddSpan(SpanInput{Label: "GPE", Fragments: []Fragment{iran}})
			return c, err
		}, func(t *testing.T, e env, c Change) {
			if len(c.Added) != 1 || c.Added[0].Label != "GPE" || c.Added[0].Fragments[0] != iran {
				t.Fatalf("%+v", c)
			}
		}},
		{"remove span", func(e env) (Change, error) { return e.d.RemoveSpan(e.person.ID) }, func(t *testing.T, e env, c Change) {
			if !slices.Equal(c.Removed, []string{e.person.ID}) || e.d.Span(e.person.ID) != nil {
				t.Fatalf("%+v", c)
			}
		}},
		{"relabel", func(e env) (Change, error) { return e.d.Relabel(e.person.ID, "ORG") }, func(t *testing.T, e env, c Change) {
			if len(c.Updated) != 1 || c.Updated[0].Label != "ORG" || e.d.Counts()["PERSON"] != 0 || e.d.Counts()["ORG"] != 1 {
				t.Fatalf("%+v %v", c, e.d.Counts())
			}
		}},
		{"relabel drops attributes and relations that no longer fit", func(e env) (Change, error) { return e.d.Relabel(e.claim.ID, "SOURCE") },
			func(t *testing.T, e env, c Change) {
				s := e.d.Span(e.claim.ID)
				if s.Label != "SOURCE" || s.Attrs != nil || len(c.RelationsRemoved) != 2 || e.d.NumRelations() != 0 {
					t.Fatalf("%+v %+v", s, c)
				}
			}},
		{"relabel to unknown label", func(e env) (Change, error) { return e.d.Relabel(e.person.ID, "NOPE") }, nil},
		{"resize fragment", func(e env) (Change, error) { return e.d.SetFragment(e.person.ID, 0, Fragment{7, 12}) }, func(t *testing.T, e env, c Change) {
			if got := e.d.SpanText(e.d.Span(e.person.ID))[0]; got != "Obama" {
				t.Fatalf("%q", got)
			}
		}},
		{"move fragment", func(e env) (Change, error) { return e.d.SetFragment(e.person.ID, 0, iran) }, func(t *testing.T, e env, c Change) {
			if got := e.d.SpansAt(iran.Start); len(got) != 2 || got[1].ID != e.person.ID || len(e.d.SpansAt(0)) != 0 {
				t.Fatal("not moved")
			}
		}},
		{"resize to crossing", func(e env) (Change, error) {
			return e.d.SetFragment(e.cue.ID, 0, Fragment{iran.Start + 2, iran.End + 20})
		}, nil},
		{"fragment index out of range", func(e env) (Change, error) { return e.d.SetFragment(e.person.ID, 3, Fragment{0, 2}) }, nil},
		{"add fragment", func(e env) (Change, error) { return e.d.AddFragment(e.claim.ID, Fragment{58, 86}) }, func(t *testing.T, e env, c Change) {
			if got := e.d.SpanText(e.d.Span(e.claim.ID)); !slices.Equal(got, []string{"Iran is ready", "to talk to the United States"}) {
				t.Fatalf("%q", got)
			}
		}},
		{"add fragment before", func(e env) (Change, error) { return e.d.AddFragment(e.claim.ID, Fragment{0, 6}) }, func(t *testing.T, e env, c Change) {
			if fs := e.d.Span(e.claim.ID).Fragments; fs[0] != (Fragment{0, 6}) {
				t.Fatalf("%v", fs)
			}
		}},
		{"remove fragment", func(e env) (Change, error) {
			if _, err := e.d.AddFragment(e.claim.ID, Fragment{58, 86}); err != nil {
				return Change{}, err
			}
			return e.d.RemoveFragment(e.claim.ID, 0)
		}, func(t *testing.T, e env, c Change) {
			if fs := e.d.Span(e.claim.ID).Fragments; len(fs) != 1 || fs[0] != (Fragment{58, 86}) {
				t.Fatalf("%v", fs)
			}
		}},
		{"remove last fragment", func(e env) (Change, error) { return e.d.RemoveFragment(e.person.ID, 0) }, nil},
		{"set attribute", func(e env) (Change, error) { return e.d.SetAttr(e.claim.ID, "polarity", "denied") }, func(t *testing.T, e env, c Change) {
			if e.d.Span(e.claim.ID).Attrs["polarity"] != "denied" || len(c.Updated) != 1 {
				t.Fatal(e.d.Span(e.claim.ID).Attrs)
			}
		}},
		{"unset attribute", func(e env) (Change, error) { return e.d.SetAttr(e.claim.ID, "checkworthy", nil) }, func(t *testing.T, e env, c Change) {
			if e.d.Span(e.claim.ID).Attrs != nil {
				t.Fatal(e.d.Span(e.claim.ID).Attrs)
			}
		}},
		{"bad attribute", func(e env) (Change, error) { return e.d.SetAttr(e.claim.ID, "checkworthy", "perhaps") }, nil},
		{"set note", func(e env) (Change, error) { return e.d.SetNote(e.person.ID, "44th president") }, func(t *testing.T, e env, c Change) {
			if e.d.Span(e.person.ID).Note != "44th president" {
				t.Fatal()
			}
		}},
		{"remove relation", func(e env) (Change, error) { return e.d.RemoveRelation(e.d.Relations()[0].ID) }, func(t *testing.T, e env, c Change) {
			if e.d.NumRelations() != 1 || len(c.RelationsRemoved) != 1 {
				t.Fatal(c)
			}
		}},
		{"remove unknown relation", func(e env) (Change, error) { return e.d.RemoveRelation("r42") }, nil},
		{"set status", func(e env) (Change, error) { return e.d.SetStatus(StatusDone) }, func(t *testing.T, e env, c Change) {
			if e.d.Status != StatusDone || !c.Doc {
				t.Fatal(c)
			}
		}},
		{"bad status", func(e env) (Change, error) { return e.d.SetStatus("finished") }, nil},
		{"set document labels", func(e env) (Change, error) { return e.d.SetDocLabels([]string{"relevant", "opinion"}) }, func(t *testing.T, e env, c Change) {
			if !slices.Equal(e.d.Labels, []string{"opinion", "relevant"}) {
				t.Fatal(e.d.Labels)
			}
		}},
		{"unknown document label", func(e env) (Change, error) { return e.d.SetDocLabels([]string{"spam"}) }, nil},
		{"unknown span", func(e env) (Change, error) { return e.d.RemoveSpan("s404") }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, d := newDoc(t, sample)
			e := env{d: d}
			e.person = mustAdd(t, d, "PERSON", obama)
			e.cue = mustAdd(t, d, "CUE", at(t, sample, "said", 0))
			s, _, err := d.AddSpan(SpanInput{Label: "CLAIM", Fragments: []Fragment{{33, 46}}, Attrs: map[string]any{"checkworthy": "yes"}})
			if err != nil {
				t.Fatal(err)
			}
			e.claim = s
			if _, _, err := d.AddRelation(RelationClaimant, s.ID, e.person.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := d.AddRelation(RelationCue, s.ID, e.cue.ID); err != nil {
				t.Fatal(err)
			}
			before := saved(t, p)
			depth := d.UndoDepth()
			ch, err := c.op(e)
			if c.check == nil {
				if err == nil {
					t.Fatal("accepted; want an error")
				}
				if _, isErr := err.(*Error); !isErr {
					t.Fatalf("error %T is not located", err)
				}
				if got := saved(t, p); string(got) != string(before) {
					t.Fatal("a refused operation changed the document")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, e, ch)
			after := saved(t, p)
			for d.UndoDepth() > depth {
				if _, err := d.Undo(); err != nil {
					t.Fatal(err)
				}
			}
			if got := saved(t, p); string(got) != string(before) {
				t.Fatalf("undo did not restore:\n%s", got)
			}
			for d.CanRedo() {
				if _, err := d.Redo(); err != nil {
					t.Fatal(err)
				}
			}
			if got := saved(t, p); string(got) != string(after) {
				t.Fatalf("redo did not restore:\n%s\nwant\n%s", got, after)
			}
		})
	}
}

func TestUndoRedoStacks(t *testing.T) {
	_, d := newDoc(t, sample)
	if _, err := d.Undo(); CodeOf(err) != CodeNothingToUndo {
		t.Fatal(err)
	}
	a := mustAdd(t, d, "PERSON", Fragment{0, 6})
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	c, err := d.Redo()
	if err != nil || len(c.Added) != 1 || c.Added[0].ID != a.ID {
		t.Fatalf("redo gave %+v %v; the id must come back the same", c, err)
	}
	d.Undo()
	mustAdd(t, d, "ORG", Fragment{7, 12}) // a new edit clears redo
	if _, err := d.Redo(); CodeOf(err) != CodeNothingToRedo {
		t.Fatal(err)
	}
}

func TestAddSpanWidensGraphemes(t *testing.T) {
	text := "Analyst 👩‍💻 wrote; flag 🇮🇱 and e\u0301t\u00e9."
	_, d := newDoc(t, text)
	x := d.Index()
	zwj := at(t, text, "👩‍💻", 0)
	s := mustAdd(t, d, "PERSON", Fragment{zwj.Start + 1, zwj.Start + 2})
	if s.Fragments[0] != zwj {
		t.Fatalf("inside a ZWJ sequence: %v, want %v", s.Fragments, zwj)
	}
	flag := at(t, text, "🇮🇱", 0)
	s = mustAdd(t, d, "GPE", Fragment{flag.Start, flag.Start + 1})
	if s.Fragments[0] != flag {
		t.Fatalf("half a flag: %v, want %v", s.Fragments, flag)
	}
	e := at(t, text, "e\u0301", 0)
	s = mustAdd(t, d, "LOC", Fragment{e.Start, e.Start + 1})
	if s.Fragments[0] != e || x.Slice(e.Start, e.End) != "e\u0301" {
		t.Fatalf("letter without its mark: %v", s.Fragments)
	}
}

func TestLabelAll(t *testing.T) {
	text := readArticle(t, "iran-us-talks.txt")
	p, d := newDoc(t, text)
	before := saved(t, p)
	// a span already on one match, and a crossing entity on another
	first := at(t, text, "Iran", 0)
	mustAdd(t, d, "GPE", first)
	iranian := at(t, text, "Iranian", 0)
	_ = iranian
	r, err := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "Iran", WholeWord: true})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := d.Matches(LabelAllOptions{Pattern: "Iran", WholeWord: true})
	if r.Matches != len(all) || r.Added != len(all)-1 || r.Skipped != 1 || r.Reasons[CodeDuplicateSpan] != 1 {
		t.Fatalf("%+v (matches %d)", r, len(all))
	}
	for _, f := range all {
		if got := d.Index().Slice(f.Start, f.End); got != "Iran" {
			t.Fatalf("match %v is %q", f, got)
		}
	}
	if d.UndoDepth() != 2 {
		t.Fatalf("label-all is %d undo steps", d.UndoDepth()-1)
	}
	d.Undo()
	d.Undo()
	if string(saved(t, p)) != string(before) {
		t.Fatal("undo of label-all did not restore")
	}
	// case, regex and whole-word options
	n := func(o LabelAllOptions) int {
		ms, err := d.Matches(o)
		if err != nil {
			t.Fatal(err)
		}
		return len(ms)
	}
	if a, b := n(LabelAllOptions{Pattern: "iran"}), n(LabelAllOptions{Pattern: "iran", CaseSensitive: true}); a == 0 || b != 0 {
		t.Fatalf("case: %d %d", a, b)
	}
	if a, b := n(LabelAllOptions{Pattern: "Iran"}), n(LabelAllOptions{Pattern: "Iran", WholeWord: true}); a <= b {
		t.Fatalf("whole word should drop Iranian: %d %d", a, b)
	}
	if got := n(LabelAllOptions{Pattern: `U\.S\.`, Regex: true, CaseSensitive: true}); got != n(LabelAllOptions{Pattern: "U.S.", CaseSensitive: true}) || got == 0 {
		t.Fatalf("regex vs literal: %d", got)
	}
	if _, err := d.Matches(LabelAllOptions{Pattern: "(", Regex: true}); CodeOf(err) != CodeBadPattern {
		t.Fatal(err)
	}
	if _, err := d.LabelAll(LabelAllOptions{Label: "X", Pattern: "Iran"}); CodeOf(err) != CodeUnknownLabel {
		t.Fatal(err)
	}
}

func TestClaimsQuery(t *testing.T) {
	_, d := newDoc(t, sample)
	person := mustAdd(t, d, "PERSON", at(t, sample, "Barack Obama", 0))
	cue := mustAdd(t, d, "CUE", at(t, sample, "said", 0))
	claim, _, _ := d.AddSpan(SpanInput{Label: "CLAIM", Fragments: []Fragment{{33, 46}, {58, 86}}, Attrs: map[string]any{"checkworthy": "yes"}})
	other := mustAdd(t, d, "CLAIM", Fragment{0, 26})
	d.AddRelation(RelationClaimant, claim.ID, person.ID)
	d.AddRelation(RelationCue, claim.ID, cue.ID)
	cs := d.Claims()
	if len(cs) != 2 || cs[0].Span != other || cs[1].Span != claim {
		t.Fatalf("%+v", cs)
	}
	if len(cs[1].Claimants) != 1 || cs[1].Claimants[0] != person || len(cs[1].Cues) != 1 || cs[1].Cues[0] != cue || len(cs[0].Claimants) != 0 {
		t.Fatalf("%+v", cs[1])
	}
	if c := d.Counts(); c["CLAIM"] != 2 || c["PERSON"] != 1 || c["CUE"] != 1 {
		t.Fatal(c)
	}
	at := d.SpansAt(person.Start())
	if len(at) != 2 || at[0] != other || at[1] != person {
		t.Fatalf("spans at %d: %v", person.Start(), at)
	}
}

// An operation that changes nothing is no undo step and keeps the redo
// stack (issue 22, defects 7 and 8): a label-all whose every match is
// already labelled, an attribute or note set to the value it has (the page
// commits a text field on Enter and again on its change event), a relabel
// to the same label.
func TestNoopIsNoStep(t *testing.T) {
	_, d := newDoc(t, sample)
	iran := at(t, sample, "Iran", 0)
	claim := mustAdd(t, d, "CLAIM", Fragment{0, 46})
	mustAdd(t, d, "GPE", iran)
	if _, err := d.SetAttr(claim.ID, "normalized", "x"); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, d, "ORG", at(t, sample, "United States", 0))
	if _, err := d.Undo(); err != nil { // something to redo
		t.Fatal(err)
	}
	depth, redo := d.UndoDepth(), d.RedoDepth()
	ops := map[string]func() (Change, error){
		"label all (nothing new)": func() (Change, error) {
			r, err := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "Iran", WholeWord: true})
			if err == nil && (r.Added != 0 || r.Skipped != 1) {
				t.Errorf("label all: %+v", r)
			}
			return r.Change, err
		},
		"label all (no match)": func() (Change, error) {
			r, err := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "Atlantis"})
			return r.Change, err
		},
		"same attribute":   func() (Change, error) { return d.SetAttr(claim.ID, "normalized", "x") },
		"same note":        func() (Change, error) { return d.SetNote(claim.ID, "") },
		"same label":       func() (Change, error) { return d.Relabel(claim.ID, "CLAIM") },
		"absent attribute": func() (Change, error) { return d.SetAttr(claim.ID, "polarity", nil) },
	}
	for name, op := range ops {
		c, err := op()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !c.Empty() || d.UndoDepth() != depth || d.RedoDepth() != redo {
			t.Errorf("%s: change %+v, undo %d redo %d; want no change and %d / %d", name, c, d.UndoDepth(), d.RedoDepth(), depth, redo)
		}
	}
	// the next undo is still the attribute set before
	c, err := d.Undo()
	if err != nil || c.Op != "undo set attribute" {
		t.Fatalf("undo after the no-ops: %+v %v", c, err)
	}
}

// TestLabelMatchesIsLabelAll: what the page does for a regular expression
// (its matches found by MatchText on a TextIndex of the document's text,
// in the formats module; then LabelMatches in the core) ends exactly as
// LabelAll does: the same result, the same change, the same project file,
// one undo step.
func TestLabelMatchesIsLabelAll(t *testing.T) {
	text := readArticle(t, "iran-us-talks.txt")
	for _, o := range []LabelAllOptions{
		{Label: "GPE", Pattern: `Iran(ian)?`, Regex: true, WholeWord: true},
		{Label: "GPE", Pattern: `u\.s\.|tehran`, Regex: true},
		{Label: "ORG", Pattern: `[A-Z][a-z]+ (Ministry|Council)`, Regex: true, CaseSensitive: true},
		{Label: "GPE", Pattern: "iran"},
		{Label: "GPE", Pattern: `zzz\d`, Regex: true}, // no match
	} {
		pa, da := newDoc(t, text)
		pb, db := newDoc(t, text)
		for _, d := range []*Document{da, db} { // a span on a match, and one across another
			mustAdd(t, d, "GPE", at(t, text, "Iran", 0))
			mustAdd(t, d, "PERSON", Fragment{at(t, text, "Iran", 2).Start - 2, at(t, text, "Iran", 2).Start + 2})
		}
		want, err := da.LabelAll(o)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := MatchText(NewTextIndex(text), o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.LabelMatches(o, ms)
		if err != nil {
			t.Fatal(err)
		}
		if got.Matches != want.Matches || got.Added != want.Added || got.Skipped != want.Skipped || !maps.Equal(got.Reasons, want.Reasons) ||
			got.Change.Op != want.Change.Op || len(got.Change.Added) != len(want.Change.Added) {
			t.Fatalf("%+v:\nLabelMatches %+v\nLabelAll     %+v", o, got, want)
		}
		if a, b := string(saved(t, pa)), string(saved(t, pb)); a != b {
			t.Fatalf("%+v: the projects differ", o)
		}
		if da.UndoDepth() != db.UndoDepth() {
			t.Fatalf("%+v: undo depth %d, LabelAll %d", o, db.UndoDepth(), da.UndoDepth())
		}
		if want.Added > 0 && want.Skipped == 0 && o.Label == "GPE" && o.Regex && o.WholeWord {
			t.Fatalf("%+v: the test's spans should make some matches skip", o)
		}
	}
	_, d := newDoc(t, text)
	if _, err := d.LabelMatches(LabelAllOptions{Label: "X", Pattern: "a"}, nil); CodeOf(err) != CodeUnknownLabel {
		t.Fatal(err)
	}
	if _, err := d.LabelMatches(LabelAllOptions{Label: "GPE"}, nil); CodeOf(err) != CodeBadPattern {
		t.Fatal(err)
	}
	// fragments that break a rule are skipped and counted, as LabelAll's
	r, err := d.LabelMatches(LabelAllOptions{Label: "GPE", Pattern: "x"}, []Fragment{{5, 5}, {0, len([]rune(text)) + 1}, at(t, text, "Iran", 0)})
	if err != nil || r.Matches != 3 || r.Added != 1 || r.Skipped != 2 {
		t.Fatalf("%+v %v", r, err)
	}
}
