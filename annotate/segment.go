package annotate

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Segmentation (UAX #29 grapheme clusters, words, sentences) comes from
// github.com/rivo/uniseg; nothing here hand-codes Unicode tables.
//
// Snapping must answer in microseconds on a megabyte-sized document, so the
// point queries (GraphemeFloor/Ceil, Snap) never segment the whole text.
// They scan back from the offset to a "safe start": a position that is
// certainly a boundary and after which segmenting afresh (uniseg state -1)
// gives exactly the boundaries a whole-text segmentation would. From there
// they segment forward over a window a few clusters or words long.
//
// A position p is a safe grapheme start when the two code points around it
// break when segmented on their own and no rule with longer context applies
// across p. Only two grapheme rules look further back than one code point:
// GB11 (emoji ZWJ sequences: the code point before p is ZWJ) and GB12/13
// (regional-indicator pairs: both code points are RIs), so those positions
// are never taken as safe. Everywhere else the pair decides, and a break
// after which segmentation restarts cannot be wrong, since every rule's
// left context lies inside the current cluster.
//
// Words (tokens, see tokenize.go) restart at whitespace: snapping
// tokenizes only the whitespace-delimited chunk under each end of the
// selection.
//
// Scanning is unbounded on purpose: a bound would need a fallback, and
// the only correct fallback (the start of the text) is slower. Ordinary text
// has a safe start within a code point or two; only pathological input (a
// megabyte of combining marks, of flags, of whitespace, or a megabyte with
// no whitespace at all) scans far.

const (
	zwj      = '\u200D'
	riFirst  = '\U0001F1E6'
	riLast   = '\U0001F1FF'
	crByte   = '\r'
	lineFeed = '\n'
)

func isRI(r rune) bool { return r >= riFirst && r <= riLast }

// isSpaceLike is what trimming and tokenising treat as whitespace: Unicode
// White_Space (space, tabs, CR, LF, NBSP, the U+2000 spaces, …), the
// invisible separators ZERO WIDTH SPACE, WORD JOINER and BOM, and the
// other C0 controls and DEL, which Python's str.split() (and so spaCy's
// and NLTK's readers) splits on: a token never holds one.
func isSpaceLike(r rune) bool {
	if r > 0xA0 && r < 0x1680 || r > 0x3000 && r != '\uFEFF' {
		return false // no whitespace here: skips the table for most letters
	}
	return r < 0x20 || r == 0x7F || unicode.IsSpace(r) || r == '\u200B' || r == '\u2060' || r == '\uFEFF'
}

// isTrimPunct is what SnapOptions.TrimPunct trims from the ends of a
// selection: Unicode punctuation, which includes every quotation mark
// (" ' “ ” ‘ ’ „ « » ‹ ›).
func isTrimPunct(r rune) bool { return unicode.IsPunct(r) }

// graphemeSafe reports whether byte offset b (a code point start) is a
// grapheme boundary from which segmentation can restart with state -1.
func (x *TextIndex) graphemeSafe(b int) bool {
	s := x.text
	if b <= 0 || b >= len(s) {
		return true
	}
	p, c := s[b-1], s[b]
	if p < utf8.RuneSelf && c < utf8.RuneSelf {
		// ASCII has no Extend, Prepend, ZWJ, RI or Hangul: only CR LF joins.
		return !(p == crByte && c == lineFeed)
	}
	pr, pw := utf8.DecodeLastRuneInString(s[:b])
	cr, cw := utf8.DecodeRuneInString(s[b:])
	if pr == zwj || (isRI(pr) && isRI(cr)) {
		return false
	}
	cl, _, _, _ := uniseg.FirstGraphemeClusterInString(s[b-pw:b+cw], -1)
	return len(cl) == pw
}

// graphemeAround returns the byte range [lo, hi) of the grapheme cluster
// containing byte offset b; lo == b when b is a boundary. At the end of the
// text it returns (len, len).
func (x *TextIndex) graphemeAround(b int) (lo, hi int) {
	s := x.text
	if b >= len(s) {
		return len(s), len(s)
	}
	if x.graphemeSafe(b) {
		cl, _, _, _ := uniseg.FirstGraphemeClusterInString(s[b:], -1)
		return b, b + len(cl)
	}
	p := b
	for !x.graphemeSafe(p) {
		_, w := utf8.DecodeLastRuneInString(s[:p])
		p -= w
	}
	state := -1
	for {
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(s[p:], state)
		if p+len(cl) > b || len(cl) == 0 {
			return p, p + len(cl)
		}
		p += len(cl)
	}
}

// cpAt converts byte offset to (a code point boundary) into a code point
// offset, given that byte offset from is code point cp. It counts only the
// runes in between, which is cheaper than a FromByte search for the short
// distances the window functions produce.
func (x *TextIndex) cpAt(from, cp, to int) int {
	if to >= from {
		return cp + utf8.RuneCountInString(x.text[from:to])
	}
	return cp - utf8.RuneCountInString(x.text[to:from])
}

// IsGraphemeBoundary reports whether code point offset cp lies between two
// grapheme clusters (user-perceived characters). 0 and Len() are boundaries;
// offsets outside the text are clamped.
func (x *TextIndex) IsGraphemeBoundary(cp int) bool {
	return x.isGraphemeBoundaryByte(x.ByteOf(clamp(cp, 0, x.n)))
}

// isGraphemeBoundaryByte is IsGraphemeBoundary for a byte offset that
// starts a code point (or is the end of the text).
func (x *TextIndex) isGraphemeBoundaryByte(b int) bool {
	if x.graphemeSafe(b) {
		return true
	}
	lo, _ := x.graphemeAround(b)
	return lo == b
}

// GraphemeFloor returns the largest grapheme boundary ≤ cp (clamped): where
// a selection's start must move so it does not begin inside a character.
func (x *TextIndex) GraphemeFloor(cp int) int {
	cp = clamp(cp, 0, x.n)
	b := x.ByteOf(cp)
	lo, _ := x.graphemeAround(b)
	return x.cpAt(b, cp, lo)
}

// GraphemeCeil returns the smallest grapheme boundary ≥ cp (clamped): where
// a selection's end must move so it does not end inside a character.
func (x *TextIndex) GraphemeCeil(cp int) int {
	cp = clamp(cp, 0, x.n)
	b := x.ByteOf(cp)
	lo, hi := x.graphemeAround(b)
	if lo == b {
		return cp
	}
	return x.cpAt(b, cp, hi)
}

// segIter steps through the boundaries of one UAX #29 segmentation (words
// or sentences) that are also grapheme-cluster boundaries: exactly what
// uniseg.StepString reports, without also computing line breaks and
// widths, whose tables and time Step would cost. The segmentation and the
// grapheme clusters run side by side, each with its own state, and a
// segment boundary inside a cluster is passed over.
type segIter struct {
	s          string
	first      func(string, int) (string, string, int)
	sp, sstate int // segmentation: position and state
	gp, gstate int // grapheme clusters
}

// newSegIter starts at byte p, a safe restart point for both.
func newSegIter(s string, p int, first func(string, int) (string, string, int)) *segIter {
	return &segIter{s: s, first: first, sp: p, sstate: -1, gp: p, gstate: -1}
}

// next returns the next boundary, len(s) at the end.
func (it *segIter) next() int {
	for it.sp < len(it.s) {
		seg, _, st := it.first(it.s[it.sp:], it.sstate)
		it.sp += len(seg)
		it.sstate = st
		for it.gp < it.sp {
			cl, _, _, gst := uniseg.FirstGraphemeClusterInString(it.s[it.gp:], it.gstate)
			it.gp += len(cl)
			it.gstate = gst
		}
		if it.gp == it.sp {
			return it.sp
		}
	}
	return len(it.s)
}

// wordAround returns the byte range [lo, hi) of the token containing byte
// offset b (see tokenize.go), or of the whitespace around b, or (len, len)
// at the end of the text. Only the chunk under b is tokenized, so snapping
// and Tokens agree by construction.
func (x *TextIndex) wordAround(b int) (lo, hi int) {
	var buf [16]bspan
	lo, hi, _ = x.tokenAt(b, chunkCache{toks: buf[:0]})
	return lo, hi
}

// chunkCache is the last chunk tokenized (valid when toks is not empty),
// for a second look-up in it: both ends of a selection in one chunk.
type chunkCache struct {
	lo, hi int
	toks   []bspan
}

// tokenAt is wordAround, reusing the chunk in c when b lies in it; it
// returns the cache for the next look-up. (Values, not a pointer, keep
// the token buffer on the caller's stack.)
func (x *TextIndex) tokenAt(b int, c chunkCache) (lo, hi int, _ chunkCache) {
	s := x.text
	if b >= len(s) {
		return len(s), len(s), c
	}
	if len(c.toks) == 0 || b < c.lo || b >= c.hi {
		if sep, w := x.sepAt(b); sep {
			lo, hi = b, b+w
			for lo > 0 {
				r, w := utf8.DecodeLastRuneInString(s[:lo])
				if !x.isSep(lo-w, r, w) {
					break
				}
				lo -= w
			}
			for hi < len(s) {
				sep, w := x.sepAt(hi)
				if !sep {
					break
				}
				hi += w
			}
			return lo, hi, c
		}
		c.lo, c.hi = x.chunkAround(b)
		c.toks = x.chunkTokens(c.lo, c.hi, c.toks[:0])
	}
	for _, t := range c.toks {
		if t.lo <= b && b < t.hi {
			return t.lo, t.hi, c
		}
	}
	return c.lo, c.hi, c // not reached: a chunk's tokens tile it
}

// SnapMode says how a raw selection is widened.
type SnapMode string

const (
	// SnapWord widens to whole tokens (like a double click, but with the
	// tokens spaCy makes: "Jimmy Carter's" gives "Jimmy Carter" and "'s")
	// and trims whitespace: the usual mode for named entities and claims.
	SnapWord SnapMode = "word"
	// SnapChar only widens to whole grapheme clusters, so a selection never
	// splits 👩‍💻, a flag or a letter from its accent, and is otherwise exact.
	SnapChar SnapMode = "char"
)

// SnapOptions configure Snap.
type SnapOptions struct {
	Mode SnapMode `json:"mode"`
	// TrimPunct also trims punctuation, quotes included, from both ends in
	// word mode. Punctuation inside the selection (the apostrophe in
	// "Navy’s") is never touched: only the ends are trimmed.
	TrimPunct bool `json:"trim_punct"`
}

// Snap turns a raw selection [start, end) into the fragment to annotate.
//
// Char mode moves start down and end up to grapheme boundaries and does not
// trim. Word mode widens start to the start of the token containing it and
// end to the end of the token containing end-1, then trims whole clusters of
// whitespace (CR, LF, NBSP included) — and, with TrimPunct, punctuation —
// from both ends. An empty selection in word mode selects the word at the
// caret (the one after it, else the one before it), as a double click does.
// The result always lies on grapheme boundaries.
//
// Errors: CodeOutOfRange unless 0 ≤ start ≤ end ≤ Len(); CodeEmptyFragment
// when nothing but whitespace (or trimmed punctuation) remains; CodeBadArgument
// for an unknown mode.
func (x *TextIndex) Snap(start, end int, o SnapOptions) (Fragment, error) {
	if start < 0 || end < start || end > x.n {
		return Fragment{}, newErr(CodeOutOfRange, "selection "+selStr(start, end)+" is outside the text of "+Count(x.n)+" code points")
	}
	switch o.Mode {
	case SnapChar:
		f := Fragment{x.GraphemeFloor(start), x.GraphemeCeil(end)}
		if f.Start == f.End || x.allSpace(f) {
			return Fragment{}, newErr(CodeEmptyFragment, "selection "+selStr(start, end)+" is empty or only whitespace")
		}
		return f, nil
	case SnapWord, "": // the zero value means word mode
	default:
		return Fragment{}, newErr(CodeBadArgument, "unknown snap mode "+strconv.Quote(string(o.Mode))+" (want "+strconv.Quote(string(SnapWord))+" or "+strconv.Quote(string(SnapChar))+")")
	}
	if start == end {
		// A caret: the word after it, else the word before it.
		if start < x.n {
			if f, ok := x.snapWord(start, start+1, o); ok {
				return f, nil
			}
		}
		if start > 0 {
			if f, ok := x.snapWord(start-1, start, o); ok {
				return f, nil
			}
		}
		return Fragment{}, newErr(CodeEmptyFragment, "no word at offset "+strconv.Itoa(start))
	}
	f, ok := x.snapWord(start, end, o)
	if !ok {
		what := "whitespace"
		if o.TrimPunct {
			what = "whitespace and punctuation"
		}
		return Fragment{}, newErr(CodeEmptyFragment, "selection "+selStr(start, end)+" is only "+what)
	}
	return f, nil
}

// selStr writes a selection as Snap's messages show it: [start, end).
func selStr(start, end int) string {
	return "[" + strconv.Itoa(start) + ", " + strconv.Itoa(end) + ")"
}

// snapWord widens a non-empty [start, end) to words and trims it; ok is
// false when nothing remains.
func (x *TextIndex) snapWord(start, end int, o SnapOptions) (Fragment, bool) {
	bs := x.ByteOf(start)
	var buf [16]bspan
	lo, hi, c := x.tokenAt(bs, chunkCache{toks: buf[:0]})
	be := x.ByteOf(end)
	lastStart := be - 1
	for lastStart > 0 && !utf8.RuneStart(x.text[lastStart]) {
		lastStart--
	}
	if lastStart >= hi {
		_, hi, _ = x.tokenAt(lastStart, c)
	}
	// Word boundaries are grapheme boundaries already (see wordAround).
	pred := isSpaceLike
	if o.TrimPunct {
		pred = func(r rune) bool { return isSpaceLike(r) || isTrimPunct(r) }
	}
	lo, hi = x.trimClusters(lo, hi, pred)
	if lo >= hi {
		return Fragment{}, false
	}
	s := x.cpAt(bs, start, lo)
	return Fragment{s, x.cpAt(lo, s, hi)}, true
}

// trimClusters drops whole grapheme clusters made only of code points
// satisfying pred from both ends of the byte range [lo, hi), whose ends are
// grapheme boundaries. Whole clusters, so " \u0301" (a space carrying an
// accent) is kept and a trimmed result never starts inside a cluster.
func (x *TextIndex) trimClusters(lo, hi int, pred func(rune) bool) (int, int) {
	s := x.text
	all := func(c string) bool {
		for _, r := range c {
			if !pred(r) {
				return false
			}
		}
		return true
	}
	// Leading clusters. lo is a grapheme boundary, but not necessarily a
	// safe restart point, so each cluster is found with graphemeAround.
	for lo < hi {
		r, _ := utf8.DecodeRuneInString(s[lo:])
		if !pred(r) {
			break
		}
		_, e := x.graphemeAround(lo)
		if e > hi || !all(s[lo:e]) {
			break
		}
		lo = e
	}
	for hi > lo {
		r, w := utf8.DecodeLastRuneInString(s[:hi])
		if !pred(r) {
			break
		}
		b, _ := x.graphemeAround(hi - w)
		if b < lo || !all(s[b:hi]) {
			break
		}
		hi = b
	}
	return lo, hi
}

func (x *TextIndex) allSpace(f Fragment) bool {
	for _, r := range x.Slice(f.Start, f.End) {
		if !isSpaceLike(r) {
			return false
		}
	}
	return true
}

// Token is one token of the text (see tokenize.go: spaCy's English rules,
// UAX #29 words in other scripts). WS reports whether whitespace follows
// it directly, as spaCy's and Prodigy's "ws" does, so the text can be
// rebuilt from tokens and exported to token-based formats.
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	WS    bool   `json:"ws"`
}

// Tokens splits the whole text into tokens; whitespace is in none of them.
// Offsets are code points. One linear pass.
func (x *TextIndex) Tokens() []Token {
	return x.tokens(0, 0, len(x.text), nil)
}

// TokensIn returns the tokens overlapping [start, end) (clamped),
// tokenizing only the chunks the range touches.
func (x *TextIndex) TokensIn(start, end int) []Token {
	start, end = clamp(start, 0, x.n), clamp(end, 0, x.n)
	if start >= end {
		return nil
	}
	b := x.ByteOf(start)
	p := b
	if sep, _ := x.sepAt(b); !sep {
		p, _ = x.chunkAround(b)
	}
	cp := x.cpAt(b, start, p)
	return x.tokens(p, cp, x.ByteOf(end), func(t Token) bool { return t.End > start && t.Start < end })
}

// tokens tokenizes from byte p (code point cp; a chunk start or a
// separator) until a chunk starts at or past byte stop, keeping tokens
// accepted by keep (all when nil).
func (x *TextIndex) tokens(p, cp, stop int, keep func(Token) bool) []Token {
	s := x.text
	var out []Token
	if keep == nil {
		out = make([]Token, 0, len(s)/6+1)
	}
	var buf []bspan
	for p < len(s) && p < stop {
		sep, w := x.sepAt(p)
		if sep {
			p += w
			cp++
			continue
		}
		cs := p
		for p < len(s) {
			sep, w := x.sepAt(p)
			if sep {
				break
			}
			p += w
		}
		buf = x.chunkTokens(cs, p, buf[:0])
		at, atCP := cs, cp
		for _, bt := range buf {
			startCP := x.cpAt(at, atCP, bt.lo)
			endCP := x.cpAt(bt.lo, startCP, bt.hi)
			at, atCP = bt.hi, endCP
			t := Token{Start: startCP, End: endCP, Text: s[bt.lo:bt.hi]}
			if bt.hi < len(s) {
				r, _ := utf8.DecodeRuneInString(s[bt.hi:])
				t.WS = isSpaceLike(r)
			}
			if keep == nil || keep(t) {
				out = append(out, t)
			}
		}
		cp = atCP
	}
	return out
}

// Sentences returns the UAX #29 sentences of the text, each trimmed of the
// whitespace around it (trailing CR LF included), empty ones dropped.
// uniseg's rules are not abbreviation-aware: "the U.S. Navy’s" may end a
// sentence after "U.S." when a capital follows.
func (x *TextIndex) Sentences() []Fragment {
	s := x.text
	var out []Fragment
	p, cp := 0, 0
	start, startCP := 0, 0
	it := newSegIter(s, 0, uniseg.FirstSentenceInString)
	for p < len(s) {
		p = it.next()
		cp += utf8.RuneCountInString(s[start:p])
		lo, hi := x.trimClusters(start, p, isSpaceLike)
		if lo < hi {
			a := x.cpAt(start, startCP, lo)
			out = append(out, Fragment{a, x.cpAt(lo, a, hi)})
		}
		start, startCP = p, cp
	}
	return out
}
