package annotate

import (
	"strings"
	"testing"
)

const tinyProject = `{"format": "spanmark", "version": 1,
"schema": {"labels": [{"name": "PERSON", "layer": "entity", "color": "#f4a261"}], "relations": [], "overlap": {}},
"documents": [{"id": "a", "title": "T", "text": "Anna met Bob.", "spans": [{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 4, "text": "Anna"}]}]}]}
`

func loadErr(t *testing.T, data string) string {
	t.Helper()
	_, err := Load([]byte(data), "p.json")
	if err == nil {
		t.Fatalf("loaded: %s", data)
	}
	return err.Error()
}

// Issue 23, item 15: messages that said the wrong thing.
func TestHardenedMessages(t *testing.T) {
	if _, err := Load([]byte(tinyProject), "p.json"); err != nil {
		t.Fatal(err)
	}
	// a duplicate version is a duplicate, whatever its second value
	got := loadErr(t, strings.Replace(tinyProject, `"version": 1,`, `"version": 1, "version": 2,`, 1))
	if strings.Contains(got, "newer") || !strings.Contains(got, "version") {
		t.Errorf("duplicate version: %s", got)
	}
	// a fragment without its text: the text is missing, not ""
	got = loadErr(t, strings.Replace(tinyProject, `, "text": "Anna"}`, `}`, 1))
	if strings.Contains(got, `is ""`) || !strings.Contains(got, "fragments[0].text") || !strings.Contains(got, "missing") {
		t.Errorf("missing fragment text: %s", got)
	}
}

// Issue 23, item 14: a lone surrogate escape would become U+FFFD: the
// file is refused, located; a pair is a character and reads as one.
func TestLoneSurrogateRefused(t *testing.T) {
	for _, c := range []struct{ old, new string }{
		{`"text": "Anna met Bob."`, `"text": "Anna met Bob.\ud800"`},
		{`"title": "T"`, `"title": "T\udc00x"`},
		{`"id": "a"`, `"id": "a\ud83d\u0041"`},
	} {
		got := loadErr(t, strings.Replace(tinyProject, c.old, c.new, 1))
		if !strings.HasPrefix(got, "p.json:3: the escape \\u") || !strings.Contains(got, "half of a UTF-16 surrogate pair") {
			t.Errorf("%s: %s", c.new, got)
		}
	}
	// a pair, and an escaped backslash before "u", are fine
	ok := strings.Replace(tinyProject, `"title": "T"`, `"title": "T\ud83d\ude00 \\ud800"`, 1)
	p, err := Load([]byte(ok), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Documents()[0].Title; got != "T😀 \\ud800" {
		t.Fatalf("title %q", got)
	}
}
