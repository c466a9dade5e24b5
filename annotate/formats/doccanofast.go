package formats

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A doccano record of the usual form is read here directly, in one pass
// that also collects its other members (Meta.Extra): json.Unmarshal into
// doccanoIn, with reflection, and a second pass for those members were
// a third of the import preview of 20,000 records, and several times
// that in WebAssembly. Anything unusual makes decodeFast give up, and the
// record is read by json.Unmarshal as before, with its exact messages: a
// key that is not exactly a field's name but matches one as
// encoding/json matches names (any case), a field given twice, a value
// of another type than the field's, an offset that is not an integer, a
// string with escapes or bytes that are not UTF-8 (decoded by
// json.Unmarshal then), nesting deeper than fastMaxDepth, and anything
// that is not valid JSON. FuzzDoccanoFast checks that whatever it reads
// reads the same through json.Unmarshal and objectMembers.

// fastMaxDepth bounds the nesting decodeFast follows (encoding/json's own
// bound, 10,000, is left to it).
const fastMaxDepth = 500

type fastJSON struct {
	b     []byte
	i     int
	depth int
}

// doccanoReader reads the records of one import with decodeFast. Its
// lists back each record's labels, entities and relations in turn (the
// import keeps nothing of them: it copies what it needs), and it hands
// out one string per distinct label name, not one per label.
type doccanoReader struct {
	in     doccanoIn // the record read
	p      fastJSON
	labels []doccanoLabel
	ents   []doccanoEntIn
	rels   []doccanoRelIn
	names  map[string]string
}

// name is the label name b as a string, the same string each time (up to
// a few hundred names: a file with more makes the rest anew).
func (r *doccanoReader) name(b []byte) string {
	if s, ok := r.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if r.names == nil {
		r.names = map[string]string{}
	}
	if len(r.names) < 256 {
		r.names[s] = s
	}
	return s
}

func (p *fastJSON) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// is consumes c (after spaces), or returns false.
func (p *fastJSON) is(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *fastJSON) null() bool {
	p.ws()
	if strings.HasPrefix(string(p.b[p.i:min(p.i+4, len(p.b))]), "null") {
		p.i += 4
		return true
	}
	return false
}

// str reads a JSON string and returns its body as it stands; plain when
// the body has no escape.
func (p *fastJSON) str() (body []byte, plain, ok bool) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false, false
	}
	start := p.i + 1
	plain = true
	for i := start; i < len(p.b); i++ {
		switch c := p.b[i]; {
		case c == '"':
			p.i = i + 1
			return p.b[start:i], plain, true
		case c < 0x20:
			return nil, false, false
		case c == '\\':
			plain = false
			if i+1 >= len(p.b) {
				return nil, false, false
			}
			switch p.b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+5 >= len(p.b) {
					return nil, false, false
				}
				for _, h := range p.b[i+2 : i+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return nil, false, false
					}
				}
				i += 5
			default:
				return nil, false, false
			}
		}
	}
	return nil, false, false
}

// text reads a string value that decodes to itself (no escape, valid
// UTF-8); false otherwise.
func (p *fastJSON) text() (string, bool) {
	body, plain, ok := p.str()
	if !ok || !plain || !utf8.Valid(body) {
		return "", false
	}
	return string(body), true
}

// number reads a JSON number and returns its bytes.
func (p *fastJSON) number() ([]byte, bool) {
	p.ws()
	b, i := p.b, p.i
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	p.i = i
	return b[start:i], true
}

// integer reads a number that is an int (no fraction, no exponent, in
// range), or null (nil); false for anything else.
func (p *fastJSON) integer() (*int, bool) {
	if p.null() {
		return nil, true
	}
	num, ok := p.number()
	if !ok {
		return nil, false
	}
	n, err := strconv.Atoi(string(num))
	if err != nil {
		return nil, false // a fraction, an exponent, out of range
	}
	return &n, true
}

// value checks the JSON value at p and returns its bytes (without the
// spaces around it).
func (p *fastJSON) value() ([]byte, bool) {
	p.ws()
	if p.i >= len(p.b) {
		return nil, false
	}
	start := p.i
	switch c := p.b[p.i]; {
	case c == '"':
		if _, _, ok := p.str(); !ok {
			return nil, false
		}
	case c == '{' || c == '[':
		if p.depth++; p.depth > fastMaxDepth {
			return nil, false
		}
		p.i++
		closing := byte(']')
		if c == '{' {
			closing = '}'
		}
		if !p.is(closing) {
			for {
				if c == '{' {
					if _, _, ok := p.str(); !ok || !p.is(':') {
						return nil, false
					}
				}
				if _, ok := p.value(); !ok {
					return nil, false
				}
				if p.is(closing) {
					break
				}
				if !p.is(',') {
					return nil, false
				}
			}
		}
		p.depth--
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.b[p.i:min(p.i+len(lit), len(p.b))]), lit) {
				p.i += len(lit)
				return p.b[start:p.i], true
			}
		}
		return nil, false
	default:
		if _, ok := p.number(); !ok {
			return nil, false
		}
	}
	return p.b[start:p.i], true
}

// key reads an object's key and the colon after it, and says which of
// names it is (-1: none). false when the key is not plain ASCII without
// escapes, or matches a name only the way encoding/json matches names
// (in another case): json.Unmarshal reads such a record.
func (p *fastJSON) key(names []string) (string, int, bool) {
	body, plain, ok := p.str()
	if !ok || !plain || !p.is(':') {
		return "", 0, false
	}
	for _, c := range body {
		if c >= utf8.RuneSelf {
			return "", 0, false // (K and ſ fold to k and s in encoding/json)
		}
	}
	for k, n := range names {
		if string(body) == n {
			return n, k, true
		}
		if strings.EqualFold(string(body), n) {
			return "", 0, false
		}
	}
	return string(body), -1, true
}

// object reads an object, calling member for each key (with its index in
// names, -1 for another key) with p at its value. A name of names given
// twice gives up.
func (p *fastJSON) object(names []string, member func(key string, k int) bool) bool {
	if !p.is('{') {
		return false
	}
	if p.is('}') {
		return true
	}
	var seen uint32
	for {
		key, k, ok := p.key(names)
		if !ok {
			return false
		}
		if k >= 0 {
			if seen&(1<<k) != 0 {
				return false
			}
			seen |= 1 << k
		}
		if !member(key, k) {
			return false
		}
		if p.is('}') {
			return true
		}
		if !p.is(',') {
			return false
		}
	}
}

// array reads an array (or null: none), calling elem for each element
// with p at it.
func (p *fastJSON) array(elem func() bool) (null, ok bool) {
	if p.null() {
		return true, true
	}
	if !p.is('[') {
		return false, false
	}
	if p.is(']') {
		return false, true
	}
	for {
		if !elem() {
			return false, false
		}
		if p.is(']') {
			return false, true
		}
		if !p.is(',') {
			return false, false
		}
	}
}

// textField reads a string field (null leaves it as it is, as
// encoding/json does).
func (p *fastJSON) textField(dst *string) bool {
	if p.null() {
		return true
	}
	s, ok := p.text()
	*dst = s
	return ok
}

// raw reads any value into a json.RawMessage of its own, as
// encoding/json fills one.
func (p *fastJSON) raw(dst *json.RawMessage) bool {
	v, ok := p.value()
	*dst = append(json.RawMessage(nil), v...)
	return ok
}

var (
	doccanoEntKnown = []string{"id", "label", "start_offset", "end_offset"}
	doccanoRelKnown = []string{"id", "from_id", "to_id", "type"}
)

// nameField is textField for a label or relation type: r.name's string.
func (r *doccanoReader) nameField(dst *string) bool {
	p := &r.p
	if p.null() {
		return true
	}
	body, plain, ok := p.str()
	if !ok || !plain || !utf8.Valid(body) {
		return false
	}
	*dst = r.name(body)
	return true
}

// decodeFast reads rec (one record) into in and its other members into
// extra, as json.Unmarshal and objectMembers would; false when it cannot
// say so (in and extra are then to be discarded). in's lists are r's
// until the next call.
func (r *doccanoReader) decodeFast(rec []byte, in *doccanoIn, extra *extraBuilder) bool {
	r.p = fastJSON{b: rec}
	p := &r.p
	ok := p.object(doccanoKnown, func(key string, k int) bool {
		switch k {
		case 0: // text
			if p.null() {
				return true
			}
			s, ok := p.text()
			in.Text = &s
			return ok
		case 1:
			return p.textField(&in.DocID)
		case 2:
			return p.textField(&in.Title)
		case 3:
			return p.textField(&in.Source)
		case 4:
			return p.textField(&in.URL)
		case 5:
			return p.textField(&in.Date)
		case 6: // label: each [start, end, "LABEL"] as its UnmarshalJSON reads it
			in.Label = r.labels[:0]
			null, ok := p.array(func() bool {
				v, ok := p.value()
				if ok {
					var lb doccanoLabel
					if lb.start, lb.end, lb.label, lb.ok = plainTripleNamed(v, r.name); !lb.ok {
						lb.UnmarshalJSON(v)
					}
					in.Label = append(in.Label, lb)
				}
				return ok
			})
			r.labels = in.Label[:0]
			if null {
				in.Label = nil
			} else if in.Label == nil {
				in.Label = []doccanoLabel{}
			}
			return ok
		case 7: // entities
			in.Entities = r.ents[:0]
			null, ok := p.array(func() bool {
				var e doccanoEntIn
				ok := p.object(doccanoEntKnown, func(_ string, k int) bool {
					switch k {
					case 0:
						return p.raw(&e.ID)
					case 1:
						return r.nameField(&e.Label)
					case 2:
						n, ok := p.integer()
						e.Start = n
						return ok
					case 3:
						n, ok := p.integer()
						e.End = n
						return ok
					}
					_, ok := p.value()
					return ok
				})
				in.Entities = append(in.Entities, e)
				return ok
			})
			r.ents = in.Entities[:0]
			if null {
				in.Entities = nil
			} else if in.Entities == nil {
				in.Entities = []doccanoEntIn{}
			}
			return ok
		case 8: // relations
			in.Relations = r.rels[:0]
			null, ok := p.array(func() bool {
				var rel doccanoRelIn
				ok := p.object(doccanoRelKnown, func(_ string, k int) bool {
					switch k {
					case 0:
						return p.raw(&rel.ID)
					case 1:
						return p.raw(&rel.From)
					case 2:
						return p.raw(&rel.To)
					case 3:
						return r.nameField(&rel.Type)
					}
					_, ok := p.value()
					return ok
				})
				in.Relations = append(in.Relations, rel)
				return ok
			})
			r.rels = in.Relations[:0]
			if null {
				in.Relations = nil
			} else if in.Relations == nil {
				in.Relations = []doccanoRelIn{}
			}
			return ok
		}
		v, ok := p.value()
		if ok {
			extra.add(key, v)
		}
		return ok
	})
	p.ws()
	return ok && p.i == len(rec)
}
