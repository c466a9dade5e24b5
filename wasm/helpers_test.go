//go:build js && wasm

package main

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall/js"
	"testing"

	"github.com/hack-pad/safejs"
)

// The sample articles are copies of ../testdata/articles (go:embed cannot
// reach a parent directory); the parity test fails if they drift, since the
// native side reads the same copies.
//
//go:embed testdata
var testdata embed.FS

func article(t testing.TB, name string) string {
	t.Helper()
	b, err := testdata.ReadFile("testdata/articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	gulfFile = "gulf-shipping-multilingual.txt"
	iranFile = "iran-us-talks.txt"
)

// sm is the global spanmark object. The tests call its methods from Go
// through safejs exactly as the page calls them from JavaScript: the call
// goes JavaScript → trampoline → Go dispatcher, re-entering the Go runtime
// as a page call does, and a throw comes back as a JavaScript exception.
var sm safejs.Value

func TestMain(m *testing.M) {
	if err := register(); err != nil {
		fmt.Println("register:", err)
		os.Exit(1)
	}
	var err error
	if sm, err = safejs.Global().Get("spanmark"); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// nums turns ints into a JavaScript array argument.
func nums(xs ...int) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// call calls spanmark.name(args...) and fails the test if it throws.
func call(t testing.TB, name string, args ...any) safejs.Value {
	t.Helper()
	v, err := sm.Call(name, args...)
	if err != nil {
		t.Fatalf("spanmark.%s: %v", name, err)
	}
	return v
}

// decode reads a JavaScript result into T through JSON.stringify, so the
// test sees exactly the JSON shape the page sees.
func decode[T any](t testing.TB, v safejs.Value) T {
	t.Helper()
	var out T
	if v.IsUndefined() {
		t.Fatal("result is undefined")
	}
	s, err := theBridge.json.Call("stringify", v)
	if err != nil {
		t.Fatal(err)
	}
	str, err := s.String()
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(str))
	dec.DisallowUnknownFields() // a field the d.ts does not name is a bug
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decoding %s: %v", str, err)
	}
	return out
}

func callAs[T any](t testing.TB, name string, args ...any) T {
	t.Helper()
	return decode[T](t, call(t, name, args...))
}

// thrown is what a test reads from a thrown Error.
type thrown struct {
	IsError  bool // instanceof Error
	Message  string
	Code     string
	Doc      string
	Span     string
	Field    string
	Format   string // an import's: the format the files were read as
	Reason   string
	Problems []map[string]any
}

// throws calls spanmark.name(args...) and returns the Error it threw,
// failing the test when it returns normally.
func throws(t testing.TB, name string, args ...any) thrown {
	t.Helper()
	v, err := sm.Call(name, args...)
	if err == nil {
		s, _ := theBridge.json.Call("stringify", v)
		str, _ := s.String()
		t.Fatalf("spanmark.%s did not throw; it returned %s", name, str)
	}
	// safejs reports a JavaScript exception as an error wrapping
	// js.Error; it has no accessor of its own for the thrown value.
	var je js.Error
	if !errors.As(err, &je) {
		t.Fatalf("spanmark.%s: not a JavaScript exception: %v", name, err)
	}
	e := safejs.Safe(je.Value)
	var out thrown
	errCtor, _ := safejs.Global().Get("Error")
	out.IsError, _ = e.InstanceOf(errCtor)
	str := func(p string) string {
		v, err := e.Get(p)
		if err != nil || v.Type() != safejs.TypeString {
			return ""
		}
		s, _ := v.String()
		return s
	}
	out.Message, out.Code, out.Doc, out.Span, out.Field, out.Format = str("message"), str("code"), str("doc"), str("span"), str("field"), str("format")
	out.Reason = str("reason")
	if p, err := e.Get("problems"); err == nil && !p.IsUndefined() {
		out.Problems = decode[[]map[string]any](t, p)
	}
	return out
}
