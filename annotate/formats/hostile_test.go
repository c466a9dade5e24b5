package formats

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkHostileImport imports, as the command line and the page do
// (Read), a doccano record of n entity spans nested at one place, and one
// of n labels on one range (issue 23, item 4): ns/span must stay near-flat.
func BenchmarkHostileImport(b *testing.B) {
	nested := func(n int) []byte {
		var w bytes.Buffer
		fmt.Fprintf(&w, `{"text": "%s", "label": [`, bytes.Repeat([]byte("a"), 2*n))
		for i := range n {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(&w, `[%d, %d, "PERSON"]`, i, 2*n-i)
		}
		w.WriteString("]}\n")
		return w.Bytes()
	}
	labels := func(n int) []byte {
		var w bytes.Buffer
		w.WriteString(`{"text": "Some text here.", "label": [`)
		for i := range n {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(&w, `[0, 4, "L%05d"]`, i)
		}
		w.WriteString("]}\n")
		return w.Bytes()
	}
	for _, c := range []struct {
		name string
		n    int
		data []byte
	}{
		{"nested-5k", 5_000, nested(5_000)},
		{"nested-10k", 10_000, nested(10_000)},
		{"nested-20k", 20_000, nested(20_000)},
		{"nested-50k", 50_000, nested(50_000)},
		{"labels-250", 250, labels(250)},
		{"labels-990", 990, labels(990)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, _, err := Read([]File{{Name: "h.jsonl", Data: c.data}}, "doccano", ImportOptions{Offsets: UnitCodePoint}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.n), "ns/span")
		})
	}
}
