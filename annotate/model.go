package annotate

import (
	"maps"
	"slices"
)

// Fragment is one contiguous piece of a span: [Start, End) in code points.
type Fragment struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the fragment's length in code points.
func (f Fragment) Len() int { return f.End - f.Start }

// Overlaps reports whether f and g share at least one code point.
func (f Fragment) Overlaps(g Fragment) bool { return f.Start < g.End && g.Start < f.End }

// Contains reports whether g lies within f.
func (f Fragment) Contains(g Fragment) bool { return f.Start <= g.Start && g.End <= f.End }

// Span is one annotation: a label over one or more fragments (a claim split
// around "he said" is one span with two fragments), with attribute values
// and a note. Spans are values: an operation that changes one replaces it,
// which is what makes undo cheap and exact.
type Span struct {
	ID        string
	Label     string
	Fragments []Fragment
	Attrs     map[string]any // string for enum and text, bool for bool
	Note      string
	// Where a gold span came from (package team's Merge, and adjudication):
	// the annotators who made it, and whether an adjudicator decided it
	// (accepted it from the undecided spans, or changed it). Both empty
	// for a span made by hand in one annotator's work.
	Annotators  []string
	Adjudicated bool
}

// Start is where the span's first fragment begins.
func (s *Span) Start() int { return s.Fragments[0].Start }

// End is where the span's last fragment ends.
func (s *Span) End() int { return s.Fragments[len(s.Fragments)-1].End }

// Clone returns a deep copy of s.
func (s *Span) Clone() *Span {
	c := *s
	c.Fragments = slices.Clone(s.Fragments)
	c.Attrs = maps.Clone(s.Attrs)
	c.Annotators = slices.Clone(s.Annotators)
	return &c
}

// Relation links two spans, e.g. a CLAIM to its claimant.
type Relation struct {
	ID   string
	Type string
	From string // span id
	To   string // span id
}

// Status is a document's progress.
type Status string

const (
	StatusTodo       Status = "todo"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == StatusTodo || s == StatusInProgress || s == StatusDone
}

// Meta is where a document came from.
type Meta struct {
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Date   string `json:"date,omitempty"`
	// Extra is the rest of the metadata the record had in the tool it
	// came from (doccano's other fields, Prodigy's meta, Label Studio's
	// other data fields and task meta), which spanmark has no field for
	// but writes back on export: a JSON object, without insignificant
	// white space, its members in the file's order and its values as the
	// file wrote them (numbers such as 1.0 or 2^64, escapes), so they
	// return byte for byte. "" when there is none.
	Extra RawObject `json:"extra,omitempty"`
}

// RawObject is a JSON object kept as its compact text (see Meta.Extra):
// the order of its members and the spelling of its values are the file's.
type RawObject string

// MarshalJSON writes the object as it is ({} when empty).
func (o RawObject) MarshalJSON() ([]byte, error) {
	if o == "" {
		return []byte("{}"), nil
	}
	return []byte(o), nil
}

// UnmarshalJSON keeps a JSON object (or null) compact, as it is.
func (o *RawObject) UnmarshalJSON(b []byte) error {
	d := &decoder{data: b}
	if !d.rawObject(o) {
		return d.err
	}
	return nil
}
