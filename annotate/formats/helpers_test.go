package formats

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden/formats")

const goldenDir = "../../testdata/golden/formats"

func readArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata/articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// at is the fragment of the nth (0-based) occurrence of sub in text.
func at(t testing.TB, text, sub string, nth int) annotate.Fragment {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", sub, nth)
		}
		if i == nth {
			s := utf8.RuneCountInString(text[:off+j])
			return annotate.Fragment{Start: s, End: s + utf8.RuneCountInString(sub)}
		}
		off += j + len(sub)
	}
}

func add(t testing.TB, d *annotate.Document, label string, attrs map[string]any, frags ...annotate.Fragment) *annotate.Span {
	t.Helper()
	s, _, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: frags, Attrs: attrs})
	if err != nil {
		t.Fatalf("add %s %v: %v", label, frags, err)
	}
	return s
}

func rel(t testing.TB, d *annotate.Document, typ string, from, to *annotate.Span) {
	t.Helper()
	if _, _, err := d.AddRelation(typ, from.ID, to.ID); err != nil {
		t.Fatal(err)
	}
}

// sampleProject annotates both sample articles with what the formats must
// carry: entities (one nested in another, one crossing-free overlap with a
// claim), a span right after an emoji, the Hebrew and Arabic names, CJK, a
// claim in two fragments, a claim running over a CRLF paragraph break,
// claimant and cue relations, enum, text and note values with spaces,
// status and document labels.
func sampleProject(t testing.TB) *annotate.Project {
	t.Helper()
	p := annotate.NewProject(nil)

	iran := readArticle(t, "iran-us-talks.txt")
	d, err := p.AddDocument("iran-us-talks", "U.S., Iran Holding Secret Talks to Renew Diplomatic Ties, Times Reports", iran,
		annotate.Meta{Source: "Haaretz", URL: "https://www.haaretz.com/", Date: "2014-11-17"})
	if err != nil {
		t.Fatal(err)
	}
	add(t, d, "GPE", nil, at(t, iran, "U.S.", 0))
	add(t, d, "GPE", nil, at(t, iran, "Iran", 0))
	sources := add(t, d, "SOURCE", nil, at(t, iran, "anonymous sources", 0))
	say := add(t, d, "CUE", nil, at(t, iran, "say", 0))
	claim := add(t, d, "CLAIM", map[string]any{"checkworthy": "yes", "attribution": "indirect", "normalized": "Renewed U.S.-Iran ties depend on a nuclear deal"},
		at(t, iran, "Renewal of ties is contingent on reaching a deal over Iran's nuclear program", 0),
		at(t, iran, "U.S. seeks to open a trade office in Teheran", 0))
	rel(t, d, "claimant", claim, sources)
	rel(t, d, "cue", claim, say)
	obama := add(t, d, "PERSON", nil, at(t, iran, "Barack Obama", 0))
	d.SetNote(obama.ID, "44th U.S. president;\tsee\nnotes")
	add(t, d, "ORG", nil, at(t, iran, "Wall Street Journal", 0))
	add(t, d, "ORG", nil, at(t, iran, "the Wall Street Journal", 0)) // nests the ORG above
	add(t, d, "DATE", nil, at(t, iran, "November 24", 0))
	khoram := add(t, d, "PERSON", nil, at(t, iran, "Khoram", 1))
	saidK := add(t, d, "CUE", nil, at(t, iran, "said", 3))
	quote := add(t, d, "CLAIM", map[string]any{"checkworthy": "unsure", "attribution": "direct quote", "polarity": "asserted"},
		at(t, iran, "Despite 30 years of mistrust, Iran and the U.S. are convinced that it is in their national interests to negotiate a final settlement", 0))
	rel(t, d, "claimant", quote, khoram)
	rel(t, d, "cue", quote, saidK)
	add(t, d, "CLAIM", map[string]any{"checkworthy": "no"}, at(t, iran, "there is still \"a big gap\" in nuclear negotiations with Iran", 0))
	d.SetStatus(annotate.StatusInProgress)
	d.SetDocLabels([]string{"relevant"})

	gulf := readArticle(t, "gulf-shipping-multilingual.txt")
	g, err := p.AddDocument("gulf-shipping", "Envoys Trade Claims Over Gulf Shipping Lanes 🚢", gulf, annotate.Meta{Source: "synthetic"})
	if err != nil {
		t.Fatal(err)
	}
	kanaani := add(t, g, "PERSON", nil, at(t, gulf, "Nasser Kanaani", 0))
	add(t, g, "PERSON", nil, at(t, gulf, "ناصر کنعانی", 0))
	saidG := add(t, g, "CUE", nil, at(t, gulf, "said", 0))
	noTanker := add(t, g, "CLAIM", map[string]any{"checkworthy": "yes", "polarity": "denied", "normalized": "No tanker was seized in international waters."},
		at(t, gulf, "no tanker was seized in international waters", 0))
	rel(t, g, "claimant", noTanker, kanaani)
	rel(t, g, "cue", noTanker, saidG)
	add(t, g, "ORG", nil, at(t, gulf, "U.S. Navy’s Fifth Fleet", 0))
	add(t, g, "GPE", nil, at(t, gulf, "Jerusalem", 0))
	gallant := add(t, g, "PERSON", nil, at(t, gulf, "Yoav Gallant", 0))
	add(t, g, "PERSON", nil, at(t, gulf, "יואב גלנט", 0))
	told := add(t, g, "CUE", nil, at(t, gulf, "told", 0))
	proves := add(t, g, "CLAIM", map[string]any{"attribution": "direct quote"},
		at(t, gulf, "the seizure", 0), at(t, gulf, "proves the regime cannot be trusted", 0))
	rel(t, g, "claimant", proves, gallant)
	rel(t, g, "cue", proves, told)
	// right after the flag emoji 🇮🇱 and its space
	add(t, g, "SOURCE", nil, at(t, gulf, "A spokesperson for the Cafe\u0301 Europa talks", 0))
	add(t, g, "EVENT", nil, at(t, gulf, "Cafe\u0301 Europa talks", 0))
	add(t, g, "GPE", nil, at(t, gulf, "Gene\u0300ve", 0))
	add(t, g, "PERSON", nil, at(t, gulf, "Zoë Müller-Østergaard", 0))
	add(t, g, "ORG", nil, at(t, gulf, "Hormuz Lines", 0))
	// after "👍🏽\r\n\r\n": offsets past several CRLFs and emoji
	add(t, g, "GPE", nil, at(t, gulf, "東京", 0))
	add(t, g, "GPE", nil, at(t, gulf, "Tokyo", 0))
	add(t, g, "GPE", nil, at(t, gulf, "Japan", 0))
	add(t, g, "LOC", nil, at(t, gulf, "Middle East", 0))
	// a claim running over a CRLF paragraph break
	add(t, g, "CLAIM", nil, at(t, gulf, "its vessel was “never boarded.” 👍🏽\r\n\r\nOfficials in 東京 (Tokyo) said Japan imports", 0))
	g.SetStatus(annotate.StatusDone)
	return p
}
