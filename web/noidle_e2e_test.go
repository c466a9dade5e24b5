package web_test

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// In a browser without requestIdleCallback (Safari), the work the page
// leaves for idle time still gets done: the entities panel follows a new
// span, and a long document list is built.
func TestE2EWithoutIdleCallback(t *testing.T) {
	p := openPage(t, "/")
	records := p.manyDocsProject(450) // the schema of the page as it opens
	p.run(chromedp.ActionFunc(func(ctx contextT) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`delete window.requestIdleCallback; delete window.cancelIdleCallback;`).Do(ctx)
		return err
	}))
	p.run(chromedp.Navigate(serve().URL + "/"))
	p.waitReady()
	var has bool
	p.eval(`typeof requestIdleCallback === "function"`, &has)
	if has {
		t.Fatal("requestIdleCallback is still there")
	}
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.waitFor(`document.getElementById("entities").textContent.includes("Barack Obama")`)

	p.openFile("records.json", records)
	p.waitFor(`document.querySelectorAll("#doc-list .doc-row").length === 450`)
	p.noErrors()
}
