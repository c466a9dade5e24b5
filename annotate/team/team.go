// Package team is the work of a team of annotators on one corpus: how far
// their works agree (Agreement), the gold project made from them by vote
// (Merge), and the split of a corpus among them (Split). It is pure Go on
// package annotate, so the page can call the same code as the command line.
//
// Works are compared document by document and by content, never by id: a
// span is its label and fragments, a relation its type and the content of
// its two ends. So the "s7" of one annotator's copy and the "s7" of
// another's never clash, whatever ids their copies gave. A work is read
// one document at a time (Work.Doc), so that comparing a corpus holds one
// document of each work at once, not the corpus.
package team

import (
	"path"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// Work is one annotator's work: its documents, read one at a time.
type Work struct {
	Name      string   // the file or folder it came from, for messages
	Annotator string   // who made it (see Name and Resolve)
	IDs       []string // document ids, in the work's order
	// Doc reads the i-th document. It may build it afresh on each call;
	// the caller does not keep it.
	Doc func(i int) (*annotate.Document, error)
	// Annotators are the names the work's documents record, in order of
	// first appearance ("" left out).
	Annotators []string
}

// ProjectWork is a work held in memory.
func ProjectWork(name string, p *annotate.Project) *Work {
	docs := p.Documents()
	w := &Work{Name: name, Doc: func(i int) (*annotate.Document, error) { return docs[i], nil }}
	for _, d := range docs {
		w.IDs = append(w.IDs, d.ID)
		w.addAnnotator(d.Annotator)
	}
	return w
}

// IndexWork is a work read from a project file one document at a time.
func IndexWork(name string, x *annotate.FileIndex) *Work {
	w := &Work{Name: name, Doc: x.Document}
	for _, r := range x.Docs {
		w.IDs = append(w.IDs, r.ID)
		w.addAnnotator(r.Annotator)
	}
	return w
}

func (w *Work) addAnnotator(a string) {
	if a != "" && !contains(w.Annotators, a) {
		w.Annotators = append(w.Annotators, a)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func fail(code annotate.Code, msg string) *annotate.Error {
	return &annotate.Error{Code: code, Msg: msg}
}

// Resolve names each work's annotator: the name its documents record,
// else its file's or folder's base name without extension. A work whose
// documents name two annotators, and two works of one annotator, are
// refused: agreement of a person with themselves means nothing.
func Resolve(works []*Work) error {
	if len(works) < 2 {
		return fail(annotate.CodeBadArgument, "agreement needs two works or more (one per annotator); got "+annotate.Count(len(works)))
	}
	seen := map[string]string{}
	for _, w := range works {
		switch len(w.Annotators) {
		case 0:
			if w.Annotator == "" {
				base := path.Base(strings.TrimRight(strings.ReplaceAll(w.Name, "\\", "/"), "/"))
				if ext := path.Ext(base); ext != base {
					base = strings.TrimSuffix(base, ext)
				}
				w.Annotator = base
			}
		case 1:
			w.Annotator = w.Annotators[0]
		default:
			return &annotate.Error{Code: annotate.CodeBadArgument, File: w.Name,
				Msg: "the work's documents were made by " + strings.Join(quoteAll(w.Annotators), ", ") + "; give one work per annotator"}
		}
		if prev, dup := seen[w.Annotator]; dup {
			return &annotate.Error{Code: annotate.CodeBadArgument, File: w.Name,
				Msg: "annotator " + strconv.Quote(w.Annotator) + " is given twice (also " + prev + "); give one work per annotator"}
		}
		seen[w.Annotator] = w.Name
	}
	return nil
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Quote(x)
	}
	return out
}

// Version is one work's copy of a document.
type Version struct {
	Work int // index into the works
	Doc  *annotate.Document
}

// Stats says how the works' documents met.
type Stats struct {
	Compared int       // documents in two works or more
	Single   int       // documents in one work only
	Missing  []Absence // compared documents some works lack
}

// Absence is a compared document that some works lack.
type Absence struct {
	Doc   string
	Works []string // the annotators whose works lack it
}

// String is the note: "doc-7: not in ben, chen".
func (a Absence) String() string { return a.Doc + ": not in " + strings.Join(a.Works, ", ") }

// Each calls fn for every document in two works or more, in the order of
// first appearance (the first work's order, then the second's new ones…),
// with the versions in work order. The texts must be identical: else the
// error names both works, the document and the first differing offset.
// Only the versions of one document are held at a time.
func Each(works []*Work, fn func(id string, vs []Version) error) (Stats, error) {
	return each(works, 2, fn)
}

// each is Each for the documents in at least min works.
func each(works []*Work, min int, fn func(id string, vs []Version) error) (Stats, error) {
	var st Stats
	where := map[string][]int{} // id → index in each work (-1: absent)
	var order []string
	for wi, w := range works {
		for i, id := range w.IDs {
			at := where[id]
			if at == nil {
				at = make([]int, len(works))
				for k := range at {
					at[k] = -1
				}
				where[id] = at
				order = append(order, id)
			}
			if at[wi] >= 0 {
				return st, &annotate.Error{Code: annotate.CodeDuplicateID, File: w.Name, Doc: id, Msg: "document " + strconv.Quote(id) + " is in the work twice"}
			}
			at[wi] = i
		}
	}
	vs := make([]Version, 0, len(works))
	for _, id := range order {
		at := where[id]
		vs = vs[:0]
		var absent []string
		for wi, i := range at {
			if i < 0 {
				absent = append(absent, works[wi].Annotator)
			}
		}
		n := len(works) - len(absent)
		if n < 2 {
			st.Single++
		}
		if n < min {
			continue
		}
		if n >= 2 {
			st.Compared++
		}
		if len(absent) > 0 && n >= 2 {
			st.Missing = append(st.Missing, Absence{Doc: id, Works: absent})
		}
		for wi, i := range at {
			if i < 0 {
				continue
			}
			d, err := works[wi].Doc(i)
			if err != nil {
				return st, err
			}
			if len(vs) > 0 {
				if err := sameText(works[vs[0].Work], vs[0].Doc, works[wi], d); err != nil {
					return st, err
				}
			}
			vs = append(vs, Version{Work: wi, Doc: d})
		}
		if err := fn(id, vs); err != nil {
			return st, err
		}
	}
	return st, nil
}

func sameText(wa *Work, a *annotate.Document, wb *Work, b *annotate.Document) error {
	ta, tb := a.Text(), b.Text()
	if ta == tb {
		return nil
	}
	cp := 0
	ra, rb := []rune(ta), []rune(tb)
	for cp < len(ra) && cp < len(rb) && ra[cp] == rb[cp] {
		cp++
	}
	return &annotate.Error{Code: annotate.CodeTextMismatch, File: wb.Name, Doc: a.ID,
		Msg: "the text of document " + strconv.Quote(a.ID) + " differs between " + wa.Name + " (" + wa.Annotator + ") and " + wb.Name + " (" + wb.Annotator +
			") from offset " + strconv.Itoa(cp) + " on (code points; lengths " + annotate.Count(len(ra)) + " and " + annotate.Count(len(rb)) + "); works must annotate the same texts"}
}
