package formats

import (
	"fmt"
	"slices"

	"github.com/rivo/uniseg"
	"github.com/spanmark/spanmark/annotate"
)

// units converts one text's offsets between a file's unit and the code
// points spanmark keeps. Code points and UTF-16 go through the core's
// TextIndex; grapheme clusters are the boundaries uniseg finds (UAX #29,
// what doccano's grapheme mode counts with grapheme-splitter), listed once
// per text and only when that unit is asked for.
type units struct {
	unit Unit
	x    *annotate.TextIndex
	g    []int // code point offset of every grapheme boundary, 0 … Len
}

func newUnits(u Unit, x *annotate.TextIndex) *units {
	c := &units{unit: u, x: x}
	if u == UnitGrapheme {
		c.g = graphemeBounds(x.Text())
	}
	return c
}

// graphemeBounds lists the code point offsets at which clusters start,
// then the text's length.
func graphemeBounds(s string) []int {
	out := make([]int, 1, len(s)/2+2)
	cp, state := 0, -1
	for len(s) > 0 {
		var cl string
		cl, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		for range cl { // count code points
			cp++
		}
		out = append(out, cp)
	}
	return out
}

// unitName is the unit as a report or message names it.
func unitName(u Unit) string {
	switch u {
	case UnitUTF16:
		return "UTF-16 code units"
	case UnitGrapheme:
		return "grapheme clusters"
	}
	return "code points"
}

// length is the text's length in the unit.
func (c *units) length() int {
	switch c.unit {
	case UnitUTF16:
		return c.x.UTF16Len()
	case UnitGrapheme:
		return len(c.g) - 1
	}
	return c.x.Len()
}

// toCP converts an offset in the unit (0 ≤ off ≤ length) to code points.
// ok is false when the offset falls between the two halves of a surrogate
// pair: no code point offset is that place, and rounding would silently
// move the span.
func (c *units) toCP(off int) (cp int, ok bool) {
	switch c.unit {
	case UnitUTF16:
		cp = c.x.FromUTF16(off, false)
		return cp, c.x.UTF16Of(cp) == off
	case UnitGrapheme:
		return c.g[off], true
	}
	return off, true
}

// fromCP converts a code point offset to the unit. ok is false when the
// unit cannot say it: a grapheme offset inside a cluster.
func (c *units) fromCP(cp int) (off int, ok bool) {
	switch c.unit {
	case UnitUTF16:
		return c.x.UTF16Of(cp), true
	case UnitGrapheme:
		return slices.BinarySearch(c.g, cp)
	}
	return cp, true
}

// fragIn converts a fragment read from a file to code points, or says in
// the file's unit why it cannot: outside the text, or splitting a
// character. Start after end is left to the core's check (the conversion
// keeps the order).
func (c *units) fragIn(start, end int) (annotate.Fragment, string) {
	if n := c.length(); start < 0 || end > n || start > end {
		if start > end && start >= 0 && end <= n {
			s, _ := c.toCP(start)
			e, _ := c.toCP(end)
			return annotate.Fragment{Start: s, End: e}, ""
		}
		return annotate.Fragment{}, fmt.Sprintf("[%d,%d) lies outside the text, which is %s %s long", start, end, annotate.Count(n), unitName(c.unit))
	}
	s, ok1 := c.toCP(start)
	e, ok2 := c.toCP(end)
	if !ok1 || !ok2 {
		at := start
		if ok1 {
			at = end
		}
		return annotate.Fragment{}, fmt.Sprintf("[%d,%d) splits a character: offset %d falls between the two halves of the surrogate pair of %s",
			start, end, at, quoteShort(c.x.Slice(c.x.FromUTF16(at, false), c.x.FromUTF16(at, true))))
	}
	for _, at := range [2]struct{ off, cp int }{{start, s}, {end, e}} {
		if c.unit == UnitUTF16 && !c.x.IsGraphemeBoundary(at.cp) {
			// the core would refuse it too, but in code points: say it
			// in the file's unit
			lo, hi := c.x.GraphemeFloor(at.cp), c.x.GraphemeCeil(at.cp)
			return annotate.Fragment{}, fmt.Sprintf("[%d,%d) splits a character: offset %d lies inside the grapheme cluster %s at [%d,%d)",
				start, end, at.off, quoteShort(c.x.Slice(lo, hi)), c.x.UTF16Of(lo), c.x.UTF16Of(hi))
		}
	}
	return annotate.Fragment{Start: s, End: e}, ""
}

// fragOut converts a span's fragment to the unit, or says why it cannot.
func (c *units) fragOut(f annotate.Fragment) (start, end int, problem string) {
	s, ok1 := c.fromCP(f.Start)
	e, ok2 := c.fromCP(f.End)
	if !ok1 || !ok2 {
		at := f.Start
		if ok1 {
			at = f.End
		}
		lo, hi := c.x.GraphemeFloor(at), c.x.GraphemeCeil(at)
		return 0, 0, fmt.Sprintf("%s splits the character %s (code point %d lies inside that grapheme cluster), which a file counting grapheme clusters cannot say",
			fragString([]annotate.Fragment{f}), quoteShort(c.x.Slice(lo, hi)), at)
	}
	return s, e, ""
}
