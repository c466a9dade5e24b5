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
}

// fileCand is a candidate in the project file ("undecided", version 2).
type fileCand struct {
	Label      string         `json:"label"`
	Fragments  []fileFrag     `json:"fragments"`
	Attrs      map[string]any `json:"attrs,omitempty"`
	Note       string         `json:"note,omitempty"`
	Annotators []string       `json:"annotators"`
}

var candFields = []string{"label", "fragments", "attrs", "note", "annotators"}

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
		default:
			return d.array("an array", func(int) bool {
				var s string
				ok := d.str(&s)
				c.Annotators = append(c.Annotators, s)
				return ok
			})
		}
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
	if e != nil {
		e.Doc, e.Span = d.ID, ""
	}
	return c, e
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
