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
// of the same documents become one gold project (team.Merge), and then,
// once it is shown, the agreement figures of `spanmark agree`
// (team.Agreement, compareReport); the works stay
// here, so that the figures of a gold document against each annotator can
// be computed again as its disagreements are settled (compareFigures).
// Package team lives in this module only: the core the page starts with
// stays without it.

// compareSession is the works of the last compareWorks, compareStats how
// their documents met.
var (
	compareSession []*team.Work
	compareStats   team.Stats
)

type compareView struct {
	// the gold project file is set on the result as "project" after
	// parsing: inside the JSON it would be escaped and parsed again (4 MB
	// for the 1M-character benchmark article)
	Annotators []string        `json:"annotators"`
	Notes      []string        `json:"notes"`
	Stats      team.MergeStats `json:"stats"`
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

// groupWorks gathers the files given to compareWorks or compareRestore
// into works, in order of first appearance: a file is a work of its own,
// or, with a "work" field, one of the files of the work (a folder) of that
// name.
func groupWorks(a *argv, files []inFile) (names []string, groups map[string][]inFile) {
	groups = map[string][]inFile{}
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
	return names, groups
}

// readWorks decodes the works, names their annotators and checks how
// their documents meet (texts equal); notes says what the gold project's
// schema adds to the first work's.
func readWorks(names []string, groups map[string][]inFile) (works []*team.Work, schema *annotate.Schema, st team.Stats, notes []string, err error) {
	works = make([]*team.Work, len(names))
	for i, n := range names {
		w, err := readCompareWork(strings.TrimSuffix(n, "/"), groups[n])
		if err != nil {
			if e, ok := err.(*annotate.Error); ok && e.File == "" {
				e.File = strings.TrimSuffix(n, "/")
			}
			return nil, nil, st, nil, err
		}
		works[i] = w
	}
	if err := team.Resolve(works); err != nil {
		return nil, nil, st, nil, err
	}
	if schema, notes, err = team.UnionSchema(works); err != nil {
		return nil, nil, st, nil, err
	}
	// which documents meet (texts checked); the measures come later
	if st, err = team.Each(works, func(string, []team.Version) error { return nil }); err != nil {
		return nil, nil, st, nil, err
	}
	if st.Compared == 0 {
		return nil, nil, st, nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "files",
			Msg: "nothing to compare: no document is in two of the works (documents are matched by id; " + annotate.Count(st.Single) + " are in one work only)"}
	}
	return works, schema, st, notes, nil
}

// readAhead is the works of the next comparison, read by compareRead
// while the person still looks at the dialog; token names that call.
var readAhead struct {
	token  int
	works  []*team.Work
	schema *annotate.Schema
	st     team.Stats
	notes  []string
	size   int64 // the works' bytes
}

// readAheadCalls counts compareRead's readings: each gets a new token.
var readAheadCalls int

// filesSize is the files' bytes.
func filesSize(files []inFile) (n int64) {
	for _, f := range files {
		n += int64(len(f.Data))
	}
	return n
}

// readGivenWorks reads the works of the files given as argument 0 (see
// compareWorks).
func readGivenWorks(a *argv, files []inFile) (works []*team.Work, schema *annotate.Schema, st team.Stats, notes []string, err error) {
	names, groups := groupWorks(a, files)
	if len(names) < 2 {
		return nil, nil, st, nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "files",
			Msg: "Compare needs two works or more, one per annotator (a file or a folder each); got " + annotate.Count(len(names))}
	}
	return readWorks(names, groups)
}

// compareRead(files) reads the works of the next comparison ahead, as the
// person chooses them (in the dialog, before Compare is pressed), and
// returns a token for compareWorks, which then merges without reading them
// again: reading two 1M-character works was 0.1-0.2 s of Compare's wait.
// It throws what compareWorks would; compareRead([]) forgets the works
// read (the dialog closed). Only the last reading is kept.
func compareRead(a *argv) (any, error) {
	files := a.files(0)
	if a.err != nil {
		return nil, a.err
	}
	readAhead.token, readAhead.works = 0, nil
	if len(files) == 0 {
		return 0, nil
	}
	size := filesSize(files)
	defer pauseGC(allocBudget(size, 8))()
	works, schema, st, notes, err := readGivenWorks(a, files)
	if err != nil {
		return nil, err
	}
	readAheadCalls++
	readAhead.token, readAhead.works, readAhead.schema, readAhead.st, readAhead.notes, readAhead.size = readAheadCalls, works, schema, st, notes, size
	return readAheadCalls, nil
}

// compareWorks(files, minVotes?, token?) merges the works into a gold
// project. A file is a work of its own, or, with a "work" field, one of
// the files of the work (a folder) of that name; token, from compareRead
// of the same files, takes the works it read instead of reading them
// again (an older token is ignored: the files are read). Nothing is kept
// on error. The agreement figures are not measured here but by
// compareReport, which the page calls once the gold project is shown:
// measuring (the tokenizer for κ, α_u) was half of the time before the
// first disagreement could be shown.
func compareWorks(a *argv) (any, error) {
	minVotes, token := 0, 0 // 0: a majority
	if a.given(1) {
		minVotes = a.integer(1, "minVotes")
	}
	if a.given(2) {
		token = a.integer(2, "token")
	}
	if a.err != nil {
		return nil, a.err
	}
	var (
		works  []*team.Work
		schema *annotate.Schema
		st     team.Stats
		notes  []string
		size   int64
		err    error
	)
	var files []inFile
	if token > 0 && token == readAhead.token {
		works, schema, st, notes, size = readAhead.works, readAhead.schema, readAhead.st, readAhead.notes, readAhead.size
		readAhead.token, readAhead.works = 0, nil // the session's now
	} else {
		if files = a.files(0); a.err != nil {
			return nil, a.err
		}
		size = filesSize(files)
	}
	// no collection while the works are read and merged and the gold is
	// written
	defer pauseGC(allocBudget(size, 8))()
	if works == nil {
		if works, schema, st, notes, err = readGivenWorks(a, files); err != nil {
			return nil, err
		}
	}
	names := annotators(works)
	gold, ms, err := team.Merge(works, schema, minVotes)
	if err != nil {
		return nil, err
	}
	b, err := gold.CompactBytes() // for the core, not for people: 4.1 -> 3.3 MB to parse
	if err != nil {
		return nil, err
	}
	for _, m := range st.Missing {
		notes = append(notes, "document "+strconv.Quote(m.Doc)+" is not in the work of "+strings.Join(m.Works, ", ")+": compared among the others")
	}
	if st.Single > 0 {
		notes = append(notes, annotate.Count(st.Single)+" document(s) in one work only: taken as that annotator made them ("+singles(works, 5)+")")
	}
	compareSession, compareStats = works, st
	out, err := json.Marshal(compareView{Annotators: names, Notes: nonNil(notes), Stats: ms})
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "writing the comparison: " + err.Error()}
	}
	res, err := parseJSON(out)
	if err == nil {
		// bytes, not a string: a 3.3 MB string cost ~100 ms of UTF-8
		// decoding here and encoding again on its way into the core
		var v safejs.Value
		if v, err = bytesToJS(b); err == nil {
			err = res.(safejs.Value).Set("project", v)
		}
	}
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "handing over the gold project: " + err.Error()}
	}
	return res, nil
}

// compareRestore(files) takes the works of a comparison again, without
// merging them: after a reload of its gold project, so that its
// documents can be measured against each annotator (compareFigures) as
// they are settled. Nothing is kept on error.
func compareRestore(a *argv) (any, error) {
	files := a.files(0)
	if a.err != nil {
		return nil, a.err
	}
	names, groups := groupWorks(a, files)
	works, _, st, _, err := readWorks(names, groups)
	if err != nil {
		return nil, err
	}
	compareSession, compareStats = works, st
	names = annotators(works)
	out, err := json.Marshal(names)
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "writing the annotators: " + err.Error()}
	}
	return parseJSON(out)
}

// compareReport() measures the agreement of the works of the last
// compareWorks (the figures of `spanmark agree`), documents and labels.
func compareReport(a *argv) (any, error) {
	if a.err != nil {
		return nil, a.err
	}
	if compareSession == nil {
		return nil, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "no comparison is open (compareWorks first)"}
	}
	names := annotators(compareSession)
	ag := team.NewAgreement(names, nil)
	if _, err := team.Each(compareSession, func(id string, vs []team.Version) error { ag.Add(id, vs); return nil }); err != nil {
		return nil, err
	}
	ag.SetStats(compareStats)
	out, err := json.Marshal(ag.Report())
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "writing the figures: " + err.Error()}
	}
	return parseJSON(out)
}

// annotators are the works' annotators, in order.
func annotators(works []*team.Work) []string {
	names := make([]string, len(works))
	for i, w := range works {
		names[i] = w.Annotator
	}
	return names
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
		out = append(out, "and "+annotate.Count(more)+" more")
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
