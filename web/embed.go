// Package web holds spanmark's static browser front end (HTML, CSS, plain
// JavaScript modules, and the build artefacts spanmark.wasm, wasm_exec.js,
// sample/ and the precompressed *.br/*.gz variants written by `make wasm`)
// and an http.Handler that serves those files with strict security headers.
//
// The files are embedded with //go:embed, so a server binary built after
// `make wasm` is self-contained. On a fresh clone, before the artefacts
// exist, the package still compiles; it just serves what is there.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// files holds every file of this directory whose name does not start with
// "." or "_" (go:embed's rule for "*"), including subdirectories such as
// sample/ when they exist at build time. The pattern "*" always matches at
// least this source file, so it compiles on a clean tree. The Go sources
// matched as well are never served (see Handler).
//
//go:embed *
var files embed.FS

// ContentSecurityPolicy is sent with every response of Handler.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"connect-src 'self'; " +
	"worker-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// Options configures Handler.
type Options struct {
	// FS, if non-nil, is served instead of the embedded files: a
	// fstest.MapFS in tests, or os.DirFS("web") to serve the working tree
	// without rebuilding.
	FS fs.FS
}

// Handler returns an http.Handler serving the static files.
//
//   - Only GET and HEAD are allowed (405 otherwise); "/" serves index.html.
//   - Content types are fixed by extension (.wasm is application/wasm, .js
//     and .mjs are text/javascript, text types carry charset=utf-8); nothing
//     is sniffed.
//   - If the request's Accept-Encoding allows it and "X.br" or "X.gz"
//     exists next to "X", that variant is sent with Content-Encoding and the
//     Content-Type of X; otherwise X itself (identity). Vary:
//     Accept-Encoding is always set.
//   - Every response (errors included) carries ContentSecurityPolicy,
//     X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer and
//     Cache-Control: no-cache. Files get a strong ETag (SHA-256 of the bytes
//     sent), so a reload revalidates cheaply and still shows edits.
//   - A URL that names the file's content, "?v=" and the first 16 hex
//     digits of the SHA-256 of the file (jsbundle.ContentHash: boot.js's
//     URL of the core, formats.js's of the formats module), is sent as
//     immutable instead: it never answers anything else.
//   - Paths with ".." segments, backslashes or NUL bytes are refused (400);
//     directories, dot files, "_" files and Go sources are not served (404).
func Handler(opts Options) http.Handler {
	fsys := opts.FS
	if fsys == nil {
		fsys = files
	}
	return &handler{fsys: fsys, etags: make(map[etagKey]string)}
}

type handler struct {
	fsys fs.FS

	mu    sync.Mutex
	etags map[etagKey]string
}

type etagKey struct {
	name string
	size int64
	mod  time.Time
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("Cache-Control", "no-cache")

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}

	name, status := cleanName(r.URL.Path)
	if status != 0 {
		http.Error(w, strconv.Itoa(status)+" "+strings.ToLower(http.StatusText(status)), status)
		return
	}

	f, info, ok := h.open(name)
	if !ok {
		http.NotFound(w, r)
		return
	}
	defer f.Close()

	hdr.Set("Content-Type", contentType(name))
	hdr.Add("Vary", "Accept-Encoding")
	if v := r.URL.Query().Get("v"); len(v) == 16 {
		// The browser then keeps the file without asking again, and only
		// then does V8 reuse a wasm module's compiled code on the next
		// visit: a revalidated response counts as a new one, whose cached
		// code is dropped. Another v (a page of an older build) gets the
		// present file, as no-cache.
		rs, err := readSeeker(f)
		if err == nil {
			f = readSeekFile{f, rs} // read once: served below as it is
			var tag string
			if tag, err = h.etag(name, info, rs); err == nil && strings.HasPrefix(tag, `"`+v) {
				hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
			}
		}
	}

	served, servedInfo, servedName := f, info, name
	if enc := negotiate(r.Header.Get("Accept-Encoding"), h.variants(name, info)); enc != "" {
		if vf, vinfo, ok := h.open(name + encodingSuffix[enc]); ok {
			defer vf.Close()
			served, servedInfo, servedName = vf, vinfo, name+encodingSuffix[enc]
			hdr.Set("Content-Encoding", enc)
		}
	}

	rs, err := readSeeker(served)
	var tag string
	if err == nil {
		tag, err = h.etag(servedName, servedInfo, rs)
	}
	if err != nil {
		hdr.Del("Content-Encoding")
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	hdr.Set("ETag", tag)
	if hdr.Get("Content-Encoding") != "" {
		// ServeContent leaves Content-Length out when Content-Encoding is
		// set; send it (the page can show the wasm download's progress)
		// and, to keep it right, always send the whole variant: byte
		// ranges of a content-coded representation are of no use here.
		hdr.Set("Content-Length", strconv.FormatInt(servedInfo.Size(), 10))
		if r.Header.Get("Range") != "" {
			r = r.Clone(r.Context())
			r.Header.Del("Range")
		}
	}
	http.ServeContent(w, r, name, servedInfo.ModTime(), rs)
}

// cleanName maps a URL path to a name in the file system, or returns an
// HTTP status for requests that must be refused.
func cleanName(p string) (string, int) {
	if p == "" || p == "/" {
		return "index.html", 0
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", http.StatusBadRequest
	}
	name := p[1:]
	for _, seg := range strings.Split(name, "/") {
		switch {
		case seg == "..":
			return "", http.StatusBadRequest
		case seg == "" || seg == ".":
			// "a//b", "a/./b", trailing slash: no directory listings.
			return "", http.StatusNotFound
		case seg[0] == '.' || seg[0] == '_':
			return "", http.StatusNotFound
		}
	}
	if !fs.ValidPath(name) || strings.HasSuffix(name, ".go") {
		return "", http.StatusNotFound
	}
	return name, 0
}

// open opens a regular file; ok is false for missing files and directories.
func (h *handler) open(name string) (fs.File, fs.FileInfo, bool) {
	f, err := h.fsys.Open(name)
	if err != nil {
		return nil, nil, false
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, false
	}
	return f, info, true
}

// encodingSuffix maps a content coding to the suffix of its precompressed
// variant; negotiate prefers the codings in the order of encodingPreference.
var (
	encodingSuffix     = map[string]string{"br": ".br", "gzip": ".gz"}
	encodingPreference = []string{"br", "gzip"}
)

// variants reports which precompressed variants of name exist. A variant
// older than the original (a stale artefact when serving from disk) is
// ignored; embedded files all have the zero time.
func (h *handler) variants(name string, orig fs.FileInfo) map[string]bool {
	have := make(map[string]bool, len(encodingSuffix))
	for enc, suffix := range encodingSuffix {
		info, err := fs.Stat(h.fsys, name+suffix)
		if err == nil && info.Mode().IsRegular() && !info.ModTime().Before(orig.ModTime()) {
			have[enc] = true
		}
	}
	return have
}

// negotiate picks the content coding to send from the codings in have,
// following the Accept-Encoding header (RFC 9110, section 12.5.3). It
// returns "" for identity.
func negotiate(accept string, have map[string]bool) string {
	if accept == "" || len(have) == 0 {
		return ""
	}
	qs := make(map[string]float64)
	for _, item := range strings.Split(accept, ",") {
		coding, params, _ := strings.Cut(item, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		qs[coding] = q
	}
	qualityOf := func(coding string) (float64, bool) {
		if q, ok := qs[coding]; ok {
			return q, true
		}
		q, ok := qs["*"]
		return q, ok
	}
	best, bestQ := "", 0.0
	for _, enc := range encodingPreference {
		if !have[enc] {
			continue
		}
		if q, ok := qualityOf(enc); ok && q > bestQ {
			best, bestQ = enc, q
		}
	}
	// Only an explicitly stronger preference for identity beats a
	// compressed variant the client accepts.
	if q, ok := qs["identity"]; ok && q > bestQ {
		return ""
	}
	return best
}

// contentType returns the Content-Type for name, decided by extension only.
func contentType(name string) string {
	const utf8 = "; charset=utf-8"
	if strings.HasSuffix(name, ".d.ts") {
		return "text/plain" + utf8
	}
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript" + utf8
	case ".html", ".htm":
		return "text/html" + utf8
	case ".css":
		return "text/css" + utf8
	case ".json", ".map":
		return "application/json" + utf8
	case ".txt", ".ts", ".md":
		return "text/plain" + utf8
	case ".jsonl", ".ndjson":
		return "application/jsonl" + utf8
	case ".csv":
		return "text/csv" + utf8
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".br":
		return "application/x-brotli"
	case ".gz":
		return "application/gzip"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// readSeeker returns f as an io.ReadSeeker, reading it into memory if the
// file system's files cannot seek.
func readSeeker(f fs.File) (io.ReadSeeker, error) {
	if r, ok := f.(readSeekFile); ok {
		return r.rs, nil
	}
	if rs, ok := f.(io.ReadSeeker); ok {
		return rs, nil
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}

// readSeekFile is a file whose bytes were read already (readSeeker).
type readSeekFile struct {
	fs.File
	rs io.ReadSeeker
}

// etag returns a strong entity tag for the bytes of rs, cached per name,
// size and modification time, and rewinds rs.
func (h *handler) etag(name string, info fs.FileInfo, rs io.ReadSeeker) (string, error) {
	key := etagKey{name, info.Size(), info.ModTime()}
	h.mu.Lock()
	tag, ok := h.etags[key]
	h.mu.Unlock()
	if ok {
		return tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, rs); err != nil {
		return "", err
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag = `"` + hex.EncodeToString(sum.Sum(nil)[:16]) + `"`
	h.mu.Lock()
	h.etags[key] = tag
	h.mu.Unlock()
	return tag, nil
}
