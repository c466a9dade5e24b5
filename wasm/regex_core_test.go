//go:build js && wasm && !formats

package main

import (
	"regexp"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// The page's core links no regexp (annotate/regex_core.go): a regular
// expression's matches come from the formats module (matchText), which
// this test binary does not have, so the tests find them here with Go's
// regexp, as the formats module does (without whole_word), and hand them
// to labelMatches as the page does.
const regexHere = false

// regexFrags returns the flat UTF-16 matches of a regex label-all's
// options in doc's text, or the code of the error the formats module
// would throw.
func regexFrags(t testing.TB, doc string, o map[string]any) ([]any, string) {
	t.Helper()
	if o["whole_word"] == true {
		t.Fatal("regexFrags: whole_word is not done here")
	}
	text, _ := call(t, "text", doc).String()
	expr, _ := o["pattern"].(string)
	if o["case_sensitive"] != true {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, "bad_pattern"
	}
	u16 := func(b int) int { return len(utf16.Encode([]rune(text[:b]))) }
	var flat []any
	for _, m := range re.FindAllStringIndex(text, -1) {
		if m[0] != m[1] && utf8.ValidString(text) {
			flat = append(flat, u16(m[0]), u16(m[1]))
		}
	}
	return flat, ""
}

// TestCoreRefusesRegex: the core says where regular expressions are
// matched instead of matching them; plain text it still matches itself.
func TestCoreRefusesRegex(t *testing.T) {
	fresh(t)
	for _, name := range []string{"countMatches", "labelAll"} {
		got := throws(t, name, "gulf", map[string]any{"label": "GPE", "pattern": "Gulf", "regex": true})
		if got.Code != "bad_argument" || got.Field != "regex" || !regexpMentions(got.Reason, "formats module", "matchText", "labelMatches") {
			t.Errorf("%s with a regular expression threw %+v", name, got)
		}
	}
	if n, _ := call(t, "countMatches", "gulf", map[string]any{"pattern": "gulf"}).Int(); n == 0 {
		t.Error("countMatches of plain text found nothing")
	}
}

func regexpMentions(s string, words ...string) bool {
	for _, w := range words {
		if !regexp.MustCompile(regexp.QuoteMeta(w)).MatchString(s) {
			return false
		}
	}
	return true
}
