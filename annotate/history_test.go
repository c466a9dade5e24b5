package annotate

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// historySession builds a two-document project through a random session:
// edits, undo and redo, label-all, document labels, renames and metadata,
// the status rule, and
// schema edits that keep (a new label, a colour) or rewrite (a rename) the
// histories. The same seed gives the same session.
func historySession(t *testing.T, seed uint64) *Project {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	p := NewProject(nil)
	var docs []*Document
	for _, name := range []string{"iran-us-talks.txt", "gulf-shipping-multilingual.txt"} {
		d, err := p.AddDocument("", name, readArticle(t, name), Meta{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	schemaEdit := func(_ SchemaEdit, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 300 {
		switch i {
		case 100:
			schemaEdit(p.RenameLabel("PERSON", "PER", false)) // rewrites the histories
		case 150:
			schemaEdit(p.AddLabel(LabelDef{Name: "FACILITY", Layer: LayerEntity, Color: "#123456"}))
		case 200:
			schemaEdit(p.RenameLabel("PER", "PERSON", false))
		case 250:
			l := cloneLabel(*p.Schema.Label("GPE"))
			l.Color = "#000000"
			schemaEdit(p.UpdateLabel("GPE", l, UpdateLabelOptions{}))
		}
		d := docs[rng.IntN(len(docs))]
		switch r := rng.IntN(20); {
		case r < 3:
			d.Undo()
		case r < 5:
			d.Redo()
		case r == 5:
			d.SetDocLabels([]string{"relevant", "opinion", "needs-review"}[:rng.IntN(4)])
		case r == 7:
			// a rename and new metadata (an "info" edit), or none
			n := rng.IntN(3)
			d.SetInfo(d.ID+" "+strings.Repeat("é", n), Meta{Source: "src", Date: "2024-0" + string(rune('1'+n))})
		case r == 6:
			// link a claim to a person, so relations are in the history
			var claim, person string
			for _, s := range d.Spans() {
				switch s.Label {
				case LabelClaim:
					claim = s.ID
				case "PERSON", "PER", "ORG":
					person = s.ID
				}
			}
			d.AddRelation(RelationClaimant, claim, person)
		default:
			before := d.UndoDepth()
			randomOp(rng, d)
			if d.UndoDepth() > before && d.undo[len(d.undo)-1].op != "set status" {
				c := d.changeOf(d.undo[len(d.undo)-1], 1)
				d.StartOnEdit(&c)
			}
		}
	}
	// the highest span id removed in one document, so its counter is past
	// what the project file's ids say; steps left to redo in the other
	ss := docs[0].Spans()
	slices.SortFunc(ss, func(a, b *Span) int { return compareIDs(a.ID, b.ID) })
	if _, err := docs[0].RemoveSpan(ss[len(ss)-1].ID); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		docs[1].Undo()
	}
	return p
}

// A session saved as project file + history and restored gives the same
// undo and redo, step by step, and hands out the same next ids.
func TestHistoryRoundTrip(t *testing.T) {
	for seed := range uint64(12) {
		p := historySession(t, seed)
		hist := p.HistoryJSON()
		if !json.Valid(hist) {
			t.Fatalf("seed %d: HistoryJSON is not valid JSON", seed)
		}
		p2, err := Load(saved(t, p), "p.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := p2.RestoreHistory(hist); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got := p2.HistoryJSON(); !bytes.Equal(got, hist) {
			t.Fatalf("seed %d: the restored history writes differently", seed)
		}
		steps := 0
		for _, d := range p.Documents() {
			d2 := p2.Doc(d.ID)
			if d.UndoDepth() != d2.UndoDepth() || d.RedoDepth() != d2.RedoDepth() {
				t.Fatalf("seed %d %s: depths %d/%d vs %d/%d", seed, d.ID, d.UndoDepth(), d.RedoDepth(), d2.UndoDepth(), d2.RedoDepth())
			}
			for _, redo := range []bool{false, true} {
				for {
					var c1, c2 Change
					var e1, e2 error
					if redo {
						c1, e1 = d.Redo()
						c2, e2 = d2.Redo()
					} else {
						c1, e1 = d.Undo()
						c2, e2 = d2.Undo()
					}
					if (e1 == nil) != (e2 == nil) {
						t.Fatalf("seed %d: %v vs %v", seed, e1, e2)
					}
					if e1 != nil {
						break
					}
					steps++
					if c1.Op != c2.Op || !bytes.Equal(saved(t, p), saved(t, p2)) {
						t.Fatalf("seed %d %s: after %q the projects differ", seed, d.ID, c1.Op)
					}
				}
			}
			s1, _, err1 := d.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{{0, 3}}})
			s2, _, err2 := d2.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{{0, 3}}})
			if err1 != nil || err2 != nil || s1.ID != s2.ID {
				t.Fatalf("seed %d %s: new span %v %v / %v %v", seed, d.ID, s1, err1, s2, err2)
			}
			o := d.Spans()[len(d.Spans())-1]
			if o.Label == "PERSON" || o.Label == "ORG" {
				r1, _, err1 := d.AddRelation(RelationClaimant, s1.ID, o.ID)
				r2, _, err2 := d2.AddRelation(RelationClaimant, s2.ID, o.ID)
				if (err1 == nil) != (err2 == nil) || err1 == nil && r1.ID != r2.ID {
					t.Fatalf("seed %d %s: new relation %v %v / %v %v", seed, d.ID, r1, err1, r2, err2)
				}
			}
		}
		if steps < 50 {
			t.Fatalf("seed %d: only %d steps undone and redone", seed, steps)
		}
	}
}

func TestHistoryJSONDeterministic(t *testing.T) {
	a, b := historySession(t, 3).HistoryJSON(), historySession(t, 3).HistoryJSON()
	if !bytes.Equal(a, b) {
		t.Fatal("the same session writes two different histories")
	}
}

// The JSON shape, on a small session.
func TestHistoryJSONGolden(t *testing.T) {
	p, d := newDoc(t, "Obama met Kerry.")
	s := mustAdd(t, d, "PERSON", Fragment{0, 5})
	k := mustAdd(t, d, "CLAIM", Fragment{6, 15})
	d.SetAttr(k.ID, "polarity", "asserted")
	d.AddRelation(RelationClaimant, k.ID, s.ID)
	d.SetDocLabels([]string{"relevant"})
	d.Undo()
	want := `{"format":"spanmark-history","version":1,"documents":[{"id":"d","next_span":3,"next_relation":2,"undo":[` +
		`{"op":"add span","next_span":[1,2],"next_relation":[1,1],"edits":[{"kind":"span","id":"s1","before":null,"after":{"id":"s1","label":"PERSON","fragments":[{"start":0,"end":5,"text":"Obama"}]}}]},` +
		`{"op":"add span","next_span":[2,3],"next_relation":[1,1],"edits":[{"kind":"span","id":"s2","before":null,"after":{"id":"s2","label":"CLAIM","fragments":[{"start":6,"end":15,"text":"met Kerry"}]}}]},` +
		`{"op":"set attribute","next_span":[3,3],"next_relation":[1,1],"edits":[{"kind":"span","id":"s2","before":{"id":"s2","label":"CLAIM","fragments":[{"start":6,"end":15,"text":"met Kerry"}]},"after":{"id":"s2","label":"CLAIM","fragments":[{"start":6,"end":15,"text":"met Kerry"}],"attrs":{"polarity":"asserted"}}}]},` +
		`{"op":"add relation","next_span":[3,3],"next_relation":[1,2],"edits":[{"kind":"relation","id":"r1","before":null,"after":{"id":"r1","type":"claimant","from":"s2","to":"s1"}}]}],` +
		`"redo":[{"op":"set document labels","next_span":[3,3],"next_relation":[2,2],"edits":[{"kind":"doc","before":{"status":"todo","labels":[]},"after":{"status":"todo","labels":["relevant"]}}]}]}]}`
	if got := string(p.HistoryJSON()); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// Bad histories are refused with a located bad_format error, and the
// project is left exactly as it was.
func TestRestoreHistoryRefuses(t *testing.T) {
	p, d := newDoc(t, "Obama met Kerry in Geneva.")
	s := mustAdd(t, d, "PERSON", Fragment{0, 5})
	mustAdd(t, d, "PERSON", Fragment{10, 15})
	d.SetNote(s.ID, "the president")
	mustAdd(t, d, "GPE", Fragment{19, 25})
	d.Undo() // the GPE is on the redo stack
	hist := string(p.HistoryJSON())
	file := saved(t, p)

	later := func(edit func(*Document)) []byte { // the project file after one more edit
		p, _ := Load(file, "")
		p.RestoreHistory([]byte(hist))
		edit(p.Doc("d"))
		return saved(t, p)
	}
	cases := []struct {
		name, file, hist, want string
	}{
		{"malformed", "", `{"format":"spanmark-history","documents":[`, `the JSON text is empty or cut short`},
		{"not JSON", "", `<html>`, `not valid JSON: character '<' looking for the beginning of a value`},
		{"unknown field", "", strings.Replace(hist, `"op"`, `"operation"`, 1), `document "d", field documents[0].undo[0].operation: unknown field "operation"`},
		{"bad kind", "", strings.Replace(hist, `"kind":"span"`, `"kind":"spam"`, 1), `document "d", field documents[0].undo[0].edits[0].before: an edit's "kind" comes first and is span, relation, suggestion, doc, info or undecided`},
		{"counter pair", "", strings.Replace(hist, `"next_span":[1,2]`, `"next_span":[1]`, 1), `document "d", field documents[0].undo[0].next_span: expected two integers [before, after]`},
		{"kind not first", "", strings.Replace(hist, `"kind":"span","id":"s1","before":null`, `"id":"s1","before":null,"kind":"span"`, 1), `document "d", field documents[0].undo[0].edits[0].before: an edit's "kind" comes first and is span, relation, suggestion, doc, info or undecided`},
		{"wrong format", "", strings.Replace(hist, `"spanmark-history"`, `"spanmark"`, 1), `field format: not a spanmark undo history of version 1`},
		{"newer version", "", strings.Replace(hist, `"version":1`, `"version":2`, 1), `field format: not a spanmark undo history of version 1`},
		{"unknown document", "", strings.Replace(hist, `"id":"d"`, `"id":"e"`, 1), `document "e", field documents[0].id: no such document in the project`},
		{"counters too low", "", strings.Replace(hist, `"next_span":3,`, `"next_span":2,`, 1), `document "d", field documents[0]: next_span and next_relation must be past the ids in use (at least 3 and 1)`},
		{"one more edit", string(later(func(d *Document) { d.SetNote("s1", "44th president") })), hist,
			`document "d", field documents[0].undo[2].edits[0].after: the history does not fit the project: the document is not as this step says`},
		{"one more span", string(later(func(d *Document) { mustAdd(t, d, "GPE", Fragment{19, 25}) })), hist,
			`document "d", field documents[0]: next_span and next_relation must be past the ids in use (at least 4 and 1)`},
		{"text", "", strings.Replace(hist, `"text":"Geneva"`, `"text":"Berlin"`, 1),
			`document "d", span s3, field documents[0].redo[0].edits[0].after.fragments[0].text: the document's text there is "Geneva"`},
		{"out of range", "", strings.Replace(hist, `"start":19,"end":25,"text":"Geneva"`, `"start":19,"end":99,"text":"Geneva"`, 1),
			`document "d", span s3, field documents[0].redo[0].edits[0].after.fragments[0]: fragment [19,99) is outside the text, which has 26 code points`},
		{"unknown label", "", strings.Replace(hist, `"label":"GPE"`, `"label":"CITY"`, 1),
			`document "d", span s3, field documents[0].redo[0].edits[0].after.label: label "CITY" is not in the schema`},
		{"crossing", "", strings.Replace(hist, `"start":19,"end":25,"text":"Geneva"`, `"start":3,"end":8,"text":"ma me"`, 1),
			`document "d", span s3, field documents[0].redo[0].edits[0].after.fragments[0]: [3,8) "ma me" overlaps span s1 PERSON [0,5) "Obama" in part; entity spans may nest but not cross`},
	}
	for _, c := range cases {
		q := p
		if c.file != "" {
			var err error
			if q, err = Load([]byte(c.file), ""); err != nil {
				t.Fatal(err)
			}
		}
		before, beforeHist := saved(t, q), q.HistoryJSON()
		err := q.RestoreHistory([]byte(c.hist))
		wantCode(t, err, CodeBadFormat)
		if err.Error() != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, err, c.want)
		}
		if !bytes.Equal(saved(t, q), before) || !bytes.Equal(q.HistoryJSON(), beforeHist) {
			t.Errorf("%s: a refused history changed the project", c.name)
		}
	}
}

// Relations and document states in the history are checked too.
func TestRestoreHistoryRefusesStates(t *testing.T) {
	p, d := newDoc(t, "Obama said so.")
	c := mustAdd(t, d, LabelClaim, Fragment{6, 13})
	s := mustAdd(t, d, "PERSON", Fragment{0, 5})
	if _, _, err := d.AddRelation(RelationClaimant, c.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	d.SetStatus(StatusDone)
	d.Undo()
	d.Undo() // redo: [set status, add relation]
	hist := string(p.HistoryJSON())
	for _, c := range []struct{ hist, want string }{
		{strings.Replace(hist, `"to":"s2"`, `"to":"s9"`, 1),
			`document "d", relation r1, field documents[0].redo[1].edits[0].after.to: no span "s9"`},
		{strings.Replace(hist, `"after":{"status":"done"`, `"after":{"status":"finished"`, 1),
			`document "d", field documents[0].redo[0].edits[0].after: the status or document labels are not allowed: a status is todo, in_progress or done; labels come from the schema, sorted`},
		{strings.Replace(hist, `"after":{"status":"done","labels":[]`, `"after":{"status":"done","labels":["x"]`, 1),
			`document "d", field documents[0].redo[0].edits[0].after: the status or document labels are not allowed: a status is todo, in_progress or done; labels come from the schema, sorted`},
		{strings.Replace(hist, `"kind":"relation","id":"r1"`, `"kind":"relation","id":"r2"`, 1),
			`document "d", field documents[0].redo[1].edits[0]: an edit is of kind span, relation or suggestion, with the id (key) of its states, or doc, info or undecided, without one (an undecided edit has a state on one side at least)`},
		{strings.Replace(hist, `{"kind":"doc",`, `{"kind":"doc","id":"s1",`, 1),
			`document "d", field documents[0].redo[0].edits[0]: an edit is of kind span, relation or suggestion, with the id (key) of its states, or doc, info or undecided, without one (an undecided edit has a state on one side at least)`},
	} {
		q, err := Load(saved(t, p), "")
		if err != nil {
			t.Fatal(err)
		}
		err = q.RestoreHistory([]byte(c.hist))
		wantCode(t, err, CodeBadFormat)
		if err.Error() != c.want {
			t.Errorf("got  %s\nwant %s", err, c.want)
		}
		if q.Doc("d").CanUndo() || q.Doc("d").CanRedo() {
			t.Error("a refused history was installed")
		}
	}
	q, _ := Load(saved(t, p), "")
	if err := q.RestoreHistory([]byte(hist)); err != nil {
		t.Fatal(err)
	}
	q.Doc("d").Redo()
	q.Doc("d").Redo()
	if q.Doc("d").Status != StatusDone || q.Doc("d").NumRelations() != 1 {
		t.Fatal("redo after restore did not bring back the status and the relation")
	}
}

// Histories with changed numbers (offsets, counters) and labels are either
// consistent or refused, never a panic, and a refused one changes nothing.
func TestRestoreHistoryMutated(t *testing.T) {
	p := historySession(t, 1)
	hist, file := p.HistoryJSON(), saved(t, p)
	rng := rand.New(rand.NewPCG(5, 5))
	q, err := Load(file, "")
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for range 400 {
		h := bytes.Clone(hist)
		for range 1 + rng.IntN(2) {
			i := rng.IntN(len(h))
			for h[i] < '0' || h[i] > '9' {
				i = (i + 1) % len(h)
			}
			h[i] = byte('0' + rng.IntN(10))
		}
		if rng.IntN(4) == 0 {
			h = bytes.Replace(h, []byte(`"label":"GPE"`), []byte(`"label":"CLAIM"`), 1)
		}
		before := q.HistoryJSON()
		if err := q.RestoreHistory(h); err != nil {
			wantCode(t, err, CodeBadFormat)
			refused++
			if !bytes.Equal(q.HistoryJSON(), before) || !bytes.Equal(saved(t, q), file) {
				t.Fatalf("a refused history changed the project: %v", err)
			}
			continue
		}
		// accepted: every state undo and redo reach is a valid project
		for _, d := range q.Documents() {
			for d.CanUndo() {
				d.Undo()
			}
			if _, err := Load(saved(t, q), ""); err != nil {
				t.Fatalf("an accepted history undoes to an invalid state: %v", err)
			}
			for d.CanRedo() {
				d.Redo()
			}
			if _, err := Load(saved(t, q), ""); err != nil {
				t.Fatalf("an accepted history redoes to an invalid state: %v", err)
			}
		}
		if q, err = Load(file, ""); err != nil {
			t.Fatal(err)
		}
	}
	if refused < 100 {
		t.Fatalf("only %d of 400 mutated histories refused", refused)
	}
}
