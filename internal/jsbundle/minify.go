package jsbundle

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Page is the module script the page loads: the bundle of entry (Bundle),
// minified, with the formats module's content hash in place of
// FormatsHashMark.
func Page(fsys fs.FS, entry string) (string, error) {
	js, err := Bundle(fsys, entry)
	if err != nil {
		return "", err
	}
	js = strings.ReplaceAll(js, FormatsHashMark, FormatsHash(fsys))
	return Minify(js, entry+" (bundle)")
}

// FormatsHashMark, in the page's scripts (formats.js), stands for the
// content hash of spanmark-formats.wasm, which the page loads on first use
// as "spanmark-formats.wasm?v=<hash>": the service worker keeps responses
// by URL, so after an update the new page's module is a URL the cache
// has not seen and is fetched (and kept for offline use) instead of the
// previous build's being used with the new core.
const FormatsHashMark = "__SPANMARK_FORMATS_HASH__"

// FormatsHash is the first 16 hex digits of the SHA-256 of
// spanmark-formats.wasm in fsys ("none" when it has not been built: the
// single-file builds carry no separate formats module).
func FormatsHash(fsys fs.FS) string {
	return ContentHash(fsys, "spanmark-formats.wasm")
}

// Minify drops the comments and spacing of the page's bundled script (name
// says which, in errors), keeping its names and statements as written:
// the bundle is a third of the page's download once the wasm is counted
// out, and half of it was comments. Syntax and identifiers are left alone
// so that what runs is what the sources say, and errors name the same
// functions.
func Minify(js, name string) (string, error) {
	r := api.Transform(js, api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatDefault, // a module script stays one
		Target:            api.ESNext,
		MinifyWhitespace:  true,
		LegalComments:     api.LegalCommentsNone,
		Sourcefile:        name,
		MinifySyntax:      false,
		MinifyIdentifiers: false,
	})
	if len(r.Errors) > 0 {
		var msgs []string
		for _, m := range api.FormatMessages(r.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}) {
			msgs = append(msgs, strings.TrimSpace(m))
		}
		return "", errors.New("minifying " + name + ": " + strings.Join(msgs, "; "))
	}
	return string(r.Code), nil
}

// lazyRE finds the page's modules loaded on first use: app.js imports them
// with lazyModule("name.js") instead of a static import, so they stay out
// of the bundle and off the start's path.
var lazyRE = regexp.MustCompile(`lazyModule\("([A-Za-z0-9_-]+\.js)"\)`)

// LazyModules are the modules a page script loads on first use, sorted
// (js: the bundle before minifying, which may rename lazyModule).
func LazyModules(js string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range lazyRE.FindAllStringSubmatch(js, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Lazy is a module loaded on first use, as a module script for a page that
// cannot import it (the single file, opened from file://): the module's
// bundle, minified, which registers its exports as
// globalThis.__smLazy[name], where app.js's lazyModule looks first.
func Lazy(fsys fs.FS, name string) (string, error) {
	js, err := Bundle(fsys, name)
	if err != nil {
		return "", err
	}
	refs := regexp.MustCompile(`(?m)^const (__smMod\d+) = \(\(\) => \{$`).FindAllStringSubmatch(js, -1)
	if len(refs) == 0 {
		return "", fmt.Errorf("%s: no module in its bundle", name)
	}
	entry := refs[len(refs)-1][1] // the entry is evaluated last
	js += fmt.Sprintf("\n(globalThis.__smLazy ??= {})[%q] = %s;\n", name, entry)
	return Minify(js, name+" (on first use)")
}
