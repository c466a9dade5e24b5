//go:build !js || formats

package annotate

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// regexMatches calls emit with the byte range of each non-empty match of
// o's pattern (a regular expression, or plain text that the literal path
// of MatchText does not take) in text. Built natively and into the formats
// module only: see regex_core.go.
func regexMatches(text string, o LabelAllOptions, emit func(a, b int)) error {
	expr := o.Pattern
	if !o.Regex {
		expr = regexp.QuoteMeta(expr)
	}
	if !o.CaseSensitive {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		// what is wrong in the user's own pattern: not Go's message, which
		// quotes the expression as compiled, (?i) and escapes included
		why := err.Error()
		var se *syntax.Error
		if errors.As(err, &se) {
			why = se.Code.String()
			if se.Expr != "" && se.Expr != expr && !strings.Contains(se.Expr, "(?i)") {
				why += " at " + strconv.Quote(se.Expr)
			}
		}
		e := newErr(CodeBadPattern, strconv.Quote(o.Pattern)+" is not a valid regular expression ("+why+"); correct it, or search for the text as typed with regular expressions off")
		e.Field = "pattern"
		return e
	}
	for _, m := range re.FindAllStringIndex(text, -1) {
		if m[0] != m[1] { // an empty match labels nothing
			emit(m[0], m[1])
		}
	}
	return nil
}
