package annotate

import "slices"

// TrainingDoc is a document with the spans a tagger learns from.
type TrainingDoc struct {
	Doc   *Document
	Spans []*Span
}

// EntityTrainingDocs is what the entity tagger trains on, the same for
// the CLI (spanmark learn) and the page: every document with its
// entity-layer spans of one fragment (of labels, when given), in project
// and text order. Spans of several fragments cannot be tagged as one run
// of tokens, so they are left out and counted in multi.
func (p *Project) EntityTrainingDocs(labels []string) (docs []TrainingDoc, multi int) {
	for _, d := range p.Documents() {
		td := TrainingDoc{Doc: d}
		for _, s := range d.Spans() {
			l := p.Schema.Label(s.Label)
			if l == nil || l.Layer != LayerEntity || len(labels) > 0 && !slices.Contains(labels, s.Label) {
				continue
			}
			if len(s.Fragments) != 1 {
				multi++
				continue
			}
			td.Spans = append(td.Spans, s)
		}
		docs = append(docs, td)
	}
	return docs, multi
}

// DoneEntityDocs is what the tagger is scored on by cross-validation in
// the page: the documents marked done — the annotator's finished gold,
// with no spans too (there a prediction is a false one) — with their
// spans as EntityTrainingDocs picks them, in project order.
func (p *Project) DoneEntityDocs(labels []string) []TrainingDoc {
	docs, _ := p.EntityTrainingDocs(labels)
	return slices.DeleteFunc(docs, func(td TrainingDoc) bool { return td.Doc.Status != StatusDone })
}
