package annotate

import (
	"fmt"
	"testing"
)

func TestEntries(t *testing.T) {
	text := "🇮🇷 Tehran: Iran said Iran will talk. Iran, said the envoy; Tehran agreed. Iran Air flies."
	_, d := newDoc(t, text)
	tehran0 := mustAdd(t, d, "GPE", at(t, text, "Tehran", 0))
	iran := []*Span{
		mustAdd(t, d, "GPE", at(t, text, "Iran", 0)),
		mustAdd(t, d, "GPE", at(t, text, "Iran", 1)),
		mustAdd(t, d, "GPE", at(t, text, "Iran", 2)),
	}
	tehran1 := mustAdd(t, d, "GPE", at(t, text, "Tehran", 1))
	mustAdd(t, d, "ORG", Fragment{at(t, text, "Iran Air", 0).Start, at(t, text, "Iran Air", 0).End})
	// a claim in two fragments around "said the envoy"
	claim := mustAdd(t, d, "CLAIM", at(t, text, "Iran,", 0), at(t, text, "Tehran agreed", 0))

	show := func(es []Entry) string {
		s := ""
		for _, e := range es {
			s += fmt.Sprintf("%q×%d@%d ", e.Text, e.Count, e.First.Start())
		}
		return s
	}
	es, n := d.Entries("GPE", 0)
	// most frequent first; "Tehran" first occurs before "Iran" but is rarer
	if want := fmt.Sprintf(`"Iran"×3@%d "Tehran"×2@%d `, iran[0].Start(), tehran0.Start()); show(es) != want || n != 2 {
		t.Errorf("GPE entries %s(%d distinct), want %s(2)", show(es), n, want)
	}
	if es, n := d.Entries("GPE", 1); len(es) != 1 || es[0].Text != "Iran" || n != 2 {
		t.Errorf("GPE entries, limit 1: %s(%d distinct)", show(es), n)
	}
	// ties: the earlier first occurrence first
	mustAdd(t, d, "PERSON", at(t, text, "envoy", 0))
	mustAdd(t, d, "PERSON", at(t, text, "said", 1))
	mustAdd(t, d, "PERSON", at(t, text, "said", 0))
	if es, n := d.Entries("PERSON", 0); show(es) != fmt.Sprintf(`"said"×2@%d "envoy"×1@%d `, at(t, text, "said", 0).Start, at(t, text, "envoy", 0).Start) || n != 2 {
		t.Errorf("PERSON entries %s", show(es))
	}
	if got := d.NextWithText("GPE", "Tehran", tehran0.ID); got != tehran1 {
		t.Errorf("next Tehran: %v, want %v", got, tehran1)
	}
	if es, _ := d.Entries("ORG", 0); show(es) != fmt.Sprintf(`"Iran Air"×1@%d `, at(t, text, "Iran Air", 0).Start) {
		t.Errorf("ORG entries %s", show(es))
	}
	if es, n := d.Entries("CLAIM", 0); len(es) != 1 || es[0].Text != "Iran, … Tehran agreed" || es[0].First != claim || n != 1 {
		t.Errorf("CLAIM entries %s", show(es))
	}
	if es, n := d.Entries("DATE", 0); len(es) != 0 || n != 0 {
		t.Errorf("DATE entries %s", show(es))
	}

	// NextWithText walks the occurrences in document order and wraps
	want := []*Span{iran[0], iran[1], iran[2], iran[0]}
	after := ""
	for i, w := range want {
		got := d.NextWithText("GPE", "Iran", after)
		if got != w {
			t.Fatalf("step %d: next after %q is %v, want %v", i, after, got, w)
		}
		after = got.ID
	}
	if got := d.NextWithText("GPE", "Iran", tehran0.ID); got != iran[0] {
		t.Errorf("next Iran after the first Tehran: %v, want %v", got, iran[0])
	}
	if got := d.NextWithText("GPE", "Iran", "nope"); got != iran[0] {
		t.Errorf("next after an unknown id: %v", got)
	}
	if got := d.NextWithText("ORG", "Iran", ""); got != nil {
		t.Errorf("ORG Iran: %v, want none", got)
	}
}
