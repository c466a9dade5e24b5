package tagger

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Speed (README "Suggestions: the tagger"): training on UNER dev, and
// predicting on the 5,361-byte sample article and on a 1,000,000-code-point
// document made of the sample articles (emoji, RTL text, CRLF). Each
// reports the process's CPU time a run (cpu-ms/op) beside the wall time,
// which on a shared machine says more about the others.
// go test ./annotate/tagger -run '^$' -bench .

// cpuLoop runs f b.N times (b.Loop) and reports its CPU time a run.
func cpuLoop(b *testing.B, f func()) {
	b.Helper()
	n := 0
	c0 := cpuTime()
	for b.Loop() {
		f()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(n), "cpu-ms/op")
	}
}

func BenchmarkTrainUNER(b *testing.B) {
	train := readIOB2(b, "dev")
	b.ResetTimer()
	cpuLoop(b, func() {
		if _, err := TrainSentences(train, Options{}); err != nil {
			b.Fatal(err)
		}
	})
}

func article(tb testing.TB, name string) string {
	_, file, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "articles", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func unerModel(b *testing.B) *Model {
	m, err := TrainSentences(readIOB2(b, "dev"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

func BenchmarkPredictArticle(b *testing.B) {
	m := unerModel(b)
	text := article(b, "iran-us-talks.txt")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpuLoop(b, func() { m.Predict(text) })
	b.ReportMetric(float64(len([]rune(text))), "codepoints")
}

func BenchmarkPredict1M(b *testing.B) {
	m := unerModel(b)
	base := article(b, "iran-us-talks.txt") + article(b, "gulf-shipping-multilingual.txt")
	var sb strings.Builder
	for sb.Len() < 1_100_000 {
		sb.WriteString(base)
	}
	text := string([]rune(sb.String())[:1_000_000])
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	n := 0
	cpuLoop(b, func() { n = len(m.Predict(text)) })
	b.ReportMetric(float64(n), "entities")
}

func BenchmarkModelFile(b *testing.B) {
	m := unerModel(b)
	data, _ := m.MarshalBinary()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(data, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "filebytes")
	b.ReportMetric(float64(m.Stats().Features), "features")
}
