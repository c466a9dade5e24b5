package annotate

import (
	"maps"
	"slices"
	"sort"
	"strconv"
)

// Adjudication: settling the undecided spans a merge of several
// annotators' works left in a gold document (Document.Undecided, package
// team's Merge). Overlapping undecided spans form one disagreement (the
// annotators saw something there and did not agree on what); the
// adjudicator takes one annotator's version of it, or none. Each decision
// is one undo step, kept in the undo history like any edit: the
// undecided spans it takes out of the list come back on undo.

// Disagreement is a run of overlapping undecided spans.
type Disagreement struct {
	Start, End int   // the code points the run covers
	Cands      []int // indexes into Document.Undecided, in order
	// Annotators made at least one of the spans, in order of first
	// appearance.
	Annotators []string
}

// sortUndecided puts the undecided spans in the order the file writes
// them (compareCandidates), which Disagreements and the undo steps rely on.
func (d *Document) sortUndecided() {
	if len(d.Undecided) < 2 {
		return // (sorted; sort.IsSorted would allocate for each document loaded)
	}
	ord := candOrder{d.Undecided, make([]int, len(d.Undecided))}
	for i := range ord.ix {
		ord.ix[i] = i
	}
	if sort.IsSorted(ord) {
		return
	}
	sort.Sort(ord)
	out := make([]Candidate, len(ord.ix))
	for i, k := range ord.ix {
		out[i] = d.Undecided[k]
	}
	d.Undecided = out
}

// candidateIndex finds an undecided span equal to c (label, fragments and
// annotators), or -1.
func (d *Document) candidateIndex(c *Candidate) int {
	for i := range d.Undecided {
		if compareCandidates(d.Undecided[i], *c) == 0 {
			return i
		}
	}
	return -1
}

// putCandidate takes old out of the undecided spans and puts c in, at its
// place in order (either may be nil).
func (d *Document) putCandidate(old, c *Candidate) {
	// by hand, not slices.Delete and Insert: their generic code for
	// Candidate cost the core 5 KB
	u := d.Undecided
	d.dis.gen++ // the list changes in place: the index of disagreements is out of date
	if old != nil {
		if i := d.candidateIndex(old); i >= 0 {
			copy(u[i:], u[i+1:])
			u = u[:len(u)-1]
		}
	}
	if c != nil {
		i := sort.Search(len(u), func(i int) bool { return compareCandidates(u[i], *c) > 0 })
		u = append(u, Candidate{})
		copy(u[i+1:], u[i:])
		u[i] = *c
	}
	d.Undecided = u
}

// setCandidate records taking an undecided span out (c nil) or putting it
// back.
func (t *tx) setCandidate(old, c *Candidate) {
	e := edit{kind: editUndecided, cand: [2]*Candidate{old, c}}
	t.st.edits = append(t.st.edits, e)
	t.d.apply(&e, 1)
}

// Disagreements groups the undecided spans into runs of overlapping ones,
// in document order.
func (d *Document) Disagreements() []Disagreement {
	d.sortUndecided()
	var out []Disagreement
	for i := range d.Undecided {
		c := &d.Undecided[i]
		s, e := c.Fragments[0].Start, c.Fragments[len(c.Fragments)-1].End
		if n := len(out); n > 0 && s < out[n-1].End {
			g := &out[n-1]
			g.End = max(g.End, e)
			g.Cands = append(g.Cands, i)
		} else {
			out = append(out, Disagreement{Start: s, End: e, Cands: []int{i}})
		}
		g := &out[len(out)-1]
		for _, a := range c.Annotators {
			if !slices.Contains(g.Annotators, a) {
				g.Annotators = append(g.Annotators, a)
			}
		}
	}
	return out
}

// Adjudicate settles disagreement i (an index into Disagreements): its
// undecided spans that annotator made become spans of the document, which
// record who made them and that they were adjudicated, and the others are
// dropped; annotator "" drops them all (the adjudicator rejects what is
// there). An annotator who made none of them has "nothing here" as
// their version. A span the document already has (the adjudicator drew
// it) is not added twice. The annotator's relations from and to the spans
// taken come along where the other end is in the document, and so do the
// spans' attributes and notes. One undo step; a span the rules refuse
// (crossing one of the document's, say) refuses the whole step, with
// the reason, and changes nothing.
func (d *Document) Adjudicate(i int, annotator string) (Change, error) {
	groups := d.disagreementIndex() // the panel's: not regrouped on each settling key
	if i < 0 || i >= len(groups) {
		e := newErr(CodeBadArgument, "no disagreement "+strconv.Itoa(i)+" in document "+strconv.Quote(d.ID)+" (it has "+Count(len(groups))+")")
		e.Doc, e.Field = d.ID, "index"
		return Change{}, e
	}
	op := "reject"
	if annotator != "" {
		op = "accept " + annotator + "’s version"
	}
	g := groups[i]
	cands := make([]Candidate, len(g.Cands))
	for k, ci := range g.Cands {
		cands[k] = d.Undecided[ci]
	}
	return d.do(op, func(t *tx) *Error {
		taken := make([]*Span, len(cands)) // the span each candidate became (or already was)
		for k := range cands {
			c := &cands[k]
			t.setCandidate(c, nil)
			if annotator == "" || !slices.Contains(c.Annotators, annotator) {
				continue
			}
			next := d.nextSpan
			s := &Span{ID: d.newSpanID(), Label: c.Label, Fragments: slices.Clone(c.Fragments), Attrs: maps.Clone(c.Attrs),
				Note: c.Note, Annotators: slices.Clone(c.Annotators), Adjudicated: true}
			if e := d.checkSpan(s); e != nil {
				if e.Code == CodeDuplicateSpan {
					d.nextSpan = next // the id goes back: nothing was added
					taken[k] = d.twin(s, s.ID)
					continue
				}
				e.Msg = annotator + "’s version cannot be taken: " + e.Msg
				return e
			}
			t.setSpan(s.ID, s)
			taken[k] = s
		}
		// then the annotator's relations from and to them, where the other
		// end is in the document (a span of this step included)
		for k, s := range taken {
			if s != nil {
				d.takeRelations(t, s, cands[k].Relations, annotator)
			}
		}
		return nil
	})
}

// takeRelations adds annotator's relations of an undecided span that
// became span s: those whose other end (by label and fragments) is a span
// of the document. One the rules refuse (a duplicate, say) is left out:
// the span stands without it, as the adjudicator can link it by hand.
func (d *Document) takeRelations(t *tx, s *Span, rels []CandRelation, annotator string) {
	for i := range rels {
		cr := &rels[i]
		if !slices.Contains(cr.Other.Annotators, annotator) {
			continue
		}
		o := d.twin(&Span{Label: cr.Other.Label, Fragments: cr.Other.Fragments}, "")
		if o == nil {
			continue
		}
		next := d.nextRel
		r := &Relation{ID: d.newRelationID(), Type: cr.Type, From: s.ID, To: o.ID}
		if !cr.Out {
			r.From, r.To = o.ID, s.ID
		}
		if d.checkRelation(r) != nil {
			d.nextRel = next
			continue
		}
		t.setRelation(r.ID, r)
	}
}

// AppendDisagreementsJSON writes Disagreements for the page, compact:
// [{"start","end","annotators","cands":[undecided span as in the file]}],
// offsets in code points. Written here with the file's own writer: views
// of their own in the bridge cost the core 8 KB.
func (d *Document) AppendDisagreementsJSON(b []byte) []byte {
	w := &jw{b: b, compact: true}
	gs := d.Disagreements()
	w.array(0, len(gs), func(i int) {
		w.raw("{")
		d.encodeDisagreement(w, &gs[i])
		w.raw("}")
	})
	return w.b
}

// encodeDisagreement writes a disagreement's fields (AppendDisagreementsJSON).
func (d *Document) encodeDisagreement(w *jw, g *Disagreement) {
	w.raw(`"start":`)
	w.int(g.Start)
	w.raw(`,"end":`)
	w.int(g.End)
	w.raw(`,"annotators":`)
	w.strList(0, g.Annotators)
	w.raw(`,"cands":`)
	w.array(0, len(g.Cands), func(k int) { d.encodeCandidate(w, 0, &d.Undecided[g.Cands[k]]) })
}
