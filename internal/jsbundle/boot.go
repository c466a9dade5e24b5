package jsbundle

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"sort"
	"strings"
)

//go:embed boot.js
var bootJS string

// CoreHashMark, in boot.js, stands for the content hash of spanmark.wasm;
// SamplesMark for the list of the sample articles' URLs.
const (
	CoreHashMark = "__SPANMARK_CORE_HASH__"
	SamplesMark  = "__SPANMARK_SAMPLES__"
)

// Boot is web/boot.js, the script the page loads first: boot.js with the
// core's content hash (ContentHash) in the URL it fetches the core from,
// and the URLs of the sample articles (sample/*.txt in fsys, in name order:
// the files the page opens with, which it fetches too), minified.
func Boot(fsys fs.FS) (string, error) {
	samples, err := fs.Glob(fsys, "sample/*.txt")
	if err != nil {
		return "", err
	}
	sort.Strings(samples)
	if samples == nil {
		samples = []string{}
	}
	list, err := json.Marshal(samples)
	if err != nil {
		return "", err
	}
	js := strings.ReplaceAll(bootJS, CoreHashMark, ContentHash(fsys, "spanmark.wasm"))
	return Minify(strings.ReplaceAll(js, SamplesMark, string(list)), "boot.js")
}

// ContentHash is the first 16 hex digits of the SHA-256 of the file name
// in fsys ("none" when it does not exist): the "v" a page's URL of the file
// carries. web.Handler computes the same to know such a URL names the
// file's present content.
func ContentHash(fsys fs.FS, name string) string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "none"
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
