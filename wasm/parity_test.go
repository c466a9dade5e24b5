//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/spanmark/spanmark/internal/linediff"
)

// TestParity replays testdata/parity-script.json through the global
// spanmark object, as the page would, and requires exportProject() to be
// byte-identical to testdata/parity.golden.json, which
// annotate/parity_test.go checks (and, with -update, writes) by replaying
// the same script natively through the core.
func TestParity(t *testing.T) {
	data, err := testdata.ReadFile("testdata/parity-script.json")
	if err != nil {
		t.Fatal(err)
	}
	var script struct {
		Comment   string
		Documents []struct {
			ID, Title, File string
			Meta            map[string]any
		}
		Ops []map[string]any
	}
	if err := json.Unmarshal(data, &script); err != nil {
		t.Fatal(err)
	}
	call(t, "newProject")
	for _, d := range script.Documents {
		args := []any{d.ID, d.Title, article(t, d.File)}
		if d.Meta != nil {
			args = append(args, d.Meta)
		}
		call(t, "addDocument", args...)
	}
	for i, o := range script.Ops {
		name, args := parityCall(t, o)
		want, _ := o["error"].(string)
		if opts, _ := o["options"].(map[string]any); name == "labelAll" && opts["regex"] == true {
			// as the page does: the matches from the formats module
			// (matchText), labelled by the core (labelMatches)
			frags, code := regexFrags(t, args[0].(string), opts)
			if code != want {
				t.Fatalf("op %d (regex label-all): matching gave error %q, want %q", i, code, want)
			}
			if code == "" {
				call(t, "labelMatches", args[0], opts, frags)
			}
			continue
		}
		if want == "" {
			if _, err := sm.Call(name, args...); err != nil {
				t.Fatalf("op %d (%s): %v", i, name, err)
			}
			continue
		}
		if got := throws(t, name, args...); got.Code != want {
			t.Fatalf("op %d (%s): threw %q (%s), want %q", i, name, got.Code, got.Message, want)
		}
	}
	got, _ := call(t, "exportProject").String()
	golden, err := testdata.ReadFile("testdata/parity.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(got), golden) {
		t.Errorf("exportProject() differs from testdata/parity.golden.json:\n%s", linediff.First([]byte(got), golden))
	}
}

// parityCall turns one script operation into a spanmark method call.
func parityCall(t *testing.T, o map[string]any) (string, []any) {
	name, _ := o["op"].(string)
	doc := o["doc"]
	switch name {
	case "addSpan":
		opts := map[string]any{}
		for _, k := range []string{"snap", "trimPunct", "attrs", "note"} {
			if v, ok := o[k]; ok {
				opts[k] = v
			}
		}
		return name, []any{doc, o["label"], o["frags"], opts}
	case "addFragment":
		opts := map[string]any{}
		for _, k := range []string{"snap", "trimPunct"} {
			if v, ok := o[k]; ok {
				opts[k] = v
			}
		}
		return name, []any{doc, o["id"], o["start"], o["end"], opts}
	case "removeSpan", "removeRelation":
		return name, []any{doc, o["id"]}
	case "relabel":
		return name, []any{doc, o["id"], o["label"]}
	case "setFragment":
		return name, []any{doc, o["id"], o["index"], o["start"], o["end"]}
	case "removeFragment":
		return name, []any{doc, o["id"], o["index"]}
	case "setAttr":
		return name, []any{doc, o["id"], o["name"], o["value"]}
	case "setNote":
		return name, []any{doc, o["id"], o["note"]}
	case "addRelation":
		return name, []any{doc, o["type"], o["from"], o["to"]}
	case "setStatus":
		return name, []any{doc, o["status"]}
	case "setDocLabels":
		return name, []any{doc, o["labels"]}
	case "labelAll":
		return name, []any{doc, o["options"]}
	case "undo", "redo":
		return name, []any{doc}
	}
	t.Fatalf("unknown op %q", name)
	return "", nil
}
