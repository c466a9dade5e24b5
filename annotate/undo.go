package annotate

import (
	"slices"

	"github.com/spanmark/spanmark/internal/order"
)

// An undo step is the list of state edits one operation made, each holding
// the value before and after. Undo applies the befores in reverse, redo the
// afters in order: exact by construction, with no per-operation inverse
// logic to get wrong.
type step struct {
	op    string
	edits []edit
	// id counters before and after, so redo hands out the same ids again
	nextSpan, nextRel [2]int
}

type editKind uint8

const (
	editSpan editKind = iota
	editRelation
	editDoc
	editSugg      // a suggestion opened, closed or rejected (suggest.go)
	editInfo      // the document's title and metadata (docedit.go)
	editUndecided // one undecided span taken out of the list or put back (adjudicate.go)
)

type edit struct {
	kind   editKind
	id     string
	span   [2]*Span     // before, after
	rel    [2]*Relation // before, after
	status [2]Status
	labels [2][]string
	sugg   [2]*Suggestion // editSugg: before, after (nil: none)
	rej    [2]bool        // editSugg: the suggestion is rejected, not open
	title  [2]string
	meta   [2]Meta
	cand   [2]*Candidate
}

// Change is what an operation, undo or redo changed, so a view repaints only
// that. Spans and relations appear by their final state; an updated
// relation shows as removed and added.
type Change struct {
	Op               string      `json:"op"`
	Added            []*Span     `json:"-"`
	Updated          []*Span     `json:"-"`
	Removed          []string    `json:"removed"`
	RelationsAdded   []*Relation `json:"-"`
	RelationsRemoved []string    `json:"relations_removed"`
	Doc              bool        `json:"doc"` // status, document labels, title or metadata changed
	// Suggestions reports that open or rejected suggestions changed (the
	// view asks the document for them again).
	Suggestions bool `json:"suggestions"`
	Undecided   bool `json:"undecided"` // the undecided spans changed
}

// Empty reports whether nothing changed.
func (c *Change) Empty() bool {
	return len(c.Added)+len(c.Updated)+len(c.Removed)+len(c.RelationsAdded)+len(c.RelationsRemoved) == 0 && !c.Doc && !c.Suggestions && !c.Undecided
}

func (d *Document) apply(e *edit, side int) {
	switch e.kind {
	case editSpan:
		d.putSpan(e.id, e.span[side])
	case editRelation:
		d.putRelation(e.id, e.rel[side])
	case editDoc:
		d.Status, d.Labels = e.status[side], e.labels[side]
	case editSugg:
		d.putSugg(e.id, e.sugg[side], e.rej[side])
	case editInfo:
		d.Title, d.Meta = e.title[side], e.meta[side]
	case editUndecided:
		d.putCandidate(e.cand[1-side], e.cand[side])
	}
}

// tx records the edits of one operation as they are applied, so a later
// rule failure can roll everything back and success becomes one undo step.
type tx struct {
	d  *Document
	st step
}

func (d *Document) begin(op string) *tx {
	t := &tx{d: d, st: step{op: op}}
	t.st.nextSpan[0], t.st.nextRel[0] = d.nextSpan, d.nextRel
	return t
}

func (t *tx) setSpan(id string, s *Span) {
	old := t.d.spans[id]
	if old != nil && s != nil && s.Annotators != nil && !s.Adjudicated && !sameSpan(old, s) {
		s.Adjudicated = true // a gold span changed by hand: the adjudicator's decision (s is the op's own copy)
	}
	e := edit{kind: editSpan, id: id, span: [2]*Span{old, s}}
	t.st.edits = append(t.st.edits, e)
	t.d.apply(&e, 1)
}

func (t *tx) setRelation(id string, r *Relation) {
	e := edit{kind: editRelation, id: id, rel: [2]*Relation{t.d.rels[id], r}}
	t.st.edits = append(t.st.edits, e)
	t.d.apply(&e, 1)
}

func (t *tx) setDoc(status Status, labels []string) {
	e := edit{kind: editDoc, status: [2]Status{t.d.Status, status}, labels: [2][]string{t.d.Labels, labels}}
	t.st.edits = append(t.st.edits, e)
	t.d.apply(&e, 1)
}

// rollback undoes everything the transaction applied.
func (t *tx) rollback() {
	t.d.unapply(&t.st)
}

// commit makes the transaction one undo step (if it changed anything) and
// clears the redo stack, as every editor does after a new edit.
func (t *tx) commit() Change {
	d := t.d
	t.st.nextSpan[1], t.st.nextRel[1] = d.nextSpan, d.nextRel
	if len(t.st.edits) == 0 || t.st.noop() {
		// Nothing changed (a label-all that matched nothing new, an
		// attribute set to the value it has): no undo step, so that undo
		// never spends a key on nothing, and the redo stack stays.
		return Change{Op: t.st.op}
	}
	d.undo = append(d.undo, &t.st)
	d.redo = nil
	if d.who != nil && *d.who != "" {
		d.Annotator = *d.who // the annotations are now (also) this person's work
	}
	return d.changeOf(&t.st, 1)
}

// noop reports whether every edit of the step leaves its object as it was
// (a page that commits a text field on Enter and again on its change event
// sets the same value twice: the second must not be a step of its own).
func (st *step) noop() bool {
	if st.nextSpan[0] != st.nextSpan[1] || st.nextRel[0] != st.nextRel[1] {
		return false
	}
	for i := range st.edits {
		e := &st.edits[i]
		switch e.kind {
		case editSpan:
			if !sameSpan(e.span[0], e.span[1]) {
				return false
			}
		case editRelation:
			a, b := e.rel[0], e.rel[1]
			if a != b && (a == nil || b == nil || *a != *b) {
				return false
			}
		case editDoc:
			if e.status[0] != e.status[1] || !slices.Equal(e.labels[0], e.labels[1]) {
				return false
			}
		case editSugg:
			if e.sugg[0] != e.sugg[1] || e.rej[0] != e.rej[1] {
				return false
			}
		case editInfo:
			if e.title[0] != e.title[1] || e.meta[0] != e.meta[1] {
				return false
			}
		case editUndecided:
			return false
		}
	}
	return true
}

// sameSpan reports whether two span states are equal in every field.
func sameSpan(a, b *Span) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.ID != b.ID || a.Label != b.Label || a.Note != b.Note ||
		!slices.Equal(a.Fragments, b.Fragments) || len(a.Attrs) != len(b.Attrs) ||
		!slices.Equal(a.Annotators, b.Annotators) || a.Adjudicated != b.Adjudicated {
		return false
	}
	for k, v := range a.Attrs {
		w, ok := b.Attrs[k]
		if !ok || !sameValue(v, w) {
			return false
		}
	}
	return true
}

// sameValue compares attribute values (strings and booleans; anything else
// counts as different, which at worst keeps a step that changed nothing).
func sameValue(v, w any) bool {
	switch x := v.(type) {
	case string:
		y, ok := w.(string)
		return ok && x == y
	case bool:
		y, ok := w.(bool)
		return ok && x == y
	}
	return false
}

func (d *Document) unapply(st *step) {
	for i := len(st.edits) - 1; i >= 0; i-- {
		d.apply(&st.edits[i], 0)
	}
	d.nextSpan, d.nextRel = st.nextSpan[0], st.nextRel[0]
}

// changeOf sums up a step's net effect seen from side (1 = done, 0 = undone).
func (d *Document) changeOf(st *step, side int) Change {
	c := Change{Op: st.op}
	spanBefore := map[string]bool{}
	relBefore := map[string]bool{}
	var spanIDs, relIDs []string
	// Whether each object existed before this step, seen from side: the
	// before-value of its first edit when done, the after-value of its last
	// edit when undone. One pass: looking each object up among the edits
	// made a label-all of 8,600 spans and its undo take 0.55 s natively.
	before := 1 - side
	for i := range st.edits {
		e := &st.edits[i]
		switch e.kind {
		case editSpan:
			_, seen := spanBefore[e.id]
			if !seen {
				spanIDs = append(spanIDs, e.id)
			}
			if !seen || before == 1 {
				spanBefore[e.id] = e.span[before] != nil
			}
		case editRelation:
			_, seen := relBefore[e.id]
			if !seen {
				relIDs = append(relIDs, e.id)
			}
			if !seen || before == 1 {
				relBefore[e.id] = e.rel[before] != nil
			}
		case editDoc, editInfo:
			c.Doc = true
		case editSugg:
			c.Suggestions = true
		case editUndecided:
			c.Undecided = true
		}
	}
	for _, id := range spanIDs {
		now := d.spans[id]
		switch {
		case now != nil && !spanBefore[id]:
			c.Added = append(c.Added, now)
		case now != nil:
			c.Updated = append(c.Updated, now)
		case spanBefore[id]:
			c.Removed = append(c.Removed, id)
		}
	}
	for _, id := range relIDs {
		now := d.rels[id]
		if relBefore[id] {
			c.RelationsRemoved = append(c.RelationsRemoved, id)
		}
		if now != nil {
			c.RelationsAdded = append(c.RelationsAdded, now)
		}
	}
	order.Func(c.Added, compareSpans)
	order.Func(c.Updated, compareSpans)
	order.Func(c.Removed, compareIDs)
	order.Func(c.RelationsAdded, func(a, b *Relation) int { return compareIDs(a.ID, b.ID) })
	order.Func(c.RelationsRemoved, compareIDs)
	return c
}

// CanUndo reports whether there is a step to undo.
func (d *Document) CanUndo() bool { return len(d.undo) > 0 }

// CanRedo reports whether there is a step to redo.
func (d *Document) CanRedo() bool { return len(d.redo) > 0 }

// UndoDepth and RedoDepth are the sizes of the history stacks.
func (d *Document) UndoDepth() int { return len(d.undo) }

// RedoDepth is the number of steps that can be redone.
func (d *Document) RedoDepth() int { return len(d.redo) }

// Undo reverts the last operation. History is unlimited and per document.
func (d *Document) Undo() (Change, error) {
	if len(d.undo) == 0 {
		return Change{}, newErr(CodeNothingToUndo, "nothing to undo")
	}
	st := d.undo[len(d.undo)-1]
	d.undo = d.undo[:len(d.undo)-1]
	d.unapply(st)
	d.redo = append(d.redo, st)
	c := d.changeOf(st, 0)
	c.Op = "undo " + st.op
	return c, nil
}

// Redo re-applies the last undone operation.
func (d *Document) Redo() (Change, error) {
	if len(d.redo) == 0 {
		return Change{}, newErr(CodeNothingToRedo, "nothing to redo")
	}
	st := d.redo[len(d.redo)-1]
	d.redo = d.redo[:len(d.redo)-1]
	for i := range st.edits {
		d.apply(&st.edits[i], 1)
	}
	d.nextSpan, d.nextRel = st.nextSpan[1], st.nextRel[1]
	d.undo = append(d.undo, st)
	c := d.changeOf(st, 1)
	c.Op = "redo " + st.op
	return c, nil
}

// idless reports whether an edit of kind k is of the whole document, with
// no id (its status and labels, title and metadata, or its undecided list).
func (k editKind) idless() bool {
	return k == editDoc || k == editInfo || k == editUndecided
}
