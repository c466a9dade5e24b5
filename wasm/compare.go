//go:build js && wasm && formats

package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
	"github.com/spanmark/spanmark/annotate/team"
)

// "Compare…" through the bridge (web/compare.js): several annotators' works
// of the same documents become one gold project (team.Merge), with the
// agreement figures of `spanmark agree` (team.Agreement); the works stay
// here, so that the figures of a gold document against each annotator can
// be computed again as its disagreements are settled (compareFigures).
// Package team lives in this module only: the core the page starts with
// stays without it.

// compareSession is the works of the last compareWorks.
var compareSession []*team.Work

type compareView struct {
	// the gold project file is set on the result as "project" after
	// parsing: inside the JSON it would be escaped and parsed again (4 MB
	// for the 1M-character benchmark article)
	Annotators []string        `json:"annotators"`
	Notes      []string        `json:"notes"`
	Stats      team.MergeStats `json:"stats"`
	Report     *team.Report    `json:"report"`
}

// readCompareWork reads one annotator's work: a spanmark project file,
// a file in any format the import reads, or the files of a folder (brat:
// .ann and .txt) named name, as `spanmark agree` reads a folder.
func readCompareWork(name string, fs []inFile) (*team.Work, error) {
	if len(fs) == 1 && annotate.IsProjectFile(fs[0].Data) {
		p, err := annotate.Load(fs[0].Data, fs[0].Name)
		if err != nil {
			return nil, err
		}
		return team.ProjectWork(name, p), nil
	}
	in := make([]formats.File, len(fs))
	for i, f := range fs {
		in[i] = formats.File{Name: f.Name, Data: f.Data}
	}
	_, p, _, err := formats.Read(in, "", formats.ImportOptions{})
	if err != nil {
		return nil, err
	}
	return team.ProjectWork(name, p), nil
}

// compareWorks(files, minVotes?) merges the works into a gold project and
// measures their agreement. A file is a work of its own, or, with a
// "work" field, one of the files of the work (a folder) of that name.
// Nothing is kept on error.
func compareWorks(a *argv) (any, error) {
	files := a.files(0)
	minVotes := 0 // a majority
	if a.given(1) {
		minVotes = a.integer(1, "minVotes")
	}
	if a.err != nil {
		return nil, a.err
	}
	// the works, in order of first appearance
	var names []string
	groups := map[string][]inFile{}
	arr := a.arg(0)
	for i, f := range files {
		name := f.Name
		if v, err := arr.Index(i); err == nil {
			if w, err := v.Get("work"); err == nil && w.Type() == safejs.TypeString {
				s, _ := w.String()
				name = s + "/" // a folder: not a file of that name
			}
		}
		if groups[name] == nil {
			names = append(names, name)
		}
		groups[name] = append(groups[name], f)
	}
	if len(names) < 2 {
		return nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "files",
			Msg: "Compare needs two works or more, one per annotator (a file or a folder each); got " + strconv.Itoa(len(names))}
	}
	works := make([]*team.Work, len(names))
	for i, n := range names {
		w, err := readCompareWork(strings.TrimSuffix(n, "/"), groups[n])
		if err != nil {
			if e, ok := err.(*annotate.Error); ok && e.File == "" {
				e.File = strings.TrimSuffix(n, "/")
			}
			return nil, err
		}
		works[i] = w
	}
	if err := team.Resolve(works); err != nil {
		return nil, err
	}
	schema, notes, err := team.UnionSchema(works)
	if err != nil {
		return nil, err
	}
	names = make([]string, len(works))
	for i, w := range works {
		names[i] = w.Annotator
	}
	ag := team.NewAgreement(names, nil)
	st, err := team.Each(works, func(id string, vs []team.Version) error { ag.Add(id, vs); return nil })
	if err != nil {
		return nil, err
	}
	if st.Compared == 0 {
		return nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "files",
			Msg: "nothing to compare: no document is in two of the works (documents are matched by id; " + strconv.Itoa(st.Single) + " are in one work only)"}
	}
	ag.SetStats(st)
	gold, ms, err := team.Merge(works, schema, minVotes)
	if err != nil {
		return nil, err
	}
	b, err := gold.Bytes()
	if err != nil {
		return nil, err
	}
	r := ag.Report()
	notes = append(notes, r.SchemaNotes...)
	for _, m := range r.Missing { // "id: not in ben, chen"
		id, who, _ := strings.Cut(m, ": not in ")
		notes = append(notes, "document "+strconv.Quote(id)+" is not in the work of "+who+": compared among the others")
	}
	if st.Single > 0 {
		notes = append(notes, strconv.Itoa(st.Single)+" document(s) in one work only: taken as that annotator made them ("+singles(works, 5)+")")
	}
	compareSession = works
	out, err := json.Marshal(compareView{Annotators: names, Notes: nonNil(notes), Stats: ms, Report: r})
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "writing the comparison: " + err.Error()}
	}
	res, err := parseJSON(out)
	if err == nil {
		err = res.(safejs.Value).Set("project", string(b))
	}
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "handing over the gold project: " + err.Error()}
	}
	return res, nil
}

// singles names the documents in one work only, with whose (at most n,
// then how many more).
func singles(works []*team.Work, n int) string {
	count := map[string]int{}
	for _, w := range works {
		for _, id := range w.IDs {
			count[id]++
		}
	}
	var out []string
	more := 0
	for _, w := range works {
		for _, id := range w.IDs {
			if count[id] != 1 {
				continue
			}
			if len(out) == n {
				more++
				continue
			}
			out = append(out, strconv.Quote(id)+" only in "+w.Annotator+"’s")
		}
	}
	if more > 0 {
		out = append(out, "and "+strconv.Itoa(more)+" more")
	}
	return strings.Join(out, ", ")
}

// compareFigures(goldProject, doc) measures a gold document against each
// annotator's version of it (the works of the last compareWorks): the
// figures of `spanmark agree` with the gold as one more annotator, "gold".
func compareFigures(a *argv) (any, error) {
	data, id := a.str(0, "json"), a.str(1, "doc")
	if a.err != nil {
		return nil, a.err
	}
	if compareSession == nil {
		return nil, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "no comparison is open (compareWorks first)"}
	}
	x, err := annotate.ReadIndex([]byte(data), "gold")
	if err != nil {
		return nil, err
	}
	gi := -1
	for i, r := range x.Docs {
		if r.ID == id {
			gi = i
		}
	}
	if gi < 0 {
		return nil, &annotate.Error{Code: annotate.CodeUnknownDocument, Doc: id, Msg: "no document " + strconv.Quote(id) + " in the gold project"}
	}
	gd, err := x.Document(gi)
	if err != nil {
		return nil, err
	}
	works := make([]*team.Work, 0, len(compareSession)+1)
	names := make([]string, 0, len(compareSession)+1)
	for _, w := range compareSession {
		works = append(works, w)
		names = append(names, w.Annotator)
	}
	gw := &team.Work{Name: "gold", Annotator: "gold", IDs: []string{id}, Doc: func(int) (*annotate.Document, error) { return gd, nil }}
	works = append(works, gw)
	names = append(names, "gold")
	// this document only: each work's copy of it
	var vs []team.Version
	for wi, w := range works {
		for i, did := range w.IDs {
			if did == id {
				d, err := w.Doc(i)
				if err != nil {
					return nil, err
				}
				if d.Text() != gd.Text() {
					return nil, &annotate.Error{Code: annotate.CodeTextMismatch, Doc: id, Msg: "the gold document's text is not " + w.Annotator + "'s"}
				}
				vs = append(vs, team.Version{Work: wi, Doc: d})
			}
		}
	}
	ag := team.NewAgreement(names, nil)
	ag.Add(id, vs)
	ag.SetStats(team.Stats{Compared: 1})
	out, err := json.Marshal(ag.Report())
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "writing the figures: " + err.Error()}
	}
	return parseJSON(out)
}
