package web_test

// Browser tests for the label key's path to the screen (issue 22): what
// runs before the frame that shows a new span, and what waits for after it.

import (
	"encoding/json"
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

// TestE2ELabelKeyFrameLaysOutNothing: the frame that shows a span added
// from the keyboard recalculates the style of a handful of elements and
// lays out nothing (a trace of the key, read back): its DOM changes are the
// highlight, the selection cleared and the save indicator's turn from
// "Saved" to "Saving…", which only shows one of two texts laid out already.
// Any other DOM write in the key's task would bring style and layout into
// the frame the person waits for (tag, outline, panels and status line
// follow in the next one; BenchmarkAddSpanPaint).
func TestE2ELabelKeyFrameLaysOutNothing(t *testing.T) {
	p := openPage(t, "/")
	p.waitFor(jsSaved)
	var before int
	p.eval(jsSpanCount, &before)
	// the first key of a page asks for the annotator's name (annotator.js),
	// once: the keys after it are the ones a person makes all day
	for round := 0; round < 3; round++ {
		p.dragSelect([]string{"Barack Obama", "Baku", "Times"}[round], "", 0)
		p.settle()
		tr := startLoadTrace(t, p)
		p.key("1")
		p.waitFor(jsSaved)
		events := tr.end(t, p)
		if round == 0 {
			continue
		}
		type event struct {
			Name, Ph string
			Pid, Tid float64
			Ts, Dur  float64
			Args     struct {
				Data struct {
					Type string `json:"type"`
				} `json:"data"`
				ElementCount int             `json:"elementCount"`
				EndData      json.RawMessage `json:"endData"`
			} `json:"args"`
		}
		var evs []event
		var key *event
		for _, raw := range events {
			var e event
			if json.Unmarshal(raw, &e) != nil || e.Ph != "X" {
				continue
			}
			evs = append(evs, e)
			if e.Name == "EventDispatch" && e.Args.Data.Type == "keydown" && key == nil {
				key = &evs[len(evs)-1]
			}
		}
		if key == nil {
			t.Fatalf("round %d: no keydown in the trace (%d events)", round, len(events))
		}
		k := *key
		main := func(e event) bool { return e.Pid == k.Pid && e.Tid == k.Tid }
		// the frame: up to the end of the first commit after the key
		end := -1.0
		for _, e := range evs {
			if main(e) && e.Name == "Commit" && e.Ts > k.Ts && (end < 0 || e.Ts < end) {
				end = e.Ts + e.Dur
			}
		}
		if end < 0 {
			t.Fatalf("round %d: no frame committed after the key", round)
		}
		styled := 0
		for _, e := range evs {
			if !main(e) || e.Ts < k.Ts || e.Ts > end {
				continue
			}
			switch e.Name {
			case "Layout":
				t.Errorf("round %d: the key's frame lays out %s", round, e.Args.EndData)
			case "UpdateLayoutTree":
				styled += e.Args.ElementCount
			}
		}
		// the indicator (4 elements) and a little slack, not a panel or a list
		if styled > 8 {
			t.Errorf("round %d: the key's frame recalculates the style of %d elements, want at most 8", round, styled)
		}
	}
	var after int
	p.eval(jsSpanCount, &after)
	if after != before+3 {
		t.Errorf("spans after three label keys: %d, want %d", after, before+3)
	}
	p.noErrors()
}
