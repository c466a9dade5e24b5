//go:build js && wasm && formats

package main

import (
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/patterns"
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
