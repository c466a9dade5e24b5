package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"maps"
	"slices"
	"strings"
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
		order.Func(out, compareSpans)
	}
	return out
}

// SpansAt returns the spans covering code point off, outermost first.
func (d *Document) SpansAt(off int) []*Span {
	return d.SpansIn(off, off+1)
}

// Counts returns the number of spans per label.
func (d *Document) Counts() map[string]int {
	if d.counts == nil { // (none made before the first span)
		return map[string]int{}
	}
	return maps.Clone(d.counts)
}

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
	order.Func(claims, compareSpans)
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
		order.Func(c.Claimants, compareSpans)
		order.Func(c.Cues, compareSpans)
		out = append(out, c)
	}
	return out
}

// Entry is one distinct text among a label's spans (their fragments' texts
// joined with " … "): how many spans have it and the first of them.
type Entry struct {
	Text  string
	Count int
	First *Span // in document order
}

// entrySep joins a multi-fragment span's texts in an Entry's Text.
const entrySep = " … "

// Entries groups the label's spans by text, most frequent first (ties: the
// earlier first occurrence first), and returns at most limit of them (all
// when limit <= 0) with the number of distinct texts. A panel that lists
// every span of a 10,000-span document would be thousands of rows; this is
// what is labelled how, in a few: "Iran ×312" and, below, "Iran ×2" under
// another label.
func (d *Document) Entries(label string, limit int) ([]Entry, int) {
	byText := map[string]*Entry{}
	for _, s := range d.spans {
		if s.Label != label {
			continue
		}
		t := d.entryText(s)
		e := byText[t]
		if e == nil {
			byText[t] = &Entry{Text: t, Count: 1, First: s}
			continue
		}
		e.Count++
		if compareSpans(s, e.First) < 0 {
			e.First = s
		}
	}
	out := make([]Entry, 0, len(byText))
	for _, e := range byText {
		out = append(out, *e)
	}
	order.Func(out, func(a, b Entry) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return compareSpans(a.First, b.First)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, len(byText)
}

// NextWithText returns the label's span with that text (as in Entry) that
// comes after the span with id after in document order, wrapping round to
// the first; the first when after is "" or no span's id; nil when there is
// none. A click on an entry goes from one occurrence to the next.
func (d *Document) NextWithText(label, text, after string) *Span {
	cur := d.spans[after]
	var first, next *Span
	for _, s := range d.spans {
		if s.Label != label || d.entryText(s) != text {
			continue
		}
		if first == nil || compareSpans(s, first) < 0 {
			first = s
		}
		if cur != nil && compareSpans(s, cur) > 0 && (next == nil || compareSpans(s, next) < 0) {
			next = s
		}
	}
	if next != nil {
		return next
	}
	return first
}

func (d *Document) entryText(s *Span) string {
	if len(s.Fragments) == 1 {
		return d.text.Slice(s.Fragments[0].Start, s.Fragments[0].End)
	}
	return strings.Join(d.SpanText(s), entrySep)
}
