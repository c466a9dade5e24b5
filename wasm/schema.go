//go:build js && wasm

package main

import (
	"strconv"

	"github.com/spanmark/spanmark/annotate"
)

// Schema editing through the bridge, and the status rule on edits. Every
// rule (what a schema edit may change, counting, undo histories, when a
// document is in progress) is in annotate/schemaedit.go; this file only
// converts arguments and results.

// schemaOptions is SchemaEditOptions of spanmark.d.ts.
type schemaOptions struct {
	DryRun      bool `json:"dryRun"`
	DropInvalid bool `json:"dropInvalid"`
}

func (a *argv) schemaOptions(i int) schemaOptions {
	var o schemaOptions
	if a.given(i) {
		r := a.object(i, "options", "a SchemaEditOptions object {dryRun, dropInvalid}", "dryRun", "dropInvalid")
		o = schemaOptions{DryRun: r.boolean("dryRun"), DropInvalid: r.boolean("dropInvalid")}
	}
	return o
}

func (a *argv) labelDef(i int) annotate.LabelDef {
	var l annotate.LabelDef
	if !a.missing(i, "def", "a LabelDef object") {
		const want = "a LabelDef object {name, layer, color, hotkey, description, attributes}"
		if data := a.jsonText(i, "def", want); a.err == nil {
			var err error
			l, err = annotate.ParseLabelDef(data)
			a.parseFailed("def", want, err)
		}
	}
	return l
}

// schemaEditView is SchemaEdit of spanmark.d.ts.
type schemaEditView struct {
	Spans          int      `json:"spans"`
	Relations      int      `json:"relations"`
	Attrs          int      `json:"attrs"`
	Documents      int      `json:"documents"`
	RelationTypes  []string `json:"relationTypes"`
	HistoryCleared bool     `json:"historyCleared"`
	DryRun         bool     `json:"dryRun"`
}

func schemaEdited(e annotate.SchemaEdit, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return toJS(schemaEditView{e.Spans, e.Relations, e.Attrs, e.Documents, nonNil(e.RelationTypes), e.HistoryCleared, e.DryRun})
}

func (v schemaEditView) appendJSON(b []byte) []byte {
	b = append(b, `{"spans":`...)
	b = strconv.AppendInt(b, int64(v.Spans), 10)
	b = append(b, `,"relations":`...)
	b = strconv.AppendInt(b, int64(v.Relations), 10)
	b = append(b, `,"attrs":`...)
	b = strconv.AppendInt(b, int64(v.Attrs), 10)
	b = append(b, `,"documents":`...)
	b = strconv.AppendInt(b, int64(v.Documents), 10)
	b = append(b, `,"relationTypes":`...)
	b = appendStrings(b, v.RelationTypes)
	b = append(b, `,"historyCleared":`...)
	b = strconv.AppendBool(b, v.HistoryCleared)
	b = append(b, `,"dryRun":`...)
	b = strconv.AppendBool(b, v.DryRun)
	return append(b, '}')
}

func addLabel(a *argv) (any, error) {
	def := a.labelDef(0)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.AddLabel(def))
}

func updateLabel(a *argv) (any, error) {
	name, def, o := a.str(0, "name"), a.labelDef(1), a.schemaOptions(2)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.UpdateLabel(name, def, annotate.UpdateLabelOptions{DropInvalid: o.DropInvalid, DryRun: o.DryRun}))
}

func renameLabel(a *argv) (any, error) {
	old, name, o := a.str(0, "name"), a.str(1, "newName"), a.schemaOptions(2)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.RenameLabel(old, name, o.DryRun))
}

func removeLabel(a *argv) (any, error) {
	name, o := a.str(0, "name"), a.schemaOptions(1)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.RemoveLabel(name, o.DryRun))
}

func addRelationType(a *argv) (any, error) {
	def := a.relationDef(0)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.AddRelationType(def))
}

func (a *argv) relationDef(i int) annotate.RelationDef {
	var def annotate.RelationDef
	if !a.missing(i, "def", "a RelationDef object") {
		const want = "a RelationDef object {name, from, to}"
		if data := a.jsonText(i, "def", want); a.err == nil {
			var err error
			def, err = annotate.ParseRelationDef(data)
			a.parseFailed("def", want, err)
		}
	}
	return def
}

func renameRelationType(a *argv) (any, error) {
	old, name, o := a.str(0, "name"), a.str(1, "newName"), a.schemaOptions(2)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.RenameRelationType(old, name, o.DryRun))
}

func updateRelationType(a *argv) (any, error) {
	name, def, o := a.str(0, "name"), a.relationDef(1), a.schemaOptions(2)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.UpdateRelationType(name, def, o.DryRun))
}

func removeRelationType(a *argv) (any, error) {
	name, o := a.str(0, "name"), a.schemaOptions(1)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.RemoveRelationType(name, o.DryRun))
}

func setCrossing(a *argv) (any, error) {
	layer, crossing, o := a.str(0, "layer"), a.boolean(1, "crossing"), a.schemaOptions(2)
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.SetCrossing(annotate.Layer(layer), crossing, o.DryRun))
}

// edited is changed() for editing methods: it first applies the core's
// status rule (a todo document that is edited is in progress).
func edited(d *annotate.Document, c annotate.Change, err error) (any, error) {
	if err == nil {
		d.StartOnEdit(&c)
	}
	return changed(d, c, err)
}
