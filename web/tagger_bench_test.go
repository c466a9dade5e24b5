package web_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
)

// BenchmarkTaggerWorker times the tagger in its Web Worker, in the
// browser's wasm, as the page would use it: training on UNER English-EWT
// dev (2,001 sentences, one document each, tokens joined by spaces, 966
// entity spans), predicting on the 5,323-code-point sample article, and on
// a 1,000,000-code-point document made of the sample articles. Each is
// timed in the page around one tagger.js call (the worker's start-up, on
// the first call, is timed apart; the article twice: the first call after
// training also meets its garbage and code the browser has not optimised
// yet), and a 5-fold cross-validation over the 2,001 documents (five
// trainings on 4/5 of them, as the panel scores the tagger on the done
// documents). Skipped without ../shared.
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
		cv := timed("t.crossValidate(docs, { folds: 5 })") // as the panel scores the tagger on done documents
		var f1 float64
		p.eval(`window.taggerBench.r.f1`, &f1)
		p.eval(`(window.taggerBench.t.cancel(), true)`, nil) // the next round starts a fresh worker
		b.ReportMetric(start, "ms-start")
		b.ReportMetric(train, "ms-train")
		b.ReportMetric(first, "ms-predict-5k-first")
		b.ReportMetric(article, "ms-predict-5k")
		b.ReportMetric(big, "ms-predict-1M")
		b.ReportMetric(float64(spans), "spans")
		b.ReportMetric(float64(found), "entities-1M")
		b.ReportMetric(cv, "ms-cv5")
		b.ReportMetric(f1, "cv5-F1")
	}
}

// BenchmarkTaggerGather times what a training cycle does on the page's
// thread, the rest being in the worker: writing the project file that the
// worker reads (exportProject; the worker picks the spans). The project: the golden
// one (both articles marked done) and a 1,000,000-code-point document made
// of the sample articles, with a span every 2,000 code points. Reported:
// the first cycle (started from the panel) and a re-training (as after N
// new spans), and the time of the first cycle's cross-validation in the
// worker (the two articles, 2-fold).
//
//	PATH=$PWD/bin/browser:$PATH go test ./web -run '^$' -bench TaggerGather -benchtime 1x
func BenchmarkTaggerGather(b *testing.B) {
	data, err := os.ReadFile("../testdata/golden/project.spanmark.json")
	if err != nil {
		b.Fatal(err)
	}
	proj, err := annotate.Load(data, "project.spanmark.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range proj.Documents() {
		if _, err := d.SetStatus(annotate.StatusDone); err != nil {
			b.Fatal(err)
		}
	}
	var base []rune
	for _, d := range proj.Documents() {
		base = append(base, []rune(d.Text())...)
	}
	big := make([]rune, 0, 1_000_000)
	for len(big) < 1_000_000 {
		big = append(big, base[:min(len(base), 1_000_000-len(big))]...)
	}
	d, err := proj.AddDocument("big", "A million code points", string(big), annotate.Meta{})
	if err != nil {
		b.Fatal(err)
	}
	x := annotate.NewTextIndex(string(big))
	var spans []*annotate.Span
	for _, t := range x.Tokens() {
		if len(spans) == 0 || t.Start >= spans[len(spans)-1].Fragments[0].End+2000 {
			spans = append(spans, &annotate.Span{Label: "ORG", Fragments: []annotate.Fragment{{Start: t.Start, End: t.End}}})
		}
	}
	if es := d.Populate(spans, nil); len(es) > 0 {
		b.Fatal(es)
	}
	var buf bytes.Buffer
	if err := proj.Save(&buf); err != nil {
		b.Fatal(err)
	}
	p := openPage(b, "/")
	p.openFile("project.spanmark.json", buf.Bytes())
	wait := func(js string) {
		deadline := time.Now().Add(300 * time.Second)
		for {
			var ok bool
			p.eval(js, &ok)
			if ok {
				return
			}
			if time.Now().After(deadline) {
				b.Fatalf("timed out waiting for %s; errors %v", js, p.Errors())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	wait(`!!smApp.docId && smApp.docs.docs.length === 3`)
	p.run(chromedp.Click("#btn-suggest", chromedp.ByQuery))
	wait(`!!document.getElementById("sugg-tagger")`)
	for b.Loop() {
		var first, again float64
		p.eval(`(document.getElementById("sugg-tagger").click(), true)`, nil)
		wait(`!smApp.suggest.busy && smApp.suggest.trainRuns === 1 && !!smApp.suggest.cv && "f1" in smApp.suggest.cv`)
		p.eval(`smApp.suggest.gatherMs`, &first)
		var cvMs float64
		p.eval(`smApp.suggest.cvMs`, &cvMs)
		p.eval(`(smApp.suggest.trainTagger(), true)`, nil)
		wait(`!smApp.suggest.busy && smApp.suggest.trainRuns === 2`)
		p.eval(`smApp.suggest.gatherMs`, &again)
		var spans int
		p.eval(`smApp.suggest.trained.spans`, &spans)
		b.ReportMetric(first, "ms-gather-first")
		b.ReportMetric(again, "ms-gather-retrain")
		b.ReportMetric(cvMs, "ms-cv")
		b.ReportMetric(float64(spans), "spans")
	}
}
