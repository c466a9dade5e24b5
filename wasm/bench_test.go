//go:build js && wasm

package main

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// The benchmark document: the two sample articles repeated to 1,000,000
// code points (so it has emoji, RTL text, CJK and CRLF, and the offset
// index is not the ASCII identity), with 10,000 spans on evenly spread
// words. It is built natively and loaded with one loadProject call; the
// measured calls then go through the global spanmark object, so each
// includes the JavaScript → wasm crossing and the JSON result.
const (
	benchLen   = 1_000_000
	benchSpans = 10_000
	screen     = 5_000 // code units in a screenful of text
)

var bench struct {
	once  sync.Once
	file  string
	free  [][2]int // UTF-16 ranges of words without a span, for addSpan
	len16 int
}

func benchSetup(b *testing.B) {
	bench.once.Do(func() {
		unit := article(b, gulfFile) + "\r\n\r\n" + article(b, iranFile) + "\n\n"
		var sb strings.Builder
		for n := 0; n < benchLen; n += utf8.RuneCountInString(unit) {
			sb.WriteString(unit)
		}
		text := []rune(sb.String())[:benchLen]
		p := annotate.NewProject(nil)
		d, err := p.AddDocument("big", "Big", string(text), annotate.Meta{})
		if err != nil {
			b.Fatal(err)
		}
		toks := d.Index().Tokens()
		step := len(toks) / benchSpans
		var spans []*annotate.Span
		for i := 0; i < benchSpans; i++ {
			tk := toks[i*step]
			spans = append(spans, &annotate.Span{Label: "PERSON", Fragments: []annotate.Fragment{{Start: tk.Start, End: tk.End}}})
			// a word between two spans stays free for the addSpan benchmark
			for j := i*step + step/2; j < (i+1)*step; j++ {
				if f := toks[j]; utf8.RuneCountInString(f.Text) > 1 {
					bench.free = append(bench.free, [2]int{d.Index().UTF16Of(f.Start), d.Index().UTF16Of(f.End)})
					break
				}
			}
		}
		if es := d.Populate(spans, nil); len(es) > 0 {
			b.Fatalf("%d spans refused, first: %v", len(es), es[0])
		}
		if d.NumSpans() != benchSpans {
			b.Fatalf("%d spans", d.NumSpans())
		}
		data, err := p.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		bench.file, bench.len16 = string(data), d.Index().UTF16Len()
	})
	call(b, "loadProject", bench.file)
}

// BenchmarkAddSpan is one spanmark.addSpan call (word snapping, rules,
// one undo step, the ChangeView back as one value) on the big document.
func BenchmarkAddSpan(b *testing.B) {
	benchSetup(b)
	i := 0
	for b.Loop() {
		if i == len(bench.free) {
			b.StopTimer()
			benchSetup(b) // reload: the free words are used up
			i = 0
			b.StartTimer()
		}
		f := bench.free[i]
		i++
		if _, err := sm.Call("addSpan", "big", "ORG", nums(f[0], f[1])); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSpansIn is one spanmark.spansIn call for a screenful of text
// (5,000 UTF-16 code units, about 50 spans) at a different place each time.
func BenchmarkSpansIn(b *testing.B) {
	benchSetup(b)
	n, pos, total := 0, 0, 0
	for b.Loop() {
		pos = (pos + 104_729) % (bench.len16 - screen)
		v, err := sm.Call("spansIn", "big", pos, pos+screen)
		if err != nil {
			b.Fatal(err)
		}
		k, _ := v.Length()
		total += k
		n++
	}
	b.ReportMetric(float64(total)/float64(n), "spans/op")
}

// BenchmarkLoadProject is one spanmark.loadProject call on the 1M-code-point
// project file with 10,000 spans (3.4 MB): the string crosses from
// JavaScript, the file is decoded and every span checked, as when the page
// opens a saved project.
func BenchmarkLoadProject(b *testing.B) {
	benchSetup(b)
	b.SetBytes(int64(len(bench.file)))
	for b.Loop() {
		call(b, "loadProject", bench.file, "big.json")
	}
}

// BenchmarkCountMatches is one spanmark.countMatches call over the whole
// 1M-code-point document, as the label-all preview does on each keystroke:
// a plain word case-sensitive and not, and a regular expression.
func BenchmarkCountMatches(b *testing.B) {
	benchSetup(b)
	for _, c := range []struct {
		name string
		opts map[string]any
	}{
		{"literal", map[string]any{"label": "GPE", "pattern": "Iran", "case_sensitive": true}},
		{"literal-ci", map[string]any{"label": "GPE", "pattern": "iran"}},
		{"literal-ci-word", map[string]any{"label": "GPE", "pattern": "iran", "whole_word": true}},
		{"regex", map[string]any{"label": "GPE", "pattern": `Ira[nq]\b`, "regex": true}},
	} {
		if c.opts["regex"] == true && !regexHere {
			continue // the page's core matches no regular expression (measured in the -tags formats run)
		}
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				v := call(b, "countMatches", "big", c.opts)
				n, _ = v.Int()
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}
