package annotate

import (
	"bytes"
	"strings"
	"testing"
)

const suggText = "Ali Khamenei met Biden in Oman. Khamenei said Oman helped."

func suggDoc(t *testing.T) (*Project, *Document) {
	t.Helper()
	p, d := newDoc(t, suggText)
	res, es := d.AddSuggestions([]Suggestion{
		{Label: "PERSON", Source: SourceOwn, Fragments: []Fragment{at(t, suggText, "Khamenei", 1)}},
		{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{at(t, suggText, "Oman", 0)}},
		{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{at(t, suggText, "Oman", 1)}},
		{Label: "PERSON", Source: SourceTagger, Score: 0.9, Scored: true, Fragments: []Fragment{at(t, suggText, "Biden", 0)}},
		{Label: "ORG", Source: SourceTagger, Score: 0.4, Scored: true, Fragments: []Fragment{at(t, suggText, "Oman", 1)}},
	})
	if len(es) > 0 || res.Added != 5 {
		t.Fatalf("add: %+v %v", res, es)
	}
	return p, d
}

func keys(gs []*Suggestion) string {
	var ks []string
	for _, g := range gs {
		ks = append(ks, g.Key())
	}
	return strings.Join(ks, "|")
}

func TestSuggestionsOrderAndKeys(t *testing.T) {
	_, d := suggDoc(t)
	want := "tagger PERSON 17-22|pattern GPE 26-30|own PERSON 32-40|pattern GPE 46-50|tagger ORG 46-50"
	if got := keys(d.Suggestions()); got != want {
		t.Fatalf("suggestions\n got %s\nwant %s", got, want)
	}
	if d.NumSpans() != 0 || len(d.Counts()) != 0 {
		t.Fatal("suggestions counted as spans")
	}
}

func TestAcceptRejectUndo(t *testing.T) {
	p, d := suggDoc(t)
	before := saved(t, p)
	s, c, err := d.AcceptSuggestion("own PERSON 32-40")
	if err != nil {
		t.Fatal(err)
	}
	if s.Label != "PERSON" || s.Fragments[0] != (Fragment{32, 40}) || d.SpanText(s)[0] != "Khamenei" {
		t.Fatalf("accepted as %+v", s)
	}
	if !c.Suggestions || len(c.Added) != 1 || d.Suggestion("own PERSON 32-40") != nil || d.NumSuggestions() != 4 {
		t.Fatalf("change %+v, %d open", c, d.NumSuggestions())
	}
	if d.UndoDepth() != 1 {
		t.Fatalf("undo depth %d", d.UndoDepth())
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if d.NumSpans() != 0 || d.Suggestion("own PERSON 32-40") == nil || !bytes.Equal(saved(t, p), before) {
		t.Fatal("undo of accept did not restore the suggestion and remove the span")
	}
	d.Redo()
	if d.NumSpans() != 1 || d.Suggestion("own PERSON 32-40") != nil {
		t.Fatal("redo of accept")
	}

	// reject: gone, remembered, not offered again
	if _, err := d.RejectSuggestion("pattern GPE 26-30"); err != nil {
		t.Fatal(err)
	}
	if d.Suggestion("pattern GPE 26-30") != nil || keys(d.RejectedSuggestions()) != "pattern GPE 26-30" {
		t.Fatal("reject")
	}
	res, _ := d.AddSuggestions([]Suggestion{{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{{26, 30}}}})
	if res.Added != 0 || res.Rejected != 1 || d.Suggestion("pattern GPE 26-30") != nil {
		t.Fatalf("a rejected suggestion came back: %+v", res)
	}
	// the same place from another source is another suggestion
	res, _ = d.AddSuggestions([]Suggestion{{Label: "GPE", Source: SourceTagger, Fragments: []Fragment{{26, 30}}}})
	if res.Added != 1 {
		t.Fatalf("%+v", res)
	}
	d.ClearSuggestions(SourceTagger)
	// ... and it survives a save and load
	p2, err := Load(saved(t, p), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	res, _ = p2.Doc("d").AddSuggestions([]Suggestion{{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{{26, 30}}}})
	if res.Rejected != 1 {
		t.Fatalf("after load, a rejected suggestion came back: %+v", res)
	}
	d.Undo()
	if d.Suggestion("pattern GPE 26-30") == nil || len(d.RejectedSuggestions()) != 0 {
		t.Fatal("undo of reject")
	}
	if _, _, err := d.AcceptSuggestion("no such"); err == nil {
		t.Fatal("accepting an unknown key")
	}
	// a suggestion equal to a span is not offered
	res, _ = d.AddSuggestions([]Suggestion{{Label: "PERSON", Source: SourceTagger, Fragments: []Fragment{{32, 40}}}})
	if res.Done != 1 {
		t.Fatalf("%+v", res)
	}
}

func TestAcceptAllRejectAll(t *testing.T) {
	_, d := suggDoc(t)
	// by score: only Biden (0.9); unscored ones never pass a threshold
	res := d.AcceptSuggestions(SuggestionFilter{MinScore: 0.5})
	if res.Accepted != 1 || d.Spans()[0].Label != "PERSON" || d.Spans()[0].Fragments[0] != (Fragment{17, 22}) {
		t.Fatalf("%+v", res)
	}
	// by label: both GPE, one step; the ORG on the second Oman crosses
	// nothing (another layer? no: same layer, same range, another label)
	res = d.AcceptSuggestions(SuggestionFilter{Label: "GPE"})
	if res.Accepted != 2 || d.UndoDepth() != 2 {
		t.Fatalf("%+v depth %d", res, d.UndoDepth())
	}
	// by source: reject everything the tagger still offers, one step
	res = d.RejectSuggestions(SuggestionFilter{Source: SourceTagger})
	if res.Rejected != 1 || keys(d.RejectedSuggestions()) != "tagger ORG 46-50" || d.UndoDepth() != 3 {
		t.Fatalf("%+v", res)
	}
	if got := keys(d.Suggestions()); got != "own PERSON 32-40" {
		t.Fatalf("left %s", got)
	}
	for range 3 {
		d.Undo()
	}
	if d.NumSpans() != 0 || d.NumSuggestions() != 5 || len(d.RejectedSuggestions()) != 0 {
		t.Fatal("undo of the three bulk steps")
	}
	// nothing matched: no undo step
	d.AcceptSuggestions(SuggestionFilter{Label: "DATE"})
	if d.UndoDepth() != 0 {
		t.Fatal("an empty accept-all made an undo step")
	}
}

// Accepting two suggestions that cross: the second is skipped and stays open.
func TestAcceptAllSkipsCrossing(t *testing.T) {
	_, d := newDoc(t, "New York Times reporter")
	d.AddSuggestions([]Suggestion{
		{Label: "GPE", Source: SourcePattern, Fragments: []Fragment{{0, 8}}},
		{Label: "ORG", Source: SourcePattern, Fragments: []Fragment{{4, 14}}},
	})
	res := d.AcceptSuggestions(SuggestionFilter{})
	if res.Accepted != 1 || res.Skipped != 1 || res.Reasons[CodeCrossingSpan] != 1 || d.NumSuggestions() != 1 {
		t.Fatalf("%+v", res)
	}
	if _, _, err := d.AcceptSuggestion("pattern ORG 4-14"); CodeOf(err) != CodeCrossingSpan {
		t.Fatalf("accept of a crossing suggestion: %v", err)
	}
	if d.NumSuggestions() != 1 || d.UndoDepth() != 1 {
		t.Fatal("a refused accept changed the document")
	}
}

func TestAddSuggestionsRefuses(t *testing.T) {
	_, d := newDoc(t, "Ali went 👍🏽 home")
	_, es := d.AddSuggestions([]Suggestion{
		{Label: "NOPE", Source: SourceOwn, Fragments: []Fragment{{0, 3}}},
		{Label: "PERSON", Source: "bad source", Fragments: []Fragment{{0, 3}}},
		{Label: "PERSON", Source: SourceOwn, Fragments: []Fragment{{0, 99}}},
		{Label: "PERSON", Source: SourceOwn, Fragments: []Fragment{{9, 10}}}, // splits the emoji
		{Label: "PERSON", Source: SourceTagger, Score: 1.5, Scored: true, Fragments: []Fragment{{0, 3}}},
	})
	want := []string{"suggestions[0].label", "suggestions[1].source", "suggestions[2].fragments[0]", "suggestions[3].fragments[0]", "suggestions[4].score"}
	if len(es) != len(want) {
		t.Fatalf("%v", es)
	}
	for i, e := range es {
		if e.Field != want[i] || e.Doc != "d" {
			t.Errorf("error %d: %s (field %s)", i, e, e.Field)
		}
	}
	if d.NumSuggestions() != 0 {
		t.Fatal("bad suggestions were added")
	}
}

func TestSuggestionsFileRoundTrip(t *testing.T) {
	p, d := suggDoc(t)
	d.RejectSuggestion("tagger ORG 46-50")
	b := saved(t, p)
	for _, want := range []string{`"version": 3`, `"source": "tagger",
          "score": 0.4,
          "rejected": true`, `"text": "Biden"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Fatalf("the file lacks %s:\n%s", want, b)
		}
	}
	p2, err := Load(b, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if b2 := saved(t, p2); !bytes.Equal(b, b2) {
		t.Fatalf("not byte-identical:\n%s\n----\n%s", b, b2)
	}
	d2 := p2.Doc("d")
	if keys(d2.Suggestions()) != keys(d.Suggestions()) || keys(d2.RejectedSuggestions()) != "tagger ORG 46-50" {
		t.Fatal("suggestions differ after load")
	}
	if g := d2.Suggestion("tagger PERSON 17-22"); !g.Scored || g.Score != 0.9 {
		t.Fatalf("score %+v", g)
	}
	// without suggestions the file stays at version 1
	d.ClearSuggestions("")
	d.Undo() // the reject: back to open, then cleared below
	d.ClearSuggestions("")
	if d.HasSuggestions() || !bytes.Contains(saved(t, p), []byte(`"version": 1`)) {
		t.Fatalf("version without suggestions:\n%s", saved(t, p))
	}
	// a file whose suggestion text does not match is refused, located
	bad := bytes.Replace(b, []byte(`"text": "Biden"`), []byte(`"text": "Obama"`), 1)
	_, err = Load(bad, "bad.json")
	if err == nil || !strings.Contains(err.Error(), "suggestions[0].fragments[0].text") || !strings.Contains(err.Error(), "bad.json:") {
		t.Fatalf("mismatch: %v", err)
	}
	bad = bytes.Replace(b, []byte(`"score": 0.9`), []byte(`"score": "high"`), 1)
	if _, err = Load(bad, "bad.json"); err == nil || !strings.Contains(err.Error(), "score") {
		t.Fatalf("bad score: %v", err)
	}
}

func TestSuggestionsHistoryRoundTrip(t *testing.T) {
	p, d := suggDoc(t)
	d.AcceptSuggestion("own PERSON 32-40")
	d.RejectSuggestions(SuggestionFilter{Label: "GPE"})
	d.AcceptSuggestions(SuggestionFilter{Source: SourceTagger})
	d.Undo()
	hist := p.HistoryJSON()
	if !bytes.Contains(hist, []byte(`{"kind":"suggestion","id":"pattern GPE 26-30","before":{"label":"GPE"`)) {
		t.Fatalf("history: %s", hist)
	}
	p2, err := Load(saved(t, p), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := p2.RestoreHistory(hist); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p2.HistoryJSON(), hist) {
		t.Fatal("history differs after restore")
	}
	d2 := p2.Doc("d")
	for _, dd := range []*Document{d, d2} {
		dd.Redo()
		dd.Undo()
		dd.Undo()
		dd.Undo()
	}
	if !bytes.Equal(saved(t, p), saved(t, p2)) || d2.NumSuggestions() != 5 || d2.NumSpans() != 0 {
		t.Fatalf("after undo the projects differ:\n%s\n%s", saved(t, p), saved(t, p2))
	}
	// a history that does not fit (the suggestion is not there) is refused
	p3, _ := Load(saved(t, p), "p.json")
	p3.Doc("d").ClearSuggestions("")
	if err := p3.RestoreHistory(p.HistoryJSON()); err == nil {
		t.Fatal("a history whose suggestions are not in the document was restored")
	}
}

func TestRenameLabelRenamesSuggestions(t *testing.T) {
	p, d := suggDoc(t)
	d.AcceptSuggestion("own PERSON 32-40")
	if _, err := p.RenameLabel("PERSON", "PER", false); err != nil {
		t.Fatal(err)
	}
	if d.Suggestion("tagger PER 17-22") == nil {
		t.Fatalf("not renamed: %s", keys(d.Suggestions()))
	}
	d.Undo()
	if d.Suggestion("own PER 32-40") == nil {
		t.Fatalf("undo after rename: %s", keys(d.Suggestions()))
	}
	if _, err := p.RemoveLabel("ORG", false); err != nil {
		t.Fatal(err)
	}
	if d.Suggestion("tagger ORG 46-50") != nil {
		t.Fatal("a suggestion of a removed label stayed")
	}
}

// TestReplaceSuggestions: a model run again replaces its source's open
// suggestions (others stay, rejected ones stay away); a bad suggestion
// anywhere in the list changes nothing and is located.
func TestReplaceSuggestions(t *testing.T) {
	_, d := suggDoc(t)
	if _, err := d.RejectSuggestion("tagger ORG 46-50"); err != nil {
		t.Fatal(err)
	}
	run := []Suggestion{
		{Label: "ORG", Source: SourceTagger, Score: 0.5, Scored: true, Fragments: []Fragment{at(t, suggText, "Oman", 1)}},
		{Label: "PERSON", Source: SourceTagger, Score: 0.8, Scored: true, Fragments: []Fragment{at(t, suggText, "Ali Khamenei", 0)}},
	}
	r, err := d.ReplaceSuggestions(SourceTagger, run)
	if err != nil {
		t.Fatal(err)
	}
	if r.Cleared != 1 || r.Added != 1 || r.Rejected != 1 {
		t.Fatalf("result %+v", r)
	}
	want := "tagger PERSON 0-12|pattern GPE 26-30|own PERSON 32-40|pattern GPE 46-50"
	if got := keys(d.Suggestions()); got != want {
		t.Fatalf("after the run\n got %s\nwant %s", got, want)
	}
	bad := []Suggestion{run[1], {Label: "NOPE", Source: SourceTagger, Fragments: []Fragment{{0, 3}}}}
	if _, err := d.ReplaceSuggestions(SourceTagger, bad); err == nil || !strings.Contains(err.Error(), "suggestions[1]") {
		t.Fatalf("a bad label: %v", err)
	}
	other := []Suggestion{{Label: "PERSON", Source: SourceOwn, Fragments: []Fragment{{0, 3}}}}
	if _, err := d.ReplaceSuggestions(SourceTagger, other); err == nil || !strings.Contains(err.Error(), "suggestions[0].source") {
		t.Fatalf("another source: %v", err)
	}
	if got := keys(d.Suggestions()); got != want {
		t.Fatalf("a refused run changed the suggestions\n got %s\nwant %s", got, want)
	}
}
