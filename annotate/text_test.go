package annotate

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func loadArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// gulfOffsets are hand-verified offsets of substrings of
// testdata/articles/gulf-shipping-multilingual.txt. They were computed with
// python3, independently of this package:
//
//	s = open(path, 'rb').read().decode('utf-8')   # CRLF kept
//	i = s.find(sub); j = i + len(sub)               # code points (str indices)
//	len(s[:i].encode('utf-16-le')) // 2             # UTF-16 code units
//	len(s[:i].encode())                             # UTF-8 bytes
//
// (rfind for the last CRLF). The file's bytes were checked with cat -A:
// "Cafe\u0301" and "Gene\u0300ve" use combining marks, "Zoë", "Müller" and
// "Østergaard" are precomposed, and every line ends in CR LF.
var gulfOffsets = []struct {
	name     string
	sub      string
	cp0, cp1 int
	u0, u1   int
	b0, b1   int
}{
	{"ship emoji 🚢", "\U0001F6A2", 45, 46, 45, 47, 45, 49},
	{"ZWJ sequence 👩‍💻", "\U0001F469\u200D\U0001F4BB", 479, 482, 482, 487, 523, 534},
	{"flag 🇮🇱", "\U0001F1EE\U0001F1F1", 368, 370, 369, 373, 401, 409},
	{"thumbs up + skin tone 👍🏽", "\U0001F44D\U0001F3FD", 618, 620, 623, 627, 678, 686},
	{"Hebrew name", "\u05D9\u05D5\u05D0\u05D1 \u05D2\u05DC\u05E0\u05D8", 292, 301, 293, 302, 313, 330},
	{"Persian name", "\u0646\u0627\u0635\u0631 \u06A9\u0646\u0639\u0627\u0646\u06CC", 102, 113, 103, 114, 107, 128},
	{"CJK 東京", "\u6771\u4EAC", 637, 639, 644, 646, 703, 709},
	{"Cafe + combining acute", "Cafe\u0301", 395, 400, 398, 403, 434, 440},
	{"Gene + combining grave + ve", "Gene\u0300ve", 417, 424, 420, 427, 457, 465},
	{"Zoë, precomposed ë", "Zo\u00EB", 457, 460, 460, 463, 498, 502},
	{"Müller", "M\u00FCller", 461, 467, 464, 470, 503, 510},
	{"Østergaard", "\u00D8stergaard", 468, 478, 471, 481, 511, 522},
	{"first CRLF", "\r\n", 46, 48, 47, 49, 49, 51},
	{"last CRLF", "\r\n", 715, 717, 722, 724, 785, 787},
	{"closing quote", "waters,\u201D", 175, 183, 176, 184, 192, 202},
	{"Tokyo", "Tokyo", 641, 646, 648, 653, 711, 716},
}

func TestTextIndexGulfOffsets(t *testing.T) {
	s := loadArticle(t, "gulf-shipping-multilingual.txt")
	x := NewTextIndex(s)
	// Lengths, also from python3: len(s), utf-16-le bytes / 2, utf-8 bytes.
	if x.Len() != 717 || x.UTF16Len() != 724 || x.ByteLen() != 787 {
		t.Fatalf("lengths = %d cp, %d u16, %d bytes; want 717, 724, 787", x.Len(), x.UTF16Len(), x.ByteLen())
	}
	for _, c := range gulfOffsets {
		for _, p := range [][3]int{{c.cp0, c.u0, c.b0}, {c.cp1, c.u1, c.b1}} {
			cp, u, b := p[0], p[1], p[2]
			if got := x.ByteOf(cp); got != b {
				t.Errorf("%s: ByteOf(%d) = %d, want %d", c.name, cp, got, b)
			}
			if got := x.UTF16Of(cp); got != u {
				t.Errorf("%s: UTF16Of(%d) = %d, want %d", c.name, cp, got, u)
			}
			for _, up := range []bool{false, true} {
				if got := x.FromUTF16(u, up); got != cp {
					t.Errorf("%s: FromUTF16(%d, %v) = %d, want %d", c.name, u, up, got, cp)
				}
				if got := x.FromByte(b, up); got != cp {
					t.Errorf("%s: FromByte(%d, %v) = %d, want %d", c.name, b, up, got, cp)
				}
			}
		}
		if got := x.Slice(c.cp0, c.cp1); got != c.sub {
			t.Errorf("%s: Slice(%d, %d) = %q, want %q", c.name, c.cp0, c.cp1, got, c.sub)
		}
	}
}

func TestTextIndexRoundingInsideCharacters(t *testing.T) {
	x := NewTextIndex(loadArticle(t, "gulf-shipping-multilingual.txt"))
	// 🚢 is cp 45, UTF-16 [45, 47), bytes [45, 49): a low surrogate at u16 46,
	// continuation bytes at 46..48.
	if got := x.FromUTF16(46, false); got != 45 {
		t.Errorf("FromUTF16(46, down) = %d, want 45", got)
	}
	if got := x.FromUTF16(46, true); got != 46 {
		t.Errorf("FromUTF16(46, up) = %d, want 46", got)
	}
	for b := 46; b <= 48; b++ {
		if got := x.FromByte(b, false); got != 45 {
			t.Errorf("FromByte(%d, down) = %d, want 45", b, got)
		}
		if got := x.FromByte(b, true); got != 46 {
			t.Errorf("FromByte(%d, up) = %d, want 46", b, got)
		}
	}
	// 東 is cp 637, bytes [703, 706): a three-byte character.
	if got := x.FromByte(704, false); got != 637 {
		t.Errorf("FromByte(704, down) = %d, want 637", got)
	}
	if got := x.FromByte(705, true); got != 638 {
		t.Errorf("FromByte(705, up) = %d, want 638", got)
	}
	// ë in Zoë is cp 459, bytes [500, 502).
	if got := x.FromByte(501, true); got != 460 {
		t.Errorf("FromByte(501, up) = %d, want 460", got)
	}
	// Clamping.
	if x.ByteOf(-5) != 0 || x.ByteOf(10_000) != 787 || x.UTF16Of(10_000) != 724 ||
		x.FromUTF16(-1, false) != 0 || x.FromUTF16(10_000, false) != 717 ||
		x.FromByte(-1, true) != 0 || x.FromByte(10_000, true) != 717 {
		t.Error("offsets outside the text are not clamped")
	}
	if x.Slice(5, 3) != "" {
		t.Error("Slice(5, 3) is not empty")
	}
}

func TestTextIndexEmptyAndASCII(t *testing.T) {
	x := NewTextIndex("")
	if x.Len() != 0 || x.ByteOf(0) != 0 || x.UTF16Of(3) != 0 || x.FromUTF16(0, true) != 0 || x.FromByte(1, false) != 0 || x.Slice(0, 0) != "" {
		t.Error("empty text")
	}
	x = NewTextIndex("hello\r\nworld")
	if x.Len() != 12 || x.ByteOf(7) != 7 || x.UTF16Of(7) != 7 || x.FromUTF16(7, false) != 7 || x.FromByte(7, true) != 7 || x.Slice(5, 7) != "\r\n" {
		t.Error("ASCII text")
	}
}

// pieces mixes one-, two-, three- and four-byte UTF-8, BMP and astral code
// points (surrogate pairs in UTF-16), combining marks, ZWJ, regional
// indicators, Hangul jamo, Indic marks, CR and LF: the material of the
// property tests.
var pieces = []string{
	"a", "b", "Z", "e", " ", " ", "  ", "\r\n", "\n", "\r", "\t", ".", ",", "'", ":", "\"", "3", "7", "_", "-", "!", "?",
	"é", "ë", "\u0301", "\u0300", "\u00A0", "\u200B", "\u200D", "\uFE0F",
	"ש", "ל", "ו", "ם", "\u05F4", "ن", "ا", "ی", "\u0600", "क", "\u094D", "\u0903",
	"東", "京", "ア", "\u3000", "ᄀ", "ᅡ", "ᆨ", "한",
	"’", "‘", "“", "”", "«", "»",
	"🚢", "👩", "💻", "👍", "🏽", "🇮", "🇱", "🇺", "🇸", "\U0001F469\u200D\U0001F4BB", "𝔸",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestTextIndexConversionsProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		n := r.IntN(40)
		if iter%10 == 0 {
			n = 200 + r.IntN(800) // long texts cross many 32-code-point blocks
		}
		s := randomText(r, n)
		x := NewTextIndex(s)
		// Brute force: walk the runes once, recording every offset.
		var cpByte, cpU16 []int
		u := 0
		for i, c := range s {
			cpByte = append(cpByte, i)
			cpU16 = append(cpU16, u)
			u += len(utf16.Encode([]rune{c}))
		}
		cpByte = append(cpByte, len(s))
		cpU16 = append(cpU16, u)
		runes := len(cpByte) - 1
		if x.Len() != runes || x.UTF16Len() != u || x.ByteLen() != len(s) {
			t.Fatalf("%q: lengths %d/%d/%d, want %d/%d/%d", s, x.Len(), x.UTF16Len(), x.ByteLen(), runes, u, len(s))
		}
		for cp := 0; cp <= runes; cp++ {
			if got := x.ByteOf(cp); got != cpByte[cp] {
				t.Fatalf("%q: ByteOf(%d) = %d, want %d", s, cp, got, cpByte[cp])
			}
			if got := x.UTF16Of(cp); got != cpU16[cp] {
				t.Fatalf("%q: UTF16Of(%d) = %d, want %d", s, cp, got, cpU16[cp])
			}
			if got := x.Slice(cp, runes); got != s[cpByte[cp]:] {
				t.Fatalf("%q: Slice(%d, end) = %q", s, cp, got)
			}
		}
		// Every byte and UTF-16 offset: exact on a boundary, rounded
		// down/up inside a character.
		for b := 0; b <= len(s); b++ {
			down, up := 0, runes
			for cp := 0; cp <= runes; cp++ {
				if cpByte[cp] <= b {
					down = cp
				}
				if cpByte[cp] >= b && up == runes && (cp == 0 || cpByte[cp-1] < b) {
					up = cp
				}
			}
			if got := x.FromByte(b, false); got != down {
				t.Fatalf("%q: FromByte(%d, down) = %d, want %d", s, b, got, down)
			}
			if got := x.FromByte(b, true); got != up {
				t.Fatalf("%q: FromByte(%d, up) = %d, want %d", s, b, got, up)
			}
		}
		for v := 0; v <= u; v++ {
			down, up := 0, runes
			for cp := 0; cp <= runes; cp++ {
				if cpU16[cp] <= v {
					down = cp
				}
			}
			for cp := runes; cp >= 0; cp-- {
				if cpU16[cp] >= v {
					up = cp
				}
			}
			if got := x.FromUTF16(v, false); got != down {
				t.Fatalf("%q: FromUTF16(%d, down) = %d, want %d", s, v, got, down)
			}
			if got := x.FromUTF16(v, true); got != up {
				t.Fatalf("%q: FromUTF16(%d, up) = %d, want %d", s, v, got, up)
			}
		}
	}
}

// mixedText builds a text of n code points mixing ASCII words, Hebrew,
// Arabic, CJK, accents and astral emoji, with CRLF line ends.
func mixedText(n int) string {
	words := []string{"the", "Navy", "ship", "יואב", "גלנט", "ناصر", "کنعانی", "東京", "Zoë", "Cafe\u0301", "🚢", "👩\u200D💻", "🇮🇱", "👍🏽", "“seized,”", "12%", "Navy’s"}
	r := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	cps := 0
	for cps < n {
		w := words[r.IntN(len(words))]
		sep := " "
		if r.IntN(12) == 0 {
			sep = ".\r\n"
		}
		b.WriteString(w)
		b.WriteString(sep)
		cps += utf8.RuneCountInString(w) + utf8.RuneCountInString(sep)
	}
	s := b.String()
	// Cut to exactly n code points.
	i := 0
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

func BenchmarkConvert(b *testing.B) {
	x := NewTextIndex(mixedText(1_000_000))
	r := rand.New(rand.NewPCG(3, 4))
	const k = 1024
	cps, us, bs := make([]int, k), make([]int, k), make([]int, k)
	for i := range k {
		cps[i] = r.IntN(x.Len() + 1)
		us[i] = r.IntN(x.UTF16Len() + 1)
		bs[i] = r.IntN(x.ByteLen() + 1)
	}
	b.Run("ByteOf", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			x.ByteOf(cps[i%k])
		}
	})
	b.Run("UTF16Of", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			x.UTF16Of(cps[i%k])
		}
	})
	b.Run("FromUTF16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			x.FromUTF16(us[i%k], i&1 == 0)
		}
	})
	b.Run("FromByte", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			x.FromByte(bs[i%k], i&1 == 0)
		}
	})
}
