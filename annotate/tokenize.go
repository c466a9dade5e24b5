package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// One tokenizer serves word snapping, the JSONL "tokens" and CoNLL: spaCy's
// English tokenizer (spacy/tokenizer.pyx) on text in Latin, Greek and
// Cyrillic script, UAX #29 words (uniseg) on every other script. The rules
// it applies are data, in tokrules.go.
//
// The text is first cut into chunks at whitespace: a whitespace cluster
// (a space, a tab, CR LF, NBSP, …) separates chunks; whitespace inside a
// cluster (a space carrying a combining accent) does not. Each chunk is
// tokenized on its own, so a token never crosses whitespace and snapping
// only tokenizes the chunk under the selection's ends.
//
// Inside a chunk, a "foreign run" starts at a letter, mark or digit of a
// script other than Latin, Greek and Cyrillic and extends to the last such
// character before a Latin, Greek or Cyrillic letter or the chunk's end
// (punctuation and symbols between two foreign characters stay inside:
// 東京、大阪, צה"ל). A foreign run is split into UAX #29 words. The rest of
// the chunk goes through spaCy's algorithm:
//
//  1. a chunk that is an exception ("don't" → do n't, "U.S", "Mr.") is
//     tokenized as the exception says;
//  2. otherwise prefixes ("(", "“", "$") and suffixes (")", ",", "'s",
//     "." after a lower-case letter or digit) are stripped, one of each per
//     round, until none is left or what remains is an exception;
//  3. what remains is one token if it is an exception or a URL or e-mail
//     address; otherwise it is split at infixes ("-" between letters, "."
//     between a lower- and an upper-case letter, "," between letters);
//  4. a run of tokens that together spell an exception is joined again
//     ("Tuesday.Mr." → Tuesday . Mr.), as spaCy's special-case matcher does.
//
// Finally a token boundary that would split a grapheme cluster is dropped,
// so tokens, and the selections snapped to them, never split a character.

// bspan is a token's byte range in the text.
type bspan struct{ lo, hi int }

// isAffixLetter: letters spaCy's English rules are written for.
func isAffixLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r))
}

// isForeign: a letter, mark or digit of a script other than Latin, Greek
// and Cyrillic; such runs are UAX #29 words. Combining marks no script
// owns (U+0301) and symbols are neither foreign nor affix letters.
func isForeign(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	switch {
	case unicode.IsLetter(r):
		if r >= 0x530 && r < 0x1C80 || r >= 0x2E80 && r < 0xA640 || r >= 0xAC00 && r < 0xFB00 {
			return true // no Latin, Greek or Cyrillic letter here (Hebrew, Arabic, CJK, …)
		}
		return !unicode.Is(unicode.Greek, r) && !unicode.Is(unicode.Cyrillic, r) && !unicode.Is(unicode.Latin, r)
	case unicode.IsMark(r):
		return !unicode.Is(unicode.Inherited, r)
	case unicode.IsDigit(r):
		return !unicode.Is(unicode.Common, r)
	}
	return false
}

// isSep reports whether the space-like code point r of width w at byte b
// separates chunks: it is whitespace whose whole grapheme cluster is
// whitespace.
func (x *TextIndex) isSep(b int, r rune, w int) bool {
	if !isSpaceLike(r) {
		return false
	}
	s := x.text
	if r < utf8.RuneSelf && (b == 0 || s[b-1] < utf8.RuneSelf) && (b+w >= len(s) || s[b+w] < utf8.RuneSelf) {
		return true // ASCII clusters: only CR LF joins, and both are spaces
	}
	// Whitespace joins its neighbours only as Prepend × it (GB9b) or it ×
	// Extend, ZWJ or SpacingMark (GB9, GB9a). Prepend is format characters
	// and the few letters named here; punctuation, digits, other symbols
	// and letters (but for the four named) are never Extend or
	// SpacingMark. Between such neighbours a space is a cluster of its own
	// without asking uniseg.
	prevOK := b == 0
	if !prevOK {
		p, _ := utf8.DecodeLastRuneInString(s[:b])
		// Prepend: format characters (U+0600…) and a few letters, the
		// rest of them in U+11000-U+11FFF
		prevOK = p < 0x600 || (p < 0x11000 || p >= 0x12000) && p != 0x0D4E && !unicode.Is(unicode.Cf, p)
	}
	if prevOK {
		if b+w >= len(s) {
			return true
		}
		c, _ := utf8.DecodeRuneInString(s[b+w:])
		if c < 0x300 || isSpaceLike(c) || unicode.IsPunct(c) || unicode.IsDigit(c) || unicode.Is(unicode.So, c) ||
			unicode.IsLetter(c) && c != 0x0E33 && c != 0x0EB3 && c != 0xFF9E && c != 0xFF9F {
			return true
		}
	}
	lo, hi := x.graphemeAround(b)
	for _, c := range s[lo:hi] {
		if !isSpaceLike(c) {
			return false
		}
	}
	return true
}

// sepAt reports whether the code point at byte b separates chunks, and
// its width.
func (x *TextIndex) sepAt(b int) (bool, int) {
	c := x.text[b]
	if c < utf8.RuneSelf {
		if c > ' ' && c != 0x7F {
			return false, 1 // the common case: printable ASCII
		}
		return x.isSep(b, rune(c), 1), 1
	}
	r, w := utf8.DecodeRuneInString(x.text[b:])
	return x.isSep(b, r, w), w
}

// chunkAround returns the chunk [lo, hi) containing byte b (a code point
// start that is not a separator).
func (x *TextIndex) chunkAround(b int) (lo, hi int) {
	s := x.text
	lo = b
	for lo > 0 {
		if c := s[lo-1]; c > ' ' && c < 0x7F {
			lo-- // printable ASCII
			continue
		}
		r, w := utf8.DecodeLastRuneInString(s[:lo])
		if x.isSep(lo-w, r, w) {
			break
		}
		lo -= w
	}
	hi = b
	for hi < len(s) {
		sep, w := x.sepAt(hi)
		if sep {
			break
		}
		hi += w
	}
	return lo, hi
}

// chunkTokens appends the tokens of the chunk [lo, hi) to out.
func (x *TextIndex) chunkTokens(lo, hi int, out []bspan) []bspan {
	s := x.text
	first := len(out)
	ascii := true
	for i := lo; i < hi; i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return x.affixTokens(lo, hi, out)
	}
	piece := lo // start of the part not yet tokenized
	for i := lo; i < hi; {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isForeign(r) {
			i += w
			continue
		}
		// a foreign run: to the last foreign code point before an affix
		// letter or the end of the chunk
		end := i + w
		for j := end; j < hi; {
			r, w := utf8.DecodeRuneInString(s[j:])
			if isAffixLetter(r) {
				break
			}
			j += w
			if isForeign(r) {
				end = j
			}
		}
		if piece < i {
			out = x.affixTokens(piece, i, out)
		}
		state := -1
		for p := i; p < end; {
			var word string
			word, _, state = uniseg.FirstWordInString(s[p:end], state)
			out = append(out, bspan{p, p + len(word)})
			p += len(word)
		}
		piece, i = end, end
	}
	if piece < hi {
		out = x.affixTokens(piece, hi, out)
	}
	// drop boundaries inside grapheme clusters
	k := first
	for j := first + 1; j < len(out); j++ {
		b := out[j].lo
		if (s[b-1] >= utf8.RuneSelf || s[b] >= utf8.RuneSelf) && !breaksBetween(s, b) && !x.isGraphemeBoundaryByte(b) {
			out[k].hi = out[j].hi
			continue
		}
		k++
		out[k] = out[j]
	}
	return out[:k+1]
}

// breaksBetween reports whether a grapheme cluster surely ends at byte b
// (inside the text) by looking at the two code points around it; false
// means "ask uniseg". A cluster continues past b only after Prepend or
// ZWJ, between regional indicators, or before Extend, SpacingMark or a
// Hangul or Indic letter; none of those is punctuation, a digit, another
// symbol that is no regional indicator, or below U+0300.
func breaksBetween(s string, b int) bool {
	p, _ := utf8.DecodeLastRuneInString(s[:b])
	if p == zwj || p >= 0x600 && (p >= 0x11000 && p < 0x12000 || p == 0x0D4E || unicode.Is(unicode.Cf, p)) {
		return false
	}
	c, _ := utf8.DecodeRuneInString(s[b:])
	return c < 0x300 || unicode.IsPunct(c) || unicode.IsDigit(c) || unicode.Is(unicode.So, c) && !isRI(c)
}

// affixTokens appends the tokens spaCy's algorithm makes of s[lo:hi].
func (x *TextIndex) affixTokens(lo, hi int, out []bspan) []bspan {
	s := x.text
	sp := tables().specials
	if exc, ok := sp[s[lo:hi]]; ok {
		return appendSpecial(out, lo, exc)
	}
	if onlyLetters(s[lo:hi]) {
		// no prefix, suffix, infix or URL has only letters and marks:
		// the common case, one word
		return append(out, bspan{lo, hi})
	}
	first := len(out)
	var sufs []bspan // stripped suffixes, outermost first
	last := -1
	for lo < hi && hi-lo != last {
		if _, ok := sp[s[lo:hi]]; ok {
			break
		}
		last = hi - lo
		pre := findPrefix(s[lo:hi])
		if pre > 0 && lo+pre < hi {
			if _, ok := sp[s[lo+pre:hi]]; ok {
				out = append(out, bspan{lo, lo + pre})
				lo += pre
				break
			}
		}
		suf := findSuffix(s[lo+pre : hi])
		if suf > 0 && hi-suf > lo {
			if _, ok := sp[s[lo:hi-suf]]; ok {
				sufs = append(sufs, bspan{hi - suf, hi})
				hi -= suf
				break
			}
		}
		switch {
		case pre > 0 && suf > 0 && pre+suf <= hi-lo:
			out = append(out, bspan{lo, lo + pre})
			sufs = append(sufs, bspan{hi - suf, hi})
			lo, hi = lo+pre, hi-suf
		case pre > 0:
			out = append(out, bspan{lo, lo + pre})
			lo += pre
		case suf > 0:
			sufs = append(sufs, bspan{hi - suf, hi})
			hi -= suf
		}
	}
	if lo < hi {
		core := s[lo:hi]
		if exc, ok := sp[core]; ok {
			out = appendSpecial(out, lo, exc)
		} else if isURL(core) {
			out = append(out, bspan{lo, hi})
		} else {
			out = appendInfixed(out, lo, core)
		}
	}
	for i := len(sufs) - 1; i >= 0; i-- {
		out = append(out, sufs[i])
	}
	if len(out)-first > 1 {
		out = joinSpecials(s, out, first)
	}
	return out
}

// onlyLetters reports whether s has only letters and combining marks.
func onlyLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			if c|0x20 < 'a' || c|0x20 > 'z' {
				return false
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return false
		}
		i += w - 1
	}
	return true
}

// appendSpecial appends an exception's tokens, the first starting at lo.
func appendSpecial(out []bspan, lo int, exc tokSpecial) []bspan {
	for _, n := range exc {
		out = append(out, bspan{lo, lo + int(n)})
		lo += int(n)
	}
	return out
}

// joinSpecials re-tokenizes runs of out[first:] that together spell an
// exception ("Tuesday.Mr." → Tuesday . Mr.), choosing among overlapping
// runs as spaCy's special-case matcher does: longest first, then leftmost;
// a run is skipped if its first or last token is taken, and its tokens
// count as taken even then.
func joinSpecials(s string, out []bspan, first int) []bspan {
	sp := tables().specials
	const maxRun = 12
	n := len(out) - first
	taken := make([]bool, n)
	end := make([]int, n) // a chosen run's end (exclusive) at its start, else 0
	found := false
	for l := min(n, maxRun); l >= 2; l-- {
		for i := 0; i+l <= n; i++ {
			j := i + l - 1
			if _, ok := sp[s[out[first+i].lo:out[first+j].hi]]; !ok {
				continue
			}
			if !taken[i] && !taken[j] {
				end[i], found = j+1, true
			}
			for k := i; k <= j; k++ {
				taken[k] = true
			}
		}
	}
	if !found {
		return out
	}
	res := append([]bspan(nil), out[:first]...)
	for i := 0; i < n; i++ {
		if end[i] == 0 {
			res = append(res, out[first+i])
			continue
		}
		lo, hi := out[first+i].lo, out[first+end[i]-1].hi
		res = appendSpecial(res, lo, sp[s[lo:hi]])
		i = end[i] - 1
	}
	return res
}

// Character classes of the rules (spaCy's ALPHA, ALPHA_LOWER, ALPHA_UPPER
// and CONCAT_QUOTES); letters with no case count as both cases, as there.
func isAlpha(r rune) bool { return unicode.IsLetter(r) }
func isLowerish(r rune) bool {
	return unicode.IsLower(r) || (unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r))
}
func isUpperish(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsTitle(r) || (unicode.IsLetter(r) && !unicode.IsLower(r))
}
func isDigit(r rune) bool { return '0' <= r && r <= '9' }
func isQuote(r rune) bool { return strings.ContainsRune(tokQuotes, r) }

// isIcon is LIST_ICONS: "other symbols" (So), emoji among them.
func isIcon(r rune) bool { return r >= 0xA6 && unicode.Is(unicode.So, r) }

// findPrefix returns the byte length of the prefix s starts with, 0 for
// none. The alternatives are tried in spaCy's order; the first wins.
func findPrefix(s string) int {
	r, w := utf8.DecodeRuneInString(s)
	switch {
	case r == '+':
		if len(s) > 1 && isDigit(rune(s[1])) {
			return 0
		}
		return 1
	case r == '.':
		if n := dots(s); n >= 2 {
			return n
		}
		return 0
	case strings.ContainsRune(tokPrefixOnly, r), strings.ContainsRune(tokPunct, r), isQuote(r):
		return w
	}
	t := tables()
	if r < utf8.RuneSelf && !strings.ContainsRune(t.currencyASCII, r) {
		return 0 // no currency starts so, and no icon is ASCII
	}
	for _, c := range t.currency {
		if strings.HasPrefix(s, c) {
			return len(c)
		}
	}
	if isIcon(r) {
		return w
	}
	return 0
}

// dots counts the dots s starts with.
func dots(s string) int {
	n := 0
	for n < len(s) && s[n] == '.' {
		n++
	}
	return n
}

// findSuffix returns the byte length of the suffix s ends with, 0 for
// none: of all the suffix rules matching at the end, the one starting
// leftmost (Python's re.search over the alternation).
func findSuffix(s string) int {
	if s == "" {
		return 0
	}
	best := len(s) // the leftmost start found
	try := func(start int) {
		if start >= 0 && start < best {
			best = start
		}
	}
	before := func(i int) rune { // the code point before byte i
		if i <= 0 {
			return -1
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		return r
	}
	r, w := utf8.DecodeLastRuneInString(s)
	end := len(s) - w
	if strings.ContainsRune(tokPunct, r) || isQuote(r) || isIcon(r) || r == '—' || r == '–' {
		try(end)
	}
	if strings.HasSuffix(s, "……") {
		try(len(s) - len("……"))
	}
	if r == '.' {
		n := 0
		for n < len(s) && s[len(s)-1-n] == '.' {
			n++
		}
		if n >= 2 {
			try(len(s) - n) // an ellipsis
		}
		p := before(end)
		switch {
		case isDigit(p) || isLowerish(p) || strings.ContainsRune(tokDotAfter, p) || strings.ContainsRune(tokPunct, p) || isQuote(p):
			try(end)
		case isUpperish(p) && isUpperish(before(end-utf8.RuneLen(p))):
			try(end)
		case strings.ContainsRune(tokDegreeUnits, p) && before(end-1) == '°':
			try(end)
		}
	}
	for _, suf := range tokSuffixWords {
		if strings.HasSuffix(s, suf) {
			try(len(s) - len(suf))
		}
	}
	if r == '+' && isDigit(before(end)) {
		try(end)
	}
	// currency and units after a digit: only where a digit precedes
	for i := max(1, len(s)-maxAfterDigit); i < len(s); i++ {
		if isDigit(rune(s[i-1])) && utf8.RuneStart(s[i]) && i < best && tables().afterDigit[s[i:]] {
			try(i)
		}
	}
	return len(s) - best
}

// appendInfixed splits core (at byte lo of the text) at its infixes.
// An infix at the very start is not split off (spaCy skips it).
func appendInfixed(out []bspan, lo int, core string) []bspan {
	start := 0
	prev := rune(-1)
	for i := 0; i < len(core); {
		r, w := utf8.DecodeRuneInString(core[i:])
		n := infixAt(core, i, prev, r, w)
		if n == 0 {
			prev = r
			i += w
			continue
		}
		if i > 0 {
			if i != start {
				out = append(out, bspan{lo + start, lo + i})
			}
			out = append(out, bspan{lo + i, lo + i + n})
			start = i + n
		}
		prev, _ = utf8.DecodeLastRuneInString(core[:i+n])
		i += n
	}
	if start < len(core) {
		out = append(out, bspan{lo + start, lo + len(core)})
	}
	return out
}

// infixAt returns the byte length of the infix at byte i of s (0 for
// none); prev is the code point before it (-1 at the start), r of width w
// the one at it. The alternatives in spaCy's English order.
func infixAt(s string, i int, prev, r rune, w int) int {
	next := func(j int) rune {
		if j >= len(s) {
			return -1
		}
		c, _ := utf8.DecodeRuneInString(s[j:])
		return c
	}
	switch {
	case r == '.' && next(i+1) == '.':
		return dots(s[i:])
	case r == '…', isIcon(r):
		return w
	case isDigit(prev) && strings.ContainsRune(tokInfixMath, r) && (isDigit(next(i+1)) || next(i+1) == '-'):
		return 1
	case r == '.' && (isLowerish(prev) || isQuote(prev)) && (isUpperish(next(i+1)) || isQuote(next(i+1))):
		return 1
	case r == ',' && isAlpha(prev) && isAlpha(next(i+1)):
		return 1
	}
	if isAlpha(prev) || isDigit(prev) {
		for _, h := range tokHyphens {
			if strings.HasPrefix(s[i:], h) && isAlpha(next(i+len(h))) {
				return len(h)
			}
		}
		if strings.ContainsRune(tokInfixSym, r) && isAlpha(next(i+1)) {
			return 1
		}
	}
	return 0
}

// isURL is spaCy's URL_MATCH: an optional scheme ("https://"), an
// optional "user@" (so e-mail addresses match), a host (a public IPv4
// address or dot-separated labels ending in a lower-case top-level domain
// of 2 to 63 letters), an optional port, and an optional path, query or
// fragment.
func isURL(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false // every host form has a dot
	}
	if i := strings.Index(s, "://"); i >= 2 {
		scheme := true
		for _, r := range s[:i] {
			scheme = scheme && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '+' || r == '-' || r == '.')
		}
		if scheme {
			s = s[i+3:]
		}
	}
	for at := strings.LastIndexByte(s, '@'); at > 0; at = strings.LastIndexByte(s[:at], '@') {
		if urlHost(s[at+1:]) {
			return true
		}
	}
	return urlHost(s)
}

// urlHost matches host, port and path: the part of a URL after "user@".
func urlHost(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '?' || c == '#' {
			s = s[:i] // the path: any non-space characters
			break
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if n := len(s) - i - 1; n < 2 || n > 5 || !allDigits(s[i+1:]) {
			return false
		}
		s = s[:i]
	}
	last := strings.LastIndexByte(s, '.')
	if last < 0 {
		return false
	}
	if publicIPv4(s) {
		return true
	}
	n := 0
	for _, r := range s[last+1:] {
		if !isLowerish(r) {
			return false
		}
		n++
	}
	if n < 2 || n > 63 {
		return false
	}
	// the labels: 1 to 64 characters, letters, digits or U+00A1-U+FFFF,
	// with "_" and "-" allowed inside
	hostChar := func(r rune) bool {
		return r < utf8.RuneSelf && (isDigit(r) || 'a' <= r|0x20 && r|0x20 <= 'z') || r >= 0xA1 && r <= 0xFFFF
	}
	n = 0
	prev := rune('.')
	for _, r := range s[:last+1] {
		if r == '.' {
			if n == 0 || n > 64 || !hostChar(prev) {
				return false
			}
			n = 0
		} else if n == 0 && !hostChar(r) || !hostChar(r) && r != '_' && r != '-' {
			return false
		} else {
			n++
		}
		prev = r
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return s != ""
}

// publicIPv4 matches the dotted-quad alternative of URL_MATCH, which
// leaves out private, loopback and reserved networks.
func publicIPv4(s string) bool {
	var o [4]int
	k := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if k == 4 || i == 0 || s[i-1] == '.' {
				return false
			}
			k++
			continue
		}
		if !isDigit(rune(s[i])) || o[k] > 99 {
			return false
		}
		o[k] = o[k]*10 + int(s[i]-'0')
	}
	switch {
	case k != 4, o[0] == 10 || o[0] == 127, o[0] == 169 && o[1] == 254, o[0] == 192 && o[1] == 168, o[0] == 172 && o[1] >= 16 && o[1] <= 31:
		return false
	}
	return o[0] >= 1 && o[0] <= 223 && o[1] <= 255 && o[2] <= 255 && o[3] >= 1 && o[3] <= 254
}
