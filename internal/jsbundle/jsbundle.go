// Package jsbundle puts the page's JavaScript modules into one module
// script: web/spanmark.js, which the served page loads (one request instead
// of thirteen: a browser opens at most six connections to a server, so the
// modules came in waves behind the wasm download, 100 ms on a reload), and
// the single-file build inlines (Chromium refuses module scripts from
// file:// URLs). Bundle says how; the output is deterministic. Minify then
// drops its comments and spacing.
package jsbundle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Bundle returns the module entry and every module it imports, transitively,
// as the text of one module script. Each module runs in the order the
// browser would evaluate it (after everything it imports, imports in source
// order) inside a function scope of its own:
//
//	const __smMod3 = (() => {
//	  const { h, toast } = __smMod0;   // import { h, toast } from "./util.js"
//	  const store = __smMod2;          // import * as store from "./store.js"
//	  ...the module's code, "export" keywords dropped...
//	  return Object.freeze({ __proto__: null, get h() { return h; }, ... });
//	})();
//
// Exported let/var bindings may be reassigned by their module after it has
// run (bridge.js's `sm` is set by start()), so they are declared once in the
// outer scope and the module assigns them there ("export let sm = null"
// becomes "sm = null"): importers read the live value, as in ES modules.
//
// The forms accepted, at the start of a line, are:
//
//	import { a, b } from "./x.js";   (may span lines)
//	import * as ns from "./x.js";
//	import "./x.js";                 (for its side effects)
//	export function|function*|async function|class|const|let|var NAME ...
//	export { a, b };                 (names declared by function/class/const)
//
// Anything else starting a line with "import" or "export" (default exports,
// renaming with "as", re-exports, a dynamic import() at the start of a
// line), a name imported but not exported, an import cycle and two modules
// exporting a let/var of the same name are errors naming the file and line.
func Bundle(fsys fs.FS, entry string) (string, error) {
	mods := map[string]*module{}
	state := map[string]int{} // 1 visiting, 2 done
	var order []*module
	var visit func(name, from string) error
	visit = func(name, from string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("%s: import cycle through %s: the bundler cannot order it", from, name)
		case 2:
			return nil
		}
		state[name] = 1
		src, err := ReadText(fsys, name)
		if err != nil {
			return fmt.Errorf("%s: %w", from, err)
		}
		if err := CheckRaw(name, src, "script"); err != nil {
			return err // named by module and line, not by the bundle's line
		}
		m, err := parseModule(name, src)
		if err != nil {
			return err
		}
		mods[name] = m
		for _, im := range m.imports {
			if err := visit(im.from, fmt.Sprintf("%s:%d", name, im.line)); err != nil {
				return err
			}
			for _, n := range im.names {
				if _, ok := mods[im.from].exports[n]; !ok {
					return fmt.Errorf("%s:%d: %s does not export %q", name, im.line, im.from, n)
				}
			}
		}
		state[name] = 2
		m.index = len(order)
		order = append(order, m)
		return nil
	}
	if err := visit(entry, "index.html"); err != nil {
		return "", err
	}

	var b strings.Builder
	b.WriteString("// spanmark: the page's modules, each in its own scope, in evaluation order (internal/jsbundle; built by make).\n")
	shared := map[string]string{} // exported let/var → its module
	for _, m := range order {
		for _, n := range sortedKeys(m.exports) {
			if !m.exports[n] {
				continue
			}
			if o, dup := shared[n]; dup {
				return "", fmt.Errorf("%s and %s both export a let/var named %q: the bundle keeps those in one shared scope; rename one", o, m.name, n)
			}
			shared[n] = m.name
			fmt.Fprintf(&b, "let %s; // exported by %s\n", n, m.name)
		}
	}
	for _, m := range order {
		fmt.Fprintf(&b, "\n// ---- %s ----\nconst %s = (() => {\n", m.name, m.ref())
		for _, im := range m.imports {
			dep := mods[im.from]
			switch {
			case im.ns != "":
				fmt.Fprintf(&b, "const %s = %s;\n", im.ns, dep.ref())
			case len(im.names) > 0:
				var fixed []string
				for _, n := range im.names {
					if !dep.exports[n] { // let/var exports are read from the shared scope
						fixed = append(fixed, n)
					}
				}
				if len(fixed) > 0 {
					fmt.Fprintf(&b, "const { %s } = %s;\n", strings.Join(fixed, ", "), dep.ref())
				}
			}
		}
		b.WriteString(strings.TrimRight(m.body, "\n"))
		b.WriteString("\nreturn Object.freeze({ __proto__: null")
		for _, n := range sortedKeys(m.exports) {
			fmt.Fprintf(&b, ", get %s() { return %s; }", n, n)
		}
		b.WriteString(" });\n})();\n")
	}
	return b.String(), nil
}

type module struct {
	name    string
	index   int // in evaluation order
	body    string
	imports []importDecl
	exports map[string]bool // name → a let/var (may be reassigned)
}

func (m *module) ref() string { return fmt.Sprintf("__smMod%d", m.index) }

type importDecl struct {
	from  string
	names []string
	ns    string // import * as ns
	line  int
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var (
	importRE     = regexp.MustCompile(`(?m)^import[ \t]*(?:\{([^}]*)\}[ \t]*from[ \t]*|\*[ \t]*as[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]*)?("[^"\n]*"|'[^'\n]*')[ \t]*;?[ \t]*(?://[^\n]*)?(?:\n|$)`)
	exportDeclRE = regexp.MustCompile(`(?m)^export[ \t]+((?:async[ \t]+)?function\*?|class|const|let|var)[ \t]+([A-Za-z_$][\w$]*)`)
	exportVarRE  = regexp.MustCompile(`(?m)^export[ \t]+(?:let|var)[ \t]+`)
	exportListRE = regexp.MustCompile(`(?m)^export[ \t]*\{([^}]*)\}[ \t]*;?[ \t]*(?:\n|$)`)
	leftoverRE   = regexp.MustCompile(`(?m)^(import|export)\b`)
	declRE       = regexp.MustCompile(`(?m)^(?:async[ \t]+)?(function\*?|class|const|let|var)[ \t]*([A-Za-z_$][\w$]*)`)
	identRE      = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)
)

func parseModule(name, src string) (*module, error) {
	m := &module{name: name, exports: map[string]bool{}}
	lineAt := func(s string, off int) int { return 1 + strings.Count(s[:off], "\n") }
	blank := func(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) }
	nameList := func(list string, line int) ([]string, error) {
		var out []string
		for _, n := range strings.Split(list, ",") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			if !identRE.MatchString(n) {
				return nil, fmt.Errorf("%s:%d: %q: the bundler takes plain names only (no \"as\")", name, line, n)
			}
			out = append(out, n)
		}
		return out, nil
	}

	// Imports: recorded, and cut out (blank lines keep the line numbers).
	for _, sm := range importRE.FindAllStringSubmatchIndex(src, -1) {
		line := lineAt(src, sm[0])
		spec := src[sm[6]+1 : sm[7]-1]
		if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
			return nil, fmt.Errorf("%s:%d: import of %q: only relative imports of the page's own modules can be bundled", name, line, spec)
		}
		im := importDecl{from: path.Join(path.Dir(name), spec), line: line}
		if sm[2] >= 0 {
			var err error
			if im.names, err = nameList(src[sm[2]:sm[3]], line); err != nil {
				return nil, err
			}
		}
		if sm[4] >= 0 {
			im.ns = src[sm[4]:sm[5]]
		}
		m.imports = append(m.imports, im)
	}
	body := importRE.ReplaceAllStringFunc(src, blank)

	// Top-level declarations (at the start of a line, the code's style):
	// what "export { a }" may name.
	kinds := map[string]string{}
	for _, sm := range declRE.FindAllStringSubmatch(body, -1) {
		if _, ok := kinds[sm[2]]; !ok {
			kinds[sm[2]] = sm[1]
		}
	}

	for _, sm := range exportListRE.FindAllStringSubmatchIndex(body, -1) {
		line := lineAt(body, sm[0])
		names, err := nameList(body[sm[2]:sm[3]], line)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			switch kinds[n] {
			case "":
				return nil, fmt.Errorf("%s:%d: exports %q, which is not declared at the start of a line", name, line, n)
			case "let", "var":
				return nil, fmt.Errorf("%s:%d: %q is a let/var: export it where it is declared (export let …)", name, line, n)
			}
			m.exports[n] = false
		}
	}
	body = exportListRE.ReplaceAllStringFunc(body, blank)
	for _, sm := range exportDeclRE.FindAllStringSubmatch(body, -1) {
		m.exports[sm[2]] = sm[1] == "let" || sm[1] == "var"
	}
	// "export let x = 1, y;" becomes "x = 1, y;": an assignment to the
	// shared binding (a bare "y" is a harmless expression).
	body = exportVarRE.ReplaceAllString(body, "")
	body = exportDeclRE.ReplaceAllString(body, "$1 $2")
	if loc := leftoverRE.FindStringIndex(body); loc != nil {
		text := strings.SplitN(body[loc[0]:], "\n", 2)[0]
		return nil, fmt.Errorf("%s:%d: %q: a form of import/export the bundler does not handle", name, lineAt(body, loc[0]), text)
	}
	m.body = body
	return m, nil
}

// ReadText reads a UTF-8 text file with its line ends made "\n", as the
// HTML parser will hand the inlined text to the browser (the hashes in the
// CSP are over exactly that text).
func ReadText(fsys fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && (name == "wasm_exec.js" || name == "spanmark.js") {
			return "", fmt.Errorf("%s is missing: run `make wasm` first", name)
		}
		return "", err
	}
	if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return "", fmt.Errorf("%s: not UTF-8 text", name)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// CheckRaw refuses text that would end or confuse the raw-text element it
// is inlined in (the HTML parser does not know JavaScript strings).
func CheckRaw(name, s, elem string) error {
	low := strings.ToLower(s)
	bad := []string{"</" + elem}
	if elem == "script" {
		bad = append(bad, "<!--", "<script")
	}
	for _, b := range bad {
		if i := strings.Index(low, b); i >= 0 {
			return fmt.Errorf("%s:%d: %q cannot be inlined in a <%s> element (write it another way, e.g. \"<\\/\")",
				name, 1+strings.Count(s[:i], "\n"), s[i:i+len(b)], elem)
		}
	}
	return nil
}
