package annotate

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func claimLines(d *Document) []string {
	var out []string
	for _, g := range ClaimSuggestions(d) {
		f := g.Fragments[0]
		out = append(out, fmt.Sprintf("%s %d-%d %q", g.Label, f.Start, f.End, d.text.Slice(f.Start, f.End)))
	}
	return out
}

// The claim finder on sentences of each form it knows.
func TestClaimFinderForms(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`Obama said there is still "a big gap" in the talks.`,
			`PERSON 0-5 "Obama"|CUE 6-10 "said"|CLAIM 27-36 "a big gap"`},
		{`The ministry said on Tuesday that no tanker was seized.`,
			`SOURCE 0-12 "The ministry"|CUE 13-17 "said"|CLAIM 34-54 "no tanker was seized"`},
		{`According to the report, the two nations are discussing a deal.`,
			`CUE 0-12 "According to"|SOURCE 13-23 "the report"|CLAIM 25-62 "the two nations are discussing a deal"`},
		{`Talks will resume next week, Ali Vaez said.`,
			`CLAIM 0-27 "Talks will resume next week"|PERSON 29-37 "Ali Vaez"|CUE 38-42 "said"`},
		{`“Iran is ready,” said Khoram.`,
			`CLAIM 1-14 "Iran is ready"|CUE 17-21 "said"|PERSON 22-28 "Khoram"`},
		{`The weather was fine.`, ``},
		{`Renewal depends on a deal, anonymous sources say; more talks are due.`,
			`CLAIM 0-25 "Renewal depends on a deal"|SOURCE 27-44 "anonymous sources"|CUE 45-48 "say"`},
		{`Nasser Kanaani (ناصر کنعانی) said Iran had acted.`,
			`PERSON 0-14 "Nasser Kanaani"|CUE 29-33 "said"|CLAIM 34-48 "Iran had acted"`},
	} {
		_, d := newDoc(t, c.text)
		if got := strings.Join(claimLines(d), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// The two sample articles: what the finder suggests, written out so the
// README's account (Suggestions, the claim finder) can be checked; run
// with -v to see it. The counts guard against a silent regression.
func TestClaimFinderSamples(t *testing.T) {
	n := 0
	for _, name := range []string{"iran-us-talks.txt", "gulf-shipping-multilingual.txt"} {
		_, d := newDoc(t, readArticle(t, name))
		lines := claimLines(d)
		claims := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "CLAIM ") {
				claims++
			}
		}
		n += claims
		if testing.Verbose() || os.Getenv("SPANMARK_CLAIMS") != "" {
			t.Logf("%s: %d claims\n%s", name, claims, strings.Join(lines, "\n"))
		}
	}
	if n < 10 {
		t.Fatalf("only %d claims on the two sample articles", n)
	}
}
