package jsbundle

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestBundleOrderAndScopes(t *testing.T) {
	fsys := fstest.MapFS{
		"app.js": file("// app\nimport { a, live } from \"./b.js\";\nimport * as ns from './c.js';\nimport \"./side.js\"; // effects\n" +
			"const own = 1;\nconsole.log(a(), live, ns.c, own);\n"),
		"b.js":    file("import { c } from \"./c.js\";\nexport function a() { return c; }\nexport let live = null, other;\nexport function set() { live = 2; }\n"),
		"c.js":    file("const own = 2;\nexport const c = own;\nexport { own };\n"),
		"side.js": file("import {\n  c,\n} from \"./c.js\";\nwindow.x = c;\n"),
	}
	got, err := Bundle(fsys, "app.js")
	if err != nil {
		t.Fatal(err)
	}
	// Evaluation order: c, b, side, app; each module in its own scope.
	var order []string
	for _, m := range regexp.MustCompile(`(?m)^// ---- (\S+) ----$`).FindAllStringSubmatch(got, -1) {
		order = append(order, m[1])
	}
	if strings.Join(order, " ") != "c.js b.js side.js app.js" {
		t.Errorf("order %q", order)
	}
	for _, want := range []string{
		"let live; // exported by b.js\n",                  // the let export lives outside every module
		"\nlive = null, other;\n",                          // and its module assigns it
		"const { c } = __smMod0;\n",                        // named import: destructured
		"const { a } = __smMod1;\n",                        // ... but not the live let
		"const ns = __smMod0;\n",                           // namespace import
		"get c() { return c; }, get own() { return own; }", // export { own } too
		"const __smMod3 = (() => {\n",
		"\nfunction a() { return c; }\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("bundle lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "import ") || regexp.MustCompile(`(?m)^export`).MatchString(got) {
		t.Errorf("import/export left in the bundle:\n%s", got)
	}
	again, _ := Bundle(fsys, "app.js")
	if again != got {
		t.Errorf("bundle is not deterministic")
	}
}

func TestBundleErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"cycle", fstest.MapFS{"app.js": file(`import { b } from "./b.js";` + "\n"), "b.js": file(`import "./app.js";` + "\nexport const b = 1;\n")},
			"b.js:1: import cycle through app.js"},
		{"rename", fstest.MapFS{"app.js": file(`import { b as c } from "./b.js";` + "\n"), "b.js": file("export const b = 1;\n")},
			`app.js:1: "b as c": the bundler takes plain names only`},
		{"default", fstest.MapFS{"app.js": file(`import "./b.js";` + "\n"), "b.js": file("\nexport default 1;\n")},
			`b.js:2: "export default 1;": a form of import/export the bundler does not handle`},
		{"default import", fstest.MapFS{"app.js": file("import b from \"./b.js\";\n")},
			`app.js:1: "import b from \"./b.js\";": a form`},
		{"missing", fstest.MapFS{"app.js": file(`import { nope } from "./b.js";` + "\n"), "b.js": file("export const b = 1;\n")},
			`app.js:1: b.js does not export "nope"`},
		{"shared let", fstest.MapFS{"app.js": file("import \"./b.js\";\nexport let x = 1;\n"), "b.js": file("export let x = 2;\n")},
			`b.js and app.js both export a let/var named "x"`},
		{"bare", fstest.MapFS{"app.js": file(`import { x } from "lib";` + "\n")},
			`app.js:1: import of "lib": only relative imports`},
		{"absent", fstest.MapFS{"app.js": file(`import "./gone.js";` + "\n")},
			`app.js:1: open gone.js`},
		{"export let list", fstest.MapFS{"app.js": file("let x = 1;\nexport { x };\n")},
			`app.js:2: "x" is a let/var`},
	} {
		_, err := Bundle(c.fs, "app.js")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
