package web_test

// Browser tests for the label key's path to the screen (issue 22): what
// runs before the frame that shows a new span, and what waits for after it.

import (
	"strings"
	"testing"
	"time"
)

// TestE2EJournalAfterFrame: the autosave's journal write for a label key
// is issued after the frame that shows the new span, not in the key's task
// before it (where it held the frame up); that frame already says
// "Saving…"; and a change followed at once by a reload (in the same task,
// before any frame) is kept: pagehide writes what is pending.
func TestE2EJournalAfterFrame(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	var ok bool
	p.eval(`(() => {
		window.__tx = [];
		const orig = IDBDatabase.prototype.transaction;
		IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
			if (mode === "readwrite" && [].concat(stores).includes("journal")) __tx.push(performance.now());
			return orig.call(this, stores, mode, ...rest);
		};
		// before the page's own listener (capture, on window): this rAF is
		// the first callback of the frame after the key
		addEventListener("keydown", e => {
			if (e.key !== "1") return;
			window.__key = { at: performance.now() };
			requestAnimationFrame(() => {
				__key.frame = performance.now();
				__key.state = document.getElementById("save-state").dataset.state;
				__key.txBefore = __tx.length;
			});
		}, true);
		return true;
	})()`, &ok)
	p.dragSelect("Barack Obama", "", 0)
	p.key("1")
	p.waitFor(jsSaved)
	var k struct {
		At, Frame float64
		State     string
		TxBefore  int
		Tx        []float64
	}
	p.eval(`({ ...__key, tx: __tx })`, &k)
	if k.Frame == 0 || len(k.Tx) != 1 {
		t.Fatalf("key at %.1f, frame at %.1f, journal transactions %v: want one", k.At, k.Frame, k.Tx)
	}
	if k.TxBefore != 0 || k.Tx[0] < k.Frame {
		t.Errorf("the journal transaction was issued at %.1f ms, before the frame after the key (%.1f ms; key at %.1f)", k.Tx[0], k.Frame, k.At)
	}
	if k.State != "saving" {
		t.Errorf("in the frame after the key the indicator's state is %q, want saving", k.State)
	}
	var spans int
	p.eval(jsSpanCount, &spans)

	// a change and a reload in one task: no frame, no timer in between
	p.eval(`(setTimeout(() => { const i = smApp.view.text.indexOf("Baku"); smApp.addSpan("GPE", i, i + 4); location.reload(); }, 0), true)`, &ok)
	time.Sleep(500 * time.Millisecond)
	p.waitReady()
	p.waitFor(jsSaved)
	var after int
	p.eval(jsSpanCount, &after)
	if after != spans+1 {
		t.Fatalf("spans after a change and a reload at once: %d, want %d", after, spans+1)
	}
	if exp := p.export(); !strings.Contains(exp, `"Baku"`) {
		t.Errorf("the span added right before the reload is not in the project")
	}
	p.noErrors()
}
