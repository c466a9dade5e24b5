package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/spanmark/spanmark/annotate"
)

// benchCorpus is 1,000 articles (the two samples in turn) with 100 spans
// each: 80 one-word entities, 10 claims (sentences) and 10 cues, with a
// claimant and a cue relation per claim.
func benchCorpus(b testing.TB) *annotate.Project {
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

// doccanoDataset is the dataset of web's BenchmarkImportDataset: 20,000
// doccano records of 40 words each in the old "label" shape, with about
// 134,000 GPE spans (7.5 MB).
func doccanoDataset() []byte {
	words := strings.Fields("the minister said talks would continue next week in Tehran while officials denied any deal on sanctions Iran and the U.S. met in Oman")
	r := rand.New(rand.NewSource(1))
	var buf bytes.Buffer
	for i := range 20_000 {
		var text strings.Builder
		var ents [][3]any
		for k := range 40 {
			if k > 0 {
				text.WriteByte(' ')
			}
			w := words[r.Intn(len(words))]
			if w == "Tehran" || w == "Iran" || w == "Oman" || w == "U.S." {
				ents = append(ents, [3]any{text.Len(), text.Len() + len(w), "GPE"})
			}
			text.WriteString(w)
		}
		line, _ := json.Marshal(map[string]any{"id": i, "text": text.String(), "label": ents})
		buf.Write(append(line, '\n'))
	}
	return buf.Bytes()
}

// BenchmarkImportDoccano20k: what the page's import preview does with
// web's BenchmarkImportDataset file (Read against a schema, then the
// append plan), natively; the page runs the same code in wasm.
func BenchmarkImportDoccano20k(b *testing.B) {
	data := doccanoDataset()
	files := []File{{Name: "dataset.jsonl", Data: data}}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		cur := annotate.NewProject(nil)
		_, p, _, err := Read(files, "", ImportOptions{Schema: cur.Schema, AutoMap: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cur.PlanAppend(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}
