package patterns

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/tagger"
)

// The tagger as a source of suggestions in the simulated annotator's
// count, as it works in the page (web/suggest.js): it trains on the
// project's entity spans of one fragment (Project.EntityTrainingDocs) when
// a document is marked done and after every N new spans (accepted or made
// by hand), and then suggests again on the open document. The simulated
// annotator goes through each document in text order: it meets each
// suggestion and each gold span where it starts (a suggestion before a
// gold span at the same place); a suggestion costs one key (Enter or X), a
// gold span no suggestion gave costs two (select + key). After a training
// mid-document the new model's suggestions replace the open tagger
// suggestions, and those that start before the annotator's place are
// behind it (left open: no action). The first training is tried at the
// first trigger, and it trains once the project has the tagger's minimum
// of spans (as if "Train & suggest" were pressed then).

// tagSim is the tagger's part of a simulation.
type tagSim struct {
	every     int     // re-train after this many new spans
	minScore  float64 // suggest only predictions scored at least this
	fromCV    bool    // minScore is the threshold of a cross-validation on the done documents after each
	model     *tagger.Model
	newSpans  int
	trainings int
	cvs       int
}

// simRun is one simulated pass: actions and what they were.
type simRun struct {
	actions, spans, accepted, rejected, trainings int
}

func simKey(label string, fs []annotate.Fragment) string { return label + " " + fmt.Sprint(fs) }

// simulateOrdered is simulate with the annotator moving through each
// document in text order, and the tagger (when ts is not nil) trained as
// the page trains it.
func simulateOrdered(tb testing.TB, schema *annotate.Schema, texts []string, gold [][]annotate.Suggestion, srcs []source, ts *tagSim) simRun {
	var r simRun
	p := annotate.NewProject(schema.Clone())
	isEntity := func(label string) bool {
		l := p.Schema.Label(label)
		return l != nil && l.Layer == annotate.LayerEntity
	}
	// train on the project's spans and those accepted so far in d
	train := func(d *annotate.Document, accepted []annotate.Suggestion) {
		ts.newSpans = 0
		tds, _ := p.EntityTrainingDocs(nil)
		var docs []tagger.Doc
		for _, td := range tds {
			doc := tagger.Doc{ID: td.Doc.ID, Text: td.Doc.Text()}
			for _, s := range td.Spans {
				doc.Spans = append(doc.Spans, tagger.Span{Label: s.Label, Start: s.Start(), End: s.End()})
			}
			if td.Doc == d {
				for _, g := range accepted {
					if isEntity(g.Label) && len(g.Fragments) == 1 {
						doc.Spans = append(doc.Spans, tagger.Span{Label: g.Label, Start: g.Start(), End: g.End()})
					}
				}
			}
			if len(doc.Spans) > 0 {
				docs = append(docs, doc)
			}
		}
		m, err := tagger.Train(docs, tagger.Options{})
		if err != nil {
			return // too few spans yet: no model (or the last one stays)
		}
		ts.model = m
		ts.trainings++
	}
	predict := func(text string) []annotate.Suggestion {
		if ts == nil || ts.model == nil {
			return nil
		}
		var out []annotate.Suggestion
		for _, e := range ts.model.PredictMin(text, ts.minScore) {
			out = append(out, annotate.Suggestion{Label: e.Label, Fragments: []annotate.Fragment{{Start: e.Start, End: e.End}}, Source: "tagger"})
		}
		return out
	}
	for i, text := range texts {
		d, err := p.AddDocument(fmt.Sprintf("d%d", i), "", text, annotate.Meta{})
		if err != nil {
			tb.Fatal(err)
		}
		want := map[string]bool{}
		for _, g := range gold[i] {
			want[simKey(g.Label, g.Fragments)] = true
		}
		type item struct {
			g      annotate.Suggestion
			isGold bool
		}
		var items []item
		decided := map[string]bool{} // suggestions accepted or rejected, spans made
		queued := map[string]bool{}
		add := func(gs []annotate.Suggestion, from int) {
			for _, g := range gs {
				k := simKey(g.Label, g.Fragments)
				if g.Start() < from || decided[k] || queued[k] {
					continue
				}
				queued[k] = true
				items = append(items, item{g: g})
			}
		}
		for _, src := range srcs {
			add(src.run(p, d), 0)
		}
		add(predict(text), 0)
		for _, g := range gold[i] {
			items = append(items, item{g: g, isGold: true})
		}
		order := func(from int) {
			slices.SortStableFunc(items[from:], func(a, b item) int {
				if c := cmp.Compare(a.g.Start(), b.g.Start()); c != 0 {
					return c
				}
				if a.isGold != b.isGold { // a suggestion first
					if a.isGold {
						return 1
					}
					return -1
				}
				return cmp.Compare(a.g.End(), b.g.End())
			})
		}
		order(0)
		var spans []annotate.Suggestion
		for j := 0; j < len(items); j++ {
			it := items[j]
			k := simKey(it.g.Label, it.g.Fragments)
			if decided[k] {
				continue // a gold span a suggestion gave, or a suggestion a span made already
			}
			if it.isGold {
				r.actions += 2
			} else {
				r.actions++
				if !want[k] {
					r.rejected++
					decided[k] = true
					continue
				}
				r.accepted++
			}
			decided[k] = true
			spans = append(spans, it.g)
			if ts == nil {
				continue
			}
			ts.newSpans++
			if ts.newSpans >= ts.every {
				train(d, spans)
				// the new model's suggestions replace the open tagger ones,
				// from here on
				rest := items[j+1:]
				items = items[:j+1]
				for _, x := range rest {
					if x.isGold || x.g.Source != "tagger" {
						items = append(items, x)
					} else {
						delete(queued, simKey(x.g.Label, x.g.Fragments))
					}
				}
				add(predict(text), it.g.Start())
				order(j + 1)
			}
		}
		r.spans += len(want)
		// the document as the annotator leaves it, marked done
		var ss []*annotate.Span
		for _, g := range gold[i] {
			ss = append(ss, &annotate.Span{Label: g.Label, Fragments: g.Fragments})
		}
		d.Populate(ss, nil)
		d.Status = annotate.StatusDone
		if ts != nil {
			train(nil, nil)
			// the page cross-validates on the done documents after a
			// training, and suggests from its threshold on
			if done := tagger.FromTraining(p.DoneEntityDocs(nil), true); ts.fromCV && len(done) >= 2 {
				cv, err := tagger.CrossValidate(done, 0, tagger.Options{})
				if err != nil {
					tb.Fatal(err)
				}
				ts.minScore = cv.Threshold
				ts.cvs++
			}
		}
	}
	if ts != nil {
		r.trainings = ts.trainings
	}
	return r
}

func (r simRun) perSpan() float64 { return float64(r.actions) / float64(r.spans) }

// TestSimulateOrdered: the simulated annotator on a small fixed case. One
// document, gold "Anna Berg" PERSON twice and "Oman" GPE; a source that
// suggests both PERSONs and a wrong ORG: 2 accepted + 1 rejected + Oman by
// hand = 5 actions for 3 spans; without sources 6. And the tagger: with N
// = 1 it trains after each new span once there are 5 (spans of documents
// done, then of the open one), and then suggests on the rest of the open
// document.
func TestSimulateOrdered(t *testing.T) {
	schema := &annotate.Schema{Overlap: map[annotate.Layer]annotate.LayerPolicy{annotate.LayerEntity: {}}, Relations: []annotate.RelationDef{}}
	for _, l := range []string{"PERSON", "ORG", "GPE"} {
		schema.Labels = append(schema.Labels, annotate.LabelDef{Name: l, Layer: annotate.LayerEntity, Color: "#888888"})
	}
	text := "Anna Berg met Anna Berg in Oman."
	sp := func(l string, s, e int) annotate.Suggestion {
		return annotate.Suggestion{Label: l, Fragments: []annotate.Fragment{{Start: s, End: e}}}
	}
	gold := [][]annotate.Suggestion{{sp("PERSON", 0, 9), sp("PERSON", 14, 23), sp("GPE", 27, 31)}}
	src := source{"fixed", func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion {
		return []annotate.Suggestion{sp("PERSON", 0, 9), sp("ORG", 14, 23), sp("PERSON", 14, 23)}
	}}
	if r := simulateOrdered(t, schema, []string{text}, gold, []source{src}, nil); r.actions != 5 || r.accepted != 2 || r.rejected != 1 || r.spans != 3 {
		t.Fatalf("with the source: %+v, want 5 actions, 2 accepted, 1 rejected, 3 spans", r)
	}
	if r := simulateOrdered(t, schema, []string{text}, gold, nil, nil); r.actions != 6 {
		t.Fatalf("without suggestions: %+v, want 6 actions", r)
	}

	// the tagger: 4 documents of the same sentence; N = 1
	texts := []string{text, text, text, text}
	g4 := [][]annotate.Suggestion{gold[0], gold[0], gold[0], gold[0]}
	ts := &tagSim{every: 1}
	r := simulateOrdered(t, schema, texts, g4, nil, ts)
	t.Logf("tagger, N = 1: %+v", r)
	// document 1: 3 by hand (6 actions), no training (3 spans); document
	// 2: the first two by hand (5 spans: a training after the second), so
	// the model suggests from Oman on; the trainings go on after each span
	// and each done document
	if r.trainings != 11 || r.accepted != 7 || r.rejected != 0 || r.actions != 17 {
		t.Fatalf("tagger, N = 1: %+v; want 11 trainings, 7 accepted, 17 actions", r)
	}
	// with N larger than the spans of a document it trains at each done
	// document only: 4 documents, the first with 3 spans (too few), so 3
	ts = &tagSim{every: 100}
	if r := simulateOrdered(t, schema, texts, g4, nil, ts); r.trainings != 3 {
		t.Fatalf("tagger, N = 100: %+v, want 3 trainings (documents 2-4 done)", r)
	}
}

// The sample articles as annotated in testdata (the golden project): the
// tagger (N = 20, as in the page) with and without the other sources.
// Fixed figures: training is deterministic.
func TestActionsPerGoldSpanArticlesTagger(t *testing.T) {
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
	none := simulateOrdered(t, gp.Schema, texts, gold, nil, nil)
	base := simulateOrdered(t, gp.Schema, texts, gold, []source{ownSource(), claims}, nil)
	tag := simulateOrdered(t, gp.Schema, texts, gold, nil, &tagSim{every: 20})
	all := simulateOrdered(t, gp.Schema, texts, gold, []source{ownSource(), claims}, &tagSim{every: 20})
	for _, c := range []struct {
		name string
		r    simRun
	}{{"no suggestions", none}, {"own labels + claim finder", base}, {"tagger (N = 20)", tag}, {"all", all}} {
		t.Logf("articles, %-26s %3d actions for %d gold spans: %.3f a span (accepted %d, rejected %d, trainings %d)", c.name, c.r.actions, c.r.spans, c.r.perSpan(), c.r.accepted, c.r.rejected, c.r.trainings)
	}
	// the figures as measured (README); the order-free count of
	// TestActionsPerGoldSpanArticles gives the same for the fixed sources
	if none.actions != 60 || base.actions != 100 || tag.actions != articlesTagger || all.actions != articlesAll {
		t.Fatalf("actions: none %d, own + claims %d, tagger %d, all %d; want 60, 100, %d, %d", none.actions, base.actions, tag.actions, all.actions, articlesTagger, articlesAll)
	}
}

// With 18 entity spans in the first article the tagger's model predicts
// nothing on the rest of it nor on the second: it neither helps nor costs
// there.
const articlesTagger, articlesAll = 60, 100

// BenchmarkActionsPerGoldSpanTagger prints the count for the UNER test
// split, one sub-benchmark a set of sources: none, own labels + the dev
// dictionary (as TestActionsPerGoldSpan), the tagger (N = 20, as in the
// page) alone, with own labels, with both, suggesting every prediction,
// and the same (-cv) suggesting only those scored at least the threshold
// of a cross-validation on the done documents after each (as the page
// does; tagger.DefaultThreshold before the first). With the tagger it
// trains after each of the 316 documents, so each takes minutes (README:
// "What it saves"); select with a pattern, e.g. -bench
// 'ActionsPerGoldSpanTagger/all-cv'.
//
//	go test ./annotate/patterns -run '^$' -bench ActionsPerGoldSpanTagger -benchtime 1x -v
func BenchmarkActionsPerGoldSpanTagger(b *testing.B) {
	texts, gold := readUNER(b, unerDir+"en_ewt-ud-test.iob2")
	devTexts, devGold := readUNER(b, unerDir+"en_ewt-ud-dev.iob2")
	var dict []byte
	seen := map[string]bool{}
	labels := map[string]bool{}
	for i, gs := range devGold {
		rs := []rune(devTexts[i])
		for _, g := range gs {
			line := g.Label + "\t" + string(rs[g.Fragments[0].Start:g.Fragments[0].End])
			labels[g.Label] = true
			if !seen[line] {
				seen[line] = true
				dict = append(dict, line+"\n"...)
			}
		}
	}
	for _, gs := range gold {
		for _, g := range gs {
			labels[g.Label] = true
		}
	}
	ps, err := ParseDictionary(dict, "uner-dev-dictionary.txt")
	if err != nil {
		b.Fatal(err)
	}
	schema := &annotate.Schema{Overlap: map[annotate.Layer]annotate.LayerPolicy{annotate.LayerEntity: {}}, Relations: []annotate.RelationDef{}}
	for _, l := range slices.Sorted(func(yield func(string) bool) {
		for l := range labels {
			if !yield(l) {
				return
			}
		}
	}) {
		schema.Labels = append(schema.Labels, annotate.LabelDef{Name: l, Layer: annotate.LayerEntity, Color: "#888888"})
	}
	patSrc := source{"dev dictionary", func(p *annotate.Project, d *annotate.Document) []annotate.Suggestion { return ps.Match(d) }}
	for _, c := range []struct {
		name     string
		srcs     []source
		tag      bool
		minScore float64
	}{
		{"none", nil, false, 0},
		{"own+dictionary", []source{ownSource(), patSrc}, false, 0},
		{"tagger", nil, true, 0},
		{"own+tagger", []source{ownSource()}, true, 0},
		{"all", []source{ownSource(), patSrc}, true, 0},
		{"tagger-cv", nil, true, -1},
		{"own+tagger-cv", []source{ownSource()}, true, -1},
		{"all-cv", []source{ownSource(), patSrc}, true, -1},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				var ts *tagSim
				if c.tag {
					ts = &tagSim{every: 20, minScore: c.minScore}
					if c.minScore < 0 { // the threshold of the cross-validation
						ts = &tagSim{every: 20, minScore: tagger.DefaultThreshold, fromCV: true}
					}
				}
				r := simulateOrdered(b, schema, texts, gold, c.srcs, ts)
				cvs := ""
				if ts != nil && ts.fromCV {
					cvs = fmt.Sprintf(", cross-validations %d, last threshold %.4f", ts.cvs, ts.minScore)
				}
				b.Logf("UNER test, %-16s %5d actions for %d gold spans: %.3f a span (accepted %d, rejected %d, trainings %d%s)", c.name, r.actions, r.spans, r.perSpan(), r.accepted, r.rejected, r.trainings, cvs)
				b.ReportMetric(r.perSpan(), "actions/span")
			}
		})
	}
}
