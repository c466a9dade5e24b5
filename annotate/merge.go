package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
	"strings"
)

// Appending one project to another (the page's "Add to project" after an
// import). The rules, decided once here:
//
//   - Documents are added at the end, in other's order. A document whose id
//     the project already uses gets a fresh one ("<id>-2", "<id>-3", …) and
//     the rename is reported; span and relation ids are per document, so
//     they never clash.
//   - The schemas are merged, never narrowed: the project's definitions win
//     for what both have (colour, hotkey, description), and what only other
//     has is added: labels, attributes, enum values, relation types and the
//     labels allowed at their ends, document labels, and crossing in a
//     layer where other allows it. Every addition is reported. Since every
//     change only widens what is allowed, no existing span breaks.
//   - What cannot be merged refuses the whole append, with every conflict
//     listed: a label in a different layer, an attribute of a different
//     type. The project is then unchanged (replacing it still works).
//   - A label other adds keeps its hotkey unless a label of the project
//     already uses that key (then it gets none, reported).
//   - Undo history of the project's documents is kept: their schema is
//     updated in place.

// appendPlan is what Append would do, computed without changing p.
type appendPlan struct {
	schema *Schema
	ids    map[string]string // other's document id → id in p
	report []string
}

// PlanAppend reports what Append(other) would add or rename, or returns the
// conflicts that make it impossible; it changes nothing.
func (p *Project) PlanAppend(other *Project) ([]string, error) {
	pl, err := p.planAppend(other)
	if err != nil {
		return nil, err
	}
	return pl.report, nil
}

// Append adds other's documents to p, merging other's schema into p's (see
// the rules above), and reports what was added or renamed. It is all or
// nothing: on error p is unchanged. other is not changed either.
func (p *Project) Append(other *Project) ([]string, error) {
	pl, err := p.planAppend(other)
	if err != nil {
		return nil, err
	}
	// Build the new documents against the merged schema before touching p,
	// so a failure (which the widening rules make impossible, but the rules
	// are checked again rather than trusted) leaves p as it was.
	docs := make([]*Document, 0, len(other.docs))
	var es Errors
	for _, od := range other.docs {
		d := NewDocument(pl.ids[od.ID], od.Title, od.Text(), pl.schema)
		d.Meta, d.Status, d.Labels, d.Annotator, d.Undecided = od.Meta, od.Status, slices.Clone(od.Labels), od.Annotator, slices.Clone(od.Undecided)
		es = append(es, d.Populate(od.Spans(), od.Relations())...)
		d.CopySuggestions(od)
		docs = append(docs, d)
	}
	if len(es) > 0 {
		return nil, es
	}
	*p.Schema = *pl.schema // in place: p's documents share this pointer
	for _, d := range docs {
		d.schema, d.who = p.Schema, &p.who
		p.docs = append(p.docs, d)
		p.byID[d.ID] = d
	}
	return pl.report, nil
}

func (p *Project) planAppend(other *Project) (*appendPlan, error) {
	if n := len(p.docs) + len(other.docs); n > MaxDocuments {
		return nil, Errors{TooManyDocuments(n)}
	}
	s := p.Schema.Clone()
	o := other.Schema
	var es Errors
	var rep []string
	conflict := func(field, msg string) {
		es = append(es, &Error{Code: CodeBadSchema, Field: field, Msg: msg})
	}

	hotkeys := map[string]string{}
	for _, l := range s.Labels {
		if l.Hotkey != "" {
			hotkeys[l.Hotkey] = l.Name
		}
	}
	var added, attrs, values, noKey, recolored []string
	for i, ol := range o.Labels {
		l := s.Label(ol.Name)
		if l == nil {
			nl := ol
			nl.Attributes = nil
			for _, a := range ol.Attributes {
				a.Values = slices.Clone(a.Values)
				nl.Attributes = append(nl.Attributes, a)
			}
			if by, taken := hotkeys[nl.Hotkey]; nl.Hotkey != "" && taken {
				noKey = append(noKey, nl.Name+" (key "+nl.Hotkey+" is "+by+"'s)")
				nl.Hotkey = ""
			} else if nl.Hotkey != "" {
				hotkeys[nl.Hotkey] = nl.Name
			}
			if by := s.colorOwner(nl.Color); by != "" { // two labels of one colour cannot be told apart
				c := s.NewLabelColor()
				recolored = append(recolored, nl.Name+" ("+nl.Color+" is "+by+"'s; now "+c+")")
				nl.Color = c
			}
			s.Labels = append(s.Labels, nl)
			added = append(added, nl.Name)
			continue
		}
		if l.Layer != ol.Layer {
			conflict("schema.labels["+strconv.Itoa(i)+"].layer",
				"label "+strconv.Quote(ol.Name)+" is in the "+string(l.Layer)+" layer in the current project but in the "+string(ol.Layer)+
					" layer in the imported one; they cannot be merged (replace the project instead, or rename the label)")
			continue
		}
		for j, oa := range ol.Attributes {
			a := l.Attr(oa.Name)
			switch {
			case a == nil:
				oa.Values = slices.Clone(oa.Values)
				l.Attributes = append(l.Attributes, oa)
				attrs = append(attrs, l.Name+"."+oa.Name)
			case a.Type != oa.Type:
				conflict("schema.labels["+strconv.Itoa(i)+"].attributes["+strconv.Itoa(j)+"].type",
					"attribute "+l.Name+"."+oa.Name+" is "+string(a.Type)+" in the current project but "+string(oa.Type)+" in the imported one; they cannot be merged")
			default:
				var more []string
				for _, v := range oa.Values {
					if !slices.Contains(a.Values, v) {
						a.Values = append(a.Values, v)
						more = append(more, v)
					}
				}
				if len(more) > 0 {
					values = append(values, l.Name+"."+oa.Name+": "+strings.Join(more, ", "))
				}
			}
		}
	}
	if len(added) > 0 {
		rep = append(rep, "labels added to the schema: "+strings.Join(added, ", "))
	}
	if len(recolored) > 0 {
		rep = append(rep, "labels added with another colour, theirs already in use: "+strings.Join(recolored, ", "))
	}
	if len(noKey) > 0 {
		rep = append(rep, "labels added without their hotkey, already in use: "+strings.Join(noKey, ", "))
	}
	if len(attrs) > 0 {
		rep = append(rep, "attributes added to the schema: "+strings.Join(attrs, ", "))
	}
	if len(values) > 0 {
		rep = append(rep, "attribute values added to the schema: "+strings.Join(values, "; "))
	}

	var rels, widened []string
	for _, or := range o.Relations {
		r := s.Relation(or.Name)
		if r == nil {
			or.From, or.To = slices.Clone(or.From), slices.Clone(or.To)
			s.Relations = append(s.Relations, or)
			rels = append(rels, or.Name)
			continue
		}
		var more []string
		for _, n := range or.From {
			if !slices.Contains(r.From, n) {
				r.From = append(r.From, n)
				more = append(more, "from "+n)
			}
		}
		for _, n := range or.To {
			if !slices.Contains(r.To, n) {
				r.To = append(r.To, n)
				more = append(more, "to "+n)
			}
		}
		if len(more) > 0 {
			widened = append(widened, r.Name+" ("+strings.Join(more, ", ")+")")
		}
	}
	if len(rels) > 0 {
		rep = append(rep, "relation types added to the schema: "+strings.Join(rels, ", "))
	}
	if len(widened) > 0 {
		rep = append(rep, "relation types now also allowed: "+strings.Join(widened, "; "))
	}

	for _, layer := range order.Keys(o.Overlap) {
		if o.Overlap[layer].Crossing && !s.Overlap[layer].Crossing {
			if s.Overlap == nil {
				s.Overlap = map[Layer]LayerPolicy{}
			}
			s.Overlap[layer] = LayerPolicy{Crossing: true}
			rep = append(rep, "crossing spans are now allowed in the "+string(layer)+" layer (the imported project has them)")
		}
	}

	var docLabels []string
	for _, n := range o.DocLabels {
		if !slices.Contains(s.DocLabels, n) {
			s.DocLabels = append(s.DocLabels, n)
			docLabels = append(docLabels, n)
		}
	}
	if len(docLabels) > 0 {
		rep = append(rep, "document labels added to the schema: "+strings.Join(docLabels, ", "))
	}

	if len(es) == 0 {
		for _, e := range s.Validate() {
			e.Msg = "the merged schema is invalid: " + e.Msg
			es = append(es, e)
		}
	}
	if len(es) > 0 {
		return nil, es
	}

	// Document ids: keep each unless p has it; a fresh id avoids p's ids,
	// other's ids and the fresh ids given before it.
	ids := make(map[string]string, len(other.docs))
	used := map[string]bool{}
	for _, d := range other.docs {
		used[d.ID] = true
	}
	var renamed []string
	for _, d := range other.docs {
		id := d.ID
		if p.byID[id] != nil {
			base := d.ID
			if r := []rune(base); len(r) > 190 {
				base = string(r[:190]) // ids are at most 200 characters
			}
			for n := 2; ; n++ {
				c := base + "-" + strconv.Itoa(n)
				if p.byID[c] == nil && !used[c] {
					id = c
					used[c] = true
					break
				}
			}
			renamed = append(renamed, d.ID+" → "+id)
		}
		ids[d.ID] = id
	}
	if len(renamed) > 0 {
		const show = 10 // a long list of renames would bury the rest
		list := strings.Join(renamed[:min(len(renamed), show)], ", ")
		if len(renamed) > show {
			list += ", and " + Count(len(renamed)-show) + " more"
		}
		what := "documents"
		if len(renamed) == 1 {
			what = "document"
		}
		rep = append(rep, Count(len(renamed))+" "+what+" renamed, the project already has their ids: "+list)
	}
	return &appendPlan{schema: s, ids: ids, report: rep}, nil
}
