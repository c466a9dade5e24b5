package annotate

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The claim finder: a suggestion source for the news schema. In each
// sentence a reporting verb ("said", "told", "denied", "according to", …)
// is the CUE; the CLAIM is the quotation in the sentence when there is
// one, else the clause the verb reports ("X said (that) CLAIM", "CLAIM,
// X said", "according to X, CLAIM"); the claimant is the verb's subject
// (the name or noun phrase right before it, or right after it in "…, said
// Khoram"), suggested as PERSON or ORG when capitalised, SOURCE otherwise,
// and not suggested where a span of its layer already is. Rules over the
// project's tokens and sentences, no model: README (Suggestions) says what
// it finds and misses on the sample articles.

var cueWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`said says say told tells tell denied denies deny claimed claims wrote writes
stated states added adds insisted insists warned warns argued argues reported reports announced announces
alleged alleges acknowledged acknowledges confirmed confirms noted notes explained explains quoted quotes
contended contends asserted asserts maintained maintains`) {
		cueWords[w] = true
	}
}

// words that make a capitalised subject an organisation
var orgWords = strings.Fields(`Ministry Times Journal Post News Navy Fleet Army Department Office Agency Council
Committee Group Bank Company Corporation Party Government Lines Union Court Commission Institute Reuters AP AFP`)

// ClaimSuggestions returns the claim finder's suggestions for d, in text
// order: per claim a CLAIM, its CUE and, when found and not yet a span,
// its claimant.
func ClaimSuggestions(d *Document) []Suggestion {
	x := d.text
	var out []Suggestion
	add := func(label string, f Fragment) {
		if f.End <= f.Start || d.schema.Label(label) == nil || !d.LayerFree(f, label) {
			return
		}
		out = append(out, Suggestion{Label: label, Fragments: []Fragment{f}, Source: SourceClaim})
	}
	for _, sent := range x.Sentences() {
		toks := x.TokensIn(sent.Start, sent.End)
		if len(toks) < 3 {
			continue
		}
		quotes := quotations(x, sent)
		for i := 0; i < len(toks); i++ {
			lw := strings.ToLower(toks[i].Text)
			according := lw == "according" && i+1 < len(toks) && strings.ToLower(toks[i+1].Text) == "to"
			if !according && (!cueWords[lw] || isCap(toks[i])) { // "Reports" in a headline is no verb
				continue
			}
			cue := Fragment{toks[i].Start, toks[i].End}
			if according {
				cue.End = toks[i+1].End
			}
			claim, claimant, claimantLabel := findClaim(x, sent, toks, i, according, quotes)
			if claim.End <= claim.Start {
				continue
			}
			add(LabelClaim, claim)
			add("CUE", cue)
			if claimant.End > claimant.Start {
				add(claimantLabel, claimant)
			}
			break // one claim a sentence: the first reporting verb
		}
	}
	// (sort.SliceStable, not slices.SortStableFunc: one sort for every
	// element type, where each slices sort of a struct type adds its own
	// ~20 KB of wasm)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Fragments[0].Start < out[j].Fragments[0].Start })
	return out
}

// quotations returns the quoted passages of a sentence, without their
// marks: “…”, "…", «…», ‘…’ (not an apostrophe inside a word).
func quotations(x *TextIndex, sent Fragment) []Fragment {
	rs := []rune(x.Slice(sent.Start, sent.End))
	var out []Fragment
	for i := 0; i < len(rs); i++ {
		var closer rune
		switch rs[i] {
		case '“':
			closer = '”'
		case '"':
			closer = '"'
		case '«':
			closer = '»'
		case '‘':
			if i > 0 && unicode.IsLetter(rs[i-1]) {
				continue
			}
			closer = '’'
		default:
			continue
		}
		for j := i + 1; j < len(rs); j++ {
			if rs[j] == closer && !(closer == '’' && j+1 < len(rs) && unicode.IsLetter(rs[j+1])) {
				a, b := i+1, j
				for b > a && strings.ContainsRune(",.;: ", rs[b-1]) {
					b--
				}
				if b-a >= 3 {
					out = append(out, Fragment{sent.Start + a, sent.Start + b})
				}
				i = j
				break
			}
		}
	}
	return out
}

func isCap(t Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// isPunctTok: a token without a letter or digit (punctuation, an emoji).
func isPunctTok(t Token) bool {
	for _, r := range t.Text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var auxiliaries = strings.Fields("has have had is was were are did does also")

var pronouns = strings.Fields("he she they it we i you He She They It We I You")

var timeWords = strings.Fields(`on in at last this early late Monday Tuesday Wednesday Thursday Friday Saturday Sunday
today yesterday week month year morning evening night`)

// findClaim works out the claim and claimant around the cue at toks[i].
func findClaim(x *TextIndex, sent Fragment, toks []Token, i int, according bool, quotes []Fragment) (claim, claimant Fragment, claimantLabel string) {
	end := sent.End
	// the sentence without its final punctuation
	for k := len(toks) - 1; k > i && isPunctTok(toks[k]); k-- {
		end = toks[k].Start
	}
	// a quotation in the sentence is the claim: the one nearest the cue
	if len(quotes) > 0 {
		best := quotes[0]
		dist := func(q Fragment) int {
			if q.End <= toks[i].Start {
				return toks[i].Start - q.End
			}
			return q.Start - toks[i].End
		}
		for _, q := range quotes[1:] {
			if dist(q) < dist(best) {
				best = q
			}
		}
		claim = best
	}
	if according {
		// According to X, CLAIM.
		j := i + 2
		k := j
		for k < len(toks) && toks[k].Text != "," {
			k++
		}
		if k < len(toks) && k > j {
			claimant = Fragment{toks[j].Start, toks[k-1].End}
			if claim.End == 0 && k+1 < len(toks) {
				claim = Fragment{toks[k+1].Start, end}
			}
		}
		return claim, claimant, subjectLabel(toks[j:k])
	}
	// the subject: right before the verb (past adverbs in -ly), or right
	// after it when a comma or a quotation comes before ("…,” said Khoram)
	j := i - 1
	for j >= 0 && (strings.HasSuffix(toks[j].Text, "ly") && !isCap(toks[j]) || slices.Contains(auxiliaries, toks[j].Text)) {
		j--
	}
	// past a parenthesis and emoji after the subject: "Kanaani (ناصر کنعانی) said"
	for j >= 0 && isPunctTok(toks[j]) && toks[j].Text != "," && !isQuoteTok(toks[j]) {
		if toks[j].Text == ")" {
			for j > 0 && toks[j].Text != "(" {
				j--
			}
		}
		j--
	}
	var subj []Token
	if j >= 0 && !isPunctTok(toks[j]) {
		k := j
		if isCap(toks[j]) {
			for k > 0 && (isCap(toks[k-1]) && !isPunctTok(toks[k-1]) || toks[k-1].Text == "-" && k > 1 && isCap(toks[k-2])) {
				k-- // a name, hyphens inside it: Zoë Müller-Østergaard
			}
		} else {
			// a noun phrase: back to a determiner, at most four words
			for k > 0 && j-k < 4 && !isPunctTok(toks[k-1]) && !cueWords[strings.ToLower(toks[k-1].Text)] {
				k--
				if l := strings.ToLower(toks[k].Text); l == "the" || l == "a" || l == "an" {
					break
				}
			}
		}
		subj = toks[k : j+1]
	} else if j >= 0 && (toks[j].Text == "," || isQuoteTok(toks[j])) && i+1 < len(toks) && isCap(toks[i+1]) {
		k := i + 1
		for k+1 < len(toks) && isCap(toks[k+1]) {
			k++
		}
		subj = toks[i+1 : k+1]
	}
	if len(subj) == 1 && slices.Contains(pronouns, subj[0].Text) {
		subj = subj[:0] // "he said": who he is, the finder does not know
	}
	if len(subj) > 0 {
		claimant = Fragment{subj[0].Start, subj[len(subj)-1].End}
		claimantLabel = subjectLabel(subj)
	}
	if claim.End > 0 {
		return claim, claimant, claimantLabel
	}
	// CLAIM, X said.  (nothing but punctuation after the verb)
	if len(subj) > 0 && subj[0].Start > sent.Start && (i+1 >= len(toks) || isPunctTok(toks[i+1])) {
		k := slices.IndexFunc(toks, func(t Token) bool { return t.Start == subj[0].Start })
		if k > 0 && toks[k-1].Text == "," {
			return Fragment{sent.Start, toks[k-1].Start}, claimant, claimantLabel
		}
	}
	// X said (on Sunday) (that) CLAIM. / X told reporters (that) CLAIM.
	k := i + 1
	if low := strings.ToLower(toks[i].Text); strings.HasPrefix(low, "tel") || low == "told" {
		for k < len(toks) && (isCap(toks[k]) || k == i+1) && !isPunctTok(toks[k]) {
			k++ // the person told
		}
	}
	for k < len(toks) && slices.Contains(timeWords, toks[k].Text) {
		k++
	}
	if k < len(toks) && strings.ToLower(toks[k].Text) == "that" {
		k++
	}
	if k < len(toks) && toks[k].Start < end {
		claim = Fragment{toks[k].Start, end}
	}
	return claim, claimant, claimantLabel
}

func isQuoteTok(t Token) bool { return strings.ContainsAny(t.Text, "\"“”‘’«»") }

func subjectLabel(ts []Token) string {
	if len(ts) == 0 {
		return ""
	}
	if !isCap(ts[0]) || strings.EqualFold(ts[0].Text, "the") && len(ts) > 1 && !isCap(ts[1]) {
		return "SOURCE"
	}
	for _, t := range ts {
		if slices.Contains(orgWords, t.Text) {
			return "ORG"
		}
	}
	if len(ts) == 1 || strings.EqualFold(ts[0].Text, "the") {
		if strings.EqualFold(ts[0].Text, "the") {
			return "ORG"
		}
	}
	return "PERSON"
}

// ClaimSet runs the claim finder over every document of p, as a set that
// replaces its earlier suggestions.
func (p *Project) ClaimSet() *SuggestionSet {
	set := &SuggestionSet{Source: SourceClaim, Replace: true}
	for _, d := range p.docs {
		set.Add(d.ID, ClaimSuggestions(d))
	}
	return set
}
