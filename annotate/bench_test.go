package annotate

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bigDoc builds a document of about n code points from the sample articles
// (so it has emoji, RTL text and CRLF) with one entity span every 100 code
// points: 1,000,000 code points → 10,000 spans.
func bigDoc(tb testing.TB, n int) (*Project, *Document) {
	tb.Helper()
	base := readArticle(tb, "iran-us-talks.txt") + readArticle(tb, "gulf-shipping-multilingual.txt")
	var b strings.Builder
	for b.Len() < n*11/10 {
		b.WriteString(base)
	}
	text := string([]rune(b.String())[:n])
	p := NewProject(nil)
	d, err := p.AddDocument("big", "big", text, Meta{})
	if err != nil {
		tb.Fatal(err)
	}
	x := d.Index()
	var spans []*Span
	labels := []string{"PERSON", "ORG", "GPE", "DATE"}
	for i := 0; i+100 <= n; i += 100 {
		f, err := x.Snap(i+10, i+20, SnapOptions{Mode: SnapWord})
		if err != nil || f.End > i+100 {
			continue
		}
		spans = append(spans, &Span{Label: labels[(i/100)%4], Fragments: []Fragment{f}})
	}
	if es := d.Populate(spans, nil); len(es) > 0 {
		tb.Fatalf("%d spans refused, first: %v", len(es), es[0])
	}
	return p, d
}

var sizes = []int{1_000_000, 10_000_000}

func sizeName(n int) string { return fmt.Sprintf("%dM", n/1_000_000) }

// BenchmarkEdit times one add, one remove and one undo on a document of
// 1M and 10M code points (10k and 100k spans): per-operation costs must
// stay flat as the document grows.
func BenchmarkEdit(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			_, d := bigDoc(b, n)
			rng := rand.New(rand.NewPCG(1, 1))
			var add, rem, undo time.Duration
			ops := 0
			for b.Loop() {
				at := rng.IntN(n/100-1)*100 + 40 // in the gap between two entity spans
				t0 := time.Now()
				s, _, err := d.AddSpan(SpanInput{Label: "EVENT", Fragments: []Fragment{{at, at + 8}}})
				t1 := time.Now()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.RemoveSpan(s.ID); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				d.Undo() // undoes the remove
				t3 := time.Now()
				d.Undo() // and the add, so the document stays the same size
				add += t1.Sub(t0)
				rem += t2.Sub(t1)
				undo += t3.Sub(t2)
				ops++
			}
			b.ReportMetric(float64(add.Nanoseconds())/float64(ops), "add-ns")
			b.ReportMetric(float64(rem.Nanoseconds())/float64(ops), "remove-ns")
			b.ReportMetric(float64(undo.Nanoseconds())/float64(ops), "undo-ns")
		})
	}
}

// BenchmarkSpansIn asks for the spans in a 5,000-code-point window, what a
// screenful of rendering needs.
func BenchmarkSpansIn(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			_, d := bigDoc(b, n)
			rng := rand.New(rand.NewPCG(2, 2))
			k := 0
			for b.Loop() {
				a := rng.IntN(n - 5000)
				k += len(d.SpansIn(a, a+5000))
			}
			b.ReportMetric(float64(k)/float64(b.N), "spans/window")
		})
	}
}

// BenchmarkEntries groups one label's spans by text (the page's entities
// panel, for a document with too many spans to list) on the 1M document:
// 2,500 of its 10,000 spans are PERSON.
func BenchmarkEntries(b *testing.B) {
	_, d := bigDoc(b, 1_000_000)
	var k int
	for b.Loop() {
		_, k = d.Entries("PERSON", 10)
	}
	b.ReportMetric(float64(k), "distinct")
}

// BenchmarkClaims lists the claims (the page's claims panel asks after
// each change to one) on the 1M document: none, then 100 among its 10,000
// entity spans.
func BenchmarkClaims(b *testing.B) {
	_, d := bigDoc(b, 1_000_000)
	b.Run("none", func(b *testing.B) {
		for b.Loop() {
			if len(d.Claims()) != 0 {
				b.Fatal("claims in an entity-only document")
			}
		}
	})
	x := d.Index()
	var claims []*Span
	for i := 0; len(claims) < 100; i += 10_000 {
		f, err := x.Snap(i+40, i+80, SnapOptions{Mode: SnapWord})
		if err != nil {
			b.Fatal(err)
		}
		claims = append(claims, &Span{Label: LabelClaim, Fragments: []Fragment{f}})
	}
	if es := d.Populate(claims, nil); len(es) > 0 {
		b.Fatalf("%d claims refused, first: %v", len(es), es[0])
	}
	b.Run("100", func(b *testing.B) {
		for b.Loop() {
			if len(d.Claims()) != 100 {
				b.Fatal("not 100 claims")
			}
		}
	})
}

func BenchmarkConvertOffset(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			_, d := bigDoc(b, n)
			x := d.Index()
			rng := rand.New(rand.NewPCG(3, 3))
			s := 0
			for b.Loop() {
				s += x.FromUTF16(x.UTF16Of(rng.IntN(n)), false)
			}
			_ = s
		})
	}
}

func BenchmarkSave(b *testing.B) {
	p, _ := bigDoc(b, 1_000_000)
	var size int
	for b.Loop() {
		buf, err := p.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		size = len(buf)
	}
	b.ReportMetric(float64(size)/1e6, "MB-file")
}

func BenchmarkLoad(b *testing.B) {
	p, _ := bigDoc(b, 1_000_000)
	data, _ := p.Bytes()
	for b.Loop() {
		if _, err := Load(data, "big.json"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadManyProblems: a 1M-code-point document whose text lost its
// first character, so that each of its 10,000 spans is reported, with its
// line.
func BenchmarkLoadManyProblems(b *testing.B) {
	p, d := bigDoc(b, 1_000_000)
	data, _ := p.Bytes()
	bad := strings.Replace(string(data), `"text": "`+d.Text()[:1], `"text": "`, 1)
	for b.Loop() {
		if _, err := Load([]byte(bad), "bad.json"); err == nil {
			b.Fatal("loaded")
		}
	}
}

// BenchmarkMemory reports the heap a 1M-code-point document with 10k spans
// holds (text, offset index, spans, interval tree), after a full GC.
func BenchmarkMemory(b *testing.B) {
	for b.Loop() {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		p, d := bigDoc(b, 1_000_000)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20), "MB-heap")
		runtime.KeepAlive(p)
		runtime.KeepAlive(d)
	}
}
