package team

import (
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"sort"
	"strings"
)

// Report is what Agreement found. Figures that are undefined (nothing to
// compare: no spans of a label in a pair, chance agreement total) are nil,
// null in JSON.
type Report struct {
	Annotators []string `json:"annotators"`
	Documents  int      `json:"documents"` // compared: in two works or more
	// Single counts the documents in one work only (not compared);
	// Missing lists compared documents that some works lack.
	Single  int      `json:"documents_single"`
	Missing []string `json:"documents_missing,omitempty"`
	Labels  []string `json:"labels"` // the labels compared
	// SchemaNotes: labels that some works' schemas have and others lack
	// (their spans count as disagreement).
	SchemaNotes []string     `json:"schema_notes,omitempty"`
	F1          F1Report     `json:"f1"`
	F1Overlap   F1Report     `json:"f1_overlap"`
	Kappa       KappaReport  `json:"kappa"`
	AlphaU      AlphaReport  `json:"alpha_u"`
	Claims      ClaimsReport `json:"claims"`
	// Confusion[a][b]: fragments the earlier work of a pair labelled a
	// and the later b (a == b: agreement).
	Confusion    map[string]map[string]int `json:"confusion"`
	BoundaryOnly int                       `json:"boundary_only"`
	Texts        []TextCount               `json:"texts"` // the ten most often in a disagreement
}

// Figure is a mean and population standard deviation over annotator pairs.
type Figure struct {
	Mean  *float64 `json:"mean"`
	SD    *float64 `json:"sd"`
	Pairs int      `json:"pairs"`
}

// PairFigure is one pair's figure over the documents it shares.
type PairFigure struct {
	A         string   `json:"a"`
	B         string   `json:"b"`
	Value     *float64 `json:"value"`
	Documents int      `json:"documents"`
}

type F1Report struct {
	Figure
	Labels    map[string]Figure `json:"labels"`
	Documents map[string]Figure `json:"documents"`
	ByPair    []PairFigure      `json:"by_pair"`
}

type KappaReport struct {
	Measure string              `json:"measure"` // "cohen" or "fleiss"
	Tokens  int                 `json:"tokens"`
	Value   *float64            `json:"value"`
	Labels  map[string]*float64 `json:"labels"`
}

type AlphaReport struct {
	Value  *float64            `json:"value"`
	Labels map[string]*float64 `json:"labels"`
}

type ClaimsReport struct {
	Matched    int                      `json:"matched"` // claims marked identically by two works or more
	Claimant   NominalFigure            `json:"claimant"`
	Cue        NominalFigure            `json:"cue"`
	Attributes map[string]NominalFigure `json:"attributes"`
}

type NominalFigure struct {
	Alpha  *float64 `json:"alpha"`
	Agreed int      `json:"agreed"` // claims on which every work agrees
}

type TextCount struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

func num(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func meanSD(xs []float64) Figure {
	if len(xs) == 0 {
		return Figure{}
	}
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return Figure{Mean: num(m), SD: num(math.Sqrt(v / float64(len(xs)))), Pairs: len(xs)}
}

// SetStats records how the works' documents met (from Each).
func (a *Agreement) SetStats(st Stats) { a.stats = st }

// Report computes the figures.
func (a *Agreement) Report() *Report {
	r := &Report{Annotators: a.names, Documents: len(a.docs), Single: a.stats.Single, Missing: notes(a.stats.Missing),
		Confusion: a.conf, BoundaryOnly: a.bound}
	labels := a.labels
	if labels == nil {
		labels = order.Keys(a.seen)
	}
	r.Labels = append([]string{}, labels...)
	r.SchemaNotes = a.schemaNotes()
	keys := make([][2]int, 0, len(a.pairs))
	for k := range a.pairs {
		keys = append(keys, k)
	}
	// (sort.Slice, not a slices sort: one sort for every element type,
	// where each slices sort of another type adds its own ~20 KB of wasm)
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	f1 := func(c counts) float64 {
		if c.total == 0 {
			return math.NaN()
		}
		return 2 * float64(c.inter) / float64(c.total)
	}
	ov := func(c counts) float64 {
		if c.total == 0 {
			return math.NaN()
		}
		return float64(c.ovMatched) / float64(c.total)
	}
	build := func(val func(counts) float64, perDoc func(docFigure) []float64) F1Report {
		var all []float64
		rep := F1Report{Labels: map[string]Figure{}, Documents: map[string]Figure{}, ByPair: []PairFigure{}}
		for _, k := range keys {
			p := a.pairs[k]
			v := val(p.all)
			rep.ByPair = append(rep.ByPair, PairFigure{A: a.names[k[0]], B: a.names[k[1]], Value: num(v), Documents: p.docs})
			if !math.IsNaN(v) {
				all = append(all, v)
			}
		}
		rep.Figure = meanSD(all)
		for _, l := range labels {
			var xs []float64
			for _, k := range keys {
				if c := a.pairs[k].labels[l]; c != nil {
					if v := val(*c); !math.IsNaN(v) {
						xs = append(xs, v)
					}
				}
			}
			rep.Labels[l] = meanSD(xs)
		}
		for _, d := range a.docs {
			rep.Documents[d.id] = meanSD(perDoc(d))
		}
		return rep
	}
	r.F1 = build(f1, func(d docFigure) []float64 { return d.f1 })
	r.F1Overlap = build(ov, func(d docFigure) []float64 { return d.f1o })

	k, kl := a.kappa.kappa(labels)
	r.Kappa = KappaReport{Measure: "cohen", Tokens: a.kappa.tokens, Value: num(k), Labels: map[string]*float64{}}
	if a.kappa.fleiss {
		r.Kappa.Measure = "fleiss"
	}
	for l, v := range kl {
		if a.labels != nil || a.kappaLabel(l) {
			r.Kappa.Labels[l] = num(v)
		}
	}
	r.AlphaU = AlphaReport{Value: num(a.alpha.alpha(labels)), Labels: map[string]*float64{}}
	for _, l := range labels {
		r.AlphaU.Labels[l] = num(a.alpha.alpha([]string{l}))
	}
	r.Claims = ClaimsReport{Attributes: map[string]NominalFigure{}}
	for name, acc := range a.claims {
		f := NominalFigure{Alpha: num(acc.alpha()), Agreed: acc.agreed}
		switch {
		case name == "claimant":
			r.Claims.Claimant = f
			r.Claims.Matched = acc.items
		case name == "cue":
			r.Claims.Cue = f
		default:
			r.Claims.Attributes[strings.TrimPrefix(name, "attr:")] = f
		}
	}
	type tc = TextCount
	var texts []tc
	for t, n := range a.texts {
		texts = append(texts, tc{t, n})
	}
	sort.Slice(texts, func(i, j int) bool { // (sort.Slice: see keys)
		if x, y := texts[i], texts[j]; x.Count != y.Count {
			return x.Count > y.Count
		}
		return texts[i].Text < texts[j].Text
	})
	r.Texts = texts[:min(10, len(texts))]
	if r.Texts == nil {
		r.Texts = []TextCount{}
	}
	return r
}

// kappaLabel: without a label filter, κ counts the entity layer only; a
// label is reported when some token took it.
func (a *Agreement) kappaLabel(l string) bool {
	ka := &a.kappa
	id, ok := ka.ids[l]
	if !ok {
		return false
	}
	if ka.fleiss {
		return int(id) < len(ka.total) && ka.total[id] > 0
	}
	for x, row := range ka.cohen {
		for y, c := range row {
			if c > 0 && (x == int(id) || y == int(id)) {
				return true
			}
		}
	}
	return false
}

func (a *Agreement) schemaNotes() []string {
	all := map[string]bool{}
	for _, s := range a.schema {
		for l := range s {
			all[l] = true
		}
	}
	var notes []string
	for _, l := range order.Keys(all) {
		var have, lack []string
		for w, s := range a.schema {
			if s == nil {
				continue
			}
			if s[l] {
				have = append(have, a.names[w])
			} else {
				lack = append(lack, a.names[w])
			}
		}
		if len(lack) > 0 {
			notes = append(notes, "label "+l+" is in the schema of "+strings.Join(have, ", ")+" only, not of "+strings.Join(lack, ", ")+": its spans count as disagreement")
		}
	}
	return notes
}

// notes is each absence's note, in order.
func notes(as []Absence) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}
