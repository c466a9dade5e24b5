package team

import (
	"math"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

type sp struct {
	label      string
	start, end int
}

// work makes a one-document-per-text work of an annotator.
func work(t testing.TB, schema *annotate.Schema, name string, docs map[string][]sp, texts map[string]string, order ...string) *Work {
	t.Helper()
	p := annotate.NewProject(schema)
	for _, id := range order {
		d, err := p.AddDocument(id, id, texts[id], annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		d.Annotator = name
		for _, s := range docs[id] {
			if _, _, err := d.AddSpan(annotate.SpanInput{Label: s.label, Fragments: []annotate.Fragment{{Start: s.start, End: s.end}}}); err != nil {
				t.Fatalf("%s %v: %v", name, s, err)
			}
		}
	}
	return ProjectWork(name+".json", p)
}

func agree(t testing.TB, labels []string, works ...*Work) *Report {
	t.Helper()
	if err := Resolve(works); err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(works))
	for i, w := range works {
		names[i] = w.Annotator
	}
	a := NewAgreement(names, labels)
	st, err := Each(works, func(id string, vs []Version) error {
		a.Add(id, vs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a.SetStats(st)
	return a.Report()
}

func near(t testing.TB, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: undefined, want %.6f", what, want)
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Fatalf("%s = %.9f, want %.9f", what, *got, want)
	}
}

const annText = "Ann met Bob in Rome" // tokens Ann 0-3, met 4-7, Bob 8-11, in 12-14, Rome 15-19

var (
	spansA = []sp{{"PERSON", 0, 3}, {"PERSON", 8, 11}, {"GPE", 15, 19}}
	spansB = []sp{{"PERSON", 0, 3}, {"ORG", 8, 11}, {"GPE", 12, 19}}
)

// Two annotators, every figure worked out by hand.
func TestAgreeTwoByHand(t *testing.T) {
	texts := map[string]string{"d1": annText}
	r := agree(t, nil,
		work(t, nil, "ana", map[string][]sp{"d1": spansA}, texts, "d1"),
		work(t, nil, "ben", map[string][]sp{"d1": spansB}, texts, "d1"))
	if strings.Join(r.Annotators, ",") != "ana,ben" || r.Documents != 1 {
		t.Fatalf("annotators %v, documents %d", r.Annotators, r.Documents)
	}
	// instance F1: one of three and three match: 2·1 / (3 + 3)
	near(t, "f1", r.F1.Mean, 2.0/6)
	near(t, "f1 sd", r.F1.SD, 0)
	near(t, "f1 d1", r.F1.Documents["d1"].Mean, 2.0/6)
	near(t, "f1 PERSON", r.F1.Labels["PERSON"].Mean, 2*1.0/(2+1))
	near(t, "f1 GPE", r.F1.Labels["GPE"].Mean, 0)
	if r.F1.Labels["ORG"].Mean == nil || *r.F1.Labels["ORG"].Mean != 0 {
		t.Fatalf("f1 ORG: %v", r.F1.Labels["ORG"])
	}
	// overlap F1: Ann and Rome/in Rome match on both sides: (2 + 2) / 6
	near(t, "f1_overlap", r.F1Overlap.Mean, 4.0/6)
	near(t, "f1_overlap GPE", r.F1Overlap.Labels["GPE"].Mean, 1)
	// token κ (Cohen): ana P O P O G, ben P O ORG G G; po = 3/5,
	// pe = (2·1 + 2·1 + 1·2) / 25
	if r.Kappa.Measure != "cohen" || r.Kappa.Tokens != 5 {
		t.Fatalf("kappa %s over %d tokens", r.Kappa.Measure, r.Kappa.Tokens)
	}
	po, pe := 3.0/5, 6.0/25
	near(t, "kappa", r.Kappa.Value, (po-pe)/(1-pe))
	// PERSON against the rest: ana 1 0 1 0 0, ben 1 0 0 0 0
	po, pe = 4.0/5, 2.0/5*1.0/5+3.0/5*4.0/5
	near(t, "kappa PERSON", r.Kappa.Labels["PERSON"], (po-pe)/(1-pe))
	// where they differ
	if r.Confusion["PERSON"]["PERSON"] != 1 || r.Confusion["PERSON"]["ORG"] != 1 || len(r.Confusion) != 1 || len(r.Confusion["PERSON"]) != 2 {
		t.Fatalf("confusion %v", r.Confusion)
	}
	if r.BoundaryOnly != 2 {
		t.Fatalf("boundary-only %d, want 2 (Rome / in Rome, each side)", r.BoundaryOnly)
	}
	want := []TextCount{{"Bob", 2}, {"Rome", 1}, {"in Rome", 1}}
	if len(r.Texts) != 3 || r.Texts[0] != want[0] || r.Texts[1] != want[1] || r.Texts[2] != want[2] {
		t.Fatalf("texts %v, want %v", r.Texts, want)
	}
}

// Three annotators: F1 as the mean and population sd over three pairs,
// Fleiss' κ by hand.
func TestAgreeThreeByHand(t *testing.T) {
	texts := map[string]string{"d1": annText}
	r := agree(t, nil,
		work(t, nil, "ana", map[string][]sp{"d1": spansA}, texts, "d1"),
		work(t, nil, "ben", map[string][]sp{"d1": spansB}, texts, "d1"),
		work(t, nil, "chen", map[string][]sp{"d1": spansA}, texts, "d1"))
	// pairs: ana-ben 1/3, ana-chen 1, ben-chen 1/3
	m := (1.0/3 + 1 + 1.0/3) / 3
	sd := math.Sqrt((2*(1.0/3-m)*(1.0/3-m) + (1-m)*(1-m)) / 3)
	near(t, "f1 mean", r.F1.Mean, m)
	near(t, "f1 sd", r.F1.SD, sd)
	if r.F1.Pairs != 3 || len(r.F1.ByPair) != 3 || r.F1.ByPair[1].A != "ana" || r.F1.ByPair[1].B != "chen" {
		t.Fatalf("pairs %+v", r.F1.ByPair)
	}
	near(t, "ana-chen", r.F1.ByPair[1].Value, 1)
	// Fleiss: tokens P3 | O3 | P2 ORG1 | O2 G1 | G3
	pbar := (1 + 1 + 1.0/3 + 1.0/3 + 1) / 5
	pe := (25.0 + 25 + 1 + 16) / 225 // P 5, O 5, ORG 1, G 4 of 15 ratings
	if r.Kappa.Measure != "fleiss" {
		t.Fatalf("measure %s", r.Kappa.Measure)
	}
	near(t, "fleiss", r.Kappa.Value, (pbar-pe)/(1-pe))
}

// α_u on a continuum of 10 with one category, worked out by hand: ana has
// [2,6), ben [3,6).
func TestAlphaUByHand(t *testing.T) {
	texts := map[string]string{"d": "abcdefghij"}
	schema := annotate.DefaultSchema()
	r := agree(t, nil,
		work(t, schema, "ana", map[string][]sp{"d": {{"PERSON", 2, 6}}}, texts, "d"),
		work(t, schema, "ben", map[string][]sp{"d": {{"PERSON", 3, 6}}}, texts, "d"))
	// observed: one pair of overlapping units, δ² = (-1)² + (-1+1)² = 1;
	// D_o = 2/(R(R-1)L²) · 1
	do := 2.0 / (2 * 1 * 100) * 1
	// expected: units 4 and 3, gaps 2, 4 (ana) and 3, 4 (ben)
	u4 := 1*(2*64-3*16+4)/3.0 + 16*(1+1) // gaps ≥ 4: 4, 4
	u3 := 1*(2*27-3*9+3)/3.0 + 9*(2+1+2) // gaps ≥ 3: 4, 3, 4
	de := (u4 + u3) * 2 / 10 / (20*19 - (4*3 + 3*2))
	near(t, "alpha_u", r.AlphaU.Value, 1-do/de)
	near(t, "alpha_u PERSON", r.AlphaU.Labels["PERSON"], 1-do/de)
	// identical works agree perfectly
	r = agree(t, nil,
		work(t, schema, "ana", map[string][]sp{"d": {{"PERSON", 2, 6}}}, texts, "d"),
		work(t, schema, "ben", map[string][]sp{"d": {{"PERSON", 2, 6}}}, texts, "d"))
	near(t, "alpha_u identical", r.AlphaU.Value, 1)
}

// Krippendorff's published example (2004: 254), as DKPro Agreement's
// Krippendorff2004Test has it: a continuum [150, 450), two observers,
// categories c and k.
func TestAlphaUKrippendorff2004(t *testing.T) {
	// DKPro's distance tests first
	for _, c := range []struct {
		got, want float64
	}{
		{distance(2, 3, false, 2, 2, true) + distance(5, 6, true, 4, 7, false), 40},
		{distance(3, 2, false, 3, 2, true) + distance(5, 6, true, 5, 6, false), 40},
		{distance(5, 6, true, 4, 2, true), 26},
		{distance(5, 6, true, 5, 2, true), 16},
		{distance(5, 6, true, 6, 2, true), 10},
		{distance(5, 6, true, 7, 2, true), 8},
		{distance(5, 6, true, 6, 4, true), 2},
		{distance(5, 6, true, 5, 6, true), 0},
		{distance(225, 70, true, 220, 80, true), 50},
		{distance(370, 30, true, 355, 20, true), 850},
		{distance(400, 50, false, 400, 20, true), 400},
	} {
		if c.got != c.want {
			t.Fatalf("distance %v, want %v", c.got, c.want)
		}
	}
	a := newAlphaU(2)
	const b = 150 // the continuum starts at 150
	u := func(off, n int) unit { return unit{off - b, off - b + n} }
	a.add(300, []int{0, 1}, map[string][][]unit{
		"c": {{u(225, 70), u(370, 30)}, {u(220, 80), u(355, 20), u(400, 20)}},
		"k": {{u(180, 60), u(300, 50)}, {u(180, 60), u(300, 50)}},
	})
	within := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Fatalf("%s = %.5f, want %.4f", what, got, want)
		}
	}
	do, de := a.disagreement("c")
	within("D_o(c)", do, 0.0144, 0.0001)
	within("D_e(c)", de, 0.0532, 0.0001)
	within("alpha_u(c)", a.alpha([]string{"c"}), 0.7286, 0.0001)
	do, de = a.disagreement("k")
	within("D_o(k)", do, 0, 0.0001)
	within("D_e(k)", de, 0.0490, 0.0001)
	within("alpha_u(k)", a.alpha([]string{"k"}), 1, 0.0001)
	within("alpha_u", a.alpha([]string{"c", "k"}), 0.8591, 0.0005)

	// the same study as two documents of 150 each: the continuum runs on
	// from one into the next, so the figures are the same
	a2 := newAlphaU(2)
	v := func(off, n int) unit { return unit{off - 300, off - 300 + n} }
	a2.add(150, []int{0, 1}, map[string][][]unit{
		"c": {{u(225, 70)}, {u(220, 80)}},
		"k": {{u(180, 60)}, {u(180, 60)}},
	})
	a2.add(150, []int{0, 1}, map[string][][]unit{
		"c": {{v(370, 30)}, {v(355, 20), v(400, 20)}},
		"k": {{v(300, 50)}, {v(300, 50)}},
	})
	within("alpha_u over two documents", a2.alpha([]string{"c", "k"}), a.alpha([]string{"c", "k"}), 1e-12)
	within("alpha_u(c) over two documents", a2.alpha([]string{"c"}), a.alpha([]string{"c"}), 1e-12)
}

// Claims marked identically: the claimant, the cue and each attribute.
func TestAgreeClaims(t *testing.T) {
	text := "Obama said talks would resume."
	mk := func(name, claimant, checkworthy string) *Work {
		p := annotate.NewProject(nil)
		d, _ := p.AddDocument("d", "", text, annotate.Meta{})
		d.Annotator = name
		add := func(label string, s, e int, attrs map[string]any) *annotate.Span {
			sp, _, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: []annotate.Fragment{{Start: s, End: e}}, Attrs: attrs})
			if err != nil {
				t.Fatal(err)
			}
			return sp
		}
		claim := add("CLAIM", 11, 30, map[string]any{"checkworthy": checkworthy})
		who := add(claimant, 0, 5, nil)
		if _, _, err := d.AddRelation(annotate.RelationClaimant, claim.ID, who.ID); err != nil {
			t.Fatal(err)
		}
		return ProjectWork(name, p)
	}
	r := agree(t, nil, mk("ana", "PERSON", "yes"), mk("ben", "PERSON", "yes"), mk("chen", "ORG", "no"))
	if r.Claims.Matched != 1 || r.Claims.Claimant.Agreed != 0 || r.Claims.Cue.Agreed != 1 {
		t.Fatalf("claims %+v", r.Claims)
	}
	// one item, values a a b (n = 3, n_a = 2, n_b = 1): o(a,b) = o(b,a) =
	// 2 · 1/2 = 1; α = 1 - (n-1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 - 2·2/(2·1 + 1·2)
	near(t, "claimant alpha", r.Claims.Claimant.Alpha, 1-2.0*2/(2*1+1*2))
	if r.Claims.Cue.Alpha != nil {
		t.Fatalf("cue alpha with no variation is undefined, got %v", *r.Claims.Cue.Alpha)
	}
	near(t, "checkworthy alpha", r.Claims.Attributes["checkworthy"].Alpha, 0)
}

// Bad input: texts that differ, one work, a name given twice; a document
// missing from some works; different schemas.
func TestAgreeBadInput(t *testing.T) {
	a := work(t, nil, "ana", map[string][]sp{"d1": spansA}, map[string]string{"d1": annText, "d2": "x"}, "d1", "d2")
	b := work(t, nil, "ben", map[string][]sp{"d1": spansB}, map[string]string{"d1": "Ann met Bob in Rom!"}, "d1")
	if err := Resolve([]*Work{a, b}); err != nil {
		t.Fatal(err)
	}
	_, err := Each([]*Work{a, b}, func(string, []Version) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `document "d1" differs between ana.json (ana) and ben.json (ben) from offset 18`) {
		t.Fatalf("differing texts: %v", err)
	}
	if err := Resolve([]*Work{a}); err == nil || !strings.Contains(err.Error(), "two works or more") {
		t.Fatalf("one work: %v", err)
	}
	a2 := work(t, nil, "ana", nil, map[string]string{"d1": annText}, "d1")
	a2.Name = "other.json"
	if err := Resolve([]*Work{a, a2}); err == nil || !strings.Contains(err.Error(), `annotator "ana" is given twice (also ana.json)`) {
		t.Fatalf("a name twice: %v", err)
	}
	// a work without a recorded name is named by its file
	anon := work(t, nil, "", nil, map[string]string{"d1": annText}, "d1")
	anon.Name, anon.Annotators = "works/chen.json", nil
	if err := Resolve([]*Work{a, anon}); err != nil || anon.Annotator != "chen" {
		t.Fatalf("named by file: %q %v", anon.Annotator, err)
	}

	// d2 in ana only; d3 in ana and chen, not ben
	texts := map[string]string{"d1": annText, "d2": "x", "d3": "Rome"}
	schemaB := annotate.DefaultSchema()
	schemaB.Labels = append(schemaB.Labels, annotate.LabelDef{Name: "TEAM", Layer: annotate.LayerEntity, Color: "#123456"})
	r := agree(t, nil,
		work(t, nil, "ana", map[string][]sp{"d1": spansA, "d3": {{"GPE", 0, 4}}}, texts, "d1", "d2", "d3"),
		work(t, schemaB, "ben", map[string][]sp{"d1": {{"TEAM", 0, 3}}}, texts, "d1"),
		work(t, nil, "chen", map[string][]sp{"d3": {{"GPE", 0, 4}}}, texts, "d3"))
	if r.Documents != 2 || r.Single != 1 || strings.Join(r.Missing, "|") != "d1: not in chen|d3: not in ben" {
		t.Fatalf("documents %d, single %d, missing %v", r.Documents, r.Single, r.Missing)
	}
	if len(r.SchemaNotes) != 1 || !strings.Contains(r.SchemaNotes[0], "label TEAM is in the schema of ben only, not of ana, chen") {
		t.Fatalf("schema notes %v", r.SchemaNotes)
	}
	near(t, "f1 TEAM", r.F1.Labels["TEAM"].Mean, 0)
	// pairs: ana-ben on d1 (0 of 3+1), ana-chen on d3 (1 of 1+1)
	if len(r.F1.ByPair) != 2 || r.F1.ByPair[0].Documents != 1 || r.F1.ByPair[1].B != "chen" {
		t.Fatalf("pairs %+v", r.F1.ByPair)
	}
	near(t, "f1", r.F1.Mean, 0.5)
	near(t, "f1 d3", r.F1.Documents["d3"].Mean, 1)
}

// A document only some annotators have counts with those: a third work
// without it changes nothing of α_u (or of F1).
func TestAlphaUSubsetOfRaters(t *testing.T) {
	texts := map[string]string{"d": "abcdefghij", "e": "xyz"}
	schema := annotate.DefaultSchema()
	ana := func() *Work { return work(t, schema, "ana", map[string][]sp{"d": {{"PERSON", 2, 6}}}, texts, "d") }
	ben := func() *Work { return work(t, schema, "ben", map[string][]sp{"d": {{"PERSON", 3, 6}}}, texts, "d") }
	two := agree(t, nil, ana(), ben())
	three := agree(t, nil, ana(), ben(), work(t, schema, "chen", nil, texts, "e"))
	near(t, "alpha_u with a third work elsewhere", three.AlphaU.Value, *two.AlphaU.Value)
	near(t, "f1 with a third work elsewhere", three.F1.Mean, *two.F1.Mean)
	if three.Documents != 1 || three.Single != 1 {
		t.Fatalf("documents %d, single %d", three.Documents, three.Single)
	}
}
