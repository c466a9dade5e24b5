package tagger

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// Span is a training span: a label over [Start, End) in code points.
type Span struct {
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Doc is a training document: its text and its entity spans. ID only
// names the document in messages.
type Doc struct {
	ID    string `json:"id,omitempty"`
	Text  string `json:"text"`
	Spans []Span `json:"spans"`
}

// FromTraining turns the core's training documents
// (annotate.Project.EntityTrainingDocs, DoneEntityDocs) into the tagger's,
// the same for the CLI and the page's worker; withEmpty keeps the
// documents without a span (the CLI's corpora, where a sentence with no
// entity teaches "O"; the page's done documents, where any prediction is a
// false one), else they are left out (the page's documents not yet
// labelled).
func FromTraining(tds []annotate.TrainingDoc, withEmpty bool) []Doc {
	out := make([]Doc, 0, len(tds))
	for _, td := range tds {
		if len(td.Spans) == 0 && !withEmpty {
			continue
		}
		d := Doc{ID: td.Doc.ID, Text: td.Doc.Text(), Spans: make([]Span, len(td.Spans))}
		for i, s := range td.Spans {
			d.Spans[i] = Span{Label: s.Label, Start: s.Start(), End: s.End()}
		}
		out = append(out, d)
	}
	return out
}

// Entity is a prediction: a label over [Start, End) in code points, with
// the model's confidence in it, between 0 and 1: the smallest marginal
// probability of its tags under the model's scores divided by
// ScoreTemperature, by forward-backward. CrossValidate says above which
// score the predictions are mostly right (CVResult.Threshold).
type Entity struct {
	Label string  `json:"label"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float64 `json:"score"`
}

// ScoreTemperature divides the model's scores before they are read as
// probabilities. An averaged perceptron's scores are not log-probabilities:
// taken as they are, almost every prediction scores 1.00 and the score
// says nothing (trained on 20 or 60 UNER dev documents and tagging the
// rest, the predictions scored 1.00 were no more often right, 20-30 %,
// than the others). Divided by 20 they rank: the tenth scored highest was
// right 47 % (20 documents), 58 % (60) and 90 % (150) of the time, against
// 18 %, 26 % and 60 % for all. (5 and 40 ranked worse.) Part of the
// model's behaviour, not of its file.
const ScoreTemperature = 20

// Sentence is a tokenized sentence with one IOB2 tag per token ("O",
// "B-PER", "I-PER"), for corpora that come tokenized (CoNLL, UNER).
type Sentence struct {
	Tokens []string
	Tags   []string
}

// Options are the training settings; the zero value is the default.
type Options struct {
	Seed    uint64   // orders the sentences in each epoch
	Epochs  int      // passes over the data; 0 means DefaultEpochs
	Disable Features // feature groups left out (for the ablation)
}

// DefaultEpochs is the number of passes when Options.Epochs is 0.
const DefaultEpochs = 12

// MinSpans is the fewest entity spans the tagger trains on: with fewer,
// it would only learn to say nothing.
const MinSpans = 5

// folds is the number of parts the training data is cut into for the
// dictionary features: a sentence sees the dictionary of the other parts.
const folds = 5

// Stats says what a model was trained on.
type Stats struct {
	Documents int      `json:"documents"`
	Sentences int      `json:"sentences"`
	Tokens    int      `json:"tokens"`
	Spans     int      `json:"spans"`
	Skipped   int      `json:"skipped"` // spans that overlap an earlier one or cover no token
	Labels    []string `json:"labels"`
	Features  int      `json:"features"`
}

// Model is a trained tagger. It is safe for concurrent Predict calls.
type Model struct {
	labels  []string
	disable Features
	epochs  int
	seed    uint64
	stats   Stats
	nTags   int
	index   table     // key → row in weights
	keys    []uint64  // index → key, for writing
	weights []float32 // nTags per feature
	trans   []float32 // (nTags+1)·nTags: row 0 follows the start
	dict    dict
	vocab   vocab // (written to the model file)
	vocabT  table
}

// Labels returns the labels the model predicts, sorted.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Stats returns what the model was trained on.
func (m *Model) Stats() Stats {
	s := m.stats
	s.Labels = slices.Clone(m.labels)
	s.Features = len(m.keys)
	return s
}

// Tags: 0 is O; label k has B = 1+2k and I = 2+2k.
func tagName(labels []string, t int) string {
	if t == 0 {
		return "O"
	}
	p := "B-"
	if t%2 == 0 {
		p = "I-"
	}
	return p + labels[(t-1)/2]
}

// allowed reports whether tag t may follow tag prev (-1: the start):
// I-X only after B-X or I-X.
func allowed(prev, t int) bool {
	if t == 0 || t%2 == 1 {
		return true
	}
	return prev == t-1 || prev == t
}

// sentence is a training or test sentence in the tagger's terms.
type sentence struct {
	infos []tokInfo
	gold  []int // tags; nil when unknown
	// for Doc sentences: code point offsets of the tokens
	starts, ends []int
}

func tooSmall(spans, docs int) error {
	return &annotate.Error{Code: annotate.CodeBadArgument, Msg: "too little to train on: " + annotate.Count(spans) +
		" entity span" + plural(spans) + " in " + annotate.Count(docs) + " document" + plural(docs) +
		"; the tagger needs at least " + annotate.Count(MinSpans) + " spans"}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Train trains a model on documents and their spans. Spans are checked
// (a label, offsets inside the text, start before end); a span that
// overlaps an earlier one (by start, longer first) or covers no token is
// skipped and counted in Stats.Skipped.
func Train(docs []Doc, opt Options) (*Model, error) {
	labelSet, err := checkDocs(docs)
	if err != nil {
		return nil, err
	}
	labels := sortedKeys(labelSet)
	lab := labelIndex(labels)
	var sents []sentence
	st := Stats{Documents: len(docs)}
	for _, d := range docs {
		ss, skipped := docSentences(d.Text, d.Spans, lab)
		st.Skipped += skipped
		st.Spans += len(d.Spans) - skipped
		sents = append(sents, ss...)
	}
	if st.Spans < MinSpans {
		return nil, tooSmall(st.Spans, len(docs))
	}
	return train(sents, labels, st, opt)
}

// checkDocs checks every span (a label, offsets inside the text, start
// before end) and returns the labels used; the error names each bad span.
func checkDocs(docs []Doc) (map[string]bool, error) {
	labelSet := map[string]bool{}
	var es annotate.Errors
	for di, d := range docs {
		n := len([]rune(d.Text))
		for si, s := range d.Spans {
			where := func(code annotate.Code, msg string) {
				name := d.ID
				if name == "" {
					name = "#" + strconv.Itoa(di+1)
				}
				es = append(es, &annotate.Error{Code: code, Doc: name, Span: "#" + strconv.Itoa(si+1), Msg: msg})
			}
			switch {
			case s.Label == "":
				where(annotate.CodeBadArgument, "a span without a label")
			case s.Start < 0 || s.End > n || s.Start >= s.End:
				where(annotate.CodeOutOfRange, "offsets ["+strconv.Itoa(s.Start)+", "+strconv.Itoa(s.End)+") are not a range inside the text of "+annotate.Count(n)+" code points")
			default:
				labelSet[s.Label] = true
			}
		}
	}
	if len(es) > 0 {
		return nil, es
	}
	return labelSet, nil
}

// TrainSentences trains on tokenized sentences with IOB2 tags. A tag that
// is not O, B-X or I-X is an error naming the sentence and token.
func TrainSentences(ss []Sentence, opt Options) (*Model, error) {
	labelSet := map[string]bool{}
	var es annotate.Errors
	for i, s := range ss {
		if len(s.Tags) != len(s.Tokens) {
			es = append(es, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "sentence " + strconv.Itoa(i+1) + ": " +
				annotate.Count(len(s.Tokens)) + " tokens but " + annotate.Count(len(s.Tags)) + " tags"})
			continue
		}
		for j, t := range s.Tags {
			switch {
			case t == "O":
			case len(t) > 2 && (t[:2] == "B-" || t[:2] == "I-"):
				labelSet[t[2:]] = true
			default:
				es = append(es, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "sentence " + strconv.Itoa(i+1) + ", token " +
					strconv.Itoa(j+1) + ": tag " + strconv.Quote(t) + " is not O, B-LABEL or I-LABEL"})
			}
		}
	}
	if len(es) > 0 {
		return nil, es
	}
	labels := sortedKeys(labelSet)
	lab := labelIndex(labels)
	st := Stats{Documents: 1}
	sents := make([]sentence, len(ss))
	for i, s := range ss {
		sents[i] = sentence{infos: infosOf(s.Tokens), gold: make([]int, len(s.Tags))}
		prev := 0
		for j, t := range s.Tags {
			if t == "O" {
				prev = 0
				continue
			}
			k := lab[t[2:]]
			tag := 1 + 2*k
			// an I- that does not continue its label starts an entity,
			// as seqeval reads it
			if t[0] == 'I' && (prev == 1+2*k || prev == 2+2*k) {
				tag++
			} else {
				st.Spans++
			}
			sents[i].gold[j] = tag
			prev = tag
		}
	}
	if st.Spans < MinSpans {
		return nil, tooSmall(st.Spans, len(ss))
	}
	return train(sents, labels, st, opt)
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func labelIndex(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = i
	}
	return m
}

func infosOf(toks []string) []tokInfo {
	infos := make([]tokInfo, len(toks))
	for i, t := range toks {
		infos[i] = infoOf(t, i == 0)
	}
	return infos
}

// docSentences tokenizes text with the project tokenizer and cuts it into
// sentences: after ".", "!", "?" or "…", and at a line break. With lab,
// the spans give each token its gold tag; it returns the number of spans
// skipped.
func docSentences(text string, spans []Span, lab map[string]int) ([]sentence, int) {
	x := annotate.NewTextIndex(text)
	toks := x.Tokens()
	var gold []int
	skipped := 0
	if lab != nil {
		gold = make([]int, len(toks))
		order := slices.Clone(spans)
		slices.SortStableFunc(order, func(a, b Span) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return b.End - a.End
		})
		for _, s := range order {
			// the tokens the span touches
			lo, _ := slices.BinarySearchFunc(toks, s.Start, func(t annotate.Token, p int) int { return t.End - 1 - p })
			hi := lo
			for hi < len(toks) && toks[hi].Start < s.End {
				hi++
			}
			if lo == hi || slices.ContainsFunc(gold[lo:hi], func(t int) bool { return t != 0 }) {
				skipped++
				continue
			}
			k := lab[s.Label]
			gold[lo] = 1 + 2*k
			for j := lo + 1; j < hi; j++ {
				gold[j] = 2 + 2*k
			}
		}
	}
	var out []sentence
	start := 0
	// one array each for all the sentences (three, not three a sentence)
	infos, starts, ends := make([]tokInfo, len(toks)), make([]int, len(toks)), make([]int, len(toks))
	cut := func(end int) {
		if end <= start {
			return
		}
		s := sentence{infos: infos[start:end:end], starts: starts[start:end:end], ends: ends[start:end:end]}
		for j := start; j < end; j++ {
			infos[j] = infoOf(toks[j].Text, j == start)
			starts[j], ends[j] = toks[j].Start, toks[j].End
		}
		if gold != nil {
			s.gold = gold[start:end]
		}
		out = append(out, s)
		start = end
	}
	for i, t := range toks {
		end := false
		switch t.Text {
		case ".", "!", "?", "…":
			end = true
		}
		// a break inside a span keeps the span whole
		if end || i+1 < len(toks) && t.WS && strings.ContainsAny(x.Slice(t.End, toks[i+1].Start), "\n\r\u2028\u2029") {
			if gold == nil || i+1 == len(toks) || gold[i+1]%2 == 1 || gold[i+1] == 0 {
				cut(i + 1)
			}
		}
	}
	cut(len(toks))
	return out, skipped
}

// train runs the averaged structured perceptron.
func train(sents []sentence, labels []string, st Stats, opt Options) (*Model, error) {
	epochs := opt.Epochs
	if epochs <= 0 {
		epochs = DefaultEpochs
	}
	T := 1 + 2*len(labels)
	m := &Model{labels: labels, disable: opt.Disable, epochs: epochs, seed: opt.Seed, nTags: T}
	st.Sentences = len(sents)
	for _, s := range sents {
		st.Tokens += len(s.infos)
	}
	m.stats = st

	// the dictionary of all training spans (for prediction), and one per
	// fold without that fold's spans (for training)
	full := dict{phrases: map[uint64]uint64{}}
	var part [folds]dict
	for f := range part {
		part[f] = dict{phrases: map[uint64]uint64{}}
	}
	foldOf := func(i int) int { return i * folds / len(sents) }
	if opt.Disable&FeatDict == 0 {
		for i, s := range sents {
			for lo := 0; lo < len(s.gold); lo++ {
				if s.gold[lo] == 0 || s.gold[lo]%2 == 0 {
					continue
				}
				hi := lo + 1
				for hi < len(s.gold) && s.gold[hi] == s.gold[lo]+1 {
					hi++
				}
				lower := make([]uint64, hi-lo)
				for j := lo; j < hi; j++ {
					lower[j-lo] = s.infos[j].lower
				}
				k := (s.gold[lo] - 1) / 2
				full.add(lower, k)
				for f := range part {
					if f != foldOf(i) {
						part[f].add(lower, k)
					}
				}
			}
		}
	}
	full.seal()
	for f := range part {
		part[f].seal()
	}
	m.dict = full
	m.vocab = vocab{}
	if opt.Disable&FeatCase == 0 {
		for _, s := range sents {
			m.vocab.add(s.infos)
		}
	}
	m.vocabT = newTable(m.vocab)
	var none table

	// features as indexes (ids: open addressing, as rowCache; a Go map
	// took a sixth of the training)
	var index idTable
	var keys []uint64
	type fsent struct {
		feats []int32
		ends  []int32
		gold  []int
	}
	fs := make([]fsent, len(sents))
	var sc scratch
	for i, s := range sents {
		buf, ends := featurize(&sc, s.infos, &part[foldOf(i)], &m.vocabT, &none, opt.Disable)
		ids := make([]int32, len(buf))
		for j, k := range buf {
			id, added := index.id(k, int32(len(keys)))
			if added {
				keys = append(keys, k)
			}
			ids[j] = id
		}
		fs[i] = fsent{feats: ids, ends: slices.Clone(ends), gold: s.gold}
	}
	nF := len(keys)
	w := make([]float64, nF*T)
	u := make([]float64, nF*T) // Σ c·Δw, for averaging
	live := make([]bool, nF)   // a feature has been updated
	tw := make([]float64, (T+1)*T)
	tu := make([]float64, (T+1)*T)
	useTrans := opt.Disable&FeatTransitions == 0
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7461676765720001))
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	var d decoder
	okT := allowedMatrix(T)
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &fs[si]
			n := len(s.gold)
			if n == 0 {
				continue
			}
			em := d.emissions(n, T)
			lo := int32(0)
			for i := 0; i < n; i++ {
				row := em[i*T : (i+1)*T : (i+1)*T]
				for _, f := range s.feats[lo:s.ends[i]] {
					// a feature no update has reached adds nothing (most,
					// in the first epoch)
					if !live[f] {
						continue
					}
					wr := w[int(f)*T : int(f)*T+T]
					wr = wr[:len(row)] // (no bounds checks below)
					for t := range row {
						row[t] += wr[t]
					}
				}
				lo = s.ends[i]
			}
			pred := d.viterbi(em, n, T, tw, okT)
			lo = 0
			for i := 0; i < n; i++ {
				g, p := s.gold[i], pred[i]
				if g != p {
					for _, f := range s.feats[lo:s.ends[i]] {
						live[f] = true
						w[int(f)*T+g]++
						u[int(f)*T+g] += c
						w[int(f)*T+p]--
						u[int(f)*T+p] -= c
					}
				}
				lo = s.ends[i]
				if useTrans {
					gp, pp := -1, -1
					if i > 0 {
						gp, pp = s.gold[i-1], pred[i-1]
					}
					if gp != pp || g != p {
						tw[(gp+1)*T+g]++
						tu[(gp+1)*T+g] += c
						tw[(pp+1)*T+p]--
						tu[(pp+1)*T+p] -= c
					}
				}
			}
			c++
		}
	}
	// averaged weights; features whose weights are all zero are dropped
	for f := 0; f < nF; f++ {
		row := make([]float32, T)
		zero := true
		for t := range row {
			row[t] = float32(w[f*T+t] - u[f*T+t]/c)
			zero = zero && row[t] == 0
		}
		if zero {
			continue
		}
		m.keys = append(m.keys, keys[f])
		m.weights = append(m.weights, row...)
	}
	m.trans = make([]float32, len(tw))
	for i := range tw {
		m.trans[i] = float32(tw[i] - tu[i]/c)
	}
	m.sortFeatures()
	return m, nil
}

// sortFeatures orders the features by key, so that a model's file does
// not depend on map order.
func (m *Model) sortFeatures() {
	T := m.nTags
	idx := make([]int, len(m.keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if m.keys[a] < m.keys[b] {
			return -1
		}
		if m.keys[a] > m.keys[b] {
			return 1
		}
		return 0
	})
	keys := make([]uint64, len(idx))
	wts := make([]float32, len(m.weights))
	for i, j := range idx {
		keys[i] = m.keys[j]
		copy(wts[i*T:(i+1)*T], m.weights[j*T:(j+1)*T])
	}
	m.keys, m.weights = keys, wts
	m.index = newTableSize(len(keys))
	for i, k := range keys {
		m.index.put(k, uint64(i))
	}
}

// decoder holds scratch space for featurize, Viterbi and the marginals,
// kept from one sentence to the next, and the words' sums of weights.
type decoder struct {
	trans                  []float64 // a model's transitions, for prediction
	ok                     []bool
	em                     []float64
	score                  []float64
	back                   []int32
	path                   []int
	sc                     scratch
	words                  rowCache
	alpha, beta, pot, marg []float64
}

func (d *decoder) emissions(n, T int) []float64 {
	if cap(d.em) < n*T {
		d.em = make([]float64, n*T)
	}
	d.em = d.em[:n*T]
	clear(d.em)
	return d.em
}

// allowedMatrix is allowed as a (T+1)×T table, row 0 for the start.
func allowedMatrix(T int) []bool {
	ok := make([]bool, (T+1)*T)
	for p := -1; p < T; p++ {
		for t := 0; t < T; t++ {
			ok[(p+1)*T+t] = allowed(p, t)
		}
	}
	return ok
}

// viterbi returns the best well-formed tag sequence under emissions em
// (n×T) and transition weights trans ((T+1)×T, row 0 for the start), ok
// saying which transitions are allowed. (Tables, not function calls: a
// call costs far more in wasm, where this runs for every token.)
func (d *decoder) viterbi(em []float64, n, T int, trans []float64, ok []bool) []int {
	if cap(d.score) < n*T {
		d.score = make([]float64, n*T)
		d.back = make([]int32, n*T)
	}
	score, back := d.score[:n*T], d.back[:n*T]
	inf := math.Inf(-1)
	for t := 0; t < T; t++ {
		if ok[t] {
			score[t] = em[t] + trans[t]
		} else {
			score[t] = inf
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*T : i*T]
		for t := 0; t < T; t++ {
			best, arg := inf, 0
			for p, sp := range prev {
				k := (p+1)*T + t
				if !ok[k] {
					continue
				}
				if v := sp + trans[k]; v > best {
					best, arg = v, p
				}
			}
			score[i*T+t] = best + em[i*T+t]
			back[i*T+t] = int32(arg)
		}
	}
	if cap(d.path) < n {
		d.path = make([]int, n)
	}
	path := d.path[:n]
	best := 0
	for t := 1; t < T; t++ {
		if score[(n-1)*T+t] > score[(n-1)*T+best] {
			best = t
		}
	}
	for i := n - 1; i >= 0; i-- {
		path[i] = best
		best = int(back[i*T+best])
	}
	return path
}

// marginals returns, for each token, the probability of the tag path[i]
// under a CRF whose potentials are the model's scores over
// ScoreTemperature (forward-backward over the well-formed sequences). It works in probabilities, each
// token's scores shifted by their maximum and each step normalised, so
// that it takes T exponentials a token instead of T² (the 1M-code-point
// document: 0.6 s less).
func (d *decoder) marginals(em []float64, n, T int, expTrans []float64, path []int) []float64 {
	if cap(d.alpha) < n*T {
		d.alpha, d.beta, d.pot = make([]float64, n*T), make([]float64, n*T), make([]float64, n*T)
	}
	if cap(d.marg) < n {
		d.marg = make([]float64, n)
	}
	alpha, beta, pot := d.alpha[:n*T], d.beta[:n*T], d.pot[:n*T] // pot: exp(em - max) per token
	for i := 0; i < n; i++ {
		row := em[i*T : (i+1)*T]
		mx := math.Inf(-1)
		for _, v := range row {
			mx = max(mx, v)
		}
		for t, v := range row {
			pot[i*T+t] = math.Exp((v - mx) / ScoreTemperature)
		}
	}
	norm := func(r []float64) {
		s := 0.0
		for _, v := range r {
			s += v
		}
		if s > 0 {
			for k := range r {
				r[k] /= s
			}
		}
	}
	// expTrans: (T+1)×T, row 0 the start, zero where not allowed
	for t := 0; t < T; t++ {
		alpha[t] = expTrans[t] * pot[t]
	}
	norm(alpha[:T])
	for i := 1; i < n; i++ {
		for t := 0; t < T; t++ {
			s := 0.0
			for p := 0; p < T; p++ {
				s += alpha[(i-1)*T+p] * expTrans[(p+1)*T+t]
			}
			alpha[i*T+t] = s * pot[i*T+t]
		}
		norm(alpha[i*T : (i+1)*T])
	}
	for t := 0; t < T; t++ {
		beta[(n-1)*T+t] = 1
	}
	for i := n - 2; i >= 0; i-- {
		for p := 0; p < T; p++ {
			s := 0.0
			for t := 0; t < T; t++ {
				s += expTrans[(p+1)*T+t] * pot[(i+1)*T+t] * beta[(i+1)*T+t]
			}
			beta[i*T+p] = s
		}
		norm(beta[i*T : (i+1)*T])
	}
	out := d.marg[:n]
	for i := 0; i < n; i++ {
		out[i] = 0
		z := 0.0
		for t := 0; t < T; t++ {
			z += alpha[i*T+t] * beta[i*T+t]
		}
		if z > 0 {
			out[i] = alpha[i*T+path[i]] * beta[i*T+path[i]] / z
		}
	}
	return out
}

// expTrans returns exp of the transition weights, 0 where a transition is
// not allowed; the weights are shifted by their maximum (a constant factor
// that the normalisation removes).
func (m *Model) expTrans() []float64 {
	T := m.nTags
	mx := float32(math.Inf(-1))
	for _, v := range m.trans {
		mx = max(mx, v)
	}
	out := make([]float64, len(m.trans))
	for p := -1; p < T; p++ {
		for t := 0; t < T; t++ {
			if allowed(p, t) {
				out[(p+1)*T+t] = math.Exp(float64(m.trans[(p+1)*T+t]-mx) / ScoreTemperature)
			}
		}
	}
	return out
}

// tag decodes one sentence; with scores (expTrans) it also returns each
// token's marginal probability when it has an entity.
// Both are d's, valid until its next use.
func (m *Model) tag(d *decoder, infos []tokInfo, local *table, scores []float64) ([]int, []float64) {
	n, T := len(infos), m.nTags
	if n == 0 {
		return nil, nil
	}
	buf, ends := featurize(&d.sc, infos, &m.dict, &m.vocabT, local, m.disable)
	em := d.emissions(n, T)
	lo := int32(0)
	add := func(row []float64, keys []uint64) {
		for _, k := range keys {
			if f, ok := m.index.get(k); ok {
				wr := m.weights[int(f)*T : int(f)*T+T]
				wr = wr[:len(row)]
				for t := range row {
					row[t] += float64(wr[t])
				}
			}
		}
	}
	for i := 0; i < n; i++ {
		row := em[i*T : (i+1)*T : (i+1)*T]
		// the token's own features: their sum as the word's last time
		// (added in the same order, so the same to the last bit), else
		// summed and kept
		mid := d.sc.own[i]
		if ck := mix(infos[i].word, uint64(infos[i].flags&fFirst)); d.words.get(ck, row) {
			lo = mid
		} else {
			add(row, buf[lo:mid])
			lo = mid
			d.words.put(ck, row)
		}
		add(row, buf[lo:ends[i]])
		lo = ends[i]
	}
	if d.trans == nil {
		d.trans = make([]float64, len(m.trans))
		for i, v := range m.trans {
			d.trans[i] = float64(v)
		}
		d.ok = allowedMatrix(T)
	}
	path := d.viterbi(em, n, T, d.trans, d.ok)
	var marg []float64
	if scores != nil && slices.ContainsFunc(path, func(t int) bool { return t != 0 }) {
		marg = d.marginals(em, n, T, scores, path)
	}
	return path, marg
}

// Predict returns the entities the model finds in text, in text order.
func (m *Model) Predict(text string) []Entity { return m.PredictMin(text, 0) }

// PredictMin is Predict keeping only the entities scored at least
// minScore (e.g. a CVResult.Threshold).
func (m *Model) PredictMin(text string, minScore float64) []Entity {
	sents, _ := docSentences(text, nil, nil)
	lv := vocab{}
	for _, s := range sents {
		lv.add(s.infos)
	}
	local := newTable(lv)
	et := m.expTrans()
	var out []Entity
	var d decoder
	for _, s := range sents {
		path, marg := m.tag(&d, s.infos, &local, et)
		for i := 0; i < len(path); i++ {
			if path[i] == 0 {
				continue
			}
			j := i + 1
			for j < len(path) && path[j] == path[i]+1 && path[i]%2 == 1 {
				j++
			}
			sc := 1.0
			for k := i; k < j; k++ {
				sc = min(sc, marg[k])
			}
			if sc = math.Round(sc*1e4) / 1e4; sc >= minScore {
				out = append(out, Entity{Label: m.labels[(path[i]-1)/2], Start: s.starts[i], End: s.ends[j-1], Score: sc})
			}
			i = j - 1
		}
	}
	return out
}

// TagTokens returns IOB2 tags for one tokenized sentence.
func (m *Model) TagTokens(tokens []string) []string {
	var d decoder
	infos := infosOf(tokens)
	lv := vocab{}
	lv.add(infos)
	local := newTable(lv)
	path, _ := m.tag(&d, infos, &local, nil)
	out := make([]string, len(path))
	for i, t := range path {
		out[i] = tagName(m.labels, t)
	}
	return out
}

// rowCache keeps, for a word (its hash, and whether it starts its
// sentence), the sum of the weights of its own features: a word seen
// before in the text being tagged costs no lookups for them (in a news
// text most tokens are words seen before). Open addressing on the keys'
// low bits, doubled when half full.
type rowCache struct {
	keys []uint64
	at   []int32 // the row's start in rows
	rows []float64
	n    int
}

func (c *rowCache) get(k uint64, row []float64) bool {
	if c.n == 0 || k == 0 {
		return false
	}
	mask := uint64(len(c.keys) - 1)
	for j := k & mask; ; j = (j + 1) & mask {
		switch c.keys[j] {
		case k:
			a := int(c.at[j])
			copy(row, c.rows[a:a+len(row)])
			return true
		case 0:
			return false
		}
	}
}

func (c *rowCache) put(k uint64, row []float64) {
	if k == 0 {
		return
	}
	if 2*(c.n+1) > len(c.keys) {
		old, oldAt := c.keys, c.at
		size := max(64, 2*len(old))
		c.keys, c.at = make([]uint64, size), make([]int32, size)
		for j, ok := range old {
			if ok != 0 {
				c.insert(ok, oldAt[j])
			}
		}
	}
	c.insert(k, int32(len(c.rows)))
	c.rows = append(c.rows, row...)
	c.n++
}

func (c *rowCache) insert(k uint64, at int32) {
	mask := uint64(len(c.keys) - 1)
	j := k & mask
	for c.keys[j] != 0 {
		j = (j + 1) & mask
	}
	c.keys[j], c.at[j] = k, at
}

// idTable numbers the feature keys met in training: id returns k's id,
// giving it next (and saying so) the first time. Key 0 gets an id of its
// own, kept apart (the table's empty slot).
type idTable struct {
	keys []uint64
	ids  []int32
	n    int
	zero int32 // key 0's id + 1; 0 before it comes
}

func (t *idTable) id(k uint64, next int32) (int32, bool) {
	if k == 0 {
		if t.zero == 0 {
			t.zero = next + 1
			return next, true
		}
		return t.zero - 1, false
	}
	if 2*(t.n+1) > len(t.keys) {
		oldK, oldI := t.keys, t.ids
		size := max(1024, 2*len(oldK))
		t.keys, t.ids = make([]uint64, size), make([]int32, size)
		mask := uint64(size - 1)
		for j, ok := range oldK {
			if ok != 0 {
				i := ok & mask
				for t.keys[i] != 0 {
					i = (i + 1) & mask
				}
				t.keys[i], t.ids[i] = ok, oldI[j]
			}
		}
	}
	mask := uint64(len(t.keys) - 1)
	j := k & mask
	for {
		switch t.keys[j] {
		case k:
			return t.ids[j], false
		case 0:
			t.keys[j], t.ids[j] = k, next
			t.n++
			return next, true
		}
		j = (j + 1) & mask
	}
}
