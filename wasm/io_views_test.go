//go:build js && wasm && formats

package main

import (
	"bytes"
	"testing"
)

// The formats module's views write the bytes encoding/json wrote for them.
func TestFormatViewsMatchEncodingJSON(t *testing.T) {
	views := map[string]jsonView{
		"export":       exportView{Files: []exportFile{{"a.txt", awkward}, {awkward, ""}}, Report: []string{awkward}},
		"empty export": exportView{Files: []exportFile{}, Report: []string{}},
		"preview": previewView{Token: "import-1", Format: "brat", Documents: 2, Spans: 3, Relations: 1, Report: []string{"r"}, Append: appendView{Possible: false, Report: []string{}, Error: awkward},
			Labels: []fileLabelView{{Name: awkward, Layer: "claim", Spans: 2, Proposal: "CLAIM", MappedTo: awkward, Targets: []string{"CLAIM", awkward}}, {Name: "X", Targets: []string{}}}},
		"preview, no error": previewView{Report: []string{}, Append: appendView{Possible: true, Report: []string{"x", awkward}}, Labels: []fileLabelView{}},
	}
	for name, v := range views {
		if got, want := v.appendJSON(nil), marshal(t, v); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}
