package patterns

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// What suggestions save, measured with a simulated annotator (issue 21):
// documents in order; before each one the sources run on the project as
// annotated so far; the annotator accepts each correct suggestion (one
// key, Enter: it moves to the next), rejects each wrong one (one key, X)
// and labels every gold span not suggested exactly by hand (select + key:
// two actions). Without suggestions every gold span costs two actions.
// Reported: actions per gold span for each source and all together.

const unerDir = "../../../shared/corpora/uner-en-ewt/"

// readUNER reads a UNER IOB2 file (CoNLL-U-like: "# newdoc id", "# text =",
// then "index token tag …" lines) into documents: a document's sentences
// joined by newlines, gold spans from the B-/I- tags, in code points.
func readUNER(tb testing.TB, path string) (texts []string, gold [][]annotate.Suggestion) {
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("the UNER corpus is not there (%v): ../shared is absent", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var text []rune
	var spans []annotate.Suggestion
	var sent []rune
	base, cur := 0, 0
	open := -1
	var openLabel string
	flush := func() {
		if len(text) > 0 {
			texts = append(texts, string(text))
			gold = append(gold, spans)
		}
		text, spans = nil, nil
	}
	closeSpan := func(end int) {
		if open >= 0 {
			spans = append(spans, annotate.Suggestion{Label: openLabel, Fragments: []annotate.Fragment{{Start: open, End: end}}})
			open = -1
		}
	}
	lastEnd := 0
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc id"):
			closeSpan(lastEnd)
			flush()
		case strings.HasPrefix(line, "# text = "):
			if len(text) > 0 {
				text = append(text, '\n')
			}
			sent = []rune(strings.TrimPrefix(line, "# text = "))
			base, cur = len(text), 0
			text = append(text, sent...)
		case line == "":
			closeSpan(lastEnd)
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 3 || strings.Contains(cols[0], "-") || strings.Contains(cols[0], ".") {
				continue
			}
			tok := []rune(cols[1])
			at := indexRunes(sent, tok, cur)
			if at < 0 {
				continue
			}
			s, e := base+at, base+at+len(tok)
			cur = at + len(tok)
			tag := cols[2]
			switch {
			case strings.HasPrefix(tag, "B-"):
				closeSpan(lastEnd)
				open, openLabel = s, tag[2:]
			case strings.HasPrefix(tag, "I-") && open >= 0 && tag[2:] == openLabel:
			default:
				closeSpan(lastEnd)
			}
			lastEnd = e
		}
	}
	closeSpan(lastEnd)
	flush()
	return texts, gold
}

func indexRunes(s, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

type source struct {
	name string
	run  func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion
}

// simulate annotates the documents in order with the given sources and
// returns the actions and the number of gold spans.
func simulate(tb testing.TB, schema *annotate.Schema, texts []string, gold [][]annotate.Suggestion, srcs []source) (actions, spans, accepted, rejected int) {
	p := annotate.NewProject(schema.Clone())
	for i, text := range texts {
		d, err := p.AddDocument(fmt.Sprintf("d%d", i), "", text, annotate.Meta{})
		if err != nil {
			tb.Fatal(err)
		}
		want := map[string]bool{}
		for _, g := range gold[i] {
			want[g.Label+" "+fmt.Sprint(g.Fragments)] = true
		}
		seen := map[string]bool{}
		for _, src := range srcs {
			for _, g := range src.run(p, d) {
				k := g.Label + " " + fmt.Sprint(g.Fragments)
				if seen[k] {
					continue
				}
				seen[k] = true
				actions++ // Enter or X
				if want[k] {
					accepted++
				} else {
					rejected++
				}
			}
		}
		for k := range want {
			if !seen[k] {
				actions += 2
			}
		}
		spans += len(want)
		// the document as the annotator leaves it: the gold spans
		var ss []*annotate.Span
		for _, g := range gold[i] {
			ss = append(ss, &annotate.Span{Label: g.Label, Fragments: g.Fragments})
		}
		d.Populate(ss, nil)
	}
	return
}

func ownSource() source {
	return source{"own labels", func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion {
		return annotate.NewOwnLabels(p, annotate.OwnLabelOptions{}).Suggest(d)
	}}
}

func TestActionsPerGoldSpan(t *testing.T) {
	if testing.Short() {
		t.Skip("a benchmark of the whole UNER test split")
	}
	texts, gold := readUNER(t, unerDir+"en_ewt-ud-test.iob2")
	devTexts, devGold := readUNER(t, unerDir+"en_ewt-ud-dev.iob2")
	// the pattern source: a dictionary of the dev split's entities (what a
	// team that annotated the dev split has), LABEL<TAB>text a line
	var dict strings.Builder
	seen := map[string]bool{}
	labels := map[string]bool{}
	for i, gs := range devGold {
		rs := []rune(devTexts[i])
		for _, g := range gs {
			line := g.Label + "\t" + string(rs[g.Fragments[0].Start:g.Fragments[0].End])
			labels[g.Label] = true
			if !seen[line] {
				seen[line] = true
				dict.WriteString(line + "\n")
			}
		}
	}
	for _, gs := range gold {
		for _, g := range gs {
			labels[g.Label] = true
		}
	}
	ps, err := ParseDictionary([]byte(dict.String()), "uner-dev-dictionary.txt")
	if err != nil {
		t.Fatal(err)
	}
	schema := &annotate.Schema{Overlap: map[annotate.Layer]annotate.LayerPolicy{annotate.LayerEntity: {}}, Relations: []annotate.RelationDef{}}
	for l := range labels {
		schema.Labels = append(schema.Labels, annotate.LabelDef{Name: l, Layer: annotate.LayerEntity, Color: "#888888"})
	}
	patSrc := source{"dev dictionary", func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion { return ps.Match(d) }}
	t.Logf("UNER English-EWT test: %d documents; dictionary of the dev split: %d entries", len(texts), ps.Len())
	report := func(name string, srcs []source) float64 {
		a, n, acc, rej := simulate(t, schema, texts, gold, srcs)
		t.Logf("%-28s %5d actions for %d gold spans: %.3f a span (accepted %d, rejected %d)", name, a, n, float64(a)/float64(n), acc, rej)
		return float64(a) / float64(n)
	}
	none := report("no suggestions", nil)
	own := report("own labels", []source{ownSource()})
	pat := report("dev dictionary (patterns)", []source{patSrc})
	both := report("own labels + dictionary", []source{ownSource(), patSrc})
	if none != 2 || own >= none || both > pat+0.001 && both > own+0.001 {
		t.Errorf("figures out of line: none %.3f own %.3f patterns %.3f both %.3f", none, own, pat, both)
	}
}

// The sample articles as annotated in testdata (the golden project): own
// labels and the claim finder.
func TestActionsPerGoldSpanArticles(t *testing.T) {
	data, err := os.ReadFile("../../testdata/golden/project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	gp, err := annotate.Load(data, "project.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var gold [][]annotate.Suggestion
	for _, d := range gp.Documents() {
		texts = append(texts, d.Text())
		var gs []annotate.Suggestion
		for _, s := range d.Spans() {
			gs = append(gs, annotate.Suggestion{Label: s.Label, Fragments: s.Fragments})
		}
		gold = append(gold, gs)
	}
	claims := source{"claim finder", func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion {
		return annotate.ClaimSuggestions(d)
	}}
	for _, c := range []struct {
		name string
		srcs []source
	}{{"no suggestions", nil}, {"own labels", []source{ownSource()}}, {"claim finder", []source{claims}}, {"own labels + claim finder", []source{ownSource(), claims}}} {
		a, n, acc, rej := simulate(t, gp.Schema, texts, gold, c.srcs)
		t.Logf("articles, %-26s %4d actions for %d gold spans: %.3f a span (accepted %d, rejected %d)", c.name, a, n, float64(a)/float64(n), acc, rej)
	}
}
