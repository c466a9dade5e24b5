package team

import (
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"slices"
)

// Krippendorff's unitizing alpha (α_u; Krippendorff 1995, 2004: 251-256),
// computed as DKPro Agreement's KrippendorffAlphaUnitizingAgreement does,
// on the code-point continuum. A corpus is one continuum: its compared
// documents one after another (each rater's gaps run on from one document
// into the next). Where not every rater has every document (a split with
// an overlap of two annotators out of three), each document counts with
// the raters it has: the observed disagreement of its pairs is weighted
// by 1/(R_d - 1) and the number of pairable values is Σ R_d·L_d, as
// Krippendorff's alpha weighs units coded by different numbers of coders;
// with every rater on every document this is DKPro's formula exactly.
//
// A rater's units of one category must not overlap (DKPro's condition):
// overlapping or nested spans of one label, and the fragments of one
// span, are taken as the union of their code points.

type unit struct{ start, end int } // [start, end)

// alphaCat accumulates one category over the corpus.
type alphaCat struct {
	observed float64 // Σ over documents, pairs: distance / (R_d - 1)
	n        int     // units
	sqLen    float64 // Σ l(l-1)
	units    map[int]int
	gaps     map[int]int
	lastEnd  []int // per rater: where its last unit ended, on its continuum
}

type alphaU struct {
	raters int
	cats   map[string]*alphaCat
	base   []int // per rater: the length of its continuum so far
	pairs  int   // Σ R_d·L_d: pairable values
	length int   // Σ L_d
}

func newAlphaU(raters int) *alphaU {
	return &alphaU{raters: raters, cats: map[string]*alphaCat{}, base: make([]int, raters)}
}

func (a *alphaU) cat(c string) *alphaCat {
	k := a.cats[c]
	if k == nil {
		k = &alphaCat{units: map[int]int{}, gaps: map[int]int{}, lastEnd: make([]int, a.raters)}
		a.cats[c] = k
	}
	return k
}

// add takes one document of length n: units[c][k] are the units of
// category c of the k-th rater present, raters[k] its index. Every
// category of the study must be in units (with nil lists where a rater
// has none) so that the gaps are right.
func (a *alphaU) add(n int, raters []int, units map[string][][]unit) {
	rd := len(raters)
	for c, us := range units {
		k := a.cat(c)
		for x := range rd {
			for y := x + 1; y < rd; y++ {
				k.observed += observedPair(n, us[x], us[y]) / float64(rd-1)
			}
			r := raters[x]
			for _, u := range us[x] {
				l := u.end - u.start
				k.n++
				k.sqLen += float64(l) * float64(l-1)
				k.units[l]++
				if g := a.base[r] + u.start - k.lastEnd[r]; g > 0 {
					k.gaps[g]++
				}
				k.lastEnd[r] = a.base[r] + u.end
			}
		}
	}
	for _, r := range raters {
		a.base[r] += n
	}
	a.pairs += rd * n
	a.length += n
}

// observedPair is Σ of δ² over the overlapping segments of two raters'
// unitizations of one document ([0, n)): units and the gaps between them.
func observedPair(n int, u1, u2 []unit) float64 {
	if len(u1) == 0 && len(u2) == 0 {
		return 0
	}
	type seg struct {
		off, len int
		unit     bool
	}
	// the next segment of a rater's unitization at pos
	next := func(us []unit, i *int, pos int) seg {
		if *i < len(us) && us[*i].start == pos {
			u := us[*i]
			*i++
			return seg{pos, u.end - u.start, true}
		}
		end := n
		if *i < len(us) {
			end = us[*i].start
		}
		return seg{pos, end - pos, false}
	}
	sum := 0.0
	i1, i2 := 0, 0
	s1, s2 := seg{0, 0, false}, seg{0, 0, false}
	// as DKPro: once neither rater has a unit to come, what is left are
	// segments that started before, whose distances are 0
	for pos := 0; pos < n && (i1 < len(u1) || i2 < len(u2)); {
		if pos == s1.off+s1.len {
			s1 = next(u1, &i1, pos)
		}
		if pos == s2.off+s2.len {
			s2 = next(u2, &i2, pos)
		}
		sum += distance(s1.off, s1.len, s1.unit, s2.off, s2.len, s2.unit)
		pos = min(s1.off+s1.len, s2.off+s2.len)
	}
	return sum
}

// distance is Krippendorff's δ² between two overlapping segments (DKPro's
// measureDistance): units that overlap differ by the squares of their
// boundary shifts; a unit inside the other's gap costs its squared length.
func distance(off1, len1 int, unit1 bool, off2, len2 int, unit2 bool) float64 {
	b := float64(off1 - off2)
	l := float64(len1 - len2)
	switch {
	case unit1 && unit2 && -len1 < off1-off2 && off1-off2 < len2:
		return b*b + (b+l)*(b+l)
	case unit1 && !unit2 && -(len1-len2) >= off1-off2 && off1-off2 >= 0:
		return float64(len1) * float64(len1)
	case !unit1 && unit2 && -(len1-len2) <= off1-off2 && off1-off2 <= 0:
		return float64(len2) * float64(len2)
	}
	return 0
}

// disagreement returns the observed and expected disagreement of one
// category over the corpus (NaN when nothing was compared).
func (a *alphaU) disagreement(c string) (do, de float64) {
	k := a.cats[c]
	L := float64(a.length)
	n := float64(a.pairs)
	if k == nil || a.length == 0 {
		return math.NaN(), math.NaN()
	}
	do = 2 / L * k.observed / n
	// the gaps at the end of each rater's continuum
	gaps := make(map[int]int, len(k.gaps)+a.raters)
	for g, m := range k.gaps {
		gaps[g] = m
	}
	for r := range a.raters {
		if g := a.base[r] - k.lastEnd[r]; g > 0 {
			gaps[g]++
		}
	}
	// Σ over units of length l of Σ over gaps g ≥ l of (g - l + 1), from
	// the gaps' lengths sorted, with suffix sums
	gl := make([]int, 0, len(gaps))
	for g := range gaps {
		gl = append(gl, g)
	}
	order.Sort(gl)
	cnt := make([]float64, len(gl)+1) // Σ counts of gaps ≥ gl[i]
	sum := make([]float64, len(gl)+1) // Σ lengths
	for i := len(gl) - 1; i >= 0; i-- {
		cnt[i] = cnt[i+1] + float64(gaps[gl[i]])
		sum[i] = sum[i+1] + float64(gaps[gl[i]])*float64(gl[i])
	}
	total := 0.0
	nc := float64(k.n)
	for l, m := range k.units {
		fl := float64(l)
		s1 := (nc - 1) * (2*fl*fl*fl - 3*fl*fl + fl) / 3
		i, _ := slices.BinarySearch(gl, l)
		s2 := fl * fl * (sum[i] - (fl-1)*cnt[i])
		total += float64(m) * (s1 + s2)
	}
	de = total * 2 / L / (n*(n-1) - k.sqLen)
	return do, de
}

// alpha is 1 - D_o/D_e for one category, or over all (the categories'
// disagreements summed, as DKPro averages them). NaN when undefined.
func (a *alphaU) alpha(cats []string) float64 {
	var so, se float64
	for _, c := range cats {
		do, de := a.disagreement(c)
		so += do
		se += de
	}
	if len(cats) == 0 || math.IsNaN(so) || se == 0 {
		return math.NaN()
	}
	if so == se { // DKPro's convention
		return 0
	}
	return 1 - so/se
}
