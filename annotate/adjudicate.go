package annotate

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
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
	groups := d.Disagreements()
	if i < 0 || i >= len(groups) {
		e := newErr(CodeBadArgument, "no disagreement "+strconv.Itoa(i)+" in document "+strconv.Quote(d.ID)+" (it has "+strconv.Itoa(len(groups))+")")
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
	if missing := d.missingLabels(cands, annotator); len(missing) > 0 {
		// a label removed from the schema since the merge: said, with the
		// way out (Project.AdjudicateAddingLabels), never a silent no-op
		e := newErr(CodeUnknownLabel, annotator+"’s version cannot be taken: "+labelsNotInSchema(missing)+
			" (removed since the comparison?). Add it back to the schema to take this version, or reject the spans in question")
		e.Doc, e.Field = d.ID, "label"
		return Change{}, e
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

// missingLabels are the labels of annotator's spans among cands that the
// schema lacks, in order of first appearance.
func (d *Document) missingLabels(cands []Candidate, annotator string) []string {
	var out []string
	for k := range cands {
		c := &cands[k]
		if annotator != "" && slices.Contains(c.Annotators, annotator) && d.schema.Label(c.Label) == nil && !slices.Contains(out, c.Label) {
			out = append(out, c.Label)
		}
	}
	return out
}

// MissingLabels are the labels annotator's version of disagreement i
// carries that the schema does not have (removed from it since the
// merge): taking that version needs them back.
func (d *Document) MissingLabels(i int, annotator string) []string {
	groups := d.Disagreements()
	if i < 0 || i >= len(groups) {
		return nil
	}
	cands := make([]Candidate, len(groups[i].Cands))
	for k, ci := range groups[i].Cands {
		cands[k] = d.Undecided[ci]
	}
	return d.missingLabels(cands, annotator)
}

func labelsNotInSchema(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return "its label " + q[0] + " is not in the schema"
	}
	return "its labels " + strings.Join(q, ", ") + " are not in the schema"
}

// AdjudicateAddingLabels is Adjudicate after adding back to the schema
// the labels annotator's version needs (MissingLabels), as an import adds
// the labels it meets: in the entity layer, with a new colour, and the
// attributes the version's spans carry (a yes/no value as bool, any other
// as text). added names them, for the note. The labels are one schema
// edit (a widening: no history is lost) and the decision one undo step;
// on error the schema is as it was and nothing changed.
func (p *Project) AdjudicateAddingLabels(d *Document, i int, annotator string) (c Change, added []string, err error) {
	missing := d.MissingLabels(i, annotator)
	if len(missing) == 0 {
		c, err = d.Adjudicate(i, annotator)
		return c, nil, err
	}
	old := p.Schema.Clone()
	g := d.Disagreements()[i]
	for _, name := range missing {
		def := LabelDef{Name: name, Layer: LayerEntity}
		for _, ci := range g.Cands {
			c := &d.Undecided[ci]
			if c.Label != name || !slices.Contains(c.Annotators, annotator) {
				continue
			}
			keys := make([]string, 0, len(c.Attrs))
			for k := range c.Attrs {
				if def.Attr(k) == nil {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys) // not slices.Sorted(maps.Keys): its generic code costs the page's core
			for _, k := range keys {
				t := AttrText
				if _, ok := c.Attrs[k].(bool); ok {
					t = AttrBool
				}
				def.Attributes = append(def.Attributes, AttrDef{Name: k, Type: t})
			}
		}
		if _, err := p.AddLabel(def); err != nil {
			p.restoreSchema(old)
			return Change{}, nil, err
		}
	}
	if c, err = d.Adjudicate(i, annotator); err != nil {
		p.restoreSchema(old)
		return Change{}, nil, err
	}
	return c, missing, nil
}

// restoreSchema puts back a schema that only lacks labels no span uses
// (AdjudicateAddingLabels on error): the documents share p.Schema.
func (p *Project) restoreSchema(old *Schema) {
	*p.Schema = *old
	p.Schema.forgetIndex()
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
