package team

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

const mergeText = "Obama said talks would resume in Geneva."

// mergeWork: an annotator's copy of doc "d" (and of "solo" for ana).
func mergeWork(t *testing.T, name string, build func(add func(label string, s, e int, attrs map[string]any) *annotate.Span, d *annotate.Document)) *Work {
	t.Helper()
	p := annotate.NewProject(nil)
	d, _ := p.AddDocument("d", "Talks", mergeText, annotate.Meta{Source: "wire"})
	d.Annotator = name
	build(func(label string, s, e int, attrs map[string]any) *annotate.Span {
		sp, _, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: []annotate.Fragment{{Start: s, End: e}}, Attrs: attrs})
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}, d)
	if name == "ana" {
		solo, _ := p.AddDocument("solo", "", "Iran replied.", annotate.Meta{})
		solo.Annotator = name
		solo.AddSpan(annotate.SpanInput{Label: "GPE", Fragments: []annotate.Fragment{{Start: 0, End: 4}}})
	}
	return ProjectWork(name+".json", p)
}

func mergeWorks(t *testing.T) []*Work {
	claim := func(d *annotate.Document, add func(string, int, int, map[string]any) *annotate.Span, cw string) {
		c := add("CLAIM", 11, 39, map[string]any{"checkworthy": cw})
		o := d.Spans()[0] // Obama
		if _, _, err := d.AddRelation(annotate.RelationClaimant, c.ID, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	ws := []*Work{
		mergeWork(t, "ana", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("GPE", 33, 39, nil)
			claim(d, add, "yes")
		}),
		mergeWork(t, "ben", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("LOC", 33, 39, nil)
			claim(d, add, "no")
		}),
		mergeWork(t, "chen", func(add func(string, int, int, map[string]any) *annotate.Span, d *annotate.Document) {
			add("PERSON", 0, 5, nil)
			add("GPE", 30, 39, nil) // "in Geneva"
			claim(d, add, "yes")
		}),
	}
	if err := Resolve(ws); err != nil {
		t.Fatal(err)
	}
	return ws
}

func TestMerge(t *testing.T) {
	ws := mergeWorks(t)
	gold, st, err := Merge(ws, annotate.DefaultSchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := gold.Doc("d")
	var got []string
	for _, s := range d.Spans() {
		got = append(got, s.ID+" "+s.Label+" "+d.SpanText(s)[0])
	}
	// a majority (2 of 3): PERSON (3 votes), CLAIM (3); GPE Geneva has 1
	// (ana), LOC 1 (ben), GPE "in Geneva" 1 (chen): undecided
	if strings.Join(got, "|") != "s1 PERSON Obama|s2 CLAIM talks would resume in Geneva" {
		t.Fatalf("gold spans %q", got)
	}
	if cw := d.Span("s2").Attrs["checkworthy"]; cw != "yes" {
		t.Fatalf("checkworthy by vote (yes, no, yes) = %v", cw)
	}
	if rels := d.Relations(); len(rels) != 1 || rels[0].From != "s2" || rels[0].To != "s1" || rels[0].Type != annotate.RelationClaimant {
		t.Fatalf("relations %+v", rels)
	}
	var und []string
	for _, c := range d.Undecided {
		und = append(und, c.Label+" "+strings.Join(c.Annotators, ","))
	}
	if strings.Join(und, "|") != "GPE chen|GPE ana|LOC ben" || d.Status != annotate.StatusInProgress {
		t.Fatalf("undecided %q, status %s", und, d.Status)
	}
	// a document of one annotator comes whole, decided
	solo := gold.Doc("solo")
	if solo == nil || solo.NumSpans() != 1 || len(solo.Undecided) != 0 || solo.Status != annotate.StatusDone {
		t.Fatalf("solo document: %+v", solo)
	}
	if d.Title != "Talks" || d.Meta.Source != "wire" || d.Annotator != "" {
		t.Fatalf("document fields %q %+v %q", d.Title, d.Meta, d.Annotator)
	}
	if st.Documents != 2 || st.Accepted != 3 || st.Undecided != 3 || st.Relations != 1 || st.UndecidedDocs != 1 {
		t.Fatalf("stats %+v", st)
	}
	// deterministic, and the file round-trips with its undecided spans
	b1, _ := gold.Bytes()
	gold2, _, _ := Merge(mergeWorks(t), annotate.DefaultSchema(), 0)
	b2, _ := gold2.Bytes()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two merges of the same works differ")
	}
	q, err := annotate.Load(b1, "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if b3, _ := q.Bytes(); !bytes.Equal(b3, b1) || len(q.Doc("d").Undecided) != 3 {
		t.Fatal("the gold file does not round-trip")
	}

	// --min-votes 3: the same here (PERSON, CLAIM have 3); --min-votes 1:
	// every span, but GPE "in Geneva" crosses nothing and nests GPE
	// "Geneva", so both are accepted; LOC too
	gold, st, _ = Merge(mergeWorks(t), annotate.DefaultSchema(), 1)
	if gold.Doc("d").NumSpans() != 5 || st.Undecided != 0 || gold.Doc("d").Status != annotate.StatusDone {
		t.Fatalf("--min-votes 1: %d spans, %d undecided", gold.Doc("d").NumSpans(), st.Undecided)
	}
	if _, _, err := Merge(mergeWorks(t), nil, 4); err == nil || !strings.Contains(err.Error(), "more than the 3 works") {
		t.Fatalf("--min-votes 4 of 3: %v", err)
	}
}

// A label only one work's schema has is merged in, so its spans can be
// accepted; the addition is reported.
func TestUnionSchema(t *testing.T) {
	ws := mergeWorks(t)
	s2 := annotate.DefaultSchema()
	s2.Labels = append(s2.Labels, annotate.LabelDef{Name: "TEAM", Layer: annotate.LayerEntity, Color: "#123456"})
	p := annotate.NewProject(s2)
	d, _ := p.AddDocument("d", "Talks", mergeText, annotate.Meta{})
	d.AddSpan(annotate.SpanInput{Label: "TEAM", Fragments: []annotate.Fragment{{Start: 33, End: 39}}})
	ws[1] = ProjectWork("ben.json", p)
	ws[1].Annotator = "ben"
	schema, notes, err := UnionSchema(ws)
	if err != nil || schema.Label("TEAM") == nil || len(notes) != 1 || !strings.Contains(notes[0], "ben.json: ") || !strings.Contains(notes[0], "TEAM") {
		t.Fatalf("schema: %v, notes %q", err, notes)
	}
	gold, _, err := Merge(ws, schema, 1)
	if err != nil || gold.Doc("d").Span("s4") == nil {
		t.Fatalf("merge with TEAM: %v", err)
	}
	found := false
	for _, s := range gold.Doc("d").Spans() {
		found = found || s.Label == "TEAM"
	}
	if !found {
		t.Fatal("the TEAM span was not accepted with --min-votes 1")
	}
}
