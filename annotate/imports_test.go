package annotate

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The core is compiled to WebAssembly and downloaded by the browser, within
// a budget of 800 KB brotli. encoding/json costs about 214 KB of that and
// fmt about 107 KB (measured), mostly the reflect code and type metadata
// they bring along, so the core's code does without them: messages are
// built with strconv, JSON is read and written by hand (decode.go,
// encode.go, jsonapi.go). Tests may use them freely.
var forbiddenImports = []string{"fmt", "encoding/json", "reflect"}

// TestNoHeavyImports fails when a non-test file of the package imports
// one of forbiddenImports.
func TestNoHeavyImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		n++
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			for _, bad := range forbiddenImports {
				if path == bad {
					t.Errorf("%s imports %q: the core must not link it (it would grow the page's wasm download; see imports_test.go)", fset.Position(im.Pos()), path)
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d source files found: is the test running in the package directory?", n)
	}
}

// TestNoHeavyDependencies checks the same for everything the package
// links when built for the browser (a package it imports may bring one of
// them along: encoding/binary imports reflect).
func TestNoHeavyDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goTool, "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	for _, dep := range deps {
		for _, bad := range forbiddenImports {
			if dep == bad {
				t.Errorf("the package links %q when built for wasm (go list -deps)", dep)
			}
		}
	}
	if len(deps) < 5 {
		t.Fatalf("go list -deps found only %v", deps)
	}
}

// coreForbidden are the packages the page's core module (./wasm built for
// js without the formats tag: web/spanmark.wasm) must not link, besides
// forbiddenImports: regexp is 63 KB of brotli (label-all's regular
// expressions are matched in the formats module: regex_core.go), and
// text/template and net/url would bring it back along.
var coreForbidden = []string{"regexp", "regexp/syntax", "text/template", "net/url"}

// wasmForbidden is what neither wasm module (core, formats) may link:
// archive/zip (with time's formatting and internal/godebug) was ~77 KB of
// the formats module's xz, which the single file embeds; internal/zipc
// reads and writes the .zip files instead (archive/zip is for tests).
var wasmForbidden = []string{"archive/zip"}

// goListDeps is what go list -deps prints for pkg built for js/wasm with tags.
func goListDeps(t *testing.T, pkg, tags string) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-tags="+tags, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps -tags=%q %s: %v\n%s", tags, pkg, err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("go list -deps %s found only %v", pkg, deps)
	}
	return deps
}

// TestCoreLinksNoRegexp: the page's core module links none of
// coreForbidden (nor forbiddenImports), while the formats module does link
// regexp (so the check sees what it looks for: the regex option works
// there); neither links wasmForbidden.
func TestCoreLinksNoRegexp(t *testing.T) {
	core := goListDeps(t, "../wasm", "")
	for _, dep := range core {
		for _, bad := range append(append(coreForbidden, forbiddenImports...), wasmForbidden...) {
			if dep == bad {
				t.Errorf("the page's core (./wasm for js, without -tags formats) links %q: it must not (go list -deps; see regex_core.go)", dep)
			}
		}
	}
	formats := goListDeps(t, "../wasm", "formats")
	for _, bad := range wasmForbidden {
		if slices.Contains(formats, bad) {
			t.Errorf("the formats module (./wasm -tags formats) links %q: it must not (the single file embeds it; go list -deps; see wasmForbidden)", bad)
		}
	}
	if !slices.Contains(formats, "github.com/spanmark/spanmark/internal/zipc") {
		t.Errorf("the formats module does not link internal/zipc: the check above may be looking at the wrong build")
	}
	if !slices.Contains(formats, "regexp") {
		t.Errorf("the formats module (./wasm -tags formats) does not link regexp: label-all's regular expressions have no home")
	}
}
