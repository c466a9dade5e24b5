package team

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotate"
)

// compare1MFiles: the two works of web's BenchmarkCompare1M natively: a
// 1,000,000-character document with a span every 100 characters (10,000),
// ben's differing on every tenth (half relabelled, half left out).
func compare1MFiles(tb testing.TB) (ana, ben []byte) {
	words := strings.Fields("the minister said talks would continue next week in the capital while officials denied any deal on sanctions nuclear program envoy")
	r := rand.New(rand.NewSource(1))
	var sb strings.Builder
	for sb.Len() < 1_000_000 {
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(words[r.Intn(len(words))])
	}
	text := sb.String()[:1_000_000]
	labels := []string{"PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT"}
	mk := func(name string, ben bool) []byte {
		p := annotate.NewProject(nil)
		d, err := p.AddDocument("big", "One million characters", text, annotate.Meta{})
		if err != nil {
			tb.Fatal(err)
		}
		d.Annotator = name
		var ss []*annotate.Span
		n := 0
		for blk := 0; blk+100 <= len(text); blk += 100 {
			i := blk
			for i < blk+90 && !(text[i] != ' ' && (i == 0 || text[i-1] == ' ')) {
				i++
			}
			j := i
			for j < len(text) && text[j] != ' ' {
				j++
			}
			if j <= i || j > blk+100 {
				continue
			}
			label := labels[n%len(labels)]
			k := n
			n++
			if ben {
				switch k % 20 {
				case 0:
					if label == "ORG" {
						label = "GPE"
					} else {
						label = "ORG"
					}
				case 10:
					continue
				}
			}
			ss = append(ss, &annotate.Span{Label: label, Fragments: []annotate.Fragment{{Start: i, End: j}}})
		}
		if es := d.PopulateOwned(ss, nil); len(es) > 0 {
			tb.Fatal(es)
		}
		b, err := p.Bytes()
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
	return mk("ana", false), mk("ben", true)
}

// BenchmarkCompareOpen1M: what "Compare…" does in the cores between the
// works chosen and the gold project loaded, phase by phase in CPU time
// (the page's wasm takes a few times as long): reading both works,
// checking how their documents meet, the merge, the gold project written
// for the page's core, and read there.
func BenchmarkCompareOpen1M(b *testing.B) {
	ana, ben := compare1MFiles(b)
	var tRead, tMeet, tMerge, tWrite, tLoad time.Duration
	b.ResetTimer()
	for range b.N {
		c0 := cpuTime()
		pa, err := annotate.Load(ana, "ana.json")
		if err != nil {
			b.Fatal(err)
		}
		pb, err := annotate.Load(ben, "ben.json")
		if err != nil {
			b.Fatal(err)
		}
		works := []*Work{ProjectWork("ana.json", pa), ProjectWork("ben.json", pb)}
		c1 := cpuTime()
		if err := Resolve(works); err != nil {
			b.Fatal(err)
		}
		schema, _, err := UnionSchema(works)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Each(works, func(string, []Version) error { return nil }); err != nil {
			b.Fatal(err)
		}
		c2 := cpuTime()
		gold, ms, err := Merge(works, schema, 0)
		if err != nil {
			b.Fatal(err)
		}
		c3 := cpuTime()
		out, err := gold.CompactBytes()
		if err != nil {
			b.Fatal(err)
		}
		c4 := cpuTime()
		g, err := annotate.Load(out, "gold.json")
		if err != nil {
			b.Fatal(err)
		}
		c5 := cpuTime()
		tRead += c1 - c0
		tMeet += c2 - c1
		tMerge += c3 - c2
		tWrite += c4 - c3
		tLoad += c5 - c4
		if ms.Undecided != 1500 || len(g.Documents()[0].Undecided) != 1500 {
			b.Fatalf("undecided %d", ms.Undecided)
		}
	}
	n := float64(b.N) * 1e6
	b.ReportMetric(float64(tRead)/n, "cpu-ms-read")
	b.ReportMetric(float64(tMeet)/n, "cpu-ms-meet")
	b.ReportMetric(float64(tMerge)/n, "cpu-ms-merge")
	b.ReportMetric(float64(tWrite)/n, "cpu-ms-write")
	b.ReportMetric(float64(tLoad)/n, "cpu-ms-load-gold")
	_ = fmt.Sprint
}
