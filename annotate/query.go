package annotate

import (
	"maps"
	"slices"
)

// SpansIn returns the spans with a fragment overlapping [start, end), in
// document order, each once: what a view needs to paint a screenful. It is
// O(log n + k) in the number of spans n and of results k.
func (d *Document) SpansIn(start, end int) []*Span {
	var out []*Span
	var multi map[string]bool // only spans with several fragments can repeat
	d.tree.overlapping(start, end, func(k ikey, s *Span) bool {
		if len(s.Fragments) > 1 {
			if multi[s.ID] {
				return true
			}
			if multi == nil {
				multi = map[string]bool{}
			}
			multi[s.ID] = true
		}
		out = append(out, s)
		return true
	})
	// The tree order is by fragment; a multi-fragment span or two spans
	// on the same text with different labels can differ from span order.
	// That is rare, so check before paying for a sort.
	if !slices.IsSortedFunc(out, compareSpans) {
		slices.SortFunc(out, compareSpans)
	}
	return out
}

// SpansAt returns the spans covering code point off, outermost first.
func (d *Document) SpansAt(off int) []*Span {
	return d.SpansIn(off, off+1)
}

// Counts returns the number of spans per label.
func (d *Document) Counts() map[string]int { return maps.Clone(d.counts) }

// Claim is one claim with what is linked to it.
type Claim struct {
	Span      *Span
	Claimants []*Span // through "claimant" relations, in document order
	Cues      []*Span // through "cue" relations
}

// Claims returns the document's CLAIM spans in document order, each with its
// claimants and cues.
func (d *Document) Claims() []Claim {
	n := d.counts[LabelClaim]
	if n == 0 {
		return nil
	}
	// Sort the claims only, not every span (d.Spans): the page asks for
	// the claims after each change to one, on documents of 10,000 spans.
	claims := make([]*Span, 0, n)
	for _, s := range d.spans {
		if s.Label == LabelClaim {
			claims = append(claims, s)
		}
	}
	slices.SortFunc(claims, compareSpans)
	out := make([]Claim, 0, n)
	for _, s := range claims {
		c := Claim{Span: s}
		for _, r := range d.RelationsOf(s.ID) {
			if r.From != s.ID {
				continue
			}
			switch r.Type {
			case RelationClaimant:
				c.Claimants = append(c.Claimants, d.spans[r.To])
			case RelationCue:
				c.Cues = append(c.Cues, d.spans[r.To])
			}
		}
		slices.SortFunc(c.Claimants, compareSpans)
		slices.SortFunc(c.Cues, compareSpans)
		out = append(out, c)
	}
	return out
}
