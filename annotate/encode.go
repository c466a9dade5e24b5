package annotate

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/internal/jsonw"
)

// The project file is written by hand rather than by encoding/json with
// SetIndent: re-indenting a megabyte of article text and tens of thousands
// of spans was most of the cost of saving. The output is exactly what
// encoding/json would write (TestProjectFileGolden and the round-trip
// tests check it), so the format stays plain JSON.

type jw struct{ b []byte }

func (w *jw) nl(depth int) {
	w.b = append(w.b, '\n')
	for range depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// key writes `"name": ` on a new line at depth.
func (w *jw) key(depth int, name string, first bool) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.nl(depth)
	w.str(name)
	w.b = append(w.b, ':', ' ')
}

func (w *jw) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// str appends s as a JSON string (see jsonw.AppendString).
func (w *jw) str(s string) { w.b = jsonw.AppendString(w.b, s) }

// value writes an attribute value (string or bool; anything else through
// encoding/json, which only a hand-built Span could hold).
func (w *jw) value(v any, depth int) {
	switch v := v.(type) {
	case string:
		w.str(v)
	case bool:
		w.b = strconv.AppendBool(w.b, v)
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent(indentOf(depth), "  ")
		enc.Encode(v)
		w.b = append(w.b, bytes.TrimRight(buf.Bytes(), "\n")...)
	}
}

func indentOf(depth int) string {
	return string(bytes.Repeat([]byte("  "), depth))
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

func (p *Project) encode() ([]byte, error) {
	w := &jw{b: make([]byte, 0, 1<<16)}
	w.b = append(w.b, '{')
	w.key(1, "format", true)
	w.str(FormatName)
	w.key(1, "version", false)
	w.int(FormatVersion)
	w.key(1, "schema", false)
	var sb bytes.Buffer
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(p.Schema); err != nil {
		return nil, err
	}
	w.b = append(w.b, bytes.TrimRight(sb.Bytes(), "\n")...)
	w.key(1, "documents", false)
	w.array(1, len(p.docs), func(i int) { p.docs[i].encode(w, 2) })
	w.nl(0)
	w.b = append(w.b, '}', '\n')
	return w.b, nil
}

func (d *Document) encode(w *jw, dp int) {
	w.b = append(w.b, '{')
	w.key(dp+1, "id", true)
	w.str(d.ID)
	w.key(dp+1, "title", false)
	w.str(d.Title)
	w.key(dp+1, "meta", false)
	m := [][2]string{{"source", d.Meta.Source}, {"url", d.Meta.URL}, {"date", d.Meta.Date}}
	first := true
	w.b = append(w.b, '{')
	for _, kv := range m {
		if kv[1] != "" {
			w.key(dp+2, kv[0], first)
			w.str(kv[1])
			first = false
		}
	}
	if !first {
		w.nl(dp + 1)
	}
	w.b = append(w.b, '}')
	w.key(dp+1, "status", false)
	w.str(string(d.Status))
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
	w.array(dp+1, len(rels), func(i int) {
		r := rels[i]
		w.b = append(w.b, '{')
		w.key(dp+3, "id", true)
		w.str(r.ID)
		w.key(dp+3, "type", false)
		w.str(r.Type)
		w.key(dp+3, "from", false)
		w.str(r.From)
		w.key(dp+3, "to", false)
		w.str(r.To)
		w.nl(dp + 2)
		w.b = append(w.b, '}')
	})
	w.nl(dp)
	w.b = append(w.b, '}')
}

func (d *Document) encodeSpan(w *jw, dp int, s *Span) {
	w.b = append(w.b, '{')
	w.key(dp+1, "id", true)
	w.str(s.ID)
	w.key(dp+1, "label", false)
	w.str(s.Label)
	w.key(dp+1, "fragments", false)
	w.array(dp+1, len(s.Fragments), func(i int) {
		f := s.Fragments[i]
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
	if len(s.Attrs) > 0 {
		w.key(dp+1, "attrs", false)
		w.b = append(w.b, '{')
		keys := make([]string, 0, len(s.Attrs))
		for k := range s.Attrs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
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
	w.nl(dp)
	w.b = append(w.b, '}')
}
