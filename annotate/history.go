package annotate

import (
	"slices"
	"strconv"
)

// The undo history, saved beside the project file. The project file holds
// the annotations but neither the per-document undo and redo stacks nor the
// id counters (remove s7 and the next span is s8, but s7 after loading the
// file), so a session is the project file plus this. The page's autosave
// snapshots both, which lets it compact its journal at any time and keeps
// undo across reloads.
//
// The JSON, compact and deterministic (spans and relations exactly as in the
// project file, fragments with their text):
//
//	{"format":"spanmark-history","version":1,"documents":[
//	  {"id":"doc","next_span":3,"next_relation":1,
//	   "undo":[step…],  bottom first: the last step is undone first
//	   "redo":[step…]}] the last step is redone first
//	step: {"op":"add span","next_span":[1,2],"next_relation":[1,1],"edits":[edit…]}
//	      the id counters before and after the step
//	edit: {"kind":"span","id":"s1","before":null,"after":{span}}   "kind" first
//	      {"kind":"relation","id":"r1","before":{relation},"after":null}
//	      {"kind":"doc","before":{"status":"todo","labels":[]},"after":{…}}
//	      {"kind":"suggestion","id":"own PERSON 3-8","before":{suggestion},"after":{…,"rejected":true}}
//	      (id: the suggestion's key; a state as in the project file)
//	      {"kind":"info","before":{"title":"…","meta":{…}},"after":{…}}
//	      {"kind":"undecided","before":{candidate},"after":null}   as in the file's "undecided"

const historyFormat = "spanmark-history"

var editKinds = [...]string{editSpan: "span", editRelation: "relation", editDoc: "doc", editSugg: "suggestion", editInfo: "info", editUndecided: "undecided"}

// HistoryJSON writes every document's undo and redo history and id
// counters, in project order.
func (p *Project) HistoryJSON() []byte {
	w := &jw{compact: true}
	w.raw(`{"format":"` + historyFormat + `","version":1,"documents":`)
	w.array(0, len(p.docs), func(i int) {
		d := p.docs[i]
		w.raw(`{"id":`)
		w.str(d.ID)
		w.raw(`,"next_span":`)
		w.int(d.nextSpan)
		w.raw(`,"next_relation":`)
		w.int(d.nextRel)
		for k, sts := range [2][]*step{d.undo, d.redo} {
			w.raw([2]string{`,"undo":`, `,"redo":`}[k])
			w.array(0, len(sts), func(i int) { d.writeStep(w, sts[i]) })
		}
		w.raw("}")
	})
	w.raw("}")
	return w.b
}

func (w *jw) raw(s string) { w.b = append(w.b, s...) }

func (d *Document) writeStep(w *jw, st *step) {
	w.raw(`{"op":`)
	w.str(st.op)
	for k, n := range [2][2]int{st.nextSpan, st.nextRel} {
		w.raw([2]string{`,"next_span":[`, `,"next_relation":[`}[k])
		w.int(n[0])
		w.raw(",")
		w.int(n[1])
		w.raw("]")
	}
	w.raw(`,"edits":`)
	w.array(0, len(st.edits), func(j int) {
		e := &st.edits[j]
		w.raw(`{"kind":"` + editKinds[e.kind] + `"`)
		if !e.kind.idless() {
			w.raw(`,"id":`)
			w.str(e.id)
		}
		w.raw(`,"before":`)
		d.writeSide(w, e, 0)
		w.raw(`,"after":`)
		d.writeSide(w, e, 1)
		w.raw("}")
	})
	w.raw("}")
}

// writeSide writes one side of an edit: a span or relation as the project
// file holds it, null for none, or the document's status and labels.
func (d *Document) writeSide(w *jw, e *edit, side int) {
	switch {
	case e.kind == editUndecided:
		if c := e.cand[side]; c != nil {
			d.encodeCandidate(w, 0, c)
		} else {
			w.raw("null")
		}
	case e.kind == editDoc:
		w.raw(`{"status":`)
		w.str(string(e.status[side]))
		w.raw(`,"labels":`)
		w.strList(0, e.labels[side])
		w.raw("}")
	case e.kind == editSugg && e.sugg[side] != nil:
		d.encodeSugg(w, 0, e.sugg[side], e.rej[side])
	case e.kind == editInfo:
		w.raw(`{"title":`)
		w.str(e.title[side])
		w.raw(`,"meta":`)
		w.meta(e.meta[side], 0)
		w.raw("}")
	case e.span[side] != nil:
		d.encodeSpan(w, 0, e.span[side])
	case e.rel[side] != nil:
		w.relation(e.rel[side], 0)
	default:
		w.raw("null")
	}
}

// holds reports whether the document holds an edit's side, comparing what
// the two write (attribute values of any type compare safely that way).
func (d *Document) holds(e *edit, side int) bool {
	if e.kind == editUndecided {
		if c := e.cand[side]; c != nil {
			return d.candidateIndex(c) >= 0
		}
		return d.candidateIndex(e.cand[1-side]) < 0
	}
	now := edit{kind: e.kind, span: [2]*Span{d.spans[e.id]}, rel: [2]*Relation{d.rels[e.id]}, status: [2]Status{d.Status}, labels: [2][]string{d.Labels}, title: [2]string{d.Title}, meta: [2]Meta{d.Meta}}
	if e.kind == editSugg {
		now.span, now.rel = [2]*Span{}, [2]*Relation{}
		if g := d.suggs[e.id]; g != nil {
			now.sugg[0] = g
		} else if g := d.rejected[e.id]; g != nil {
			now.sugg[0], now.rej[0] = g, true
		}
	}
	var a, b jw
	d.writeSide(&a, &now, 0)
	d.writeSide(&b, e, side)
	return string(a.b) == string(b.b)
}

// histDoc is one document's history as read, before it is checked.
type histDoc struct {
	id     string
	next   [2]int     // span, relation
	stacks [2][]*step // undo, redo
}

var (
	historyFields  = []string{"format", "version", "documents"}
	histDocFields  = []string{"id", "next_span", "next_relation", "undo", "redo"}
	stepFields     = []string{"op", "next_span", "next_relation", "edits"}
	editFields     = []string{"kind", "id", "before", "after"}
	docStateFields = []string{"status", "labels"}
	infoFields     = []string{"title", "meta"}
)

// RestoreHistory gives the documents the history and id counters HistoryJSON
// wrote, for the project state it was written with (call it right after
// Load of the matching project file). The history is read strictly, then
// checked against the project: every document exists, the counters are
// past every id in use, and the history fits the current state: undoing
// every step must find each edit's "after" in place, redoing every step
// each edit's "before", and every state a step leaves must pass the rules
// (schema, fragments, overlap, relation ends), as after any operation. The
// check runs on a scratch copy; any problem is a bad_format *Error located
// by field (documents[0].undo[3].edits[1].after.fragments[0]) and changes
// nothing. Documents not listed get no history and counters past their ids.
func (p *Project) RestoreHistory(data []byte) error {
	var format string
	var version int
	var docs []histDoc
	e := strictValue(data, "", func(d *decoder) bool {
		return d.object("an object", historyFields, func(k int) bool {
			switch k {
			case 0:
				return d.str(&format)
			case 1:
				return d.int(&version)
			}
			return d.array("an array", func(int) bool {
				docs = append(docs, histDoc{})
				return d.histDoc(&docs[len(docs)-1], p.byID)
			})
		})
	})
	if e == nil && (format != historyFormat || version != 1) {
		e = &Error{Field: "format", Msg: "not a spanmark undo history of version 1"}
	}
	for i := 0; e == nil && i < len(docs); i++ {
		h := &docs[i]
		at := "documents[" + strconv.Itoa(i) + "]"
		if d := p.byID[h.id]; d == nil {
			e = &Error{Field: at + ".id", Msg: "no such document in the project"}
		} else {
			e = d.checkHistory(h, at)
		}
		if e != nil {
			e.Doc = h.id
		}
	}
	if e != nil {
		e.Code = CodeBadFormat
		return e
	}
	for _, d := range p.docs {
		d.undo, d.redo = nil, nil
		d.resetCounters()
	}
	for _, h := range docs {
		d := p.byID[h.id]
		d.undo, d.redo = h.stacks[0], h.stacks[1]
		d.nextSpan, d.nextRel = h.next[0], h.next[1]
	}
	return nil
}

// histDoc reads one document's history; byID finds the document, to check
// the text of fragments against it once its id is read.
func (d *decoder) histDoc(h *histDoc, byID map[string]*Document) bool {
	d.doc = ""
	var doc *Document
	return d.object("an object", histDocFields, func(k int) bool {
		switch k {
		case 0:
			ok := d.str(&h.id)
			d.doc, doc = h.id, byID[h.id]
			return ok
		case 1, 2:
			return d.int(&h.next[k-1])
		}
		return d.array("an array", func(int) bool {
			st := &step{}
			h.stacks[k-3] = append(h.stacks[k-3], st)
			return d.object("an object", stepFields, func(k int) bool {
				switch k {
				case 0:
					return d.str(&st.op)
				case 1, 2:
					p := [2]*[2]int{&st.nextSpan, &st.nextRel}[k-1]
					n := 0
					return d.array("an array", func(i int) bool {
						n++
						return i < 2 && d.int(&p[i])
					}) && n == 2 || d.fail(&Error{Field: d.fieldPath(), Msg: "expected two integers [before, after]"})
				}
				return d.array("an array", func(int) bool {
					st.edits = append(st.edits, edit{})
					return d.edit(&st.edits[len(st.edits)-1], doc)
				})
			})
		})
	})
}

// edit reads one edit: its "kind" first, so that its states are read as
// what they are.
func (d *decoder) edit(e *edit, doc *Document) bool {
	kind := -1
	ok := d.object("an object", editFields, func(k int) bool {
		switch {
		case k == 0:
			var s string
			ok := d.str(&s)
			kind = slices.Index(editKinds[:], s)
			e.kind = editKind(kind)
			return ok
		case k == 1:
			return d.str(&e.id)
		case kind < 0:
			return d.fail(&Error{Field: d.fieldPath(), Msg: `an edit's "kind" comes first and is span, relation, suggestion, doc, info or undecided`})
		}
		side := k - 2
		switch {
		case d.peek() == 'n' && e.kind != editDoc && e.kind != editInfo:
			return d.literal("null")
		case e.kind == editUndecided:
			var fc fileCand
			ok := d.candidate(&fc)
			if ok && doc != nil {
				c, err := doc.candidateOf(fc)
				if err != nil {
					err.Doc, err.Field = "", d.fieldPath()+"."+err.Field
					return d.fail(err)
				}
				e.cand[side] = &c
			} else if ok {
				e.cand[side] = &Candidate{Label: fc.Label} // an unknown document: refused later
			}
			return ok
		case e.kind == editSpan:
			var fs fileSpan
			ok := d.fileSpan(&fs)
			s := &Span{ID: fs.ID, Label: fs.Label, Note: fs.Note, Fragments: make([]Fragment, len(fs.Fragments)), Annotators: fs.Annotators, Adjudicated: fs.Adjudicated}
			if len(fs.Attrs) > 0 {
				s.Attrs = fs.Attrs
			}
			for i, f := range fs.Fragments {
				s.Fragments[i] = Fragment{f.Start, f.End}
				// fragments out of the text are left to the rules
				if ok && doc != nil && f.Start >= 0 && f.Start <= f.End && f.End <= doc.text.Len() && doc.text.Slice(f.Start, f.End) != f.Text {
					ok = d.fail(&Error{Field: d.fieldPath() + ".fragments[" + strconv.Itoa(i) + "].text", Msg: "the document's text there is " + strconv.Quote(doc.text.Slice(f.Start, f.End))})
				}
			}
			d.span = ""
			e.span[side] = s
			return ok
		case e.kind == editSugg:
			var fs fileSugg
			if !d.sugg(&fs) {
				return false
			}
			if doc == nil {
				return true // an unknown document: reported later
			}
			g, err := doc.suggOf(&fs)
			if err != nil {
				err.Doc, err.Span = "", ""
				err.Field = d.fieldPath() + "." + err.Field
				return d.fail(err)
			}
			e.sugg[side], e.rej[side] = g, fs.Rejected
			return true
		case e.kind == editRelation:
			r := &Relation{}
			e.rel[side] = r
			return d.object("an object", relFields, func(k int) bool {
				return d.str([...]*string{&r.ID, &r.Type, &r.From, &r.To}[k])
			})
		}
		if e.kind == editInfo {
			if d.peek() != '{' {
				return d.fail(&Error{Field: d.fieldPath(), Msg: `an info edit's states are objects {"title", "meta"}`})
			}
			return d.object("an object", infoFields, func(k int) bool {
				if k == 0 {
					return d.str(&e.title[side])
				}
				return d.meta(&e.meta[side])
			})
		}
		// a doc edit's states: a missing one has an empty status, which
		// the checks refuse
		return d.object("an object", docStateFields, func(k int) bool {
			if k == 0 {
				return d.str((*string)(&e.status[side]))
			}
			return d.array("an array", func(int) bool {
				e.labels[side] = append(e.labels[side], "")
				return d.str(&e.labels[side][len(e.labels[side])-1])
			})
		})
	})
	bad := kind < 0 || e.kind.idless() != (e.id == "") || (e.kind == editSpan || e.kind == editRelation) && !validID(e.id) ||
		e.kind == editUndecided && e.cand[0] == nil && e.cand[1] == nil
	for side := range 2 {
		bad = bad || e.span[side] != nil && e.span[side].ID != e.id || e.rel[side] != nil && e.rel[side].ID != e.id ||
			e.sugg[side] != nil && e.sugg[side].Key() != e.id
	}
	return ok && (!bad || d.fail(&Error{Field: d.fieldPath(), Msg: "an edit is of kind span, relation or suggestion, with the id (key) of its states, or doc, info or undecided, without one (an undecided edit has a state on one side at least)"}))
}

func (d *Document) checkHistory(h *histDoc, at string) *Error {
	sc := NewDocument(d.ID, "", "", d.schema) // a scratch copy (spans are values: shared)
	sc.text, sc.Status, sc.Labels, sc.Title, sc.Meta, sc.Undecided = d.text, d.Status, d.Labels, d.Title, d.Meta, slices.Clone(d.Undecided)
	for _, s := range d.spans {
		sc.putNewSpan(s)
	}
	for id, r := range d.rels {
		sc.putRelation(id, r)
	}
	for k, g := range d.suggs {
		sc.putSugg(k, g, false)
	}
	for k, g := range d.rejected {
		sc.putSugg(k, g, true)
	}
	sc.resetCounters()
	if h.next[0] < sc.nextSpan || h.next[1] < sc.nextRel {
		return &Error{Field: at, Msg: "next_span and next_relation must be past the ids in use (at least " + strconv.Itoa(sc.nextSpan) + " and " + strconv.Itoa(sc.nextRel) + ")"}
	}
	e := sc.replay(h.stacks[0], 0, at+".undo[")
	for _, st := range h.stacks[0] { // back to the current state
		for k := range st.edits {
			sc.apply(&st.edits[k], 1)
		}
	}
	if e == nil {
		e = sc.replay(h.stacks[1], 1, at+".redo[")
	}
	return e
}

// replay plays a stack from its top on the scratch document d, applying
// each edit's side (0: undo, edits in reverse; 1: redo) after checking that
// the other side is what d holds. After each step, every span, relation
// and document state the step touched must pass the rules, as after any
// operation.
func (d *Document) replay(sts []*step, side int, at string) *Error {
	for j := len(sts) - 1; j >= 0; j-- {
		edits := sts[j].edits
		n := len(edits)
		// edit k of the step in the order of application (rev: the reverse)
		nth := func(i int, rev bool) int {
			if rev {
				return n - 1 - i
			}
			return i
		}
		where := func(k, s int, e *Error) *Error {
			f := at + strconv.Itoa(j) + "].edits[" + strconv.Itoa(k) + "]." + editFields[2+s]
			if e.Field != "" {
				f += "." + e.Field
			}
			e.Field = f
			return e
		}
		for i := range n {
			k := nth(i, side == 0)
			if !d.holds(&edits[k], 1-side) {
				return where(k, 1-side, &Error{Msg: "the history does not fit the project: the document is not as this step says"})
			}
			d.apply(&edits[k], side)
		}
		// the state the step leaves, checked in reverse order of
		// application, so that a value is checked at the edit that set it
		for i := range n {
			k := nth(i, side == 1)
			e := &edits[k]
			var err *Error
			switch e.kind {
			case editSpan:
				if s := d.spans[e.id]; s != nil {
					err = d.checkSpan(s)
				}
				for _, rid := range d.relsOf[e.id] { // a relabelled or removed end
					if err == nil {
						if err = d.checkRelation(d.rels[rid]); err != nil {
							err.Field = ""
						}
					}
				}
			case editRelation:
				if r := d.rels[e.id]; r != nil {
					err = d.checkRelation(r)
				}
			case editSugg:
				// checked as read (suggOf): nothing else depends on it
			case editInfo: // any title a file may hold
			case editUndecided: // checked as read: fragments in the text, matching it
			default:
				ok := d.Status.Valid()
				for i, l := range d.Labels {
					ok = ok && slices.Contains(d.schema.DocLabels, l) && (i == 0 || d.Labels[i-1] < l)
				}
				if !ok {
					err = &Error{Msg: "the status or document labels are not allowed: a status is todo, in_progress or done; labels come from the schema, sorted"}
				}
			}
			if err != nil {
				return where(k, side, err)
			}
		}
	}
	return nil
}
