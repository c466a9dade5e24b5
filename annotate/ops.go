package annotate

import (
	"github.com/spanmark/spanmark/internal/order"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SpanInput describes a span to add.
type SpanInput struct {
	Label     string         `json:"label"`
	Fragments []Fragment     `json:"fragments"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Note      string         `json:"note,omitempty"`
}

// widen rounds a fragment out to grapheme-cluster boundaries, so a
// selection that ends inside an emoji or before a combining mark takes the
// whole character. Offsets outside the text are left for the rules to
// report.
func (d *Document) widen(f Fragment) Fragment {
	if f.Start < 0 || f.End > d.text.Len() || f.Start > f.End {
		return f
	}
	return Fragment{d.text.GraphemeFloor(f.Start), d.text.GraphemeCeil(f.End)}
}

func (d *Document) widenAll(fs []Fragment) []Fragment {
	out := make([]Fragment, len(fs))
	for i, f := range fs {
		out[i] = d.widen(f)
	}
	return out
}

// do runs fn in a transaction: any error rolls every edit back, so a failed
// operation leaves the document exactly as it was.
func (d *Document) do(op string, fn func(t *tx) *Error) (c Change, err error) {
	t := d.begin(op)
	defer func() {
		// a bug must not leave a half-done edit behind: undo it, then let
		// the panic go on to the caller (the wasm bridge recovers it)
		if r := recover(); r != nil {
			t.rollback()
			panic(r)
		}
	}()
	if e := fn(t); e != nil {
		t.rollback()
		if e.Doc == "" {
			e.Doc = d.ID
		}
		return Change{}, e
	}
	return t.commit(), nil
}

func (d *Document) mustSpan(id string) (*Span, *Error) {
	s := d.spans[id]
	if s == nil {
		e := newErr(CodeUnknownSpan, "no span "+strconv.Quote(id)+" in document "+strconv.Quote(d.ID))
		e.Span = id
		return nil, e
	}
	return s, nil
}

// AddSpan adds a span. Fragments are widened to whole grapheme clusters.
func (d *Document) AddSpan(in SpanInput) (*Span, Change, error) {
	var added *Span
	c, err := d.do("add span", func(t *tx) *Error {
		s := &Span{ID: d.newSpanID(), Label: in.Label, Fragments: d.widenAll(in.Fragments), Attrs: maps.Clone(in.Attrs), Note: in.Note}
		if len(s.Attrs) == 0 {
			s.Attrs = nil
		}
		if e := d.checkSpan(s); e != nil {
			return e // the rollback hands the id out again
		}
		t.setSpan(s.ID, s)
		added = s
		return nil
	})
	return added, c, err
}

// RemoveSpan removes a span and every relation touching it.
func (d *Document) RemoveSpan(id string) (Change, error) {
	return d.do("remove span", func(t *tx) *Error {
		if _, e := d.mustSpan(id); e != nil {
			return e
		}
		for _, r := range d.RelationsOf(id) {
			t.setRelation(r.ID, nil)
		}
		t.setSpan(id, nil)
		return nil
	})
}

// replace checks and stores a changed copy of a span. Relations that the
// change makes invalid (a relabelled end) are removed in the same step, so
// undo brings them back.
func (d *Document) replace(t *tx, s *Span) *Error {
	if e := d.checkSpan(s); e != nil {
		return e
	}
	t.setSpan(s.ID, s)
	for _, r := range d.RelationsOf(s.ID) {
		if d.checkRelation(r) != nil {
			t.setRelation(r.ID, nil)
		}
	}
	return nil
}

// Relabel changes a span's label. Attributes the new label does not have
// are dropped, and relations it no longer fits are removed (undo restores
// both).
func (d *Document) Relabel(id, label string) (Change, error) {
	return d.do("relabel", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		s := old.Clone()
		s.Label = label
		if l := d.schema.Label(label); l != nil {
			for k := range s.Attrs {
				if a := l.Attr(k); a == nil || a.CheckValue(s.Attrs[k]) != nil {
					delete(s.Attrs, k)
				}
			}
			if len(s.Attrs) == 0 {
				s.Attrs = nil
			}
		}
		return d.replace(t, s)
	})
}

func fragIndex(s *Span, i int) *Error {
	if i < 0 || i >= len(s.Fragments) {
		return spanErr(s, "fragments", CodeOutOfRange, "span "+s.ID+" has "+Count(len(s.Fragments))+" fragment(s); there is no fragment "+strconv.Itoa(i))
	}
	return nil
}

// SetFragment resizes or moves fragment i of a span.
func (d *Document) SetFragment(id string, i int, f Fragment) (Change, error) {
	return d.do("resize span", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		if e := fragIndex(old, i); e != nil {
			return e
		}
		s := old.Clone()
		s.Fragments[i] = d.widen(f)
		return d.replace(t, s)
	})
}

// AddFragment adds a fragment to a span (a claim continued after "he said"),
// keeping the fragments in text order.
func (d *Document) AddFragment(id string, f Fragment) (Change, error) {
	return d.do("add fragment", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		s := old.Clone()
		f = d.widen(f)
		at, _ := slices.BinarySearchFunc(s.Fragments, f, func(a, b Fragment) int { return a.Start - b.Start })
		s.Fragments = slices.Insert(s.Fragments, at, f)
		return d.replace(t, s)
	})
}

// RemoveFragment removes fragment i; a span keeps at least one.
func (d *Document) RemoveFragment(id string, i int) (Change, error) {
	return d.do("remove fragment", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		if e := fragIndex(old, i); e != nil {
			return e
		}
		if len(old.Fragments) == 1 {
			return spanErr(old, "fragments", CodeBadArgument, "span "+id+" has only one fragment; remove the span instead")
		}
		s := old.Clone()
		s.Fragments = slices.Delete(s.Fragments, i, i+1)
		return d.replace(t, s)
	})
}

// SetAttr sets an attribute; a nil value removes it.
func (d *Document) SetAttr(id, name string, value any) (Change, error) {
	return d.do("set attribute", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		s := old.Clone()
		if value == nil {
			delete(s.Attrs, name)
			if len(s.Attrs) == 0 {
				s.Attrs = nil
			}
		} else {
			if s.Attrs == nil {
				s.Attrs = map[string]any{}
			}
			s.Attrs[name] = value
		}
		return d.replace(t, s)
	})
}

// SetNote sets a span's free-text note.
func (d *Document) SetNote(id, note string) (Change, error) {
	return d.do("set note", func(t *tx) *Error {
		old, e := d.mustSpan(id)
		if e != nil {
			return e
		}
		s := old.Clone()
		s.Note = note
		t.setSpan(id, s)
		return nil
	})
}

// AddRelation links two spans with a relation of the given type.
func (d *Document) AddRelation(typ, from, to string) (*Relation, Change, error) {
	var added *Relation
	c, err := d.do("add relation", func(t *tx) *Error {
		r := &Relation{ID: d.newRelationID(), Type: typ, From: from, To: to}
		if e := d.checkRelation(r); e != nil {
			return e
		}
		t.setRelation(r.ID, r)
		added = r
		return nil
	})
	return added, c, err
}

// RemoveRelation removes a relation.
func (d *Document) RemoveRelation(id string) (Change, error) {
	return d.do("remove relation", func(t *tx) *Error {
		if d.rels[id] == nil {
			e := newErr(CodeUnknownRelation, "no relation "+strconv.Quote(id)+" in document "+strconv.Quote(d.ID))
			e.Relation = id
			return e
		}
		t.setRelation(id, nil)
		return nil
	})
}

// SetStatus sets the document's progress status.
func (d *Document) SetStatus(s Status) (Change, error) {
	return d.do("set status", func(t *tx) *Error {
		if !s.Valid() {
			e := newErr(CodeBadStatus, "status "+strconv.Quote(string(s))+" is not one of todo, in_progress, done")
			e.Field = "status"
			return e
		}
		if s != d.Status {
			t.setDoc(s, d.Labels)
		}
		return nil
	})
}

// SetDocLabels sets the document-level labels (each from the schema).
func (d *Document) SetDocLabels(labels []string) (Change, error) {
	return d.do("set document labels", func(t *tx) *Error {
		ls := slices.Clone(labels)
		order.Func(ls, strings.Compare)
		for i, l := range ls {
			if !slices.Contains(d.schema.DocLabels, l) {
				e := newErr(CodeUnknownLabel, "document label "+strconv.Quote(l)+" is not in the schema (it has "+quoteList(d.schema.DocLabels)+")")
				e.Field = "labels"
				return e
			}
			if i > 0 && ls[i-1] == l {
				e := newErr(CodeBadArgument, "document label "+strconv.Quote(l)+" is given twice")
				e.Field = "labels"
				return e
			}
		}
		if len(ls) == 0 {
			ls = nil
		}
		if !slices.Equal(ls, d.Labels) {
			t.setDoc(d.Status, ls)
		}
		return nil
	})
}

// LabelAllOptions says what label-all matches and which label it applies.
type LabelAllOptions struct {
	Label         string `json:"label"`
	Pattern       string `json:"pattern"`
	Regex         bool   `json:"regex"`          // Pattern is a Go (RE2) regular expression
	CaseSensitive bool   `json:"case_sensitive"` // default: case-insensitive
	WholeWord     bool   `json:"whole_word"`     // only matches not inside a longer word
}

// LabelAllResult says what a label-all did.
type LabelAllResult struct {
	Matches int          `json:"matches"`
	Added   int          `json:"added"`
	Skipped int          `json:"skipped"`
	Reasons map[Code]int `json:"reasons,omitempty"` // skipped matches by rule
	Change  Change       `json:"-"`
}

// Matches returns the fragments label-all would consider, in text order;
// the page uses it to preview a count before applying.
func (d *Document) Matches(o LabelAllOptions) ([]Fragment, error) {
	return MatchText(d.text, o)
}

// MatchText returns the fragments label-all would consider in x's text, in
// text order (what Document.Matches returns for a document of that text).
// A regular expression (o.Regex) is matched only where regexp is linked:
// natively, and in the formats module (built with -tags formats); the
// page's core (js without formats) leaves regexp out, 63 KB of brotli on
// the first visit, and the page asks the formats module for a regular
// expression's matches (MatchText there), then the core labels them
// (LabelMatches). Plain text never needs regexp.
func MatchText(x *TextIndex, o LabelAllOptions) ([]Fragment, error) {
	if o.Pattern == "" {
		e := newErr(CodeBadPattern, "the pattern is empty")
		e.Field = "pattern"
		return nil, e
	}
	text := x.Text()
	var out []Fragment
	cur := x.cursor()
	emit := func(a, b int) {
		if o.WholeWord && (wordCharBefore(text, a) || wordCharAfter(text, b)) {
			return
		}
		s := cur.at(a)
		out = append(out, Fragment{s, cur.at(b)})
	}
	if !o.Regex && utf8.ValidString(o.Pattern) && (!strings.ContainsRune(o.Pattern, utf8.RuneError) || utf8.ValidString(text)) {
		// plain text, without regexp: what (?i) + QuoteMeta would match,
		// many times faster (TestLiteralMatchesAgreeWithRegexp). A U+FFFD
		// in the pattern also matches an invalid byte in regexp: that case
		// (only in a text that has one) stays with regexp.
		literalMatches(text, o.Pattern, o.CaseSensitive, emit)
		return out, nil
	}
	if err := regexMatches(text, o, emit); err != nil {
		return nil, err
	}
	return out, nil
}

// literalMatches calls fn with the byte range of each leftmost,
// non-overlapping occurrence of pat in text, as regexp.FindAll does with
// the quoted pattern. Ignoring case, runes match when they are in the same
// simple case-folding orbit (k K K, s S ſ, σ ς Σ, ß ẞ; İ and ı only
// themselves), as in regexp's (?i) and strings.EqualFold: the match's
// length comes from the text, which may differ from the pattern's (K is
// three bytes, k one).
func literalMatches(text, pat string, caseSensitive bool, fn func(a, b int)) {
	if caseSensitive {
		for i := 0; ; {
			j := strings.Index(text[i:], pat)
			if j < 0 {
				return
			}
			i += j
			fn(i, i+len(pat))
			i += len(pat)
		}
	}
	prs := []rune(pat)
	orbits := make([][]rune, len(prs)) // the other case forms of each rune
	for i, r := range prs {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbits[i] = append(orbits[i], f)
		}
	}
	// the first byte of every form of the first rune: only there can a
	// match start (never at a continuation byte, so always at a rune
	// start). Each is looked for with strings.IndexByte (vectorised), its
	// next position kept until the scan passes it.
	var firsts []byte
	var buf [utf8.UTFMax]byte
	for _, r := range append([]rune{prs[0]}, orbits[0]...) {
		utf8.EncodeRune(buf[:], r)
		if !slices.Contains(firsts, buf[0]) {
			firsts = append(firsts, buf[0])
		}
	}
	next := make([]int, len(firsts))
	for k := range next {
		next[k] = -1
	}
	for i := 0; i < len(text); {
		c := len(text)
		for k, b := range firsts {
			if next[k] < i {
				if j := strings.IndexByte(text[i:], b); j >= 0 {
					next[k] = i + j
				} else {
					next[k] = len(text)
				}
			}
			c = min(c, next[k])
		}
		if c >= len(text) {
			return
		}
		if end := foldMatchAt(text, c, prs, orbits); end >= 0 {
			fn(c, end)
			i = end
		} else {
			i = c + 1
		}
	}
}

// foldMatchAt returns where a match of the pattern runes starting at byte
// i of text ends, or -1.
func foldMatchAt(text string, i int, prs []rune, orbits [][]rune) int {
	for k, pr := range prs {
		if i >= len(text) {
			return -1
		}
		if c := text[i]; c < utf8.RuneSelf && pr < utf8.RuneSelf {
			if rune(c) == pr || len(orbits[k]) > 0 && rune(c)|0x20 == pr|0x20 { // ASCII letters fold by one bit
				i++
				continue
			}
			return -1
		}
		tr, w := utf8.DecodeRuneInString(text[i:])
		if tr != pr && !slices.Contains(orbits[k], tr) {
			return -1
		}
		i += w
	}
	return i
}

// A whole-word match has no letter, digit or mark right before or after it,
// so "Iran" matches in "Iran's" and "(Iran)" but not in "Iranian".
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

func wordCharBefore(s string, b int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:b])
	return b > 0 && isWordRune(r)
}

func wordCharAfter(s string, b int) bool {
	r, _ := utf8.DecodeRuneInString(s[b:])
	return b < len(s) && isWordRune(r)
}

// LabelAll labels every match as one undo step, skipping (and counting)
// matches that would break a rule: a duplicate, a crossing span, a match
// that splits a character.
func (d *Document) LabelAll(o LabelAllOptions) (LabelAllResult, error) {
	if err := d.labelAllLabel(o); err != nil {
		return LabelAllResult{}, err
	}
	ms, err := d.Matches(o)
	if err != nil {
		return LabelAllResult{}, err
	}
	return d.labelMatches(o, ms), nil
}

// LabelMatches is LabelAll with the matches found elsewhere: ms are what
// MatchText returned for this document's text and o (the page finds a
// regular expression's matches in the formats module, whose core links
// regexp). The same rules, the same one undo step and the same result as
// LabelAll; a fragment that breaks a rule (out of the text included) is
// skipped and counted.
func (d *Document) LabelMatches(o LabelAllOptions, ms []Fragment) (LabelAllResult, error) {
	if err := d.labelAllLabel(o); err != nil {
		return LabelAllResult{}, err
	}
	if o.Pattern == "" {
		e := newErr(CodeBadPattern, "the pattern is empty")
		e.Field = "pattern"
		return LabelAllResult{}, e
	}
	return d.labelMatches(o, ms), nil
}

func (d *Document) labelAllLabel(o LabelAllOptions) error {
	if d.schema.Label(o.Label) == nil {
		e := newErr(CodeUnknownLabel, "label "+strconv.Quote(o.Label)+" is not in the schema")
		e.Doc, e.Field = d.ID, "label"
		return e
	}
	return nil
}

func (d *Document) labelMatches(o LabelAllOptions, ms []Fragment) LabelAllResult {
	res := LabelAllResult{Matches: len(ms)}
	t := d.begin("label all " + strconv.Quote(o.Pattern) + " as " + o.Label)
	for _, f := range ms {
		next := d.nextSpan
		s := &Span{ID: d.newSpanID(), Label: o.Label, Fragments: []Fragment{f}}
		if e := d.checkSpan(s); e != nil {
			d.nextSpan = next // the id was not used: hand it out again
			res.Skipped++
			if res.Reasons == nil {
				res.Reasons = map[Code]int{}
			}
			res.Reasons[e.Code]++
			continue
		}
		t.setSpan(s.ID, s)
		res.Added++
	}
	res.Change = t.commit()
	return res
}
