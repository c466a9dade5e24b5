package formats

import (
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spanmark/spanmark/annotate"
)

// Label mapping on import: a file's "Person" spans can become the schema's
// PERSON instead of a near-duplicate label. The mapping is the user's
// choice (ImportOptions.LabelMap: the CLI's --map, the import dialog's
// per-label menu); ProposeLabel is the one rule that suggests it, and
// FileLabels lists what the dialog offers.

// FileLabel is a span label an import found that the schema lacks (or that
// LabelMap maps), for a dialog that lets the user map it.
type FileLabel struct {
	Name string
	// Layer is the layer the file gives the label (brat's annotation.conf
	// written by spanmark); "" when the file does not say, as in most.
	Layer annotate.Layer
	Spans int // how many spans of the file have it
	// Proposal is the schema label ProposeLabel suggests, or "".
	Proposal string
	// MappedTo is the schema label LabelMap gave it in this import, or ""
	// (the label was added to the schema as new).
	MappedTo string
	// Targets are the schema labels it may be mapped to: those of its
	// layer, every span label when its layer is not known.
	Targets []string
}

// labelSynonyms are names different tools give the same entity type (spaCy
// and OntoNotes, CoNLL-2003, WikiNER, brat's examples), each group compared
// after normalising as labelKey does. A proposal maps to a schema label in
// the same group.
var labelSynonyms = [][]string{
	{"person", "per", "pers", "people"},
	{"org", "organization", "organisation", "organizations", "organisations"},
	{"loc", "location", "locations", "place"},
	{"gpe", "geopoliticalentity", "geopolitical"},
	{"misc", "miscellaneous", "mis"},
	{"fac", "facility", "facilities"},
	{"date", "dates"},
	{"time", "times"},
	{"event", "events", "evt"},
	{"product", "products", "prod"},
	{"norp", "nationality", "nationalities"},
	{"workofart", "work", "artwork"},
	{"language", "lang"},
	{"percent", "pct", "percentage"},
	{"quantity", "qty"},
	{"money", "monetary"},
	{"cardinal", "number", "num"},
	{"claim", "claims"},
	{"source", "sources", "src"},
	{"cue", "cues"},
}

// labelKey normalises a label name for comparison: lower case, letters and
// digits only ("Work_of-Art" and "WORK OF ART" are both "workofart").
func labelKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func synonymGroup(key string) int {
	for i, g := range labelSynonyms {
		if slices.Contains(g, key) {
			return i
		}
	}
	return -1
}

// ProposeLabel suggests the schema label a file's label name means: the
// first schema label (in schema order) whose name differs only in case,
// spaces, punctuation and a plural s, else the first in the same synonym group
// (Person → PERSON, ORGANIZATION → ORG, LOCATION → LOC). Only labels of
// layer are considered ("" means any). "" when none fits or when the name
// is already a schema label.
func ProposeLabel(s *annotate.Schema, name string, layer annotate.Layer) string {
	if s.Label(name) != nil {
		return ""
	}
	key := labelKey(name)
	if key == "" {
		return ""
	}
	fits := func(l *annotate.LabelDef) bool { return layer == "" || l.Layer == layer }
	single := key // a plural: "Persons", "ORGs"
	if len(key) > 3 && key[len(key)-1] == 's' {
		single = key[:len(key)-1]
	}
	for i := range s.Labels {
		if l := &s.Labels[i]; fits(l) && (labelKey(l.Name) == key || labelKey(l.Name) == single) {
			return l.Name
		}
	}
	g := synonymGroup(key)
	if g < 0 {
		g = synonymGroup(single)
	}
	if g < 0 {
		return ""
	}
	for i := range s.Labels {
		if l := &s.Labels[i]; fits(l) && synonymGroup(labelKey(l.Name)) == g {
			return l.Name
		}
	}
	return ""
}

// ParseLabelMap reads the CLI's --map: "FROM=TO,FROM=TO" (spaces around
// names trimmed), where "FROM=" keeps FROM a label of its own and the
// entry "auto" asks for the proposals too (ImportOptions.AutoMap). A name
// mapped twice, or an entry without "=", is an error.
func ParseLabelMap(s string) (m map[string]string, auto bool, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, false, nil
	}
	for i, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "auto" {
			auto = true
			continue
		}
		from, to, ok := strings.Cut(pair, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" {
			return nil, false, &annotate.Error{Code: annotate.CodeBadArgument, Field: "map",
				Msg: fmt.Sprintf("entry %d (%s) is not FROM=TO: give the file's label, =, and the schema label, e.g. Person=PERSON", i+1, strconv.Quote(pair))}
		}
		if _, dup := m[from]; dup {
			return nil, false, &annotate.Error{Code: annotate.CodeBadArgument, Field: "map",
				Msg: fmt.Sprintf("label %s is mapped twice", strconv.Quote(from))}
		}
		if m == nil {
			m = map[string]string{}
		}
		m[from] = to
	}
	return m, auto, nil
}

// checkLabelMap refuses a mapping whose target is not a span label of
// schema, or (where the file says the label's layer) a label of another
// layer. Every problem is returned.
func (im *importer) checkLabelMap(schema *annotate.Schema) annotate.Errors {
	var es annotate.Errors
	for _, from := range order.Keys(im.opt.LabelMap) {
		to := im.opt.LabelMap[from]
		if to == "" {
			continue // "add as a new label": no mapping
		}
		l := schema.Label(to)
		field := "map." + from
		switch {
		case l == nil && schema.Relation(to) != nil:
			es = append(es, &annotate.Error{Code: annotate.CodeUnknownLabel, Field: field,
				Msg: fmt.Sprintf("cannot map label %s to %s: %s is a relation type, not a span label; map it to one of %s", strconv.Quote(from), strconv.Quote(to), strconv.Quote(to), labelNames(schema, ""))})
		case l == nil && slices.Contains(schema.DocLabels, to):
			es = append(es, &annotate.Error{Code: annotate.CodeUnknownLabel, Field: field,
				Msg: fmt.Sprintf("cannot map label %s to %s: %s is a document label, not a span label; map it to one of %s", strconv.Quote(from), strconv.Quote(to), strconv.Quote(to), labelNames(schema, ""))})
		case l == nil:
			hint := ""
			if p := ProposeLabel(schema, to, ""); p != "" {
				hint = fmt.Sprintf(" (did you mean %s?)", p)
			}
			es = append(es, &annotate.Error{Code: annotate.CodeUnknownLabel, Field: field,
				Msg: fmt.Sprintf("cannot map label %s to %s: the schema has no label %s%s; map it to one of %s", strconv.Quote(from), strconv.Quote(to), strconv.Quote(to), hint, labelNames(schema, ""))})
		default:
			if h, ok := im.labelHint[from]; ok && h.Layer != "" && h.Layer != l.Layer {
				es = append(es, &annotate.Error{Code: annotate.CodeUnknownLabel, Field: field,
					Msg: fmt.Sprintf("cannot map label %s (%s layer) to %s (%s layer): a label keeps its layer; map it to one of %s", strconv.Quote(from), h.Layer, strconv.Quote(to), l.Layer, labelNames(schema, h.Layer))})
			}
		}
	}
	return es
}

// applyLabelMap relabels the spans LabelMap names, after recording every
// label the schema lacks for FileLabels, and reports what was mapped.
func (im *importer) applyLabelMap(schema *annotate.Schema) {
	lm := im.opt.LabelMap
	counts := map[string]int{}
	var labelOrder []string
	for _, d := range im.docs {
		for _, sp := range d.Spans {
			if sp.Label == "" {
				continue
			}
			_, mapped := lm[sp.Label]
			if !mapped && schema.Label(sp.Label) != nil {
				continue
			}
			if counts[sp.Label] == 0 {
				labelOrder = append(labelOrder, sp.Label)
			}
			counts[sp.Label]++
		}
	}
	if im.opt.AutoMap {
		// the proposals, where the map does not say otherwise
		auto := make(map[string]string, len(lm))
		for k, v := range lm {
			auto[k] = v
		}
		for _, name := range labelOrder {
			if _, given := lm[name]; !given {
				var layer annotate.Layer
				if h, ok := im.labelHint[name]; ok {
					layer = h.Layer
				}
				if p := ProposeLabel(schema, name, layer); p != "" {
					auto[name] = p
				}
			}
		}
		lm = auto
	}
	if im.opt.FileLabels != nil {
		out := make([]FileLabel, 0, len(labelOrder))
		for _, name := range labelOrder {
			fl := FileLabel{Name: name, Spans: counts[name], MappedTo: lm[name]}
			if h, ok := im.labelHint[name]; ok {
				fl.Layer = h.Layer
			}
			fl.Proposal = ProposeLabel(schema, name, fl.Layer)
			for i := range schema.Labels {
				if l := &schema.Labels[i]; fl.Layer == "" || l.Layer == fl.Layer {
					fl.Targets = append(fl.Targets, l.Name)
				}
			}
			out = append(out, fl)
		}
		*im.opt.FileLabels = out
	}
	var alike []string
	var first [2]string // the first such pair, for the example
	for _, name := range labelOrder {
		if _, mapped := lm[name]; !mapped {
			var layer annotate.Layer
			if h, ok := im.labelHint[name]; ok {
				layer = h.Layer
			}
			if p := ProposeLabel(schema, name, layer); p != "" {
				if alike == nil {
					first = [2]string{name, p}
				}
				alike = append(alike, name+" (like "+p+")")
			}
		}
	}
	if len(alike) > 0 {
		im.note("new labels that look like labels of the schema: %s; map them (e.g. --map %s=%s, or in the import dialog) to use the schema's instead",
			strings.Join(alike, ", "), first[0], first[1])
	}
	if len(lm) == 0 {
		return
	}
	for _, d := range im.docs {
		for _, sp := range d.Spans {
			if to, ok := lm[sp.Label]; ok && to != "" {
				sp.Label = to
			}
		}
	}
	var done, unused []string
	for _, from := range order.Keys(lm) {
		if lm[from] == "" {
			continue // kept as a label of its own
		}
		if n := counts[from]; n > 0 {
			done = append(done, fmt.Sprintf("%s → %s (%s)", from, lm[from], count(n, "span")))
		} else {
			unused = append(unused, from)
		}
	}
	if len(done) > 0 {
		im.note("labels mapped to the schema's: %s", strings.Join(done, ", "))
	}
	if len(unused) > 0 {
		im.note("labels to map that no span of the file has, nothing mapped: %s", strings.Join(unused, ", "))
	}
}

// labelNames lists the schema's span labels (of layer, or all for ""), for
// messages.
func labelNames(s *annotate.Schema, layer annotate.Layer) string {
	var names []string
	for _, l := range s.Labels {
		if layer == "" || l.Layer == layer {
			names = append(names, l.Name)
		}
	}
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}
