package web_test

// Browser benchmarks (make bench): a 1,000,000-character article with
// 10,000 spans, in headless Chromium, through the real page.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var bigOnce sync.Once

// bigProject writes a project with one ASCII document of ~1,000,000
// characters in paragraphs and 10,000 entity spans (one word in every
// 100-character block), served at /_test/big.json.
func bigProject() {
	bigOnce.Do(func() {
		words := strings.Fields("the minister said talks would continue next week in the capital while officials " +
			"denied any deal on sanctions nuclear program envoy reported agreement council market shipping insurance " +
			"analyst statement spokesman government ministry embassy trade office letter leader cooperation state")
		r := rand.New(rand.NewSource(1))
		var b strings.Builder
		para := 0
		for b.Len() < 1_000_000 {
			w := words[r.Intn(len(words))]
			if para > 500+r.Intn(300) {
				b.WriteString(".\n\n")
				para = 0
			} else if b.Len() > 0 && para > 0 {
				b.WriteByte(' ')
			}
			if para == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			para += len(w) + 1
		}
		text := b.String()[:1_000_000]
		labels := []string{"PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT"}
		type frag struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		}
		type span struct {
			ID        string `json:"id"`
			Label     string `json:"label"`
			Fragments []frag `json:"fragments"`
		}
		var spans []span
		for blk := 0; blk+100 <= len(text) && len(spans) < 10000; blk += 100 {
			// the first whole word starting in the block
			i := blk
			for i < blk+90 && !(isLetter(text[i]) && (i == 0 || !isLetter(text[i-1]))) {
				i++
			}
			j := i
			for j < len(text) && isLetter(text[j]) {
				j++
			}
			if j <= i || j > blk+100 {
				continue
			}
			spans = append(spans, span{fmt.Sprintf("s%d", len(spans)+1), labels[len(spans)%len(labels)], []frag{{i, j, text[i:j]}}})
		}
		schema := json.RawMessage(`{"labels":[
			{"name":"PERSON","layer":"entity","color":"#f4a261","hotkey":"1"},
			{"name":"ORG","layer":"entity","color":"#8ecae6","hotkey":"2"},
			{"name":"GPE","layer":"entity","color":"#90be6d","hotkey":"3"},
			{"name":"LOC","layer":"entity","color":"#b5e48c","hotkey":"4"},
			{"name":"DATE","layer":"entity","color":"#cdb4db","hotkey":"5"},
			{"name":"EVENT","layer":"entity","color":"#ffd166","hotkey":"6"}],
			"relations":[],"overlap":{"entity":{"crossing":false},"claim":{"crossing":false}}}`)
		proj := map[string]any{
			"format": "spanmark", "version": 1, "schema": schema,
			"documents": []any{map[string]any{
				"id": "big", "title": "One million characters", "meta": map[string]any{}, "status": "todo",
				"text": text, "spans": spans, "relations": []any{},
			}},
		}
		data, err := json.Marshal(proj)
		if err != nil {
			panic(err)
		}
		addExtra("/_test/big.json", data)
	})
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func heapMB(b *testing.B, p *Page) float64 {
	var used, total float64
	p.run(chromedp.ActionFunc(func(ctx2 contextT) error {
		var err error
		used, total, _, _, err = runtime.GetHeapUsage().Do(ctx2)
		return err
	}))
	_ = total
	return used / (1 << 20)
}

// BenchmarkPageLoad1M: navigation start to interactive (text shown, spans
// in view painted), 1M characters and 10,000 spans; and the JS heap then.
func BenchmarkPageLoad1M(b *testing.B) {
	bigProject()
	p := openPage(b, "/?project=/_test/big.json")
	var ms []float64
	for i := 0; i < b.N; i++ {
		p.run(chromedp.Navigate(serve().URL + "/?project=/_test/big.json"))
		p.waitReady()
		var t float64
		p.eval(`performance.getEntriesByName("sm-interactive")[0].startTime`, &t)
		ms = append(ms, t)
	}
	var spans int
	p.eval(`Object.values(spanmark.counts("big")).reduce((a, b) => a + b, 0)`, &spans)
	if spans != 10000 {
		b.Fatalf("loaded %d spans, want 10000", spans)
	}
	sort.Float64s(ms)
	b.ReportMetric(ms[len(ms)/2], "ms-interactive")
	b.ReportMetric(heapMB(b, p), "MB-jsheap")
	var wasmMB float64
	p.eval(`performance.memory ? performance.memory.totalJSHeapSize / 1048576 : 0`, &wasmMB)
	b.ReportMetric(wasmMB, "MB-jsheap-total")
	p.noErrors()
}

// BenchmarkAddSpanPaint: select an unlabelled word on screen, press the
// hotkey (a real key event), and measure from the keydown event to the
// first paint after it (rAF, then a task).
func BenchmarkAddSpanPaint(b *testing.B) {
	bigProject()
	p := openPage(b, "/?project=/_test/big.json")
	var ok bool
	p.eval(`(() => {
		window.__lat = [];
		document.addEventListener("keydown", e => {
			const t0 = e.timeStamp;
			requestAnimationFrame(() => {
				const ch = new MessageChannel();
				ch.port1.onmessage = () => window.__lat.push(performance.now() - t0);
				ch.port2.postMessage(0);
			});
		}, true);
		window.__pick = () => {
			const v = smApp.view, [s, e] = v.visibleRange(smApp.scroller);
			const re = /[a-z]+/g; re.lastIndex = s;
			let m;
			while ((m = re.exec(v.text)) && m.index < e) {
				if (spanmark.spansIn("big", m.index, m.index + m[0].length).length === 0) {
					const r = v.range(m.index, m.index + m[0].length);
					document.getSelection().removeAllRanges();
					document.getSelection().addRange(r);
					return true;
				}
			}
			return false;
		};
		// start in the middle of the document
		const mid = v => v;
		smApp.scroller.scrollTop = smApp.scroller.scrollHeight / 2;
		return true;
	})()`, &ok)
	p.settle()
	p.run(chromedp.Focus("#article", chromedp.ByQuery))
	samples := 100
	if b.N > samples {
		samples = b.N
	}
	b.ResetTimer()
	for i := 0; i < samples; i++ {
		var picked bool
		p.eval(`__pick()`, &picked)
		if !picked {
			p.eval(`(smApp.scroller.scrollTop += smApp.scroller.clientHeight, true)`, &picked)
			p.settle()
			i--
			continue
		}
		p.key("1")
		deadline := time.Now().Add(5 * time.Second)
		for {
			var n int
			p.eval(`__lat.length`, &n)
			if n > i {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("no paint after the key")
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	b.StopTimer()
	var lat []float64
	p.eval(`__lat`, &lat)
	sort.Float64s(lat)
	b.ReportMetric(lat[len(lat)/2], "ms-median")
	b.ReportMetric(lat[len(lat)*95/100], "ms-p95")
	b.ReportMetric(heapMB(b, p), "MB-jsheap")
	var spans int
	p.eval(`Object.values(spanmark.counts("big")).reduce((a, b) => a + b, 0)`, &spans)
	if spans != 10000+len(lat) {
		b.Errorf("spans after adding %d: %d", len(lat), spans)
	}
	p.noErrors()
}

// BenchmarkScroll1M: scroll the 1M-character article by 120 px a frame for
// 240 frames; report frames longer than 1.5 × the median frame (dropped)
// and the p95 frame time.
func BenchmarkScroll1M(b *testing.B) {
	bigProject()
	p := openPage(b, "/?project=/_test/big.json")
	var res struct {
		Median, P95 float64
		Dropped     int
	}
	for i := 0; i < b.N; i++ {
		p.eval(`new Promise(done => {
			const sc = smApp.scroller, times = [];
			let n = 0, last = performance.now();
			const step = now => {
				times.push(now - last); last = now;
				sc.scrollTop += 120;
				if (++n < 240) requestAnimationFrame(step);
				else {
					times.shift();
					const s = [...times].sort((a, b) => a - b);
					const med = s[s.length >> 1];
					done({median: med, p95: s[Math.floor(s.length * 0.95)], dropped: times.filter(t => t > med * 1.5).length});
				}
			};
			requestAnimationFrame(step);
		})`, &res)
	}
	b.ReportMetric(res.Median, "ms-frame-median")
	b.ReportMetric(res.P95, "ms-frame-p95")
	b.ReportMetric(float64(res.Dropped), "dropped-frames")
	p.noErrors()
}

// BenchmarkPageBytes: bytes on the wire (the browser accepts br) for the
// whole page: HTML, CSS, JS, wasm_exec.js, spanmark.wasm and the samples.
func BenchmarkPageBytes(b *testing.B) {
	var total float64
	for i := 0; i < b.N; i++ {
		var mu sync.Mutex
		var sum float64
		bctx := needBrowser(b)
		_ = bctx
		p := openPageWith(b, "/", func(ev any) {
			if ev, ok := ev.(*network.EventLoadingFinished); ok {
				mu.Lock()
				sum += ev.EncodedDataLength
				mu.Unlock()
			}
		})
		p.settle()
		mu.Lock()
		total = sum
		mu.Unlock()
	}
	b.ReportMetric(total/1024, "KB-transferred")
}
