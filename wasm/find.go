//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// findMatches is the page's Find (web/find.js): every literal match of a
// text in a document, as flat UTF-16 offsets [s0, e0, s1, e1, ...] in an
// Int32Array. The matching is the core's (Document.Matches, the literal
// path label-all also takes: never a regular expression); the offsets come
// back in code points and are converted here, at the bridge. An Int32Array
// rather than JSON: a one-letter search on a 1M-character document has
// ~100,000 matches, 0.8 MB as bytes against 1.3 MB of JSON to parse.
func findMatches(a *argv) (any, error) {
	d := a.doc(0)
	var o annotate.LabelAllOptions
	if !a.missing(1, "options", "a FindOptions object") {
		r := a.object(1, "options", "a FindOptions object {pattern, case_sensitive, whole_word}", "pattern", "case_sensitive", "whole_word")
		o = annotate.LabelAllOptions{Pattern: r.str("pattern"), CaseSensitive: r.boolean("case_sensitive"), WholeWord: r.boolean("whole_word")}
	}
	if a.err != nil {
		return nil, a.err
	}
	ms, err := d.Matches(o) // o.Regex is false: the literal path
	if err != nil {
		return nil, err
	}
	// little-endian, as every wasm host is (Int32Array uses the host's order)
	b := make([]byte, 0, 8*len(ms))
	for _, f := range ms {
		for _, x := range [2]int{toU16(d, f.Start), toU16(d, f.End)} {
			b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
		}
	}
	u8, err := bytesToJS(b)
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "returning the matches: " + err.Error()}
	}
	buf, err := u8.Get("buffer")
	if err == nil {
		var ctr safejs.Value
		if ctr, err = safejs.Global().Get("Int32Array"); err == nil {
			var v safejs.Value
			if v, err = ctr.New(buf); err == nil {
				return v, nil
			}
		}
	}
	return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "returning the matches: " + err.Error()}
}
