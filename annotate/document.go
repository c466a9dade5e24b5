package annotate

import (
	"cmp"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
)

// Document is one article and its annotations. Its text is kept exactly as
// loaded. All changes go through the operations in ops.go, each of which is
// one undo step; the *Span and *Relation values a Document hands out are
// shared with it and must be treated as read-only.
type Document struct {
	ID     string
	Title  string
	Meta   Meta
	Status Status
	Labels []string // document-level labels, sorted
	// Annotator is who made the document's annotations (a name, or the id
	// a peer tool gave them); "" when not known. It travels with the
	// document through files, imports and appends, so that works of a team
	// can be compared and merged (package team).
	Annotator string
	// Undecided lists the spans a merge of several annotators' works
	// left for adjudication (see Candidate); usually empty.
	Undecided []Candidate

	text   *TextIndex
	schema *Schema
	who    *string // the project's current annotator (Project.SetAnnotator)

	spans  map[string]*Span
	tree   itree
	rels   map[string]*Relation
	relsOf map[string][]string // span id → ids of relations touching it
	counts map[string]int      // label → number of spans
	ovl    overlapIndex        // for the overlap rule (overlap.go)

	// open and rejected suggestions by key (suggest.go); nil when none
	suggs, rejected map[string]*Suggestion

	nextSpan, nextRel int // id counters: "s<n>", "r<n>"
	undo, redo        []*step

	dis disIndex // Disagreements, kept until the undecided spans change (disindex.go)
}

// NewDocument returns an empty document over text, governed by schema.
func NewDocument(id, title, text string, schema *Schema) *Document {
	return newDocument(id, title, NewTextIndex(text), schema)
}

func newDocument(id, title string, x *TextIndex, schema *Schema) *Document {
	// (the maps are made by the first span or relation put: four maps a
	// document were a fifth of the allocations of an import of 20,000
	// records, and most of what a document without spans costs)
	return &Document{
		ID: id, Title: title, Status: StatusTodo,
		text: x, schema: schema,
		nextSpan: 1, nextRel: 1,
	}
}

// spanMaps makes the span maps, before the first span is put.
func (d *Document) spanMaps() {
	if d.spans == nil {
		d.spans = map[string]*Span{}
	}
	if d.counts == nil {
		d.counts = map[string]int{}
	}
}

// Text is the document text exactly as loaded.
func (d *Document) Text() string { return d.text.Text() }

// Index is the document's offset index.
func (d *Document) Index() *TextIndex { return d.text }

// Schema is the schema the document is checked against.
func (d *Document) Schema() *Schema { return d.schema }

// Span returns the span with the given id, or nil.
func (d *Document) Span(id string) *Span { return d.spans[id] }

// Relation returns the relation with the given id, or nil.
func (d *Document) Relation(id string) *Relation { return d.rels[id] }

// NumSpans is the number of spans.
func (d *Document) NumSpans() int { return len(d.spans) }

// NumRelations is the number of relations.
func (d *Document) NumRelations() int { return len(d.rels) }

// SpanText is the text a span covers, one string per fragment.
func (d *Document) SpanText(s *Span) []string {
	out := make([]string, len(s.Fragments))
	for i, f := range s.Fragments {
		out[i] = d.text.Slice(f.Start, f.End)
	}
	return out
}

// compareSpans is the one span order used everywhere output is produced:
// by start, outer (longer) first, then label, then id.
func compareSpans(a, b *Span) int {
	if c := cmp.Compare(a.Start(), b.Start()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.End(), a.End()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	return compareIDs(a.ID, b.ID)
}

// compareIDs orders "s2" before "s10": same prefix, then by number.
func compareIDs(a, b string) int {
	pa, na := splitID(a)
	pb, nb := splitID(b)
	if pa == pb && na >= 0 && nb >= 0 {
		return cmp.Compare(na, nb)
	}
	return cmp.Compare(a, b)
}

func splitID(id string) (string, int) {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	if i == len(id) || len(id)-i > 9 {
		return id, -1
	}
	n := 0
	for _, c := range []byte(id[i:]) {
		n = n*10 + int(c-'0')
	}
	return id[:i], n
}

// Spans returns every span in document order (see compareSpans).
func (d *Document) Spans() []*Span {
	out := make([]*Span, 0, len(d.spans))
	for _, s := range d.spans {
		out = append(out, s)
	}
	order.Func(out, compareSpans)
	return out
}

// Relations returns every relation, ordered by its from span, type, to span
// and id, so output is stable whatever order they were made in.
func (d *Document) Relations() []*Relation {
	out := make([]*Relation, 0, len(d.rels))
	for _, r := range d.rels {
		out = append(out, r)
	}
	order.Func(out, d.compareRelations)
	return out
}

func (d *Document) compareRelations(a, b *Relation) int {
	if c := compareSpans(d.spans[a.From], d.spans[b.From]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := compareSpans(d.spans[a.To], d.spans[b.To]); c != 0 {
		return c
	}
	return compareIDs(a.ID, b.ID)
}

// RelationsOf returns the relations with span id at either end, in order.
func (d *Document) RelationsOf(id string) []*Relation {
	out := make([]*Relation, 0, len(d.relsOf[id]))
	for _, rid := range d.relsOf[id] {
		out = append(out, d.rels[rid])
	}
	order.Func(out, d.compareRelations)
	return out
}

// --- primitive state changes: the only code that touches the indexes ---

func fragKey(s *Span, i int) ikey {
	return ikey{start: s.Fragments[i].Start, end: s.Fragments[i].End, id: s.ID, frag: i}
}

// putSpan makes the span with this id be s (nil removes it), keeping the
// interval tree and the label counts in step.
func (d *Document) putSpan(id string, s *Span) {
	old := d.spans[id]
	if old != nil && s != nil && slices.Equal(old.Fragments, s.Fragments) {
		for i := range s.Fragments {
			d.tree.setSpan(fragKey(s, i), s)
		}
	} else {
		if old != nil {
			for i := range old.Fragments {
				d.tree.remove(fragKey(old, i))
			}
		}
		if s != nil {
			d.treeInsert(s)
		}
	}
	if old != nil {
		d.indexRemove(old)
	}
	if s != nil {
		d.indexAdd(s)
	}
	if old != nil {
		if d.counts[old.Label]--; d.counts[old.Label] == 0 {
			delete(d.counts, old.Label)
		}
		delete(d.spans, id)
	}
	if s != nil {
		d.spanMaps()
		d.counts[s.Label]++
		d.spans[id] = s
	}
}

// putNewSpan is putSpan for a span whose id is not in use, as when a
// loader adds every span of a file.
func (d *Document) putNewSpan(s *Span) {
	d.treeInsert(s)
	d.indexAdd(s)
	d.spanMaps()
	d.counts[s.Label]++
	d.spans[s.ID] = s
}

func (d *Document) treeInsert(s *Span) {
	for i, f := range s.Fragments {
		d.tree.insert(ikey{start: f.Start, end: f.End, id: s.ID, frag: i}, s)
	}
}

// putRelation makes the relation with this id be r (nil removes it).
func (d *Document) putRelation(id string, r *Relation) {
	if old := d.rels[id]; old != nil {
		d.relsOf[old.From] = removeString(d.relsOf[old.From], id)
		if old.To != old.From {
			d.relsOf[old.To] = removeString(d.relsOf[old.To], id)
		}
		delete(d.rels, id)
	}
	if r != nil {
		if d.rels == nil {
			d.rels, d.relsOf = map[string]*Relation{}, map[string][]string{}
		}
		d.rels[id] = r
		d.relsOf[r.From] = append(d.relsOf[r.From], id)
		if r.To != r.From {
			d.relsOf[r.To] = append(d.relsOf[r.To], id)
		}
	}
}

func removeString(list []string, s string) []string {
	if i := slices.Index(list, s); i >= 0 {
		list[i] = list[len(list)-1]
		list = list[:len(list)-1]
	}
	return list
}

// newSpanID returns the next free "s<n>" id.
func (d *Document) newSpanID() string {
	for {
		id := "s" + strconv.Itoa(d.nextSpan)
		d.nextSpan++
		if d.spans[id] == nil {
			return id
		}
	}
}

func (d *Document) newRelationID() string {
	for {
		id := "r" + strconv.Itoa(d.nextRel)
		d.nextRel++
		if d.rels[id] == nil {
			return id
		}
	}
}

// describeSpan names a span in error messages: id, label, offsets, text.
// quoteText is the text of f, quoted, cut at 40 characters.
func (d *Document) quoteText(f Fragment) string {
	txt := d.text.Slice(f.Start, f.End)
	if r := []rune(txt); len(r) > 40 {
		txt = string(r[:37]) + "…"
	}
	return strconv.Quote(txt)
}

func (d *Document) describeSpan(s *Span) string {
	txt := d.text.Slice(s.Start(), s.End())
	if r := []rune(txt); len(r) > 40 {
		txt = string(r[:37]) + "…"
	}
	return s.ID + " " + s.Label + " " + fragStr(Fragment{s.Start(), s.End()}) + " " + strconv.Quote(txt)
}

// Populate adds spans and relations outside undo history, as a loader or an
// importer does: each is checked against every rule and against what was
// added before it; those that fail are left out and reported, located by
// span or relation id. Spans without an id get a fresh one. The caller
// decides whether any error discards the whole document.
func (d *Document) Populate(spans []*Span, rels []*Relation) Errors {
	return d.populate(spans, rels, false)
}

// PopulateOwned is Populate for spans made for the document alone, as an
// importer's are: the document keeps them instead of copies (one
// allocation fewer per span, in imports of 100,000 spans and more). The
// caller must not use or change them afterwards.
func (d *Document) PopulateOwned(spans []*Span, rels []*Relation) Errors {
	return d.populate(spans, rels, true)
}

func (d *Document) populate(spans []*Span, rels []*Relation, owned bool) Errors {
	var es Errors
	// the tree's nodes in one allocation and the map made at its size, as
	// a project file's load does (loadFile): an import of 20,000 records
	// populates 20,000 documents, and their small allocations were a
	// large share of its time in WebAssembly
	if len(d.spans) == 0 && len(spans) > 0 {
		nf := 0
		for _, s := range spans {
			nf += len(s.Fragments)
		}
		d.spans = make(map[string]*Span, len(spans))
		d.tree.reserve(nf)
	}
	for i, s := range spans {
		if !owned {
			s = s.Clone()
		}
		if len(s.Attrs) == 0 {
			s.Attrs = nil
		}
		if s.ID == "" {
			s.ID = d.newSpanID()
		} else if d.spans[s.ID] != nil || !validID(s.ID) {
			es = append(es, &Error{Code: CodeDuplicateID, Doc: d.ID, Span: s.ID, Field: "spans[" + strconv.Itoa(i) + "].id", Msg: "span id " + strconv.Quote(s.ID) + " is used twice or malformed"})
			continue
		}
		if e := d.checkSpan(s); e != nil {
			e.Doc = d.ID
			es = append(es, e)
			continue
		}
		d.putNewSpan(s) // (its id is free: checked above)
	}
	for i, r := range rels {
		r := *r
		if r.ID == "" {
			r.ID = d.newRelationID()
		} else if d.rels[r.ID] != nil || !validID(r.ID) {
			es = append(es, &Error{Code: CodeDuplicateID, Doc: d.ID, Relation: r.ID, Field: "relations[" + strconv.Itoa(i) + "].id", Msg: "relation id " + strconv.Quote(r.ID) + " is used twice or malformed"})
			continue
		}
		if e := d.checkRelation(&r); e != nil {
			e.Doc = d.ID
			es = append(es, e)
			continue
		}
		d.putRelation(r.ID, &r)
	}
	d.resetCounters()
	return es
}

// resetCounters sets the id counters past every "s<n>" and "r<n>" in use.
// PlaceNew checks s against the document's rules and adds it with the
// next free id (s.ID is set), as Populate would, but without recounting
// the ids after it: a merge building a gold document span by span (package
// team) spent 5 s doing that for 10,000 spans. Not an undo step. On error
// nothing changes.
func (d *Document) PlaceNew(s *Span) *Error {
	next := d.nextSpan
	s.ID = d.newSpanID()
	if e := d.checkSpan(s); e != nil {
		d.nextSpan = next
		e.Doc = d.ID
		return e
	}
	d.putSpan(s.ID, s)
	return nil
}

func (d *Document) resetCounters() {
	maxS, maxR := 0, 0
	for id := range d.spans {
		maxS = counterPast("s", id, maxS)
	}
	for id := range d.rels {
		maxR = counterPast("r", id, maxR)
	}
	d.nextSpan, d.nextRel = maxS+1, maxR+1
}

// counterPast returns the number n of an id "<prefix><n>" when it is past
// max, else max.
func counterPast(prefix, id string, max int) int {
	if pre, n := splitID(id); pre == prefix && n > max {
		return n
	}
	return max
}
