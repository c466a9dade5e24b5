package team

import (
	"cmp"
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// Agreement measures how far the works of a team agree, one document at a
// time (Add), the figures kept as sums, so memory grows with one document
// and the number of labels, not with the corpus (apart from one figure per
// document and the counts of disagreeing texts). The measures, each over
// annotator pairs where they are pairwise (mean and population standard
// deviation, as bratiaa and Prodigy report them):
//
//   - instance F1: exact matches of (document, label, fragments), a
//     duplicate within one work counted once: 2|Ai ∩ Aj| / (|Ai| + |Aj|),
//     summed over a pair's documents;
//   - overlap F1: a span matches when the other has one of the same label
//     overlapping it: (matched in i + matched in j) / (|Ai| + |Aj|);
//   - token-level κ: each token of the project tokenizer (UAX #29 words)
//     takes the label of the longest span over it, or "O"; Cohen's κ for
//     two works, Fleiss' κ for more (each token rated by the works that
//     have its document); per label, the same on label / not label;
//   - Krippendorff's α_u on the code-point continuum (alpha.go);
//   - claims: for CLAIM spans with the same fragments in two works or
//     more, nominal Krippendorff α on the claimant, the cue and each
//     attribute;
//   - where they differ: a confusion table of labels at identical
//     fragments, the spans in boundary-only disagreement (no exact match,
//     but overlapping a same-label span of the other that has none
//     either), and the texts most often in a disagreement.
//
// Labels restricts every measure to those labels (nil: all). Without it
// the token κ counts the entity layer's labels only (a claim spans a
// sentence: its tokens would swamp the entities').
type Agreement struct {
	names  []string
	labels []string // the filter, sorted; nil: every label
	pairs  map[[2]int]*pairAcc
	docs   []docFigure
	kappa  kappaAcc
	alpha  *alphaU
	claims map[string]*nominal
	seen   map[string]bool // labels met in compared documents
	entity map[string]bool // label → of the entity layer (κ's labels)
	// reused from document to document
	vpool          []*version
	ivs            []iv
	maxEnd         []int
	units          []unit // addAlpha's
	matchX, matchY []bool
	schema         []map[string]bool
	conf           map[string]map[string]int
	bound          int
	texts          map[string]int
	stats          Stats
}

type counts struct{ inter, total, ovMatched int }

type iv struct{ s, e int } // an interval, for overlapping

type pairAcc struct {
	docs   int
	all    counts
	labels map[string]*counts
}

type docFigure struct {
	id         string
	f1, f1o    []float64
	singleWork bool
}

// NewAgreement starts a comparison of the works of the named annotators
// (in work order); labels restricts it (nil: every label).
func NewAgreement(names []string, labels []string) *Agreement {
	a := &Agreement{names: names, pairs: map[[2]int]*pairAcc{}, alpha: newAlphaU(len(names)),
		claims: map[string]*nominal{}, seen: map[string]bool{}, schema: make([]map[string]bool, len(names)),
		conf: map[string]map[string]int{}, texts: map[string]int{}}
	if labels != nil {
		a.labels = slices.Clone(labels)
		order.Sort(a.labels)
	}
	a.kappa.fleiss = len(names) > 2
	return a
}

func (a *Agreement) keep(label string) bool {
	if a.labels == nil {
		return true
	}
	_, ok := slices.BinarySearch(a.labels, label)
	return ok
}

// item is one span as compared: by content (label and fragments).
type item struct {
	start, end int    // the first fragment
	last       int    // where the last fragment ends
	more       string // the other fragments ("" for most spans)
	label      string
	fr         []annotate.Fragment
}

// cmpItem orders items by fragments, then label, so that two versions
// meet in one merge pass (no maps: a corpus of 1.5 million spans). For
// spans of one fragment it is the document's span order (start, longer
// first, label), so the spans come sorted and are only checked.
func cmpItem(a, b *item) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.last, a.last); c != 0 {
		return c
	}
	if c := cmp.Compare(a.end, b.end); c != 0 {
		return c
	}
	if c := cmp.Compare(a.more, b.more); c != 0 {
		return c
	}
	return cmp.Compare(a.label, b.label)
}

func sameFrags(a, b *item) bool {
	return a.start == b.start && a.end == b.end && a.last == b.last && a.more == b.more
}

type version struct {
	items   []item           // sorted by cmpItem, without duplicates
	byLabel map[string][]int // label → indexes into items
}

func fragKey(fs []annotate.Fragment) string {
	b := make([]byte, 0, 12*len(fs))
	for i, f := range fs {
		if i > 0 {
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(f.End), 10)
	}
	return string(b)
}

func spanKey(s *annotate.Span) string { return s.Label + "@" + fragKey(s.Fragments) }

// version reads a document's spans into v (reused from document to
// document: its lists keep their room).
func (a *Agreement) version(d *annotate.Document, v *version) {
	spans := d.SpansIn(0, d.Index().Len()) // in span order: a walk of the index, no sort
	v.items = v.items[:0]
	if v.byLabel == nil {
		v.byLabel = map[string][]int{}
	}
	for l, idx := range v.byLabel {
		v.byLabel[l] = idx[:0]
	}
	for _, s := range spans {
		if !a.keep(s.Label) {
			continue
		}
		it := item{start: s.Fragments[0].Start, end: s.Fragments[0].End, last: s.End(), label: s.Label, fr: s.Fragments}
		if len(s.Fragments) > 1 {
			it.more = fragKey(s.Fragments[1:])
		}
		v.items = append(v.items, it)
	}
	// (sort.Slice, not slices.SortFunc: one sort for every element type,
	// where each slices sort of a struct type adds its own ~20 KB of wasm)
	less := func(i, j int) bool { return cmpItem(&v.items[i], &v.items[j]) < 0 }
	if !sort.SliceIsSorted(v.items, less) {
		sort.Slice(v.items, less) // spans of several fragments
	}
	// a duplicate counts once
	v.items = slices.CompactFunc(v.items, func(a, b item) bool { return cmpItem(&a, &b) == 0 })
	for i := range v.items {
		l := v.items[i].label
		v.byLabel[l] = append(v.byLabel[l], i)
	}
	for l, idx := range v.byLabel {
		if len(idx) == 0 {
			delete(v.byLabel, l) // a label of an earlier document only
		}
	}
}

// Add compares the versions of one document (two or more, texts equal).
func (a *Agreement) Add(id string, vs []Version) {
	text := vs[0].Doc.Index()
	for len(a.vpool) < len(vs) {
		a.vpool = append(a.vpool, &version{})
	}
	ver := a.vpool[:len(vs)]
	for k, v := range vs {
		a.version(v.Doc, ver[k])
		if a.schema[v.Work] == nil {
			m := map[string]bool{}
			for _, l := range v.Doc.Schema().Labels {
				m[l.Name] = true
			}
			a.schema[v.Work] = m
		}
		for l := range ver[k].byLabel {
			a.seen[l] = true
		}
	}
	df := docFigure{id: id}
	for x := range vs {
		for y := x + 1; y < len(vs); y++ {
			f1, f1o := a.pair(text, vs[x].Work, vs[y].Work, ver[x], ver[y])
			if !math.IsNaN(f1) {
				df.f1 = append(df.f1, f1)
			}
			if !math.IsNaN(f1o) {
				df.f1o = append(df.f1o, f1o)
			}
		}
	}
	a.docs = append(a.docs, df)
	a.addKappa(vs, ver)
	a.addAlpha(text.Len(), vs, ver)
	a.addClaims(vs)
}

// pair compares two versions; it returns the document's F1 and overlap F1
// for the pair (NaN when neither has a span).
func (a *Agreement) pair(text *annotate.TextIndex, wx, wy int, vx, vy *version) (float64, float64) {
	pa := a.pairs[[2]int{wx, wy}]
	if pa == nil {
		pa = &pairAcc{labels: map[string]*counts{}}
		a.pairs[[2]int{wx, wy}] = pa
	}
	pa.docs++
	lc := func(l string) *counts {
		c := pa.labels[l]
		if c == nil {
			c = &counts{}
			pa.labels[l] = c
		}
		return c
	}
	var doc counts
	a.matchX = slices.Grow(a.matchX[:0], len(vx.items))[:len(vx.items)]
	a.matchY = slices.Grow(a.matchY[:0], len(vy.items))[:len(vy.items)]
	matchedX, matchedY := a.matchX, a.matchY
	clear(matchedX)
	clear(matchedY)
	// one merge pass over both sorted lists: exact matches, and the
	// labels each gives the same fragments (the confusion table)
	for i, j := 0, 0; i < len(vx.items) || j < len(vy.items); {
		switch {
		case j == len(vy.items) || i < len(vx.items) && !sameFrags(&vx.items[i], &vy.items[j]) && cmpItem(&vx.items[i], &vy.items[j]) < 0:
			i++
			continue
		case i == len(vx.items) || !sameFrags(&vx.items[i], &vy.items[j]):
			j++
			continue
		}
		// the runs of items with these fragments in both
		ie, je := i, j
		for ie < len(vx.items) && sameFrags(&vx.items[ie], &vx.items[i]) {
			ie++
		}
		for je < len(vy.items) && sameFrags(&vy.items[je], &vy.items[j]) {
			je++
		}
		var ox, oy []string
		for x := i; x < ie; x++ {
			for y := j; y < je; y++ {
				if vx.items[x].label == vy.items[y].label {
					matchedX[x], matchedY[y] = true, true // on the diagonal, counted by label below
				}
			}
		}
		for x := i; x < ie; x++ {
			if !matchedX[x] {
				ox = append(ox, vx.items[x].label)
			}
		}
		for y := j; y < je; y++ {
			if !matchedY[y] {
				oy = append(oy, vy.items[y].label)
			}
		}
		for _, p := range ox {
			for _, q := range oy {
				a.confAdd(p, q)
			}
		}
		i, j = ie, je
	}
	// counted label by label: one look-up in the maps per label, not per
	// span (an item matches one item at most: each version has no
	// duplicates)
	for l, idx := range vx.byLabel {
		c := lc(l)
		inter := 0
		for _, i := range idx {
			if matchedX[i] {
				inter++
			}
		}
		c.total += len(idx)
		c.inter += inter
		doc.total += len(idx)
		doc.inter += inter
		if inter > 0 {
			a.confDiag(l, inter)
		}
	}
	for l, idx := range vy.byLabel {
		lc(l).total += len(idx)
		doc.total += len(idx)
	}
	// overlap matches and boundary-only disagreements, label by label
	byLabel := func(l string) {
		ix, iy := vx.byLabel[l], vy.byLabel[l]
		mx := a.overlapping(vx, ix, vy, iy, nil, nil)
		my := a.overlapping(vy, iy, vx, ix, nil, nil)
		c := lc(l)
		c.ovMatched += mx + my
		doc.ovMatched += mx + my
		a.bound += a.overlapping(vx, ix, vy, iy, matchedX, matchedY) + a.overlapping(vy, iy, vx, ix, matchedY, matchedX)
	}
	for l := range vx.byLabel {
		byLabel(l)
	}
	for l := range vy.byLabel {
		if _, done := vx.byLabel[l]; !done {
			byLabel(l)
		}
	}
	pa.all.inter += doc.inter
	pa.all.total += doc.total
	pa.all.ovMatched += doc.ovMatched
	// the texts in a disagreement
	for i, it := range vx.items {
		if !matchedX[i] {
			a.texts[itemText(text, it.fr)]++
		}
	}
	for i, it := range vy.items {
		if !matchedY[i] {
			a.texts[itemText(text, it.fr)]++
		}
	}
	if doc.total == 0 {
		return math.NaN(), math.NaN()
	}
	return 2 * float64(doc.inter) / float64(doc.total), float64(doc.ovMatched) / float64(doc.total)
}

func (a *Agreement) confAdd(x, y string) {
	row := a.conf[x]
	if row == nil {
		row = map[string]int{}
		a.conf[x] = row
	}
	row[y]++
}

// confDiag counts n spans labelled l by both at identical fragments.
func (a *Agreement) confDiag(l string, n int) {
	row := a.conf[l]
	if row == nil {
		row = map[string]int{}
		a.conf[l] = row
	}
	row[l] += n
}

func itemText(x *annotate.TextIndex, fs []annotate.Fragment) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = x.Slice(f.Start, f.End)
	}
	return strings.Join(parts, " … ")
}

// overlapping counts the items ix of v (those not matched exactly, when
// skipV is given) that overlap one of the items iy of w (likewise, with
// skipW). One sort and a binary search per fragment: a document of 10,000
// spans is compared in O(n log n).
func (a *Agreement) overlapping(v *version, ix []int, w *version, iy []int, skipV, skipW []bool) int {
	if len(ix) == 0 || len(iy) == 0 {
		return 0
	}
	ivs := a.ivs[:0]
	defer func() { a.ivs = ivs }()
	for _, j := range iy {
		if skipW != nil && skipW[j] {
			continue
		}
		for _, f := range w.items[j].fr {
			ivs = append(ivs, iv{f.Start, f.End})
		}
	}
	if len(ivs) == 0 {
		return 0
	}
	// items come in start order: only fragments after the first can be
	// out of it
	if less := func(i, j int) bool { return ivs[i].s < ivs[j].s }; !sort.SliceIsSorted(ivs, less) {
		sort.Slice(ivs, less) // (sort.Slice: see the items' sort)
	}
	maxEnd := slices.Grow(a.maxEnd[:0], len(ivs))[:len(ivs)] // the furthest end among the first k+1
	a.maxEnd = maxEnd
	for k, x := range ivs {
		maxEnd[k] = x.e
		if k > 0 && maxEnd[k-1] > x.e {
			maxEnd[k] = maxEnd[k-1]
		}
	}
	n := 0
	for _, i := range ix {
		if skipV != nil && skipV[i] {
			continue
		}
		for _, f := range v.items[i].fr {
			// the intervals starting before f ends; one of them overlaps
			// f when the furthest of their ends is past f's start
			k := sort.Search(len(ivs), func(k int) bool { return ivs[k].s >= f.End })
			if k > 0 && maxEnd[k-1] > f.Start {
				n++
				break
			}
		}
	}
	return n
}
