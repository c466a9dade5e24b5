package annotate

import (
	"slices"
	"strconv"
)

// Project is a schema plus documents, in a stable order.
type Project struct {
	Schema *Schema
	docs   []*Document
	byID   map[string]*Document
	// who is the name of the person working on the project now (see
	// SetAnnotator); its documents point at it.
	who string
}

// NewProject returns an empty project; a nil schema means DefaultSchema.
func NewProject(schema *Schema) *Project {
	if schema == nil {
		schema = DefaultSchema()
	}
	return &Project{Schema: schema, byID: map[string]*Document{}}
}

// Documents returns the documents in project order.
func (p *Project) Documents() []*Document { return slices.Clone(p.docs) }

// Doc returns the document with the given id, or nil.
func (p *Project) Doc(id string) *Document { return p.byID[id] }

// MustDoc returns the document or an unknown_document error.
func (p *Project) MustDoc(id string) (*Document, error) {
	if d := p.byID[id]; d != nil {
		return d, nil
	}
	e := newErr(CodeUnknownDocument, "no document "+strconv.Quote(id)+" in the project")
	e.Doc = id
	return nil, e
}

// validID reports whether id is 1-200 characters with no spaces or control
// characters: what ^[^\s\x00-\x1f]{1,200}$ matches (an invalid UTF-8 byte
// counts as one character, as in regexp), checked by hand because a loader
// checks every span id and the regexp showed in profiles.
func validID(id string) bool {
	n := 0
	for _, r := range id {
		if r < 0x20 || r == ' ' { // \s is [\t\n\f\r ]: all but the space are controls
			return false
		}
		n++
	}
	return n >= 1 && n <= 200
}

// MaxDocuments is the most documents one project holds. The page lists
// every document and keeps the whole project in memory: 130,000 short
// records load in a few seconds, a million would take minutes and more
// memory than a page is given, so a larger dataset is refused with the
// reason rather than half loaded.
const MaxDocuments = 200_000

// TooManyDocuments is the error for a project of n documents (n >
// MaxDocuments): it says the limit and what to do.
func TooManyDocuments(n int) *Error {
	return newErr(CodeBadFormat, "the project would have "+Count(n)+" documents; spanmark holds at most "+
		Count(MaxDocuments)+" documents in one project: split the dataset into several projects")
}

// AddDocument adds a document at the end. An empty id is replaced by one
// derived from the title ("doc-<n>" when that is taken or empty).
func (p *Project) AddDocument(id, title, text string, meta Meta) (*Document, error) {
	return p.addDocument(id, title, text, nil, meta)
}

// AddIndexedDocument is AddDocument for a text already indexed (its text
// is x.Text()), as an importer that converted its offsets with x has: the
// document keeps x instead of indexing the text again. x must not be
// changed afterwards (no TextIndex method changes it).
func (p *Project) AddIndexedDocument(id, title string, x *TextIndex, meta Meta) (*Document, error) {
	return p.addDocument(id, title, x.Text(), x, meta)
}

func (p *Project) addDocument(id, title, text string, x *TextIndex, meta Meta) (*Document, error) {
	if len(p.docs) >= MaxDocuments {
		return nil, TooManyDocuments(len(p.docs) + 1)
	}
	if id == "" {
		id = p.freeID(slug(title))
	}
	if !validID(id) {
		e := newErr(CodeBadArgument, "document id "+strconv.Quote(id)+" must be 1-200 characters without spaces or control characters")
		e.Doc, e.Field = id, "id"
		return nil, e
	}
	if p.byID[id] != nil {
		e := newErr(CodeDuplicateID, "the project already has a document "+strconv.Quote(id))
		e.Doc, e.Field = id, "id"
		return nil, e
	}
	if x == nil {
		x = NewTextIndex(text)
	}
	d := newDocument(id, title, x, p.Schema)
	d.Meta = meta
	d.who, d.Annotator = &p.who, p.who
	p.docs = append(p.docs, d)
	p.byID[id] = d
	return d, nil
}

// SetAnnotator says who works on the project from now on: documents added
// later record that name (Document.Annotator), and so does a document
// when an edit changes it, since its annotations are then that person's
// work. A document keeps the name it has until then (a file's, or one
// appended from another project). "" stops the recording. A name is 1-100
// characters, without control characters or leading or trailing spaces.
func (p *Project) SetAnnotator(name string) error {
	n := 0
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			n = -1000
		}
		n++
	}
	if name != "" && (n < 1 || n > 100 || name[0] == ' ' || name[len(name)-1] == ' ') {
		e := newErr(CodeBadArgument, "an annotator's name is 1-100 characters, without control characters or spaces at either end; got "+strconv.Quote(name))
		e.Field = "annotator"
		return e
	}
	p.who = name
	return nil
}

// Annotator is the name SetAnnotator set.
func (p *Project) Annotator() string { return p.who }

// RemoveDocument removes a document.
func (p *Project) RemoveDocument(id string) error {
	if _, err := p.MustDoc(id); err != nil {
		return err
	}
	delete(p.byID, id)
	p.docs = slices.DeleteFunc(p.docs, func(d *Document) bool { return d.ID == id })
	return nil
}

func (p *Project) freeID(base string) string {
	if base == "" {
		base = "doc"
	}
	if p.byID[base] == nil {
		return base
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if p.byID[id] == nil {
			return id
		}
	}
}

// slug makes a short, readable id from a title: lower-case letters and
// digits joined by dashes.
func slug(title string) string {
	var out []rune
	dash := false
	for _, r := range title {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
			dash = false
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
			dash = false
		default:
			if len(out) > 0 && !dash {
				out = append(out, '-')
				dash = true
			}
		}
		if len(out) >= 40 {
			if i := lastDash(out); i > 0 {
				out = out[:i] // cut at a word boundary
			}
			break
		}
	}
	for len(out) > 0 && out[len(out)-1] == '-' {
		out = out[:len(out)-1]
	}
	return string(out)
}

func lastDash(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == '-' {
			return i
		}
	}
	return -1
}

// TextBytes is a lower bound of the size of the project file: the bytes
// of every document's text and of every fragment's text, which the file
// repeats. An export can refuse a project too large for its file before
// making the file.
func (p *Project) TextBytes() int64 {
	var n int64
	for _, d := range p.docs {
		n += int64(len(d.text.Text()))
		for _, s := range d.spans {
			for _, f := range s.Fragments {
				bs, be := d.text.bytesOf(f)
				n += int64(be - bs)
			}
		}
	}
	return n
}
