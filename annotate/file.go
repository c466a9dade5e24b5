package annotate

import (
	"bytes"
	"github.com/spanmark/spanmark/internal/order"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The project file: one JSON document, written the same way every time
// (stable order, stable ids, two-space indent, final newline) so that a
// dataset diffs cleanly in git and save(load(file)) is byte-identical.
//
// Version 2 added the documents' "annotator" and "undecided"; version 3
// the spans' "annotators" and "adjudicated" (where a gold span came from).
// A file is
// written with the lowest version that holds it (1 when no document has
// either), so files of version 1 load and save byte-identical, and an
// older spanmark refuses a file whose annotators it would drop ("newer
// than this spanmark reads") instead of failing on an unknown field.
// Version 3 added the documents' "meta": {"extra": {…}}, the metadata of
// another tool's record kept for export (Meta.Extra), and "suggestions"
// (written only when a document has open or rejected suggestions).
const (
	FormatName    = "spanmark"
	FormatVersion = 3
)

type fileProject struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	Schema    *Schema   `json:"schema"`
	Documents []fileDoc `json:"documents"`
}

type fileDoc struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Meta      Meta       `json:"meta"`
	Status    Status     `json:"status"`
	Annotator string     `json:"annotator,omitempty"`
	Labels    []string   `json:"labels,omitempty"`
	Text      string     `json:"text"`
	Spans     []fileSpan `json:"spans"`
	Relations []fileRel  `json:"relations"`
	Undecided []fileCand `json:"undecided,omitempty"`
	// version 3: open and rejected suggestions (suggest_file.go)
	Suggestions []fileSugg `json:"suggestions,omitempty"`
}

type fileSpan struct {
	ID        string         `json:"id"`
	Label     string         `json:"label"`
	Fragments []fileFrag     `json:"fragments"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Note      string         `json:"note,omitempty"`
	// version 3: where a gold span came from (Span.Annotators)
	Annotators  []string `json:"annotators,omitempty"`
	Adjudicated bool     `json:"adjudicated,omitempty"`
}

// fileFrag keeps the covered text beside the offsets: derived, but it lets a
// loader (and a human reading a diff) see at once when offsets and text
// disagree.
type fileFrag struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type fileRel struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Save writes the project file.
func (p *Project) Save(w io.Writer) error {
	b, err := p.encode(false)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes returns the project file.
func (p *Project) Bytes() ([]byte, error) { return p.encode(false) }

// CompactBytes returns the project file without line breaks and indents:
// the same JSON, for handing a project from one program to another (the
// page's formats module to its core), not for people or diffs. 20,000
// records of a doccano dataset make 36.7 MB indented, 16.6 MB compact.
func (p *Project) CompactBytes() ([]byte, error) { return p.encode(true) }

// Load reads a project file, checking everything, and returns every problem
// at once, each located by file, line, document, span and field. A file
// with any problem yields no project.
func Load(data []byte, file string) (*Project, error) {
	if e := CheckSurrogates(file, data); e != nil {
		return nil, Errors{e}
	}
	p, es := load(data)
	if len(es) > 0 {
		return nil, locateAll(es, data, file)
	}
	return p, nil
}

func load(data []byte) (*Project, Errors) {
	f, d, e := decodeFile(data)
	if e != nil {
		// a file that is not a spanmark project, or a newer one, is
		// reported as such rather than by the first thing not understood
		if es := headerErrors(data); es != nil {
			return nil, es
		}
		return nil, Errors{e}
	}
	if es := d.header(f.Format, f.Version, true); es != nil {
		return nil, es
	}
	return build(f)
}

// build makes the project from its decoded file form, checking every rule.
func build(f *fileProject) (*Project, Errors) {
	if f.Schema == nil {
		return nil, Errors{{Code: CodeBadSchema, Field: "schema", Msg: "the file has no schema"}}
	}
	if es := f.Schema.Validate(); len(es) > 0 {
		return nil, es
	}
	if len(f.Documents) > MaxDocuments {
		e := TooManyDocuments(len(f.Documents))
		e.Field = "documents"
		return nil, Errors{e}
	}
	p := NewProject(f.Schema)
	var es Errors
	for i, fd := range f.Documents {
		d, err := p.AddDocument(fd.ID, fd.Title, fd.Text, fd.Meta)
		if err != nil {
			e := err.(*Error)
			e.Field = "documents[" + strconv.Itoa(i) + "].id"
			es = append(es, e)
			continue
		}
		es = append(es, d.loadFile(&fd)...)
	}
	return p, es
}

// loadFile fills a fresh document from its file form, outside undo history.
func (d *Document) loadFile(fd *fileDoc) Errors {
	var es Errors
	add := func(e *Error) {
		e.Doc = d.ID
		es = append(es, e)
	}
	switch {
	case fd.Status == "":
		d.Status = StatusTodo
	case !fd.Status.Valid():
		add(&Error{Code: CodeBadStatus, Field: "status", Msg: "status " + strconv.Quote(string(fd.Status)) + " is not one of todo, in_progress, done"})
	default:
		d.Status = fd.Status
	}
	d.Annotator = fd.Annotator
	for _, l := range fd.Labels {
		if !slices.Contains(d.schema.DocLabels, l) {
			add(&Error{Code: CodeUnknownLabel, Field: "labels", Msg: "document label " + strconv.Quote(l) + " is not in the schema"})
		}
	}
	if len(fd.Labels) > 0 {
		ls := slices.Clone(fd.Labels)
		order.Func(ls, strings.Compare)
		d.Labels = slices.Compact(ls)
	}
	// one allocation for all the spans and one for all their fragments,
	// rather than two per span, and the map made at its size: a long
	// document has tens of thousands of spans (the garbage collector's
	// work showed in load profiles, the more in WebAssembly)
	nfrag := 0
	for i := range fd.Spans {
		nfrag += len(fd.Spans[i].Fragments)
	}
	spanSlab := make([]Span, len(fd.Spans))
	fragSlab := make([]Fragment, nfrag)
	if len(d.spans) == 0 {
		d.spans = make(map[string]*Span, len(fd.Spans))
	}
	d.tree.reserve(nfrag)
	text := d.Text()
	// the id counters, as resetCounters sets them, counted on the way
	maxS, maxR := 0, 0
	for i := range fd.Spans {
		fs := &fd.Spans[i]
		if fs.ID == "" || !validID(fs.ID) {
			add(&Error{Code: CodeBadFormat, Field: "spans[" + strconv.Itoa(i) + "].id", Msg: "span id " + strconv.Quote(fs.ID) + " must be 1-200 characters without spaces"})
			continue
		}
		if d.spans[fs.ID] != nil {
			add(&Error{Code: CodeDuplicateID, Span: fs.ID, Field: "id", Msg: "span id " + strconv.Quote(fs.ID) + " is used twice"})
			continue
		}
		s := &spanSlab[i] // field by field: copying a whole Span calls the runtime
		s.ID, s.Label, s.Note = fs.ID, fs.Label, fs.Note
		s.Annotators, s.Adjudicated = fs.Annotators, fs.Adjudicated
		if len(fs.Attrs) > 0 {
			s.Attrs = fs.Attrs
		}
		nf := len(fs.Fragments)
		s.Fragments, fragSlab = fragSlab[:nf:nf], fragSlab[nf:] // capped: an append copies
		for j, ff := range fs.Fragments {
			s.Fragments[j] = Fragment{ff.Start, ff.End}
		}
		if e := d.checkFragments(s); e != nil {
			add(e)
			continue
		}
		bad := false
		for j, ff := range fs.Fragments {
			bs, be := d.text.bytesOf(Fragment{ff.Start, ff.End})
			if got := text[bs:be]; got != ff.Text {
				msg := "the file says " + fragStr(Fragment{ff.Start, ff.End}) + " is " + strconv.Quote(ff.Text) + " but the document has " + strconv.Quote(got) + " there; the span was not moved"
				if ff.Text == "" { // a fragment is never empty: the text is missing
					msg = "the file gives no text for " + fragStr(Fragment{ff.Start, ff.End}) + " (the text is missing or empty); the document has " + strconv.Quote(got) + " there"
				}
				add(&Error{Code: CodeTextMismatch, Span: s.ID, Field: "fragments[" + strconv.Itoa(j) + "].text", Msg: msg})
				bad = true
			}
		}
		if bad {
			continue
		}
		// checkSpan without checking the fragments a second time
		l, e := d.labelOf(s)
		if e == nil {
			e = d.checkRest(s, l)
		}
		if e != nil {
			add(e)
			continue
		}
		d.putNewSpan(s)
		maxS = counterPast("s", s.ID, maxS)
	}
	for i, fr := range fd.Relations {
		r := &Relation{ID: fr.ID, Type: fr.Type, From: fr.From, To: fr.To}
		if r.ID == "" || !validID(r.ID) {
			add(&Error{Code: CodeBadFormat, Field: "relations[" + strconv.Itoa(i) + "].id", Msg: "relation id " + strconv.Quote(r.ID) + " must be 1-200 characters without spaces"})
			continue
		}
		if d.rels[r.ID] != nil {
			add(&Error{Code: CodeDuplicateID, Relation: r.ID, Field: "id", Msg: "relation id " + strconv.Quote(r.ID) + " is used twice"})
			continue
		}
		if e := d.checkRelation(r); e != nil {
			add(e)
			continue
		}
		d.putRelation(r.ID, r)
		maxR = counterPast("r", r.ID, maxR)
	}
	d.nextSpan, d.nextRel = maxS+1, maxR+1
	es = append(es, d.loadCandidates(fd.Undecided)...)
	es = append(es, d.loadSuggestions(fd.Suggestions)...)
	return es
}

func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// locator finds the line of the document, span or relation an error is
// about, from where its id is in the file. It reads the file once, on the
// first error, noting every "id" and "relations" key (whatever the file's
// spacing); each error then costs a few binary searches. (Searching the
// file for each error took 8.8 s for the 10,000 shifted spans of a
// 1M-character document, and a page that loads it froze for a minute.)
type locator struct {
	ids  map[string][]int // id → offsets of its "id" keys, in file order
	rels []int            // offsets of "relations" keys
	nls  []int            // offsets of newlines
}

func newLocator(data []byte) *locator {
	x := &locator{ids: map[string][]int{}}
	for i, c := range data {
		if c == '\n' {
			x.nls = append(x.nls, i)
		}
	}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '"')
		if i < 0 {
			break
		}
		off += i
		switch {
		case bytes.HasPrefix(data[off:], []byte(`"id"`)):
			if id, ok := stringValue(data, off+4); ok {
				x.ids[id] = append(x.ids[id], off)
			}
		case bytes.HasPrefix(data[off:], []byte(`"relations"`)):
			if _, ok := afterColon(data, off+11); ok {
				x.rels = append(x.rels, off)
			}
		}
		off = endOfString(data, off)
	}
	return x
}

// afterColon returns the offset after `\s*:\s*` at i.
func afterColon(data []byte, i int) (int, bool) {
	for i < len(data) && isJSONSpace(data[i]) {
		i++
	}
	if i >= len(data) || data[i] != ':' {
		return 0, false
	}
	i++
	for i < len(data) && isJSONSpace(data[i]) {
		i++
	}
	return i, true
}

// stringValue reads `: "value"` at i (a key's value when it is a string).
func stringValue(data []byte, i int) (string, bool) {
	i, ok := afterColon(data, i)
	if !ok || i >= len(data) || data[i] != '"' {
		return "", false
	}
	d := decoder{data: data, pos: i}
	raw, plain, ok := d.scanString()
	switch {
	case !ok:
		return "", false
	case plain:
		return string(raw), true
	}
	return d.unquote(raw), true
}

// endOfString returns the offset after the JSON string that starts at the
// quote at i (or where it stops being one).
func endOfString(data []byte, i int) int {
	d := decoder{data: data, pos: i}
	d.scanString()
	return d.pos
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// first is the first of the sorted offs after off.
func first(offs []int, off int) (int, bool) {
	i := sort.SearchInts(offs, off+1)
	if i == len(offs) {
		return 0, false
	}
	return offs[i], true
}

// locate: the line of the error's document, and of its span or relation
// (the first with that id after the document's id), or 0.
func (x *locator) locate(e *Error) int {
	if e.Doc == "" {
		return 0
	}
	off, ok := first(x.ids[e.Doc], -1)
	if !ok {
		return 0
	}
	switch {
	case e.Span != "":
		if o, ok := first(x.ids[e.Span], off); ok {
			off = o
		}
	case e.Relation != "":
		if r, ok := first(x.rels, off); ok {
			off = r
			if o, ok := first(x.ids[e.Relation], r); ok {
				off = o
			}
		}
	}
	return sort.SearchInts(x.nls, off) + 1
}

// headerProblems judges a file's format and version (nil when absent).
func headerProblems(format *string, version *int) Errors {
	h := struct {
		Format  *string
		Version *int
	}{format, version}
	switch {
	case h.Format == nil:
		return Errors{{Code: CodeBadFormat, Line: 1, Field: "format", Msg: `not a spanmark project file: no "format" field`}}
	case *h.Format != FormatName:
		return Errors{{Code: CodeBadFormat, Line: 1, Field: "format", Msg: "format is " + strconv.Quote(*h.Format) + ", not " + strconv.Quote(FormatName)}}
	case h.Version == nil:
		return Errors{{Code: CodeBadVersion, Line: 1, Field: "version", Msg: `no "version" field`}}
	case *h.Version > FormatVersion:
		return Errors{{Code: CodeBadVersion, Field: "version", Msg: "the file is version " + strconv.Itoa(*h.Version) + ", newer than this spanmark reads (" + strconv.Itoa(FormatVersion) + "): update spanmark; nothing was loaded"}}
	case *h.Version < 1:
		return Errors{{Code: CodeBadVersion, Field: "version", Msg: "unknown version " + strconv.Itoa(*h.Version)}}
	}
	return nil
}

// IsProjectFile reports whether data is meant as a spanmark project file: a
// JSON object whose "format" field is "spanmark", whatever else is wrong
// with it (loading says what). The page's Open… uses it to hand any other
// file (a dataset of another tool) to the import instead of failing with
// "not a spanmark project file". It reads the top-level keys up to
// "format" only, which spanmark writes first.
func IsProjectFile(data []byte) bool {
	d := &decoder{data: data}
	if len(data) >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf {
		d.pos = 3 // a byte order mark
	}
	if d.peek() != '{' {
		return false
	}
	d.pos++
	for d.peek() == '"' {
		k, ok := d.key()
		if !ok {
			return false
		}
		if string(k) == "format" {
			var f string
			return d.str(&f) && f == FormatName
		}
		if !d.skip() || d.peek() != ',' {
			return false
		}
		d.pos++
	}
	return false
}
