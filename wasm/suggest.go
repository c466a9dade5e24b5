//go:build js && wasm

package main

import (
	"strconv"

	"github.com/hack-pad/safejs"

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
	if v.Scored > 0 {
		// how many have a score, and their range (the panel shows it)
		b = append(b, `,"scored":`...)
		b = strconv.AppendInt(b, int64(v.Scored), 10)
		b = append(b, `,"min":`...)
		b = strconv.AppendFloat(b, v.Min, 'g', -1, 64)
		b = append(b, `,"max":`...)
		b = strconv.AppendFloat(b, v.Max, 'g', -1, 64)
	}
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

// predicted is one entity a model found, as the page hands it on.
type predicted struct {
	label      string
	start, end int
	score      float64
	scored     bool
}

// predictions reads argument i, [{label, start, end, score?}], field by
// field (no encoding/json: the core module does not link it).
func (a *argv) predictions(i int, name string) []predicted {
	v, n, ok := a.array(i, name, "an array of {label, start, end, score}")
	if !ok {
		return nil
	}
	out := make([]predicted, 0, n)
	num := func(o options, f string, need bool) (float64, bool) {
		x, ok := o.get(f)
		if !ok {
			if need && a.err == nil {
				a.fail(annotate.CodeBadArgument, o.name+"."+f, "is missing")
			}
			return 0, false
		}
		if x.Type() != safejs.TypeNumber {
			a.fail(annotate.CodeBadArgument, o.name+"."+f, "must be a number, not "+typeName(x))
			return 0, false
		}
		f64, _ := x.Float()
		return f64, true
	}
	for k := range n {
		x, err := v.Index(k)
		el := name + "[" + itoa(k) + "]"
		if err != nil {
			a.fail(annotate.CodeBadArgument, el, "cannot be read: "+err.Error())
			return nil
		}
		if !a.isObject(x, el, "an object {label, start, end, score}") {
			return nil
		}
		o := options{a: a, name: el, v: x}
		var p predicted
		p.label = o.str("label")
		s, _ := num(o, "start", true)
		e, _ := num(o, "end", true)
		p.score, p.scored = num(o, "score", false)
		if a.err != nil {
			return nil
		}
		p.start, p.end = a.checkInt(s, el+".start"), a.checkInt(e, el+".end")
		if a.err != nil {
			return nil
		}
		out = append(out, p)
	}
	return out
}

func suggestAPI(m map[string]method) {
	// setSuggestions(doc, source, [{label, start, end, score?}]): a
	// source's suggestions for one document, UTF-16 offsets (a model's
	// predictions, e.g. the tagger's), replacing its open ones: all
	// checked first by the core (Document.ReplaceSuggestions), all or
	// nothing.
	m["setSuggestions"] = func(a *argv) (any, error) {
		d, source := a.doc(0), a.str(1, "source")
		ps := a.predictions(2, "suggestions")
		if a.err != nil {
			return nil, a.err
		}
		u16 := d.Index().UTF16Len()
		gs := make([]annotate.Suggestion, len(ps))
		for i, p := range ps {
			if p.end > u16 || p.start >= p.end {
				return nil, &annotate.Error{Code: annotate.CodeOutOfRange, Doc: d.ID, Field: "suggestions[" + itoa(i) + "]", Msg: "[" + itoa(p.start) + ", " + itoa(p.end) + ") is not a range in the text (" + annotate.Count(u16) + " UTF-16 code units)"}
			}
			gs[i] = annotate.Suggestion{Label: p.label, Source: source, Score: p.score, Scored: p.scored, Fragments: []annotate.Fragment{{Start: toCP(d, p.start, false), End: toCP(d, p.end, true)}}}
		}
		r, err := d.ReplaceSuggestions(source, gs)
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
