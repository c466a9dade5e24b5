//go:build js && wasm && formats

package main

import "github.com/spanmark/spanmark/annotate"

// matchText(text, options) returns label-all's matches of options in text
// as flat UTF-16 fragments [s0, e0, s1, e1, ...]: the formats module finds
// a regular expression's matches for the page's core, which links no
// regexp (annotate/regex_core.go), and the core labels them
// (labelMatches). text is the document's text as the page has it (the
// core's text, through the same conversion). options.label is not used.

// lastText is the index of the text matched last: the page previews a
// count as a pattern is typed, on the same text each time.
var lastText *annotate.TextIndex

func matchText(a *argv) (any, error) {
	text, o := a.str(0, "text"), a.labelAllOptions(1)
	if a.err != nil {
		return nil, a.err
	}
	if lastText == nil || lastText.Text() != text {
		lastText = annotate.NewTextIndex(text)
	}
	ms, err := annotate.MatchText(lastText, o)
	if err != nil {
		return nil, err
	}
	flat := make([]int, 0, 2*len(ms))
	for _, f := range ms {
		flat = append(flat, lastText.UTF16Of(f.Start), lastText.UTF16Of(f.End))
	}
	return parseJSON(appendInts(nil, flat))
}
