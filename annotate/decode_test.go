package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The hand-written reader must read exactly what the encoding/json reader
// (refLoad) reads, except where decode.go says it is stricter on purpose:
// field names in another case, fields given twice, data after the
// top-level object. divergent finds those inputs; the reader must refuse
// them.
func divergent(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	why := ""
	var walk func(kind string) bool
	fields := map[string]map[string]string{ // kind → field → kind of its value
		"project":  {"format": "", "version": "", "schema": "schema", "documents": "doc"},
		"doc":      {"id": "", "title": "", "meta": "meta", "status": "", "labels": "", "text": "", "spans": "span", "relations": "rel"},
		"meta":     {"source": "", "url": "", "date": ""},
		"span":     {"id": "", "label": "", "fragments": "frag", "attrs": "attrs", "note": ""},
		"frag":     {"start": "", "end": "", "text": ""},
		"rel":      {"id": "", "type": "", "from": "", "to": ""},
		"schema":   {"labels": "labeldef", "relations": "reldef", "overlap": "overlap", "doc_labels": ""},
		"labeldef": {"name": "", "layer": "", "color": "", "hotkey": "", "description": "", "attributes": "attrdef"},
		"attrdef":  {"name": "", "type": "", "values": ""},
		"reldef":   {"name": "", "from": "", "to": ""},
		"policy":   {"crossing": ""},
	}
	fold := strings.NewReplacer("\u212a", "k", "\u017f", "s") // encoding/json folds these too
	walk = func(kind string) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return false
				}
				k := kt.(string)
				child := ""
				switch known := fields[kind]; {
				case kind == "attrs" || kind == "overlap":
					if seen[k] {
						why = "attribute or layer given twice"
					}
					seen[k] = true
					if kind == "overlap" {
						child = "policy"
					}
				case known != nil:
					fk := strings.ToLower(fold.Replace(k))
					if seen[fk] {
						why = fmt.Sprintf("field %q given twice", k)
					}
					seen[fk] = true
					if c, ok := known[k]; ok {
						child = c
					} else {
						for name := range known {
							if strings.EqualFold(fk, name) {
								why = fmt.Sprintf("field %q matches %q only in another case", k, name)
							}
						}
					}
				}
				if !walk(child) {
					return false
				}
			}
			_, err := dec.Token()
			return err == nil
		case json.Delim('['):
			for dec.More() {
				if !walk(kind) {
					return false
				}
			}
			_, err := dec.Token()
			return err == nil
		}
		return true
	}
	if !walk("project") {
		return why
	}
	if rest := bytes.Trim(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 && why == "" {
		why = "data after the top-level value"
	}
	return why
}

// sameLoad checks the hand-written reader against encoding/json on data.
func sameLoad(t *testing.T, data []byte) {
	t.Helper()
	p, es := load(data)
	rp, res := refLoad(data)
	if why := divergent(data); why != "" {
		// refused, as a read error or by its header
		if es == nil || es[0].Code != CodeBadFormat && es[0].Code != CodeBadVersion {
			t.Fatalf("%s: want bad_format, got %v", why, es)
		}
		return
	}
	switch {
	case es == nil && res == nil:
		if a, b := saved(t, p), saved(t, rp); !bytes.Equal(a, b) {
			t.Fatalf("the readers build different projects:\n%s\n---\n%s", a, b)
		}
	case es == nil:
		t.Fatalf("accepted; encoding/json refuses: %v", res)
	case res == nil:
		t.Fatalf("refused; encoding/json accepts: %v", es)
	default:
		switch rc := res[0].Code; rc {
		case CodeBadFormat:
			// a read error; a newer version that is also broken further
			// on is reported as newer
			if c := es[0].Code; c != CodeBadFormat && c != CodeBadVersion {
				t.Fatalf("error %v; encoding/json reader: %v", es, res)
			}
		case CodeBadVersion:
			if es[0].Code != rc {
				t.Fatalf("error %v; encoding/json reader: %v", es, res)
			}
		default: // found after reading, by the same code: the same errors
			if fmt.Sprintf("%+v", es) != fmt.Sprintf("%+v", res) {
				t.Fatalf("errors differ:\n%v\n---\n%v", es, res)
			}
		}
	}
	for _, e := range es {
		if e.Code == "" || e.Msg == "" {
			t.Fatalf("unlabelled error %+v", e)
		}
	}
}

// small builds a one-document file around a span's JSON.
func small(doc, span string) string {
	return `{"format": "spanmark", "version": 1, "schema": ` + defaultSchemaJSON() +
		`, "documents": [{"id": "d", "text": "abc d\u00e9f ghi", ` + doc + `"spans": [` + span + `]}]}`
}

func defaultSchemaJSON() string {
	b, _ := json.Marshal(DefaultSchema())
	return string(b)
}

var decodeCases = []string{
	``, ` `, `null`, `[]`, `"x"`, `1`, `{}`, `{"format": "spanmark"}`, `{"format": "spanmark", "version": 1}`,
	`{"format": "spanmark", "version": 2, "x": 1}`, `{"format": "spanmark", "version": 0}`, `{"format": null, "version": 1}`,
	`{"format": "spanmark", "version": 1.0}`, `{"format": "spanmark", "version": "1"}`, `{"format": 1}`,
	`{"x": 1, "format": "brat"}`, `{"format": "spanmark", "version": 2, "schema": {oops`, `{"format": "spanmark", "version": 1} x`,
	`{"format": "spanmark", "version": 1, "Version": 1}`, `{"format":"spanmark"}00`,
	`{"format":"spanmark","version":1,"schema":{"overlap":{"":{},"A90":{"crossing":false}},"doc_lABels":["1"]}, "documents": [{ "spans": []}]}`, `{"FORMAT": "spanmark", "version": 1}`, `{"format": "spanmark", "version": 1, "format": "spanmark"}`,
	`{"format": "spanmark", "version": 1, "schema": null}`, `{"format": "spanmark", "version": 1, "schema": {"lables": []}}`,
	`{"format": "spanmark", "version": 1, "schema": {"labels": 5}}`, `{"format":"spanmark","version":1,"schema":{"labels":[],"relations":[],"overlap":{}},"documents":[]}`,
	`{"format":"spanmark","version":1,"schema":{"labels":[],"relations":[],"overlap":{}},"documents":null}`,
	`{"format":"spanmark","version":1,"schema":{"labels":[],"relations":[],"overlap":{}},"documents":[null]}`,
	`{"format":"spanmark","version":1,"schema":{"labels":[],"relations":[],"overlap":{}},"documents":[{"id":"a","text":"xy","spans":[{"id":"s1","label":"X","fragments":[{"start":0,"end":1,"text":"x"}]}]}]}`,
	small(``, ``),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "ab\u0063"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 4, "end": 7, "text": "d\u00e9f"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 4, "end": 7, "text": "déf"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3.0, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": -0, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3e0, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 99999999999999999999, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 9223372036854775807, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": -9223372036854775808, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": "3", "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": null, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [null]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": null}`),
	small(``, `null`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": null}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": "yes", "normalized": "x\ud83d\ude00\ud800\udc00\udc00\ud800y"}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": 1}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": 1e400}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": {"a": [1, true]}}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": [1]}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": null}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": true}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"checkworthy": "yes", "checkworthy": "no"}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": {"x": false}}`),
	small(``, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "attrs": "yes"}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "note": "a\"b\\c\/d\be\ff\ng\rh\ti\u0000j"}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "note": "bad \x escape"}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "note": "bad \u12 escape"}`),
	small(``, "{\"id\": \"s1\", \"label\": \"PERSON\", \"fragments\": [{\"start\": 0, \"end\": 3, \"text\": \"abc\"}], \"note\": \"raw \x01 control\"}"),
	small(``, "{\"id\": \"s1\", \"label\": \"PERSON\", \"fragments\": [{\"start\": 0, \"end\": 3, \"text\": \"abc\"}], \"note\": \"invalid \xff\xfe\xed\xa0\x80 utf8\"}"),
	small(``, "{\"id\": \"s\xff\", \"label\": \"PERSON\", \"fragments\": [{\"start\": 0, \"end\": 3, \"text\": \"abc\"}]}"),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "Note": "x"}`),
	small(``, `{"id": "s1", "ID": "s2", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}], "fragments": [{"start": 0, "end": 3, "text": "abc"}]}`),
	small(``, `{"\u0069d": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"},]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abc"}`),
	small(``, `{"id": "s1" "label": "PERSON"}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 01, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": +1, "end": 3, "text": "abc"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": "abd"}]}`),
	small(``, `{"id": "s1", "label": "PERSON", "fragments": [{"start": 0, "end": 3, "text": 5}]}`),
	small(`"status": "done", "labels": ["relevant", null], "meta": {"source": "s", "url": null}, `, ``),
	small(`"status": null, "labels": null, "meta": null, "title": null, `, ``),
	small(`"status": 1, `, ``),
	small(`"meta": {"source": "s", "author": "x"}, `, ``),
	small(`"labels": "relevant", `, ``),
	small(`"relations": [{"id": "r1", "type": "cue", "from": "s1", "to": "s2"}], `, `{"id": "s1", "label": "CLAIM", "fragments": [{"start": 0, "end": 3, "text": "abc"}]}, {"id": "s2", "label": "CUE", "fragments": [{"start": 8, "end": 11, "text": "ghi"}]}`),
	small(`"relations": [null, {"id": "r1", "type": "cue", "from": "s1", "to": "s1", "x": 1}], `, ``),
	small(`"relations": 1, `, ``),
	"{\"format\": \"spanmark\", \"version\": 1}\n\t\r ",
	"\ufeff{\"format\": \"spanmark\", \"version\": 1}",
	`{"format": "spanmark", "version": 1, "schema": {"labels": [{"name": "A", "layer": "entity", "color": "#000000", "Color": "#111111"}], "relations": [], "overlap": {}}}`,
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	for i, c := range decodeCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) { sameLoad(t, []byte(c)) })
	}
	good := saved(t, goldenProject(t))
	sameLoad(t, good)
	// every prefix of a small good file: cut short anywhere
	s := []byte(decodeCases[len(decodeCases)-4])
	for i := range s {
		sameLoad(t, s[:i])
	}
}

// TestDecodeErrorsAreLocated: a wrong type or an unknown field deep in the
// file is reported with its line, document, span and field path.
func TestDecodeErrorsAreLocated(t *testing.T) {
	good := string(saved(t, goldenProject(t)))
	lines := strings.Split(good, "\n")
	lineOf := func(sub string) int {
		for i, l := range lines {
			if strings.Contains(l, sub) {
				return i + 1
			}
		}
		t.Fatalf("%q not in the file", sub)
		return 0
	}
	for _, c := range []struct {
		old, new, field, msg string
	}{
		{`"end": 10,`, `"end": 10.5,`, "].fragments[0].end", "10.5"},
		{`"end": 10,`, `"end": "10",`, "].fragments[0].end", "found a JSON string"},
		{`"note": "44th U.S. president"`, `"nota": "44th U.S. president"`, "].nota", `unknown field "nota"`},
		{`"note": "44th U.S. president"`, `"note": "x", "note": "y"`, "].note", "twice"},
	} {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("%q not in the file", c.old)
		}
		es := loadErrs(t, bad)
		e := es[0]
		if len(es) != 1 || e.Code != CodeBadFormat || !strings.HasPrefix(e.Field, "documents[0].spans[") || !strings.HasSuffix(e.Field, c.field) || e.Doc != "iran-us-talks" || e.Span == "" ||
			e.Line != lineOf(c.old) || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%s → %s: %+v, want bad_format at line %d, field %s, with document and span", c.old, c.new, es, lineOf(c.old), c.field)
		}
	}
}

func FuzzDecodeMatchesEncodingJSON(f *testing.F) {
	f.Add(saved(f, goldenProject(f)))
	for _, c := range decodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameLoad(t, data) })
}

// validID replaced this regexp (it showed in load profiles); they agree.
func TestValidIDMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[^\s\x00-\x1f]{1,200}$`)
	ids := []string{"", "s1", "a b", "a\tb", "a\nb", "a\x00", "a\x1f", "a\x7f", "a\u00a0b", "a\u2028b", "\xff", "é", "👩‍💻",
		strings.Repeat("x", 200), strings.Repeat("x", 201), strings.Repeat("é", 200), strings.Repeat("é", 201), strings.Repeat("\xff", 200), "a\v", "a\f", "a\r"}
	for _, id := range ids {
		if validID(id) != re.MatchString(id) {
			t.Errorf("%q: validID %v, regexp %v", id, validID(id), re.MatchString(id))
		}
	}
}
