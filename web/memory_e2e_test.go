package web_test

import (
	"testing"
)

// TestE2EIdleCollection: the page has Go's collector run when it is idle
// (bridge.js): after opening a document, and after a burst of calls, only
// once no call has come for a second.
func TestE2EIdleCollection(t *testing.T) {
	bigProject()
	p := openPage(t, "/?project=/_test/big.json")
	p.waitFor(`performance.getEntriesByName("sm-gc").length > 0`)
	var after float64
	p.eval(`performance.getEntriesByName("sm-gc")[0].startTime - performance.getEntriesByName("sm-interactive")[0].startTime`, &after)
	if after <= 0 {
		t.Errorf("the loading's collection ran %.0f ms before the page was interactive; it should wait for a quiet page", -after)
	}
	var m struct {
		Collected          bool
		Live, Heap, Cycles float64
	}
	p.eval(`spanmark.collectGarbage(1 << 30)`, &m)
	if m.Collected || m.Cycles < 1 || m.Live < 1_000_000 || m.Heap-m.Live > 1<<20 {
		t.Errorf("after the idle collection: %+v (want the 1M-character document live, under 1 MB of garbage)", m)
	}

	// a burst of work through the page's own calls (the window of spans,
	// 150 times), then quiet
	var last float64
	p.eval(`(() => { for (let i = 0; i < 150; i++) smApp.updateWindow(true); return performance.now(); })()`, &last)
	p.waitFor(`performance.getEntriesByName("sm-gc").length > 1`)
	var second float64
	p.eval(`performance.getEntriesByName("sm-gc")[1].startTime`, &second)
	if second-last < 1000 {
		t.Errorf("collected %.0f ms after the last call; it waits for a second without calls", second-last)
	}
	p.eval(`spanmark.collectGarbage(1 << 30)`, &m)
	if m.Heap-m.Live > 1<<20 {
		t.Errorf("after the second idle collection: %+v", m)
	}
	p.noErrors()
}
