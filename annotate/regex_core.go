//go:build js && !formats

package annotate

// The page's core (web/spanmark.wasm: js, without the formats tag) does
// not link regexp: regular-expression matching is 63 KB of the core's
// brotli, for label-all's regex option alone. The page finds a regular
// expression's matches in the formats module (MatchText there, loaded on
// the first regex label-all) and labels them here (LabelMatches);
// TestCoreLinksNoRegexp keeps regexp out.

// regexMatches refuses: this build has no regular expressions.
func regexMatches(text string, o LabelAllOptions, emit func(a, b int)) error {
	e := newErr(CodeBadArgument, "this core does not match regular expressions: they are matched by the formats module "+
		"(spanmark-formats.wasm: matchText), and the matches labelled here with labelMatches")
	e.Field = "regex"
	return e
}
