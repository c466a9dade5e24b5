package annotate

import (
	"strconv"
	"unicode/utf8"
)

// Adding another tool's predictions, imported as suggestions, to the
// project: they are made for the project's own documents, so a document
// of the import whose id the project has gets its suggestions there (not
// a copy "<id>-2" beside it), which needs the same text, code point for
// code point; a prediction for another text would point at the wrong
// words, so a text that differs refuses the whole addition, located (the
// document and the first code point where the texts part). Documents the
// project lacks are appended as they are, with their suggestions, as
// Append adds documents; the schemas merge as Append merges them.

// SuggestionsPlan is what AppendSuggestions would do.
type SuggestionsPlan struct {
	Matched     int      `json:"matched"`     // documents of the project that get suggestions
	Suggestions int      `json:"suggestions"` // open suggestions brought, in all
	New         int      `json:"new"`         // documents added
	Report      []string `json:"report"`      // Append's report (labels added…) for the whole
}

// planSuggestions checks other against p: every document p has must have
// the same text. It returns other's documents p lacks, as a project to
// append (sharing other's documents read-only).
func (p *Project) planSuggestions(other *Project) (*Project, SuggestionsPlan, error) {
	var plan SuggestionsPlan
	var es Errors
	rest := NewProject(other.Schema)
	for _, od := range other.docs {
		plan.Suggestions += od.NumSuggestions()
		d := p.byID[od.ID]
		if d == nil {
			rest.docs = append(rest.docs, od)
			rest.byID[od.ID] = od
			continue
		}
		if at, ok := firstDifference(d.Text(), od.Text()); !ok {
			es = append(es, &Error{Code: CodeTextMismatch, Doc: od.ID, Field: "text",
				Msg: "the imported document " + strconv.Quote(od.ID) + " has another text than the project's (they differ from code point " + strconv.Itoa(at) +
					": the import has " + strconv.Quote(excerpt(od.Text(), at)) + ", the project " + strconv.Quote(excerpt(d.Text(), at)) +
					"); its predictions were made for that other text and are not added"})
			continue
		}
		plan.Matched++
	}
	if len(es) > 0 {
		return nil, plan, es
	}
	plan.New = len(rest.docs)
	rep, err := p.PlanAppend(rest)
	if err != nil {
		return nil, plan, err
	}
	plan.Report = rep
	return rest, plan, nil
}

// PlanAppendSuggestions says what AppendSuggestions(other) would do, or
// why it cannot; it changes nothing.
func (p *Project) PlanAppendSuggestions(other *Project) (SuggestionsPlan, error) {
	_, plan, err := p.planSuggestions(other)
	return plan, err
}

// AppendSuggestions adds other (an import read as suggestions) to p: the
// suggestions of a document p has go to that document (same text, or
// nothing changes and the difference is returned, located), the other
// documents are appended. Outside the undo history, as loading a source's
// suggestions is. It is all or nothing.
func (p *Project) AppendSuggestions(other *Project) (SuggestionsPlan, error) {
	rest, plan, err := p.planSuggestions(other)
	if err != nil {
		return plan, err
	}
	if _, err := p.Append(rest); err != nil { // schema merged, new documents added
		return plan, err
	}
	for _, od := range other.docs {
		d := p.byID[od.ID]
		if d == nil || rest.byID[od.ID] == od {
			continue
		}
		gs := make([]Suggestion, 0, od.NumSuggestions())
		for _, g := range od.Suggestions() {
			gs = append(gs, *g)
		}
		d.AddSuggestions(gs) // same text, labels merged: they fit
	}
	return plan, nil
}

// firstDifference returns the code point index where a and b first
// differ; ok when they are equal.
func firstDifference(a, b string) (int, bool) {
	if a == b {
		return 0, true
	}
	n := 0
	for len(a) > 0 && len(b) > 0 {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b = a[sa:], b[sb:]
		n++
	}
	return n, false
}

// excerpt is up to 20 code points of s from code point at ("" at its end).
func excerpt(s string, at int) string {
	r := []rune(s)
	if at >= len(r) {
		return ""
	}
	end := min(at+20, len(r))
	return string(r[at:end])
}
