//go:build js && wasm

package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// The schema-editing methods and the status rule, through the real bridge.
func TestSchemaEditing(t *testing.T) {
	fresh(t)
	iran := article(t, iranFile)
	at := func(s string) []any {
		i := strings.Index(iran, s) // the Iran article is ASCII: bytes = UTF-16 units
		return nums(i, i+len(s))
	}
	// status rule: the first edit of a todo document makes it in progress
	cv := callAs[changeView](t, "addSpan", "iran", "PERSON", at("Barack Obama"), map[string]any{"snap": "char"})
	if !cv.Doc || callAs[docInfo](t, "document", "iran").Status != "in_progress" {
		t.Fatalf("first edit: %+v, status %s", cv, callAs[docInfo](t, "document", "iran").Status)
	}
	if callAs[changeView](t, "undo", "iran"); callAs[docInfo](t, "document", "iran").Status != "todo" {
		t.Fatal("undoing the first edit leaves the document in progress")
	}
	callAs[changeView](t, "redo", "iran")
	callAs[changeView](t, "addSpan", "iran", "PERSON", at("John Kerry"), map[string]any{"snap": "char"})
	callAs[changeView](t, "addSpan", "iran", "CLAIM", at("Renewal of ties"), map[string]any{"snap": "char", "attrs": map[string]any{"checkworthy": "unsure"}})

	dry := callAs[schemaEditView](t, "renameLabel", "PERSON", "PER", map[string]any{"dryRun": true})
	if dry.Spans != 2 || dry.Documents != 1 || !dry.DryRun || dry.RelationTypes == nil {
		t.Fatalf("rename dry run %+v", dry)
	}
	if n := callAs[map[string]int](t, "counts", "iran"); n["PERSON"] != 2 {
		t.Fatalf("a dry run renamed: %v", n)
	}
	if r := callAs[schemaEditView](t, "renameLabel", "PERSON", "PER"); r.Spans != 2 || r.HistoryCleared {
		t.Fatalf("rename %+v", r)
	}
	if u := callAs[changeView](t, "undo", "iran"); len(u.Removed) != 1 || u.Counts["PER"] != 2 {
		t.Fatalf("undo after rename %+v", u)
	}
	callAs[changeView](t, "redo", "iran")

	e := throws(t, "updateLabel", "CLAIM", map[string]any{"name": "CLAIM", "layer": "claim", "color": "#ffafcc", "hotkey": "7",
		"attributes": []any{map[string]any{"name": "checkworthy", "type": "enum", "values": []any{"yes", "no"}}}})
	if e.Code != "bad_attribute" || e.Doc != "iran" || e.Field != "attrs.checkworthy" || !strings.Contains(e.Message, "1 attribute value is no longer allowed") {
		t.Fatalf("update refused with %+v", e)
	}
	up := callAs[schemaEditView](t, "updateLabel", "CLAIM", map[string]any{"layer": "claim", "color": "#ffafcc", "hotkey": "7",
		"attributes": []any{map[string]any{"name": "checkworthy", "type": "enum", "values": []any{"yes", "no"}}}}, map[string]any{"dropInvalid": true})
	if up.Attrs != 1 || !up.HistoryCleared {
		t.Fatalf("update %+v", up)
	}
	if u := throws(t, "undo", "iran"); u.Code != "nothing_to_undo" {
		t.Fatalf("history not cleared: %+v", u)
	}

	rm := callAs[schemaEditView](t, "removeLabel", "CLAIM", map[string]any{"dryRun": true})
	if rm.Spans != 1 || !slices.Equal(rm.RelationTypes, []string{"claimant", "cue"}) {
		t.Fatalf("remove dry run %+v", rm)
	}
	callAs[schemaEditView](t, "removeLabel", "CLAIM")
	s := callAs[map[string]any](t, "schema")
	if len(s["labels"].([]any)) != 8 || len(s["relations"].([]any)) != 0 {
		t.Fatalf("schema after removing CLAIM: %v", s)
	}
	if a := callAs[schemaEditView](t, "addLabel", map[string]any{"name": "NORP", "layer": "entity", "color": "#123456", "hotkey": "0"}); a.HistoryCleared {
		t.Fatalf("add %+v", a)
	}
	// without a colour: the core's pick, which newLabelColor announces
	next := callAs[string](t, "newLabelColor")
	if next != annotate.LabelPalette[0] {
		t.Fatalf("newLabelColor %q, want %q", next, annotate.LabelPalette[0])
	}
	callAs[schemaEditView](t, "addLabel", map[string]any{"name": "FAC", "layer": "entity"})
	if got := callAs[map[string]any](t, "schema")["labels"].([]any)[9].(map[string]any)["color"]; got != next {
		t.Fatalf("FAC got colour %v, want %s", got, next)
	}
	if again := callAs[string](t, "newLabelColor"); again == next {
		t.Fatalf("newLabelColor after FAC took %s is %s again", next, again)
	}
	callAs[schemaEditView](t, "removeLabel", "FAC")
	for _, c := range []struct {
		method string
		args   []any
		code   string
		field  string
	}{
		{"addLabel", []any{map[string]any{"name": "X", "layer": "entity", "color": "red"}}, "bad_schema", "schema.labels[9].color"},
		{"addLabel", []any{map[string]any{"name": "X", "colour": "#000000"}}, "bad_argument", "def"},
		{"addLabel", nil, "bad_argument", "def"},
		{"renameLabel", []any{"PER", "ORG"}, "bad_schema", "name"},
		{"renameLabel", []any{"PER"}, "bad_argument", "newName"},
		{"removeLabel", []any{"NOPE"}, "unknown_label", "name"},
		{"removeLabel", []any{"ORG", map[string]any{"dry": true}}, "bad_argument", "options"},
		{"setCrossing", []any{"topic", true}, "bad_schema", "schema.overlap"},
	} {
		if got := throws(t, c.method, c.args...); got.Code != c.code || got.Field != c.field {
			t.Errorf("%s%v threw %+v, want %s at %s", c.method, c.args, got, c.code, c.field)
		}
	}
}

// Plain-text articles: all checked first, all or nothing, titled by file name.
func TestAddTextFiles(t *testing.T) {
	fresh(t)
	bad := throws(t, "addTextFiles", []any{
		map[string]any{"name": "ok.txt", "data": "Fine text."},
		map[string]any{"name": "empty.txt", "data": "  \n"},
		map[string]any{"name": "nul.txt", "data": "a\x00b"},
	})
	if bad.Code != "bad_format" || len(bad.Problems) != 2 || bad.Problems[0]["file"] != "empty.txt" || bad.Problems[1]["file"] != "nul.txt" {
		t.Fatalf("threw %+v", bad)
	}
	if n := len(callAs[[]docInfo](t, "documents")); n != 2 {
		t.Fatalf("a refused batch added documents: %d", n)
	}
	got := callAs[[]docInfo](t, "addTextFiles", []any{
		map[string]any{"name": "Gulf Report.txt", "data": "Tehran said on Monday…\n"},
		map[string]any{"name": "dir/notes.v2.txt", "data": "Second."},
	})
	if len(got) != 2 || got[0].Title != "Gulf Report" || got[0].ID != "gulf-report" || got[1].Title != "notes.v2" || got[1].Meta.Source != "notes.v2.txt" || got[1].Status != "todo" {
		t.Fatalf("added %+v", got)
	}
}
