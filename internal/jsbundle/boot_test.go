package jsbundle

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBoot: boot.js fetches the core from the URL that names its content
// (the first 16 hex digits of its SHA-256, which web.Handler serves as
// immutable), and the sample articles (sample/*.txt, in name order),
// minified: no comment and no mark left.
func TestBoot(t *testing.T) {
	core := []byte("\x00asm\x01\x00\x00\x00")
	fsys := fstest.MapFS{"spanmark.wasm": {Data: core}, "sample/b.txt": {Data: []byte("B")}, "sample/a.txt": {Data: []byte("A")},
		"sample/notes.md": {Data: []byte("not a sample")}}
	sum := sha256.Sum256(core)
	if h := ContentHash(fsys, "spanmark.wasm"); h != hex.EncodeToString(sum[:])[:16] {
		t.Errorf("ContentHash = %q", h)
	}
	if h := ContentHash(fsys, "missing.wasm"); h != "none" {
		t.Errorf("ContentHash of a missing file = %q, want none", h)
	}
	js, err := Boot(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := `fetch("spanmark.wasm?v=` + hex.EncodeToString(sum[:])[:16] + `")`
	if !strings.Contains(js, want) || strings.Contains(js, CoreHashMark) || strings.Contains(js, "boot.js —") ||
		!strings.Contains(js, `["sample/a.txt","sample/b.txt"]`) || strings.Contains(js, SamplesMark) {
		t.Errorf("boot.js = %s\nwant it minified, with %s and the samples' list", js, want)
	}
}
