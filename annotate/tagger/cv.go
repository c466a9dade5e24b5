package tagger

import (
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
		return CVResult{}, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "cross-validation needs at least 2 documents, not " + strconv.Itoa(len(docs))}
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
				if gold[Span{Label: e.Label, Start: e.Start, End: e.End}] {
					res.Correct++
				}
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
	return res, nil
}
