package tagger

import (
	"cmp"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// cvByHand is CrossValidate written out plainly, to check it against:
// part f is docs[f·n/k : (f+1)·n/k].
func cvByHand(t *testing.T, docs []Doc, k int) (correct, predicted, gold, untrained int) {
	t.Helper()
	n := len(docs)
	for f := 0; f < k; f++ {
		var train, test []Doc
		for i, d := range docs {
			if i >= f*n/k && i < (f+1)*n/k {
				test = append(test, d)
			} else {
				train = append(train, d)
			}
		}
		m, err := Train(train, Options{})
		if err != nil {
			untrained++
		}
		for _, d := range test {
			want := map[Span]bool{}
			for _, s := range d.Spans {
				want[s] = true
			}
			gold += len(want)
			if m == nil {
				continue
			}
			for _, e := range m.Predict(d.Text) {
				predicted++
				if want[Span{e.Label, e.Start, e.End}] {
					correct++
				}
			}
		}
	}
	return
}

// readUNERDocs reads a UNER split as documents ("# newdoc id"): the
// sentences' "# text" lines joined by line breaks, spans from the IOB2
// tags (an I- that does not continue its label starts one, as seqeval
// reads it), in code points.
func readUNERDocs(t *testing.T, split string) []Doc {
	t.Helper()
	data, err := os.ReadFile(unerPath(t, split))
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	var text, sent []rune
	var spans []Span
	base, cur, open, lastEnd := 0, 0, -1, 0
	var openLabel string
	closeSpan := func() {
		if open >= 0 {
			spans = append(spans, Span{openLabel, open, lastEnd})
			open = -1
		}
	}
	flush := func() {
		closeSpan()
		if len(text) > 0 {
			docs = append(docs, Doc{ID: "d" + strconv.Itoa(len(docs)+1), Text: string(text), Spans: spans})
		}
		text, spans = nil, nil
	}
	for n, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "# newdoc id"):
			flush()
		case strings.HasPrefix(line, "# text = "):
			if len(text) > 0 {
				text = append(text, '\n')
			}
			sent = []rune(strings.TrimPrefix(line, "# text = "))
			base, cur = len(text), 0
			text = append(text, sent...)
		case strings.TrimSpace(line) == "":
			closeSpan()
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			tok := []rune(cols[1])
			at := -1
			for k := cur; k+len(tok) <= len(sent); k++ {
				if string(sent[k:k+len(tok)]) == cols[1] {
					at = k
					break
				}
			}
			if at < 0 {
				t.Fatalf("%s:%d: token %q not in its sentence's text", split, n+1, cols[1])
			}
			s, e := base+at, base+at+len(tok)
			cur = at + len(tok)
			tag := cols[2]
			switch {
			case tag == "O":
				closeSpan()
			case strings.HasPrefix(tag, "I-") && open >= 0 && tag[2:] == openLabel:
			default:
				closeSpan()
				open, openLabel = s, tag[2:]
			}
			lastEnd = e
		}
	}
	flush()
	return docs
}

// TestCrossValidateUNER: 5-fold cross-validation over UNER English-EWT
// dev as 318 documents (the corpus's own document breaks, in order; 966
// entities). The figure is fixed (training is deterministic for a seed,
// the folds are document order), and each fold trained and scored by
// hand gives the same counts; so is the threshold it chooses.
func TestCrossValidateUNER(t *testing.T) {
	docs := readUNERDocs(t, "dev")
	gold := 0
	for _, d := range docs {
		gold += len(d.Spans)
	}
	if len(docs) != 318 || gold != 966 {
		t.Fatalf("read %d documents with %d entities, want 318 and 966", len(docs), gold)
	}
	r, err := CrossValidate(docs, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("UNER dev, %d-fold over %d documents: F1 %.4f (P %.4f, R %.4f; %d correct of %d predicted, %d gold); threshold %v (%d right of %d at or above it)", r.Folds, r.Documents, r.F1, r.Precision, r.Recall, r.Correct, r.Predicted, r.Gold, r.Threshold, r.Right, r.Above)
	c, p, g, u := cvByHand(t, docs, 5)
	if r.Folds != 5 || r.Correct != c || r.Predicted != p || r.Gold != g || r.Untrained != u || u != 0 {
		t.Fatalf("CrossValidate = %+v; by hand: correct %d, predicted %d, gold %d, untrained %d", r, c, p, g, u)
	}
	if r.Gold != 966 || r.Correct != unerCVCorrect || r.Predicted != unerCVPredicted {
		t.Fatalf("UNER dev 5-fold: %d correct of %d predicted, %d gold; want %d of %d, 966", r.Correct, r.Predicted, r.Gold, unerCVCorrect, unerCVPredicted)
	}
	// the threshold: of the 663 held-out predictions, the 229 scored at
	// least 0.4575 are right 80 % of the time (56 % for all)
	if r.Threshold != 0.4575 || r.Above != 229 || r.Right != 184 {
		t.Fatalf("UNER dev 5-fold: threshold %v, %d right of %d above; want 0.4575, 184 of 229", r.Threshold, r.Right, r.Above)
	}
	if want := 2 * float64(r.Correct) / float64(r.Predicted+r.Gold); !close(r.F1, want) {
		t.Fatalf("F1 %v, want %v", r.F1, want)
	}
}

// the figure of seed 0 (F1 0.4567, P 0.5611, R 0.3851)
const unerCVCorrect, unerCVPredicted = 372, 663

func close(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

// TestCrossValidateFolds: five folds over 12 synthetic documents, checked
// against the folds trained by hand; a part whose training side has too
// few spans predicts nothing and is counted; fewer than 2 documents, and
// a bad span, are refused.
func TestCrossValidateFolds(t *testing.T) {
	docs := synthCorpus(3, 12, 4)
	r, err := CrossValidate(docs, 5, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, p, g, u := cvByHand(t, docs, 5)
	if r.Folds != 5 || r.Correct != c || r.Predicted != p || r.Gold != g || r.Untrained != u || u != 0 {
		t.Fatalf("CrossValidate = %+v; by hand: correct %d, predicted %d, gold %d, untrained %d", r, c, p, g, u)
	}
	if r.F1 < 0.9 {
		t.Fatalf("F1 %.3f on the synthetic corpus (its frames repeat): want ≥ 0.9", r.F1)
	}

	// three documents of two spans each: every training side has 4 < 5
	small := []Doc{{Text: "Anna Berg met Omar Haddad.", Spans: []Span{{"PERSON", 0, 9}, {"PERSON", 14, 25}}},
		{Text: "Li Wei met Sara Cohen.", Spans: []Span{{"PERSON", 0, 6}, {"PERSON", 11, 21}}},
		{Text: "Ali Rezaei met Emma Stone.", Spans: []Span{{"PERSON", 0, 10}, {"PERSON", 15, 25}}}}
	r, err = CrossValidate(small, 5, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Folds != 3 || r.Untrained != 3 || r.Gold != 6 || r.Predicted != 0 || r.F1 != 0 {
		t.Fatalf("three tiny documents: %+v, want 3 folds, all untrained, 6 gold, nothing predicted", r)
	}

	if _, err := CrossValidate(docs[:1], 5, Options{}); err == nil || !strings.Contains(err.Error(), "at least 2 documents") {
		t.Fatalf("one document: %v", err)
	}
	bad := append([]Doc{}, docs...)
	bad[4] = Doc{ID: "d5", Text: "short", Spans: []Span{{"PERSON", 2, 40}}}
	if _, err := CrossValidate(bad, 5, Options{}); err == nil || !strings.Contains(err.Error(), "d5") || !strings.Contains(err.Error(), "[2, 40)") {
		t.Fatalf("a span outside its text: %v", err)
	}
}

// TestThreshold: the threshold of held-out predictions, by hand. Sorted by
// score: 0.9 right, 0.8 right, 0.7 wrong, 0.6 right, 0.6 right, 0.5 wrong,
// 0.4 wrong. Gains (right +1, wrong −ThresholdCost = −2) at each score:
// 1, 2, 0, 2 (the two at 0.6 together), 0, −2: the best, 2, first at 0.8
// (a later tie does not move it: the fewest suggestions for the gain).
// Nothing right, or nothing at all: 1.
func TestThreshold(t *testing.T) {
	ps := []scored{{0.5, false}, {0.9, true}, {0.6, true}, {0.7, false}, {0.8, true}, {0.4, false}, {0.6, true}}
	if th, above, right := threshold(ps); th != 0.8 || above != 2 || right != 2 {
		t.Fatalf("threshold = %v (%d above, %d right), want 0.8 (2, 2)", th, above, right)
	}
	// a tie is not cut: the right 0.6 with the wrong 0.6 below the 0.9s
	ps = []scored{{0.9, true}, {0.9, true}, {0.9, true}, {0.6, true}, {0.6, false}, {0.6, true}, {0.6, true}, {0.6, true}}
	if th, above, right := threshold(ps); th != 0.6 || above != 8 || right != 7 {
		t.Fatalf("threshold = %v (%d above, %d right), want 0.6 (8, 7)", th, above, right)
	}
	if th, above, _ := threshold([]scored{{0.9, false}, {0.2, false}}); th != 1 || above != 0 {
		t.Fatalf("all wrong: threshold %v, %d above; want 1, 0", th, above)
	}
	if th, _, _ := threshold(nil); th != 1 {
		t.Fatalf("nothing predicted: threshold %v, want 1", th)
	}
}

// TestScoreRanks: the scores rank the predictions. Trained on the first 60
// UNER dev documents and tagging the other 258, the tenth of the
// predictions scored highest are right far more often than all of them
// (with the perceptron's scores read as log-probabilities, ScoreTemperature
// 1, most scored 1.00 and the tenth "highest" was right 13 % of the time,
// all 26 %). And PredictMin keeps exactly those scored at least its
// minimum.
func TestScoreRanks(t *testing.T) {
	docs := readUNERDocs(t, "dev")
	m, err := Train(docs[:60], Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ps []scored
	for _, d := range docs[60:] {
		gold := map[Span]bool{}
		for _, s := range d.Spans {
			gold[s] = true
		}
		all := m.Predict(d.Text)
		for _, e := range all {
			ps = append(ps, scored{e.Score, gold[Span{e.Label, e.Start, e.End}]})
		}
		kept := m.PredictMin(d.Text, 0.4)
		want := slices.DeleteFunc(slices.Clone(all), func(e Entity) bool { return e.Score < 0.4 })
		if !slices.Equal(kept, want) {
			t.Fatalf("%s: PredictMin(0.4) = %v, want %v", d.ID, kept, want)
		}
	}
	prec := func(ps []scored) float64 {
		k := 0
		for _, p := range ps {
			if p.right {
				k++
			}
		}
		return float64(k) / float64(len(ps))
	}
	slices.SortStableFunc(ps, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	top, all := prec(ps[:len(ps)/10]), prec(ps)
	t.Logf("%d predictions: precision %.3f; of the tenth scored highest (≥ %.4f) %.3f", len(ps), all, ps[len(ps)/10-1].score, top)
	if top < 2*all {
		t.Fatalf("the tenth scored highest are right %.3f of the time, all %.3f: the scores do not rank", top, all)
	}
}
