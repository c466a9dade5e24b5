package annotate

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rivo/uniseg"
)

// stepBounds is the reference segIter replaced: the word (or sentence)
// boundaries uniseg.StepString reports, which lie between grapheme
// clusters only.
func stepBounds(s string, mask int) []int {
	var out []int
	p, state := 0, -1
	for p < len(s) {
		cl, _, b, st := uniseg.StepString(s[p:], state)
		state = st
		p += len(cl)
		if b&mask != 0 || p >= len(s) {
			out = append(out, p)
		}
	}
	return out
}

func iterBounds(s string, first func(string, int) (string, string, int)) []int {
	var out []int
	it := newSegIter(s, 0, first)
	for p := 0; p < len(s); {
		p = it.next()
		out = append(out, p)
	}
	return out
}

// Code points where word, sentence and grapheme rules disagree most:
// prepend marks, virama and spacing marks, ZWJ sequences, flags, Hangul
// jamo, format characters, CR LF, quotes and full stops.
const segAlphabet = "aA1.,':; \r\n\t\u0301\u200d👩💻🇺🇸\u0600\u070f\u0915\u094d\u0903한\u1100\u1161\u11a8東ا\u00ad\ufe0f。!?\"’\u2028\U0001F3FD"

func TestSegIterMatchesStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	alphabet := []rune(segAlphabet)
	texts := []string{readArticle(t, "gulf-shipping-multilingual.txt"), readArticle(t, "iran-us-talks.txt")}
	for range 3000 {
		texts = append(texts, randText(rng, alphabet, 1+rng.IntN(30)))
	}
	for _, s := range texts {
		if got, want := iterBounds(s, uniseg.FirstWordInString), stepBounds(s, uniseg.MaskWord); !slices.Equal(got, want) {
			t.Fatalf("word boundaries of %q: %v, StepString %v", s, got, want)
		}
		if got, want := iterBounds(s, uniseg.FirstSentenceInString), stepBounds(s, uniseg.MaskSentence); !slices.Equal(got, want) {
			t.Fatalf("sentence boundaries of %q: %v, StepString %v", s, got, want)
		}
	}
}
