package annotate

import (
	"slices"
	"sort"
	"strconv"
)

// Candidate is a span that some of a team's annotators made and too few
// others did: a merge (package team) leaves it out of the gold document
// and lists it there, with who made it, for adjudication. It is not a
// span: no rule applies to it beyond its fragments matching the text.
type Candidate struct {
	Label      string
	Fragments  []Fragment
	Attrs      map[string]any
	Note       string
	Annotators []string // who made it
	// Relations are the annotators' relations from or to the span, the
	// other end by content: taking an annotator's version brings theirs
	// along where the other end is in the document (Adjudicate).
	Relations []CandRelation
}

// CandRelation is a relation an undecided span took part in.
type CandRelation struct {
	Type string
	Out  bool // the undecided span is the relation's From end (else its To end)
	// Other is the other end by label and fragments; its Annotators made
	// the relation. (A Candidate, so that the file reads, checks and
	// writes it with the undecided span's own code: the page's core is
	// held to a download budget.)
	Other Candidate
}

// fileCand is a candidate in the project file ("undecided", version 2).
type fileCand struct {
	Label      string         `json:"label"`
	Fragments  []fileFrag     `json:"fragments"`
	Attrs      map[string]any `json:"attrs,omitempty"`
	Note       string         `json:"note,omitempty"`
	Annotators []string       `json:"annotators"`
	Relations  []fileCandRel  `json:"relations,omitempty"`
}

// fileCandRel is an undecided span's relation in the file: the other end
// as "to" (the span is the relation's From end) or as "from", with who
// made the relation as its "annotators".
type fileCandRel struct {
	Type string    `json:"type"`
	From *fileCand `json:"from,omitempty"`
	To   *fileCand `json:"to,omitempty"`
}

var (
	candFields    = []string{"label", "fragments", "attrs", "note", "annotators", "relations"}
	candRelFields = []string{"type", "from", "to"}
)

func (d *decoder) candidates(dst *[]fileCand) bool {
	return d.array("an array", func(int) bool {
		var c fileCand
		ok := d.candidate(&c)
		*dst = append(*dst, c)
		return ok
	})
}

// candidate reads one undecided span (also an undo step's, history.go).
func (d *decoder) candidate(c *fileCand) bool {
	return d.object("an object", candFields, func(k int) bool {
		switch k {
		case 0:
			return d.str(&c.Label)
		case 1:
			return d.array("an array", func(int) bool {
				var ff fileFrag
				ok := d.frag(&ff)
				c.Fragments = append(c.Fragments, ff)
				return ok
			})
		case 2:
			return d.attrs(&c.Attrs)
		case 3:
			return d.str(&c.Note)
		case 4:
			return d.array("an array", func(int) bool {
				var s string
				ok := d.str(&s)
				c.Annotators = append(c.Annotators, s)
				return ok
			})
		default:
			return d.array("an array", func(int) bool {
				var r fileCandRel
				ok := d.candRelation(&r)
				c.Relations = append(c.Relations, r)
				return ok
			})
		}
	})
}

func (d *decoder) candRelation(r *fileCandRel) bool {
	return d.object("an object", candRelFields, func(k int) bool {
		if k == 0 {
			return d.str(&r.Type)
		}
		e := &fileCand{}
		if k == 1 {
			r.From = e
		} else {
			r.To = e
		}
		return d.candidate(e)
	})
}

// loadCandidates checks and keeps a document's undecided spans: fragments
// sorted, apart, within the text and matching its stored text.
func (d *Document) loadCandidates(fcs []fileCand) Errors {
	var es Errors
	for i, fc := range fcs {
		c, e := d.candidateOf(fc)
		if e != nil {
			e.Field = "undecided[" + strconv.Itoa(i) + "]." + e.Field
			es = append(es, e)
			continue
		}
		d.Undecided = append(d.Undecided, c)
	}
	d.sortUndecided()
	return es
}

// candidateOf checks an undecided span as read: fragments sorted, apart,
// within the text and matching its stored text; a label.
func (d *Document) candidateOf(fc fileCand) (Candidate, *Error) {
	c := Candidate{Label: fc.Label, Attrs: fc.Attrs, Note: fc.Note, Annotators: fc.Annotators}
	if len(c.Attrs) == 0 {
		c.Attrs = nil
	}
	for _, ff := range fc.Fragments {
		c.Fragments = append(c.Fragments, Fragment{ff.Start, ff.End})
	}
	s := &Span{ID: "undecided", Label: c.Label, Fragments: c.Fragments}
	e := d.checkFragments(s)
	if e == nil {
		for j, ff := range fc.Fragments {
			if got := d.text.Slice(ff.Start, ff.End); got != ff.Text {
				e = &Error{Code: CodeTextMismatch, Field: "fragments[" + strconv.Itoa(j) + "].text",
					Msg: "the file says " + fragStr(Fragment{ff.Start, ff.End}) + " is " + strconv.Quote(ff.Text) + " but the document has " + strconv.Quote(got) + " there"}
				break
			}
		}
	}
	if e == nil && c.Label == "" {
		e = &Error{Code: CodeBadFormat, Field: "label", Msg: "an undecided span needs a label"}
	}
	// its relations: a type, the other end as "from" or "to" (one of
	// them), checked as an undecided span is, without relations
	for i, fr := range fc.Relations {
		if e != nil {
			break
		}
		r := CandRelation{Type: fr.Type, Out: fr.To != nil}
		end, side := fr.To, "].to."
		if end == nil {
			end, side = fr.From, "].from."
		}
		if r.Type == "" || (fr.From == nil) == (fr.To == nil) || len(end.Relations) > 0 {
			e = &Error{Code: CodeBadFormat, Msg: `a relation of an undecided span has a "type" and its other end as "from" or as "to" (one of them), an undecided span without relations`}
			side = "]"
		} else {
			r.Other, e = d.candidateOf(*end)
		}
		if e != nil {
			e.Field = "relations[" + strconv.Itoa(i) + side + e.Field
		}
		c.Relations = append(c.Relations, r)
	}
	if e != nil {
		e.Doc, e.Span = d.ID, ""
	}
	return c, e
}

// relabel renames c's labels, its own and its relations' other ends' (a
// label renamed in the schema). In place: a candidate's value is all
// that matters (undo finds it by value), and a second pass over one
// shared by the history renames nothing more.
func (c *Candidate) relabel(relabel func(string) string) {
	if c == nil {
		return
	}
	c.Label = relabel(c.Label)
	for i := range c.Relations {
		o := &c.Relations[i].Other
		o.Label = relabel(o.Label)
	}
}

// retype renames a relation type in c's relations, in place (see relabel).
func (c *Candidate) retype(old, name string) {
	for j := 0; c != nil && j < len(c.Relations); j++ {
		if r := &c.Relations[j]; r.Type == old {
			r.Type = name
		}
	}
}

// encodeCandidates writes the undecided spans, sorted as spans are.
func (d *Document) encodeCandidates(w *jw, dp int) {
	ord := candOrder{d.Undecided, make([]int, len(d.Undecided))}
	for i := range ord.ix {
		ord.ix[i] = i
	}
	sort.Sort(ord)
	w.array(dp, len(ord.ix), func(i int) { d.encodeCandidate(w, dp, &d.Undecided[ord.ix[i]]) })
}

// encodeCandidate writes one undecided span (also in the undo history).
func (d *Document) encodeCandidate(w *jw, dp int, c *Candidate) {
	w.b = append(w.b, '{')
	w.key(dp+2, "label", true)
	w.str(c.Label)
	w.key(dp+2, "fragments", false)
	w.array(dp+2, len(c.Fragments), func(i int) {
		f := c.Fragments[i]
		w.b = append(w.b, '{')
		w.key(dp+4, "start", true)
		w.int(f.Start)
		w.key(dp+4, "end", false)
		w.int(f.End)
		w.key(dp+4, "text", false)
		w.str(d.text.Slice(f.Start, f.End))
		w.nl(dp + 3)
		w.b = append(w.b, '}')
	})
	if len(c.Attrs) > 0 {
		w.key(dp+2, "attrs", false)
		w.value(c.Attrs, dp+2)
	}
	if c.Note != "" {
		w.key(dp+2, "note", false)
		w.str(c.Note)
	}
	w.key(dp+2, "annotators", false)
	w.list(dp+2, c.Annotators == nil, len(c.Annotators), func(i int) { w.str(c.Annotators[i]) })
	if len(c.Relations) > 0 {
		w.key(dp+2, "relations", false)
		w.array(dp+2, len(c.Relations), func(i int) {
			r := &c.Relations[i]
			w.b = append(w.b, '{')
			w.key(dp+4, "type", true)
			w.str(r.Type)
			side := "from"
			if r.Out {
				side = "to"
			}
			w.key(dp+4, side, false)
			d.encodeCandidate(w, dp+3, &r.Other)
			w.nl(dp + 3)
			w.b = append(w.b, '}')
		})
	}
	w.nl(dp + 1)
	w.b = append(w.b, '}')
}

// candOrder sorts indexes into cs by compareCandidates, equal ones in
// their order in cs (a stable sort). It goes through sort.Sort, which the
// wasm has anyway: slices.SortStableFunc on Candidate added a generic
// stable sort of its own, ~8 KB of code.
type candOrder struct {
	cs []Candidate
	ix []int
}

func (o candOrder) Len() int      { return len(o.ix) }
func (o candOrder) Swap(i, j int) { o.ix[i], o.ix[j] = o.ix[j], o.ix[i] }
func (o candOrder) Less(i, j int) bool {
	a, b := o.ix[i], o.ix[j]
	if c := compareCandidates(o.cs[a], o.cs[b]); c != 0 {
		return c < 0
	}
	return a < b
}

// compareCandidates orders undecided spans as spans are ordered: by start,
// longer first, then label, then fragments and annotators.
func compareCandidates(a, b Candidate) int {
	sa := &Span{Label: a.Label, Fragments: a.Fragments}
	sb := &Span{Label: b.Label, Fragments: b.Fragments}
	if c := compareSpans(sa, sb); c != 0 {
		return c
	}
	if c := slices.CompareFunc(a.Fragments, b.Fragments, func(x, y Fragment) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	}); c != 0 {
		return c
	}
	return slices.Compare(a.Annotators, b.Annotators)
}
