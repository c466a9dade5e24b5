package team

import (
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"slices"

	"github.com/spanmark/spanmark/annotate"
	"sort"
)

const outside = "O"

// kappaAcc accumulates token-level κ: Cohen's from the contingency table
// of two works, Fleiss' (each token rated by the works that have its
// document, their number free per token) from per-token sums. Labels are
// numbered (0 is "O") so that a token costs no hashing: 1.6 million
// tokens in BenchmarkAgree.
type kappaAcc struct {
	fleiss bool
	tokens int
	ids    map[string]int32
	names  []string
	cohen  [][]int // Cohen: [label in the first work][in the second] → tokens
	// Fleiss
	sumP    float64   // Σ P_i
	ratings float64   // Σ n_i
	total   []float64 // label → Σ n_ic
	loss    []float64 // label → Σ (1 - P_i) on label / not label, over tokens where some rater has it
	labBuf  [][]int32
	cnt     []int32
	frags   []kfrag // tokenLabels' list, kept from one version to the next
}

// kfrag is a fragment of a span that counts for κ, with its label's number.
type kfrag struct {
	f     annotate.Fragment
	label int32
}

func (ka *kappaAcc) id(label string) int32 {
	if ka.ids == nil {
		ka.ids, ka.names = map[string]int32{outside: 0}, []string{outside}
	}
	id, ok := ka.ids[label]
	if !ok {
		id = int32(len(ka.names))
		ka.ids[label] = id
		ka.names = append(ka.names, label)
	}
	return id
}

// tokenLabels gives each token the label of the longest span over it that
// counts for κ, or "O" (0), in out.
func (a *Agreement) tokenLabels(out []int32, toks []annotate.Token, d *annotate.Document, v *version) []int32 {
	out = slices.Grow(out[:0], len(toks))[:len(toks)]
	clear(out)
	fs := a.kappa.frags[:0]
	defer func() { a.kappa.frags = fs }()
	for i := range v.items {
		it := &v.items[i]
		if !a.countsForKappa(d, it.label) {
			continue
		}
		id := a.kappa.id(it.label)
		for _, f := range it.fr {
			fs = append(fs, kfrag{f, id})
		}
	}
	// shortest first: the longest over a token is painted last
	// (sort.SliceStable, not slices.SortStableFunc: one sort for every
	// element type, where each slices sort of a struct type adds its own
	// ~20 KB of wasm)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].f.Len() < fs[j].f.Len() })
	for _, f := range fs {
		i, _ := slices.BinarySearchFunc(toks, f.f.Start, func(t annotate.Token, start int) int {
			if t.End <= start {
				return -1
			}
			return 1
		})
		for ; i < len(toks) && toks[i].Start < f.f.End; i++ {
			out[i] = f.label
		}
	}
	return out
}

// countsForKappa: with a label filter, the labels in it (version has
// applied it); without, the entity layer's.
func (a *Agreement) countsForKappa(d *annotate.Document, label string) bool {
	if a.labels != nil {
		return true
	}
	if a.entity == nil {
		a.entity = map[string]bool{}
	}
	e, ok := a.entity[label]
	if !ok {
		l := d.Schema().Label(label)
		e = l != nil && l.Layer == annotate.LayerEntity
		a.entity[label] = e
	}
	return e
}

func (a *Agreement) addKappa(vs []Version, ver []*version) {
	toks := vs[0].Doc.Index().Tokens()
	if len(toks) == 0 {
		return
	}
	ka := &a.kappa
	ka.id(outside)
	for len(ka.labBuf) < len(vs) {
		ka.labBuf = append(ka.labBuf, nil)
	}
	labs := ka.labBuf[:len(vs)]
	for k, v := range vs {
		labs[k] = a.tokenLabels(labs[k], toks, v.Doc, ver[k])
	}
	// room for every label numbered so far
	nl := len(ka.names)
	ka.tokens += len(toks)
	if !ka.fleiss {
		for len(ka.cohen) < nl {
			ka.cohen = append(ka.cohen, nil)
		}
		for i := range ka.cohen {
			for len(ka.cohen[i]) < nl {
				ka.cohen[i] = append(ka.cohen[i], 0)
			}
		}
		x, y := labs[0], labs[1]
		for i := range toks {
			ka.cohen[x[i]][y[i]]++
		}
		return
	}
	for len(ka.total) < nl {
		ka.total, ka.loss = append(ka.total, 0), append(ka.loss, 0)
	}
	n := float64(len(vs))
	// per token, the count of each label among the raters: a few labels,
	// kept in a list
	cnt := ka.cnt[:0]
	for i := range toks {
		cnt = cnt[:0]
		for k := range vs {
			cnt = append(cnt, labs[k][i])
		}
		sq := 0.0
		for j, l := range cnt {
			if slices.Contains(cnt[:j], l) {
				continue // counted with its first
			}
			c := 0.0
			for _, m := range cnt[j:] {
				if m == l {
					c++
				}
			}
			sq += c * c
			ka.total[l] += c
			if l != 0 {
				// label l against the rest
				p := (c*c + (n-c)*(n-c) - n) / (n * (n - 1))
				ka.loss[l] += 1 - p
			}
		}
		ka.sumP += (sq - n) / (n * (n - 1))
		ka.ratings += n
	}
	ka.cnt = cnt
}

// kappa returns the overall κ and κ per label (NaN where undefined).
func (ka *kappaAcc) kappa(labels []string) (float64, map[string]float64) {
	per := map[string]float64{}
	if ka.tokens == 0 {
		for _, l := range labels {
			per[l] = math.NaN()
		}
		return math.NaN(), per
	}
	table := map[[2]string]int{}
	for x, row := range ka.cohen {
		for y, c := range row {
			if c > 0 {
				table[[2]string{ka.names[x], ka.names[y]}] = c
			}
		}
	}
	total, loss := map[string]float64{}, map[string]float64{}
	for l, t := range ka.total {
		total[ka.names[l]], loss[ka.names[l]] = t, ka.loss[l]
	}
	if !ka.fleiss {
		N := float64(ka.tokens)
		row, col := map[string]float64{}, map[string]float64{}
		agree := 0.0
		for k, c := range table {
			row[k[0]] += float64(c)
			col[k[1]] += float64(c)
			if k[0] == k[1] {
				agree += float64(c)
			}
		}
		pe := 0.0
		for l, r := range row {
			pe += r / N * col[l] / N
		}
		for _, l := range labels {
			a, r, c := float64(table[[2]string{l, l}]), row[l], col[l]
			po := (a + N - r - c + a) / N
			pel := r/N*c/N + (N-r)/N*(N-c)/N
			per[l] = chance(po, pel)
		}
		return chance(agree/N, pe), per
	}
	N := float64(ka.tokens)
	pe := 0.0
	for _, t := range total {
		p := t / ka.ratings
		pe += p * p
	}
	for _, l := range labels {
		p := total[l] / ka.ratings
		per[l] = chance((N-loss[l])/N, p*p+(1-p)*(1-p))
	}
	return chance(ka.sumP/N, pe), per
}

// chance is (po - pe) / (1 - pe), NaN when chance agreement is total.
func chance(po, pe float64) float64 {
	if pe >= 1 {
		return math.NaN()
	}
	return (po - pe) / (1 - pe)
}

func (a *Agreement) addAlpha(n int, vs []Version, ver []*version) {
	raters := make([]int, len(vs))
	cats := map[string][][]unit{}
	for k, v := range vs {
		raters[k] = v.Work
		for l := range ver[k].byLabel {
			if cats[l] == nil {
				cats[l] = make([][]unit, len(vs))
			}
		}
	}
	// every list in one block, kept from one document to the next
	// (alphaU.add keeps none of them)
	block := a.units[:0]
	for k := range vs {
		for l, idx := range ver[k].byLabel {
			start := len(block)
			for _, i := range idx {
				for _, f := range ver[k].items[i].fr {
					block = append(block, unit{f.Start, f.End})
				}
			}
			cats[l][k] = union(block[start:len(block):len(block)])
		}
	}
	a.units = block
	a.alpha.add(n, raters, cats)
}

// union sorts units and merges those that overlap (not those that touch).
func union(us []unit) []unit {
	sort.Slice(us, func(i, j int) bool { return us[i].start < us[j].start }) // (sort.Slice: see kfrag's sort)
	out := us[:0]
	for _, u := range us {
		if len(out) > 0 && u.start < out[len(out)-1].end {
			out[len(out)-1].end = max(out[len(out)-1].end, u.end)
			continue
		}
		out = append(out, u)
	}
	return out
}

// nominal accumulates Krippendorff's α for nominal data through its
// coincidence matrix: an item with m values adds 1/(m-1) per ordered pair.
type nominal struct {
	o      map[[2]string]float64
	nc     map[string]float64
	items  int
	agreed int
}

func (k *nominal) add(vals []string) {
	m := len(vals)
	if m < 2 {
		return
	}
	if k.o == nil {
		k.o, k.nc = map[[2]string]float64{}, map[string]float64{}
	}
	k.items++
	same := true
	for i := range vals {
		k.nc[vals[i]]++
		for j := range vals {
			if i != j {
				k.o[[2]string{vals[i], vals[j]}] += 1 / float64(m-1)
			}
		}
		same = same && vals[i] == vals[0]
	}
	if same {
		k.agreed++
	}
}

func (k *nominal) alpha() float64 {
	n := 0.0
	for _, c := range k.nc {
		n += c
	}
	do, de := 0.0, 0.0
	for p, c := range k.o {
		if p[0] != p[1] {
			do += c
		}
	}
	for a, ca := range k.nc {
		for b, cb := range k.nc {
			if a != b {
				de += ca * cb
			}
		}
	}
	if n < 2 || de == 0 {
		return math.NaN()
	}
	return 1 - (n-1)*do/de
}

// addClaims compares the claims that works marked identically (a CLAIM
// span with the same fragments): their claimants, cues and attributes.
func (a *Agreement) addClaims(vs []Version) {
	if !a.keep(annotate.LabelClaim) {
		return
	}
	type claimVals map[string]string
	byKey := map[string][]claimVals{}
	var order []string
	attrs := map[string]bool{}
	for _, v := range vs {
		for _, c := range v.Doc.Claims() {
			vals := claimVals{"claimant": spanSet(c.Claimants), "cue": spanSet(c.Cues)}
			for name, val := range c.Span.Attrs {
				vals["attr:"+name] = fmt.Sprint(val)
				attrs[name] = true
			}
			k := fragKey(c.Span.Fragments)
			if byKey[k] == nil {
				order = append(order, k)
			}
			byKey[k] = append(byKey[k], vals)
		}
	}
	for _, k := range order {
		vals := byKey[k]
		if len(vals) < 2 {
			continue
		}
		for _, name := range append([]string{"claimant", "cue"}, prefixed(attrs)...) {
			acc := a.claims[name]
			if acc == nil {
				acc = &nominal{}
				a.claims[name] = acc
			}
			xs := make([]string, len(vals))
			for i, v := range vals {
				xs[i] = v[name] // "" when unset
			}
			acc.add(xs)
		}
	}
}

func prefixed(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, "attr:"+k)
	}
	order.Sort(out)
	return out
}

// spanSet names spans by content, sorted: what a claim links to.
func spanSet(ss []*annotate.Span) string {
	keys := make([]string, len(ss))
	for i, s := range ss {
		keys[i] = spanKey(s)
	}
	order.Sort(keys)
	out := ""
	for i, k := range keys {
		if i > 0 {
			out += "|"
		}
		out += k
	}
	return out
}
