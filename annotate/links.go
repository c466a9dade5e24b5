package annotate

import (
	"slices"
	"sort"
	"strconv"
)

// LinkCandidates returns the spans a relation of type typ from span fromID
// may point to (their label is one of the type's "to" labels), nearest
// first: by the gap between the two spans in code points (0 when they
// overlap), a span before the claim ahead of one as far after it (a
// claimant usually comes first: "Obama said …"), then in document order.
// At most limit (1 or more) are returned, from the whole document: the
// search starts around the span and widens until it has limit spans that
// are nearer than anything outside, so it costs O(log n + k) per doubling,
// not a walk over every span.
func (d *Document) LinkCandidates(fromID, typ string, limit int) ([]*Span, error) {
	from, e := d.mustSpan(fromID)
	if e != nil {
		return nil, e
	}
	rd := d.schema.Relation(typ)
	if rd == nil {
		return nil, newErr(CodeUnknownRelation, "no relation type "+strconv.Quote(typ)+" in the schema")
	}
	if !slices.Contains(rd.From, from.Label) {
		e := newErr(CodeBadRelation, "a "+typ+" relation starts at a "+joinOr(rd.From)+" span, not at "+from.Label+" span "+from.ID)
		e.Span = from.ID
		return nil, e
	}
	limit = max(limit, 1)
	n := d.text.Len()
	s, end := from.Start(), from.End()
	for w := 2048; ; w *= 2 {
		a, b := max(0, s-w), min(n, end+w)
		var got []cand
		var multi map[*Span]bool // a span with several fragments comes once per fragment
		d.tree.overlapping(a, max(b, a+1), func(_ ikey, c *Span) bool {
			if c == from || !slices.Contains(rd.To, c.Label) {
				return true
			}
			if len(c.Fragments) > 1 {
				if multi[c] {
					return true
				}
				if multi == nil {
					multi = map[*Span]bool{}
				}
				multi[c] = true
			}
			got = append(got, cand{c, linkGap(from, c)})
			return true
		})
		whole := a == 0 && b == n
		// every span nearer than w to the claim overlaps [a, b): the ones
		// found that near are the nearest in the document
		near := 0
		for _, g := range got {
			if g.key < 2*w {
				near++
			}
		}
		if near >= limit || whole {
			sort.Sort(byGap(got))
			out := make([]*Span, 0, min(limit, len(got)))
			for _, g := range got[:min(limit, len(got))] {
				out = append(out, g.span)
			}
			return out, nil
		}
	}
}

// cand is a link candidate and its distance from the claim.
type cand struct {
	span *Span
	key  int // twice the gap, +1 when after the span: before wins a tie
}

// byGap sorts candidates nearest first. It goes through sort.Sort, which
// the wasm has anyway: slices.SortFunc on this struct type added its own
// generic pdqsort, ~20 KB of code.
type byGap []cand

func (g byGap) Len() int      { return len(g) }
func (g byGap) Swap(i, j int) { g[i], g[j] = g[j], g[i] }
func (g byGap) Less(i, j int) bool {
	if g[i].key != g[j].key {
		return g[i].key < g[j].key
	}
	return compareSpans(g[i].span, g[j].span) < 0
}

// linkGap is twice the gap between the nearest fragments of two spans, plus
// one when c is after from (0 when they overlap).
func linkGap(from, c *Span) int {
	best := -1
	for _, f := range from.Fragments {
		for _, g := range c.Fragments {
			var k int
			switch {
			case g.End <= f.Start:
				k = 2 * (f.Start - g.End)
			case g.Start >= f.End:
				k = 2*(g.Start-f.End) + 1
			default:
				k = 0
			}
			if best < 0 || k < best {
				best = k
			}
		}
	}
	return best
}

func joinOr(names []string) string {
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			out += " or "
		default:
			out += ", "
		}
		out += n
	}
	return out
}

// MoveEdge moves one end of a span by one unit, as Alt+Shift+arrows do in
// the page: edge "start" moves the start of its first fragment, "end" the
// end of its last; dir -1 moves it earlier, +1 later. In word mode the unit
// is a word (a UAX #29 token: whitespace is skipped, a punctuation mark is
// a word of its own), so the span grows or shrinks by whole words; in char
// mode it is one grapheme cluster. It is one undoable "resize span" step,
// checked like any resize (crossing, duplicates). It refuses to leave the
// text (CodeOutOfRange) or to empty the fragment (CodeEmptyFragment).
func (d *Document) MoveEdge(id, edge string, dir int, unit SnapMode) (Change, error) {
	s, e := d.mustSpan(id)
	if e != nil {
		return Change{}, e
	}
	if edge != "start" && edge != "end" {
		return Change{}, newErr(CodeBadArgument, "edge is "+strconv.Quote(edge)+"; use \"start\" or \"end\"")
	}
	if dir != -1 && dir != 1 {
		return Change{}, newErr(CodeBadArgument, "dir is "+strconv.Itoa(dir)+"; use -1 or 1")
	}
	if unit != SnapChar && unit != SnapWord && unit != "" {
		return Change{}, newErr(CodeBadArgument, "unit is "+strconv.Quote(string(unit))+"; use \"word\" or \"char\"")
	}
	i := 0
	if edge == "end" {
		i = len(s.Fragments) - 1
	}
	f := s.Fragments[i]
	x, n := d.text, d.text.Len()
	at := &f.Start
	if edge == "end" {
		at = &f.End
	}
	pos := *at
	next := -1
	if unit == SnapChar {
		if dir > 0 && pos < n {
			next = x.GraphemeCeil(pos + 1)
		} else if dir < 0 && pos > 0 {
			next = x.GraphemeFloor(pos - 1)
		}
	} else {
		next = x.nextTokenEdge(pos, edge == "end", dir)
	}
	if next < 0 {
		// (not a map[int]string literal: that alone pulled the runtime's
		// int-keyed map code into the wasm, ~8 KB)
		where := "ends at the end"
		if dir < 0 {
			where = "starts at the start"
		}
		e := newErr(CodeOutOfRange, "span "+id+" already "+where+" of the text")
		e.Span = id
		return Change{}, e
	}
	*at = next
	if f.Start >= f.End {
		e := newErr(CodeEmptyFragment, "span "+id+" would be empty: delete it instead")
		e.Span = id
		return Change{}, e
	}
	return d.SetFragment(id, i, f)
}

// SetEdge puts one end of a span at code point pos, as dragging a handle
// of the selected span in the page does: edge "start" is the start of its
// first fragment, "end" the end of its last. pos snaps as a selection does
// (Snap): in word mode a start goes to the start of the word at pos (the
// next word when pos is in whitespace), an end to the end of the word
// before pos; in char mode to a grapheme boundary. Only the edge moves: the
// other end stays where it is, even inside a word. It is one undoable
// "resize span" step, checked like any resize (crossing, duplicates); a
// drop where the edge already is changes nothing and makes no step. It
// refuses an edge dragged past the other one (CodeEmptyFragment).
func (d *Document) SetEdge(id, edge string, pos int, unit SnapMode) (Change, error) {
	s, e := d.mustSpan(id)
	if e != nil {
		return Change{}, e
	}
	if edge != "start" && edge != "end" {
		return Change{}, newErr(CodeBadArgument, "edge is "+strconv.Quote(edge)+"; use \"start\" or \"end\"")
	}
	i := 0
	if edge == "end" {
		i = len(s.Fragments) - 1
	}
	f := s.Fragments[i]
	a, b := pos, f.End
	if edge == "end" {
		a, b = f.Start, pos
	}
	g, err := d.text.Snap(min(a, b), b, SnapOptions{Mode: unit}) // out of the text, a bad unit: Snap says so
	if c := CodeOf(err); a >= b && c != CodeOutOfRange || c == CodeEmptyFragment {
		e := newErr(CodeEmptyFragment, "span "+id+" would be empty with its "+edge+" at "+strconv.Itoa(pos)+": delete it instead")
		e.Span = id
		return Change{}, e
	} else if err != nil {
		return Change{}, err
	}
	if edge == "start" {
		f.Start = g.Start
	} else {
		f.End = g.End
	}
	return d.SetFragment(id, i, f)
}

// nextTokenEdge is the nearest token end (ends) or token start (!ends)
// strictly before (dir -1) or after (dir 1) code point pos, or -1. It looks
// at a window around pos that doubles until it finds one, so a long text
// is not segmented whole.
func (x *TextIndex) nextTokenEdge(pos int, ends bool, dir int) int {
	n := x.Len()
	for w := 64; ; w *= 2 {
		a, b := pos, min(n, pos+w)
		if dir < 0 {
			a, b = max(0, pos-w), pos
		}
		best := -1
		for _, t := range x.TokensIn(a, b+1) {
			v := t.Start
			if ends {
				v = t.End
			}
			if dir > 0 && v > pos && (best < 0 || v < best) {
				best = v
			}
			if dir < 0 && v < pos && v > best {
				best = v
			}
		}
		// a token found may have a nearer one beside it only inside the window
		if best >= 0 && (dir > 0 && best <= b || dir < 0 && best >= a) {
			return best
		}
		if (dir > 0 && b >= n) || (dir < 0 && a <= 0) {
			return best
		}
	}
}
