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
// Relation types renamed and narrowed through the bridge; the project's
// statistics as the page's chart reads them.
func TestRelationTypeEditsAndStats(t *testing.T) {
	fresh(t)
	iran := article(t, iranFile)
	at := func(s string) []any {
		i := strings.Index(iran, s)
		return nums(i, i+len(s))
	}
	kerry := callAs[changeView](t, "addSpan", "iran", "PERSON", at("John Kerry")).Added[0]
	callAs[changeView](t, "addSpan", "iran", "PERSON", at("Barack Obama"))
	tehran := callAs[changeView](t, "addSpan", "iran", "GPE", at("Tehran")).Added[0]
	callAs[schemaEditView](t, "addRelationType", map[string]any{"name": "visits", "from": []any{"PERSON"}, "to": []any{"GPE"}})
	callAs[changeView](t, "addRelation", "iran", "visits", kerry.ID, tehran.ID)
	if r := callAs[schemaEditView](t, "renameRelationType", "visits", "visited", map[string]any{"dryRun": true}); r.Relations != 1 || !r.DryRun {
		t.Fatalf("rename dry run %+v", r)
	}
	if r := callAs[schemaEditView](t, "renameRelationType", "visits", "visited"); r.Relations != 1 || r.HistoryCleared {
		t.Fatalf("rename %+v", r)
	}
	if e := throws(t, "renameRelationType", "cue", "trigger"); e.Code != "bad_schema" || e.Field != "name" {
		t.Fatalf("renaming cue threw %+v", e)
	}
	if r := callAs[schemaEditView](t, "updateRelationType", "visited", map[string]any{"name": "visited", "from": []any{"ORG"}, "to": []any{"GPE"}}, map[string]any{"dryRun": true}); r.Relations != 1 || !r.HistoryCleared {
		t.Fatalf("narrowing dry run %+v", r)
	}
	if e := throws(t, "updateRelationType", "visited", map[string]any{"from": "ORG"}); e.Code != "bad_argument" || e.Field != "def" {
		t.Fatalf("a bad definition threw %+v", e)
	}
	type stat struct {
		Name        string
		Count, Docs int
	}
	st := callAs[struct {
		Labels, Relations []stat
		Docs              []struct {
			ID, Title, Status string
			Spans             int
			Counts            []int
		}
		Todo, InProgress, Done, Spans int
	}](t, "stats")
	person := slices.IndexFunc(st.Labels, func(s stat) bool { return s.Name == "PERSON" })
	if person < 0 || st.Labels[person] != (stat{"PERSON", 2, 1}) || st.Spans != 3 {
		t.Fatalf("stats labels %+v, spans %d", st.Labels, st.Spans)
	}
	if !slices.Contains(st.Relations, stat{"visited", 1, 1}) {
		t.Fatalf("stats relations %+v", st.Relations)
	}
	i := slices.IndexFunc(st.Docs, func(d struct {
		ID, Title, Status string
		Spans             int
		Counts            []int
	}) bool {
		return d.ID == "iran"
	})
	if i < 0 || st.Docs[i].Spans != 3 || st.Docs[i].Counts[person] != 2 || st.Docs[i].Status != "in_progress" || st.Docs[i].Title == "" {
		t.Fatalf("stats docs %+v", st.Docs)
	}
	if st.Todo+st.InProgress+st.Done != len(st.Docs) || st.InProgress < 1 {
		t.Fatalf("stats progress %+v", st)
	}
}

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
