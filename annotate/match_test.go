package annotate

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// regexpMatches is what Matches did for plain text before the fast path:
// the quoted pattern through regexp. The fast path must agree exactly.
func regexpMatches(t *testing.T, d *Document, o LabelAllOptions) []Fragment {
	t.Helper()
	o.Pattern, o.Regex = regexp.QuoteMeta(o.Pattern), true
	ms, err := d.Matches(o)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// Runes whose case forms differ in length or are not one-to-one.
const foldAlphabet = "aAbkKKsSſßẞσςΣİıiIéÉe\u0301ǅǄǆΩωΩ ._-'’1" + "\U0001F600\U00010400\U00010428" + "\r\n"

func randText(rng *rand.Rand, alphabet []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// randCase changes the case of some runes of s.
func randCase(rng *rand.Rand, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch rng.IntN(3) {
		case 0:
			r = unicode.SimpleFold(r)
		case 1:
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestLiteralMatchesAgreeWithRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	alphabet := []rune(foldAlphabet)
	texts := []string{readArticle(t, "gulf-shipping-multilingual.txt"), readArticle(t, "iran-us-talks.txt"),
		"aaa aa a", "KELVIN kelvin \u212aelvin", "straße STRASSE STRAẞE", "ΣΊΣΥΦΟΣ σίσυφος σίσυφοσ", "İstanbul istanbul ıstanbul ISTANBUL",
		"invalid \xff\xfe bytes \xe2\x82 k\xff", "valid \uFFFD\uFFFDk \uFFFD ab\uFFFD"} // U+FFFD in a valid text: the literal path
	for range 300 {
		texts = append(texts, randText(rng, alphabet, 1+rng.IntN(60)))
	}
	checked := 0
	for _, text := range texts {
		_, d := newDoc(t, text)
		rs := []rune(text)
		patterns := []string{"a", "k", "K", "s", "ß", "σ", "Σ", "İ", "ı", "i", "aa", "Iran", "’s", "e\u0301", "\U0001F600", "\U00010428"}
		for range 20 {
			i := rng.IntN(len(rs))
			j := min(len(rs), i+1+rng.IntN(4))
			p := string(rs[i:j])
			patterns = append(patterns, p, randCase(rng, p))
		}
		for _, p := range patterns {
			for _, o := range []LabelAllOptions{{Pattern: p}, {Pattern: p, CaseSensitive: true}, {Pattern: p, WholeWord: true}, {Pattern: p, CaseSensitive: true, WholeWord: true}} {
				got, err := d.Matches(o)
				if err != nil {
					t.Fatal(err)
				}
				if want := regexpMatches(t, d, o); !slices.Equal(got, want) {
					t.Fatalf("text %q, %+v:\nfast   %v\nregexp %v", text, o, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d searches agree", checked)
}

// TestLiteralMatchesCaseFolding pins what ignoring case means: simple
// folding, rune by rune, with the match as long as the text's runes.
func TestLiteralMatchesCaseFolding(t *testing.T) {
	for _, c := range []struct {
		text, pattern string
		want          string // matched texts, joined by |
	}{
		{"Kelvin \u212aelvin kELVIN", "kelvin", "Kelvin|\u212aelvin|kELVIN"},
		{"ſtraße STRASSE STRAẞE", "straße", "ſtraße|STRAẞE"}, // ß is not ss
		{"σοφός ΣΟΦΟΣ σοφόσ", "σοφός", "σοφός|σοφόσ"},        // ό and Ό fold; Ο and ό do not
		{"İstanbul istanbul Istanbul ıstanbul", "istanbul", "istanbul|Istanbul"},
		{"İstanbul istanbul", "İstanbul", "İstanbul"},
		{"ǅ ǆ Ǆ", "ǆ", "ǅ|ǆ|Ǆ"},
	} {
		_, d := newDoc(t, c.text)
		ms, err := d.Matches(LabelAllOptions{Pattern: c.pattern})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range ms {
			got = append(got, d.Index().Slice(f.Start, f.End))
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("%q in %q: %q, want %q", c.pattern, c.text, g, c.want)
		}
		if want := regexpMatches(t, d, LabelAllOptions{Pattern: c.pattern}); !slices.Equal(ms, want) {
			t.Errorf("%q in %q: %v, regexp %v", c.pattern, c.text, ms, want)
		}
	}
}

func FuzzLiteralMatches(f *testing.F) {
	f.Add("Kelvin \u212aelvin straße ΣΟΦΟΣ", "k", false, false)
	f.Add("aaa aa a", "aa", true, true)
	f.Fuzz(func(t *testing.T, text, pattern string, cs, ww bool) {
		if pattern == "" || len(text) > 1000 {
			return
		}
		_, d := newDoc(t, text)
		o := LabelAllOptions{Pattern: pattern, CaseSensitive: cs, WholeWord: ww}
		got, err := d.Matches(o)
		q := o
		q.Pattern, q.Regex = regexp.QuoteMeta(pattern), true
		want, werr := d.Matches(q)
		if (err == nil) != (werr == nil) || !slices.Equal(got, want) {
			t.Fatalf("%+v: fast %v %v, regexp %v %v", o, got, err, want, werr)
		}
	})
}

// BenchmarkMatches counts matches on the 1M-code-point document: plain
// text case-sensitive (strings.Index), ignoring case (folding scan), whole
// words, and a regular expression (regexp).
func BenchmarkMatches(b *testing.B) {
	_, d := bigDoc(b, 1_000_000)
	for _, c := range []struct {
		name string
		o    LabelAllOptions
	}{
		{"literal", LabelAllOptions{Pattern: "Iran", CaseSensitive: true}},
		{"literal-ci", LabelAllOptions{Pattern: "iran"}},
		{"literal-ci-word", LabelAllOptions{Pattern: "iran", WholeWord: true}},
		{"literal-ci-nonascii", LabelAllOptions{Pattern: "téhéran"}},
		{"regex", LabelAllOptions{Pattern: `Ira[nq]\b`, Regex: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				ms, err := d.Matches(c.o)
				if err != nil {
					b.Fatal(err)
				}
				n = len(ms)
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkLabelAll labels every whole word "the" on the 1M-code-point
// document (8,611 new spans, one undo step) and undoes it.
func BenchmarkLabelAll(b *testing.B) {
	_, d := bigDoc(b, 1_000_000)
	var added int
	for b.Loop() {
		r, err := d.LabelAll(LabelAllOptions{Label: "EVENT", Pattern: "the", WholeWord: true})
		if err != nil {
			b.Fatal(err)
		}
		added = r.Added
		if _, err := d.Undo(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(added), "spans")
}
