//go:build js && wasm && formats

package main

import "testing"

// The formats module matches regular expressions itself, and offers
// matchText to the page, whose core does not (regex_core_test.go).
const regexHere = true

// regexFrags returns the flat UTF-16 matches of a label-all's options in
// doc's text through matchText, as the page asks the formats module, or
// the code of the error it threw.
func regexFrags(t testing.TB, doc string, o map[string]any) ([]any, string) {
	t.Helper()
	text, _ := call(t, "text", doc).String()
	if _, err := sm.Call("matchText", text, o); err != nil {
		return nil, throws(t, "matchText", text, o).Code
	}
	return decode[[]any](t, call(t, "matchText", text, o)), ""
}

// TestMatchText: the formats module's matches are Matches' in UTF-16 (an
// emoji before them shifts them by two units, not one), for a regular
// expression and plain text alike, and a bad pattern is bad_pattern.
func TestMatchText(t *testing.T) {
	text := "\U0001F600 Iran, iran; IRANIAN Iraq"
	for _, c := range []struct {
		o    map[string]any
		want []any
	}{
		{map[string]any{"pattern": `ira[nq]\b`, "regex": true}, []any{3.0, 7.0, 9.0, 13.0, 23.0, 27.0}},
		{map[string]any{"pattern": `Ira[nq]`, "regex": true, "case_sensitive": true}, []any{3.0, 7.0, 23.0, 27.0}},
		{map[string]any{"pattern": "iran", "whole_word": true}, []any{3.0, 7.0, 9.0, 13.0}},
		{map[string]any{"pattern": "zz", "regex": true}, []any{}},
	} {
		got := decode[[]any](t, call(t, "matchText", text, c.o))
		if len(got) != len(c.want) {
			t.Errorf("%v: %v, want %v", c.o, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%v: %v, want %v", c.o, got, c.want)
				break
			}
		}
	}
	if got := throws(t, "matchText", text, map[string]any{"pattern": "(", "regex": true}); got.Code != "bad_pattern" || got.Field != "pattern" {
		t.Errorf("bad pattern threw %+v", got)
	}
	if got := throws(t, "matchText", 3, map[string]any{"pattern": "a"}); got.Code != "bad_argument" || got.Field != "text" {
		t.Errorf("a number for text threw %+v", got)
	}
}
