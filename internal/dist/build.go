package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/spanmark/spanmark/internal/jsbundle"
)

// Build returns the single-file page made from the front end in fsys
// (index.html and what it names, the wasm module wasmFile, served to the
// page as spanmark.wasm, and sample/*), and its parts for the size report.
// wasmFile is the formats module (spanmark-formats.wasm): a core with the
// dataset formats built in, so the file needs no second module; or, for
// the lite file, the core alone (spanmark.wasm): then the page is marked
// <html data-single-file="lite"> and offers no dataset formats (formats.js).
func Build(fsys fs.FS, wasmFile string, lite bool) ([]byte, []part, error) {
	index, err := jsbundle.ReadText(fsys, "index.html")
	if err != nil {
		return nil, nil, err
	}
	if lite {
		i := strings.Index(index, "<html")
		if i < 0 {
			return nil, nil, errors.New("index.html: no <html> tag to mark the lite build on")
		}
		index = index[:i+len("<html")] + ` data-single-file="lite"` + index[i+len("<html"):]
	}
	var (
		out          strings.Builder
		rest         strings.Builder // the template without the tags handled here
		scriptHashes []string
		styleHashes  []string
		parts        []part
		js, css      []byte
	)
	inlineScript := func(typ, src, what string) error {
		if err := jsbundle.CheckRaw(what, src, "script"); err != nil {
			return err
		}
		scriptHashes = append(scriptHashes, hash(src))
		js = append(js, src...)
		if typ != "" {
			typ = ` type="` + typ + `"`
		}
		out.WriteString("<script" + typ + ">" + src + "</script>\n")
		return nil
	}

	last := 0
	for _, m := range tagRE.FindAllStringSubmatchIndex(index, -1) {
		out.WriteString(index[last:m[0]])
		rest.WriteString(index[last:m[0]])
		last = m[1]
		tag, attrs := strings.ToLower(index[m[2]:m[3]]), parseAttrs(index[m[4]:m[5]])
		line := 1 + strings.Count(index[:m[0]], "\n")
		where := fmt.Sprintf("index.html:%d: %s", line, strings.TrimSpace(index[m[0]:m[1]]))
		if tag == "link" {
			switch strings.ToLower(attrs["rel"]) {
			case "icon":
				if !strings.HasPrefix(attrs["href"], "data:") {
					return nil, nil, fmt.Errorf("%s: only a data: icon can be inlined", where)
				}
				out.WriteString(index[m[0]:m[1]])
			case "modulepreload", "preload":
				// everything is inline: nothing to preload
			case "stylesheet":
				name, err := local(attrs["href"], where)
				if err != nil {
					return nil, nil, err
				}
				s, err := jsbundle.ReadText(fsys, name)
				if err != nil {
					return nil, nil, err
				}
				if err := jsbundle.CheckRaw(name, s, "style"); err != nil {
					return nil, nil, err
				}
				styleHashes = append(styleHashes, hash(s))
				css = append(css, s...)
				out.WriteString("<style>" + s + "</style>\n")
			default:
				return nil, nil, fmt.Errorf("%s: don't know how to inline this link", where)
			}
			continue
		}
		if _, ok := attrs["data-served-only"]; ok {
			// a script for a page served over http(s) (boot.js: the core's
			// early fetch); from file:// the shim hands the core over
			continue
		}
		name, err := local(attrs["src"], where)
		if err != nil {
			return nil, nil, err
		}
		switch typ := strings.ToLower(attrs["type"]); typ {
		case "", "text/javascript":
			s, err := jsbundle.ReadText(fsys, name)
			if err == nil {
				err = inlineScript("", s, name)
			}
			if err != nil {
				return nil, nil, err
			}
		case "module":
			b, err := jsbundle.Page(fsys, name)
			if err == nil {
				// the xz decoder and the shim first: in place before any module runs
				err = inlineScript("", xzJS, "internal/dist/xz-decompress.min.js")
			}
			if err == nil {
				err = inlineScript("", shimJS, "internal/dist/shim.js")
			}
			if err == nil {
				err = inlineScript("module", b, name+" (bundle)")
			}
			// the modules the page loads on first use (app.js lazyModule):
			// from file:// there is nothing to import, so they come inline,
			// registered where lazyModule looks first
			var raw string
			if err == nil {
				raw, err = jsbundle.Bundle(fsys, name)
			}
			for _, lazy := range jsbundle.LazyModules(raw) {
				if err != nil {
					break
				}
				var l string
				if l, err = jsbundle.Lazy(fsys, lazy); err == nil {
					err = inlineScript("module", l, lazy+" (on first use)")
				}
			}
			if err != nil {
				return nil, nil, err
			}
		default:
			return nil, nil, fmt.Errorf("%s: don't know how to inline a script of type %q", where, typ)
		}
	}
	out.WriteString(index[last:])
	rest.WriteString(index[last:])
	// What is left must not name a file: it would not load from disk.
	for _, m := range refRE.FindAllStringSubmatch(rest.String(), -1) {
		if v := m[2]; !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
			return nil, nil, fmt.Errorf("index.html: %s=%q names a file the single-file build does not inline", m[1], v)
		}
	}
	if strings.Contains(strings.ToLower(rest.String()), "<script") || strings.Contains(strings.ToLower(rest.String()), "<style") {
		return nil, nil, errors.New("index.html: an inline <script> or <style> (the CSP forbids them; use files)")
	}
	page := out.String()

	// The inline files, as data blocks at the end of the body.
	var data strings.Builder
	var wasmText, sampleText []byte
	names := []string{"spanmark.wasm"}
	samples, _ := fs.Glob(fsys, "sample/*")
	sort.Strings(samples)
	for _, s := range samples {
		if fi, err := fs.Stat(fsys, s); err == nil && fi.Mode().IsRegular() && !strings.HasSuffix(s, ".br") && !strings.HasSuffix(s, ".gz") {
			names = append(names, s)
		}
	}
	for _, name := range names {
		typ, ok := dataTypes[path.Ext(name)]
		if !ok {
			return nil, nil, fmt.Errorf("%s: no content type for a %q file", name, path.Ext(name))
		}
		src := name
		if name == "spanmark.wasm" {
			src = wasmFile
		}
		b, err := fs.ReadFile(fsys, src)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == "spanmark.wasm" {
				return nil, nil, errors.New(src + " is missing: run `make wasm` first")
			}
			return nil, nil, err
		}
		var enc, packing string
		if name == "spanmark.wasm" {
			packed, err := xzBytes(b)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", src, err)
			}
			enc, packing = base64.StdEncoding.EncodeToString(packed), "xz"
			wasmText = append(wasmText, enc...)
		} else {
			enc, packing = base64.StdEncoding.EncodeToString(gzipBytes(b)), "gzip"
			sampleText = append(sampleText, enc...)
		}
		fmt.Fprintf(&data, "<script type=\"application/octet-stream\" class=\"sm-file\" data-name=\"%s\" data-type=\"%s\" data-packing=\"%s\">%s</script>\n",
			html.EscapeString(name), html.EscapeString(typ), packing, enc)
	}
	const bodyEnd = "</body>"
	i := strings.LastIndex(page, bodyEnd)
	if i < 0 {
		return nil, nil, errors.New("index.html: no </body>")
	}
	page = page[:i] + data.String() + page[i:]

	// The policy, right after <meta charset>: before anything it governs.
	csp := "default-src 'none'; " +
		"script-src " + strings.Join(scriptHashes, " ") + " 'wasm-unsafe-eval'; " +
		"style-src " + strings.Join(styleHashes, " ") + "; " +
		"img-src data: blob:; " +
		"connect-src 'none'; " +
		"object-src 'none'; " +
		"base-uri 'none'; " +
		"form-action 'none'"
	charset := charsetRE.FindStringIndex(page)
	if charset == nil {
		return nil, nil, errors.New(`index.html: no <meta charset="utf-8"> to put the Content-Security-Policy after`)
	}
	page = page[:charset[1]] + "\n" + `<meta http-equiv="Content-Security-Policy" content="` + attrEscaper.Replace(csp) + `">` + page[charset[1]:]

	other := len(page) - len(wasmText) - len(js) - len(css) - len(sampleText)
	parts = append(parts,
		part{wasmFile + " (xz, base64)", len(wasmText), len(gzipBytes(wasmText))},
		part{"JavaScript (wasm_exec.js, xz decoder, shim, modules)", len(js), len(gzipBytes(js))},
		part{"CSS", len(css), len(gzipBytes(css))},
		part{fmt.Sprintf("samples (%d, gzip, base64)", len(names)-1), len(sampleText), len(gzipBytes(sampleText))},
		part{"HTML, CSP, data-block tags", other, -1},
	)
	return []byte(page), parts, nil
}

var (
	tagRE     = regexp.MustCompile(`(?i)<(link|script)\b([^>]*)>(?:</script>)?\n?`)
	attrRE    = regexp.MustCompile(`([A-Za-z-]+)(?:\s*=\s*"([^"]*)")?`)
	refRE     = regexp.MustCompile(`(?i)\b(src|href)\s*=\s*"([^"]*)"`)
	charsetRE = regexp.MustCompile(`(?i)<meta charset="utf-8">`)
	// the policy's quotes are single: only these need escaping in a "…" attribute
	attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;")
	dataTypes   = map[string]string{
		".wasm": "application/wasm",
		".txt":  "text/plain; charset=utf-8",
		".json": "application/json; charset=utf-8",
	}
)

func parseAttrs(s string) map[string]string {
	m := make(map[string]string)
	for _, a := range attrRE.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = html.UnescapeString(a[2])
	}
	return m
}

// local resolves a same-directory reference (href or src) to a file name.
func local(ref, where string) (string, error) {
	if ref == "" {
		return "", fmt.Errorf("%s: no file named", where)
	}
	name := path.Clean(strings.TrimPrefix(ref, "./"))
	if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || !fs.ValidPath(name) {
		return "", fmt.Errorf("%s: %q is not a file next to index.html", where, ref)
	}
	return name, nil
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// gzipBytes compresses at the best level, deterministically (no name, no
// time in the header).
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// xzBytes compresses the wasm with xz (xz-utils), which the page inflates
// with the inlined xz-decompress. gzip is the only codec the browser itself
// inflates, and it leaves the formats module at 1.62 MB: over the 1.2 MB
// budget on its own. LZMA2 at preset 9e: 1.06 MB for the 6.7 MB module,
// against 1.10 MB with the defaults and 1.14 MB for brotli -q 11. Which
// literal-position and position bits (lp, pb) do best changes with the
// module's layout, and by up to 2% (1,130,676 to 1,155,436 bytes for one
// module), so each of xzSettings is tried and the smallest output kept
// (the first on a tie; ~3 s each, two at a time). One thread each and fixed
// settings keep the output the same on every build; the dictionary (8 MiB)
// holds the whole module and is what the decoder allocates.
func xzBytes(b []byte) ([]byte, error) {
	outs := make([][]byte, len(xzSettings))
	errs := make([]error, len(xzSettings))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, set := range xzSettings {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			outs[i], errs[i] = xzWith(b, set)
		})
	}
	wg.Wait()
	var best []byte
	for i, out := range outs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if best == nil || len(out) < len(best) {
			best = out
		}
	}
	return best, nil
}

// xzSettings are the LZMA2 settings xzBytes tries.
var xzSettings = []string{
	"preset=9e,dict=8MiB,lc=0,lp=2,pb=2",
	"preset=9e,dict=8MiB,lc=0,lp=3,pb=3",
	// (lp=0 with pb 0-2 did worst of all for the modules since December
	// 2026, 1,313 KB against 1,280-1,293; a grid of lp and pb over the
	// module of 8 December put these three first)
	"preset=9e,dict=8MiB,lc=0,lp=4,pb=3",
	"preset=9e,dict=8MiB,lc=0,lp=2,pb=4",
	"preset=9e,dict=8MiB,lc=0,lp=3,pb=1",
	// the formats module of December 2026 did best with these (1,284-1,294
	// KB against 1,296 KB for lp=3,pb=3, which had done best before)
	"preset=9e,dict=8MiB,lc=0,lp=3,pb=4",
	"preset=9e,dict=8MiB,lc=0,lp=4,pb=2",
	"preset=9e,dict=8MiB,lc=0,lp=4,pb=1",
}

func xzWith(b []byte, lzma2 string) ([]byte, error) {
	cmd := exec.Command("xz", "-T1", "--format=xz", "--check=crc32", "--lzma2="+lzma2, "--stdout")
	cmd.Stdin = bytes.NewReader(b)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("xz is not installed (Debian: apt-get install xz-utils); the single file carries the wasm xz-compressed")
		}
		return nil, fmt.Errorf("xz: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}
