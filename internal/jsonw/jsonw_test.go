package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
)

// AppendString must agree with encoding/json (HTML escaping off) on every
// input, valid UTF-8 or not.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\s", "\n\r\t\x00\x1f\x7f", "<b>&</b>", "\u2028\u2029", "bad \xff\xfe utf8", "emoji 👩🏽‍🚀 עברית"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		got := AppendString([]byte("x"), s)
		if string(got) != "x"+string(bytes.TrimRight(want.Bytes(), "\n")) {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got[1:], want.Bytes())
		}
	})
}
