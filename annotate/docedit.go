package annotate

import (
	"slices"
	"strconv"
	"strings"
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
	t := strings.TrimSpace(title)
	bad := func(msg string) *Error {
		e := newErr(CodeBadArgument, msg)
		e.Field = "title"
		return e
	}
	switch {
	case t == "":
		return "", bad("a document needs a title: type a few words")
	case !utf8.ValidString(t):
		return "", bad("the title is not valid text (UTF-8)")
	case utf8.RuneCountInString(t) > MaxTitleLen:
		return "", bad("the title is " + strconv.Itoa(utf8.RuneCountInString(t)) + " characters long; at most " + strconv.Itoa(MaxTitleLen) + " are allowed")
	case strings.IndexFunc(t, unicode.IsControl) >= 0:
		return "", bad("the title must be one line, without line breaks, tabs or control characters")
	}
	return t, nil
}

// cleanMeta trims the fields of m and checks those that differ from old
// (a document imported with a date such as "March 3" keeps it when only
// its title is edited): each is one line of at most MaxMetaLen characters;
// a URL has no spaces; a date is an ISO 8601 date, YYYY, YYYY-MM or
// YYYY-MM-DD, optionally followed by a time ("2024-03-05T10:00Z").
func cleanMeta(old, m Meta) (Meta, *Error) {
	out := Meta{Source: strings.TrimSpace(m.Source), URL: strings.TrimSpace(m.URL), Date: strings.TrimSpace(m.Date)}
	for _, f := range [...]struct {
		name     string
		old, now string
	}{{"source", old.Source, out.Source}, {"url", old.URL, out.URL}, {"date", old.Date, out.Date}} {
		if f.now == f.old || f.now == "" {
			continue
		}
		bad := func(msg string) *Error {
			e := newErr(CodeBadArgument, msg)
			e.Field = "meta." + f.name
			return e
		}
		switch {
		case !utf8.ValidString(f.now):
			return Meta{}, bad("the " + f.name + " is not valid text (UTF-8)")
		case utf8.RuneCountInString(f.now) > MaxMetaLen:
			return Meta{}, bad("the " + f.name + " is longer than " + strconv.Itoa(MaxMetaLen) + " characters")
		case strings.IndexFunc(f.now, unicode.IsControl) >= 0:
			return Meta{}, bad("the " + f.name + " must be one line, without line breaks or control characters")
		case f.name == "url" && strings.IndexFunc(f.now, unicode.IsSpace) >= 0:
			return Meta{}, bad("a URL has no spaces: " + strconv.Quote(f.now))
		case f.name == "date" && !isoDate(f.now):
			return Meta{}, bad("write the date as YYYY-MM-DD (or YYYY, YYYY-MM, or with a time, 2024-03-05T10:00Z), not " + strconv.Quote(f.now))
		}
	}
	return out, nil
}

// isoDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a real
// month and day, optionally followed by "T" or a space and a time.
func isoDate(s string) bool {
	digits := func(s string) bool {
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	date, rest := s, ""
	if i := strings.IndexAny(s, "T "); i >= 0 {
		date, rest = s[:i], s[i+1:]
		if len(date) != 10 || rest == "" || rest[0] < '0' || rest[0] > '9' {
			return false
		}
	}
	parts := strings.Split(date, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !digits(parts[0]) {
		return false
	}
	limits := [...]int{0, 12, 31}
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) != 2 || !digits(parts[i]) {
			return false
		}
		if n, _ := strconv.Atoi(parts[i]); n < 1 || n > limits[i] {
			return false
		}
	}
	if len(parts) == 3 {
		y, _ := strconv.Atoi(parts[0])
		m, _ := strconv.Atoi(parts[1])
		dd, _ := strconv.Atoi(parts[2])
		days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
		if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
			days = 29
		}
		if dd > days {
			return false
		}
	}
	return true
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
	at := slices.Index(p.docs, d)
	p.docs = slices.Delete(p.docs, at, at+1)
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
	p.docs = slices.Insert(p.docs, at, d)
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
// text or spans: 3.4 ms for 10,000 documents natively (BenchmarkFindDocuments).
func (p *Project) FindDocuments(q DocQuery) []*Document {
	words := strings.Fields(strings.ToLower(q.Text))
	out := make([]*Document, 0, len(p.docs))
	for _, d := range p.docs {
		if q.Status != "" && d.Status != q.Status ||
			q.DocLabel != "" && !slices.Contains(d.Labels, q.DocLabel) ||
			q.SpanLabel != "" && d.counts[q.SpanLabel] == 0 {
			continue
		}
		if len(words) > 0 {
			title, id := strings.ToLower(d.Title), strings.ToLower(d.ID)
			ok := true
			for _, w := range words {
				if !strings.Contains(title, w) && !strings.Contains(id, w) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
