package annotate

import (
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Managing documents as a person does in the page: rename one and edit
// where it came from (one undo step of the document, "edit document"),
// delete one and bring it back (DeleteDocument, RestoreDocument), and find
// documents by title, status and label (FindDocuments).

// MaxTitleLen is the longest title a person may give a document, in code
// points: a headline, not an article. (A file may hold longer titles; they
// are kept as read, and only a title typed anew is checked.)
const MaxTitleLen = 500

// MaxMetaLen is the longest source, URL or date a person may type.
const MaxMetaLen = 2000

// CleanTitle checks a title typed by a person and returns it with the
// spaces around it trimmed: it may not be empty, longer than MaxTitleLen,
// or hold line breaks or other control characters (a title is one line in
// the document list and in every export).
func CleanTitle(title string) (string, *Error) {
	t := trimSpace(title)
	if t == "" {
		return "", fieldErr("title", "a document needs a title: type a few words")
	}
	return t, checkLine("title", "title", t, MaxTitleLen, false)
}

// fieldErr is a bad_argument error on one field of the document.
func fieldErr(field, msg string) *Error {
	e := newErr(CodeBadArgument, msg)
	e.Field = field
	return e
}

// trimSpace is strings.TrimSpace (Unicode white space), written out with
// unicode.IsSpace, which the core links anyway: strings.TrimSpace and the
// functions it calls were 2.3 KB of the page's wasm.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for j > i {
		r, n := utf8.DecodeLastRuneInString(s[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		j -= n
	}
	return s[i:j]
}

// checkLine checks a value typed into one field: valid text, one line, at
// most max characters; noSpace refuses white space too (a URL). (The
// checks are written out rather than through strings.IndexFunc and
// friends: each standard function a rule pulls into the wasm module costs
// the page's first visit bytes.)
func checkLine(field, name, s string, max int, noSpace bool) *Error {
	n := 0
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fieldErr(field, "the "+name+" is not valid text (UTF-8)")
			}
		}
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 {
			return fieldErr(field, "the "+name+" must be one line, without line breaks, tabs or control characters")
		}
		if noSpace && unicode.IsSpace(r) {
			return fieldErr(field, "a "+name+" has no spaces: "+strconv.Quote(s))
		}
		n++
	}
	if n > max {
		return fieldErr(field, "the "+name+" is "+Count(n)+" characters long; at most "+Count(max)+" are allowed")
	}
	return nil
}

// cleanMeta trims the fields of m and checks those that differ from old
// (a document imported with a date such as "March 3" keeps it when only
// its title is edited): each is one line of at most MaxMetaLen characters;
// a URL has no spaces; a date is an ISO 8601 date, YYYY, YYYY-MM or
// YYYY-MM-DD, optionally followed by a time ("2024-03-05T10:00Z").
// Another tool's metadata (Extra) is not edited here and is kept as it was.
func cleanMeta(old, m Meta) (Meta, *Error) {
	out := Meta{Source: trimSpace(m.Source), URL: trimSpace(m.URL), Date: trimSpace(m.Date), Extra: old.Extra}
	if out.Source != old.Source {
		if e := checkLine("meta.source", "source", out.Source, MaxMetaLen, false); e != nil {
			return Meta{}, e
		}
	}
	if out.URL != old.URL {
		if e := checkLine("meta.url", "URL", out.URL, MaxMetaLen, true); e != nil {
			return Meta{}, e
		}
	}
	if out.Date != old.Date && out.Date != "" && !isoDate(out.Date) {
		return Meta{}, fieldErr("meta.date", "write the date as YYYY-MM-DD (or YYYY, YYYY-MM, or with a time, 2024-03-05T10:00Z), not "+strconv.Quote(out.Date))
	}
	return out, nil
}

// isoDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a real
// month and day, optionally followed by "T" or a space and a time (one
// line of at most MaxMetaLen bytes).
func isoDate(s string) bool {
	num := func(i, n int) int { // the n digits at i, or -1
		v := 0
		for k := i; k < i+n; k++ {
			if k >= len(s) || s[k] < '0' || s[k] > '9' {
				return -1
			}
			v = v*10 + int(s[k]-'0')
		}
		return v
	}
	y := num(0, 4)
	switch {
	case y < 0:
		return false
	case len(s) == 4:
		return true
	case s[4] != '-':
		return false
	}
	m := num(5, 2)
	if m < 1 || m > 12 {
		return false
	}
	if len(s) == 7 {
		return true
	}
	days := 31
	switch m {
	case 4, 6, 9, 11:
		days = 30
	case 2:
		days = 28
		if y%4 == 0 && y%100 != 0 || y%400 == 0 {
			days = 29
		}
	}
	if d := num(8, 2); s[7] != '-' || d < 1 || d > days {
		return false
	}
	if len(s) == 10 {
		return true
	}
	// a time: "T" or a space, then a digit; the rest is the writer's
	return len(s) <= MaxMetaLen && (s[10] == 'T' || s[10] == ' ') && num(11, 1) >= 0 && checkLine("meta.date", "date", s, MaxMetaLen, false) == nil
}

// SetInfo renames the document and sets where it came from, as one undo
// step of the document ("edit document"). The title goes through
// CleanTitle, the metadata through the checks of cleanMeta; on an error
// nothing changes. Setting what the document has already is no step. It
// is not an annotation: it does not change the status (the page does not
// call StartOnEdit for it).
func (d *Document) SetInfo(title string, meta Meta) (Change, error) {
	return d.do("edit document", func(t *tx) *Error {
		tt, e := CleanTitle(title)
		if e != nil {
			return e
		}
		m, e := cleanMeta(d.Meta, meta)
		if e != nil {
			return e
		}
		if tt != d.Title || m != d.Meta {
			t.setInfo(tt, m)
		}
		return nil
	})
}

func (t *tx) setInfo(title string, meta Meta) {
	e := edit{kind: editInfo, title: [2]string{t.d.Title, title}, meta: [2]Meta{t.d.Meta, meta}}
	t.st.edits = append(t.st.edits, e)
	t.d.apply(&e, 1)
}

// Removed is a document DeleteDocument took out of the project, with its
// annotations and undo history, for RestoreDocument to put back.
type Removed struct {
	Doc    *Document
	At     int    // its position in the project
	schema string // the schema when it was deleted (its JSON)
}

// DeleteDocument takes a document out of the project and returns it, so
// that the deletion can be undone (RestoreDocument).
func (p *Project) DeleteDocument(id string) (*Removed, error) {
	d, err := p.MustDoc(id)
	if err != nil {
		return nil, err
	}
	at := 0
	for p.docs[at] != d {
		at++
	}
	// by hand, as in RestoreDocument: the generic slices functions for
	// []*Document were 5 KB of the page's wasm
	copy(p.docs[at:], p.docs[at+1:])
	p.docs[len(p.docs)-1] = nil
	p.docs = p.docs[:len(p.docs)-1]
	delete(p.byID, id)
	return &Removed{Doc: d, At: at, schema: string(p.Schema.AppendJSON(nil))}, nil
}

// RestoreDocument puts a deleted document back where it was (at the end
// if the project has fewer documents now), exactly as it was, undo history
// included. It is refused, changing nothing, when the project has a
// document with its id again, is full, or when the schema was edited since
// the deletion (its spans were not updated with the others').
func (p *Project) RestoreDocument(r *Removed) error {
	d := r.Doc
	fail := func(code Code, msg string) error {
		e := newErr(code, msg)
		e.Doc = d.ID
		return e
	}
	switch {
	case p.byID[d.ID] != nil:
		return fail(CodeDuplicateID, "the project has a document "+strconv.Quote(d.ID)+" again, so the deleted one cannot be put back")
	case len(p.docs) >= MaxDocuments:
		return TooManyDocuments(len(p.docs) + 1)
	case d.schema != p.Schema || string(p.Schema.AppendJSON(nil)) != r.schema:
		return fail(CodeBadSchema, "the labels were edited after "+strconv.Quote(d.Title)+" was deleted, so it cannot be brought back as it was")
	}
	at := min(r.At, len(p.docs))
	p.docs = append(p.docs, nil)
	copy(p.docs[at+1:], p.docs[at:])
	p.docs[at] = d
	p.byID[d.ID] = d
	return nil
}

// DocQuery selects documents; an empty field selects all.
type DocQuery struct {
	// Text: every word of it appears in the title or the id, whatever the
	// case ("gulf 2024" finds "2024 Gulf report").
	Text   string `json:"text,omitempty"`
	Status Status `json:"status,omitempty"`
	// DocLabel: the document has this document-level label.
	DocLabel string `json:"doc_label,omitempty"`
	// SpanLabel: the document has at least one span of this label.
	SpanLabel string `json:"span_label,omitempty"`
}

// FindDocuments returns the documents q selects, in project order. It
// reads each document's title, status, labels and label counts, never its
// text or spans, and copies nothing: 2.6 ms for 10,000 documents natively
// (BenchmarkFindDocuments).
func (p *Project) FindDocuments(q DocQuery) []*Document {
	var words []string // q.Text split at white space
	for i, start := 0, -1; i <= len(q.Text); {
		r, n := rune(' '), 1
		if i < len(q.Text) {
			r, n = utf8.DecodeRuneInString(q.Text[i:])
		}
		switch space := unicode.IsSpace(r); {
		case space && start >= 0:
			words = append(words, q.Text[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += n
	}
	out := make([]*Document, 0, len(p.docs))
	for _, d := range p.docs {
		if q.Status != "" && d.Status != q.Status ||
			q.DocLabel != "" && !slices.Contains(d.Labels, q.DocLabel) ||
			q.SpanLabel != "" && d.counts[q.SpanLabel] == 0 {
			continue
		}
		ok := true
		for _, w := range words {
			if !containsFold(d.Title, w) && !containsFold(d.ID, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, d)
		}
	}
	return out
}

// containsFold reports whether sub appears in s, whatever the case (simple
// Unicode case folding, as strings.EqualFold): no lower-cased copy of
// every title is made, and no case-mapping table beyond EqualFold's is
// linked into the page's module.
func containsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	// from every rune start: a match may differ in byte length (k and
	// the Kelvin sign), so it is compared rune by rune
	c := sub[0]
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			// an ASCII byte against an ASCII first byte: a quick no
			if c >= utf8.RuneSelf || b == c || b|0x20 == c|0x20 && b|0x20 >= 'a' && b|0x20 <= 'z' {
				if prefixFold(s[i:], sub) {
					return true
				}
			}
			i++
			continue
		}
		if prefixFold(s[i:], sub) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return false
}

// sameFold reports whether r and q are one letter in different cases: q
// is in r's orbit of unicode.SimpleFold (what strings.EqualFold does,
// without linking it).
func sameFold(r, q rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f == q {
			return true
		}
	}
	return false
}

// prefixFold reports whether s starts with sub, whatever the case.
func prefixFold(s, sub string) bool {
	for sub != "" {
		if s == "" {
			return false
		}
		if a, b := s[0], sub[0]; a < utf8.RuneSelf && b < utf8.RuneSelf { // ASCII: no table
			if a != b && (a|0x20 != b|0x20 || a|0x20 < 'a' || a|0x20 > 'z') {
				return false
			}
			s, sub = s[1:], sub[1:]
			continue
		}
		r1, n1 := utf8.DecodeRuneInString(s)
		r2, n2 := utf8.DecodeRuneInString(sub)
		if r1 != r2 && !sameFold(r1, r2) {
			return false
		}
		s, sub = s[n1:], sub[n2:]
	}
	return true
}
