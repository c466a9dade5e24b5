package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

const testIndex = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
<link rel="modulepreload" href="app.js">
<link rel="preload" href="spanmark.wasm" as="fetch" type="application/wasm" crossorigin>
<script src="boot.js" data-served-only></script>
<script src="wasm_exec.js"></script>
<script type="module" src="app.js"></script>
</head>
<body>
<a href="#main">skip</a>
</body>
</html>
`

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":        file(testIndex),
		"style.css":         file("body { color: red }\r\n"),
		"wasm_exec.js":      file("globalThis.Go = class {};\n"),
		"boot.js":           file("self.spanmarkCore = 1;\n"),
		"app.js":            file("import { u } from \"./util.js\";\nu();\nfunction lazyModule(n) { return import(n); }\ndocument.onclick = () => lazyModule(\"later.js\");\n"),
		"later.js":          file("export function open() { return 1; }\n"),
		"util.js":           file("export function u() {}\n"),
		"spanmark.wasm":     {Data: []byte("\x00asm\x01\x00\x00\x00 wasm bytes")},
		"sample/a.txt":      file("Article A\n"),
		"sample/a.txt.gz":   file("stale variant"),
		"sample/b.txt":      file("Article B\n"),
		"other/ignored.txt": file("not inlined"),
	}
}

func TestBuild(t *testing.T) {
	page, parts, err := Build(testSite(), "spanmark.wasm", false)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if again, _, _ := Build(testSite(), "spanmark.wasm", false); !bytes.Equal(again, page) {
		t.Errorf("Build is not deterministic")
	}
	if len(parts) != 5 {
		t.Errorf("parts: %+v", parts)
	}
	// Every inline script and style is allowed by its hash, and nothing else.
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(s)
	if csp == nil {
		t.Fatalf("no CSP meta:\n%s", s)
	}
	policy := strings.ReplaceAll(csp[1], "&amp;", "&")
	if !strings.Contains(s, "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\"") {
		t.Errorf("the CSP is not right after <meta charset>")
	}
	var scripts, styles []string
	for _, m := range regexp.MustCompile(`(?s)<script( type="module")?>(.*?)</script>`).FindAllStringSubmatch(s, -1) {
		scripts = append(scripts, m[2])
	}
	for _, m := range regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(s, -1) {
		styles = append(styles, m[1])
	}
	if len(scripts) != 5 || len(styles) != 1 {
		t.Fatalf("%d inline scripts (want wasm_exec, xz decoder, shim, bundle, the module loaded on first use), %d styles", len(scripts), len(styles))
	}
	if !strings.Contains(scripts[4], `.__smLazy??={})["later.js"]=`) || !strings.Contains(scripts[4], "open") || strings.Contains(scripts[3], "function open") {
		t.Errorf("the module loaded on first use is not inline and registered on its own:\n%s", scripts[4])
	}
	if styles[0] != "body { color: red }\n" {
		t.Errorf("style %q: line ends not normalised as the HTML parser will", styles[0])
	}
	want := "default-src 'none'; script-src"
	for _, sc := range scripts {
		want += " " + sha(sc)
	}
	want += " 'wasm-unsafe-eval'; style-src " + sha(styles[0]) + "; img-src data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
	if policy != want {
		t.Errorf("CSP\n got %s\nwant %s", policy, want)
	}
	if !strings.HasPrefix(scripts[0], "globalThis.Go") || !strings.Contains(scripts[1], "XzReadableStream") || !strings.Contains(scripts[2], "DecompressionStream") || !strings.Contains(scripts[3], "const __smMod0=") {
		t.Errorf("scripts out of order")
	}
	// boot.js (data-served-only) is left out: from file:// the shim hands
	// the page its core
	for _, bad := range []string{`href="style.css"`, `modulepreload`, `rel="preload"`, ` src="`, `boot.js`, `spanmarkCore`} {
		if strings.Contains(s, bad) {
			t.Errorf("output still has %s", bad)
		}
	}
	// The data blocks hold the files, the wasm xz- and the samples
	// gzip-compressed, then base64; stale variants and files outside
	// sample/ are left out.
	blocks := regexp.MustCompile(`<script type="application/octet-stream" class="sm-file" data-name="([^"]*)" data-type="([^"]*)" data-packing="([^"]*)">([^<]*)</script>`).FindAllStringSubmatch(s, -1)
	got := map[string]string{}
	for _, b := range blocks {
		raw, err := base64.StdEncoding.DecodeString(b[4])
		if err != nil {
			t.Fatal(err)
		}
		var data []byte
		switch b[3] {
		case "gzip":
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			data, _ = io.ReadAll(zr)
		case "xz":
			cmd := exec.Command("xz", "--decompress", "--stdout")
			cmd.Stdin = bytes.NewReader(raw)
			if data, err = cmd.Output(); err != nil {
				t.Fatalf("%s: xz -d: %v", b[1], err)
			}
		default:
			t.Fatalf("%s: packing %q", b[1], b[3])
		}
		got[b[1]+" "+b[2]+" "+b[3]] = string(data)
	}
	wantFiles := map[string]string{
		"spanmark.wasm application/wasm xz":           "\x00asm\x01\x00\x00\x00 wasm bytes",
		"sample/a.txt text/plain; charset=utf-8 gzip": "Article A\n",
		"sample/b.txt text/plain; charset=utf-8 gzip": "Article B\n",
	}
	if len(got) != len(wantFiles) {
		t.Errorf("data blocks %q", got)
	}
	for k, v := range wantFiles {
		if got[k] != v {
			t.Errorf("data block %s = %q, want %q", k, got[k], v)
		}
	}
}

func TestBuildRefusals(t *testing.T) {
	for _, c := range []struct {
		name, file, text, want string
	}{
		{"script end in JS", "util.js", "export function u() { return \"</script>\"; }\n", `util.js:1: "</script" cannot be inlined`},
		{"style end in CSS", "style.css", "a::after { content: \"</style>\" }", `style.css:1: "</style" cannot be inlined`},
		{"foreign script", "index.html", strings.Replace(testIndex, `src="wasm_exec.js"`, `src="https://cdn.example/x.js"`, 1), `is not a file next to index.html`},
		{"image", "index.html", strings.Replace(testIndex, `<a href="#main">`, `<img src="logo.png"><a href="#main">`, 1), `src="logo.png" names a file`},
		{"no wasm", "spanmark.wasm", "", "spanmark.wasm is missing: run `make wasm` first"},
	} {
		fsys := testSite()
		if c.text == "" {
			delete(fsys, c.file)
		} else {
			fsys[c.file] = file(c.text)
		}
		_, _, err := Build(fsys, "spanmark.wasm", false)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// The lite file is marked on <html>, where formats.js looks; the full one is not.
func TestBuildLiteMarker(t *testing.T) {
	full, _, err := Build(testSite(), "spanmark.wasm", false)
	if err != nil {
		t.Fatal(err)
	}
	lite, _, err := Build(testSite(), "spanmark.wasm", true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(full), "data-single-file") {
		t.Errorf("the full file is marked lite")
	}
	if !strings.Contains(string(lite), "<html data-single-file=\"lite\">\n") {
		t.Errorf("the lite file is not marked on <html>:\n%.200s", lite)
	}
	site := testSite()
	site["index.html"] = file("<!doctype html><head></head>")
	if _, _, err := Build(site, "spanmark.wasm", true); err == nil || !strings.Contains(err.Error(), "no <html> tag") {
		t.Errorf("lite build without <html>: %v", err)
	}
}
