//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// marshal is what encoding/json writes for v with HTML escaping off: the
// bytes the hand-written encoders (views.go) must produce.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// awkward is text a JSON writer must escape or keep exactly.
const awkward = "q\"b\\s \n\t\x01 <b>&</b> \u2028 👩\u200d💻 עברית"

// Every view writes the bytes encoding/json wrote for it (the bridge
// used json.Marshal until the core wasm dropped encoding/json), on views
// with every optional field set and unset and text that needs escaping.
func TestViewsMatchEncodingJSON(t *testing.T) {
	fresh(t)
	d, err := theProject.MustDoc("gulf")
	if err != nil {
		t.Fatal(err)
	}
	d.Meta = annotate.Meta{Source: awkward, Date: "2024-01-02"}
	d.Labels = []string{awkward, "b"}
	claim := callAs[changeView](t, "addSpan", "gulf", "CLAIM", nums(138, 182, 190, 200),
		map[string]any{"attrs": map[string]any{"checkworthy": "yes"}, "note": awkward}).Added[0].ID
	person := callAs[changeView](t, "addSpan", "gulf", "PERSON", nums(87, 101)).Added[0].ID
	call(t, "addRelation", "gulf", "claimant", claim, person)
	call(t, "addSpan", "gulf", "GPE", nums(644, 646), map[string]any{"snap": "char"})

	spans := viewSpans(d, d.Spans())
	spans[1].Attrs = map[string]any{"z": true, "a": awkward, "m": false} // keys sorted, as encoding/json does
	la, err := d.LabelAll(annotate.LabelAllOptions{Label: "PERSON", Pattern: "Zo", WholeWord: false})
	if err != nil {
		t.Fatal(err)
	}
	views := map[string]jsonView{
		"span with attrs and note":  viewSpan(d, d.Span(claim)),
		"span without":              viewSpan(d, d.Span(person)),
		"span, several attrs":       spans[1],
		"relation":                  viewRelations(d.Relations())[0],
		"change":                    viewChange(d, annotate.Change{Op: awkward, Added: d.Spans(), Removed: []string{"s9"}, RelationsAdded: d.Relations(), Doc: true}),
		"empty change":              viewChange(d, annotate.Change{}),
		"doc with meta":             viewDoc(d),
		"doc without":               viewDoc(theProject.Documents()[1]),
		"claim":                     claimView{Claim: spans[0], Claimants: spans[1:2], Cues: []spanView{}},
		"label all with reasons":    labelAllView{Matches: 3, Added: 1, Skipped: 2, Reasons: map[annotate.Code]int{"duplicate_span": 1, "crossing_span": 1}, Change: viewChange(d, la.Change)},
		"label all without reasons": labelAllView{Change: viewChange(d, annotate.Change{})},
		"entries":                   entriesView{Distinct: 3, Entries: []entryView{{Text: awkward, Count: 2, First: spans[0]}}},
		"no entries":                entriesView{Entries: []entryView{}},
		"schema edit":               schemaEditView{1, 2, 3, 4, []string{"cue", awkward}, true, false},
		"schema edit, none":         schemaEditView{RelationTypes: []string{}},
		"error":                     jsError{Code: annotate.CodeBadSchema, Doc: awkward, Field: "f", Problems: []*annotate.Error{{Code: "x", File: "a.json", Line: 3, Msg: awkward}, {Code: "y", Span: "s1", Relation: "r1", Msg: ""}}},
		"error, bare":               jsError{Code: annotate.CodeInternal},
	}
	for name, v := range views {
		if got, want := v.appendJSON(nil), marshal(t, v); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
	lists := map[string][2][]byte{
		"docs":      {appendList(nil, viewDocs(theProject.Documents())), marshal(t, viewDocs(theProject.Documents()))},
		"no spans":  {appendList(nil, []spanView{}), marshal(t, []spanView{})},
		"counts":    {appendCounts(nil, map[string]int{"b": 2, awkward: 1, "a": 0}), marshal(t, map[string]int{"b": 2, awkward: 1, "a": 0})},
		"no counts": {appendCounts(nil, map[string]int{}), marshal(t, map[string]int{})},
		"ints":      {appendInts(nil, []int{0, -1, 1 << 40}), marshal(t, []int{0, -1, 1 << 40})},
	}
	for name, c := range lists {
		if !bytes.Equal(c[0], c[1]) {
			t.Errorf("%s:\n got %s\nwant %s", name, c[0], c[1])
		}
	}
	// Where encoding/json would write null, the views write what
	// spanmark.d.ts promises: [] and {}.
	if got := string(appendStrings(nil, nil)) + string(appendCounts[string](nil, nil)) + string(appendList[spanView](nil, nil)); got != "[]{}[]" {
		t.Errorf("nil slices and maps = %s, want []{}[]", got)
	}
}
