//go:build js && wasm

package main

import (
	"math"
	"testing"
)

// The bridge's own messages for bad arguments, exactly. They are built
// with strconv and + (the core wasm links no fmt): the numbers read as
// fmt's %v wrote them (+Inf, 1e+21), strings quoted as %q did. Messages
// from the core (bad_attribute and the like) are annotate's to test.
func TestArgumentMessages(t *testing.T) {
	fresh(t)
	person := callAs[changeView](t, "addSpan", "gulf", "PERSON", nums(87, 101)).Added[0].ID
	cases := []struct {
		method string
		args   []any
		field  string
		msg    string // after "field <field>: ", which annotate.Error adds
	}{
		{"addSpan", nil, "doc", `spanmark.addSpan: argument doc is missing (want a string)`},
		{"addSpan", []any{"gulf", "PERSON"}, "frags", `spanmark.addSpan: argument frags is missing (want an array of numbers)`},
		{"addSpan", []any{"gulf", "PERSON", "87,101"}, "frags", `spanmark.addSpan: argument frags must be an array of numbers, not string`},
		{"addSpan", []any{"gulf", "PERSON", []any{"87", 101}}, "frags", `spanmark.addSpan: argument frags must hold only finite numbers; [0] is the string "87"`},
		{"addSpan", []any{"gulf", "PERSON", []any{math.NaN(), 101}}, "frags", `spanmark.addSpan: argument frags must hold only finite numbers; [0] is NaN`},
		{"addSpan", []any{"gulf", "PERSON", []any{87.5, 101}}, "frags[0]", `spanmark.addSpan: argument frags[0] must be an integer, not 87.5`},
		{"addSpan", []any{"gulf", "PERSON", []any{1e21, 101}}, "frags[0]", `spanmark.addSpan: argument frags[0] is too large (got 1e+21)`},
		{"addSpan", []any{"gulf", "PERSON", []any{3e9, 101}}, "frags[0]", `spanmark.addSpan: argument frags[0] is too large (got 3e+09)`},
		{"addSpan", []any{"gulf", "PERSON", nums(87, 101, 120)}, "frags", `spanmark.addSpan: argument frags must hold start, end pairs: [start0, end0, start1, end1, ...] (got 3 numbers)`},
		{"addSpan", []any{"gulf", "PERSON", nums(-1, 5)}, "frags[0]", `spanmark.addSpan: argument frags[0] must not be negative (got -1)`},
		{"addSpan", []any{"gulf", "PERSON", nums(700, 725)}, "frags", `spanmark.addSpan: argument frags fragment 0 [700, 725) is past the end of the text (724 UTF-16 code units)`},
		{"addSpan", []any{"gulf", "PERSON", nums(101, 87)}, "frags", `spanmark.addSpan: argument frags fragment 0 ends (87) before it starts (101)`},
		{"addSpan", []any{"gulf", 7, nums(200, 210)}, "label", `spanmark.addSpan: argument label must be a string, not number`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"snap": "sentence"}}, "options", `spanmark.addSpan: argument options snap must be "word" or "char", not "sentence"`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"snapp": "char"}}, "options", `spanmark.addSpan: argument options must be an AddSpanOptions object {snap, trimPunct, attrs, note}: unknown field "snapp"`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), "char"}, "options", `spanmark.addSpan: argument options must be an AddSpanOptions object {snap, trimPunct, attrs, note}, not string`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"snap": 1}}, "options.snap", `spanmark.addSpan: argument options.snap must be a string, not number`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"trimPunct": "yes"}}, "options.trimPunct", `spanmark.addSpan: argument options.trimPunct must be true or false, not string`},
		{"addSpan", []any{"gulf", "PERSON", nums(200, 210), map[string]any{"attrs": "x"}}, "options.attrs", `spanmark.addSpan: argument options.attrs must be an object of attribute values, not the string "x"`},
		{"setFragment", []any{"gulf", person, "0", 87, 95}, "index", `spanmark.setFragment: argument index must be a number, not string`},
		{"spansAt", []any{"gulf", math.Inf(1)}, "offset", `spanmark.spansAt: argument offset must be an integer, not +Inf`},
		{"spansAt", []any{"gulf", math.Inf(-1)}, "offset", `spanmark.spansAt: argument offset must be an integer, not -Inf`},
		{"spansIn", []any{"gulf", 10, 5}, "end", `spanmark.spansIn: argument end (5) is before start (10)`},
		{"toCodePoints", []any{"gulf", 725}, "offset", `spanmark.toCodePoints: argument offset is 725, past the end of the text (724 UTF-16 code units)`},
		{"fromCodePoints", []any{"gulf", 718}, "offsetCP", `spanmark.fromCodePoints: argument offsetCP is 718, past the end of the text (717 code points)`},
		{"setAttr", []any{"gulf", person, "x", 3}, "value", `spanmark.setAttr: argument value must be a string, a boolean or null, not number`},
		{"setAttr", []any{"gulf", person, "x"}, "value", `spanmark.setAttr: argument value is missing (want a string, a boolean, or null to remove the attribute)`},
		{"setDocLabels", []any{"gulf", []any{1}}, "labels", `spanmark.setDocLabels: argument labels must hold only strings; [0] is 1`},
		{"setDocLabels", []any{"gulf", "x"}, "labels", `spanmark.setDocLabels: argument labels must be an array of strings, not string`},
		{"labelAll", []any{"gulf"}, "options", `spanmark.labelAll: argument options is missing (want a LabelAllOptions object)`},
		{"labelAll", []any{"gulf", nil}, "options", `spanmark.labelAll: argument options must be a LabelAllOptions object {label, pattern, regex, case_sensitive, whole_word}, not null`},
		{"labelAll", []any{"gulf", map[string]any{"label": 1}}, "options.label", `spanmark.labelAll: argument options.label must be a string, not number`},
		{"labelAll", []any{"gulf", map[string]any{"lable": "GPE"}}, "options", `spanmark.labelAll: argument options must be a LabelAllOptions object {label, pattern, regex, case_sensitive, whole_word}: unknown field "lable"`},
		{"newProject", []any{map[string]any{"lables": []any{}}}, "schema", `spanmark.newProject: argument schema must be a Schema object: schema.lables: unknown field "lables"`},
		{"newProject", []any{"x"}, "schema", `spanmark.newProject: argument schema must be a Schema object, not string`},
		{"addDocument", []any{"x", "t", "text", map[string]any{"sorce": "a"}}, "meta", `spanmark.addDocument: argument meta must be a meta object {source, url, date}: meta.sorce: unknown field "sorce"`},
		{"addDocument", []any{"x", "t", "text", map[string]any{"source": 1}}, "meta", `spanmark.addDocument: argument meta must be a meta object {source, url, date}: meta.source: expected a string, found a JSON number`},
		{"addLabel", []any{map[string]any{"name": "X", "colour": "#000000"}}, "def", `spanmark.addLabel: argument def must be a LabelDef object {name, layer, color, hotkey, description, attributes}: def.colour: unknown field "colour"`},
		{"addLabel", nil, "def", `spanmark.addLabel: argument def is missing (want a LabelDef object)`},
		{"addLabel", []any{map[string]any{"name": "X", "layer": 1}}, "def", `spanmark.addLabel: argument def must be a LabelDef object {name, layer, color, hotkey, description, attributes}: def.layer: expected annotate.Layer, found a JSON number`},
		{"addRelationType", []any{map[string]any{"name": "X", "from": "A"}}, "def", `spanmark.addRelationType: argument def must be a RelationDef object {name, from, to}: def.from: expected []string, found a JSON string`},
		{"removeLabel", []any{"ORG", map[string]any{"dry": true}}, "options", `spanmark.removeLabel: argument options must be a SchemaEditOptions object {dryRun, dropInvalid}: unknown field "dry"`},
		{"removeLabel", []any{"ORG", map[string]any{"dryRun": "yes"}}, "options.dryRun", `spanmark.removeLabel: argument options.dryRun must be true or false, not string`},
		{"importProject", []any{"{}", "x.json", 7}, "history", `spanmark.importProject: argument history must be a string, not number`},
		{"addTextFiles", []any{"x"}, "files", `spanmark.addTextFiles: argument files must be an array of {name, data} with data a string or a Uint8Array, not string`},
		{"addTextFiles", []any{[]any{1}}, "files[0]", `spanmark.addTextFiles: argument files[0] must be an object {name, data}`},
		{"addTextFiles", []any{[]any{map[string]any{"name": 1}}}, "files[0].name", `spanmark.addTextFiles: argument files[0].name must be a string, not number`},
		{"addTextFiles", []any{[]any{map[string]any{"name": "a", "data": 1}}}, "files[0].data", `spanmark.addTextFiles: argument files[0].data must be a string or a Uint8Array, not number`},
		{"document", []any{map[string]any{"id": "gulf"}}, "doc", `spanmark.document: argument doc must be a string, not object`},
	}
	for _, c := range cases {
		got := throws(t, c.method, c.args...)
		if got.Field != c.field || got.Message != "field "+c.field+": "+c.msg {
			t.Errorf("%s%v threw field %q, message\n%s\nwant field %q, message\nfield %s: %s", c.method, c.args, got.Field, got.Message, c.field, c.field, c.msg)
		}
	}
}
