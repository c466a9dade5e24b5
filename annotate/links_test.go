package annotate

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Claimant candidates come nearest first from the whole document, however
// far (the page looked only 1,500 characters each way), before the claim
// first on a tie, and only with the relation's target labels.
func TestLinkCandidates(t *testing.T) {
	text := "Obama said" + strings.Repeat(" filler", 1000) + " that talks would resume, Iran and Kerry said."
	_, d := newDoc(t, text)
	obama := mustAdd(t, d, "PERSON", Fragment{0, 5})
	at := strings.Index(text, "talks")
	claim := mustAdd(t, d, LabelClaim, Fragment{at, at + len("talks would resume")})
	iran := strings.Index(text, "Iran")
	mustAdd(t, d, "GPE", Fragment{iran, iran + 4})
	k := strings.Index(text, "Kerry")
	kerry := mustAdd(t, d, "PERSON", Fragment{k, k + 5})
	said := mustAdd(t, d, "CUE", Fragment{5, 9})

	got, err := d.LinkCandidates(claim.ID, "claimant", 9)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ss []*Span) (out []string) {
		for _, s := range ss {
			out = append(out, s.Label+" "+d.SpanText(s)[0])
		}
		return out
	}
	if want := []string{"GPE Iran", "PERSON Kerry", "PERSON Obama"}; !slices.Equal(ids(got), want) {
		t.Errorf("claimant candidates %q, want %q (Obama is %d characters away)", ids(got), want, at-5)
	}
	if got, _ := d.LinkCandidates(claim.ID, "claimant", 1); len(got) != 1 || got[0] == obama || got[0] == kerry {
		t.Errorf("limit 1: %q", ids(got))
	}
	if got, _ := d.LinkCandidates(claim.ID, "cue", 9); len(got) != 1 || got[0] != said {
		t.Errorf("cue candidates %q, want the CUE only", ids(got))
	}
	_, err = d.LinkCandidates(obama.ID, "claimant", 9)
	wantCode(t, err, CodeBadRelation)
	_, err = d.LinkCandidates(claim.ID, "nope", 9)
	wantCode(t, err, CodeUnknownRelation)
	_, err = d.LinkCandidates("s99", "claimant", 9)
	wantCode(t, err, CodeUnknownSpan)
}

// On random documents the widening search gives exactly what sorting
// every span by its distance gives.
func TestLinkCandidatesMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 22))
	for round := range 40 {
		n := 200 + r.IntN(60000)
		_, d := newDoc(t, strings.Repeat("a", n))
		labels := []string{"PERSON", "ORG", "GPE", "DATE", "SOURCE"}
		for range r.IntN(300) {
			s := r.IntN(n - 20)
			l := labels[r.IntN(len(labels))]
			if l == "SOURCE" {
				continue // the claim layer, with the claims: they must not cross
			}
			d.AddSpan(SpanInput{Label: l, Fragments: []Fragment{{s, s + 1 + r.IntN(15)}}})
		}
		s := r.IntN(n - 50)
		fr := []Fragment{{s, s + 5 + r.IntN(40)}}
		if r.IntN(3) == 0 && fr[0].End+30 < n {
			fr = append(fr, Fragment{fr[0].End + 10, fr[0].End + 20})
		}
		claim, _, err := d.AddSpan(SpanInput{Label: LabelClaim, Fragments: fr})
		if err != nil {
			t.Fatal(err)
		}
		rd := d.schema.Relation("claimant")
		var all []*Span
		for _, sp := range d.Spans() {
			if sp != claim && slices.Contains(rd.To, sp.Label) {
				all = append(all, sp)
			}
		}
		slices.SortStableFunc(all, func(a, b *Span) int {
			if c := cmp.Compare(linkGap(claim, a), linkGap(claim, b)); c != 0 {
				return c
			}
			return compareSpans(a, b)
		})
		for _, limit := range []int{1, 3, 9, 50} {
			got, err := d.LinkCandidates(claim.ID, "claimant", limit)
			if err != nil {
				t.Fatal(err)
			}
			want := all[:min(limit, len(all))]
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, limit %d: got %d spans, want %d (first %v vs %v)", round, limit, len(got), len(want), firstFrags(got), firstFrags(want))
			}
		}
	}
}

func firstFrags(ss []*Span) any {
	if len(ss) == 0 {
		return nil
	}
	return ss[0].Fragments
}

// Alt+Shift+arrows: an edge moves by whole words (whitespace skipped,
// punctuation a word of its own) or by one character, as one undo step.
func TestMoveEdge(t *testing.T) {
	text := "Alpha beta, gamma 👩🏽‍💻 delta." + strings.Repeat(" x", 300)
	_, d := newDoc(t, text)
	s := mustAdd(t, d, "PERSON", Fragment{6, 10}) // "beta"
	step := func(edge string, dir int, unit SnapMode, want string) {
		t.Helper()
		if _, err := d.MoveEdge(s.ID, edge, dir, unit); err != nil {
			t.Fatalf("%s %+d %s: %v", edge, dir, unit, err)
		}
		if got := strings.Join(d.SpanText(d.Span(s.ID)), "|"); got != want {
			t.Fatalf("%s %+d %s: %q, want %q", edge, dir, unit, got, want)
		}
	}
	step("end", 1, SnapWord, "beta,")
	step("end", 1, SnapWord, "beta, gamma")
	step("end", 1, SnapWord, "beta, gamma 👩🏽‍💻") // one grapheme cluster, one word
	step("end", -1, SnapWord, "beta, gamma")
	step("start", -1, SnapWord, "Alpha beta, gamma")
	step("start", 1, SnapWord, "beta, gamma")
	step("end", 1, SnapChar, "beta, gamma ")
	step("end", 1, SnapChar, "beta, gamma 👩🏽‍💻")
	step("end", -1, SnapChar, "beta, gamma ")
	step("start", 1, SnapChar, "eta, gamma ")
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := d.SpanText(d.Span(s.ID))[0]; got != "beta, gamma " {
		t.Errorf("after one undo: %q", got)
	}
	one := mustAdd(t, d, "ORG", Fragment{0, 5}) // "Alpha"
	_, err := d.MoveEdge(one.ID, "start", 1, SnapWord)
	wantCode(t, err, CodeEmptyFragment)
	_, err = d.MoveEdge(one.ID, "start", -1, SnapWord)
	wantCode(t, err, CodeOutOfRange)
	_, err = d.MoveEdge(one.ID, "end", 1, SnapWord) // into "beta", a PERSON: nesting is fine, crossing is not
	wantCode(t, err, CodeCrossingSpan)
	_, err = d.MoveEdge(one.ID, "middle", 1, SnapWord)
	wantCode(t, err, CodeBadArgument)
	last := mustAdd(t, d, "GPE", Fragment{len([]rune(text)) - 1, len([]rune(text))})
	_, err = d.MoveEdge(last.ID, "end", 1, SnapWord)
	wantCode(t, err, CodeOutOfRange)
	// far from anything: the window widens
	_, d2 := newDoc(t, "a"+strings.Repeat(" ", 5000)+"b")
	s2 := mustAdd(t, d2, "PERSON", Fragment{0, 1})
	if _, err := d2.MoveEdge(s2.ID, "end", 1, SnapWord); err != nil {
		t.Fatal(err)
	}
	if f := d2.Span(s2.ID).Fragments[0]; f != (Fragment{0, 5002}) {
		t.Errorf("across 5,000 spaces: %v", f)
	}
}

// Dragging an edge: the drop offset snaps like a selection (word or
// grapheme), only that edge moves, and one drag is one undo step.
func TestSetEdge(t *testing.T) {
	text := "Alpha beta, gamma 👩🏽‍💻 delta epsilon."
	_, d := newDoc(t, text)
	s := mustAdd(t, d, "PERSON", Fragment{6, 10}) // "beta"
	drop := func(edge string, pos int, unit SnapMode, want string) {
		t.Helper()
		if _, err := d.SetEdge(s.ID, edge, pos, unit); err != nil {
			t.Fatalf("%s at %d %s: %v", edge, pos, unit, err)
		}
		if got := strings.Join(d.SpanText(d.Span(s.ID)), "|"); got != want {
			t.Fatalf("%s at %d %s: %q, want %q", edge, pos, unit, got, want)
		}
	}
	undos := len(d.undo)
	drop("end", 14, SnapWord, "beta, gamma")      // inside "gamma": to its end
	drop("end", 12, SnapWord, "beta,")            // in the space after the comma: back to the word before
	drop("start", 2, SnapWord, "Alpha beta,")     // inside "Alpha": to its start
	drop("start", 5, SnapWord, "beta,")           // in the space: the next word
	drop("end", 19, SnapWord, "beta, gamma 👩🏽‍💻") // inside the cluster: the whole emoji
	drop("end", 19, SnapChar, "beta, gamma 👩🏽‍💻") // char mode: a grapheme boundary, not inside the emoji
	drop("start", 7, SnapChar, "eta, gamma 👩🏽‍💻")
	if got := len(d.undo) - undos; got != 6 { // the char-mode end drop changed nothing: no step
		t.Errorf("%d undo steps for 7 drops, want 6", got)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := d.SpanText(d.Span(s.ID))[0]; got != "beta, gamma 👩🏽‍💻" {
		t.Errorf("after one undo: %q", got)
	}
	_, err := d.SetEdge(s.ID, "start", 25, SnapWord) // past the end
	wantCode(t, err, CodeEmptyFragment)
	_, err = d.SetEdge(s.ID, "end", 6, SnapWord) // onto the start
	wantCode(t, err, CodeEmptyFragment)
	_, err = d.SetEdge(s.ID, "end", 999, SnapWord)
	wantCode(t, err, CodeOutOfRange)
	_, err = d.SetEdge(s.ID, "side", 3, SnapWord)
	wantCode(t, err, CodeBadArgument)
	_, err = d.SetEdge(s.ID, "end", 14, "line")
	wantCode(t, err, CodeBadArgument)
	one := mustAdd(t, d, "ORG", Fragment{0, 5})    // "Alpha"
	_, err = d.SetEdge(one.ID, "end", 8, SnapWord) // into "beta, gamma …", a PERSON: crossing
	wantCode(t, err, CodeCrossingSpan)
	if f := d.Span(one.ID).Fragments[0]; f != (Fragment{0, 5}) {
		t.Errorf("a refused drag changed the span: %v", f)
	}
}
