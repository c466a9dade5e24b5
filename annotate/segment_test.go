package annotate

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// cpIndex is the code point offset of the n-th (0-based) occurrence of sub
// in s, computed without TextIndex.
func cpIndex(t testing.TB, s, sub string, n int) int {
	t.Helper()
	off := 0
	for ; n >= 0; n-- {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			t.Fatalf("%q not found", sub)
		}
		off += i
		if n > 0 {
			off += len(sub)
		}
	}
	return utf8.RuneCountInString(s[:off])
}

// bruteGraphemes segments the whole text with uniseg and returns the set of
// grapheme boundaries in code points.
func bruteGraphemes(s string) map[int]bool {
	m := map[int]bool{0: true}
	cp, state := 0, -1
	for rest := s; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cp += utf8.RuneCountInString(cl)
		m[cp] = true
	}
	return m
}

// bruteWords segments the whole text with uniseg.Step and returns the word
// boundaries (those that are also grapheme boundaries) in bytes.
func bruteWords(s string) []int {
	out := []int{0}
	p, state := 0, -1
	for p < len(s) {
		cl, _, bounds, st := uniseg.StepString(s[p:], state)
		state = st
		p += len(cl)
		if bounds&uniseg.MaskWord != 0 || p == len(s) {
			out = append(out, p)
		}
	}
	return out
}

func checkGraphemes(t *testing.T, s string) {
	t.Helper()
	x := NewTextIndex(s)
	bound := bruteGraphemes(s)
	for cp := 0; cp <= x.Len(); cp++ {
		floor, ceil := cp, cp
		for !bound[floor] {
			floor--
		}
		for !bound[ceil] {
			ceil++
		}
		if got := x.IsGraphemeBoundary(cp); got != bound[cp] {
			t.Fatalf("%q: IsGraphemeBoundary(%d) = %v, want %v", s, cp, got, bound[cp])
		}
		if got := x.GraphemeFloor(cp); got != floor {
			t.Fatalf("%q: GraphemeFloor(%d) = %d, want %d", s, cp, got, floor)
		}
		if got := x.GraphemeCeil(cp); got != ceil {
			t.Fatalf("%q: GraphemeCeil(%d) = %d, want %d", s, cp, got, ceil)
		}
	}
}

// checkWords: wordAround, which tokenizes one chunk, gives for every code
// point the token of Tokens (the whole text) containing it, or the run of
// whitespace around it.
func checkWords(t *testing.T, s string) {
	t.Helper()
	x := NewTextIndex(s)
	toks := x.Tokens()
	k := 0
	prevEnd := 0
	for b := range len(s) {
		if !utf8.RuneStart(s[b]) {
			continue
		}
		for k < len(toks) && x.ByteOf(toks[k].End) <= b {
			prevEnd = x.ByteOf(toks[k].End)
			k++
		}
		lo, hi := x.wordAround(b)
		var wlo, whi int
		if k < len(toks) && x.ByteOf(toks[k].Start) <= b {
			wlo, whi = x.ByteOf(toks[k].Start), x.ByteOf(toks[k].End)
		} else {
			wlo, whi = prevEnd, len(s)
			if k < len(toks) {
				whi = x.ByteOf(toks[k].Start)
			}
		}
		if lo != wlo || hi != whi {
			t.Fatalf("%q: wordAround(%d) = [%d, %d), want [%d, %d)", s, b, lo, hi, wlo, whi)
		}
	}
}

func TestGraphemeGulfArticle(t *testing.T) {
	s := loadArticle(t, "gulf-shipping-multilingual.txt")
	checkGraphemes(t, s)
	checkWords(t, s)
}

func TestGraphemeProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := range 2000 {
		n := r.IntN(30)
		if iter%20 == 0 {
			n = 300
		}
		s := randomText(r, n)
		checkGraphemes(t, s)
		checkWords(t, s)
	}
}

func TestGraphemeWidening(t *testing.T) {
	s := loadArticle(t, "gulf-shipping-multilingual.txt")
	x := NewTextIndex(s)
	// Offsets from the hand-verified table in text_test.go.
	cases := []struct {
		name       string
		inside     int // an offset inside the cluster
		start, end int // the cluster
	}{
		{"inside 👩‍💻 (after 👩)", 480, 479, 482},
		{"inside 👩‍💻 (after ZWJ)", 481, 479, 482},
		{"inside 🇮🇱", 369, 368, 370},
		{"between 👍 and 🏽", 619, 618, 620},
		{"between e and U+0301", 399, 398, 400},
		{"between e and U+0300", 421, 420, 422},
		{"between CR and LF", 47, 46, 48},
		{"between the last CR and LF", 716, 715, 717},
	}
	for _, c := range cases {
		if x.IsGraphemeBoundary(c.inside) {
			t.Errorf("%s: %d is a boundary", c.name, c.inside)
		}
		if f, u := x.GraphemeFloor(c.inside), x.GraphemeCeil(c.inside); f != c.start || u != c.end {
			t.Errorf("%s: floor/ceil(%d) = %d/%d, want %d/%d", c.name, c.inside, f, u, c.start, c.end)
		}
		// A char-mode selection ending inside the cluster takes all of it,
		// and one starting inside it too.
		f, err := x.Snap(c.start-3, c.inside, SnapOptions{Mode: SnapChar})
		if err != nil || f != (Fragment{c.start - 3, c.end}) {
			t.Errorf("%s: Snap(%d, %d, char) = %v, %v; want [%d, %d)", c.name, c.start-3, c.inside, f, err, c.start-3, c.end)
		}
		f, err = x.Snap(c.inside, c.end, SnapOptions{Mode: SnapChar})
		if strings.Contains(c.name, "CR") {
			// CR LF alone is whitespace: nothing to annotate.
			if CodeOf(err) != CodeEmptyFragment {
				t.Errorf("%s: Snap(%d, %d, char) = %v, %v; want %s", c.name, c.inside, c.end, f, err, CodeEmptyFragment)
			}
		} else if err != nil || f != (Fragment{c.start, c.end}) {
			t.Errorf("%s: Snap(%d, %d, char) = %v, %v; want [%d, %d)", c.name, c.inside, c.end, f, err, c.start, c.end)
		}
	}
	// The combining marks in the article belong to the letters before them;
	// the precomposed ë is one code point and one cluster.
	if !x.IsGraphemeBoundary(459) || !x.IsGraphemeBoundary(460) {
		t.Error("precomposed ë is not its own cluster")
	}
}

func TestGraphemePathological(t *testing.T) {
	// Long runs without a safe restart point: the scan back must still be
	// right (flags pair up from the start of the run).
	flags := strings.Repeat("\U0001F1EE\U0001F1F1", 200) + "\U0001F1EE"
	checkGraphemes(t, "ab "+flags+" cd")
	checkGraphemes(t, "a"+strings.Repeat("\u0301", 300)+"b")
	checkWords(t, "ab "+flags+" cd")
	checkWords(t, strings.Repeat("東京", 200)+"ア")
	checkWords(t, strings.Repeat(" ", 300)+"x")
}

func TestSnap(t *testing.T) {
	const s = "  Barack Obama  said “no tanker was seized,” the Navy’s 🚢Fleet sailed\u00A0\u00A0‘Hormuz Lines’ rose 12%.\r\n\r\nyes  "
	x := NewTextIndex(s)
	word := SnapOptions{Mode: SnapWord}
	punct := SnapOptions{Mode: SnapWord, TrimPunct: true}
	char := SnapOptions{Mode: SnapChar}
	type sel struct {
		sub string // the raw selection: the n-th occurrence of sub
		n   int
		// or a caret inside sub at code point offset caret (when >= 0)
		caret int
	}
	cases := []struct {
		name string
		sel  sel
		o    SnapOptions
		want string // expected fragment text, located at its first occurrence
		wn   int    // ...or its wn-th occurrence
	}{
		{"inside a word widens to it", sel{"ara", 0, -1}, word, "Barack", 0},
		{"spaces around are trimmed", sel{" Barack ", 0, -1}, word, "Barack", 0},
		{"two padded words come back exact", sel{"  Barack Obama  ", 0, -1}, word, "Barack Obama", 0},
		{"partial words at both ends", sel{"rack Oba", 0, -1}, word, "Barack Obama", 0},
		{"quotes kept without TrimPunct", sel{"no tanker was seized", 0, -1}, word, "no tanker was seized", 0},
		{"quotes and comma kept when selected", sel{"“no tanker was seized,”", 0, -1}, word, "“no tanker was seized,”", 0},
		{"TrimPunct trims quotes and comma", sel{"“no tanker was seized,”", 0, -1}, punct, "no tanker was seized", 0},
		{"TrimPunct with the spaces too", sel{" “no tanker was seized,” ", 0, -1}, punct, "no tanker was seized", 0},
		{"a possessive is a token of its own (spaCy)", sel{"avy", 0, -1}, punct, "Navy", 0},
		{"possessive kept when selected", sel{"avy’", 0, -1}, punct, "Navy’s", 0},
		{"apostrophe kept, space trimmed", sel{"Navy’s ", 0, -1}, punct, "Navy’s", 0},
		{"single quotes trimmed", sel{"‘Hormuz Lines’", 0, -1}, punct, "Hormuz Lines", 0},
		{"single quotes kept", sel{"Hormuz Lines", 0, -1}, word, "Hormuz Lines", 0},
		{"word after an emoji", sel{"lee", 0, -1}, word, "Fleet", 0},
		{"emoji alone", sel{"🚢", 0, -1}, word, "🚢", 0},
		{"NBSP trimmed", sel{"sailed\u00A0\u00A0", 0, -1}, word, "sailed", 0},
		{"CRLF trimmed", sel{"%.\r\n\r\nye", 0, -1}, word, "%.\r\n\r\nyes", 0},
		{"CRLF and punctuation trimmed", sel{"%.\r\n\r\nye", 0, -1}, punct, "yes", 0},
		{"percent sign is punctuation", sel{"12%", 0, -1}, punct, "12", 0},
		{"caret inside a word", sel{"Obama", 0, 2}, word, "Obama", 0},
		{"caret at a word start", sel{"Obama", 0, 0}, word, "Obama", 0},
		{"caret at a word end", sel{"Barack", 0, 6}, word, "Barack", 0},
		{"char mode is exact", sel{"rac", 0, -1}, char, "rac", 0},
		{"char mode keeps spaces", sel{" Obama ", 0, -1}, char, " Obama ", 0},
		{"char mode keeps the comma", sel{"seized,", 0, -1}, char, "seized,", 0},
	}
	for _, c := range cases {
		var start, end int
		if c.sel.caret >= 0 {
			start = cpIndex(t, s, c.sel.sub, c.sel.n) + c.sel.caret
			end = start
		} else {
			start = cpIndex(t, s, c.sel.sub, c.sel.n)
			end = start + utf8.RuneCountInString(c.sel.sub)
		}
		want := Fragment{cpIndex(t, s, c.want, c.wn), 0}
		want.End = want.Start + utf8.RuneCountInString(c.want)
		got, err := x.Snap(start, end, c.o)
		if err != nil || got != want {
			t.Errorf("%s: Snap(%d, %d, %+v) = %v %q, %v; want %v %q", c.name, start, end, c.o, got, x.Slice(got.Start, got.End), err, want, c.want)
		}
	}

	errCases := []struct {
		name       string
		start, end int
		o          SnapOptions
		code       Code
	}{
		{"only spaces", 0, 2, word, CodeEmptyFragment},
		{"only spaces, char mode", 0, 2, char, CodeEmptyFragment},
		{"only NBSP", cpIndex(t, s, "\u00A0\u00A0", 0), cpIndex(t, s, "\u00A0\u00A0", 0) + 2, word, CodeEmptyFragment},
		{"only CRLF", cpIndex(t, s, "\r\n", 0), cpIndex(t, s, "\r\n", 0) + 4, word, CodeEmptyFragment},
		{"only punctuation with TrimPunct", cpIndex(t, s, "%.", 0), cpIndex(t, s, "%.", 0) + 2, punct, CodeEmptyFragment},
		{"empty in char mode", 5, 5, char, CodeEmptyFragment},
		{"caret between spaces", 1, 1, word, CodeEmptyFragment},
		{"negative start", -1, 3, word, CodeOutOfRange},
		{"end before start", 5, 3, word, CodeOutOfRange},
		{"end past the text", 0, x.Len() + 1, char, CodeOutOfRange},
		{"unknown mode", 0, 3, SnapOptions{Mode: "sentence"}, CodeBadArgument},
	}
	for _, c := range errCases {
		f, err := x.Snap(c.start, c.end, c.o)
		if CodeOf(err) != c.code {
			t.Errorf("%s: Snap(%d, %d) = %v, %v; want code %s", c.name, c.start, c.end, f, err, c.code)
		}
	}
	_, err := x.Snap(10, 5000, word)
	if err == nil || !strings.Contains(err.Error(), "[10, 5000)") || !strings.Contains(err.Error(), "104 code points") {
		t.Errorf("out-of-range message = %v; want the offsets and the length", err)
	}
	if n := x.Len(); n != 104 {
		t.Fatalf("test text is %d code points; update the message check", n)
	}
}

func TestSnapGulfArticle(t *testing.T) {
	s := loadArticle(t, "gulf-shipping-multilingual.txt")
	x := NewTextIndex(s)
	word := SnapOptions{Mode: SnapWord, TrimPunct: true}
	// Offsets from the hand-verified table in text_test.go.
	cases := []struct {
		name       string
		start, end int
		want       Fragment
	}{
		{"Hebrew name from a partial selection", 293, 299, Fragment{292, 301}},
		{"Hebrew name with its parentheses", 291, 302, Fragment{292, 301}},
		{"Persian name from a partial selection", 103, 111, Fragment{102, 113}},
		{"東京 are two words (one per ideograph)", 637, 638, Fragment{637, 638}},
		{"Cafe\u0301 widens over the combining mark", 396, 397, Fragment{395, 400}},
		{"Gene\u0300ve is one word", 420, 421, Fragment{417, 424}},
		{"Zoë Müller-Østergaard", 458, 470, Fragment{457, 478}},
		{"🇮🇱 from its second half", 369, 370, Fragment{368, 370}},
		{"👩‍💻 is a word", 480, 481, Fragment{479, 482}},
		{"title without its CRLF", 0, 48, Fragment{0, 46}},
	}
	for _, c := range cases {
		got, err := x.Snap(c.start, c.end, word)
		if err != nil || got != c.want {
			t.Errorf("%s: Snap(%d, %d) = %v %q, %v; want %v %q", c.name, c.start, c.end, got, x.Slice(got.Start, got.End), err, c.want, x.Slice(c.want.Start, c.want.End))
		}
	}
}

// shortText has CRLF line ends, an emoji, an apostrophe, a decimal and a
// trailing double space. Offsets checked with python3 (str.find).
const shortText = "Zoë said: “Go!”\r\nThe ship 🚢 can't sail 3.5 km.\r\nNo. It sank.  "

func TestTokens(t *testing.T) {
	x := NewTextIndex(shortText)
	want := []Token{
		{0, 3, "Zoë", true},
		{4, 8, "said", false},
		{8, 9, ":", true},
		{10, 11, "“", false},
		{11, 13, "Go", false},
		{13, 14, "!", false},
		{14, 15, "”", true},
		{17, 20, "The", true},
		{21, 25, "ship", true},
		{26, 27, "🚢", true},
		{28, 30, "ca", false},
		{30, 33, "n't", true},
		{34, 38, "sail", true},
		{39, 42, "3.5", true},
		{43, 45, "km", false},
		{45, 46, ".", true},
		{48, 50, "No", false},
		{50, 51, ".", true},
		{52, 54, "It", true},
		{55, 59, "sank", false},
		{59, 60, ".", true},
	}
	got := x.Tokens()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokens:\n got %v\nwant %v", got, want)
	}
	for _, tok := range got {
		if x.Slice(tok.Start, tok.End) != tok.Text || strings.TrimSpace(tok.Text) == "" {
			t.Errorf("token %v: text does not match its offsets or is whitespace", tok)
		}
	}
	if in := x.TokensIn(12, 27); !reflect.DeepEqual(in, want[4:10]) {
		t.Errorf("TokensIn(12, 27) = %v, want %v", in, want[4:10])
	}
	if in := x.TokensIn(15, 17); len(in) != 0 {
		t.Errorf("TokensIn over CRLF = %v, want none", in)
	}
	if NewTextIndex("").Tokens() == nil || len(NewTextIndex(" \r\n ").Tokens()) != 0 {
		t.Error("empty or blank text")
	}
}

func TestTokensInProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for range 300 {
		s := randomText(r, 60)
		x := NewTextIndex(s)
		all := x.Tokens()
		start := r.IntN(x.Len() + 1)
		end := start + r.IntN(x.Len()-start+1)
		var want []Token
		for _, tok := range all {
			if start < end && tok.Start < end && start < tok.End {
				want = append(want, tok)
			}
		}
		if got := x.TokensIn(start, end); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: TokensIn(%d, %d) = %v, want %v", s, start, end, got, want)
		}
		// Tokens tile the text apart from whitespace.
		prev := 0
		for _, tok := range all {
			for _, c := range x.Slice(prev, tok.Start) {
				if !isSpaceLike(c) {
					t.Fatalf("%q: non-space %q between tokens", s, c)
				}
			}
			if !x.IsGraphemeBoundary(tok.Start) || !x.IsGraphemeBoundary(tok.End) {
				t.Fatalf("%q: token %v splits a cluster", s, tok)
			}
			prev = tok.End
		}
	}
}

func TestSentences(t *testing.T) {
	x := NewTextIndex(shortText)
	want := []Fragment{{0, 15}, {17, 46}, {48, 51}, {52, 60}}
	if got := x.Sentences(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Sentences = %v, want %v", got, want)
	}
	if got := NewTextIndex("  \r\n ").Sentences(); len(got) != 0 {
		t.Errorf("blank text: %v", got)
	}
}

func TestSnapProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	for range 2000 {
		s := randomText(r, 25)
		x := NewTextIndex(s)
		start := r.IntN(x.Len() + 1)
		end := start + r.IntN(x.Len()-start+1)
		for _, o := range []SnapOptions{{Mode: SnapWord}, {Mode: SnapWord, TrimPunct: true}, {Mode: SnapChar}} {
			f, err := x.Snap(start, end, o)
			if err != nil {
				if c := CodeOf(err); c != CodeEmptyFragment {
					t.Fatalf("%q: Snap(%d, %d, %v): %v", s, start, end, o, err)
				}
				continue
			}
			if f.Start >= f.End || !x.IsGraphemeBoundary(f.Start) || !x.IsGraphemeBoundary(f.End) {
				t.Fatalf("%q: Snap(%d, %d, %v) = %v: empty or splits a cluster", s, start, end, o, f)
			}
			if o.Mode != SnapWord {
				continue
			}
			// No trimmable cluster is left at either end.
			trim := isSpaceLike
			if o.TrimPunct {
				trim = func(r rune) bool { return isSpaceLike(r) || isTrimPunct(r) }
			}
			first := x.Slice(f.Start, x.GraphemeCeil(f.Start+1))
			last := x.Slice(x.GraphemeFloor(f.End-1), f.End)
			if strings.TrimFunc(first, trim) == "" || strings.TrimFunc(last, trim) == "" {
				t.Fatalf("%q: Snap(%d, %d, %v) = %q: untrimmed end", s, start, end, o, x.Slice(f.Start, f.End))
			}
		}
	}
}

func BenchmarkSnapWord(b *testing.B) {
	x := NewTextIndex(mixedText(1_000_000))
	r := rand.New(rand.NewPCG(1, 1))
	const k = 1024
	sel := make([][2]int, k)
	for i := range sel {
		s := r.IntN(x.Len() - 40)
		sel[i] = [2]int{s, s + 1 + r.IntN(30)}
	}
	o := SnapOptions{Mode: SnapWord, TrimPunct: true}
	for i := 0; b.Loop(); i++ {
		x.Snap(sel[i%k][0], sel[i%k][1], o)
	}
}

func BenchmarkGraphemeCeil(b *testing.B) {
	x := NewTextIndex(mixedText(1_000_000))
	r := rand.New(rand.NewPCG(2, 2))
	const k = 1024
	cps := make([]int, k)
	for i := range cps {
		cps[i] = r.IntN(x.Len() + 1)
	}
	for i := 0; b.Loop(); i++ {
		x.GraphemeCeil(cps[i%k])
	}
}

func BenchmarkTokens1M(b *testing.B) {
	x := NewTextIndex(mixedText(1_000_000))
	for b.Loop() {
		x.Tokens()
	}
}

// englishText is the English sample article repeated to n code points
// (the tokenizer's main case: spaCy's rules on every chunk).
func englishText(tb testing.TB, n int) string {
	a := loadArticle(tb, "iran-us-talks.txt")
	s := strings.Repeat(a, n/utf8.RuneCountInString(a)+1)
	return string([]rune(s)[:n])
}

func BenchmarkTokens1MEnglish(b *testing.B) {
	x := NewTextIndex(englishText(b, 1_000_000))
	for b.Loop() {
		x.Tokens()
	}
}

func BenchmarkSnapWordEnglish(b *testing.B) {
	x := NewTextIndex(englishText(b, 1_000_000))
	r := rand.New(rand.NewPCG(1, 1))
	const k = 1024
	sel := make([][2]int, k)
	for i := range sel {
		s := r.IntN(x.Len() - 40)
		sel[i] = [2]int{s, s + 1 + r.IntN(30)}
	}
	o := SnapOptions{Mode: SnapWord, TrimPunct: true}
	for i := 0; b.Loop(); i++ {
		x.Snap(sel[i%k][0], sel[i%k][1], o)
	}
}
