//go:build js && wasm && formats

package main

import (
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/patterns"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// The suggestion sources, in the formats module: they read the project
// this module was given (syncProject in web/formats.js) and return a
// suggestion set as JSON, which the page hands to the core's
// applySuggestionSet unread. They change nothing here.

func init() {
	if formatsAPI == nil {
		formatsAPI = map[string]method{}
	}
	formatsAPI["suggestOwnLabels"] = suggestOwnLabels
	formatsAPI["suggestPatterns"] = suggestPatterns
	// taggerDocs: what the entity tagger trains on (the core's choice,
	// Project.EntityTrainingDocs), only the documents with such spans; in
	// this module, as it is used only with the tagger (which loads its own
	// module anyway), so the page's core module stays smaller.
	formatsAPI["taggerDocs"] = func(a *argv) (any, error) {
		tds, _ := theProject.EntityTrainingDocs(nil)
		out := make([]trainDocView, 0, len(tds))
		for _, t := range tds {
			if len(t.Spans) > 0 {
				out = append(out, trainDocView{t.Doc, t.Spans})
			}
		}
		return listToJS(out)
	}
	// taggerDoneDocs: what the tagger is cross-validated on (the core's
	// choice, Project.DoneEntityDocs): the done documents, spans or not.
	formatsAPI["taggerDoneDocs"] = func(a *argv) (any, error) {
		tds := theProject.DoneEntityDocs(nil)
		out := make([]trainDocView, len(tds))
		for i, t := range tds {
			out[i] = trainDocView{t.Doc, t.Spans}
		}
		return listToJS(out)
	}
	formatsAPI["suggestClaims"] = func(a *argv) (any, error) {
		return string(theProject.ClaimSet().JSON(theProject)), nil
	}
}

// suggestPatterns(text, fileName): a patterns JSONL file (.jsonl, .json)
// or a dictionary (any other name: LABEL<TAB>entry a line) over every
// document. A bad file throws bad_pattern with the file, line and key.
func suggestPatterns(a *argv) (any, error) {
	text, name := a.str(0, "text"), a.str(1, "fileName")
	if a.err != nil {
		return nil, a.err
	}
	var ps *patterns.PatternSet
	var err error
	if l := strings.ToLower(name); strings.HasSuffix(l, ".jsonl") || strings.HasSuffix(l, ".json") || strings.HasSuffix(l, ".ndjson") {
		ps, err = patterns.ParsePatterns([]byte(text), name)
	} else {
		ps, err = patterns.ParseDictionary([]byte(text), name)
	}
	if err != nil {
		if es, ok := err.(annotate.Errors); ok && len(es) > 0 {
			return nil, es[0] // the first bad line; the message says where
		}
		return nil, err
	}
	return string(ps.Set(theProject).JSON(theProject)), nil
}

func suggestOwnLabels(a *argv) (any, error) {
	var o annotate.OwnLabelOptions
	if a.given(0) {
		r := a.object(0, "options", "an options object {ignoreCase}", "ignoreCase")
		o.IgnoreCase = r.boolean("ignoreCase")
	}
	if a.err != nil {
		return nil, a.err
	}
	set := theProject.OwnLabelSet(o)
	return string(set.JSON(theProject)), nil
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
