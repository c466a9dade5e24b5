package formats

import (
	"cmp"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spanmark/spanmark/annotate"
)

// Every importer parses its files into rawDocs and hands them to build,
// which does what all formats share: text checks and repairs, duplicate
// spans, schema additions, the rules (through Document.Populate), the
// crossing policy, and locating every error in the file it came from.

// loc is where something came from: file, line (0 when not known yet) and
// the field path inside the record, e.g. "[0].annotations[0].result[4]".
type loc struct {
	File  string
	Line  int
	Field string
	// item, when set, ends the field path with item[idx], written out
	// only when the path is needed (an error, a report line): a string
	// made for each of a dataset's 134,000 labels was a tenth of its
	// import's allocations
	item string
	idx  int
}

// field is the field path, item[idx] included.
func (l loc) field() string {
	if l.item == "" {
		return l.Field
	}
	return joinField(l.Field, l.item+"["+strconv.Itoa(l.idx)+"]")
}

// itemLoc is l's field path followed by item[i] (joinLoc(l,
// "item[i]"), written out when needed).
func itemLoc(l loc, item string, i int) loc {
	l.Field = l.field()
	l.item, l.idx = item, i
	return l
}

type rawDoc struct {
	ID, Title string
	Meta      annotate.Meta
	Status    annotate.Status
	Annotator string
	Labels    []string
	Text      string
	Spans     []*rawSpan
	Rels      []*rawRel
	loc       loc
	x         *annotate.TextIndex // the text's index, when the format already built one
}

type rawSpan struct {
	ID    string // the spanmark id to use; "" assigns a fresh "s<n>"
	Ref   string // what the peer file calls it ("T3", "ent-5"), for messages
	Label string
	Frags []annotate.Fragment
	Text  *string // the text the file stores for it, fragments joined by Sep
	Sep   string
	Attrs map[string]any
	// Kinds hints the type of an attribute the schema lacks (brat valued
	// attributes and Label Studio choices are enums, textareas are text).
	Kinds   map[string]annotate.AttrType
	AttrLoc map[string]loc
	Note    string
	// Score is the model's confidence, kept when imported as suggestions.
	Score *float64
	loc   loc
}

type rawRel struct {
	ID, Type, From, To string
	loc                loc
}

func (s *rawSpan) name() string {
	if s.Ref != "" && s.Ref != s.ID {
		return s.Ref
	}
	return s.ID
}

func (s *rawSpan) setAttr(name string, v any, kind annotate.AttrType, l loc) {
	if s.Attrs == nil {
		s.Attrs, s.Kinds, s.AttrLoc = map[string]any{}, map[string]annotate.AttrType{}, map[string]loc{}
	}
	s.Attrs[name], s.Kinds[name], s.AttrLoc[name] = v, kind, l
}

// importer collects errors and report lines while a format parses.
type importer struct {
	format string
	opt    ImportOptions
	rep    Report
	errs   annotate.Errors
	docs   []*rawDoc
	// lineOf finds the line of a field path in a JSON file, for formats
	// whose records span many lines; only used when reporting.
	lineOf map[string]func(field string) int
	// labelHint gives a label the schema lacks its layer and colour where
	// the file says them (brat's annotation.conf and visual.conf).
	labelHint map[string]annotate.LabelDef
}

func newImporter(format string, opt ImportOptions) *importer {
	return &importer{format: format, opt: opt, lineOf: map[string]func(string) int{}}
}

func (im *importer) note(format string, args ...any) {
	im.rep.add(im.format+": "+format, args...)
}

// fail records an error located at l.
func (im *importer) fail(l loc, code annotate.Code, doc string, format string, args ...any) *annotate.Error {
	e := &annotate.Error{Code: code, File: l.File, Line: im.line(l), Doc: doc, Field: l.field(), Msg: fmt.Sprintf(format, args...)}
	im.errs = append(im.errs, e)
	return e
}

func (im *importer) line(l loc) int {
	if l.Line == 0 && (l.Field != "" || l.item != "") {
		if f := im.lineOf[l.File]; f != nil {
			return f(l.field())
		}
	}
	return l.Line
}

func joinField(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasPrefix(b, "["):
		return a + b
	}
	return a + "." + b
}

// build turns the parsed documents into a project, or returns every error.
func (im *importer) build() (*annotate.Project, Report, error) {
	if len(im.errs) > 0 {
		return nil, im.rep, im.errs
	}
	base := im.opt.Schema
	if base == nil {
		base = annotate.DefaultSchema()
	}
	if len(im.docs) > annotate.MaxDocuments {
		// refused before any document is built, with one error
		return nil, im.rep, annotate.Errors{annotate.TooManyDocuments(len(im.docs))}
	}
	if es := im.checkLabelMap(base); len(es) > 0 {
		return nil, im.rep, es
	}
	schema := base.Clone()
	im.applyLabelMap(schema)
	if im.opt.AsSuggestions {
		im.dropForSuggestions()
	}
	for _, d := range im.docs {
		im.prepare(d)
	}
	im.extendSchema(schema)
	if len(im.errs) > 0 {
		return nil, im.rep, im.errs
	}
	p, crossing := im.populate(schema, false)
	if len(crossing) > 0 && len(im.errs) == 0 {
		// The file has spans that cross within a layer the schema keeps
		// crossing-free. Refusing would make a peer file unimportable for
		// a policy it never had, so the imported schema allows crossing
		// there instead, and says so.
		layers := order.Keys(crossing)
		for _, l := range layers {
			pol := schema.Overlap[l]
			pol.Crossing = true
			schema.Overlap[l] = pol
			im.note("%s spans cross another %s span; the imported schema allows crossing in the %s layer", annotate.Count(crossing[l]), l, l)
		}
		p, _ = im.populate(schema, true)
	}
	if len(im.errs) > 0 {
		return nil, im.rep, im.errs
	}
	return p, im.rep, nil
}

// prepare assigns ids, drops exact duplicates and checks stored texts.
func (im *importer) prepare(d *rawDoc) {
	if d.x == nil {
		d.x = annotate.NewTextIndex(d.Text)
	}
	x := d.x // (populate's document keeps it: one index per text)
	// (made for the first span with an id)
	var used map[string]*rawSpan
	for _, s := range d.Spans {
		if s.ID == "" {
			continue
		}
		if o := used[s.ID]; o != nil {
			e := im.fail(s.loc, annotate.CodeDuplicateID, d.ID, "span id %q is used twice (also at %s)", s.ID, im.where(o.loc))
			e.Span = s.ID
			continue
		}
		if used == nil {
			used = map[string]*rawSpan{}
		}
		used[s.ID] = s
	}
	if used == nil {
		// no span has an id: they are s1, s2, … in order
		for i, s := range d.Spans {
			s.ID = spanID(i + 1)
		}
	}
	next := 1
	for _, s := range d.Spans {
		if s.ID != "" {
			continue
		}
		for used[spanID(next)] != nil {
			next++
		}
		s.ID = spanID(next)
		used[s.ID] = s
	}
	// Stored texts first, so a repaired span is compared for duplicates
	// where it ends up.
	for _, s := range d.Spans {
		if s.Text != nil {
			im.checkText(d, x, s)
		}
	}
	// Exact duplicates (same label, same fragments) are kept once: a peer
	// tool that wrote one twice meant one span.
	// The key is built without formatting for the usual one-fragment span:
	// fmt.Sprint of every span's fragments was a sixth of the allocations
	// of a large import.
	type key struct {
		label      string
		start, end int
		more       string // the other fragments
	}
	// (a few spans are compared one by one, without a map: most
	// records of a dataset have a handful)
	var seen map[key]*rawSpan
	var few [16]key
	if len(d.Spans) > len(few) {
		seen = map[key]*rawSpan{}
	}
	var alias map[string]string
	kept := d.Spans[:0]
	for _, s := range d.Spans {
		k := key{label: s.Label}
		if len(s.Frags) > 0 {
			k.start, k.end = s.Frags[0].Start, s.Frags[0].End
		}
		if len(s.Frags) > 1 {
			k.more = fragString(s.Frags[1:])
		}
		var o *rawSpan
		if seen != nil {
			o = seen[k]
		} else if i := slices.Index(few[:len(kept)], k); i >= 0 {
			o = kept[i]
		}
		if o != nil {
			if alias == nil {
				alias = map[string]string{}
			}
			alias[s.ID] = o.ID
			im.note("%s: document %q: span %s %s %s is given twice (also %s); kept one", im.where(s.loc), d.ID, s.name(), s.Label, fragString(s.Frags), o.name())
			if s.Note != "" && o.Note == "" {
				o.Note = s.Note
			}
			for k, v := range s.Attrs {
				if _, ok := o.Attrs[k]; !ok {
					o.setAttr(k, v, s.Kinds[k], s.AttrLoc[k])
				}
			}
			continue
		}
		if seen != nil {
			seen[k] = s
		} else {
			few[len(kept)] = k
		}
		kept = append(kept, s)
	}
	d.Spans = kept
	if len(alias) > 0 {
		for _, r := range d.Rels {
			if a, ok := alias[r.From]; ok {
				r.From = a
			}
			if a, ok := alias[r.To]; ok {
				r.To = a
			}
		}
	}
	var usedR map[string]bool
	if len(d.Rels) > 0 {
		usedR = map[string]bool{}
	}
	for _, r := range d.Rels {
		if r.ID == "" {
			continue
		}
		if usedR[r.ID] {
			e := im.fail(r.loc, annotate.CodeDuplicateID, d.ID, "relation id %q is used twice", r.ID)
			e.Relation = r.ID
		}
		usedR[r.ID] = true
	}
	next = 1
	for _, r := range d.Rels {
		if r.ID != "" {
			continue
		}
		for usedR["r"+strconv.Itoa(next)] {
			next++
		}
		r.ID = "r" + strconv.Itoa(next)
		usedR[r.ID] = true
	}
}

// takeRoom returns an empty slice with room for n elements from *chunk,
// which it refills 1,024 elements at a time: a dataset's records and
// documents take their spans and fragments from a few large allocations
// rather than two small ones each (in WebAssembly an allocation of
// values with pointers costs several times what it does natively). A
// chunk lives as long as any of its slices.
func takeRoom[T any](chunk *[]T, n int) []T {
	if cap(*chunk)-len(*chunk) < n {
		*chunk = make([]T, 0, max(n, 1024))
	}
	c := *chunk
	*chunk = c[:len(c)+n]
	return c[len(c) : len(c) : len(c)+n]
}

// spanIDs are "s1" … "s512", made once: the ids an import gives its
// spans most (one string a span was a tenth of a large import's
// allocations).
var spanIDs = sync.OnceValue(func() []string {
	ids := make([]string, 513)
	for i := range ids {
		ids[i] = "s" + strconv.Itoa(i)
	}
	return ids
})

// spanID is "s<n>".
func spanID(n int) string {
	if ids := spanIDs(); n >= 0 && n < len(ids) {
		return ids[n]
	}
	return "s" + strconv.Itoa(n)
}

func (im *importer) where(l loc) string {
	s := l.File
	if n := im.line(l); n > 0 {
		s += ":" + strconv.Itoa(n)
	}
	if field := l.field(); field != "" {
		if s != "" {
			s += " "
		}
		s += field
	}
	return s
}

func fragString(fs []annotate.Fragment) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "[%d,%d)", f.Start, f.End)
	}
	return b.String()
}

func quoteShort(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return strconv.Quote(s)
}

// checkText compares a span's stored text with the document and, with
// Repair, moves a single-fragment span to the nearest occurrence.
func (im *importer) checkText(d *rawDoc, x *annotate.TextIndex, s *rawSpan) {
	n := x.Len()
	inside := true
	parts := make([]string, len(s.Frags))
	for i, f := range s.Frags {
		if f.Start < 0 || f.End > n || f.Start > f.End {
			inside = false
			break
		}
		parts[i] = x.Slice(f.Start, f.End)
	}
	want := *s.Text
	if inside && strings.Join(parts, s.Sep) == want {
		return
	}
	got := "nothing there (the offsets are outside the text, which has " + annotate.Count(n) + " code points)"
	if inside {
		got = quoteShort(strings.Join(parts, s.Sep)) + " there"
	}
	var found *annotate.Fragment
	if len(s.Frags) == 1 && want != "" {
		found = nearest(x, s.Frags[0].Start, want)
	}
	if im.opt.Repair && found != nil {
		im.note("%s: document %q: span %s %s moved from %s to %s, where its text %s is (repaired)",
			im.where(s.loc), d.ID, s.name(), s.Label, fragString(s.Frags), fragString([]annotate.Fragment{*found}), quoteShort(want))
		s.Frags = []annotate.Fragment{*found}
		return
	}
	hint := "; the span was not moved"
	switch {
	case found != nil:
		hint += fmt.Sprintf("; that text is at %s: import with repair to move it there", fragString([]annotate.Fragment{*found}))
	case im.opt.Repair && len(s.Frags) > 1:
		hint += "; repair only moves single-fragment spans"
	case im.opt.Repair:
		hint += "; that text does not occur within " + annotate.Count(RepairWindow) + " code points"
	}
	e := im.fail(s.loc, annotate.CodeTextMismatch, d.ID, "span %s %s: the file says %s is %s but the document has %s%s",
		s.name(), s.Label, fragString(s.Frags), quoteShort(want), got, hint)
	e.Span = s.ID
}

// nearest finds the occurrence of want closest to code point near, within
// RepairWindow code points either side; ties go to the earlier one.
func nearest(x *annotate.TextIndex, near int, want string) *annotate.Fragment {
	wn := len([]rune(want))
	lo := x.ByteOf(near - RepairWindow)
	hi := x.ByteOf(near + wn + RepairWindow)
	text := x.Text()
	var best *annotate.Fragment
	bestD := -1
	for b := lo; b <= hi; {
		i := strings.Index(text[b:hi], want)
		if i < 0 {
			break
		}
		cp := x.FromByte(b+i, false)
		if x.ByteOf(cp) == b+i { // a code point start, not inside one
			dist := cp - near
			if dist < 0 {
				dist = -dist
			}
			if bestD < 0 || dist < bestD {
				best, bestD = &annotate.Fragment{Start: cp, End: cp + wn}, dist
			}
		}
		b += i + 1
	}
	return best
}

// extendSchema adds what the documents use and the schema lacks: labels
// (entity layer, a colour apart from the schema's: Schema.NewLabelColor), attributes, relation types, document
// labels. Each addition is reported.
func (im *importer) extendSchema(s *annotate.Schema) {
	var newLabels []string
	type origin struct {
		l   loc
		doc string
	}
	from := map[int]origin{} // a new label's index → the span that brought it
	var layers []annotate.Layer
	for _, d := range im.docs {
		for _, sp := range d.Spans {
			if sp.Label != "" && s.Label(sp.Label) == nil {
				from[len(s.Labels)] = origin{sp.loc, d.ID}
				def := annotate.LabelDef{Name: sp.Label, Layer: annotate.LayerEntity}
				if h, ok := im.labelHint[sp.Label]; ok {
					def.Layer = cmp.Or(h.Layer, def.Layer)
					def.Color = h.Color
				}
				if def.Color == "" {
					def.Color = s.NewLabelColor() // distinct from the labels before it
				}
				s.Labels = append(s.Labels, def)
				newLabels = append(newLabels, sp.Label)
				if !slices.Contains(layers, def.Layer) {
					layers = append(layers, def.Layer)
				}
			}
		}
	}
	for _, l := range layers {
		var names []string
		for _, n := range newLabels {
			if s.Label(n).Layer == l {
				names = append(names, n)
			}
		}
		im.note("labels added to the schema (%s layer): %s", l, strings.Join(names, ", "))
	}
	// Attributes: only those a label lacks; values of enums this import
	// creates are collected from every span.
	type attrKey struct{ label, name string }
	made := map[attrKey]*annotate.AttrDef{}
	var madeOrder []attrKey
	var extended []string
	for _, d := range im.docs {
		for _, sp := range d.Spans {
			if len(sp.Attrs) == 0 {
				continue // (most spans: no sorting of no keys, which allocates)
			}
			l := s.Label(sp.Label)
			if l == nil {
				continue
			}
			for _, name := range order.Keys(sp.Attrs) {
				k := attrKey{sp.Label, name}
				v := sp.Attrs[name]
				a := made[k]
				if a == nil {
					if def := l.Attr(name); def != nil {
						// a value outside an enum the schema has extends
						// it, unless the schema was given to check against
						if str, ok := v.(string); ok && def.Type == annotate.AttrEnum && !slices.Contains(def.Values, str) && !im.opt.StrictSchema {
							def.Values = append(def.Values, str)
							extended = append(extended, fmt.Sprintf("%s.%s (+%s)", k.label, name, strconv.Quote(str)))
						}
						continue
					}
					kind := sp.Kinds[name]
					if _, isBool := v.(bool); isBool {
						kind = annotate.AttrBool
					} else if kind == "" || kind == annotate.AttrBool {
						kind = annotate.AttrText
					}
					a = &annotate.AttrDef{Name: name, Type: kind}
					made[k] = a
					madeOrder = append(madeOrder, k)
				}
				if str, ok := v.(string); ok && a.Type == annotate.AttrEnum && !slices.Contains(a.Values, str) {
					a.Values = append(a.Values, str)
				}
			}
		}
	}
	var attrNotes []string
	for _, k := range madeOrder {
		a := made[k]
		order.Sort(a.Values)
		l := s.Label(k.label)
		l.Attributes = append(l.Attributes, *a)
		desc := string(a.Type)
		if a.Type == annotate.AttrEnum {
			desc += " " + strings.Join(a.Values, "|")
		}
		attrNotes = append(attrNotes, fmt.Sprintf("%s.%s (%s)", k.label, k.name, desc))
	}
	if len(attrNotes) > 0 {
		im.note("attributes added to the schema: %s", strings.Join(attrNotes, ", "))
	}
	if len(extended) > 0 {
		im.note("values added to enum attributes of the schema: %s", strings.Join(extended, ", "))
	}
	// Relation types, with the labels seen at each end.
	newRels := map[string]*annotate.RelationDef{}
	var relOrder []string
	for _, d := range im.docs {
		if len(d.Rels) == 0 {
			continue // (no map of its spans' labels to make)
		}
		label := map[string]string{}
		for _, sp := range d.Spans {
			label[sp.ID] = sp.Label
		}
		for _, r := range d.Rels {
			if r.Type == "" || (s.Relation(r.Type) != nil && newRels[r.Type] == nil) {
				continue
			}
			def := newRels[r.Type]
			if def == nil {
				def = &annotate.RelationDef{Name: r.Type}
				newRels[r.Type] = def
				relOrder = append(relOrder, r.Type)
			}
			if l, ok := label[r.From]; ok && !slices.Contains(def.From, l) {
				def.From = append(def.From, l)
			}
			if l, ok := label[r.To]; ok && !slices.Contains(def.To, l) {
				def.To = append(def.To, l)
			}
		}
	}
	var relNotes []string
	for _, name := range relOrder {
		def := newRels[name]
		if len(def.From) == 0 || len(def.To) == 0 {
			continue // its ends are unknown spans: populate reports them
		}
		order.Sort(def.From)
		order.Sort(def.To)
		s.Relations = append(s.Relations, *def)
		relNotes = append(relNotes, fmt.Sprintf("%s (%s → %s)", name, strings.Join(def.From, "|"), strings.Join(def.To, "|")))
	}
	if len(relNotes) > 0 {
		im.note("relation types added to the schema: %s", strings.Join(relNotes, ", "))
	}
	var newDocLabels []string
	for _, d := range im.docs {
		for _, l := range d.Labels {
			if !slices.Contains(s.DocLabels, l) {
				s.DocLabels = append(s.DocLabels, l)
				newDocLabels = append(newDocLabels, l)
			}
		}
	}
	if len(newDocLabels) > 0 {
		im.note("document labels added to the schema: %s", strings.Join(newDocLabels, ", "))
	}
	if es := s.Validate(); len(es) > 0 {
		for _, e := range es {
			e.Msg = "the schema after adding what the file uses is invalid: " + e.Msg
			// located at the span whose label it is, else at the file
			if rest, ok := strings.CutPrefix(e.Field, "schema.labels["); ok {
				n, _, _ := strings.Cut(rest, "]")
				if i, err := strconv.Atoi(n); err == nil {
					if o, ok := from[i]; ok && e.File == "" {
						e.File, e.Line, e.Doc = o.l.File, im.line(o.l), o.doc
					}
				}
			}
			if e.File == "" && len(im.docs) > 0 {
				e.File = im.docs[0].loc.File
			}
			im.errs = append(im.errs, e)
		}
	}
}

// populate builds the project. It returns, per layer, how many spans broke
// only the crossing rule; on the first pass those are not yet errors.
func (im *importer) populate(schema *annotate.Schema, final bool) (*annotate.Project, map[annotate.Layer]int) {
	p := annotate.NewProject(schema)
	var crossing map[annotate.Layer]int
	var pending annotate.Errors
	var spans []*annotate.Span
	var spanChunk []annotate.Span // (see takeRoom)
	var fragChunk []annotate.Fragment
	for _, rd := range im.docs {
		var d *annotate.Document
		var err error
		if rd.x != nil { // the text's index, built once (prepare)
			d, err = p.AddIndexedDocument(rd.ID, rd.Title, rd.x, rd.Meta)
		} else {
			d, err = p.AddDocument(rd.ID, rd.Title, rd.Text, rd.Meta)
		}
		if err != nil {
			e := err.(*annotate.Error)
			e.File, e.Line, e.Field = rd.loc.File, im.line(rd.loc), joinField(rd.loc.field(), e.Field)
			pending = append(pending, e)
			continue
		}
		switch {
		case rd.Status == "":
		case rd.Status.Valid():
			d.Status = rd.Status
		default:
			pending = append(pending, &annotate.Error{Code: annotate.CodeBadStatus, File: rd.loc.File, Line: im.line(rd.loc), Doc: d.ID,
				Field: joinField(rd.loc.field(), "status"), Msg: fmt.Sprintf("status %q is not one of todo, in_progress, done", rd.Status)})
		}
		d.Annotator = rd.Annotator
		if len(rd.Labels) > 0 {
			ls := slices.Clone(rd.Labels)
			order.Sort(ls)
			d.Labels = slices.Compact(ls)
		}
		if im.opt.AsSuggestions {
			pending = append(pending, im.suggestions(d, rd)...)
			continue
		}
		// The document's own spans (a second pass builds them again), in
		// one array, and their fragments in another: a dataset of 134,000
		// spans made 268,000 small objects here, a tenth of a large
		// import's allocations, which the page's wasm pays for in GC.
		spans = slices.Grow(spans[:0], len(rd.Spans))[:len(rd.Spans)] // (Populate keeps the spans, not the list)
		slab := takeRoom(&spanChunk, len(rd.Spans))[:len(rd.Spans)]
		nf := 0
		for _, s := range rd.Spans {
			nf += len(s.Frags)
		}
		frags := takeRoom(&fragChunk, nf)
		for i, s := range rd.Spans {
			k := len(frags)
			frags = append(frags, s.Frags...)
			// field by field into the zeroed slot (a whole Span copied
			// calls the runtime)
			sp := &slab[i]
			sp.ID, sp.Label, sp.Fragments, sp.Note = s.ID, s.Label, frags[k:len(frags):len(frags)], s.Note
			if len(s.Attrs) > 0 {
				sp.Attrs = maps.Clone(s.Attrs)
			}
			spans[i] = sp
		}
		rels := make([]*annotate.Relation, len(rd.Rels))
		for i, r := range rd.Rels {
			rels[i] = &annotate.Relation{ID: r.ID, Type: r.Type, From: r.From, To: r.To}
		}
		errs := d.PopulateOwned(spans, rels)
		var byID map[string]*rawSpan
		var relByID map[string]*rawRel
		if len(errs) > 0 { // (only errors need the raw spans by id)
			byID = make(map[string]*rawSpan, len(rd.Spans))
			for _, s := range rd.Spans {
				byID[s.ID] = s
			}
			relByID = make(map[string]*rawRel, len(rd.Rels))
			for _, r := range rd.Rels {
				relByID[r.ID] = r
			}
		}
		for _, e := range errs {
			switch {
			case e.Span != "" && byID[e.Span] != nil:
				s := byID[e.Span]
				l := s.loc
				if e.Code == annotate.CodeCrossingSpan && !final {
					if crossing == nil {
						crossing = map[annotate.Layer]int{}
					}
					crossing[schema.Label(s.Label).Layer]++
					continue
				}
				field := e.Field
				if name, ok := strings.CutPrefix(field, "attrs."); ok && s.AttrLoc != nil {
					if al, ok := s.AttrLoc[name]; ok {
						l, field = al, ""
					}
				}
				if s.Ref != "" && s.Ref != s.ID {
					e.Msg = s.Ref + ": " + e.Msg
				}
				e.File, e.Line, e.Field = l.File, im.line(l), joinField(l.field(), field)
			case e.Relation != "" && relByID[e.Relation] != nil:
				l := relByID[e.Relation].loc
				e.File, e.Line, e.Field = l.File, im.line(l), joinField(l.field(), e.Field)
			default:
				e.File, e.Line = rd.loc.File, im.line(rd.loc)
			}
			pending = append(pending, e)
		}
	}
	if len(crossing) > 0 && !final {
		// rebuilt with crossing allowed; errors then are the real ones
		return p, crossing
	}
	im.errs = append(im.errs, pending...)
	sortErrors(im.errs)
	return p, nil
}

// dropForSuggestions leaves out what a suggestion cannot hold (relations,
// attributes, notes), saying how many of each went, before the schema is
// extended: an import as suggestions adds only the labels it uses.
func (im *importer) dropForSuggestions() {
	rels, attrs, notes := 0, 0, 0
	for _, d := range im.docs {
		rels += len(d.Rels)
		d.Rels = nil
		for _, s := range d.Spans {
			attrs += len(s.Attrs)
			if s.Note != "" {
				notes++
			}
			s.Attrs, s.Kinds, s.AttrLoc, s.Note = nil, nil, nil, ""
		}
	}
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{rels, "relation"}, {attrs, "attribute value"}, {notes, "note"}} {
		if c.n > 0 {
			parts = append(parts, count(c.n, c.what))
		}
	}
	if len(parts) > 0 {
		im.note("imported as suggestions, which hold a label, offsets and a score: %s not imported", strings.Join(parts, ", "))
	}
}

// suggestions gives d the spans read for it as open suggestions of source
// "import", with their scores; a problem is located where the span came
// from, as for a span.
func (im *importer) suggestions(d *annotate.Document, rd *rawDoc) annotate.Errors {
	gs := make([]annotate.Suggestion, len(rd.Spans))
	for i, s := range rd.Spans {
		gs[i] = annotate.Suggestion{Label: s.Label, Fragments: slices.Clone(s.Frags), Source: annotate.SourceImport}
		if s.Score != nil {
			gs[i].Score, gs[i].Scored = *s.Score, true
		}
	}
	_, es := d.AddSuggestions(gs)
	for _, e := range es {
		// "suggestions[i].field": the i-th span of the file's document
		i, field := 0, ""
		if rest, ok := strings.CutPrefix(e.Field, "suggestions["); ok {
			n, tail, _ := strings.Cut(rest, "]")
			i, _ = strconv.Atoi(n)
			field = strings.TrimPrefix(tail, ".")
		}
		s := rd.Spans[i]
		if s.Ref != "" {
			e.Msg = s.Ref + ": " + e.Msg
		}
		e.File, e.Line, e.Field = s.loc.File, im.line(s.loc), joinField(s.loc.field(), field)
	}
	return es
}

// sortErrors orders errors by file and line, so a long list reads top to
// bottom like the file.
func sortErrors(es annotate.Errors) {
	order.StableFunc(es, func(a, b *annotate.Error) int {
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
}
