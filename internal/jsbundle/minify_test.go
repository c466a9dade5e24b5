package jsbundle

import (
	"strings"
	"testing"
)

func TestMinify(t *testing.T) {
	src := "// a line comment\n" +
		"/* a block comment */\n" +
		"const url = \"http://example.org/* not a comment */\";\n" +
		"const re = /\\/\\/ not a comment/g; // trailing\n" +
		"const tpl = `line one\n  // kept: inside a template\nline three`;\n" +
		"function named(a, b) {\n\treturn a + b; /* gone */\n}\n"
	got, err := Minify(src, "app.js (bundle)")
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{
		`"http://example.org/* not a comment */"`,
		`/\/\/ not a comment/g`,
		"`line one\n  // kept: inside a template\nline three`",
		"function named(a,b)", // names kept
	} {
		if !strings.Contains(got, keep) {
			t.Errorf("minified output lost %q:\n%s", keep, got)
		}
	}
	for _, gone := range []string{"a line comment", "a block comment", "trailing", "gone", "\t"} {
		if strings.Contains(got, gone) {
			t.Errorf("minified output still has %q:\n%s", gone, got)
		}
	}
	if len(got) >= len(src)*3/4 {
		t.Errorf("minified %d bytes to %d", len(src), len(got))
	}

	_, err = Minify("const x = ;\n", "broken.js (bundle)")
	if err == nil || !strings.Contains(err.Error(), "broken.js (bundle)") || !strings.Contains(err.Error(), "1:10") {
		t.Errorf("a syntax error gave %v, want one naming broken.js (bundle) and line 1:10", err)
	}
}
