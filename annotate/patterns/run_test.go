package patterns

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// runProject: the two sample articles, cut into 400 documents of a few
// sentences, with some spans labelled (own labels then have phrases).
func runProject(t *testing.T) *annotate.Project {
	t.Helper()
	p := annotate.NewProject(nil)
	var paras []string
	for _, f := range []string{"iran-us-talks.txt", "gulf-shipping-multilingual.txt"} {
		b, err := os.ReadFile("../../testdata/articles/" + f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(s) != "" {
				paras = append(paras, s)
			}
		}
	}
	for i := range 400 {
		text := paras[i%len(paras)]
		d, err := p.AddDocument("d"+strconv.Itoa(i), "", text, annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if i%7 == 0 {
			for _, w := range []string{"Iran", "Oman", "Washington", "Tehran"} {
				if k := strings.Index(text, w); k >= 0 {
					s := len([]rune(text[:k]))
					if _, _, err := d.AddSpan(annotate.SpanInput{Label: "GPE", Fragments: []annotate.Fragment{{Start: s, End: s + len([]rune(w))}}}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	return p
}

// A run made in steps of any size gives exactly the set the one-shot
// source gives: own labels, the claim finder and a pattern file.
func TestRunEqualsOneShot(t *testing.T) {
	p := runProject(t)
	ps, err := ParsePatterns([]byte(`{"label":"ORG","pattern":"Times"}
{"label":"PERSON","pattern":[{"LOWER":"john"},{"LOWER":"kerry"}]}
{"label":"DATE","pattern":[{"IS_TITLE":true,"OP":"?"},{"LIKE_NUM":true},{"ORTH":","},{"SHAPE":"dddd"}]}`), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		one  *annotate.SuggestionSet
		run  func() *annotate.SuggestionRun
	}{
		{"own", p.OwnLabelSet(annotate.OwnLabelOptions{}), func() *annotate.SuggestionRun { return p.OwnLabelRun(annotate.OwnLabelOptions{}) }},
		{"claims", p.ClaimSet(), p.ClaimRun},
		{"patterns", ps.Set(p), func() *annotate.SuggestionRun { return ps.Run(p) }},
	} {
		want := c.one.JSON(p)
		if c.one.Total() == 0 {
			t.Fatalf("%s: nothing found; the test would prove nothing", c.name)
		}
		for _, step := range []int{1, 7, 1000} {
			r := c.run()
			steps := 0
			for !r.Done() {
				done, total := r.Step(step)
				steps++
				if total != 400 || done != min(steps*step, 400) {
					t.Fatalf("%s step %d: %d of %d after %d steps", c.name, step, done, total, steps)
				}
			}
			if got := r.Set().JSON(p); !bytes.Equal(got, want) {
				t.Fatalf("%s in steps of %d: the set differs from the one-shot one", c.name, step)
			}
		}
		t.Logf("%s: %d suggestions", c.name, c.one.Total())
	}
}
