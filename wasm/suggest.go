//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// Suggestions through the bridge (annotate/suggest.go): list them in a
// range for painting, step through them, accept and reject one or all of a
// filter, and take a suggestion set made by a source in the formats module
// (suggest_formats.go) as JSON that the page passes on without reading.

// suggView is a suggestion for the page: its key (opaque to the page),
// label, source, score (null without one) and fragments in UTF-16.
type suggView struct {
	Key    string
	Label  string
	Source string
	Score  *float64
	Frags  []int
}

func viewSugg(d *annotate.Document, g *annotate.Suggestion) suggView {
	v := suggView{Key: g.Key(), Label: g.Label, Source: g.Source, Frags: make([]int, 0, 2*len(g.Fragments))}
	if g.Scored {
		sc := g.Score
		v.Score = &sc
	}
	for _, f := range g.Fragments {
		v.Frags = append(v.Frags, toU16(d, f.Start), toU16(d, f.End))
	}
	return v
}

func viewSuggs(d *annotate.Document, gs []*annotate.Suggestion) []suggView {
	out := make([]suggView, len(gs))
	for i, g := range gs {
		out[i] = viewSugg(d, g)
	}
	return out
}

func (v suggView) appendJSON(b []byte) []byte {
	b = append(b, `{"key":`...)
	b = jsonw.AppendString(b, v.Key)
	b = append(b, `,"label":`...)
	b = jsonw.AppendString(b, v.Label)
	b = append(b, `,"source":`...)
	b = jsonw.AppendString(b, v.Source)
	b = append(b, `,"score":`...)
	if v.Score == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendFloat(b, *v.Score, 'g', -1, 64)
	}
	b = append(b, `,"frags":`...)
	b = appendInts(b, v.Frags)
	return append(b, '}')
}

type suggCountView annotate.SuggestionCount

func (v suggCountView) appendJSON(b []byte) []byte {
	b = append(b, `{"source":`...)
	b = jsonw.AppendString(b, v.Source)
	b = append(b, `,"label":`...)
	b = jsonw.AppendString(b, v.Label)
	b = append(b, `,"open":`...)
	b = strconv.AppendInt(b, int64(v.Open), 10)
	return append(b, '}')
}

// suggResultView is what an accept-all or reject-all did.
type suggResultView struct {
	r      annotate.SuggestionsResult
	change changeView
}

func (v suggResultView) appendJSON(b []byte) []byte {
	for i, kv := range [...]struct {
		k string
		n int
	}{{"matched", v.r.Matched}, {"accepted", v.r.Accepted}, {"rejected", v.r.Rejected}, {"skipped", v.r.Skipped}} {
		if i == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = jsonw.AppendString(b, kv.k)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(kv.n), 10)
	}
	b = append(b, `,"reasons":`...)
	b = appendCounts(b, v.r.Reasons)
	b = append(b, `,"change":`...)
	b = v.change.appendJSON(b)
	return append(b, '}')
}

// setView is what applySuggestionSet did.
type setView annotate.SuggestionSetResult

func (v setView) appendJSON(b []byte) []byte {
	for i, n := range [...]int{v.Documents, v.Cleared, v.Added, v.Known, v.Rejected, v.Done} {
		b = append(b, [...]string{`{"documents":`, `,"cleared":`, `,"added":`, `,"known":`, `,"rejected":`, `,"done":`}[i]...)
		b = strconv.AppendInt(b, int64(n), 10)
	}
	if len(v.NewLabels) > 0 {
		b = append(b, `,"new_labels":`...)
		b = appendStrings(b, v.NewLabels)
	}
	return append(b, '}')
}

func (a *argv) suggFilter(i int) annotate.SuggestionFilter {
	var f annotate.SuggestionFilter
	if a.given(i) {
		r := a.object(i, "filter", "a SuggestionFilter object {label, source, minScore}", "label", "source", "minScore")
		f.Label, f.Source = r.str("label"), r.str("source")
		if v, ok := r.get("minScore"); ok {
			x, err := v.Float()
			if err != nil {
				a.fail(annotate.CodeBadArgument, "filter.minScore", "must be a number")
			}
			f.MinScore = x
		}
	}
	return f
}

// trainDocView is a document for the tagger's worker (web/tagger.js):
// its id, text and training spans, in UTF-16 like every offset the page
// holds (the worker converts them back, in its own module).
type trainDocView struct {
	d     *annotate.Document
	spans []*annotate.Span
}

func (v trainDocView) appendJSON(b []byte) []byte {
	b = append(b, `{"doc":`...)
	b = jsonw.AppendString(b, v.d.ID)
	b = append(b, `,"text":`...)
	b = jsonw.AppendString(b, v.d.Text())
	b = append(b, `,"spans":[`...)
	for i, s := range v.spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"label":`...)
		b = jsonw.AppendString(b, s.Label)
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(toU16(v.d, s.Start())), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(toU16(v.d, s.End())), 10)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// predicted is one entity a model found, as the page hands it on.
type predicted struct {
	Label string   `json:"label"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Score *float64 `json:"score"`
}

func suggestAPI(m map[string]method) {
	// taggerDocs: what the entity tagger trains on (the core's choice,
	// Project.EntityTrainingDocs), only the documents with such spans.
	m["taggerDocs"] = func(a *argv) (any, error) {
		tds, _ := theProject.EntityTrainingDocs(nil)
		out := make([]trainDocView, 0, len(tds))
		for _, t := range tds {
			if len(t.Spans) > 0 {
				out = append(out, trainDocView{t.Doc, t.Spans})
			}
		}
		return listToJS(out)
	}
	// setSuggestions(doc, source, [{label, start, end, score?}]): a
	// source's suggestions for one document, UTF-16 offsets (a model's
	// predictions, e.g. the tagger's), replacing its open ones. They go
	// through a suggestion set, so every check and the all-or-nothing
	// rule are ApplySuggestionSet's.
	m["setSuggestions"] = func(a *argv) (any, error) {
		d, source := a.doc(0), a.str(1, "source")
		v, n, ok := a.array(2, "suggestions", "an array of {label, start, end, score}")
		if !ok || a.err != nil {
			return nil, a.err
		}
		var ps []predicted
		dec := json.NewDecoder(bytes.NewReader(a.jsonOf(v, "suggestions")))
		dec.DisallowUnknownFields()
		if a.err != nil {
			return nil, a.err
		}
		if err := dec.Decode(&ps); err != nil || len(ps) != n {
			return nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "suggestions", Msg: "must be an array of {label, start, end, score}: " + errText(err)}
		}
		u16 := d.Index().UTF16Len()
		gs := make([]annotate.Suggestion, len(ps))
		for i, p := range ps {
			if p.Start < 0 || p.End > u16 || p.Start >= p.End {
				return nil, &annotate.Error{Code: annotate.CodeOutOfRange, Doc: d.ID, Field: "suggestions[" + itoa(i) + "]", Msg: "[" + itoa(p.Start) + ", " + itoa(p.End) + ") is not a range in the text (" + itoa(u16) + " UTF-16 code units)"}
			}
			g := annotate.Suggestion{Label: p.Label, Source: source, Fragments: []annotate.Fragment{{Start: toCP(d, p.Start, false), End: toCP(d, p.End, true)}}}
			if p.Score != nil {
				g.Score, g.Scored = *p.Score, true
			}
			gs[i] = g
		}
		set := &annotate.SuggestionSet{Source: source, Replace: true}
		set.Add(d.ID, gs)
		r, err := theProject.ApplySuggestionSet(set.JSON(theProject))
		if err != nil {
			return nil, err
		}
		return toJS(setView(r))
	}

	m["suggestionsIn"] = func(a *argv) (any, error) {
		d := a.doc(0)
		s, e := a.rangeCP(1, d)
		if a.err != nil {
			return nil, a.err
		}
		return listToJS(viewSuggs(d, d.SuggestionsIn(s, e)))
	}
	m["nextSuggestion"] = func(a *argv) (any, error) {
		d := a.doc(0)
		u := a.offset(1, "offset", d)
		dir := a.integer(2, "dir")
		if a.err != nil {
			return nil, a.err
		}
		g := d.NextSuggestion(toCP(d, u, dir < 0), dir)
		if g == nil {
			return nil, nil
		}
		return toJS(viewSugg(d, g))
	}
	m["suggestionCounts"] = func(a *argv) (any, error) {
		d := a.doc(0)
		if a.err != nil {
			return nil, a.err
		}
		cs := d.SuggestionCounts()
		out := make([]suggCountView, len(cs))
		for i, c := range cs {
			out[i] = suggCountView(c)
		}
		return listToJS(out)
	}
	m["acceptSuggestion"] = func(a *argv) (any, error) {
		d, key := a.doc(0), a.str(1, "key")
		if a.err != nil {
			return nil, a.err
		}
		_, c, err := d.AcceptSuggestion(key)
		if err == nil {
			d.StartOnEdit(&c)
		}
		return changed(d, c, err)
	}
	m["rejectSuggestion"] = func(a *argv) (any, error) {
		d, key := a.doc(0), a.str(1, "key")
		if a.err != nil {
			return nil, a.err
		}
		c, err := d.RejectSuggestion(key)
		if err == nil {
			d.StartOnEdit(&c)
		}
		return changed(d, c, err)
	}
	for _, name := range []string{"acceptSuggestions", "rejectSuggestions"} {
		accept := name == "acceptSuggestions"
		m[name] = func(a *argv) (any, error) {
			d, f := a.doc(0), a.suggFilter(1)
			if a.err != nil {
				return nil, a.err
			}
			var r annotate.SuggestionsResult
			if accept {
				r = d.AcceptSuggestions(f)
			} else {
				r = d.RejectSuggestions(f)
			}
			d.StartOnEdit(&r.Change)
			return toJS(suggResultView{r, viewChange(d, r.Change)})
		}
	}
	m["applySuggestionSet"] = func(a *argv) (any, error) {
		data := a.str(0, "set")
		if a.err != nil {
			return nil, a.err
		}
		r, err := theProject.ApplySuggestionSet([]byte(data))
		if err != nil {
			return nil, err
		}
		return toJS(setView(r))
	}
	m["clearSuggestions"] = func(a *argv) (any, error) {
		d, source := a.doc(0), a.optStr(1, "source")
		if a.err != nil {
			return nil, a.err
		}
		return d.ClearSuggestions(source), nil
	}
}

func errText(err error) string {
	if err == nil {
		return "a different number of entries"
	}
	return err.Error()
}
