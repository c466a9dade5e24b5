//go:build js && wasm

package main

import (
	"github.com/spanmark/spanmark/annotate"
)

// The one place where UTF-16 code units (the page) and code points (the
// core) meet. Everything else in the bridge calls these.

// toCP converts a UTF-16 offset of d to code points. Inside a surrogate
// pair it rounds down for a start and up (roundUp) for an end, so a
// selection never loses half a character.
func toCP(d *annotate.Document, u int, roundUp bool) int {
	return d.Index().FromUTF16(u, roundUp)
}

// toU16 converts a code point offset of d to UTF-16 code units.
func toU16(d *annotate.Document, cp int) int {
	return d.Index().UTF16Of(cp)
}

// offset reads a UTF-16 offset argument and checks it lies in the text.
func (a *argv) offset(i int, name string, d *annotate.Document) int {
	u := a.integer(i, name)
	if a.err == nil && d != nil && u > d.Index().UTF16Len() {
		a.fail(annotate.CodeOutOfRange, name, "is "+itoa(u)+", past the end of the text ("+annotate.Count(d.Index().UTF16Len())+" UTF-16 code units)")
	}
	return u
}

// rangeCP reads a [start, end) pair of UTF-16 offsets and returns it in
// code points, start rounded down and end rounded up.
func (a *argv) rangeCP(i int, d *annotate.Document) (int, int) {
	s, e := a.offset(i, "start", d), a.offset(i+1, "end", d)
	if a.err == nil && e < s {
		a.fail(annotate.CodeOutOfRange, "end", "("+itoa(e)+") is before start ("+itoa(s)+")")
	}
	if a.err != nil {
		return 0, 0
	}
	return toCP(d, s, false), toCP(d, e, true)
}

// fragsCP reads flat UTF-16 fragments [s0, e0, s1, e1, ...] and returns
// them in code points.
func (a *argv) fragsCP(i int, d *annotate.Document) []annotate.Fragment {
	flat := a.ints(i, "frags")
	if a.err != nil {
		return nil
	}
	if len(flat) == 0 {
		a.fail(annotate.CodeBadArgument, "frags", "must hold start, end pairs: [start0, end0, start1, end1, ...] (got 0 numbers)")
		return nil
	}
	return a.pairsCP(flat, d)
}

// pairsCP converts flat UTF-16 [s0, e0, s1, e1, ...] of d to code points.
func (a *argv) pairsCP(flat []int, d *annotate.Document) []annotate.Fragment {
	if len(flat)%2 != 0 {
		a.fail(annotate.CodeBadArgument, "frags", "must hold start, end pairs: [start0, end0, start1, end1, ...] (got "+annotate.Count(len(flat))+" numbers)")
		return nil
	}
	n := d.Index().UTF16Len()
	out := make([]annotate.Fragment, 0, len(flat)/2)
	for k := 0; k < len(flat); k += 2 {
		s, e := flat[k], flat[k+1]
		switch {
		case s > n || e > n:
			a.fail(annotate.CodeOutOfRange, "frags", "fragment "+itoa(k/2)+" ["+itoa(s)+", "+itoa(e)+") is past the end of the text ("+annotate.Count(n)+" UTF-16 code units)")
		case e < s:
			a.fail(annotate.CodeOutOfRange, "frags", "fragment "+itoa(k/2)+" ends ("+itoa(e)+") before it starts ("+itoa(s)+")")
		}
		if a.err != nil {
			return nil
		}
		out = append(out, annotate.Fragment{Start: toCP(d, s, false), End: toCP(d, e, true)})
	}
	return out
}

// matchFrags reads flat UTF-16 fragments as matchText returns them:
// fragsCP's, but an empty list is no match at all.
func (a *argv) matchFrags(i int, d *annotate.Document) []annotate.Fragment {
	flat := a.ints(i, "frags")
	if a.err != nil || len(flat) == 0 {
		return nil
	}
	return a.pairsCP(flat, d)
}

// fragsU16 returns a span's fragments as flat UTF-16 and code point lists.
func fragsU16(d *annotate.Document, s *annotate.Span) (u16, cp []int) {
	u16 = make([]int, 0, 2*len(s.Fragments))
	cp = make([]int, 0, 2*len(s.Fragments))
	for _, f := range s.Fragments {
		u16 = append(u16, toU16(d, f.Start), toU16(d, f.End))
		cp = append(cp, f.Start, f.End)
	}
	return u16, cp
}
