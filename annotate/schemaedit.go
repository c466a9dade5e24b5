package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
)

// Schema editing: project-level operations that change the schema and, in
// the same call, every document it governs, so that no document is ever
// left with a span its schema refuses.
//
// Each operation works on a candidate copy of the schema. It checks the
// candidate (Schema.Validate), then every affected span in every document,
// and only when all is well writes the candidate into the project's schema
// (in place: the documents share it) and changes the spans. A refused
// operation changes nothing. With dryRun it stops before writing and
// reports what it would do, so the page can ask first ("remove PERSON and
// its 12 spans?").
//
// Undo. Document histories are per document and hold span values. A schema
// edit is not an undo step of any document (it spans them all); instead:
//   - a rename rewrites every history, so undo and redo keep working and
//     bring back spans under the new name;
//   - an edit that only widens the schema (a new label, a new enum value, a
//     new colour or hotkey, a new relation type) leaves histories alone:
//     every state they can restore is still valid;
//   - any other edit (removing a label, an attribute, an enum value, a
//     relation type, moving a label to another layer) clears the undo and
//     redo history of every document, because a step could restore a span
//     or relation the new schema refuses. SchemaEdit.HistoryCleared says so
//     and the page warns before it confirms.
//
// Clearing is chosen over making schema edits undoable: an undoable schema
// edit would need one history across documents, interleaved with each
// document's own, and any per-document undo that crossed it would have to
// be re-checked against a schema that changed under it.

// SchemaEdit says what a schema operation changed (or, in a dry run, would
// change).
type SchemaEdit struct {
	Spans          int      `json:"spans"`                    // spans renamed, removed, or whose attribute values were dropped
	Relations      int      `json:"relations"`                // relations removed
	Attrs          int      `json:"attrs"`                    // attribute values dropped
	Documents      int      `json:"documents"`                // documents with at least one change
	RelationTypes  []string `json:"relation_types,omitempty"` // relation types removed along with a label
	HistoryCleared bool     `json:"history_cleared"`          // every document's undo/redo history is (would be) cleared
	DryRun         bool     `json:"dry_run"`
}

// UpdateLabelOptions control UpdateLabel.
type UpdateLabelOptions struct {
	// DropInvalid drops attribute values the new definition no longer
	// allows (a removed attribute or enum value, a changed type) instead of
	// refusing the update.
	DropInvalid bool `json:"dropInvalid"`
	DryRun      bool `json:"dryRun"`
}

// schemaErr is a bad_schema error located at a field of the edit.
func schemaErr(field, msg string) *Error {
	return &Error{Code: CodeBadSchema, Field: field, Msg: msg}
}

func (p *Project) mustLabel(name string) (*LabelDef, *Error) {
	if l := p.Schema.Label(name); l != nil {
		return l, nil
	}
	e := newErr(CodeUnknownLabel, "label "+strconv.Quote(name)+" is not in the schema")
	e.Field = "name"
	return nil, e
}

// spanPlan is what a schema edit does to the documents: for each document,
// the spans to replace (a nil value removes the span) and the relations to
// remove.
type spanPlan struct {
	docs  []*Document
	spans []map[string]*Span
	rels  []map[string]bool
	edit  SchemaEdit
}

func newPlan(p *Project) *spanPlan {
	n := len(p.docs)
	return &spanPlan{docs: p.docs, spans: make([]map[string]*Span, n), rels: make([]map[string]bool, n)}
}

func (pl *spanPlan) setSpan(i int, id string, s *Span) {
	if pl.spans[i] == nil {
		pl.spans[i] = map[string]*Span{}
	}
	pl.spans[i][id] = s
}

func (pl *spanPlan) dropRelation(i int, id string) {
	if pl.rels[i] == nil {
		pl.rels[i] = map[string]bool{}
	}
	pl.rels[i][id] = true
}

// count fills in the edit's totals.
func (pl *spanPlan) count() {
	for i := range pl.docs {
		pl.edit.Spans += len(pl.spans[i])
		pl.edit.Relations += len(pl.rels[i])
		if len(pl.spans[i])+len(pl.rels[i]) > 0 {
			pl.edit.Documents++
		}
	}
}

// commit writes the candidate schema and applies the plan outside undo
// history, then keeps the histories consistent: rewrite (a rename) or clear
// (any edit that does not only widen the schema).
func (p *Project) commit(cand *Schema, pl *spanPlan, rewrite func(*Span) *Span) {
	old := p.Schema.Clone()
	*p.Schema = *cand
	clearHist := rewrite == nil && !widens(old, p.Schema)
	for i, d := range p.docs {
		d.schema = p.Schema
		for _, id := range sortedIDs(pl.rels[i]) {
			d.putRelation(id, nil)
		}
		for _, id := range sortedIDs(pl.spans[i]) {
			s := pl.spans[i][id]
			if s == nil {
				for _, r := range d.RelationsOf(id) {
					d.putRelation(r.ID, nil) // already counted in the plan
				}
			}
			d.putSpan(id, s)
		}
		relabel := func(l string) string {
			if rewrite == nil {
				return l
			}
			return rewrite(&Span{Label: l}).Label
		}
		d.fitSuggestions(relabel)
		if rewrite != nil {
			for i := range d.Undecided {
				d.Undecided[i].relabel(relabel)
			}
			d.sortUndecided()
		}
		switch {
		case rewrite != nil:
			for _, st := range slices.Concat(d.undo, d.redo) {
				for j := range st.edits {
					e := &st.edits[j]
					switch e.kind {
					case editSpan:
						e.span[0], e.span[1] = rewrite(e.span[0]), rewrite(e.span[1])
					case editSugg:
						e.id = relabelSugg(e.sugg[:], relabel)
					case editUndecided:
						e.cand[0].relabel(relabel)
						e.cand[1].relabel(relabel)
					}
				}
			}
		case clearHist:
			d.undo, d.redo = nil, nil
		}
	}
	pl.edit.HistoryCleared = clearHist
}

func sortedIDs[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	order.Func(ks, compareIDs)
	return ks
}

// widens reports whether every state valid under old is valid under nw:
// no label, attribute, enum value, relation type, relation end or document
// label is gone, no label changed layer or attribute type, and no layer
// stopped allowing crossing. Then undo histories stay valid.
func widens(old, nw *Schema) bool {
	for _, l := range old.Labels {
		n := nw.Label(l.Name)
		if n == nil || n.Layer != l.Layer {
			return false
		}
		for _, a := range l.Attributes {
			na := n.Attr(a.Name)
			if na == nil || na.Type != a.Type || !allIn(a.Values, na.Values) {
				return false
			}
		}
	}
	for _, r := range old.Relations {
		n := nw.Relation(r.Name)
		if n == nil || !allIn(r.From, n.From) || !allIn(r.To, n.To) {
			return false
		}
	}
	for l, pol := range old.Overlap {
		if pol.Crossing && !nw.Crossing(l) {
			return false
		}
	}
	return allIn(old.DocLabels, nw.DocLabels)
}

func allIn(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// validateCandidate checks a candidate schema; its problems are the edit's errors.
func validateCandidate(cand *Schema) error {
	if es := cand.Validate(); len(es) > 0 {
		return es
	}
	return nil
}

// AddLabel adds a label at the end of the schema. No span changes and no
// history is lost. A label without a colour gets the schema's
// NewLabelColor.
func (p *Project) AddLabel(def LabelDef) (SchemaEdit, error) {
	if p.Schema.Label(def.Name) != nil {
		return SchemaEdit{}, schemaErr("name", "there is already a label "+strconv.Quote(def.Name))
	}
	if def.Color == "" {
		def.Color = p.Schema.NewLabelColor()
	}
	cand := p.Schema.Clone()
	cand.Labels = append(cand.Labels, cloneLabel(def))
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	pl := newPlan(p)
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

func cloneLabel(l LabelDef) LabelDef {
	l.Attributes = slices.Clone(l.Attributes)
	for i := range l.Attributes {
		l.Attributes[i].Values = slices.Clone(l.Attributes[i].Values)
	}
	return l
}

// UpdateLabel replaces a label's definition (colour, hotkey, description,
// layer, attributes); def.Name must be the label's name or empty (use
// RenameLabel to rename). A change of layer is refused when a span of the
// label would then cross a span of its new layer (the error names the first
// and counts them all). Attribute values the new definition refuses are
// refused too, with a count, unless o.DropInvalid, which drops them.
func (p *Project) UpdateLabel(name string, def LabelDef, o UpdateLabelOptions) (SchemaEdit, error) {
	old, e := p.mustLabel(name)
	if e != nil {
		return SchemaEdit{}, e
	}
	if def.Name == "" {
		def.Name = name
	}
	if def.Name != name {
		return SchemaEdit{}, schemaErr("name", "updating label "+strconv.Quote(name)+" cannot rename it to "+strconv.Quote(def.Name)+"; rename it instead")
	}
	cand := p.Schema.Clone()
	*cand.Label(name) = cloneLabel(def)
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	nl := cand.Label(name)
	pl := newPlan(p)
	var crossing, badAttr conflicts
	for i, d := range p.docs {
		for _, s := range d.Spans() {
			if s.Label != name {
				continue
			}
			if nl.Layer != old.Layer {
				d.schema = cand // the overlap check reads layers from the document's schema
				ce := d.checkOverlapScan(s, nl.Layer)
				d.schema = p.Schema
				if ce != nil {
					ce.Doc = d.ID
					crossing.add(ce)
				}
			}
			var drop []string
			for _, k := range sortedIDs(s.Attrs) {
				a := nl.Attr(k)
				if a == nil {
					drop = append(drop, k)
					badAttr.add(&Error{Code: CodeBadAttribute, Doc: d.ID, Span: s.ID, Field: "attrs." + k,
						Msg: "has a value for attribute " + strconv.Quote(k) + ", which label " + name + " would no longer have"})
				} else if ae := a.CheckValue(s.Attrs[k]); ae != nil {
					drop = append(drop, k)
					ae := ae.(*Error)
					ae.Doc, ae.Span, ae.Field = d.ID, s.ID, "attrs."+k
					badAttr.add(ae)
				}
			}
			if len(drop) > 0 {
				c := *s
				c.Attrs = withoutKeys(s.Attrs, drop)
				pl.setSpan(i, s.ID, &c)
				pl.edit.Attrs += len(drop)
			}
		}
	}
	if crossing.n > 0 {
		return SchemaEdit{}, crossing.err("moving label "+name+" to layer "+string(nl.Layer), "span crosses", "spans cross", "a span of that layer", "")
	}
	if badAttr.n > 0 && !o.DropInvalid {
		return SchemaEdit{}, badAttr.err("the new attributes of label "+name, "attribute value is", "attribute values are", "no longer allowed",
			"; drop those values (dropInvalid) or keep the old attribute definitions")
	}
	pl.count()
	pl.edit.DryRun = o.DryRun
	if o.DryRun {
		pl.edit.HistoryCleared = !widens(p.Schema, cand)
		return pl.edit, nil
	}
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

// withoutKeys returns attrs without the keys in drop (nil when nothing is left).
func withoutKeys(attrs map[string]any, drop []string) map[string]any {
	out := map[string]any{}
	for k, v := range attrs {
		if !slices.Contains(drop, k) {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// conflicts counts the problems an edit would cause and keeps the first,
// in project and document order, to say where.
type conflicts struct {
	n     int
	docs  map[string]bool
	first *Error
}

func (c *conflicts) add(e *Error) {
	c.n++
	if c.docs == nil {
		c.docs = map[string]bool{}
	}
	c.docs[e.Doc] = true
	if c.first == nil {
		c.first = e
	}
}

// err is one error located at the first conflict and counting them all:
// "<what>: 3 spans cross a span of that layer in 2 documents; the first:
// …". The first conflict's own message says which span it is.
func (c *conflicts) err(what, one, many, tail, advice string) *Error {
	e := *c.first
	verb := one
	if c.n > 1 {
		verb = many
	}
	e.Msg = what + ": " + Count(c.n) + " " + verb + " " + tail + " in " + Count(len(c.docs)) + docWord[min(len(c.docs), 2)] + " (the first: " + c.first.Msg + ")" + advice
	return &e
}

var docWord = [3]string{" documents", " document", " documents"}

// RenameLabel renames a label: in the schema, in the relation types that
// name it, and on every span, suggestion and undecided span (and the
// undecided spans' relations) in every document. Undo and redo histories are
// rewritten to the new name, so nothing is lost. The CLAIM label cannot be
// renamed: the claims view is built on it.
func (p *Project) RenameLabel(old, name string, dryRun bool) (SchemaEdit, error) {
	if _, e := p.mustLabel(old); e != nil {
		return SchemaEdit{}, e
	}
	if old == LabelClaim {
		return SchemaEdit{}, schemaErr("name", "label "+LabelClaim+" cannot be renamed: the claims view relies on it")
	}
	if name == old {
		return SchemaEdit{DryRun: dryRun}, nil
	}
	if p.Schema.Label(name) != nil {
		return SchemaEdit{}, schemaErr("name", "there is already a label "+strconv.Quote(name))
	}
	cand := p.Schema.Clone()
	cand.Label(old).Name = name
	cand.forgetIndex()
	for i := range cand.Relations {
		r := &cand.Relations[i]
		for _, end := range [][]string{r.From, r.To} {
			if j := slices.Index(end, old); j >= 0 {
				end[j] = name
			}
		}
	}
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	// One new value per old span value, shared by the live spans and the
	// histories, so a span and its history entries stay the same object.
	memo := map[*Span]*Span{}
	rewrite := func(s *Span) *Span {
		if s == nil || s.Label != old {
			return s
		}
		if c, ok := memo[s]; ok {
			return c
		}
		c := *s // spans are values: fragments and attributes can be shared
		c.Label = name
		memo[s] = &c
		return &c
	}
	pl := newPlan(p)
	for i, d := range p.docs {
		if d.counts[old] == 0 {
			continue
		}
		for id, s := range d.spans {
			if s.Label == old {
				pl.setSpan(i, id, nil) // placeholder: the value is made at commit
			}
		}
	}
	pl.count()
	pl.edit.DryRun = dryRun
	if dryRun {
		return pl.edit, nil
	}
	for i, d := range p.docs {
		for id := range pl.spans[i] {
			pl.spans[i][id] = rewrite(d.spans[id])
		}
	}
	p.commit(cand, pl, rewrite)
	return pl.edit, nil
}

// RemoveLabel removes a label, every span that carries it and every
// relation touching those spans, in every document. A relation type left
// with no label at one end is removed too (its relations all touched the
// label's spans). Use dryRun to learn the counts first.
func (p *Project) RemoveLabel(name string, dryRun bool) (SchemaEdit, error) {
	if _, e := p.mustLabel(name); e != nil {
		return SchemaEdit{}, e
	}
	cand := p.Schema.Clone()
	cand.Labels = slices.DeleteFunc(cand.Labels, func(l LabelDef) bool { return l.Name == name })
	var types []string
	cand.Relations = slices.DeleteFunc(cand.Relations, func(r RelationDef) bool {
		r.From = slices.DeleteFunc(slices.Clone(r.From), func(n string) bool { return n == name })
		r.To = slices.DeleteFunc(slices.Clone(r.To), func(n string) bool { return n == name })
		if len(r.From) == 0 || len(r.To) == 0 {
			types = append(types, r.Name)
			return true
		}
		return false
	})
	for i := range cand.Relations {
		r := &cand.Relations[i]
		r.From = slices.DeleteFunc(r.From, func(n string) bool { return n == name })
		r.To = slices.DeleteFunc(r.To, func(n string) bool { return n == name })
	}
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	pl := newPlan(p)
	pl.edit.RelationTypes = types
	for i, d := range p.docs {
		if d.counts[name] == 0 {
			continue
		}
		for id, s := range d.spans {
			if s.Label != name {
				continue
			}
			pl.setSpan(i, id, nil)
			for _, rid := range d.relsOf[id] {
				pl.dropRelation(i, rid)
			}
		}
	}
	pl.count()
	pl.edit.DryRun = dryRun
	if dryRun {
		pl.edit.HistoryCleared = true // a label is gone: never a widening
		return pl.edit, nil
	}
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

// AddRelationType adds a relation type. No history is lost.
func (p *Project) AddRelationType(def RelationDef) (SchemaEdit, error) {
	if p.Schema.Relation(def.Name) != nil {
		return SchemaEdit{}, schemaErr("name", "there is already a relation type "+strconv.Quote(def.Name))
	}
	cand := p.Schema.Clone()
	def.From, def.To = slices.Clone(def.From), slices.Clone(def.To)
	cand.Relations = append(cand.Relations, def)
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	pl := newPlan(p)
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

// RemoveRelationType removes a relation type and every relation of that
// type in every document.
func (p *Project) RemoveRelationType(name string, dryRun bool) (SchemaEdit, error) {
	if e := p.mustRelationType(name); e != nil {
		return SchemaEdit{}, e
	}
	cand := p.Schema.Clone()
	cand.Relations = slices.DeleteFunc(cand.Relations, func(r RelationDef) bool { return r.Name == name })
	pl := newPlan(p)
	for i, d := range p.docs {
		for id, r := range d.rels {
			if r.Type == name {
				pl.dropRelation(i, id)
			}
		}
	}
	pl.count()
	pl.edit.DryRun = dryRun
	if dryRun {
		pl.edit.HistoryCleared = true
		return pl.edit, nil
	}
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

func (p *Project) mustRelationType(name string) *Error {
	if p.Schema.Relation(name) != nil {
		return nil
	}
	e := newErr(CodeUnknownRelation, "relation type "+strconv.Quote(name)+" is not in the schema")
	e.Field = "name"
	return e
}

// RenameRelationType renames a relation type: in the schema and on every
// relation of that type in every document. Undo and redo histories are
// rewritten to the new name, as a label rename does, so nothing is lost;
// so are the undecided spans' relations. The claimant and cue types cannot be renamed: the claims view and the
// page's link keys (C, U) are built on them.
func (p *Project) RenameRelationType(old, name string, dryRun bool) (SchemaEdit, error) {
	if e := p.mustRelationType(old); e != nil {
		return SchemaEdit{}, e
	}
	if old == RelationClaimant || old == RelationCue {
		return SchemaEdit{}, schemaErr("name", "relation type "+old+" cannot be renamed: the claims view relies on it")
	}
	if name == old {
		return SchemaEdit{DryRun: dryRun}, nil
	}
	if p.Schema.Relation(name) != nil {
		return SchemaEdit{}, schemaErr("name", "there is already a relation type "+strconv.Quote(name))
	}
	cand := p.Schema.Clone()
	cand.Relation(old).Name = name
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	ed := SchemaEdit{DryRun: dryRun}
	for _, d := range p.docs {
		n := 0
		for _, r := range d.rels {
			if r.Type == old {
				n++
			}
		}
		ed.Relations += n
		if n > 0 {
			ed.Documents++
		}
	}
	if dryRun {
		return ed, nil
	}
	// one new value per old one, shared by the live relations and the
	// histories (see RenameLabel)
	memo := map[*Relation]*Relation{}
	rewrite := func(r *Relation) *Relation {
		if r == nil || r.Type != old {
			return r
		}
		if c, ok := memo[r]; ok {
			return c
		}
		c := *r
		c.Type = name
		memo[r] = &c
		return &c
	}
	*p.Schema = *cand
	for _, d := range p.docs {
		d.schema = p.Schema
		for _, id := range sortedIDs(d.rels) {
			if r := d.rels[id]; r.Type == old {
				d.putRelation(id, rewrite(r))
			}
		}
		for i := range d.Undecided {
			d.Undecided[i].retype(old, name)
		}
		for _, st := range slices.Concat(d.undo, d.redo) {
			for j := range st.edits {
				if e := &st.edits[j]; e.kind == editRelation {
					e.rel[0], e.rel[1] = rewrite(e.rel[0]), rewrite(e.rel[1])
				} else if e.kind == editUndecided {
					e.cand[0].retype(old, name)
					e.cand[1].retype(old, name)
				}
			}
		}
	}
	return ed, nil
}

// UpdateRelationType changes the labels allowed at the ends of a relation
// type; def.Name must be the type's name or empty (use RenameRelationType
// to rename). Relations whose ends no longer fit are removed, in every
// document, and counted; removing any end clears the undo histories (see
// above), adding one does not. Use dryRun to learn the counts first.
func (p *Project) UpdateRelationType(name string, def RelationDef, dryRun bool) (SchemaEdit, error) {
	if e := p.mustRelationType(name); e != nil {
		return SchemaEdit{}, e
	}
	if def.Name == "" {
		def.Name = name
	}
	if def.Name != name {
		return SchemaEdit{}, schemaErr("name", "updating relation type "+strconv.Quote(name)+" cannot rename it to "+strconv.Quote(def.Name)+"; rename it instead")
	}
	cand := p.Schema.Clone()
	nr := cand.Relation(name)
	nr.From, nr.To = slices.Clone(def.From), slices.Clone(def.To)
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	pl := newPlan(p)
	for i, d := range p.docs {
		for id, r := range d.rels {
			if r.Type != name {
				continue
			}
			from, to := d.spans[r.From], d.spans[r.To]
			if from == nil || to == nil || !slices.Contains(nr.From, from.Label) || !slices.Contains(nr.To, to.Label) {
				pl.dropRelation(i, id)
			}
		}
	}
	pl.count()
	pl.edit.DryRun = dryRun
	if dryRun {
		pl.edit.HistoryCleared = !widens(p.Schema, cand)
		return pl.edit, nil
	}
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

// SetCrossing sets whether spans of a layer may cross. Forbidding it is
// refused while spans of the layer cross (the error counts them and names
// the first).
func (p *Project) SetCrossing(layer Layer, crossing bool, dryRun bool) (SchemaEdit, error) {
	cand := p.Schema.Clone()
	cand.Overlap[layer] = LayerPolicy{Crossing: crossing}
	if err := validateCandidate(cand); err != nil {
		return SchemaEdit{}, err
	}
	if p.Schema.Crossing(layer) && !crossing {
		var cs conflicts
		for _, d := range p.docs {
			d.schema = cand
			for _, s := range d.Spans() {
				if l := cand.Label(s.Label); l != nil && l.Layer == layer {
					if ce := d.checkOverlapScan(s, layer); ce != nil {
						ce.Doc = d.ID
						cs.add(ce)
					}
				}
			}
			d.schema = p.Schema
		}
		if cs.n > 0 {
			return SchemaEdit{}, cs.err("forbidding crossing in layer "+string(layer), "span crosses", "spans cross", "another span", "")
		}
	}
	pl := newPlan(p)
	pl.edit.DryRun = dryRun
	if dryRun {
		pl.edit.HistoryCleared = !widens(p.Schema, cand)
		return pl.edit, nil
	}
	p.commit(cand, pl, nil)
	return pl.edit, nil
}

// StartOnEdit applies the status rule "a todo or done document that is
// edited is in progress". Called with the Change of an operation that just
// succeeded, it sets the status to in_progress inside that operation's
// undo step (so undoing the first edit makes the document todo again, or
// done again, and redo in progress), and marks c as having changed the
// document. Reopening a done document this way, rather than refusing the
// edit or asking first, keeps a correction one keystroke away while the
// progress never counts a changed document as done; the page says it
// happened. It does nothing for undo and redo, for an empty change, and
// for an operation that set the status itself (setting todo or done
// explicitly stays so).
func (d *Document) StartOnEdit(c *Change) {
	if d.Status == StatusInProgress || c.Empty() || len(d.undo) == 0 {
		return
	}
	st := d.undo[len(d.undo)-1]
	if st.op != c.Op { // undo and redo report "undo …" / "redo …"
		return
	}
	for _, e := range st.edits {
		if e.kind == editDoc && e.status[0] != e.status[1] {
			return
		}
	}
	e := edit{kind: editDoc, status: [2]Status{d.Status, StatusInProgress}, labels: [2][]string{d.Labels, d.Labels}}
	st.edits = append(st.edits, e)
	d.apply(&e, 1)
	c.Doc = true
}
