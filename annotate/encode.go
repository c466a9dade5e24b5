package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/internal/jsonw"
)

// The project file is written by hand rather than by encoding/json with
// SetIndent: re-indenting a megabyte of article text and tens of thousands
// of spans was most of the cost of saving, and the core, compiled to
// WebAssembly, must not link encoding/json (imports_test.go). The output is
// exactly what encoding/json would write (TestProjectFileGolden and the
// round-trip tests check it), so the format stays plain JSON.

// jw appends JSON: indented as encoding/json's MarshalIndent with an indent
// of two spaces, or compact (as json.Marshal) when compact is set.
type jw struct {
	b       []byte
	compact bool
	err     error // a value JSON cannot hold (NaN, an unsupported type)
}

func (w *jw) nl(depth int) {
	if w.compact {
		return
	}
	w.b = append(w.b, '\n')
	for range depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// key writes `"name": ` on a new line at depth (`"name":` when compact).
func (w *jw) key(depth int, name string, first bool) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.nl(depth)
	w.str(name)
	if w.compact {
		w.b = append(w.b, ':')
		return
	}
	w.b = append(w.b, ':', ' ')
}

func (w *jw) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// str appends s as a JSON string (see jsonw.AppendString).
func (w *jw) str(s string) { w.b = jsonw.AppendString(w.b, s) }

// value writes an attribute value. Through the API only strings and
// booleans get into a document (CheckValue refuses the rest), but a Span
// handed out is a pointer whose map a careless caller could fill: the
// other values JSON decodes to are written as encoding/json writes them,
// and anything else makes the save fail instead of writing a broken file.
func (w *jw) value(v any, depth int) {
	switch v := v.(type) {
	case string:
		w.str(v)
	case bool:
		w.b = strconv.AppendBool(w.b, v)
	case nil:
		w.b = append(w.b, "null"...)
	case float64:
		w.float(v)
	case int:
		w.int(v)
	case []any:
		if v == nil {
			w.b = append(w.b, "null"...)
			return
		}
		w.array(depth, len(v), func(i int) { w.value(v[i], depth+1) })
	case map[string]any:
		if v == nil {
			w.b = append(w.b, "null"...)
			return
		}
		w.b = append(w.b, '{')
		keys := order.Keys(v)
		for i, k := range keys {
			w.key(depth+1, k, i == 0)
			w.value(v[k], depth+1)
		}
		if len(keys) > 0 {
			w.nl(depth)
		}
		w.b = append(w.b, '}')
	default:
		w.fail("an attribute value of an unsupported type")
	}
}

// float writes a number as encoding/json does: like %g with the shortest
// digits, but without an exponent between 1e-6 and 1e21, and with e-7
// rather than e-07.
func (w *jw) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.fail("an attribute value is " + strconv.FormatFloat(f, 'g', -1, 64) + ", which JSON cannot hold")
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		if n := len(w.b); n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

func (w *jw) fail(msg string) {
	if w.err == nil {
		w.err = &Error{Code: CodeInternal, Msg: "cannot write the project: " + msg}
	}
	w.b = append(w.b, "null"...)
}

// array writes an n-element array whose opening bracket is at depth: "[]"
// when empty, else one element per line, each written by elem.
func (w *jw) array(depth, n int, elem func(i int)) {
	if n == 0 {
		w.b = append(w.b, '[', ']')
		return
	}
	w.b = append(w.b, '[')
	for i := range n {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.nl(depth + 1)
		elem(i)
	}
	w.nl(depth)
	w.b = append(w.b, ']')
}

func (w *jw) strList(depth int, xs []string) {
	w.array(depth, len(xs), func(i int) { w.str(xs[i]) })
}

func (p *Project) encode(compact bool) ([]byte, error) {
	// Sized from the texts and spans up front: grown by append, a 36 MB
	// file of 20,000 records was copied over and over (0.7 s in the page).
	size, perSpan := 1<<16, 240 // a span takes 230 bytes indented, 90 compact
	if compact {
		perSpan = 100
	}
	for _, d := range p.docs {
		size += len(d.Text())*11/10 + len(d.spans)*perSpan + 256
	}
	w := &jw{b: make([]byte, 0, size), compact: compact}
	w.b = append(w.b, '{')
	w.key(1, "format", true)
	w.str(FormatName)
	w.key(1, "version", false)
	w.int(p.fileVersion())
	w.key(1, "schema", false)
	w.schema(p.Schema, 1)
	w.key(1, "documents", false)
	w.array(1, len(p.docs), func(i int) { p.docs[i].encode(w, 2) })
	w.nl(0)
	w.b = append(w.b, '}', '\n')
	if w.err != nil {
		return nil, w.err
	}
	return w.b, nil
}

// fileVersion is the lowest file version that holds the project (see
// FormatVersion).
func (p *Project) fileVersion() int {
	v := 1
	for _, d := range p.docs {
		if d.HasSuggestions() || d.Meta.Extra != "" {
			return 3 // suggestions, or another tool's metadata (meta.extra)
		}
		if d.Annotator != "" || len(d.Undecided) > 0 {
			v = 2
		}
		for _, s := range d.spans {
			if s.Annotators != nil || s.Adjudicated {
				return 3
			}
		}
	}
	return v
}

func (d *Document) encode(w *jw, dp int) {
	w.b = append(w.b, '{')
	w.key(dp+1, "id", true)
	w.str(d.ID)
	w.key(dp+1, "title", false)
	w.str(d.Title)
	w.key(dp+1, "meta", false)
	w.meta(d.Meta, dp+1)
	w.key(dp+1, "status", false)
	w.str(string(d.Status))
	if d.Annotator != "" {
		w.key(dp+1, "annotator", false)
		w.str(d.Annotator)
	}
	if len(d.Labels) > 0 {
		w.key(dp+1, "labels", false)
		w.strList(dp+1, d.Labels)
	}
	w.key(dp+1, "text", false)
	w.str(d.Text())
	w.key(dp+1, "spans", false)
	spans := d.Spans()
	w.array(dp+1, len(spans), func(i int) { d.encodeSpan(w, dp+2, spans[i]) })
	w.key(dp+1, "relations", false)
	rels := d.Relations()
	w.array(dp+1, len(rels), func(i int) { w.relation(rels[i], dp+2) })
	if len(d.Undecided) > 0 {
		w.key(dp+1, "undecided", false)
		d.encodeCandidates(w, dp+1)
	}
	if d.HasSuggestions() {
		w.key(dp+1, "suggestions", false)
		d.encodeSuggestions(w, dp+1)
	}
	w.nl(dp)
	w.b = append(w.b, '}')
}

// relation writes a relation as the project file holds it (also in the
// undo history, history.go).
func (w *jw) relation(r *Relation, dp int) {
	w.b = append(w.b, '{')
	w.key(dp+1, "id", true)
	w.str(r.ID)
	w.key(dp+1, "type", false)
	w.str(r.Type)
	w.key(dp+1, "from", false)
	w.str(r.From)
	w.key(dp+1, "to", false)
	w.str(r.To)
	w.nl(dp)
	w.b = append(w.b, '}')
}

// meta writes a document's metadata, empty fields left out (omitempty).
func (w *jw) meta(m Meta, dp int) {
	first := true
	w.b = append(w.b, '{')
	for _, kv := range [...][2]string{{"source", m.Source}, {"url", m.URL}, {"date", m.Date}} {
		if kv[1] != "" {
			w.key(dp+1, kv[0], first)
			w.str(kv[1])
			first = false
		}
	}
	if m.Extra != "" {
		// as read: compact and in the file's order (see Meta.Extra)
		w.key(dp+1, "extra", first)
		w.b = append(w.b, m.Extra...)
		first = false
	}
	if !first {
		w.nl(dp)
	}
	w.b = append(w.b, '}')
}

// encodeFrags writes the fragments of a span or suggestion at depth dp+1,
// each with the text it covers (a check a reader can make).
func (d *Document) encodeFrags(w *jw, dp int, fs []Fragment) {
	w.array(dp+1, len(fs), func(i int) {
		f := fs[i]
		w.b = append(w.b, '{')
		w.key(dp+3, "start", true)
		w.int(f.Start)
		w.key(dp+3, "end", false)
		w.int(f.End)
		w.key(dp+3, "text", false)
		w.str(d.text.Slice(f.Start, f.End))
		w.nl(dp + 2)
		w.b = append(w.b, '}')
	})
}

func (d *Document) encodeSpan(w *jw, dp int, s *Span) {
	w.b = append(w.b, '{')
	w.key(dp+1, "id", true)
	w.str(s.ID)
	w.key(dp+1, "label", false)
	w.str(s.Label)
	w.key(dp+1, "fragments", false)
	d.encodeFrags(w, dp, s.Fragments)
	if len(s.Attrs) > 0 {
		w.key(dp+1, "attrs", false)
		w.b = append(w.b, '{')
		keys := make([]string, 0, len(s.Attrs))
		for k := range s.Attrs {
			keys = append(keys, k)
		}
		order.Func(keys, strings.Compare)
		for i, k := range keys {
			w.key(dp+2, k, i == 0)
			w.value(s.Attrs[k], dp+2)
		}
		w.nl(dp + 1)
		w.b = append(w.b, '}')
	}
	if s.Note != "" {
		w.key(dp+1, "note", false)
		w.str(s.Note)
	}
	if s.Annotators != nil {
		w.key(dp+1, "annotators", false)
		w.strList(dp+1, s.Annotators)
	}
	if s.Adjudicated {
		w.key(dp+1, "adjudicated", false)
		w.b = append(w.b, "true"...)
	}
	w.nl(dp)
	w.b = append(w.b, '}')
}

// schema writes the schema as encoding/json writes a *Schema: nil slices
// and maps as null, empty ones as [] and {}, the omitempty fields left out
// when empty, map keys sorted.
func (w *jw) schema(s *Schema, dp int) {
	if s == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '{')
	w.key(dp+1, "labels", true)
	w.list(dp+1, s.Labels == nil, len(s.Labels), func(i int) { w.labelDef(&s.Labels[i], dp+2) })
	w.key(dp+1, "relations", false)
	w.list(dp+1, s.Relations == nil, len(s.Relations), func(i int) { w.relationDef(&s.Relations[i], dp+2) })
	w.key(dp+1, "overlap", false)
	if s.Overlap == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.b = append(w.b, '{')
		layers := order.Keys(s.Overlap)
		for i, l := range layers {
			w.key(dp+2, string(l), i == 0)
			w.b = append(w.b, '{')
			w.key(dp+3, "crossing", true)
			w.b = strconv.AppendBool(w.b, s.Overlap[l].Crossing)
			w.nl(dp + 2)
			w.b = append(w.b, '}')
		}
		if len(layers) > 0 {
			w.nl(dp + 1)
		}
		w.b = append(w.b, '}')
	}
	if len(s.DocLabels) > 0 {
		w.key(dp+1, "doc_labels", false)
		w.strList(dp+1, s.DocLabels)
	}
	w.nl(dp)
	w.b = append(w.b, '}')
}

// list is array for a slice that may be nil (written null).
func (w *jw) list(depth int, isNil bool, n int, elem func(i int)) {
	if isNil {
		w.b = append(w.b, "null"...)
		return
	}
	w.array(depth, n, elem)
}

func (w *jw) labelDef(l *LabelDef, dp int) {
	w.b = append(w.b, '{')
	w.key(dp+1, "name", true)
	w.str(l.Name)
	w.key(dp+1, "layer", false)
	w.str(string(l.Layer))
	w.key(dp+1, "color", false)
	w.str(l.Color)
	if l.Hotkey != "" {
		w.key(dp+1, "hotkey", false)
		w.str(l.Hotkey)
	}
	if l.Description != "" {
		w.key(dp+1, "description", false)
		w.str(l.Description)
	}
	if len(l.Attributes) > 0 {
		w.key(dp+1, "attributes", false)
		w.array(dp+1, len(l.Attributes), func(i int) {
			a := &l.Attributes[i]
			w.b = append(w.b, '{')
			w.key(dp+3, "name", true)
			w.str(a.Name)
			w.key(dp+3, "type", false)
			w.str(string(a.Type))
			if len(a.Values) > 0 {
				w.key(dp+3, "values", false)
				w.strList(dp+3, a.Values)
			}
			w.nl(dp + 2)
			w.b = append(w.b, '}')
		})
	}
	w.nl(dp)
	w.b = append(w.b, '}')
}

func (w *jw) relationDef(r *RelationDef, dp int) {
	w.b = append(w.b, '{')
	w.key(dp+1, "name", true)
	w.str(r.Name)
	w.key(dp+1, "from", false)
	w.list(dp+1, r.From == nil, len(r.From), func(i int) { w.str(r.From[i]) })
	w.key(dp+1, "to", false)
	w.list(dp+1, r.To == nil, len(r.To), func(i int) { w.str(r.To[i]) })
	w.nl(dp)
	w.b = append(w.b, '}')
}
