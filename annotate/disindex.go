package annotate

import (
	"slices"
	"sort"
)

// The disagreements of a document, indexed: the adjudication panel moves
// from one to the next with a key, and asks for that one only
// (DisagreementAt), not for the list. The runs are worked out once and
// kept until the undecided spans change.

// disIndex is Disagreements as of a state of Document.Undecided: its
// length, its first element's address (a list replaced or grown, as a
// merge does) and gen (changed in place: putCandidate).
type disIndex struct {
	gen, atGen int
	n          int
	first      *Candidate
	groups     []Disagreement
	names      []string // every group's annotators, in order of first appearance
	made       bool
}

// disagreementIndex is Disagreements, kept.
func (d *Document) disagreementIndex() []Disagreement {
	x := &d.dis
	if x.made && x.atGen == x.gen && x.n == len(d.Undecided) && x.first == firstCand(d.Undecided) {
		return x.groups
	}
	x.groups = d.Disagreements() // sorts the list first: its state is read after
	x.made, x.atGen, x.n, x.first = true, x.gen, len(d.Undecided), firstCand(d.Undecided)
	x.names = nil
	for _, g := range x.groups {
		for _, a := range g.Annotators {
			if !slices.Contains(x.names, a) {
				x.names = append(x.names, a)
			}
		}
	}
	return x.groups
}

func firstCand(u []Candidate) *Candidate {
	if len(u) == 0 {
		return nil
	}
	return &u[0]
}

// DisagreementAt returns disagreement i (an index into Disagreements), or
// with i < 0 the first that ends after code point from (the one to show
// again after a settle or an undo); ok false when there is none. n is how
// many the document has.
func (d *Document) DisagreementAt(i, from int) (g Disagreement, at, n int, ok bool) {
	gs := d.disagreementIndex()
	if i < 0 {
		i = sort.Search(len(gs), func(k int) bool { return gs[k].End > from })
	}
	if i >= len(gs) {
		return Disagreement{}, -1, len(gs), false
	}
	return gs[i], i, len(gs), true
}

// AppendDisagreementJSON writes DisagreementAt for the page, compact:
// {"count","index","everyone"} (everyone: the annotators of all the
// document's disagreements, in order of first appearance, so that the
// panel numbers them alike from one to the next) and, when there is one,
// the fields of a disagreement of AppendDisagreementsJSON.
func (d *Document) AppendDisagreementJSON(b []byte, i, from int) []byte {
	w := &jw{b: b, compact: true}
	g, at, n, ok := d.DisagreementAt(i, from)
	w.raw(`{"count":`)
	w.int(n)
	w.raw(`,"index":`)
	w.int(at)
	w.raw(`,"everyone":`)
	w.strList(0, d.dis.names)
	if ok {
		w.raw(",")
		d.encodeDisagreement(w, &g)
	}
	w.raw("}")
	return w.b
}
