package web_test

import (
	"os"
	"testing"
)

// BenchmarkTaggerWorker times the tagger in its Web Worker, in the
// browser's wasm, as the page would use it: training on UNER English-EWT
// dev (2,001 sentences, one document each, tokens joined by spaces, 966
// entity spans), predicting on the 5,323-code-point sample article, and on
// a 1,000,000-code-point document made of the sample articles. Each is
// timed in the page around one tagger.js call (the worker's start-up, on
// the first call, is timed apart; the article twice: the first call after
// training also meets its garbage and code the browser has not optimised
// yet). Skipped without ../shared.
//
//	PATH=$PWD/bin/browser:$PATH go test ./web -run '^$' -bench TaggerWorker
func BenchmarkTaggerWorker(b *testing.B) {
	data, err := os.ReadFile("../../shared/corpora/uner-en-ewt/en_ewt-ud-dev.iob2")
	if err != nil {
		b.Skipf("UNER English-EWT dev not found (../shared is absent): %v", err)
	}
	addExtra("/_test/uner-dev.txt", data)
	p := openPage(b, "/?tagger-bench")
	p.eval(`(async () => {
		const t = await import("/tagger.js");
		const lines = (await (await fetch("/_test/uner-dev.txt")).text()).split("\n");
		const docs = [];
		let toks = [], tags = [];
		const flush = () => {
			if (!toks.length) return;
			let text = "", spans = [], open = null;
			toks.forEach((w, i) => {
				if (i) text += " ";
				const start = text.length;
				text += w;
				const tag = tags[i];
				if (tag === "O" || tag.startsWith("B-") || (open && open.label !== tag.slice(2))) open = null;
				if (tag !== "O") {
					if (!open) { open = { label: tag.slice(2), start, end: text.length }; spans.push(open); }
					else open.end = text.length;
				}
			});
			docs.push({ text, spans });
			toks = []; tags = [];
		};
		for (const l of lines) {
			if (l.startsWith("#")) continue;
			if (!l.trim()) { flush(); continue; }
			const c = l.split("\t");
			toks.push(c[1]); tags.push(c[2]);
		}
		flush();
		const art = await (await fetch("/sample/iran-us-talks.txt")).text();
		const base = art + await (await fetch("/sample/gulf-shipping-multilingual.txt")).text();
		const big = Array.from(base.repeat(Math.ceil(1100000 / base.length))).slice(0, 1000000).join("");
		window.taggerBench = { t, docs, art, big };
		return docs.length;
	})()`, nil)
	// one call timed in the page, its result kept in window.taggerBench.r
	timed := func(call string) float64 {
		var ms float64
		p.eval(`(async () => {
			const { t, docs, art, big } = window.taggerBench;
			const t0 = performance.now();
			window.taggerBench.r = await `+call+`;
			return performance.now() - t0;
		})()`, &ms)
		return ms
	}
	for b.Loop() {
		start := timed("t.stats()") // starts the worker and its module
		train := timed("t.train(docs)")
		var spans int
		p.eval(`window.taggerBench.r.spans`, &spans)
		first := timed("t.predict(art)") // the module's code compiled for speed meanwhile
		article := timed("t.predict(art)")
		big := timed("t.predict(big)")
		var found int
		p.eval(`window.taggerBench.r.length`, &found)
		p.eval(`(window.taggerBench.t.cancel(), true)`, nil) // the next round starts a fresh worker
		b.ReportMetric(start, "ms-start")
		b.ReportMetric(train, "ms-train")
		b.ReportMetric(first, "ms-predict-5k-first")
		b.ReportMetric(article, "ms-predict-5k")
		b.ReportMetric(big, "ms-predict-1M")
		b.ReportMetric(float64(spans), "spans")
		b.ReportMetric(float64(found), "entities-1M")
	}
}
