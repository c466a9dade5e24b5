package annotate

import (
	"math"
	"slices"
	"strconv"
)

// The overlap rule (checkOverlap) asks two questions of each new span:
// is it an exact duplicate (same label, same fragments) of another, and,
// in a layer whose spans may not cross, does one of its fragments [a, b)
// cross a fragment g of the layer: g.start < a < g.end < b, or
// a < g.start < b < g.end? Walking every fragment that overlaps [a, b)
// answers both, but costs as many steps as there are spans nested around
// it: 50,000 spans nested at one place took 63 s to load. Most documents
// never have more than a few spans around one place, so the walk stays
// (it needs nothing beyond the interval tree every document has), but it
// gives up after scanCap fragments; the document then builds an index in
// which each question is answered in O(log n), and keeps it up to date
// from then on:
//
//   - duplicates through a map keyed by label and fragments;
//   - the second kind of crossing as "the largest end among fragments
//     starting in (a, b) is past b", in a tree of the layer's fragments
//     ordered by start (itree, with each subtree's largest end);
//   - the first kind as the same question in a tree of the same
//     fragments mirrored, [-end, -start): mirrored, g.start < a < g.end
//     < b reads -b < -g.end < -a < -g.start.
//
// The layer trees follow the schema they were built for: a schema edit
// may move a label to another layer or allow crossing, so they are built
// again, on the next check, for a document whose schema changed.

// dupKey identifies a span's label and fragments: exactly for one
// fragment; for several, through a hash of them all (a collision is
// resolved by comparing, see findDuplicate).
type dupKey struct {
	label      string
	start, end int // the first fragment
	n          int
	h          uint64
}

// dupSeed starts the hash of a span's further fragments. It is fixed:
// many spans with one hash would make each duplicate check walk them, but
// a mixed 64-bit hash of small offsets cannot be steered into that, and a
// random seed (hash/maphash, or time) would add 6 to 30 KB of brotli to
// the page's core. Only the map's layout depends on it, never a result.
const dupSeed = 0x9e3779b97f4a7c15

func dupKeyOf(s *Span) dupKey {
	k := dupKey{label: s.Label, start: s.Fragments[0].Start, end: s.Fragments[0].End, n: len(s.Fragments)}
	if len(s.Fragments) > 1 {
		h := uint64(dupSeed)
		for _, f := range s.Fragments[1:] {
			h = mix64(h ^ uint64(f.Start))
			h = mix64(h ^ uint64(f.End))
		}
		k.h = h
	}
	return k
}

// mix64 is splitmix64's finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// layerSlot numbers the layers the index keeps (-1: none).
func layerSlot(l Layer) int {
	switch l {
	case LayerEntity:
		return 0
	case LayerClaim:
		return 1
	}
	return -1
}

// scanCap is how many overlapping fragments checkOverlap walks before it
// builds the index instead (a variable for the tests).
var scanCap = 64

// overlapIndex is a document's index for the overlap rule, built once a
// walk has been too long (on).
type overlapIndex struct {
	on   bool
	dups map[dupKey]*Span

	schema *Schema  // the schema the layer trees were built for (nil: none)
	keep   [2]bool  // the layer's spans may not cross: its trees are kept
	fwd    [2]itree // by layer slot: fragments [start, end)
	mir    [2]itree // the same, mirrored: [-end, -start)
}

// dup is the span recorded under k, or nil. It reads the map with the
// comma-ok form: the plain m[k] on this struct key brought the runtime's
// generic mapaccess1 into the wasm (~3 KB), which nothing else needs.
func (o *overlapIndex) dup(k dupKey) *Span {
	s, ok := o.dups[k]
	if !ok {
		return nil
	}
	return s
}

// indexAdd records s in the overlap index.
func (d *Document) indexAdd(s *Span) {
	if !d.ovl.on {
		return
	}
	k := dupKeyOf(s)
	if d.ovl.dup(k) == nil {
		d.ovl.dups[k] = s
	}
	d.layerAdd(s)
}

// indexRemove forgets s.
func (d *Document) indexRemove(s *Span) {
	if !d.ovl.on {
		return
	}
	k := dupKeyOf(s)
	if d.ovl.dup(k) == s {
		delete(d.ovl.dups, k)
		// a twin can stand for a moment beside s (a history step
		// applies several edits before checking them)
		if t := d.twin(s, s.ID); t != nil {
			d.ovl.dups[k] = t
		}
	}
	d.layerRemove(s)
}

// layerOf is the slot of the span's layer when its trees are kept, or -1.
func (d *Document) layerOf(s *Span) int {
	l := d.schema.Label(s.Label)
	if l == nil {
		return -1
	}
	if i := layerSlot(l.Layer); i >= 0 && d.ovl.keep[i] {
		return i
	}
	return -1
}

func (d *Document) layerAdd(s *Span) {
	if d.ovl.schema != d.schema {
		d.ovl.schema = nil // built again when next needed
		return
	}
	if i := d.layerOf(s); i >= 0 {
		for j, f := range s.Fragments {
			d.ovl.fwd[i].insert(ikey{start: f.Start, end: f.End, id: s.ID, frag: j}, nil)
			d.ovl.mir[i].insert(ikey{start: -f.End, end: -f.Start, id: s.ID, frag: j}, nil)
		}
	}
}

func (d *Document) layerRemove(s *Span) {
	if d.ovl.schema != d.schema {
		d.ovl.schema = nil
		return
	}
	if i := d.layerOf(s); i >= 0 {
		for j, f := range s.Fragments {
			d.ovl.fwd[i].remove(ikey{start: f.Start, end: f.End, id: s.ID, frag: j})
			d.ovl.mir[i].remove(ikey{start: -f.End, end: -f.Start, id: s.ID, frag: j})
		}
	}
}

// layerTrees builds the layer trees for the document's schema if they
// were built for another; reserve is a hint of how many fragments are
// coming (a loader's).
func (d *Document) layerTrees(reserve int) {
	if d.ovl.schema == d.schema && d.schema != nil {
		return
	}
	o := &d.ovl
	o.schema = d.schema
	for i, l := range []Layer{LayerEntity, LayerClaim} {
		o.keep[i] = !d.schema.Crossing(l)
		o.fwd[i], o.mir[i] = itree{}, itree{}
	}
	n := reserve
	for _, s := range d.spans {
		n += len(s.Fragments)
	}
	if n > 0 {
		// one block for both trees of every layer: most spans are in one
		pool := make([]inode, 2*n)
		for i := range o.fwd {
			if o.keep[i] {
				o.fwd[i].spare, o.mir[i].spare = pool[:n:n], pool[n:]
				break
			}
		}
	}
	for _, s := range d.spans {
		d.layerAdd(s)
	}
}

// buildIndex builds the overlap index from the document's spans.
func (d *Document) buildIndex() {
	o := &d.ovl
	o.on = true
	o.dups = make(map[dupKey]*Span, len(d.spans))
	for _, s := range d.spans {
		k := dupKeyOf(s)
		if o.dup(k) == nil {
			o.dups[k] = s
		}
	}
	o.schema = nil
	d.layerTrees(0)
}

// findDuplicate returns another span with the label and fragments of s.
func (d *Document) findDuplicate(s *Span) *Span {
	o := d.ovl.dup(dupKeyOf(s))
	if o == nil {
		return nil
	}
	if o.ID != s.ID && o.Label == s.Label && slices.Equal(o.Fragments, s.Fragments) {
		return o
	}
	// the key's hash collided, or o is s itself (an edit, a history
	// step): look at the spans whose first fragment is the same
	return d.twin(s, s.ID)
}

// twin returns a span other than the one with id skip with the label and
// fragments of s, by walking the fragments that start and end as s's
// first does.
func (d *Document) twin(s *Span, skip string) *Span {
	var dup *Span
	f := s.Fragments[0]
	sameRange(d.tree.root, f.Start, f.End, func(k ikey, o *Span) bool {
		if k.frag == 0 && o.ID != skip && o.Label == s.Label && slices.Equal(o.Fragments, s.Fragments) {
			dup = o
			return false
		}
		return true
	})
	return dup
}

// sameRange calls fn, in key order, for each fragment [a, b) of the tree
// n: they are neighbours in the key order, found in O(depth + their number).
func sameRange(n *inode, a, b int, fn func(ikey, *Span) bool) bool {
	for n != nil {
		switch {
		case n.key.start < a || n.key.start == a && n.key.end > b:
			n = n.right // n comes before [a, b)
		case n.key.start > a || n.key.end < b:
			n = n.left
		default:
			if !sameRange(n.left, a, b, fn) || !fn(n.key, n.span) {
				return false
			}
			n = n.right
		}
	}
	return true
}

// checkOverlap refuses an exact duplicate and, unless the layer allows it,
// a span crossing another of the same layer. Nesting is always fine.
func (d *Document) checkOverlap(s *Span, layer Layer) *Error {
	if !d.ovl.on {
		if e, done := d.walkOverlap(s, layer, scanCap); done {
			return e
		}
		d.buildIndex()
	}
	if o := d.findDuplicate(s); o != nil {
		return spanErr(s, "fragments", CodeDuplicateSpan, "span "+d.describeSpan(o)+" already covers exactly this text")
	}
	if d.schema.Crossing(layer) {
		return nil
	}
	i := layerSlot(layer)
	if i < 0 {
		return d.checkOverlapScan(s, layer) // not a layer the index keeps
	}
	d.layerTrees(0)
	// a span checked in place of itself (an edit, a history step) is not
	// compared with its old fragments
	if old := d.spans[s.ID]; old != nil {
		d.layerRemove(old)
		defer d.layerAdd(old)
	}
	fwd, mir := d.ovl.fwd[i].root, d.ovl.mir[i].root
	for fi, f := range s.Fragments {
		a, b := f.Start, f.End
		// the fragment that crosses first in document order, as a walk
		// in start order meets it: one starting before a (the smallest
		// start, i.e. the largest mirrored end), then one starting inside
		var g *inode
		if m := maxEndIn(mir, -b+1, -a-1); m > -a {
			g = firstAbove(mir, -b+1, -a-1, m-1)
		} else {
			g = firstAbove(fwd, a+1, b-1, b)
		}
		if g != nil {
			o := d.spans[g.key.id]
			return d.crossingErr(s, fi, f, o, layer)
		}
	}
	return nil
}

// checkOverlapScan is checkOverlap by walking every fragment overlapping
// the span's, with the layers read from the document's schema as it is
// now: for a schema edit, which checks spans against a candidate schema
// (another layer for a label, crossing forbidden again) before adopting it.
func (d *Document) checkOverlapScan(s *Span, layer Layer) *Error {
	e, _ := d.walkOverlap(s, layer, math.MaxInt)
	return e
}

// walkOverlap is checkOverlapScan giving up (done false) after limit
// overlapping fragments.
func (d *Document) walkOverlap(s *Span, layer Layer, limit int) (_ *Error, done bool) {
	// the policy is looked up (a map look-up) only when a span of the
	// layer is met: a loader checks every span of a file
	var crossingOK, crossingKnown bool
	var bad *Error
	for fi, f := range s.Fragments {
		d.tree.overlapping(f.Start, f.End, func(k ikey, o *Span) bool {
			if limit--; limit < 0 {
				return false
			}
			if o.ID == s.ID {
				return true
			}
			ol := d.schema.Label(o.Label)
			if ol == nil || ol.Layer != layer {
				return true
			}
			if o.Label == s.Label && slices.Equal(o.Fragments, s.Fragments) {
				bad = spanErr(s, "fragments", CodeDuplicateSpan, "span "+d.describeSpan(o)+" already covers exactly this text")
				return false
			}
			g := o.Fragments[k.frag]
			if !crossingKnown {
				crossingOK, crossingKnown = d.schema.Crossing(layer), true
			}
			if !crossingOK && !f.Contains(g) && !g.Contains(f) {
				bad = d.crossingErr(s, fi, f, o, layer)
				return false
			}
			return true
		})
		if bad != nil {
			return bad, true
		}
		if limit < 0 {
			return nil, false
		}
	}
	return nil, true
}

// maxEndIn is the largest end among the fragments of the tree n whose
// start is in [lo, hi], or math.MinInt: O(depth), through each subtree's
// largest end.
func maxEndIn(n *inode, lo, hi int) int {
	m := math.MinInt
	if lo > hi {
		return m
	}
	for n != nil {
		switch {
		case n.key.start < lo:
			n = n.right
		case n.key.start > hi:
			n = n.left
		default:
			// n is in range: the rest is a suffix of its left subtree
			// and a prefix of its right one
			m = n.key.end
			for l := n.left; l != nil; {
				if l.key.start >= lo {
					m = max(m, l.key.end)
					if l.right != nil {
						m = max(m, l.right.maxEnd)
					}
					l = l.left
				} else {
					l = l.right
				}
			}
			for r := n.right; r != nil; {
				if r.key.start <= hi {
					m = max(m, r.key.end)
					if r.left != nil {
						m = max(m, r.left.maxEnd)
					}
					r = r.right
				} else {
					r = r.left
				}
			}
			return m
		}
	}
	return m
}

// firstAbove is the first fragment in key order whose start is in
// [lo, hi] and whose end is past t, or nil.
func firstAbove(n *inode, lo, hi, t int) *inode {
	for n != nil && n.maxEnd > t {
		switch {
		case n.key.start < lo:
			n = n.right
		case n.key.start > hi:
			n = n.left
		default:
			if g := firstAbove(n.left, lo, hi, t); g != nil {
				return g
			}
			if n.key.end > t {
				return n
			}
			n = n.right
		}
	}
	return nil
}

// crossingErr says that fragment fi (f) of s crosses span o: one message
// for the index and the walk.
func (d *Document) crossingErr(s *Span, fi int, f Fragment, o *Span, layer Layer) *Error {
	return spanErr(s, "fragments["+strconv.Itoa(fi)+"]", CodeCrossingSpan,
		fragStr(f)+" "+d.quoteText(f)+" overlaps span "+d.describeSpan(o)+" in part; "+string(layer)+" spans may nest but not cross")
}
