package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
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

	// labelIdx maps a label name to its index in Labels, for the Labels
	// slice it was built from (labelsOf, compared by its first element
	// and length): a loader looks up the label of every span, and a
	// schema may hold MaxLabels labels. Code that renames a label in
	// place calls forgetIndex.
	labelIdx map[string]int
	labelsOf *LabelDef
	labelsN  int
}

// MaxLabels is the most labels a schema may declare: far more than any
// annotation guideline uses, few enough that the page's label list and
// every per-label count stay small.
const MaxLabels = 1000

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
	if len(s.Labels) <= 16 {
		// a walk beats a map for the few labels most schemas have
		for i := range s.Labels {
			if s.Labels[i].Name == name {
				return &s.Labels[i]
			}
		}
		return nil
	}
	if s.labelIdx == nil || s.labelsOf != &s.Labels[0] || s.labelsN != len(s.Labels) {
		s.indexLabels()
	}
	i, ok := s.labelIdx[name]
	if !ok {
		return nil
	}
	if s.Labels[i].Name != name { // renamed in place without forgetIndex
		s.indexLabels()
		if i, ok = s.labelIdx[name]; !ok {
			return nil
		}
	}
	return &s.Labels[i]
}

func (s *Schema) indexLabels() {
	if n := s.labelsN; s.labelIdx != nil && n > 0 && len(s.Labels) > n {
		// labels appended (an import adding what its files use, one by
		// one): index the new ones, if the old ones are where they were
		if i, ok := s.labelIdx[s.Labels[0].Name]; ok && i == 0 {
			if i, ok := s.labelIdx[s.Labels[n-1].Name]; ok && i == n-1 {
				for j := n; j < len(s.Labels); j++ {
					if _, dup := s.labelIdx[s.Labels[j].Name]; !dup {
						s.labelIdx[s.Labels[j].Name] = j
					}
				}
				s.labelsOf, s.labelsN = &s.Labels[0], len(s.Labels)
				return
			}
		}
	}
	s.labelIdx = make(map[string]int, len(s.Labels))
	for i := len(s.Labels) - 1; i >= 0; i-- { // the first of a repeated name wins, as in a walk
		s.labelIdx[s.Labels[i].Name] = i
	}
	s.labelsOf, s.labelsN = &s.Labels[0], len(s.Labels)
}

// forgetIndex drops the label index after a label is renamed in place.
func (s *Schema) forgetIndex() { s.labelIdx = nil }

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
	name := "attribute " + strconv.Quote(a.Name)
	switch a.Type {
	case AttrEnum:
		s, ok := v.(string)
		if !ok {
			return newErr(CodeBadAttribute, name+" takes one of "+quoteList(a.Values)+", not "+describe(v))
		}
		if !slices.Contains(a.Values, s) {
			return newErr(CodeBadAttribute, name+" takes one of "+quoteList(a.Values)+", not "+strconv.Quote(s))
		}
	case AttrBool:
		if _, ok := v.(bool); !ok {
			return newErr(CodeBadAttribute, name+" takes true or false, not "+describe(v))
		}
	case AttrText:
		if _, ok := v.(string); !ok {
			return newErr(CodeBadAttribute, name+" takes text, not "+describe(v))
		}
	default:
		return newErr(CodeBadAttribute, name+" has unknown type "+strconv.Quote(string(a.Type)))
	}
	return nil
}

// describe names a refused attribute value as fmt did ("%q", "%v (%T)" or
// "a %T"). Values come from JSON (a file, or the page through the wasm
// bridge), decoded as encoding/json decodes into an any: null, string,
// bool, float64, []any or map[string]any; the other basic types are for Go
// callers. Without reflection (see imports_test.go) a type not listed here
// is only "a value of an unsupported type".
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v) + " (bool)"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64) + " (float64)"
	case int:
		return strconv.Itoa(v) + " (int)"
	case []any:
		return "a []interface {}"
	case map[string]any:
		return "a map[string]interface {}"
	}
	if name := basicTypeName(v); name != "" {
		return "a " + name
	}
	return "a value of an unsupported type"
}

// basicTypeName is %T for the other basic types a Go caller might pass.
func basicTypeName(v any) string {
	switch v.(type) {
	case int8:
		return "int8"
	case int16:
		return "int16"
	case int32:
		return "int32"
	case int64:
		return "int64"
	case uint:
		return "uint"
	case uint8:
		return "uint8"
	case uint16:
		return "uint16"
	case uint32:
		return "uint32"
	case uint64:
		return "uint64"
	case float32:
		return "float32"
	case []string:
		return "[]string"
	case map[string]string:
		return "map[string]string"
	}
	return ""
}

// isHexColor reports whether s is #rrggbb (hex digits of either case), what
// ^#[0-9a-fA-F]{6}$ matches; by hand, so that the page's core links no
// regexp (63 KB of brotli: README "Page size").
func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Validate checks the schema itself and returns every problem found.
func (s *Schema) Validate() Errors {
	var es Errors
	bad := func(field, msg string) {
		es = append(es, &Error{Code: CodeBadSchema, Field: field, Msg: msg})
	}
	q := strconv.Quote
	if len(s.Labels) > MaxLabels {
		bad("schema.labels", "the schema declares "+Count(len(s.Labels))+" labels; at most "+Count(MaxLabels)+" are allowed")
		return es // and not a message for each of them
	}
	names := map[string]bool{}
	keys := map[string]string{}
	for i, l := range s.Labels {
		f := "schema.labels[" + strconv.Itoa(i) + "]"
		switch {
		case l.Name == "":
			bad(f+".name", "a label needs a name")
		case names[l.Name]:
			bad(f+".name", "label "+q(l.Name)+" is declared twice")
		case hasControl(l.Name):
			bad(f+".name", "label "+q(l.Name)+" has a control character in its name")
		}
		names[l.Name] = true
		if l.Layer != LayerEntity && l.Layer != LayerClaim {
			bad(f+".layer", "label "+q(l.Name)+" has layer "+q(string(l.Layer))+"; use "+q(string(LayerEntity))+" or "+q(string(LayerClaim)))
		}
		if !isHexColor(l.Color) {
			bad(f+".color", "label "+q(l.Name)+" has colour "+q(l.Color)+"; use #rrggbb")
		}
		if l.Hotkey != "" {
			if len([]rune(l.Hotkey)) != 1 {
				bad(f+".hotkey", "label "+q(l.Name)+" has hotkey "+q(l.Hotkey)+"; a hotkey is one key")
			} else if other, dup := keys[l.Hotkey]; dup {
				bad(f+".hotkey", "label "+q(l.Name)+": key "+q(l.Hotkey)+" is already the hotkey of label "+q(other)+"; choose another key, or none")
			}
			keys[l.Hotkey] = l.Name
		}
		anames := map[string]bool{}
		for j, a := range l.Attributes {
			af := f + ".attributes[" + strconv.Itoa(j) + "]"
			lq := "label " + q(l.Name) + ": "
			if a.Name == "" || anames[a.Name] {
				bad(af+".name", lq+"attribute name "+q(a.Name)+" is empty or repeated")
			} else if hasControl(a.Name) {
				bad(af+".name", lq+"attribute name "+q(a.Name)+" has a control character")
			}
			anames[a.Name] = true
			switch a.Type {
			case AttrEnum:
				if len(a.Values) == 0 {
					bad(af+".values", lq+"enum attribute "+q(a.Name)+" lists no values")
				}
			case AttrBool, AttrText:
				if len(a.Values) > 0 {
					bad(af+".values", lq+"only enum attributes take values ("+q(a.Name)+" is "+string(a.Type)+")")
				}
			default:
				bad(af+".type", lq+"attribute "+q(a.Name)+" has type "+q(string(a.Type))+"; use enum, bool or text")
			}
		}
	}
	rnames := map[string]bool{}
	for i, r := range s.Relations {
		f := "schema.relations[" + strconv.Itoa(i) + "]"
		if r.Name == "" || rnames[r.Name] {
			bad(f+".name", "relation name "+q(r.Name)+" is empty or repeated")
		} else if hasControl(r.Name) {
			bad(f+".name", "relation name "+q(r.Name)+" has a control character")
		}
		rnames[r.Name] = true
		for _, end := range []struct {
			field  string
			labels []string
		}{{"from", r.From}, {"to", r.To}} {
			if len(end.labels) == 0 {
				bad(f+"."+end.field, "relation "+q(r.Name)+" allows no label at its "+q(end.field)+" end")
			}
			for _, n := range end.labels {
				if !names[n] {
					bad(f+"."+end.field, "relation "+q(r.Name)+" names unknown label "+q(n))
				}
			}
		}
	}
	for _, l := range order.Keys(s.Overlap) { // sorted: the same report every time
		if l != LayerEntity && l != LayerClaim {
			bad("schema.overlap", "unknown layer "+q(string(l)))
		}
	}
	dl := map[string]bool{}
	for i, n := range s.DocLabels {
		if n == "" || dl[n] {
			bad("schema.doc_labels["+strconv.Itoa(i)+"]", "document label "+q(n)+" is empty or repeated")
		} else if hasControl(n) {
			bad("schema.doc_labels["+strconv.Itoa(i)+"]", "document label "+q(n)+" has a control character")
		}
		dl[n] = true
	}
	return es
}

// hasControl says whether a name holds a control character (C0, DEL,
// C1: an ESC sequence would drive a terminal that prints the name) or a
// line or paragraph separator.
func hasControl(name string) bool {
	for _, r := range name {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 {
			return true
		}
	}
	return false
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
