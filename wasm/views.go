//go:build js && wasm

package main

import (
	"strconv"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/jsonw"
	"github.com/spanmark/spanmark/internal/order"
)

// The JSON shapes of spanmark.d.ts. Each view writes itself as JSON by hand
// (appendJSON): encoding/json, with the reflect and fmt it pulls in, would
// cost about a quarter of the core wasm's download budget. The json tags
// are not used by the bridge; they name the fields of spanmark.d.ts for the
// tests, which decode results with encoding/json and refuse unknown fields.
// Slices are written as arrays even when nil, so JavaScript never sees null
// where spanmark.d.ts promises an array.

type spanView struct {
	ID      string         `json:"id"`
	Label   string         `json:"label"`
	Frags   []int          `json:"frags"`
	FragsCP []int          `json:"fragsCP"`
	Text    []string       `json:"text"`
	Attrs   map[string]any `json:"attrs,omitempty"`
	Note    string         `json:"note,omitempty"`
	// where a gold span came from (Span.Annotators, Span.Adjudicated)
	Annotators  []string `json:"annotators,omitempty"`
	Adjudicated bool     `json:"adjudicated,omitempty"`
}

func (v spanView) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonw.AppendString(b, v.ID)
	b = append(b, `,"label":`...)
	b = jsonw.AppendString(b, v.Label)
	b = append(b, `,"frags":`...)
	b = appendInts(b, v.Frags)
	b = append(b, `,"fragsCP":`...)
	b = appendInts(b, v.FragsCP)
	b = append(b, `,"text":`...)
	b = appendStrings(b, v.Text)
	if len(v.Attrs) > 0 {
		b = append(b, `,"attrs":`...)
		b = annotate.AppendAttrs(b, v.Attrs)
	}
	b = appendOptString(b, `,"note":`, v.Note)
	if v.Annotators != nil {
		b = append(b, `,"annotators":`...)
		b = appendStrings(b, v.Annotators)
	}
	if v.Adjudicated {
		b = append(b, `,"adjudicated":true`...)
	}
	return append(b, '}')
}

type relationView struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

func (v relationView) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonw.AppendString(b, v.ID)
	b = append(b, `,"type":`...)
	b = jsonw.AppendString(b, v.Type)
	b = append(b, `,"from":`...)
	b = jsonw.AppendString(b, v.From)
	b = append(b, `,"to":`...)
	b = jsonw.AppendString(b, v.To)
	return append(b, '}')
}

type changeView struct {
	Op               string         `json:"op"`
	Added            []spanView     `json:"added"`
	Updated          []spanView     `json:"updated"`
	Removed          []string       `json:"removed"`
	RelationsAdded   []relationView `json:"relationsAdded"`
	RelationsRemoved []string       `json:"relationsRemoved"`
	Doc              bool           `json:"doc"`
	Suggestions      bool           `json:"suggestions"` // open or rejected suggestions changed
	Undecided        bool           `json:"undecided"`
	CanUndo          bool           `json:"canUndo"`
	CanRedo          bool           `json:"canRedo"`
	Counts           map[string]int `json:"counts"`
}

func (v changeView) appendJSON(b []byte) []byte {
	b = append(b, `{"op":`...)
	b = jsonw.AppendString(b, v.Op)
	b = append(b, `,"added":`...)
	b = appendList(b, v.Added)
	b = append(b, `,"updated":`...)
	b = appendList(b, v.Updated)
	b = append(b, `,"removed":`...)
	b = appendStrings(b, v.Removed)
	b = append(b, `,"relationsAdded":`...)
	b = appendList(b, v.RelationsAdded)
	b = append(b, `,"relationsRemoved":`...)
	b = appendStrings(b, v.RelationsRemoved)
	b = append(b, `,"doc":`...)
	b = strconv.AppendBool(b, v.Doc)
	b = append(b, `,"suggestions":`...)
	b = strconv.AppendBool(b, v.Suggestions)
	b = append(b, `,"undecided":`...)
	b = strconv.AppendBool(b, v.Undecided)
	b = append(b, `,"canUndo":`...)
	b = strconv.AppendBool(b, v.CanUndo)
	b = append(b, `,"canRedo":`...)
	b = strconv.AppendBool(b, v.CanRedo)
	b = append(b, `,"counts":`...)
	b = appendCounts(b, v.Counts)
	return append(b, '}')
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
	Annotator string          `json:"annotator"`
}

func (v docInfo) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonw.AppendString(b, v.ID)
	b = append(b, `,"title":`...)
	b = jsonw.AppendString(b, v.Title)
	b = append(b, `,"status":`...)
	b = jsonw.AppendString(b, string(v.Status))
	b = append(b, `,"labels":`...)
	b = appendStrings(b, v.Labels)
	b = append(b, `,"meta":`...)
	b = v.Meta.AppendJSON(b)
	b = append(b, `,"spans":`...)
	b = strconv.AppendInt(b, int64(v.Spans), 10)
	b = append(b, `,"relations":`...)
	b = strconv.AppendInt(b, int64(v.Relations), 10)
	b = append(b, `,"length":`...)
	b = strconv.AppendInt(b, int64(v.Length), 10)
	b = append(b, `,"lengthCP":`...)
	b = strconv.AppendInt(b, int64(v.LengthCP), 10)
	b = append(b, `,"annotator":`...)
	b = jsonw.AppendString(b, v.Annotator)
	return append(b, '}')
}

type claimView struct {
	Claim     spanView   `json:"claim"`
	Claimants []spanView `json:"claimants"`
	Cues      []spanView `json:"cues"`
}

func (v claimView) appendJSON(b []byte) []byte {
	b = append(b, `{"claim":`...)
	b = v.Claim.appendJSON(b)
	b = append(b, `,"claimants":`...)
	b = appendList(b, v.Claimants)
	b = append(b, `,"cues":`...)
	b = appendList(b, v.Cues)
	return append(b, '}')
}

// entriesView is one label's spans grouped by text (Document.Entries).
type entriesView struct {
	Distinct int         `json:"distinct"`
	Entries  []entryView `json:"entries"`
}

type entryView struct {
	Text  string   `json:"text"`
	Count int      `json:"count"`
	First spanView `json:"first"`
}

func (v entriesView) appendJSON(b []byte) []byte {
	b = append(b, `{"distinct":`...)
	b = strconv.AppendInt(b, int64(v.Distinct), 10)
	b = append(b, `,"entries":`...)
	b = appendList(b, v.Entries)
	return append(b, '}')
}

func (v entryView) appendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonw.AppendString(b, v.Text)
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, int64(v.Count), 10)
	b = append(b, `,"first":`...)
	b = v.First.appendJSON(b)
	return append(b, '}')
}

type labelAllView struct {
	Matches int                   `json:"matches"`
	Added   int                   `json:"added"`
	Skipped int                   `json:"skipped"`
	Reasons map[annotate.Code]int `json:"reasons,omitempty"`
	Change  changeView            `json:"change"`
}

func (v labelAllView) appendJSON(b []byte) []byte {
	b = append(b, `{"matches":`...)
	b = strconv.AppendInt(b, int64(v.Matches), 10)
	b = append(b, `,"added":`...)
	b = strconv.AppendInt(b, int64(v.Added), 10)
	b = append(b, `,"skipped":`...)
	b = strconv.AppendInt(b, int64(v.Skipped), 10)
	if len(v.Reasons) > 0 {
		b = append(b, `,"reasons":`...)
		b = appendCounts(b, v.Reasons)
	}
	b = append(b, `,"change":`...)
	b = v.Change.appendJSON(b)
	return append(b, '}')
}

// jsonView is a view that writes itself as JSON.
type jsonView interface {
	appendJSON(b []byte) []byte
}

// appendList appends vs as a JSON array ([] when empty or nil).
func appendList[V jsonView](b []byte, vs []V) []byte {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = v.appendJSON(b)
	}
	return append(b, ']')
}

func appendInts(b []byte, xs []int) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.AppendString(b, s)
	}
	return append(b, ']')
}

// appendCounts appends m as a JSON object with its keys sorted, as
// encoding/json writes maps ({} when nil).
func appendCounts[K ~string](b []byte, m map[K]int) []byte {
	b = append(b, '{')
	for i, k := range order.Keys(m) {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.AppendString(b, string(k))
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(m[k]), 10)
	}
	return append(b, '}')
}

// appendOptString appends key (`,"name":`) and s, unless s is empty: an
// omitempty field.
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return jsonw.AppendString(append(b, key...), s)
}

func viewSpan(d *annotate.Document, s *annotate.Span) spanView {
	u16, cp := fragsU16(d, s)
	return spanView{ID: s.ID, Label: s.Label, Frags: u16, FragsCP: cp, Text: d.SpanText(s), Attrs: s.Attrs, Note: s.Note,
		Annotators: s.Annotators, Adjudicated: s.Adjudicated}
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
		Suggestions:      c.Suggestions,
		Undecided:        c.Undecided,
		CanUndo:          d.CanUndo(),
		CanRedo:          d.CanRedo(),
		Counts:           d.Counts(),
	}
}

func viewDoc(d *annotate.Document) docInfo {
	return docInfo{
		ID: d.ID, Title: d.Title, Status: d.Status, Labels: nonNil(d.Labels), Meta: d.Meta,
		Spans: d.NumSpans(), Relations: d.NumRelations(),
		Length: d.Index().UTF16Len(), LengthCP: d.Index().Len(), Annotator: d.Annotator,
	}
}

func viewDocs(ds []*annotate.Document) []docInfo {
	out := make([]docInfo, 0, len(ds))
	for _, d := range ds {
		out = append(out, viewDoc(d))
	}
	return out
}

// toJS hands a view to JavaScript as one value: one JSON string, parsed by
// one JSON.parse call, instead of one syscall/js crossing per field.
func toJS(v jsonView) (any, error) {
	return parseJSON(v.appendJSON(nil))
}

// listToJS is toJS for a list of views.
func listToJS[V jsonView](vs []V) (any, error) {
	return parseJSON(appendList(nil, vs))
}

func parseJSON(data []byte) (any, error) {
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
