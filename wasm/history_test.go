//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

// The autosave's round trip, through the global as the page calls it:
// exportProject + exportHistory, then loadProject + restoreHistory give the
// same undo and redo, step by step, and the same next span id.
func TestHistoryThroughBridge(t *testing.T) {
	fresh(t)
	iran := article(t, iranFile)
	at := func(s string) []any {
		i := strings.Index(iran, s) // ASCII: bytes = UTF-16 units
		return nums(i, i+len(s))
	}
	char := map[string]any{"snap": "char"}
	added := func(cv changeView) string { return cv.Added[0].ID }
	obama := added(callAs[changeView](t, "addSpan", "iran", "PERSON", at("Barack Obama"), char))
	claim := added(callAs[changeView](t, "addSpan", "iran", "CLAIM", at("Renewal of ties"), char))
	callAs[changeView](t, "addRelation", "iran", "claimant", claim, obama)
	kerry := added(callAs[changeView](t, "addSpan", "iran", "PERSON", at("John Kerry"), char))
	callAs[changeView](t, "removeSpan", "iran", kerry) // the counter stays past s3
	callAs[changeView](t, "setNote", "iran", obama, "the president")
	callAs[changeView](t, "setDocLabels", "gulf", []any{"relevant"})
	callAs[changeView](t, "undo", "iran") // the note is left to redo

	project, _ := call(t, "exportProject").String()
	history, _ := call(t, "exportHistory").String()
	if !strings.HasPrefix(history, `{"format":"spanmark-history","version":1,"documents":[{"id":"gulf",`) {
		t.Fatalf("exportHistory() = %.80s…", history)
	}

	// what each later call returns, on the live session and on the restored one
	session := func() []string {
		// a new span first: the id counter, not only the steps', survived
		out := []string{added(callAs[changeView](t, "addSpan", "iran", "GPE", at("Washington"), char))}
		callAs[changeView](t, "undo", "iran")
		for _, doc := range []string{"iran", "gulf"} {
			for _, op := range []string{"undo", "redo"} {
				for {
					if v, err := sm.Call(op, doc); err != nil {
						break
					} else {
						s, _ := theBridge.json.Call("stringify", v)
						str, _ := s.String()
						p, _ := call(t, "exportProject").String()
						out = append(out, str, p)
					}
				}
			}
		}
		out = append(out, added(callAs[changeView](t, "addSpan", "iran", "PERSON", at("Tehran"), char)))
		return out
	}
	live := session()

	callAs[[]docInfo](t, "loadProject", project, "autosave.json")
	call(t, "restoreHistory", history)
	if h, _ := call(t, "exportHistory").String(); h != history {
		t.Fatal("exportHistory after restoreHistory differs")
	}
	restored := session()
	if len(live) != len(restored) || len(live) < 12 {
		t.Fatalf("%d results live, %d restored", len(live), len(restored))
	}
	for i := range live {
		if live[i] != restored[i] {
			t.Fatalf("result %d differs:\nlive     %.300s\nrestored %.300s", i, live[i], restored[i])
		}
	}
	if live[0] != "s4" || live[len(live)-1] != "s5" {
		t.Errorf("new spans %s and %s, want s4 (s3 was used before the reload) and s5", live[0], live[len(live)-1])
	}

	// refused: nothing changes, and the error is the core's
	callAs[[]docInfo](t, "loadProject", project, "autosave.json")
	before, _ := call(t, "exportHistory").String()
	for _, c := range []struct {
		arg              any
		code, field, msg string
	}{
		{"{", "bad_format", "", "the JSON text is empty or cut short"},
		{strings.Replace(history, `"id":"iran"`, `"id":"nope"`, 1), "bad_format", "documents[1].id", "no such document in the project"},
		{42, "bad_argument", "json", ""},
	} {
		e := throws(t, "restoreHistory", c.arg)
		if !e.IsError || e.Code != c.code || e.Field != c.field || !strings.Contains(e.Message, c.msg) {
			t.Errorf("restoreHistory(%.40v) threw %+v", c.arg, e)
		}
	}
	if after, _ := call(t, "exportHistory").String(); after != before {
		t.Error("a refused history changed the project")
	}
	if e := throws(t, "undo", "iran"); e.Code != "nothing_to_undo" {
		t.Errorf("undo after refused restores: %+v", e)
	}
}
