package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strings"
)

// The "own labels" source: a text labelled X somewhere in the project is
// suggested as X wherever it occurs again, in this and the other
// documents. An occurrence counts when it is whole words by the project's
// tokenizer (it starts at a token's start and ends at a token's end, so
// "Iran" is found in "Iran's" but not in "Iranian"), its case as the
// option says, and no span of the label's layer overlaps it (a person
// inside an organisation's name already labelled is left alone). A text
// labelled with several labels is suggested with the most frequent (each,
// when tied).

// OwnLabelOptions tunes the own-labels source.
type OwnLabelOptions struct {
	// IgnoreCase matches "IRAN" and "iran" to a span on "Iran"; by
	// default the case must be the same.
	IgnoreCase bool `json:"ignore_case,omitempty"`
	// Labels limits the source to these labels (nil: every label).
	Labels []string `json:"labels,omitempty"`
}

// OwnLabels is the dictionary the source matches: every labelled text of
// a project, read once (NewOwnLabels) and matched against any number of
// documents.
type OwnLabels struct {
	opt     OwnLabelOptions
	phrases []ownPhrase
	byFirst map[string][]int // the phrase's first token (folded when IgnoreCase) → phrases
}

type ownPhrase struct {
	text   string
	toks   []string // its tokens (folded when IgnoreCase)
	labels []string // the labels to suggest
}

func (o *OwnLabels) fold(s string) string {
	if o.opt.IgnoreCase {
		return strings.ToLower(s)
	}
	return s
}

// NewOwnLabels collects the labelled texts of every document of p: the
// text of each one-fragment span (a span in several fragments says
// nothing about a text found elsewhere).
func NewOwnLabels(p *Project, opt OwnLabelOptions) *OwnLabels {
	o := &OwnLabels{opt: opt, byFirst: map[string][]int{}}
	type key struct{ text, label string }
	counts := map[key]int{}
	for _, d := range p.docs {
		for _, s := range d.spans {
			if len(s.Fragments) != 1 || opt.Labels != nil && !slices.Contains(opt.Labels, s.Label) {
				continue
			}
			t := d.text.Slice(s.Fragments[0].Start, s.Fragments[0].End)
			counts[key{o.fold(t), s.Label}]++
		}
	}
	// per text (as matched), the labels given most often
	best := map[string][]string{}
	most := map[string]int{}
	for k, n := range counts {
		switch {
		case n > most[k.text]:
			most[k.text], best[k.text] = n, []string{k.label}
		case n == most[k.text]:
			best[k.text] = append(best[k.text], k.label)
		}
	}
	texts := make([]string, 0, len(best))
	for t := range best {
		texts = append(texts, t)
	}
	order.Func(texts, strings.Compare)
	for _, t := range texts {
		toks := NewTextIndex(t).Tokens()
		if len(toks) == 0 {
			continue
		}
		ph := ownPhrase{text: t, labels: best[t]}
		order.Func(ph.labels, strings.Compare)
		for _, tk := range toks {
			ph.toks = append(ph.toks, o.fold(tk.Text))
		}
		o.byFirst[ph.toks[0]] = append(o.byFirst[ph.toks[0]], len(o.phrases))
		o.phrases = append(o.phrases, ph)
	}
	return o
}

// Len is the number of distinct labelled texts.
func (o *OwnLabels) Len() int { return len(o.phrases) }

// Suggest returns the suggestions for d, in text order.
func (o *OwnLabels) Suggest(d *Document) []Suggestion {
	if len(o.phrases) == 0 {
		return nil
	}
	toks := d.text.Tokens()
	var out []Suggestion
	for i, t := range toks {
		cands := o.byFirst[o.fold(t.Text)]
		for _, pi := range cands {
			ph := &o.phrases[pi]
			j := i + len(ph.toks) - 1
			if j >= len(toks) || !o.sameTokens(ph.toks, toks[i:j+1]) {
				continue
			}
			f := Fragment{t.Start, toks[j].End}
			got := d.text.Slice(f.Start, f.End)
			if o.fold(got) != ph.text { // the same tokens with other spacing
				continue
			}
			for _, l := range ph.labels {
				if d.LayerFree(f, l) {
					out = append(out, Suggestion{Label: l, Fragments: []Fragment{f}, Source: SourceOwn})
				}
			}
		}
	}
	return out
}

func (o *OwnLabels) sameTokens(want []string, toks []Token) bool {
	for k, w := range want {
		if o.fold(toks[k].Text) != w {
			return false
		}
	}
	return true
}

// LayerFree reports whether no span of label's layer overlaps f (a
// source suggests nothing there). A label not in the schema counts as of
// the entity layer, where a source's new labels are added.
func (d *Document) LayerFree(f Fragment, label string) bool {
	layer := LayerEntity
	if l := d.schema.Label(label); l != nil {
		layer = l.Layer
	}
	free := true
	d.tree.overlapping(f.Start, f.End, func(_ ikey, s *Span) bool {
		if sl := d.schema.Label(s.Label); sl != nil && sl.Layer == layer {
			free = false
		}
		return free
	})
	return free
}

// SuggestOwnLabels runs the own-labels source over every document of p:
// each document's open "own" suggestions are replaced by what the
// project's spans suggest now (rejected ones stay rejected). It returns
// how many suggestions are open afterwards.
func (p *Project) SuggestOwnLabels(opt OwnLabelOptions) int {
	o := NewOwnLabels(p, opt)
	n := 0
	for _, d := range p.docs {
		d.ClearSuggestions(SourceOwn)
		res, _ := d.AddSuggestions(o.Suggest(d)) // made from the text: never invalid
		n += res.Added
	}
	return n
}
