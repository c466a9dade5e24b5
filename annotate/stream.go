package annotate

import (
	"bytes"
	"strconv"
	"sync/atomic"
)

// FileIndex is a project file read one document at a time: ReadIndex checks
// the file's header, schema and JSON structure and notes where each
// document is; Document builds one, checked as Load checks it. Comparing
// the works of a team over a corpus of 10,000 documents then holds one
// document of each work at a time (package team), not every document.
type FileIndex struct {
	Schema *Schema
	Docs   []DocRef
	data   []byte
	file   string
	// the decoder's span and fragment blocks, kept from one Document to
	// the next: a document's Spans are copied out of them (loadFile), so
	// reserving them afresh for each document only made garbage — a
	// third of the bytes BenchmarkAgree allocated (team). Taken by Swap,
	// so calls at once each get their own.
	blocks atomic.Pointer[spanBlocks]
}

type spanBlocks struct {
	spans []fileSpan
	frags []fileFrag
}

// DocRef is where a document is in a project file, with the fields that
// say which document it is and who annotated it.
type DocRef struct {
	ID, Title, Annotator string
	start, end           int // its object's bytes
}

// ReadIndex reads a project file's structure (see FileIndex). Problems are
// returned as Load returns them, located by file and line; the documents'
// spans are checked only when Document reads them.
func ReadIndex(data []byte, file string) (*FileIndex, error) {
	x := &FileIndex{data: data, file: file}
	es := x.read()
	if len(es) > 0 {
		return nil, locateAll(es, data, file)
	}
	return x, nil
}

func (x *FileIndex) read() Errors {
	d := &decoder{data: x.data, path: make([]pathElem, 0, 8)}
	var f fileProject
	d.ws()
	if d.pos >= len(d.data) {
		return Errors{d.eof()}
	}
	ok := d.object("an object", projectFields, func(k int) bool {
		switch k {
		case 0:
			d.sawFormat = d.peek() != 'n'
			d.formatLine = lineAt(d.data, d.pos)
			return d.str(&f.Format)
		case 1:
			d.sawVersion = d.peek() != 'n'
			d.versionLine = lineAt(d.data, d.pos)
			return d.int(&f.Version)
		case 2:
			return d.schema(&f.Schema)
		default:
			return d.array("an array", func(int) bool {
				r := DocRef{}
				d.ws()
				r.start = d.pos
				ok := d.object("an object", docFields, func(k int) bool {
					switch k {
					case 0:
						return d.str(&r.ID)
					case 1:
						return d.str(&r.Title)
					case 8:
						return d.str(&r.Annotator)
					case 6, 7, 9, 10:
						// the bulk of a document: passed over, checked
						// when Document reads it
						return d.pass()
					}
					return d.skip()
				})
				r.end = d.pos
				x.Docs = append(x.Docs, r)
				return ok
			})
		}
	})
	if ok {
		d.ws()
		if d.pos < len(d.data) {
			d.syntax("unexpected " + d.describeHere() + " after the end of the top-level object")
			ok = false
		}
	}
	if !ok {
		if es := headerErrors(x.data); es != nil {
			return es
		}
		return Errors{d.err}
	}
	if es := d.header(f.Format, f.Version, true); es != nil {
		return es
	}
	if f.Schema == nil {
		return Errors{{Code: CodeBadSchema, Field: "schema", Msg: "the file has no schema"}}
	}
	if es := f.Schema.Validate(); len(es) > 0 {
		return es
	}
	x.Schema = f.Schema
	// the ids, checked and derived as Load does (AddDocument's rules)
	p := &Project{byID: make(map[string]*Document, len(x.Docs))}
	var es Errors
	for i := range x.Docs {
		r := &x.Docs[i]
		if r.ID == "" {
			r.ID = p.freeID(slug(r.Title))
		}
		var e *Error
		switch {
		case !validID(r.ID):
			e = newErr(CodeBadArgument, "document id "+strconv.Quote(r.ID)+" must be 1-200 characters without spaces or control characters")
		case p.byID[r.ID] != nil:
			e = newErr(CodeDuplicateID, "the project already has a document "+strconv.Quote(r.ID))
		}
		if e != nil {
			e.Doc, e.Field = r.ID, "documents["+strconv.Itoa(i)+"].id"
			es = append(es, e)
			continue
		}
		p.byID[r.ID] = placeholder
	}
	return es
}

var placeholder = &Document{}

// pass moves past the value at d.pos, which must be an array or an
// object, without checking more than that its strings end and its
// brackets balance: the index reads past each document's spans this way,
// three times faster than skip; Document then reads them in full.
func (d *decoder) pass() bool {
	switch d.peek() {
	case '[', '{':
	default:
		return d.skip() // null, or a wrong type: skip says what is wrong
	}
	depth := 0
	data := d.data
	for i := d.pos; i < len(data); i++ {
		c := data[i]
		if !passStop[c] {
			continue // most bytes: indentation, names, digits
		}
		switch c {
		case '"':
			// to the closing quote: one not escaped by an odd number of
			// backslashes
			for {
				// most strings here are keys, ids and labels, which a
				// loop ends sooner than a call to IndexByte
				j, lim := i+1, min(i+17, len(data))
				for j < lim && data[j] != '"' {
					j++
				}
				if j == lim {
					k := -1
					if j < len(data) {
						k = bytes.IndexByte(data[j:], '"')
					}
					if k < 0 {
						d.pos = len(data)
						return d.eof() == nil
					}
					j += k
				}
				i = j
				k := i - 1
				for data[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				d.pos = i + 1
				return true
			}
		}
	}
	d.pos = len(data)
	return d.eof() == nil
}

// passStop marks the bytes pass stops at.
var passStop = [256]bool{'"': true, '[': true, ']': true, '{': true, '}': true}

// Document reads the i-th document, checked as Load checks it; its
// problems are located by file and line.
func (x *FileIndex) Document(i int) (*Document, error) {
	r := x.Docs[i]
	// the data ends with the document, so that what the reader sizes
	// from the rest of the file is this document alone
	d := &decoder{data: x.data[:r.end], pos: r.start, path: []pathElem{{key: "documents", idx: -1}, {idx: i}}}
	b := x.blocks.Swap(nil)
	if b != nil && cap(b.spans) > 0 && cap(b.frags) > 0 {
		d.spanBlock, d.frags = b.spans[:0], b.frags[:0]
	}
	var fd fileDoc
	ok := d.document(&fd)
	// back when loadFile has copied the spans out
	defer func() {
		if d.spanBlock != nil {
			if b == nil {
				b = &spanBlocks{}
			}
			b.spans, b.frags = d.spanBlock, d.frags
			x.blocks.Store(b)
		}
	}()
	if !ok {
		return nil, locateAll(Errors{d.err}, x.data, x.file)
	}
	doc := NewDocument(r.ID, fd.Title, fd.Text, x.Schema)
	doc.Meta = fd.Meta
	if es := doc.loadFile(&fd); len(es) > 0 {
		return nil, locateAll(es, x.data, x.file)
	}
	return doc, nil
}

// locateAll gives each error the file, and the line where it has none.
func locateAll(es Errors, data []byte, file string) Errors {
	var loc *locator
	for _, e := range es {
		e.File = file
		if e.Line == 0 {
			if loc == nil {
				loc = newLocator(data)
			}
			e.Line = loc.locate(e)
		}
	}
	return es
}
