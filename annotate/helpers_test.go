package annotate

import (
	"bytes"
	"os"
	"testing"
)

func readArticle(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newDoc returns a document over text in a project with the default schema.
func newDoc(t testing.TB, text string) (*Project, *Document) {
	t.Helper()
	p := NewProject(nil)
	d, err := p.AddDocument("d", "Test", text, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	return p, d
}

func saved(t testing.TB, p *Project) []byte {
	t.Helper()
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustAdd(t testing.TB, d *Document, label string, frags ...Fragment) *Span {
	t.Helper()
	s, _, err := d.AddSpan(SpanInput{Label: label, Fragments: frags})
	if err != nil {
		t.Fatalf("add %s %v: %v", label, frags, err)
	}
	return s
}

func wantCode(t testing.TB, err error, code Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := CodeOf(err); got != code {
		t.Fatalf("error %q has code %s, want %s", err, got, code)
	}
}

// at returns the code-point offset of the n-th (0-based) occurrence of sub.
func at(t testing.TB, text, sub string, n int) Fragment {
	t.Helper()
	x := NewTextIndex(text)
	off := 0
	for i := 0; ; i++ {
		j := bytes.Index([]byte(text[off:]), []byte(sub))
		if j < 0 {
			t.Fatalf("%q occurrence %d not found", sub, n)
		}
		if i == n {
			s := x.FromByte(off+j, false)
			return Fragment{s, s + len([]rune(sub))}
		}
		off += j + len(sub)
	}
}
