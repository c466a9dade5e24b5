package patterns

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

func docOf(t *testing.T, text string) (*annotate.Project, *annotate.Document) {
	t.Helper()
	p := annotate.NewProject(nil)
	d, err := p.AddDocument("d", "D", text, annotate.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	return p, d
}

func show(d *annotate.Document, gs []annotate.Suggestion) string {
	var out []string
	for _, g := range gs {
		f := g.Fragments[0]
		out = append(out, fmt.Sprintf("%s %q", g.Label, d.Index().Slice(f.Start, f.End)))
	}
	return strings.Join(out, "; ")
}

// A table of patterns and what spaCy's Matcher + EntityRuler find with
// them (the matches follow spacy/matcher/matcher.pyx: every length the
// quantifiers allow, then the longest, earliest, non-overlapping; "!" is
// one token that does not match).
func TestPatternTable(t *testing.T) {
	const text = "The New York Times said on Monday that 3 officials, 2,500 troops and twenty-one ships left New   York. U.S. envoy Ali Vaez (Crisis Group) spoke first; ISIS did not."
	for _, c := range []struct{ name, pats, want string }{
		{"phrase", `{"label":"ORG","pattern":"New York Times"}`, `ORG "New York Times"`},
		{"phrase is ORTH: case matters", `{"label":"ORG","pattern":"new york times"}`, ``},
		{"phrase, not across extra spaces in the text? tokens only", `{"label":"GPE","pattern":"New York"}`, `GPE "New York"; GPE "New   York"`},
		{"longest wins over a shorter overlapping one", `{"label":"GPE","pattern":"New York"}` + "\n" + `{"label":"ORG","pattern":"New York Times"}`, `ORG "New York Times"; GPE "New   York"`},
		{"same span: the earlier pattern", `{"label":"GPE","pattern":"Monday"}` + "\n" + `{"label":"DATE","pattern":"Monday"}`, `GPE "Monday"`},
		{"LOWER", `{"label":"GPE","pattern":[{"LOWER":"new"},{"LOWER":"york"}]}`, `GPE "New York"; GPE "New   York"`},
		{"TEXT and ORTH", `{"label":"DATE","pattern":[{"TEXT":"Monday"}]}` + "\n" + `{"label":"DATE","pattern":[{"ORTH":"first"}]}`, `DATE "Monday"; DATE "first"`},
		{"? optional", `{"label":"ORG","pattern":[{"ORTH":"The","OP":"?"},{"ORTH":"New"},{"ORTH":"York"},{"ORTH":"Times"}]}`, `ORG "The New York Times"`},
		{"+ takes the longest", `{"label":"PERSON","pattern":[{"IS_TITLE":true,"OP":"+"}]}`,
			// (spaCy keeps a run of extra spaces as a token of its own, which
			// would split "New   York"; the project tokenizer has no
			// whitespace tokens: README, Suggestions)
			`PERSON "The New York Times"; PERSON "Monday"; PERSON "New   York"; PERSON "U.S."; PERSON "Ali Vaez"; PERSON "Crisis Group"`},
		{"* with a fixed start", `{"label":"ORG","pattern":[{"ORTH":"("},{"IS_PUNCT":false,"OP":"*"},{"ORTH":")"}]}`, `ORG "(Crisis Group)"`},
		{"! one token that does not match", `{"label":"X","pattern":[{"ORTH":"did"},{"ORTH":"did","OP":"!"}]}`, `X "did not"`},
		{"LIKE_NUM", `{"label":"CARDINAL","pattern":[{"LIKE_NUM":true}]}`, `CARDINAL "3"; CARDINAL "2,500"; CARDINAL "twenty"; CARDINAL "one"; CARDINAL "first"`},
		{"IS_DIGIT", `{"label":"CARDINAL","pattern":[{"IS_DIGIT":true}]}`, `CARDINAL "3"`},
		{"IS_UPPER and LENGTH", `{"label":"ORG","pattern":[{"IS_UPPER":true,"LENGTH":{">=":3}}]}`, `ORG "U.S."; ORG "ISIS"`},
		{"LENGTH exact and IN", `{"label":"X","pattern":[{"LENGTH":{"IN":[6]},"IS_ALPHA":true,"IS_TITLE":true}]}`, `X "Monday"; X "Crisis"`},
		{"SHAPE", `{"label":"CARDINAL","pattern":[{"SHAPE":"d,ddd"}]}`, `CARDINAL "2,500"`},
		{"REGEX searches", `{"label":"GPE","pattern":[{"TEXT":{"REGEX":"^U\\.S\\.?$"}}]}`, `GPE "U.S."`},
		{"IN", `{"label":"PERSON","pattern":[{"ORTH":{"IN":["Ali","Vaez"]},"OP":"+"}]}`, `PERSON "Ali Vaez"`},
		{"NOT_IN", `{"label":"X","pattern":[{"ORTH":"envoy"},{"ORTH":{"NOT_IN":["Bob"]}}]}`, `X "envoy Ali"`},
		{"{} any token", `{"label":"X","pattern":[{"ORTH":"Ali"},{}]}`, `X "Ali Vaez"`},
		{"infix: twenty-one is three tokens", `{"label":"CARDINAL","pattern":[{"LIKE_NUM":true},{"ORTH":"-"},{"LIKE_NUM":true}]}`, `CARDINAL "twenty-one"`},
		{"keys in any case", `{"label":"DATE","pattern":[{"lower":"monday"}]}`, `DATE "Monday"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, d := docOf(t, text)
			ps, err := ParsePatterns([]byte(c.pats), "p.jsonl")
			if err != nil {
				t.Fatal(err)
			}
			if got := show(d, ps.Match(d)); got != c.want {
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

// Offsets are code points into the text as loaded, and a span of the
// label's layer stops a suggestion over it.
func TestPatternOffsetsAndLayers(t *testing.T) {
	p, d := docOf(t, "👍🏽 Genève\r\nand Genève again")
	if _, _, err := d.AddSpan(annotate.SpanInput{Label: "GPE", Fragments: []annotate.Fragment{{Start: 3, End: 9}}}); err != nil {
		t.Fatal(err)
	}
	ps, err := ParsePatterns([]byte(`{"label":"GPE","pattern":"Genève"}`), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	gs := ps.Match(d)
	if len(gs) != 1 || gs[0].Fragments[0] != (annotate.Fragment{Start: 15, End: 21}) {
		t.Fatalf("%+v", gs)
	}
	set := ps.Set(p)
	if set.Total() != 1 || len(set.NewLabels) != 0 {
		t.Fatalf("%+v", set)
	}
}

// Bad lines are refused with their line and key, never ignored.
func TestPatternRefusals(t *testing.T) {
	for _, c := range []struct{ pats, want string }{
		{`{"label":"X","pattern":[{"POS":"PROPN"}]}`, `p.jsonl:1: field pattern[0].POS: token attribute "POS" is not supported`},
		{"\n" + `{"label":"X","pattern":[{"ORTH":"a","OP":"{2,3}"}]}`, `p.jsonl:2: field pattern[0].OP: operator "{2,3}" is not supported`},
		{`{"label":"X","pattern":[{"ORTH":{"FUZZY":"a"}}]}`, `field pattern[0].ORTH.FUZZY: predicate "FUZZY" is not supported on ORTH`},
		{`{"label":"X","pattern":[{"TEXT":{"REGEX":"(?<=a)b"}}]}`, `does not compile`},
		{`{"label":"X","pattern":[{"LENGTH":"3"}]}`, `LENGTH takes an integer or an object of predicates`},
		{`{"label":"X","pattern":[{"IS_ALPHA":"yes"}]}`, `IS_ALPHA takes true or false`},
		{`{"label":"X","pattern":"a","kb_id":"Q1"}`, `field kb_id: unknown key "kb_id"`},
		{`{"pattern":"a"}`, `field label: a pattern needs a label`},
		{`not json`, `p.jsonl:1: not a JSON object`},
		{`{"label":"X","pattern":[]}`, `the token pattern is empty`},
	} {
		_, err := ParsePatterns([]byte(c.pats), "p.jsonl")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant …%s…", c.pats, err, c.want)
		}
	}
}

func TestDictionary(t *testing.T) {
	_, d := docOf(t, "Ali Vaez met officials in Oman and Muscat.")
	ps, err := ParseDictionary([]byte("# places\nGPE\tOman\nGPE\tMuscat\r\nPERSON\tAli Vaez\n\n"), "d.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(d, ps.Match(d)), `PERSON "Ali Vaez"; GPE "Oman"; GPE "Muscat"`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if _, err := ParseDictionary([]byte("GPE Oman\n"), "d.txt"); err == nil || !strings.Contains(err.Error(), "d.txt:1") {
		t.Fatalf("a line without a tab: %v", err)
	}
}

// An unknown label is added to the schema when the set is applied, with
// the suggestions; a project that refuses the set changes nothing.
func TestPatternNewLabel(t *testing.T) {
	p, _ := docOf(t, "The Crisis Group said.")
	ps, _ := ParsePatterns([]byte(`{"label":"NGO","pattern":"Crisis Group"}`), "p.jsonl")
	set := ps.Set(p)
	if len(set.NewLabels) != 1 {
		t.Fatalf("%+v", set.NewLabels)
	}
	res, err := p.ApplySuggestionSet(set.JSON(p))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || len(res.NewLabels) != 1 || p.Schema.Label("NGO") == nil || p.Schema.Label("NGO").Layer != annotate.LayerEntity {
		t.Fatalf("%+v", res)
	}
}

func BenchmarkPatterns(b *testing.B) {
	text := strings.Repeat("The New York Times said on Monday that 3 officials of the Crisis Group met in Oman. ", 12000) // ~1M characters
	_, d := docOf(&testing.T{}, text)
	var lines []string
	for i := range 1000 {
		lines = append(lines, fmt.Sprintf(`{"label":"ORG","pattern":"Entry %d Group"}`, i))
	}
	lines = append(lines, `{"label":"GPE","pattern":[{"LOWER":"new"},{"LOWER":"york"}]}`, `{"label":"ORG","pattern":[{"IS_TITLE":true,"OP":"+"},{"ORTH":"Group"}]}`, `{"label":"GPE","pattern":"Oman"}`)
	ps, err := ParsePatterns([]byte(strings.Join(lines, "\n")), "p.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for range b.N {
		n = len(ps.Match(d))
	}
	b.ReportMetric(float64(n), "suggestions")
	b.ReportMetric(float64(len(text))/1e6, "Mchars")
}
