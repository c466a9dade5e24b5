package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features is a set of feature groups; Options.Disable switches groups
// off (the ablation in README). The zero value disables none.
type Features uint8

const (
	// FeatWord: the word and its lower case.
	FeatWord Features = 1 << iota
	// FeatAffix: the lower-cased word's first and last 1 to 4 code points.
	FeatAffix
	// FeatShape: the word's shape (Xxxx → Xx, 2026 → d), capitalisation,
	// digits, hyphens, length, and capitalisation at a sentence's start.
	FeatShape
	// FeatContext: the words and shapes of the two neighbours on each side,
	// and word bigrams.
	FeatContext
	// FeatDict: the token lies in a phrase that a training span of a label
	// covers (whole tokens, any case), at its start or inside.
	FeatDict
	// FeatTransitions: weights for one tag following another; without
	// them Viterbi only keeps the tags well formed (no I- after O).
	FeatTransitions
	// FeatCase: how the word is cased elsewhere, in the training text
	// and in the text being tagged: "Apple" where "apple" is common, "us"
	// where "US" occurs.
	FeatCase
)

// featureGroups names the groups, in order, for messages and the ablation.
var featureGroups = []struct {
	F    Features
	Name string
}{
	{FeatWord, "word"}, {FeatAffix, "affix"}, {FeatShape, "shape"},
	{FeatContext, "context"}, {FeatDict, "dict"}, {FeatTransitions, "transitions"}, {FeatCase, "case"},
}

// FeatureGroups returns the feature groups with their names, in order.
func FeatureGroups() (fs []Features, names []string) {
	for _, g := range featureGroups {
		fs = append(fs, g.F)
		names = append(names, g.Name)
	}
	return
}

// Feature keys are 64-bit hashes of a template number and a value: no
// strings are built per feature, and the model stores the hashes. The
// hash functions are part of the model file format: changing them needs a
// new version (modelVersion).

// mix combines two 64-bit values (splitmix64's finaliser over a ^ b·φ).
func mix(a, b uint64) uint64 {
	z := a*0x9E3779B97F4A7C15 ^ b
	z ^= z >> 30
	z *= 0xBF58476D1CE4E5B9
	z ^= z >> 27
	z *= 0x94D049BB133111EB
	z ^= z >> 31
	return z
}

// hashString is FNV-1a over s's bytes.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// templates
const (
	tBias uint64 = iota + 1
	tWord
	tLower
	tPrefix // + n (1..4)
	_
	_
	_
	tSuffix // + n (1..4)
	_
	_
	_
	tShape
	tFlags
	tLen
	tPrev1
	tNext1
	tPrev2
	tNext2
	tPrevShape
	tNextShape
	tBigramPrev
	tBigramNext
	tShape3
	tDict
	tPrevSuffix3
	tNextSuffix3
	tCase
)

// token flags
const (
	fTitle = 1 << iota
	fUpper
	fLower
	fDigit
	fAllDigit
	fHyphen
	fPunct
	fFirst // first token of its sentence
)

// tokInfo is what the features need of one token, computed once.
type tokInfo struct {
	word, lower, shape uint64
	pre, suf           [4]uint64
	flags              uint16
	runes              int
}

func infoOf(tok string, first bool) tokInfo {
	var ti tokInfo
	ti.word = hashString(tok)
	low := strings.ToLower(tok)
	ti.lower = hashString(low)
	var shape [16]byte
	ns := 0
	var last byte
	upper, lower, digit, other, n := 0, 0, 0, 0, 0
	for _, r := range tok {
		var c byte
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			c = 'X'
			upper++
		case unicode.IsLetter(r):
			c = 'x'
			lower++
		case unicode.IsDigit(r):
			c = 'd'
			digit++
		case r < utf8.RuneSelf:
			c = byte(r)
			other++
		default:
			c = '*'
			other++
		}
		if c != last && ns < len(shape) {
			shape[ns] = c
			ns++
		}
		last = c
		n++
	}
	ti.runes = n
	ti.shape = hashString(string(shape[:ns]))
	// affixes of the lower case, in code points
	// (slices of low, no allocation: this runs for every token predicted)
	pre, suf := 0, len(low)
	for k := 0; k < 4 && pre < len(low); k++ {
		_, w := utf8.DecodeRuneInString(low[pre:])
		pre += w
		_, w = utf8.DecodeLastRuneInString(low[:suf])
		suf -= w
		ti.pre[k] = hashString(low[:pre])
		ti.suf[k] = hashString(low[suf:])
	}
	var f uint16
	if upper > 0 && ns > 0 && shape[0] == 'X' && lower > 0 {
		f |= fTitle
	}
	if upper > 0 && lower == 0 {
		f |= fUpper
	}
	if lower > 0 && upper == 0 {
		f |= fLower
	}
	if digit > 0 {
		f |= fDigit
		if digit == n {
			f |= fAllDigit
		}
	}
	if strings.IndexByte(tok, '-') >= 0 {
		f |= fHyphen
	}
	if other == n {
		f |= fPunct
	}
	if first {
		f |= fFirst
	}
	ti.flags = f
	return ti
}

// lenBucket groups word lengths: 1, 2, 3, 4-5, 6-8, 9+.
func lenBucket(n int) uint64 {
	switch {
	case n <= 3:
		return uint64(n)
	case n <= 5:
		return 4
	case n <= 8:
		return 5
	}
	return 6
}

// dict maps the hash of a lower-cased token sequence to the labels (a bit
// mask of label indexes below 64) of training spans with that text.
type dict struct {
	phrases map[uint64]uint64 // and each phrase's prefixes, with no labels
	maxLen  int
	tab     table // phrases, for lookups (seal)
}

// seal makes the lookup table of the phrases.
func (d *dict) seal() { d.tab = newTable(d.phrases) }

const maxPhrase = 8 // longer spans are not dictionary entries

func phraseStart() uint64 { return 0x5350414E4D41524B } // "SPANMARK"

func (d *dict) add(lower []uint64, label int) {
	if len(lower) == 0 || len(lower) > maxPhrase || label >= 64 {
		return
	}
	h := phraseStart()
	for i, w := range lower {
		h = mix(h, w)
		if _, ok := d.phrases[h]; !ok && i < len(lower)-1 {
			d.phrases[h] = 0 // a prefix: lookups go on past it
		}
	}
	d.phrases[h] |= 1 << uint(label)
	d.maxLen = max(d.maxLen, len(lower))
}

// dictHits appends, for each token of the sentence, the keys of its
// dictionary features to hits[i].
func (d *dict) hits(infos []tokInfo, hits [][]uint64) {
	if d == nil || len(d.tab.keys) == 0 {
		return
	}
	for i := range infos {
		h := phraseStart()
		for l := 1; l <= d.maxLen && i+l <= len(infos); l++ {
			h = mix(h, infos[i+l-1].lower)
			mask, ok := d.tab.get(h)
			if !ok {
				break // no phrase goes on this way
			}
			for mask != 0 {
				lab := uint64(trailingZeros(mask))
				mask &= mask - 1
				for j := i; j < i+l; j++ {
					var pos uint64 // 0 single, 1 first, 2 inside, 3 last
					switch {
					case l == 1:
						pos = 0
					case j == i:
						pos = 1
					case j == i+l-1:
						pos = 3
					default:
						pos = 2
					}
					capital := uint64(infos[j].flags & (fTitle | fUpper))
					hits[j] = append(hits[j], mix(tDict, lab<<8|pos<<4|capital))
				}
			}
		}
	}
}

func trailingZeros(x uint64) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// vocab records, for a lower-cased word, the casings it was seen in.
type vocab map[uint64]uint8

const (
	vLower uint8 = 1 << iota // all lower case
	vCap                     // capitalised, not first in its sentence
	vUpper                   // all capitals, longer than one letter
)

func (v vocab) add(infos []tokInfo) {
	for i := range infos {
		t := &infos[i]
		switch {
		case t.flags&fLower != 0:
			v[t.lower] |= vLower
		case t.flags&fUpper != 0 && t.runes > 1:
			v[t.lower] |= vUpper
		case t.flags&fTitle != 0 && t.flags&fFirst == 0:
			v[t.lower] |= vCap
		}
	}
}

// caseKey is the case feature's value: the token's own casing with the
// other casings its word was seen in (never its own, which it always is).
func caseKey(t *tokInfo, v, local *table) uint64 {
	a, _ := v.get(t.lower)
	b, _ := local.get(t.lower)
	seen := uint8(a | b)
	var own uint8
	switch {
	case t.flags&fLower != 0:
		own, seen = 1, seen&^vLower
	case t.flags&fUpper != 0:
		own, seen = 2, seen&^vUpper
	case t.flags&fTitle != 0:
		own, seen = 3, seen&^vCap
	default:
		return 0
	}
	if t.flags&fFirst != 0 {
		own |= 4
	}
	return uint64(own)<<8 | uint64(seen)
}

// scratch is featurize's working space, kept from one sentence to the
// next: tagging a long document allocates nothing a sentence.
type scratch struct {
	out    []uint64   // the feature keys of every token, one after another
	ends   []int32    // each token's end in out
	own    []int32    // the end in out of each token's own features (see featurize)
	lw, sh []uint64   // words and shapes, padded
	hits   [][]uint64 // dictionary features a token
}

// featurize returns the feature keys of every token of a sentence, one
// after another, and each token's end in them; both are sc's, valid until
// its next call.
func featurize(sc *scratch, infos []tokInfo, d *dict, v, local *table, disable Features) ([]uint64, []int32) {
	out, ends, own := sc.out[:0], sc.ends[:0], sc.own[:0]
	n := len(infos)
	var hits [][]uint64
	if disable&FeatDict == 0 && d != nil && len(d.tab.keys) > 0 {
		if cap(sc.hits) < n {
			sc.hits = append(sc.hits[:cap(sc.hits)], make([][]uint64, n-cap(sc.hits))...)
		}
		hits = sc.hits[:n]
		for i := range hits {
			hits[i] = hits[i][:0]
		}
		d.hits(infos, hits)
	}
	const before, after = 0x4245464F5245, 0x4146544552 // beyond the sentence
	// the words and shapes around, padded by two on each side (arrays,
	// not closures: calls are dear in wasm)
	if cap(sc.lw) < n+4 {
		sc.lw, sc.sh = make([]uint64, n+4, 2*n+4), make([]uint64, n+4, 2*n+4)
	}
	lw, sh := sc.lw[:n+4], sc.sh[:n+4]
	for i := 0; i < n+4; i++ {
		switch j := i - 2; {
		case j < 0:
			lw[i], sh[i] = before, before
		case j >= n:
			lw[i], sh[i] = after, after
		default:
			lw[i], sh[i] = infos[j].lower, infos[j].shape
		}
	}
	for i := range infos {
		t := &infos[i]
		out = append(out, tBias)
		if disable&FeatWord == 0 {
			out = append(out, mix(tWord, t.word), mix(tLower, t.lower))
		}
		if disable&FeatAffix == 0 {
			for k := 0; k < 4; k++ {
				if t.pre[k] != 0 {
					out = append(out, mix(tPrefix+uint64(k), t.pre[k]), mix(tSuffix+uint64(k), t.suf[k]))
				}
			}
		}
		if disable&FeatShape == 0 {
			out = append(out, mix(tShape, t.shape), mix(tFlags, uint64(t.flags)), mix(tLen, lenBucket(t.runes)))
		}
		// the features so far depend on the token's text and whether it
		// starts its sentence only: a token's sum of their weights can be
		// kept for the next time its word comes (Model.tag)
		own = append(own, int32(len(out)))
		if disable&FeatContext == 0 {
			k := i + 2 // i's place in lw and sh
			out = append(out,
				mix(tPrev1, lw[k-1]), mix(tNext1, lw[k+1]),
				mix(tPrev2, lw[k-2]), mix(tNext2, lw[k+2]),
				mix(tPrevShape, sh[k-1]), mix(tNextShape, sh[k+1]),
				mix(tBigramPrev, mix(lw[k-1], t.lower)), mix(tBigramNext, mix(t.lower, lw[k+1])),
				mix(tShape3, mix(mix(sh[k-1], t.shape), sh[k+1])))
			if i > 0 {
				out = append(out, mix(tPrevSuffix3, infos[i-1].suf[2]))
			}
			if i+1 < n {
				out = append(out, mix(tNextSuffix3, infos[i+1].suf[2]))
			}
		}
		if disable&FeatCase == 0 {
			if k := caseKey(t, v, local); k != 0 {
				out = append(out, mix(tCase, k))
			}
		}
		if hits != nil {
			out = append(out, hits[i]...)
		}
		ends = append(ends, int32(len(out)))
	}
	sc.out, sc.ends, sc.own = out, ends, own
	return out, ends
}

// table is a read-only map from uint64 keys (hashes already) to values:
// open addressing on the keys' low bits, probed in a loop with no calls,
// which in wasm is several times faster than a Go map. Key 0 marks an
// empty slot; a key hashed to 0 is not stored (a feature that never
// fires).
type table struct {
	keys []uint64
	vals []uint64
	mask uint64
}

func newTableSize(n int) table {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return table{keys: make([]uint64, size), vals: make([]uint64, size), mask: uint64(size - 1)}
}

func (t *table) put(k, v uint64) {
	if k == 0 {
		return
	}
	j := k & t.mask
	for t.keys[j] != 0 && t.keys[j] != k {
		j = (j + 1) & t.mask
	}
	t.keys[j], t.vals[j] = k, v
}

func newTable[V uint64 | uint8](m map[uint64]V) table {
	t := newTableSize(len(m))
	for k, v := range m {
		t.put(k, uint64(v))
	}
	return t
}

// get returns the value of key k and whether it is there.
func (t *table) get(k uint64) (uint64, bool) {
	if k == 0 || len(t.keys) == 0 {
		return 0, false
	}
	j := k & t.mask
	for {
		switch t.keys[j] {
		case k:
			return t.vals[j], true
		case 0:
			return 0, false
		}
		j = (j + 1) & t.mask
	}
}
