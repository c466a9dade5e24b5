//go:build js && wasm

package main

import (
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
		a.jsonOf(i, "options", "a SchemaEditOptions object {dryRun, dropInvalid}", &o)
	}
	return o
}

func (a *argv) labelDef(i int) annotate.LabelDef {
	var l annotate.LabelDef
	if !a.missing(i, "def", "a LabelDef object") {
		a.jsonOf(i, "def", "a LabelDef object {name, layer, color, hotkey, description, attributes}", &l)
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
	var def annotate.RelationDef
	if !a.missing(0, "def", "a RelationDef object") {
		a.jsonOf(0, "def", "a RelationDef object {name, from, to}", &def)
	}
	if a.err != nil {
		return nil, a.err
	}
	return schemaEdited(theProject.AddRelationType(def))
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
