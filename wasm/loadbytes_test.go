//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

// loadProject takes the file's bytes as read, too, and checks them as every
// file is checked (annotate.CheckText): the page's Open… no longer decodes
// a file itself, which turned Latin-1 or binary bytes into U+FFFD (issue 23
// #5). A refused file leaves the project as it was.
func TestLoadProjectBytes(t *testing.T) {
	good := `{"format": "spanmark", "version": 1, "schema": {"labels": [], "relations": []}, "documents": [{"id": "d", "text": "Café."}]}`
	cases := []struct {
		name, data, msg string
	}{
		{"latin.json", strings.Replace(good, "Café", "Caf\xe9", 1), "latin.json:1: the file is not UTF-8: byte 0xE9"},
		{"photo.json", "\x89PNG\r\n\x1a\n\x00\x00", "photo.json: the file is binary"},
		{"empty.json", "  \n", "empty.json: the file is empty"},
	}
	for _, c := range cases {
		before, _ := call(t, "exportProject").String()
		v, err := bytesToJS([]byte(c.data))
		if err != nil {
			t.Fatal(err)
		}
		got := throws(t, "loadProject", v, c.name)
		if got.Code != "bad_format" || !strings.Contains(got.Message, c.msg) {
			t.Errorf("%s: threw %+v, want bad_format saying %q", c.name, got, c.msg)
		}
		if after, _ := call(t, "exportProject").String(); after != before {
			t.Errorf("%s: the refused file changed the project", c.name)
		}
	}
	v, err := bytesToJS([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := call(t, "loadProject", v, "good.json").Length(); n != 1 {
		t.Fatalf("loadProject(bytes) gave %d documents, want 1", n)
	}
	if text, _ := call(t, "text", "d").String(); text != "Café." {
		t.Fatalf("text %q", text)
	}
}
