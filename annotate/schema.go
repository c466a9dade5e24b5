package annotate

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
)

// Layer groups labels whose spans are checked against each other for
// crossing. Entities and claims live in separate layers, so a CLAIM may
// freely cross a PERSON.
type Layer string

const (
	LayerEntity Layer = "entity"
	LayerClaim  Layer = "claim"
)

// AttrType is the type of a span attribute.
type AttrType string

const (
	AttrEnum AttrType = "enum"
	AttrBool AttrType = "bool"
	AttrText AttrType = "text"
)

// AttrDef declares one attribute a label's spans may carry.
type AttrDef struct {
	Name   string   `json:"name"`
	Type   AttrType `json:"type"`
	Values []string `json:"values,omitempty"` // allowed values of an enum
}

// LabelDef declares one span label.
type LabelDef struct {
	Name        string    `json:"name"`
	Layer       Layer     `json:"layer"`
	Color       string    `json:"color"`            // #rrggbb
	Hotkey      string    `json:"hotkey,omitempty"` // one key, e.g. "1"
	Description string    `json:"description,omitempty"`
	Attributes  []AttrDef `json:"attributes,omitempty"`
}

// RelationDef declares a relation type and the labels allowed at each end.
type RelationDef struct {
	Name string   `json:"name"`
	From []string `json:"from"`
	To   []string `json:"to"`
}

// LayerPolicy says how spans of one layer may overlap. Nesting is always
// allowed; crossing (partial overlap) only when Crossing is true.
type LayerPolicy struct {
	Crossing bool `json:"crossing"`
}

// Schema is what may be annotated: labels, relation types, per-layer overlap
// policy and the document-level labels.
type Schema struct {
	Labels    []LabelDef            `json:"labels"`
	Relations []RelationDef         `json:"relations"`
	Overlap   map[Layer]LayerPolicy `json:"overlap"`
	DocLabels []string              `json:"doc_labels,omitempty"`
}

// Names the claims view relies on; they are part of the default schema.
const (
	LabelClaim       = "CLAIM"
	RelationClaimant = "claimant"
	RelationCue      = "cue"
)

// DefaultSchema returns a fresh copy of the built-in news schema.
func DefaultSchema() *Schema {
	return &Schema{
		Labels: []LabelDef{
			{Name: "PERSON", Layer: LayerEntity, Color: "#f4a261", Hotkey: "1", Description: "a person, real or fictional"},
			{Name: "ORG", Layer: LayerEntity, Color: "#8ecae6", Hotkey: "2", Description: "companies, agencies, institutions, newspapers"},
			{Name: "GPE", Layer: LayerEntity, Color: "#90be6d", Hotkey: "3", Description: "countries, cities, states"},
			{Name: "LOC", Layer: LayerEntity, Color: "#b5e48c", Hotkey: "4", Description: "non-political places: seas, mountains, regions"},
			{Name: "DATE", Layer: LayerEntity, Color: "#cdb4db", Hotkey: "5", Description: "absolute or relative dates and periods"},
			{Name: "EVENT", Layer: LayerEntity, Color: "#ffd166", Hotkey: "6", Description: "named events: wars, summits, revolutions"},
			{Name: LabelClaim, Layer: LayerClaim, Color: "#ffafcc", Hotkey: "7", Description: "what is asserted", Attributes: []AttrDef{
				{Name: "checkworthy", Type: AttrEnum, Values: []string{"yes", "no", "unsure"}},
				{Name: "attribution", Type: AttrEnum, Values: []string{"direct quote", "indirect", "unattributed"}},
				{Name: "polarity", Type: AttrEnum, Values: []string{"asserted", "denied"}},
				{Name: "normalized", Type: AttrText},
			}},
			{Name: "SOURCE", Layer: LayerClaim, Color: "#a0c4ff", Hotkey: "8", Description: `a non-entity source: "anonymous sources", "the report"`},
			{Name: "CUE", Layer: LayerClaim, Color: "#e9c46a", Hotkey: "9", Description: "the attribution verb: said, told, denied, reported"},
		},
		Relations: []RelationDef{
			{Name: RelationClaimant, From: []string{LabelClaim}, To: []string{"PERSON", "ORG", "GPE", "SOURCE"}},
			{Name: RelationCue, From: []string{LabelClaim}, To: []string{"CUE"}},
		},
		Overlap: map[Layer]LayerPolicy{
			LayerEntity: {Crossing: false},
			LayerClaim:  {Crossing: false},
		},
		DocLabels: []string{"relevant", "opinion", "needs-review"},
	}
}

// Label returns the definition of the named label, or nil.
func (s *Schema) Label(name string) *LabelDef {
	for i := range s.Labels {
		if s.Labels[i].Name == name {
			return &s.Labels[i]
		}
	}
	return nil
}

// Relation returns the definition of the named relation type, or nil.
func (s *Schema) Relation(name string) *RelationDef {
	for i := range s.Relations {
		if s.Relations[i].Name == name {
			return &s.Relations[i]
		}
	}
	return nil
}

// Attr returns the attribute definition of a label, or nil.
func (l *LabelDef) Attr(name string) *AttrDef {
	for i := range l.Attributes {
		if l.Attributes[i].Name == name {
			return &l.Attributes[i]
		}
	}
	return nil
}

// Crossing reports whether spans of the layer may cross each other.
func (s *Schema) Crossing(l Layer) bool { return s.Overlap[l].Crossing }

// CheckValue checks one attribute value: a string from Values for an enum, a
// bool for a bool, a string for text.
func (a *AttrDef) CheckValue(v any) error {
	switch a.Type {
	case AttrEnum:
		s, ok := v.(string)
		if !ok {
			return errf(CodeBadAttribute, "attribute %q takes one of %q, not %s", a.Name, a.Values, describe(v))
		}
		if !slices.Contains(a.Values, s) {
			return errf(CodeBadAttribute, "attribute %q takes one of %q, not %q", a.Name, a.Values, s)
		}
	case AttrBool:
		if _, ok := v.(bool); !ok {
			return errf(CodeBadAttribute, "attribute %q takes true or false, not %s", a.Name, describe(v))
		}
	case AttrText:
		if _, ok := v.(string); !ok {
			return errf(CodeBadAttribute, "attribute %q takes text, not %s", a.Name, describe(v))
		}
	default:
		return errf(CodeBadAttribute, "attribute %q has unknown type %q", a.Name, a.Type)
	}
	return nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", v)
	case bool, float64, int:
		return fmt.Sprintf("%v (%T)", v, v)
	default:
		return fmt.Sprintf("a %T", v)
	}
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate checks the schema itself and returns every problem found.
func (s *Schema) Validate() Errors {
	var es Errors
	bad := func(field, format string, args ...any) {
		e := errf(CodeBadSchema, format, args...)
		e.Field = field
		es = append(es, e)
	}
	names := map[string]bool{}
	keys := map[string]string{}
	for i, l := range s.Labels {
		f := fmt.Sprintf("schema.labels[%d]", i)
		switch {
		case l.Name == "":
			bad(f+".name", "a label needs a name")
		case names[l.Name]:
			bad(f+".name", "label %q is declared twice", l.Name)
		}
		names[l.Name] = true
		if l.Layer != LayerEntity && l.Layer != LayerClaim {
			bad(f+".layer", "label %q has layer %q; use %q or %q", l.Name, l.Layer, LayerEntity, LayerClaim)
		}
		if !colorRE.MatchString(l.Color) {
			bad(f+".color", "label %q has colour %q; use #rrggbb", l.Name, l.Color)
		}
		if l.Hotkey != "" {
			if len([]rune(l.Hotkey)) != 1 {
				bad(f+".hotkey", "label %q has hotkey %q; use one key", l.Name, l.Hotkey)
			} else if other, dup := keys[l.Hotkey]; dup {
				bad(f+".hotkey", "labels %q and %q share hotkey %q", other, l.Name, l.Hotkey)
			}
			keys[l.Hotkey] = l.Name
		}
		anames := map[string]bool{}
		for j, a := range l.Attributes {
			af := fmt.Sprintf("%s.attributes[%d]", f, j)
			if a.Name == "" || anames[a.Name] {
				bad(af+".name", "label %q: attribute name %q is empty or repeated", l.Name, a.Name)
			}
			anames[a.Name] = true
			switch a.Type {
			case AttrEnum:
				if len(a.Values) == 0 {
					bad(af+".values", "label %q: enum attribute %q lists no values", l.Name, a.Name)
				}
			case AttrBool, AttrText:
				if len(a.Values) > 0 {
					bad(af+".values", "label %q: only enum attributes take values (%q is %s)", l.Name, a.Name, a.Type)
				}
			default:
				bad(af+".type", "label %q: attribute %q has type %q; use enum, bool or text", l.Name, a.Name, a.Type)
			}
		}
	}
	rnames := map[string]bool{}
	for i, r := range s.Relations {
		f := fmt.Sprintf("schema.relations[%d]", i)
		if r.Name == "" || rnames[r.Name] {
			bad(f+".name", "relation name %q is empty or repeated", r.Name)
		}
		rnames[r.Name] = true
		for _, end := range []struct {
			field  string
			labels []string
		}{{"from", r.From}, {"to", r.To}} {
			if len(end.labels) == 0 {
				bad(f+"."+end.field, "relation %q allows no label at its %q end", r.Name, end.field)
			}
			for _, n := range end.labels {
				if !names[n] {
					bad(f+"."+end.field, "relation %q names unknown label %q", r.Name, n)
				}
			}
		}
	}
	for _, l := range slices.Sorted(maps.Keys(s.Overlap)) { // sorted: the same report every time
		if l != LayerEntity && l != LayerClaim {
			bad("schema.overlap", "unknown layer %q", l)
		}
	}
	dl := map[string]bool{}
	for i, n := range s.DocLabels {
		if n == "" || dl[n] {
			bad(fmt.Sprintf("schema.doc_labels[%d]", i), "document label %q is empty or repeated", n)
		}
		dl[n] = true
	}
	return es
}

// Clone returns a deep copy, so an edited schema never aliases a saved one.
func (s *Schema) Clone() *Schema {
	c := &Schema{Overlap: map[Layer]LayerPolicy{}}
	for _, l := range s.Labels {
		l.Attributes = slices.Clone(l.Attributes)
		for i := range l.Attributes {
			l.Attributes[i].Values = slices.Clone(l.Attributes[i].Values)
		}
		c.Labels = append(c.Labels, l)
	}
	for _, r := range s.Relations {
		r.From, r.To = slices.Clone(r.From), slices.Clone(r.To)
		c.Relations = append(c.Relations, r)
	}
	for k, v := range s.Overlap {
		c.Overlap[k] = v
	}
	c.DocLabels = slices.Clone(s.DocLabels)
	return c
}
