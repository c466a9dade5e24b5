package tagger

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/annotate"
)

// DefaultFolds is the number of folds CrossValidate uses when asked for 0.
const DefaultFolds = 5

// CVResult is the outcome of a cross-validation: exact-match entity
// scores (label, start and end all equal, as seqeval counts), micro-
// averaged over every held-out document.
type CVResult struct {
	Folds     int     `json:"folds"`     // folds run (at most one per document)
	Documents int     `json:"documents"` // documents scored
	Gold      int     `json:"gold"`      // gold spans in them
	Predicted int     `json:"predicted"` // spans the models predicted
	Correct   int     `json:"correct"`   // predicted spans that are gold
	Untrained int     `json:"untrained"` // folds whose training part had too few spans (they predict nothing)
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`

	// Threshold is the score above which the tagger should suggest: of
	// the held-out predictions scored at least Threshold, the most right
	// ones less ThresholdCost times the wrong ones (for an annotator, a
	// right suggestion saves an action and a wrong one costs one; weighing
	// the wrong ones more keeps to what is usually right, and leaves room
	// for the right ones another source gives as well). 1 when no
	// threshold gains (then suggesting nothing is best), and when nothing
	// was predicted. Above and Right count the held-out predictions at or
	// above it and the right ones among them.
	Threshold float64 `json:"threshold"`
	Above     int     `json:"above"`
	Right     int     `json:"right"`
}

// DefaultThreshold is the score to suggest from before a cross-validation
// has chosen one (fewer than 2 done documents): on UNER dev, about the
// tenth of the predictions scored highest.
const DefaultThreshold = 0.5

// ThresholdCost is how many right suggestions a wrong one is weighed
// against when CrossValidate chooses its Threshold: 2, so that at the
// threshold two in three suggestions are right.
const ThresholdCost = 2

// threshold chooses CVResult.Threshold from the held-out predictions'
// scores and whether each was right.
func threshold(preds []scored) (th float64, above, right int) {
	slices.SortFunc(preds, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	th = 1
	best, gain, n, k := 0.0, 0.0, 0, 0
	for i, p := range preds {
		n++
		if p.right {
			gain++
			k++
		} else {
			gain -= ThresholdCost
		}
		// a threshold between two different scores only
		if i+1 < len(preds) && preds[i+1].score == p.score {
			continue
		}
		if gain > best {
			best, th, above, right = gain, p.score, n, k
		}
	}
	return th, above, right
}

type scored struct {
	score float64
	right bool
}

// CrossValidate estimates how well the tagger does on documents like
// docs: they are cut, in their order, into k parts of nearly equal size
// (k = min(folds, len(docs)); 0 means DefaultFolds), and each part is
// tagged by a model trained on the others. Document order, not a
// shuffle, so that the figure is the same for the same documents; the
// seed and epochs of opt are those of every model. A part whose training
// documents hold fewer than MinSpans spans predicts nothing (counted in
// Untrained), as the page's tagger would say nothing. It needs at least
// two documents; bad spans are refused as Train refuses them.
func CrossValidate(docs []Doc, folds int, opt Options) (CVResult, error) {
	if folds <= 0 {
		folds = DefaultFolds
	}
	if len(docs) < 2 {
		return CVResult{}, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "cross-validation needs at least 2 documents, not " + annotate.Count(len(docs))}
	}
	if folds < 2 {
		return CVResult{}, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "cross-validation needs at least 2 folds, not " + strconv.Itoa(folds)}
	}
	if _, err := checkDocs(docs); err != nil {
		return CVResult{}, err
	}
	k := min(folds, len(docs))
	res := CVResult{Folds: k, Documents: len(docs)}
	// part f holds docs[bound(f):bound(f+1)]
	bound := func(f int) int { return f * len(docs) / k }
	var preds []scored
	for f := 0; f < k; f++ {
		lo, hi := bound(f), bound(f+1)
		train := make([]Doc, 0, len(docs)-(hi-lo))
		train = append(train, docs[:lo]...)
		train = append(train, docs[hi:]...)
		m, err := Train(train, opt)
		if err != nil {
			// the spans are valid (checked above): too few of them here
			m = nil
			res.Untrained++
		}
		for _, d := range docs[lo:hi] {
			gold := map[Span]bool{}
			for _, s := range d.Spans {
				gold[s] = true
			}
			res.Gold += len(gold)
			if m == nil {
				continue
			}
			for _, e := range m.Predict(d.Text) {
				res.Predicted++
				right := gold[Span{Label: e.Label, Start: e.Start, End: e.End}]
				if right {
					res.Correct++
				}
				preds = append(preds, scored{e.Score, right})
			}
		}
	}
	if res.Predicted > 0 {
		res.Precision = float64(res.Correct) / float64(res.Predicted)
	}
	if res.Gold > 0 {
		res.Recall = float64(res.Correct) / float64(res.Gold)
	}
	if res.Precision+res.Recall > 0 {
		res.F1 = 2 * res.Precision * res.Recall / (res.Precision + res.Recall)
	}
	res.Threshold, res.Above, res.Right = threshold(preds)
	return res, nil
}
