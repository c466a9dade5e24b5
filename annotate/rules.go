package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
	"strings"
)

// spanErr builds a rule error located at a span and field.
func spanErr(s *Span, field string, code Code, msg string) *Error {
	return &Error{Code: code, Span: s.ID, Field: field, Msg: msg}
}

// fragStr writes a fragment as messages show it: [start,end).
func fragStr(f Fragment) string {
	return "[" + strconv.Itoa(f.Start) + "," + strconv.Itoa(f.End) + ")"
}

// checkFragments checks the fragments on their own: at least one, each in
// bounds, non-empty, on grapheme-cluster boundaries, sorted and apart.
func (d *Document) checkFragments(s *Span) *Error {
	n := d.text.Len()
	if len(s.Fragments) == 0 {
		return spanErr(s, "fragments", CodeEmptyFragment, "a span needs at least one fragment")
	}
	for i, f := range s.Fragments {
		// the field name is made only for an error: a loader checks
		// tens of thousands of fragments
		field := func() string { return "fragments[" + strconv.Itoa(i) + "]" }
		switch {
		case f.Start < 0 || f.End > n || f.Start > f.End:
			return spanErr(s, field(), CodeOutOfRange, "fragment "+fragStr(f)+" is outside the text, which has "+Count(n)+" code points")
		case f.Start == f.End:
			return spanErr(s, field(), CodeEmptyFragment, "fragment "+fragStr(f)+" is empty")
		case !d.onGraphemeBoundaries(f):
			return spanErr(s, field(), CodeSplitsGrapheme, "fragment "+fragStr(f)+" splits a character (grapheme cluster); it would be "+
				fragStr(Fragment{d.text.GraphemeFloor(f.Start), d.text.GraphemeCeil(f.End)}))
		}
		if i > 0 {
			p := s.Fragments[i-1]
			if f.Start < p.Start {
				return spanErr(s, field(), CodeUnsortedFragments, "fragment "+fragStr(f)+" comes before fragment "+fragStr(p)+"; list fragments in text order")
			}
			if f.Start <= p.End {
				return spanErr(s, field(), CodeOverlappingFragment, "fragment "+fragStr(f)+" overlaps or touches fragment "+fragStr(p)+"; merge them into one")
			}
		}
	}
	return nil
}

func (d *Document) onGraphemeBoundaries(f Fragment) bool {
	bs, be := d.text.bytesOf(f)
	return d.text.isGraphemeBoundaryByte(bs) && d.text.isGraphemeBoundaryByte(be)
}

// checkAttrs checks attribute names and values against the label.
func checkAttrs(s *Span, l *LabelDef) *Error {
	if len(s.Attrs) == 0 {
		return nil // most spans: no map to walk
	}
	names := make([]string, 0, len(s.Attrs))
	for k := range s.Attrs {
		names = append(names, k)
	}
	order.Func(names, strings.Compare)
	for _, k := range names {
		a := l.Attr(k)
		if a == nil {
			return spanErr(s, "attrs."+k, CodeBadAttribute, "label "+l.Name+" has no attribute "+strconv.Quote(k))
		}
		if err := a.CheckValue(s.Attrs[k]); err != nil {
			e := err.(*Error)
			e.Span, e.Field = s.ID, "attrs."+k
			return e
		}
	}
	return nil
}

// checkSpan checks every rule for s as if it replaced the span with the same
// id (or were added): fragments, label, attributes, and overlap with the
// other spans of its layer.
func (d *Document) checkSpan(s *Span) *Error {
	l, e := d.labelOf(s)
	if e != nil {
		return e
	}
	if e := d.checkFragments(s); e != nil {
		return e
	}
	return d.checkRest(s, l)
}

// labelOf returns the definition of the span's label.
func (d *Document) labelOf(s *Span) (*LabelDef, *Error) {
	if l := d.schema.Label(s.Label); l != nil {
		return l, nil
	}
	return nil, spanErr(s, "label", CodeUnknownLabel, "label "+strconv.Quote(s.Label)+" is not in the schema")
}

// checkRest is checkSpan after the label is found and the fragments
// checked: attributes, then overlap.
func (d *Document) checkRest(s *Span, l *LabelDef) *Error {
	if e := checkAttrs(s, l); e != nil {
		return e
	}
	return d.checkOverlap(s, l.Layer)
}

// checkRelation checks a relation's type and both ends.
func (d *Document) checkRelation(r *Relation) *Error {
	re := func(field string, code Code, msg string) *Error {
		return &Error{Code: code, Relation: r.ID, Field: field, Msg: msg}
	}
	def := d.schema.Relation(r.Type)
	if def == nil {
		return re("type", CodeUnknownRelation, "relation type "+strconv.Quote(r.Type)+" is not in the schema")
	}
	from, to := d.spans[r.From], d.spans[r.To]
	if from == nil {
		return re("from", CodeUnknownSpan, "no span "+strconv.Quote(r.From))
	}
	if to == nil {
		return re("to", CodeUnknownSpan, "no span "+strconv.Quote(r.To))
	}
	if r.From == r.To {
		return re("to", CodeBadRelation, "a "+r.Type+" relation cannot link span "+r.From+" to itself")
	}
	if !slices.Contains(def.From, from.Label) {
		return re("from", CodeBadRelation, "a "+r.Type+" relation starts at "+orList(def.From)+", not at "+from.Label+" ("+d.describeSpan(from)+")")
	}
	if !slices.Contains(def.To, to.Label) {
		return re("to", CodeBadRelation, "a "+r.Type+" relation ends at "+orList(def.To)+", not at "+to.Label+" ("+d.describeSpan(to)+")")
	}
	for _, rid := range d.relsOf[r.From] {
		o := d.rels[rid]
		if o.ID != r.ID && o.Type == r.Type && o.From == r.From && o.To == r.To {
			return re("", CodeDuplicateRelation, "relation "+o.ID+" already links "+r.From+" to "+r.To+" as "+r.Type)
		}
	}
	return nil
}

func orList(xs []string) string {
	switch len(xs) {
	case 0:
		return "nothing"
	case 1:
		return xs[0]
	}
	s := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			s += " or "
		default:
			s += ", "
		}
		s += x
	}
	return s
}
