//go:build js && wasm && formats

package main

import (
	"strconv"
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
	// A source in slices (annotate.SuggestionRun), for the page's
	// progress bar and Cancel: suggestRunStart(kind, options) starts one
	// (kind "own" {ignoreCase}, "claims", "patterns" {text, fileName}; a
	// bad pattern file throws here) and returns {run, total};
	// suggestRunStep(run, n) runs n more documents and returns {done,
	// total}; suggestRunSet(run) returns the finished set (JSON for the
	// core's applySuggestionSet) and ends the run; suggestRunDrop(run)
	// ends it unfinished. One run at a time: a new one ends the last.
	formatsAPI["suggestRunStart"] = suggestRunStart
	formatsAPI["suggestRunStep"] = func(a *argv) (any, error) {
		r, n := a.suggRun(0), a.integer(1, "n")
		if a.err != nil {
			return nil, a.err
		}
		done, total := r.Step(n)
		return parseJSON([]byte(`{"done":` + strconv.Itoa(done) + `,"total":` + strconv.Itoa(total) + `}`))
	}
	formatsAPI["suggestRunSet"] = func(a *argv) (any, error) {
		r := a.suggRun(0)
		if a.err == nil && !r.Done() {
			a.fail(annotate.CodeBadArgument, "run", "the run is not finished: "+annotate.Count(r.Total())+" documents to go over")
		}
		if a.err != nil {
			return nil, a.err
		}
		curRun = nil
		return string(r.Set().JSON(theProject)), nil
	}
	formatsAPI["suggestRunDrop"] = func(a *argv) (any, error) {
		id := a.integer(0, "run")
		if a.err != nil {
			return nil, a.err
		}
		if curRun != nil && curRun.id == id {
			curRun = nil
		}
		return nil, nil // dropping twice is harmless
	}
}

// curRun is the suggestion run under way.
var curRun *struct {
	id int
	r  *annotate.SuggestionRun
}
var runCount int

func (a *argv) suggRun(i int) *annotate.SuggestionRun {
	id := a.integer(i, "run")
	if a.err != nil {
		return nil
	}
	if curRun == nil || curRun.id != id {
		a.fail(annotate.CodeBadArgument, "run", "names no suggestion run under way (it ended, or a newer one replaced it)")
		return nil
	}
	return curRun.r
}

func suggestRunStart(a *argv) (any, error) {
	kind := a.str(0, "kind")
	if a.err != nil {
		return nil, a.err
	}
	var r *annotate.SuggestionRun
	switch kind {
	case "own":
		var o annotate.OwnLabelOptions
		if a.given(1) {
			o.IgnoreCase = a.object(1, "options", "an options object {ignoreCase}", "ignoreCase").boolean("ignoreCase")
		}
		if a.err != nil {
			return nil, a.err
		}
		r = theProject.OwnLabelRun(o)
	case "claims":
		r = theProject.ClaimRun()
	case "patterns":
		o := a.object(1, "options", "an options object {text, fileName}", "text", "fileName")
		text, name := o.str("text"), o.str("fileName")
		if a.err != nil {
			return nil, a.err
		}
		ps, err := parsePatternFile(text, name)
		if err != nil {
			return nil, err
		}
		r = ps.Run(theProject)
	default:
		a.fail(annotate.CodeBadArgument, "kind", `must be "own", "claims" or "patterns", not `+strconv.Quote(kind))
		return nil, a.err
	}
	runCount++
	curRun = &struct {
		id int
		r  *annotate.SuggestionRun
	}{runCount, r}
	return parseJSON([]byte(`{"run":` + strconv.Itoa(runCount) + `,"total":` + strconv.Itoa(r.Total()) + `}`))
}

// suggestPatterns(text, fileName): a patterns JSONL file (.jsonl, .json)
// or a dictionary (any other name: LABEL<TAB>entry a line) over every
// document. A bad file throws bad_pattern with the file, line and key.
func suggestPatterns(a *argv) (any, error) {
	text, name := a.str(0, "text"), a.str(1, "fileName")
	if a.err != nil {
		return nil, a.err
	}
	ps, err := parsePatternFile(text, name)
	if err != nil {
		return nil, err
	}
	return string(ps.Set(theProject).JSON(theProject)), nil
}

// parsePatternFile reads a patterns JSONL file (.jsonl, .json, .ndjson)
// or a dictionary (any other name); on a bad file, the first bad line.
func parsePatternFile(text, name string) (*patterns.PatternSet, error) {
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
	return ps, nil
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
