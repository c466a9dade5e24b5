package annotate

import (
	"cmp"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"sort"
	"strconv"
)

// Suggestions: spans proposed by a source (the project's own labels, a
// pattern file, another tool's predictions, the tagger, the claim finder)
// for a person to accept or reject. They live beside a document's spans
// and are not annotations: exports of annotations, counts and statuses
// ignore them. Accepting one makes a span under the usual rules; rejecting
// one removes it and remembers it, so that the same suggestion (same
// source, label and fragments) is never offered again. Both are undo steps
// (kind "suggestion" in the undo history); adding a source's suggestions is
// not, as loading a file is not.

// The sources spanmark itself knows; any other name made of letters,
// digits, '-' and '_' is accepted too.
const (
	SourceOwn     = "own"     // the project's own labels (OwnLabelSuggestions)
	SourcePattern = "pattern" // pattern files and dictionaries
	SourceImport  = "import"  // another tool's predictions, imported as suggestions
	SourceTagger  = "tagger"  // the learning tagger
	SourceClaim   = "claim"   // the claim finder
)

// Suggestion is a proposed span. Score is the source's confidence in
// [0, 1] when Scored (own labels and patterns give none).
type Suggestion struct {
	Label     string     `json:"label"`
	Fragments []Fragment `json:"fragments"`
	Source    string     `json:"source"`
	Score     float64    `json:"score,omitempty"`
	Scored    bool       `json:"scored,omitempty"`
}

// Start is where the suggestion's first fragment begins.
func (g *Suggestion) Start() int { return g.Fragments[0].Start }

// End is where its last fragment ends.
func (g *Suggestion) End() int { return g.Fragments[len(g.Fragments)-1].End }

// Key identifies a suggestion: its source, label and fragments ("own
// PERSON 3-8" or "tagger ORG 10-14,20-25"). A rejected suggestion's key is
// never offered again in the document.
func (g *Suggestion) Key() string {
	b := make([]byte, 0, len(g.Source)+len(g.Label)+12*len(g.Fragments))
	b = append(b, g.Source...)
	b = append(b, ' ')
	b = append(b, g.Label...)
	for i, f := range g.Fragments {
		if i == 0 {
			b = append(b, ' ')
		} else {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(f.End), 10)
	}
	return string(b)
}

// compareSuggestions is the order suggestions are listed and written in:
// as spans (start, longer first, label), then fragments, then source.
func compareSuggestions(a, b *Suggestion) int {
	if c := cmp.Compare(a.Start(), b.Start()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.End(), a.End()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	if c := slices.CompareFunc(a.Fragments, b.Fragments, func(x, y Fragment) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	}); c != 0 {
		return c
	}
	return cmp.Compare(a.Source, b.Source)
}

func validSource(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func sortedSuggestions(m map[string]*Suggestion) []*Suggestion {
	out := make([]*Suggestion, 0, len(m))
	for _, g := range m {
		out = append(out, g)
	}
	order.Func(out, compareSuggestions)
	return out
}

// Suggestions returns the document's open suggestions in text order. The
// values are shared with the document: read-only.
func (d *Document) Suggestions() []*Suggestion { return sortedSuggestions(d.suggs) }

// RejectedSuggestions returns the suggestions rejected in this document.
func (d *Document) RejectedSuggestions() []*Suggestion { return sortedSuggestions(d.rejected) }

// NumSuggestions is the number of open suggestions.
func (d *Document) NumSuggestions() int { return len(d.suggs) }

// HasSuggestions reports whether the document has open or rejected
// suggestions (which the project file then holds: version 3).
func (d *Document) HasSuggestions() bool { return len(d.suggs)+len(d.rejected) > 0 }

// Suggestion returns the open suggestion with this key, or nil.
func (d *Document) Suggestion(key string) *Suggestion { return d.suggs[key] }

// checkSuggestion checks a suggestion's source, label and fragments (a
// suggestion of a label not in the schema is refused: an importer adds
// the label to the schema first, as it does for spans).
func (d *Document) checkSuggestion(g *Suggestion) *Error {
	switch {
	case !validSource(g.Source):
		return &Error{Code: CodeBadArgument, Field: "source", Msg: "a suggestion's source must be 1-40 letters, digits, - or _, not " + strconv.Quote(g.Source)}
	case g.Scored && !(g.Score >= 0 && g.Score <= 1):
		return &Error{Code: CodeBadArgument, Field: "score", Msg: "a suggestion's score must be between 0 and 1, not " + strconv.FormatFloat(g.Score, 'g', -1, 64)}
	}
	s := &Span{Label: g.Label, Fragments: g.Fragments}
	if _, e := d.labelOf(s); e != nil {
		return e
	}
	return d.checkFragments(s)
}

// isSpan reports whether a span with the suggestion's label and
// fragments exists: such a suggestion has nothing left to offer.
func (d *Document) isSpan(g *Suggestion) bool {
	s := &Span{Label: g.Label, Fragments: g.Fragments}
	if d.ovl.on {
		return d.findDuplicate(s) != nil
	}
	return d.twin(s, "") != nil // the walk the index stands in for
}

// AddSuggestionsResult says what AddSuggestions did.
type AddSuggestionsResult struct {
	Added    int `json:"added"`
	Known    int `json:"known"`    // already open
	Rejected int `json:"rejected"` // rejected before: not offered again
	Done     int `json:"done"`     // a span with that label and fragments exists
}

// AddSuggestions adds a source's suggestions, outside the undo history
// (as a loader adds spans). Each is checked (source, label, fragments);
// bad ones are left out and reported, located by their index, the others
// added. Suggestions rejected before, already open or already spans are
// skipped and counted.
func (d *Document) AddSuggestions(gs []Suggestion) (AddSuggestionsResult, Errors) {
	var res AddSuggestionsResult
	var es Errors
	for i := range gs {
		g := gs[i]
		g.Fragments = slices.Clone(g.Fragments)
		if !g.Scored {
			g.Score = 0
		}
		if e := d.checkSuggestion(&g); e != nil {
			e.Doc, e.Span = d.ID, ""
			e.Field = "suggestions[" + strconv.Itoa(i) + "]." + e.Field
			es = append(es, e)
			continue
		}
		k := g.Key()
		switch {
		case d.rejected[k] != nil:
			res.Rejected++
		case d.suggs[k] != nil:
			res.Known++
		case d.isSpan(&g):
			res.Done++
		default:
			if d.suggs == nil {
				d.suggs = map[string]*Suggestion{}
			}
			d.suggs[k] = &g
			res.Added++
		}
	}
	return res, es
}

// ClearSuggestions removes the open suggestions of a source ("" for
// every source), outside the undo history, before the source runs again;
// rejected suggestions stay remembered. It returns how many went.
func (d *Document) ClearSuggestions(source string) int {
	n := 0
	for k, g := range d.suggs {
		if source == "" || g.Source == source {
			delete(d.suggs, k)
			n++
		}
	}
	return n
}

// CopySuggestions gives d the open and rejected suggestions of o (a
// document with the same text), as a merge of projects copies a
// document.
func (d *Document) CopySuggestions(o *Document) {
	for _, side := range [2]struct {
		dst *map[string]*Suggestion
		src map[string]*Suggestion
	}{{&d.suggs, o.suggs}, {&d.rejected, o.rejected}} {
		if len(side.src) == 0 {
			continue
		}
		*side.dst = make(map[string]*Suggestion, len(side.src))
		for k, g := range side.src {
			(*side.dst)[k] = g // values are never changed in place: shared
		}
	}
}

// setSugg records and applies a suggestion edit: g open, or rejected when
// rej (nil: neither).
func (t *tx) setSugg(key string, g *Suggestion, rej bool) {
	d := t.d
	e := edit{kind: editSugg, id: key}
	if o := d.suggs[key]; o != nil {
		e.sugg[0] = o
	} else if r := d.rejected[key]; r != nil {
		e.sugg[0], e.rej[0] = r, true
	}
	e.sugg[1], e.rej[1] = g, rej && g != nil
	t.st.edits = append(t.st.edits, e)
	d.apply(&e, 1)
}

// putSugg makes the suggestion with this key be g, open or rejected (nil:
// neither).
func (d *Document) putSugg(key string, g *Suggestion, rej bool) {
	delete(d.suggs, key)
	delete(d.rejected, key)
	switch {
	case g == nil:
	case rej:
		if d.rejected == nil {
			d.rejected = map[string]*Suggestion{}
		}
		d.rejected[key] = g
	default:
		if d.suggs == nil {
			d.suggs = map[string]*Suggestion{}
		}
		d.suggs[key] = g
	}
}

func (d *Document) mustSugg(key string) (*Suggestion, *Error) {
	g := d.suggs[key]
	if g == nil {
		e := newErr(CodeBadArgument, "no open suggestion "+strconv.Quote(key)+" in document "+strconv.Quote(d.ID))
		e.Field = "suggestion"
		return nil, e
	}
	return g, nil
}

// acceptOne turns g into a span in t: the usual rules apply (fragments
// widened to whole characters, overlap); a suggestion equal to an existing
// span just closes.
func (d *Document) acceptOne(t *tx, key string, g *Suggestion) (*Span, *Error) {
	if d.isSpan(g) {
		t.setSugg(key, nil, false)
		return nil, nil
	}
	next := d.nextSpan
	s := &Span{ID: d.newSpanID(), Label: g.Label, Fragments: d.widenAll(g.Fragments)}
	if e := d.checkSpan(s); e != nil {
		d.nextSpan = next // the id was not used: hand it out again
		return nil, e
	}
	t.setSpan(s.ID, s)
	t.setSugg(key, nil, false)
	return s, nil
}

// AcceptSuggestion turns the open suggestion with this key into a span,
// as one undo step; the span is nil when one with that label and those
// fragments existed already (the suggestion is closed all the same).
func (d *Document) AcceptSuggestion(key string) (*Span, Change, error) {
	var added *Span
	c, err := d.do("accept suggestion", func(t *tx) *Error {
		g, e := d.mustSugg(key)
		if e != nil {
			return e
		}
		added, e = d.acceptOne(t, key, g)
		return e
	})
	return added, c, err
}

// RejectSuggestion removes the open suggestion with this key and
// remembers it, as one undo step.
func (d *Document) RejectSuggestion(key string) (Change, error) {
	return d.do("reject suggestion", func(t *tx) *Error {
		g, e := d.mustSugg(key)
		if e != nil {
			return e
		}
		t.setSugg(key, g, true)
		return nil
	})
}

// SuggestionFilter selects open suggestions: by label and by source
// ("" = any), and with a score of at least MinScore when MinScore > 0
// (suggestions without a score then never match).
type SuggestionFilter struct {
	Label    string  `json:"label,omitempty"`
	Source   string  `json:"source,omitempty"`
	MinScore float64 `json:"min_score,omitempty"`
}

func (f SuggestionFilter) match(g *Suggestion) bool {
	return (f.Label == "" || g.Label == f.Label) && (f.Source == "" || g.Source == f.Source) &&
		(f.MinScore <= 0 || g.Scored && g.Score >= f.MinScore)
}

func (f SuggestionFilter) describe() string {
	s := "suggestions"
	if f.Label != "" {
		s += " " + f.Label
	}
	if f.Source != "" {
		s += " from " + f.Source
	}
	if f.MinScore > 0 {
		s += " scored ≥ " + strconv.FormatFloat(f.MinScore, 'g', -1, 64)
	}
	return s
}

// SuggestionsResult says what an accept-all or reject-all did.
type SuggestionsResult struct {
	Matched  int          `json:"matched"`
	Accepted int          `json:"accepted"`
	Rejected int          `json:"rejected"`
	Skipped  int          `json:"skipped"`           // accepting it broke a rule: left open
	Reasons  map[Code]int `json:"reasons,omitempty"` // skipped by rule
	Change   Change       `json:"-"`
}

// AcceptSuggestions accepts every open suggestion the filter selects, in
// text order, as one undo step. One that would break a rule (it crosses a
// span accepted just before it, say) is skipped, counted and left open.
func (d *Document) AcceptSuggestions(f SuggestionFilter) SuggestionsResult {
	var res SuggestionsResult
	t := d.begin("accept " + f.describe())
	for _, g := range d.Suggestions() {
		if !f.match(g) {
			continue
		}
		res.Matched++
		if _, e := d.acceptOne(t, g.Key(), g); e != nil {
			res.Skipped++
			if res.Reasons == nil {
				res.Reasons = map[Code]int{}
			}
			res.Reasons[e.Code]++
			continue
		}
		res.Accepted++
	}
	res.Change = t.commit()
	return res
}

// RejectSuggestions rejects every open suggestion the filter selects, as
// one undo step.
func (d *Document) RejectSuggestions(f SuggestionFilter) SuggestionsResult {
	var res SuggestionsResult
	t := d.begin("reject " + f.describe())
	for _, g := range d.Suggestions() {
		if f.match(g) {
			res.Matched++
			res.Rejected++
			t.setSugg(g.Key(), g, true)
		}
	}
	res.Change = t.commit()
	return res
}

// SuggestionCount is one line of the suggestions panel: a source and
// label with how many suggestions are open.
type SuggestionCount struct {
	Source string `json:"source"`
	Label  string `json:"label"`
	Open   int    `json:"open"`
	// Scored of them have a score, from Min to Max: the panel shows the
	// range, beside its "accept all above a score"
	Scored   int     `json:"scored,omitempty"`
	Min, Max float64 `json:"-"`
}

// SuggestionCounts counts the open suggestions by source and label,
// sorted by source, then label. (Keys sorted as strings through
// sort.Sort, whose code the wasm has anyway: a generic sort of the struct,
// or sort.Strings, which is slices.Sort on strings, each added ~19 KB of
// code to the page's core.)
func (d *Document) SuggestionCounts() []SuggestionCount {
	m := map[string]*SuggestionCount{}
	for _, g := range d.suggs {
		c := m[g.Source+"\x00"+g.Label]
		if c == nil {
			c = &SuggestionCount{Source: g.Source, Label: g.Label}
			m[g.Source+"\x00"+g.Label] = c
		}
		c.Open++
		if g.Scored {
			if c.Scored == 0 || g.Score < c.Min {
				c.Min = g.Score
			}
			if c.Scored == 0 || g.Score > c.Max {
				c.Max = g.Score
			}
			c.Scored++
		}
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Sort(sort.StringSlice(ks))
	out := make([]SuggestionCount, len(ks))
	for i, k := range ks {
		out[i] = *m[k]
	}
	return out
}

// fitSuggestions follows a schema edit: suggestions take their label's new
// name (relabel), and those whose label is gone are dropped.
func (d *Document) fitSuggestions(relabel func(string) string) {
	for _, m := range [2]*map[string]*Suggestion{&d.suggs, &d.rejected} {
		if len(*m) == 0 {
			continue
		}
		nm := make(map[string]*Suggestion, len(*m))
		for _, g := range *m {
			gs := []*Suggestion{g}
			k := relabelSugg(gs, relabel)
			if d.schema.Label(gs[0].Label) != nil {
				nm[k] = gs[0]
			}
		}
		*m = nm
	}
}

// relabelSugg replaces each non-nil suggestion in gs by a copy with its
// label renamed, when relabel renames it, and returns their key.
func relabelSugg(gs []*Suggestion, relabel func(string) string) string {
	key := ""
	for i, g := range gs {
		if g == nil {
			continue
		}
		if l := relabel(g.Label); l != g.Label {
			c := *g
			c.Label = l
			gs[i] = &c
		}
		key = gs[i].Key()
	}
	return key
}

// SuggestionsIn returns the open suggestions with a fragment overlapping
// [start, end), in text order: the page paints those on screen. One pass
// over the open suggestions, then a sort of the few kept.
func (d *Document) SuggestionsIn(start, end int) []*Suggestion {
	var out []*Suggestion
	for _, g := range d.suggs {
		for _, f := range g.Fragments {
			if f.Start < end && f.End > start || f.Start == f.End && f.Start == start {
				out = append(out, g)
				break
			}
		}
	}
	order.Func(out, compareSuggestions)
	return out
}

// NextSuggestion returns the first open suggestion (in text order) that
// starts at or after pos (dir > 0), or the last that starts before pos
// (dir < 0); nil when there is none. Keys step through suggestions with it.
func (d *Document) NextSuggestion(pos, dir int) *Suggestion {
	var best *Suggestion
	for _, g := range d.suggs {
		if dir > 0 && g.Start() >= pos && (best == nil || compareSuggestions(g, best) < 0) ||
			dir < 0 && g.Start() < pos && (best == nil || compareSuggestions(g, best) > 0) {
			best = g
		}
	}
	return best
}

// ReplaceSuggestions gives d a source's suggestions in place of its open
// ones of that source (a model run again on the document), outside the
// undo history. Every one is checked first (its source must be source);
// on a problem nothing changes and the first is returned, located by its
// index. Rejected suggestions stay away, as AddSuggestions keeps them.
func (d *Document) ReplaceSuggestions(source string, gs []Suggestion) (SuggestionSetResult, error) {
	for i := range gs {
		e := d.checkSuggestion(&gs[i])
		if e == nil && gs[i].Source != source {
			e = &Error{Code: CodeBadArgument, Field: "source", Msg: "the suggestion's source " + strconv.Quote(gs[i].Source) + " is not " + strconv.Quote(source)}
		}
		if e != nil {
			e.Doc, e.Span = d.ID, ""
			e.Field = "suggestions[" + strconv.Itoa(i) + "]." + e.Field
			return SuggestionSetResult{}, e
		}
	}
	res := SuggestionSetResult{Documents: 1, Cleared: d.ClearSuggestions(source)}
	res.AddSuggestionsResult, _ = d.AddSuggestions(gs) // checked above
	return res, nil
}
