package web_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// In a browser without requestIdleCallback (Safari), the work the page
// leaves for idle time still gets done: the entities panel follows a new
// span, and a long document list is built.
func TestE2EWithoutIdleCallback(t *testing.T) {
	p := openPage(t, "/")
	var cur struct{ Schema json.RawMessage }
	if err := json.Unmarshal([]byte(p.export()), &cur); err != nil {
		t.Fatal(err)
	}
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

	const n = 450
	p.openFile("records.json", manyDocsProject(n, cur.Schema))
	p.waitFor(fmt.Sprintf(`document.querySelectorAll("#doc-list .doc-row").length === %d`, n))
	p.noErrors()
}
