//go:build js && wasm

package main

import (
	"encoding/json"

	"github.com/spanmark/spanmark/annotate"
)

// The JSON shapes of spanmark.d.ts. Slices are never nil, so JavaScript
// always sees arrays, not null.

type spanView struct {
	ID      string         `json:"id"`
	Label   string         `json:"label"`
	Frags   []int          `json:"frags"`
	FragsCP []int          `json:"fragsCP"`
	Text    []string       `json:"text"`
	Attrs   map[string]any `json:"attrs,omitempty"`
	Note    string         `json:"note,omitempty"`
}

type relationView struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

type changeView struct {
	Op               string         `json:"op"`
	Added            []spanView     `json:"added"`
	Updated          []spanView     `json:"updated"`
	Removed          []string       `json:"removed"`
	RelationsAdded   []relationView `json:"relationsAdded"`
	RelationsRemoved []string       `json:"relationsRemoved"`
	Doc              bool           `json:"doc"`
	CanUndo          bool           `json:"canUndo"`
	CanRedo          bool           `json:"canRedo"`
	Counts           map[string]int `json:"counts"`
}

type docInfo struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Status    annotate.Status `json:"status"`
	Labels    []string        `json:"labels"`
	Meta      annotate.Meta   `json:"meta"`
	Spans     int             `json:"spans"`
	Relations int             `json:"relations"`
	Length    int             `json:"length"`
	LengthCP  int             `json:"lengthCP"`
}

type claimView struct {
	Claim     spanView   `json:"claim"`
	Claimants []spanView `json:"claimants"`
	Cues      []spanView `json:"cues"`
}

type labelAllView struct {
	Matches int                   `json:"matches"`
	Added   int                   `json:"added"`
	Skipped int                   `json:"skipped"`
	Reasons map[annotate.Code]int `json:"reasons,omitempty"`
	Change  changeView            `json:"change"`
}

func viewSpan(d *annotate.Document, s *annotate.Span) spanView {
	u16, cp := fragsU16(d, s)
	return spanView{ID: s.ID, Label: s.Label, Frags: u16, FragsCP: cp, Text: d.SpanText(s), Attrs: s.Attrs, Note: s.Note}
}

func viewSpans(d *annotate.Document, ss []*annotate.Span) []spanView {
	out := make([]spanView, 0, len(ss))
	for _, s := range ss {
		out = append(out, viewSpan(d, s))
	}
	return out
}

func viewRelations(rs []*annotate.Relation) []relationView {
	out := make([]relationView, 0, len(rs))
	for _, r := range rs {
		out = append(out, relationView{r.ID, r.Type, r.From, r.To})
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func viewChange(d *annotate.Document, c annotate.Change) changeView {
	return changeView{
		Op:               c.Op,
		Added:            viewSpans(d, c.Added),
		Updated:          viewSpans(d, c.Updated),
		Removed:          nonNil(c.Removed),
		RelationsAdded:   viewRelations(c.RelationsAdded),
		RelationsRemoved: nonNil(c.RelationsRemoved),
		Doc:              c.Doc,
		CanUndo:          d.CanUndo(),
		CanRedo:          d.CanRedo(),
		Counts:           d.Counts(),
	}
}

func viewDoc(d *annotate.Document) docInfo {
	return docInfo{
		ID: d.ID, Title: d.Title, Status: d.Status, Labels: nonNil(d.Labels), Meta: d.Meta,
		Spans: d.NumSpans(), Relations: d.NumRelations(),
		Length: d.Index().UTF16Len(), LengthCP: d.Index().Len(),
	}
}

func viewDocs(ds []*annotate.Document) []docInfo {
	out := make([]docInfo, 0, len(ds))
	for _, d := range ds {
		out = append(out, viewDoc(d))
	}
	return out
}

// toJS hands v to JavaScript as one value: one JSON string, parsed by one
// JSON.parse call, instead of one syscall/js crossing per field.
func toJS(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "encoding the result: " + err.Error()}
	}
	r, err := theBridge.json.Call("parse", string(data))
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "decoding the result: " + err.Error()}
	}
	return r, nil
}

// changed is the usual result of an editing method.
func changed(d *annotate.Document, c annotate.Change, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return toJS(viewChange(d, c))
}
