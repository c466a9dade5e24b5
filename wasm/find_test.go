//go:build js && wasm

package main

import (
	"slices"
	"testing"
)

// TestFindMatches: the page's Find gets the core's literal matches as flat
// UTF-16 offsets, after an emoji (two code units, one code point) and a
// CRLF, case-insensitive by default; a regular-expression character is
// matched as itself; an empty text and an unknown field are refused.
func TestFindMatches(t *testing.T) {
	call(t, "newProject")
	// python3: t = "😀 Iran\r\nIRAN's iranian (a.b) a+b"; [m.start() for m in re.finditer("(?i)iran", t)] = [2, 8, 15] in code points
	call(t, "addDocument", "d", "", "😀 Iran\r\nIRAN's iranian (a.b) a+b")
	get := func(o map[string]any) []int {
		t.Helper()
		v := call(t, "findMatches", "d", o)
		n, _ := v.Length()
		out := make([]int, n)
		for i := range out {
			x, _ := v.Index(i)
			out[i], _ = x.Int()
		}
		return out
	}
	// UTF-16: each code point offset after the emoji + 1 (python3: len(t[:i].encode("utf-16-le"))//2)
	if got := get(map[string]any{"pattern": "iran"}); !slices.Equal(got, []int{3, 7, 9, 13, 16, 20}) {
		t.Errorf("iran = %v, want [3 7 9 13 16 20]", got)
	}
	if got := get(map[string]any{"pattern": "Iran", "case_sensitive": true}); !slices.Equal(got, []int{3, 7}) {
		t.Errorf("Iran, case-sensitive = %v, want [3 7]", got)
	}
	if got := get(map[string]any{"pattern": "iran", "whole_word": true}); !slices.Equal(got, []int{3, 7, 9, 13}) {
		t.Errorf("iran, whole words = %v, want [3 7 9 13]", got)
	}
	// literal: "a.b" is not a pattern, "a+b" matches itself
	if got := get(map[string]any{"pattern": "a+b"}); !slices.Equal(got, []int{30, 33}) {
		t.Errorf("a+b = %v, want [30 33]", got)
	}
	if got := get(map[string]any{"pattern": "a.b"}); !slices.Equal(got, []int{25, 28}) {
		t.Errorf("a.b = %v, want [25 28]", got)
	}
	if e := throws(t, "findMatches", "d", map[string]any{"pattern": ""}); e.Code != "bad_pattern" {
		t.Errorf("empty pattern: %+v", e)
	}
	if e := throws(t, "findMatches", "d", map[string]any{"pattern": "x", "regex": true}); e.Code != "bad_argument" || e.Field != "options" {
		t.Errorf("regex: %+v", e)
	}
}

// BenchmarkFindMatches is one spanmark.findMatches call over the 1M-character
// benchmark document (the page's Find, once per query): the core's literal
// matching, the code point → UTF-16 conversion and the Int32Array.
func BenchmarkFindMatches(b *testing.B) {
	benchSetup(b)
	for _, q := range []string{"e", "iran", "minister"} {
		b.Run(q, func(b *testing.B) {
			n := 0
			for b.Loop() {
				v := call(b, "findMatches", "big", map[string]any{"pattern": q})
				n, _ = v.Length()
			}
			b.ReportMetric(float64(n/2), "matches")
		})
	}
}
