package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPatternsCommand(t *testing.T) {
	dir := t.TempDir()
	pats := filepath.Join(dir, "p.jsonl")
	os.WriteFile(pats, []byte(`{"label":"ORG","pattern":"Wall Street Journal"}`+"\n"+`{"label":"NGO","pattern":[{"LOWER":"reuters"}]}`+"\n"), 0o644)
	var out, errb bytes.Buffer
	code := run([]string{"patterns", "--patterns", pats, "../../testdata/golden/project.spanmark.json"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{`"version": 3`, `"source": "pattern"`, `"text": "Wall Street Journal"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if !strings.Contains(errb.String(), "patterns: ") {
		t.Errorf("stderr: %s", errb.String())
	}
	// a bad line: refused with its line and key, nothing written
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("\n"+`{"label":"X","pattern":[{"ENT_TYPE":"GPE"}]}`+"\n"), 0o644)
	out.Reset()
	errb.Reset()
	code = run([]string{"patterns", "--patterns", bad, "../../testdata/golden/project.spanmark.json"}, &out, &errb)
	if code != exitInvalid || out.Len() != 0 || !strings.Contains(errb.String(), "bad.jsonl:2: field pattern[0].ENT_TYPE") {
		t.Fatalf("exit %d, out %d bytes, stderr %s", code, out.Len(), errb.String())
	}
	// --accept into CoNLL
	out.Reset()
	code = run([]string{"patterns", "--patterns", pats, "--accept", "--to", "conll", "../../testdata/golden/project.spanmark.json"}, &out, &errb)
	if code != exitOK || !strings.Contains(out.String(), "Wall\tB-ORG") && !strings.Contains(out.String(), "Wall B-ORG") {
		t.Fatalf("exit %d: %s", code, out.String()[:200])
	}
}

// convert --as-suggestions: another tool's spans become suggestions of
// source "import", not annotations.
func TestConvertAsSuggestions(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"convert", "--as-suggestions", "--to", "spanmark", "../../testdata/golden/project.spanmark.json"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	if !strings.Contains(s, `"version": 3`) || strings.Count(s, `"source": "import"`) != 30 || !strings.Contains(s, `"spans": [],`) || !strings.Contains(errb.String(), "30 spans imported as suggestions") {
		t.Fatalf("%d import suggestions; stderr %s", strings.Count(s, `"source": "import"`), errb.String())
	}
}
