package wasmsize

import (
	"os"
	"sort"
	"strings"
	"testing"
)

func TestZZTmpFuncs(t *testing.T) {
	data, err := os.ReadFile(os.Getenv("WASMFILE"))
	if err != nil {
		t.Skip()
	}
	fns, err := Funcs(data)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(fns, func(a, b int) bool { return fns[a].Size > fns[b].Size })
	for _, p := range strings.Split(os.Getenv("PKGS"), ",") {
		n, tot := 0, 0
		for _, f := range fns {
			if f.InPackage(p) {
				tot += f.Size
				if n < 12 {
					t.Logf("%s %8d %s", p, f.Size, f.Name)
				}
				n++
			}
		}
		t.Logf("%s: %d funcs, %d bytes", p, n, tot)
	}
}
