package web_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestE2EEarlyText: opening the samples cold, the article's text is on
// the page before the core answers (preview.js; issue 24), and it is the
// text the core then opens. A script that runs before the page's own
// notes when #article first holds text, and what it held.
func TestE2EEarlyText(t *testing.T) {
	bctx := needBrowser(t)
	// an origin of its own (localhost, not 127.0.0.1): the preview shows
	// only on a first visit, with no saved-work database at all, and the
	// other tests' tabs on the shared origin may still be autosaving when
	// this one starts (CI, stop 27: no preview, the test failed)
	url := strings.Replace(serve().URL, "127.0.0.1", "localhost", 1) + "/"
	t.Cleanup(func() { clearSaved(bctx, url) })
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	p := &Page{t: t, ctx: ctx}
	// (the first Run creates the tab: with the tab's own context)
	if err := chromedp.Run(ctx, page.BringToFront(), chromedp.ActionFunc(func(c context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`if (location.protocol === "http:") {
			const mo = new MutationObserver(() => {
				const a = document.getElementById("article");
				if (a && a.textContent.length > 0) {
					mo.disconnect();
					window.__smTextAt = performance.now();
					window.__smText = a.textContent;
					const l = document.getElementById("loading");
					window.__smLoading = l ? getComputedStyle(l).top : "";
				}
			});
			mo.observe(document, { childList: true, subtree: true });
		}`).Do(c)
		return err
	})); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	p.run(chromedp.Navigate(url))
	p.waitReady()
	var f struct {
		At, Shown, APIReady  float64
		Text, Final, Loading string
	}
	p.eval(`({ at: window.__smTextAt || -1, shown: (performance.getEntriesByName("sm-text-shown")[0] || { startTime: -1 }).startTime,
		apiReady: performance.getEntriesByName("sm-api-ready")[0].startTime, text: window.__smText || "",
		final: smApp.view.text, loading: window.__smLoading || "" })`, &f)
	var sampleEnd float64
	p.eval(`performance.getEntriesByType("resource").find(e => e.name.endsWith("/sample/iran-us-talks.txt")).responseEnd`, &sampleEnd)
	t.Logf("the sample arrived at %.0f ms, its text shown at %.0f ms, the core answering at %.0f ms", sampleEnd, f.At, f.APIReady)
	if f.At < 0 || f.At >= f.APIReady || f.Shown < 0 {
		t.Fatalf("the article's text appeared at %.0f ms (sm-text-shown %.0f), the core answered at %.0f ms: want the text first", f.At, f.Shown, f.APIReady)
	}
	sample, err := os.ReadFile("sample/iran-us-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(string(sample), "\n", 2)[0]
	if !strings.HasPrefix(f.Text, first) || !strings.HasPrefix(f.Final, first) {
		t.Errorf("early text %.60q…, opened text %.60q…, want both to start with the sample's %.60q…", f.Text, f.Final, first)
	}
	if f.Loading == "0px" {
		t.Errorf("the loading notice still covers the page while the text shows (top %s)", f.Loading)
	}
}
