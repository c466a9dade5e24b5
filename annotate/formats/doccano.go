package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// Doccano is doccano's JSONL for sequence labelling and relation
// extraction. Export writes the relation shape, which doccano imports into
// both project types:
//
//	{"doc_id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//	 "relations": [{"id", "from_id", "to_id", "type"}], "title", "source", "url", "date"}
//
// (doccano keeps keys it does not know, here doc_id and title, as metadata.)
// A record's other top-level fields ("meta", "id", "Comments", …) are
// what doccano keeps as the example's metadata (its importer takes every
// column but the text and the labels; its exporter writes them back at the
// top level): they are kept with the document (Meta.Extra) and written
// back after the fields above, values as the file had them.
// Span "s<n>" is entity id n and relation "r<n>" relation id n, so ids
// survive a round trip. doccano has no discontinuous entities: each extra
// fragment of a multi-fragment span becomes its own entity (relations keep
// pointing at the first), and attributes, notes, status and document labels
// are lost; the report counts each.
//
// Import also reads the older shape "label": [[start, end, "LABEL"], …].
// A record with no "text" is an error; exact duplicate spans are kept once
// and reported.
//
// Offsets count UTF-16 code units both ways by default: doccano's
// annotation view (v-annotator) places a span by JavaScript string index,
// and its files carry no span text that would reveal a shift. Datasets
// made by doccano's backend or a Python script count code points, and a
// doccano project in grapheme mode counts grapheme clusters; the options'
// Offsets chooses. An offset the chosen unit cannot say (inside a
// surrogate pair on import, inside a grapheme cluster on export) is an
// error naming the record and span, never rounded.
type Doccano struct{}

// doccanoUnit is the unit a doccano file is read or written in.
func doccanoUnit(u Unit) Unit {
	if u == UnitDefault {
		return UnitUTF16
	}
	return u
}

func (Doccano) Name() string { return "doccano" }

type doccanoEnt struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
	Start int    `json:"start_offset"`
	End   int    `json:"end_offset"`
}

type doccanoRel struct {
	ID   int    `json:"id"`
	From int    `json:"from_id"`
	To   int    `json:"to_id"`
	Type string `json:"type"`
}

type doccanoDoc struct {
	DocID     string       `json:"doc_id"`
	Text      string       `json:"text"`
	Entities  []doccanoEnt `json:"entities"`
	Relations []doccanoRel `json:"relations"`
	Title     string       `json:"title,omitempty"`
	Source    string       `json:"source,omitempty"`
	URL       string       `json:"url,omitempty"`
	Date      string       `json:"date,omitempty"`
}

// numericIDs maps "s7" to 7 and gives other ids the next free numbers.
func numericIDs(ids []string, prefix string) (map[string]int, int) {
	out := make(map[string]int, len(ids))
	used := map[int]bool{}
	maxN := 0
	for _, id := range ids {
		if n, err := strconv.Atoi(strings.TrimPrefix(id, prefix)); err == nil && strings.HasPrefix(id, prefix) && n >= 0 && strconv.Itoa(n) == id[len(prefix):] && !used[n] {
			used[n] = true
			out[id] = n
			maxN = max(maxN, n)
		}
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			maxN++
			out[id] = maxN
		}
	}
	return out, maxN
}

func (Doccano) Export(p *annotate.Project, opt ExportOptions) ([]File, Report, error) {
	var b bytes.Buffer
	var rep Report
	var errs annotate.Errors
	unit := doccanoUnit(opt.Offsets)
	v := take(p)
	lostMeta := map[string]int{}
	for _, d := range p.Documents() {
		var conv *units
		if unit != UnitCodePoint {
			conv = newUnits(unit, annotate.NewTextIndex(d.Text()))
		}
		spans := d.Spans()
		ids := make([]string, len(spans))
		for i, s := range spans {
			ids[i] = s.ID
		}
		eid, next := numericIDs(ids, "s")
		rec := doccanoDoc{DocID: d.ID, Text: d.Text(), Entities: []doccanoEnt{}, Relations: []doccanoRel{},
			Title: d.Title, Source: d.Meta.Source, URL: d.Meta.URL, Date: d.Meta.Date}
		for _, s := range spans {
			for k, f := range s.Fragments {
				id := eid[s.ID]
				if k > 0 {
					next++
					id = next
				}
				start, end := f.Start, f.End
				if conv != nil {
					var problem string
					if start, end, problem = conv.fragOut(f); problem != "" {
						errs = append(errs, &annotate.Error{Code: annotate.CodeSplitsGrapheme, Doc: d.ID, Span: s.ID,
							Msg: fmt.Sprintf("span %s %s: %s; export with code point offsets, or fix the span", s.ID, s.Label, problem)})
						continue
					}
				}
				rec.Entities = append(rec.Entities, doccanoEnt{ID: id, Label: s.Label, Start: start, End: end})
			}
		}
		rels := d.Relations()
		rids := make([]string, len(rels))
		for i, r := range rels {
			rids[i] = r.ID
		}
		rid, _ := numericIDs(rids, "r")
		for _, r := range rels {
			rec.Relations = append(rec.Relations, doccanoRel{ID: rid[r.ID], From: eid[r.From], To: eid[r.To], Type: r.Type})
		}
		line, err := marshal(rec)
		if err != nil {
			return nil, nil, err
		}
		line = withMembers(line, splitExtra(d.Meta.Extra, doccanoTaken, lostMeta))
		b.Write(line)
		b.WriteByte('\n')
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	if v.multi > 0 {
		rep.add("doccano: %s written as one entity per fragment (doccano has no discontinuous entities)", count(v.multi, "multi-fragment span"))
	}
	var lost []string
	if v.attrs > 0 {
		lost = append(lost, count(v.attrs, "attribute value"))
	}
	if v.notes > 0 {
		lost = append(lost, count(v.notes, "note"))
	}
	if len(lost) > 0 {
		rep.add("doccano: not representable, dropped: %s", strings.Join(lost, ", "))
	}
	v.docLoss(&rep, "doccano", true, true, false, false)
	extraLoss(&rep, "doccano", lostMeta, "doccano would read them as its own")
	return []File{{Name: "project.jsonl", Data: b.Bytes()}}, rep, nil
}

type doccanoEntIn struct {
	ID    json.RawMessage `json:"id"`
	Label string          `json:"label"`
	Start *int            `json:"start_offset"`
	End   *int            `json:"end_offset"`
}

type doccanoRelIn struct {
	ID   json.RawMessage `json:"id"`
	From json.RawMessage `json:"from_id"`
	To   json.RawMessage `json:"to_id"`
	Type string          `json:"type"`
}

type doccanoIn struct {
	Text      *string        `json:"text"`
	DocID     string         `json:"doc_id"`
	Title     string         `json:"title"`
	Source    string         `json:"source"`
	URL       string         `json:"url"`
	Date      string         `json:"date"`
	Label     []doccanoLabel `json:"label"`
	Entities  []doccanoEntIn `json:"entities"`
	Relations []doccanoRelIn `json:"relations"`
}

var doccanoKnown = []string{"text", "doc_id", "title", "source", "url", "date", "label", "entities", "relations"}

// doccanoTaken are the top-level keys an export writes itself or doccano
// reads as labels: other metadata with these names is not written.
var doccanoTaken = append([]string{"cats"}, doccanoKnown...)

// doccanoLabel is one doccano label, [start, end, "LABEL"], decoded where
// it stands: a dataset of 134,000 labels decoded each into raw parts and
// then each part took seconds in the page. ok is false, and raw holds the
// value for the message, when it is not such a triple.
type doccanoLabel struct {
	start, end int
	label      string
	ok         bool
	raw        []byte
}

func (lb *doccanoLabel) UnmarshalJSON(b []byte) error {
	if lb.start, lb.end, lb.label, lb.ok = plainTriple(b); !lb.ok {
		lb.start, lb.end, lb.label, lb.ok = labelTriple(b)
	}
	if !lb.ok {
		lb.raw = bytes.Clone(b)
	}
	return nil // a bad label is reported with its place, not as a bad record
}

// plainTriple reads the common form of a label, two integers and a string
// without escapes (b is a valid JSON value: the decoder checked it); false
// for anything else, which labelTriple reads.
func plainTriple(b []byte) (start, end int, label string, ok bool) {
	return plainTripleNamed(b, nil)
}

// plainTripleNamed is plainTriple with name making the label's string
// (doccanoReader.name; nil: string(b)).
func plainTripleNamed(b []byte, name func([]byte) string) (start, end int, label string, ok bool) {
	i := 0
	ws := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	num := func() (int, bool) {
		j := i
		if i < len(b) && b[i] == '-' {
			i++
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(string(b[j:i]))
		return n, err == nil
	}
	punct := func(c byte) bool {
		ws()
		if i < len(b) && b[i] == c {
			i++
			ws()
			return true
		}
		return false
	}
	var ok1, ok2 bool
	if !punct('[') {
		return
	}
	if start, ok1 = num(); !ok1 || !punct(',') {
		return
	}
	if end, ok2 = num(); !ok2 || !punct(',') || i >= len(b) || b[i] != '"' {
		return
	}
	j := i + 1
	for i = j; i < len(b) && b[i] != '"' && b[i] != '\\'; i++ {
	}
	if i >= len(b) || b[i] != '"' || !utf8.Valid(b[j:i]) {
		return
	}
	if name != nil {
		label = name(b[j:i])
	} else {
		label = string(b[j:i])
	}
	i++
	if !punct(']') || i != len(b) || label == "" {
		return 0, 0, "", false
	}
	return start, end, label, true
}

// labelTriple reads any label plainTriple does not: escapes in the label,
// spacing, and what is not a label at all (false).
func labelTriple(raw []byte) (start, end int, label string, ok bool) {
	var t []json.RawMessage
	if json.Unmarshal(raw, &t) != nil || len(t) != 3 ||
		json.Unmarshal(t[0], &start) != nil || json.Unmarshal(t[1], &end) != nil || json.Unmarshal(t[2], &label) != nil || label == "" {
		return 0, 0, "", false
	}
	return start, end, label, true
}

// rawID renders a JSON id (number or string) as a string; "" when absent.
func rawID(r json.RawMessage) (string, bool) {
	if len(r) == 0 || string(r) == "null" {
		return "", true
	}
	// the usual ids, an integer or a plain string, without json.Unmarshal
	// (an id a span and a relation: two failing Unmarshals, with
	// reflection, for each integer id)
	if id, ok := plainID(r); ok {
		return id, true
	}
	return unmarshalID(r)
}

// unmarshalID reads any id json.Unmarshal can: a string, with its escapes,
// or a number as written.
func unmarshalID(r json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(r, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// plainID is rawID for an integer as JSON writes it (json.Number keeps
// its text) and a string without escapes, control characters or bytes
// that are not UTF-8 (which json.Unmarshal reads as it stands); false for
// anything else.
func plainID(r []byte) (string, bool) {
	if r[0] == '"' {
		if len(r) < 2 || r[len(r)-1] != '"' {
			return "", false
		}
		body := r[1 : len(r)-1]
		for _, c := range body {
			if c < 0x20 || c == '"' || c == '\\' {
				return "", false
			}
		}
		return string(body), utf8.Valid(body)
	}
	digits := r
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 1 && digits[0] == '0' {
		return "", false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return string(r), true
}

func (Doccano) Import(files []File, opt ImportOptions) (*annotate.Project, Report, error) {
	if err := tooManyRecords(files); err != nil {
		return nil, nil, err
	}
	im := newImporter("doccano", opt)
	unit := doccanoUnit(opt.Offsets)
	if unit != UnitUTF16 {
		im.note("offsets read as %s, not UTF-16 code units as doccano's annotation view writes them by default", unitName(unit))
	}
	ordinal := 0
	var rd doccanoReader
	var spanChunk []rawSpan // (see takeRoom)
	var fragChunk []annotate.Fragment
	for _, f := range files {
		ignored := map[string]int{} // unused: doccano keeps every other key (Meta.Extra)
		jsonLines(f.Data, func(line int, rec []byte) {
			ordinal++
			l := loc{File: f.Name, Line: line}
			in := &rd.in // (one for every record: none is kept)
			*in = doccanoIn{}
			// the other fields: what doccano keeps as the example's meta
			var extra extraBuilder
			if !rd.decodeFast(rec, in, &extra) { // (doccanofast.go)
				*in, extra = doccanoIn{}, nil
				if msg, field, ok := decodeRecord(rec, doccanoKnown, ignored, in); !ok {
					im.fail(joinLoc(l, field), annotate.CodeBadFormat, "", "%s", msg)
					return
				}
				objectMembers(rec, func(k string, v []byte) {
					if !slices.Contains(doccanoKnown, k) {
						extra.add(k, v)
					}
				})
			}
			if in.Text == nil {
				im.fail(joinLoc(l, "text"), annotate.CodeBadFormat, "", `the record has no "text": doccano needs the text the offsets refer to`)
				return
			}
			d := &rawDoc{ID: in.DocID, Title: in.Title, Meta: annotate.Meta{Source: in.Source, URL: in.URL, Date: in.Date},
				Text: *in.Text, Status: annotate.StatusTodo, loc: l}
			d.Meta.Extra = extra.object()
			if d.ID == "" {
				d.ID = "doc-" + strconv.Itoa(ordinal)
			}
			var conv *units
			if unit != UnitCodePoint && (len(in.Entities) > 0 || len(in.Label) > 0) {
				d.x = annotate.NewTextIndex(d.Text)
				conv = newUnits(unit, d.x)
			}
			// frag converts a span's offsets from the file's unit, or
			// fails at el; false when it failed.
			frag := func(el loc, ref, label string, start, end int) (annotate.Fragment, bool) {
				if conv == nil {
					return annotate.Fragment{Start: start, End: end}, true
				}
				f, problem := conv.fragIn(start, end)
				if problem != "" {
					code := annotate.CodeSplitsGrapheme
					if start < 0 || end > conv.length() {
						code = annotate.CodeOutOfRange
					}
					what := "span"
					if ref != "" {
						what = "entity " + ref
					}
					im.fail(el, code, d.ID, "%s %s: %s (offsets read as %s; choose the unit the file uses)", what, label, problem, unitName(unit))
					return f, false
				}
				return f, true
			}
			ids := map[string]string{} // doccano entity id → span id
			// the record's spans and their fragments in one array each
			// (not two small objects a span: see importer.populate)
			n := len(in.Entities) + len(in.Label)
			slab, frags := takeRoom(&spanChunk, n), takeRoom(&fragChunk, n)
			if n > 0 {
				d.Spans = make([]*rawSpan, 0, n)
			}
			newSpan := func(label string, f annotate.Fragment, el loc) *rawSpan {
				frags = append(frags, f)
				// field by field into the (zeroed) slot: a whole
				// rawSpan copied calls the runtime, which in the page's
				// profile took as long as the rest of this record
				slab = slab[:len(slab)+1]
				s := &slab[len(slab)-1]
				s.Label, s.Frags, s.loc = label, frags[len(frags)-1:len(frags):len(frags)], el
				return s
			}
			for i, e := range in.Entities {
				el := itemLoc(l, "entities", i)
				id, ok := rawID(e.ID)
				if !ok {
					im.fail(joinLoc(el, "id"), annotate.CodeBadFormat, d.ID, "an entity id must be a number or a string")
					continue
				}
				if e.Start == nil || e.End == nil || e.Label == "" {
					im.fail(el, annotate.CodeBadFormat, d.ID, "an entity needs start_offset, end_offset and label")
					continue
				}
				f, ok := frag(el, id, e.Label, *e.Start, *e.End)
				if !ok {
					if id != "" {
						ids[id] = "s" + id // its relations are not reported as dangling too
					}
					continue
				}
				s := newSpan(e.Label, f, el)
				if id != "" {
					s.ID, s.Ref = "s"+id, id
					ids[id] = s.ID
				}
				d.Spans = append(d.Spans, s)
			}
			for i, lb := range in.Label {
				el := itemLoc(l, "label", i)
				if !lb.ok {
					im.fail(el, annotate.CodeBadFormat, d.ID, "a label is [start, end, \"LABEL\"], found %s", quoteShort(string(lb.raw)))
					continue
				}
				f, ok := frag(el, "", lb.label, lb.start, lb.end)
				if !ok {
					continue
				}
				d.Spans = append(d.Spans, newSpan(lb.label, f, el))
			}
			for i, r := range in.Relations {
				rl := itemLoc(l, "relations", i)
				id, ok1 := rawID(r.ID)
				from, ok2 := rawID(r.From)
				to, ok3 := rawID(r.To)
				if !ok1 || !ok2 || !ok3 || from == "" || to == "" || r.Type == "" {
					im.fail(rl, annotate.CodeBadFormat, d.ID, "a relation needs from_id, to_id and type")
					continue
				}
				rr := &rawRel{Type: r.Type, loc: rl}
				if id != "" {
					rr.ID = "r" + id
				}
				var bad bool
				for _, end := range []struct {
					ref string
					dst *string
				}{{from, &rr.From}, {to, &rr.To}} {
					sid, ok := ids[end.ref]
					if !ok {
						im.fail(rl, annotate.CodeUnknownSpan, d.ID, "relation refers to entity %s, which the record does not have", end.ref)
						bad = true
						break
					}
					*end.dst = sid
				}
				if !bad {
					d.Rels = append(d.Rels, rr)
				}
			}
			im.docs = append(im.docs, d)
		})
	}
	return im.build()
}
