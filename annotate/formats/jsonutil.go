package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// Helpers shared by the JSON-based formats.

// marshal encodes v without HTML escaping, so <, > and & in texts stay
// readable and the bytes match what Python's json.dumps(ensure_ascii=False)
// would give for the same text.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// decodeError turns a JSON decoding error into a message and, when the
// error knows it, the byte offset and field.
func decodeError(err error) (msg string, off int64, field string) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "not valid JSON: " + se.Error(), se.Offset, ""
	case errors.As(err, &te):
		return fmt.Sprintf("expected %s, found a JSON %s", te.Type, te.Value), te.Offset, te.Field
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON is empty or cut short", -1, ""
	}
	return strings.TrimPrefix(err.Error(), "json: "), -1, ""
}

func lineAt(data []byte, off int64) int {
	if off < 0 {
		return 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// jsonLineOf returns a function that finds the line where a field path
// such as "[0].annotations[0].result[4].value" starts in data. Its first
// call reads the file once, token by token, noting where every value
// starts; each call is then a map look-up. (Re-reading the file for each
// call took 12 minutes for the 9,716 shifted spans of a 1M-character
// task.) Good files pay nothing: it runs only for errors and report lines.
func jsonLineOf(data []byte) func(field string) int {
	var starts map[string]int64
	var nls []int
	return func(field string) int {
		path, ok := parseField(field)
		if !ok {
			return 0
		}
		if starts == nil {
			starts = indexJSON(data)
			for i, c := range data {
				if c == '\n' {
					nls = append(nls, i)
				}
			}
		}
		off, ok := starts[pathKey(path)]
		if !ok {
			return 0
		}
		return sort.SearchInts(nls, int(off)) + 1 // the newlines before off, + 1
	}
}

// pathKey is a map key for a parsed field path.
func pathKey(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			b.WriteString("\x00.")
			b.WriteString(p)
		case int:
			b.WriteString("\x00#")
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// indexJSON maps the path of every value in data (pathKey) to where it is:
// the offset of its opening bracket, or just past a scalar. Where a key is
// given twice the first counts; reading stops at the first syntax error.
func indexJSON(data []byte) map[string]int64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	out := map[string]int64{}
	var walk func(path []any) bool
	walk = func(path []any) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		off := dec.InputOffset()
		if _, isDelim := tok.(json.Delim); isDelim {
			off--
		}
		k := pathKey(path)
		if _, seen := out[k]; !seen {
			out[k] = off
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return false
				}
				key, _ := k.(string)
				if !walk(append(path, key)) {
					return false
				}
			}
			_, err = dec.Token()
			return err == nil
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if !walk(append(path, i)) {
					return false
				}
			}
			_, err = dec.Token()
			return err == nil
		}
		return true
	}
	walk(nil)
	return out
}

// parseField splits "[0].a.b[2]" into 0, "a", "b", 2.
func parseField(f string) ([]any, bool) {
	var out []any
	for f != "" {
		switch {
		case f[0] == '.':
			f = f[1:]
		case f[0] == '[':
			i := strings.IndexByte(f, ']')
			if i < 0 {
				return nil, false
			}
			n, err := strconv.Atoi(f[1:i])
			if err != nil {
				return nil, false
			}
			out = append(out, n)
			f = f[i+1:]
		default:
			i := strings.IndexAny(f, ".[")
			if i < 0 {
				i = len(f)
			}
			out = append(out, f[:i])
			f = f[i:]
		}
	}
	return out, true
}

// tooManyRecords refuses JSON Lines files holding more records (non-blank
// lines) than a project holds documents, before any is decoded: a million
// records took minutes to decode in the page only to be refused then.
func tooManyRecords(files []File) error {
	n := 0
	for _, f := range files {
		for data := f.Data; len(data) > 0; {
			line := data
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				data = nil
			}
			if len(bytes.TrimSpace(line)) > 0 {
				n++
			}
		}
	}
	if n > annotate.MaxDocuments {
		return annotate.Errors{annotate.TooManyDocuments(n)}
	}
	return nil
}

// jsonLines splits JSONL data into non-blank lines with their 1-based line
// numbers. A final line without a newline counts (Prodigy writes those).
func jsonLines(data []byte, fn func(line int, rec []byte)) {
	n := 0
	for len(data) > 0 {
		n++
		rec := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			rec, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		rec = bytes.TrimSpace(rec)
		if n == 1 {
			rec = bytes.TrimPrefix(rec, []byte("\ufeff"))
		}
		if len(rec) > 0 {
			fn(n, rec)
		}
	}
}

// inventory counts what a project holds that a format may not, so export
// reports name exactly what was lost.
type inventory struct {
	docs, spans, multi, rels, attrs, notes int
	titles, meta, extra, status, docLabels int
	nonEntity                              int // spans outside the entity layer
}

func take(p *annotate.Project) inventory {
	var v inventory
	for _, d := range p.Documents() {
		v.docs++
		if d.Title != "" {
			v.titles++
		}
		if d.Meta.Source != "" || d.Meta.URL != "" || d.Meta.Date != "" {
			v.meta++
		}
		if d.Meta.Extra != "" {
			v.extra++
		}
		if d.Status != annotate.StatusTodo && d.Status != "" {
			v.status++
		}
		if len(d.Labels) > 0 {
			v.docLabels++
		}
		v.rels += d.NumRelations()
		for _, s := range d.Spans() {
			v.spans++
			if len(s.Fragments) > 1 {
				v.multi++
			}
			v.attrs += len(s.Attrs)
			if s.Note != "" {
				v.notes++
			}
			if l := p.Schema.Label(s.Label); l == nil || l.Layer != annotate.LayerEntity {
				v.nonEntity++
			}
		}
	}
	return v
}

// docLoss reports document fields a format cannot hold.
func (v inventory) docLoss(rep *Report, format string, titles, meta, status, labels bool) {
	var lost []string
	if !titles && v.titles > 0 {
		lost = append(lost, count(v.titles, "title"))
	}
	if !meta && v.meta > 0 {
		lost = append(lost, "source/url/date of "+count(v.meta, "document"))
	}
	if !meta && v.extra > 0 {
		lost = append(lost, "other metadata (from doccano, Prodigy or Label Studio) of "+count(v.extra, "document"))
	}
	if !status && v.status > 0 {
		lost = append(lost, "status of "+count(v.status, "document"))
	}
	if !labels && v.docLabels > 0 {
		lost = append(lost, "document labels of "+count(v.docLabels, "document"))
	}
	if len(lost) > 0 {
		rep.add("%s: not representable, dropped: %s", format, strings.Join(lost, ", "))
	}
}

// decodeRecord decodes one JSON Lines record into v and counts the
// top-level keys the format does not know, so the importer can report them
// rather than drop them silently. On failure it returns the message and
// the field of the decoding problem.
//
// The record is decoded once; its keys are then read by topKeys, which
// needs no decoding of its own once Unmarshal has found the record valid
// (decoding it a second time, into a map of raw values, was a third of a
// large import's time and allocations).
func decodeRecord(rec []byte, known []string, ignored map[string]int, v any) (msg, field string, ok bool) {
	if err := json.Unmarshal(rec, v); err != nil {
		// A record that is not an object says so before its fields do.
		var keys map[string]json.RawMessage
		if kerr := json.Unmarshal(rec, &keys); kerr != nil {
			err = kerr
		}
		for k := range keys {
			if !slices.Contains(known, k) {
				ignored[k]++
			}
		}
		msg, _, field := decodeError(err)
		return msg, field, false
	}
	var seen []string // a key given twice counts once, as in a map
	topKeys(rec, func(k []byte) {
		if !slices.Contains(known, string(k)) && !slices.Contains(seen, string(k)) {
			seen = append(seen, string(k))
			ignored[string(k)]++
		}
	})
	return "", "", true
}

// topKeys calls fn with each key of the JSON object rec, which must be
// valid JSON (json.Unmarshal into a struct accepted it, so it is an object
// or null), unescaped, in order. A key repeated is given each time.
func topKeys(rec []byte, fn func(key []byte)) {
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return // null
	}
	i++
	for {
		i = skipSpace(rec, i)
		if i >= len(rec) || rec[i] == '}' {
			return
		}
		if rec[i] == ',' {
			i = skipSpace(rec, i+1)
		}
		end := skipString(rec, i)
		key := rec[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var k string
			if json.Unmarshal(rec[i:end], &k) == nil {
				key = []byte(k)
			}
		}
		fn(key)
		i = skipSpace(rec, end)
		i = skipValue(rec, skipSpace(rec, i+1)) // past the ':'
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the JSON string starting at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just past the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			i = skipString(b, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the enclosing object
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}
