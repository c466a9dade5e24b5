package wasmsize

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The page downloads the core wasm (./wasm built without -tags formats)
// before anyone can annotate, within a budget of 800 KB brotli.
// encoding/json costs about 214 KB brotli of that and fmt about 107 KB,
// mostly the reflect code and type metadata they bring, so the core does
// without them (messages with strconv, JSON written and read by hand). The
// dataset-format module (-tags formats) is loaded on demand and may use
// them.
//
// regexp (with regexp/syntax and its Unicode tables) is 63-80 KB of brotli,
// for label-all's regex option alone: the formats module matches regular
// expressions for the page (annotate/regex_core.go, web/regex.js).
var heavy = []string{"encoding/json", "fmt", "reflect", "internal/fmtsort", "regexp", "regexp/syntax"}

// heavyImporters are the packages outside this module allowed to import
// a heavy package, and why. What they import may be linked, and what that
// imports in turn (fmt brings reflect); nothing else may. When they stop
// importing it, the check tightens by itself.
var heavyImporters = map[string]string{
	// Empty: safejs imported fmt (panic values, stack traces, InstanceOf
	// errors), which linked fmt, reflect and os; spanmark uses a copy
	// patched not to (third_party/safejs/SPANMARK.md).
}

// TestCoreWasmLinksNoHeavyPackages builds the core wasm as `make wasm`
// does, but keeping function names, and fails if it links a heavy
// package other than through heavyImporters, or if a package of this
// module (the bridge, annotate, internal/...) or any other dependency
// imports one.
func TestCoreWasmLinksNoHeavyPackages(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")

	// What imports the heavy packages, in the core build.
	list := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./wasm")
	list.Dir, list.Env = root, env
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr(err))
	}
	importers := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		for _, imp := range f[1:] {
			if slices.Contains(heavy, imp) {
				importers[imp] = append(importers[imp], f[0])
			}
		}
	}
	if len(importers) == 0 && !strings.Contains(string(out), "github.com/spanmark/spanmark/annotate") {
		t.Fatalf("go list -deps ./wasm found neither heavy packages nor annotate:\n%s", out)
	}
	allowed := map[string]bool{} // heavy packages the allowed importers bring
	for changed := true; changed; {
		changed = false
		for h, qs := range importers {
			for _, q := range qs {
				_, ok := heavyImporters[q]
				if !allowed[h] && (ok || slices.Contains(heavy, q) && allowed[q]) {
					allowed[h], changed = true, true
				}
			}
		}
	}
	for h, qs := range importers {
		for _, q := range qs {
			if _, ok := heavyImporters[q]; !ok && !slices.Contains(heavy, q) {
				t.Errorf("%s imports %s: the core wasm must not link it (800 KB brotli budget; see this test)", q, h)
			}
		}
	}

	wasm := filepath.Join(t.TempDir(), "core.wasm")
	build := exec.Command(goTool, "build", "-trimpath", "-o", wasm, "./wasm")
	build.Dir, build.Env = root, env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	fns, err := Funcs(data)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int{}
	total := 0
	for _, f := range fns {
		total += f.Size
		for _, p := range append(slices.Clone(heavy), "main", "runtime") {
			if f.InPackage(p) {
				sizes[p] += f.Size
			}
		}
	}
	// The names were read: a binary without them would pass vacuously.
	if sizes["main"] == 0 || sizes["runtime"] == 0 || total < 1<<20 {
		t.Fatalf("name section not understood: main %d, runtime %d, total %d bytes of code", sizes["main"], sizes["runtime"], total)
	}
	// A generic sort links its own copy of pdqsort (~20 KB of code) for
	// each element shape; the modules sort through internal/order.
	for _, f := range fns {
		if strings.HasPrefix(f.Name, "slices.pdqsort") {
			t.Errorf("the core wasm links a generic sort, %s (slices.Sort, slices.SortFunc or slices.Sorted on a new element type): sort with internal/order", f.Name)
		}
	}
	for _, h := range heavy {
		switch {
		case sizes[h] == 0:
		case allowed[h]:
			t.Logf("%s: %d bytes of code, linked only through %v", h, sizes[h], importers[h])
		default:
			t.Errorf("the core wasm links %s (%d bytes of code; 800 KB brotli budget, see this test): find what reaches it with\n"+
				"\tGOOS=js GOARCH=wasm go build -ldflags=-dumpdep -o /dev/null ./wasm 2>&1 | grep -- '-> %s\\.'",
				h, sizes[h], h)
		}
	}
}

func stderr(err error) []byte {
	if e, ok := err.(*exec.ExitError); ok {
		return e.Stderr
	}
	return nil
}

func TestInPackage(t *testing.T) {
	for _, c := range []struct {
		name, pkg string
		want      bool
	}{
		{"encoding_json.Marshal", "encoding/json", true},
		{"reflect.Value.Kind", "reflect", true},
		{"internal_reflectlite.TypeOf", "reflect", false},
		{"fmt.__pp_.doPrintf", "fmt", true},
		{"github.com_hack_pad_safejs.Value.Get", "github.com/hack-pad/safejs", true},
		{"github.com_hack_pad_safejs_internal_catch.Try", "github.com/hack-pad/safejs", false},
		{"slices.Sort_go.shape.string_", "fmt", false},
	} {
		if got := (Func{Name: c.name}).InPackage(c.pkg); got != c.want {
			t.Errorf("%s in %s = %v", c.name, c.pkg, got)
		}
	}
}
