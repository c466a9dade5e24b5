package formats

import (
	"fmt"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/spanmark/spanmark/annotate"
)

// benchCorpus is 1,000 articles (the two samples in turn) with 100 spans
// each: 80 one-word entities, 10 claims (sentences) and 10 cues, with a
// claimant and a cue relation per claim.
func benchCorpus(b *testing.B) *annotate.Project {
	texts := []string{readArticle(b, "iran-us-talks.txt"), readArticle(b, "gulf-shipping-multilingual.txt")}
	ents := []string{"PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT"}
	p := annotate.NewProject(nil)
	for i := range 1000 {
		text := texts[i%2]
		d, err := p.AddDocument(fmt.Sprintf("doc-%d", i), "", text, annotate.Meta{})
		if err != nil {
			b.Fatal(err)
		}
		x := d.Index()
		var words []annotate.Token
		for _, t := range x.Tokens() {
			if unicode.IsLetter([]rune(t.Text)[0]) {
				words = append(words, t)
			}
		}
		sents := x.Sentences()
		var spans []*annotate.Span
		var rels []*annotate.Relation
		step := len(words) / 90
		n := 0
		for k := 0; k < 10; k++ {
			sent := sents[k%len(sents)]
			if k >= len(sents) {
				break
			}
			claim := &annotate.Span{ID: fmt.Sprintf("c%d", k), Label: "CLAIM", Fragments: []annotate.Fragment{sent}}
			cue := &annotate.Span{ID: fmt.Sprintf("u%d", k), Label: "CUE", Fragments: []annotate.Fragment{{Start: sent.Start, End: x.GraphemeCeil(sent.Start + 1)}}}
			spans = append(spans, claim, cue)
			rels = append(rels, &annotate.Relation{Type: "cue", From: claim.ID, To: cue.ID})
		}
		for w := 0; w < len(words) && len(spans) < 100; w += step {
			t := words[w]
			spans = append(spans, &annotate.Span{ID: fmt.Sprintf("e%d", n), Label: ents[w%len(ents)], Fragments: []annotate.Fragment{{Start: t.Start, End: t.End}}})
			n++
		}
		for k := 0; k < 10 && k < len(sents); k++ {
			for _, s := range spans[20:] {
				if s.Fragments[0].Start >= sents[k].Start && s.Fragments[0].End <= sents[k].End && s.Label == "PERSON" {
					rels = append(rels, &annotate.Relation{Type: "claimant", From: fmt.Sprintf("c%d", k), To: s.ID})
					break
				}
			}
		}
		if es := d.Populate(spans, rels); len(es) > 0 {
			b.Fatal(es)
		}
	}
	return p
}

func BenchmarkExport(b *testing.B) {
	p := benchCorpus(b)
	spans := 0
	for _, d := range p.Documents() {
		spans += d.NumSpans()
	}
	b.Logf("corpus: %d documents, %d spans", len(p.Documents()), spans)
	for _, f := range registry {
		b.Run(f.Name(), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, _, err := f.Export(p, ExportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkImport(b *testing.B) {
	p := benchCorpus(b)
	for _, f := range registry {
		files, _, _ := f.Export(p, ExportOptions{})
		b.Run(f.Name(), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, _, err := f.Import(files, ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's user+system CPU time: on a shared machine the
// wall-clock ns/op includes time spent waiting for a core, CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
