package team

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotate"
)

// corpusFiles writes the project files of annotators who each annotated
// docs documents with spans spans, most of them alike (the i-th annotator
// moves or relabels one span in five, differently from the others).
func corpusFiles(tb testing.TB, annotators, docs, spans int) [][]byte {
	tb.Helper()
	labels := []string{"PERSON", "ORG", "GPE", "DATE"}
	// one text: spans words of 7 letters and a space, then a sentence end
	var sb strings.Builder
	for i := range spans * 2 {
		fmt.Fprintf(&sb, "word%03d ", i%1000)
	}
	sb.WriteString("The end.")
	text := sb.String()
	out := make([][]byte, annotators)
	for a := range annotators {
		p := annotate.NewProject(nil)
		for d := range docs {
			doc, err := p.AddDocument(fmt.Sprintf("doc-%05d", d), "", text, annotate.Meta{})
			if err != nil {
				tb.Fatal(err)
			}
			doc.Annotator = fmt.Sprintf("annotator-%d", a)
			ss := make([]*annotate.Span, 0, spans)
			for s := range spans {
				start := s * 16 // every other word
				end := start + 7
				label := labels[(s+d)%len(labels)]
				if (s+d)%5 == a%5 && a > 0 { // this annotator differs here
					if s%2 == 0 {
						end += 8 // takes the next word too
					} else {
						label = labels[(s+d+1)%len(labels)]
					}
				}
				ss = append(ss, &annotate.Span{Label: label, Fragments: []annotate.Fragment{{Start: start, End: end}}})
			}
			if es := doc.PopulateOwned(ss, nil); len(es) > 0 {
				tb.Fatal(es)
			}
		}
		b, err := p.Bytes()
		if err != nil {
			tb.Fatal(err)
		}
		out[a] = b
	}
	return out
}

// agreeFiles is what spanmark agree does with project files.
func agreeFiles(tb testing.TB, files [][]byte) *Report {
	works := make([]*Work, len(files))
	for i, b := range files {
		x, err := annotate.ReadIndex(b, fmt.Sprintf("w%d.json", i))
		if err != nil {
			tb.Fatal(err)
		}
		works[i] = IndexWork(fmt.Sprintf("w%d.json", i), x)
	}
	if err := Resolve(works); err != nil {
		tb.Fatal(err)
	}
	names := make([]string, len(works))
	for i, w := range works {
		names[i] = w.Annotator
	}
	a := NewAgreement(names, nil)
	st, err := Each(works, func(id string, vs []Version) error {
		a.Add(id, vs)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	a.SetStats(st)
	return a.Report()
}

// BenchmarkAgree: spanmark agree over 10,000 documents × 3 annotators ×
// 50 spans (project files of 115 MB each, read document by document). It
// prints the time, the process's CPU time (run it with GOMAXPROCS=1 for
// one core: on a busy machine the wall time says little) and the heap in
// use at the end beside the input.
func BenchmarkAgree(b *testing.B) {
	docs := 10000
	if testing.Short() {
		docs = 1000
	}
	files := corpusFiles(b, 3, docs, 50)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.ResetTimer()
	var r *Report
	for range b.N {
		start, cpu := time.Now(), cpuTime()
		r = agreeFiles(b, files)
		b.ReportMetric(time.Since(start).Seconds(), "s/agree")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/agree")
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap-after")
	b.ReportMetric(float64(size)/(1<<20), "MB-input")
	if r.Documents != docs || r.F1.Mean == nil {
		b.Fatalf("documents %d, f1 %v", r.Documents, r.F1.Mean)
	}
	b.Logf("%d documents × 3 × 50 spans: F1 %.3f, kappa %.3f, alpha_u %.3f", docs, *r.F1.Mean, *r.Kappa.Value, *r.AlphaU.Value)
}

// Memory grows with one document: the live heap the comparison holds
// beyond its input (measured after a collection every 100 documents) is
// about the same for 500 and 2,000 documents.
func TestAgreeMemoryPerDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two corpora")
	}
	live := func(docs int) uint64 {
		files := corpusFiles(t, 3, docs, 50)
		works := make([]*Work, len(files))
		for i, b := range files {
			x, err := annotate.ReadIndex(b, fmt.Sprintf("w%d.json", i))
			if err != nil {
				t.Fatal(err)
			}
			works[i] = IndexWork(fmt.Sprintf("w%d.json", i), x)
		}
		if err := Resolve(works); err != nil {
			t.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		base, peak := ms.HeapAlloc, uint64(0)
		a := NewAgreement([]string{works[0].Annotator, works[1].Annotator, works[2].Annotator}, nil)
		n := 0
		_, err := Each(works, func(id string, vs []Version) error {
			a.Add(id, vs)
			if n++; n%100 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		a.Report()
		runtime.KeepAlive(files)
		return peak - base
	}
	small, large := live(500), live(2000)
	t.Logf("live heap beyond the input: 500 documents %.2f MB, 2,000 documents %.2f MB", float64(small)/(1<<20), float64(large)/(1<<20))
	// what does grow: one figure per document and the texts in a
	// disagreement, a few hundred bytes a document
	if large > small+2000*400 {
		t.Fatalf("the heap grows with the corpus: %d → %d bytes", small, large)
	}
}

// BenchmarkReadIndex: the index pass over one annotator's project file of
// BenchmarkAgree (10,000 documents × 50 spans, 115 MB), in MB/s.
func BenchmarkReadIndex(b *testing.B) {
	docs := 10000
	if testing.Short() {
		docs = 1000
	}
	f := corpusFiles(b, 1, docs, 50)[0]
	b.SetBytes(int64(len(f)))
	b.ResetTimer()
	for range b.N {
		if _, err := annotate.ReadIndex(f, "w.json"); err != nil {
			b.Fatal(err)
		}
	}
}
