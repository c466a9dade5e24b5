package annotate

import "testing"

// BenchmarkLoadParts splits BenchmarkLoad into reading the file (decode)
// and checking and indexing every span (build), and times the
// encoding/json reader the decoder replaced (reference) on the same file.
func BenchmarkLoadParts(b *testing.B) {
	p, _ := bigDoc(b, 1_000_000)
	data, _ := p.Bytes()
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, _, e := decodeFile(data); e != nil {
				b.Fatal(e)
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			f, _, e := decodeFile(data)
			if e != nil {
				b.Fatal(e)
			}
			b.StartTimer()
			if _, es := build(f); es != nil {
				b.Fatal(es)
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, es := refLoad(data); es != nil {
				b.Fatal(es)
			}
		}
	})
}
