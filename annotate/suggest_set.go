package annotate

import "strconv"

// A suggestion set hands one source's suggestions for several documents
// from where they are made (the page's formats module, which runs the
// sources, or a tool) to the project that keeps them, in code points, with
// each fragment's text so that a set made for another text is refused:
//
//	{"format":"spanmark-suggestions","version":1,"source":"own","replace":true,
//	 "labels":["NEW"],  labels to add to the schema first (entity layer)
//	 "documents":[{"id":"doc","suggestions":[{suggestion as in the project file}]}]}
//
// "replace": the listed documents' open suggestions of that source go
// first (a source run again). Every suggestion's "source" must be the
// set's.

const suggSetFormat = "spanmark-suggestions"

// SuggestionSet is one source's suggestions by document id.
type SuggestionSet struct {
	Source  string
	Replace bool
	// NewLabels are added to the schema (entity layer, a new colour)
	// before the suggestions, as an import adds the labels it brings.
	NewLabels []string
	Docs      []string       // in order
	ByDoc     [][]Suggestion // ByDoc[i] for Docs[i]
}

// Add appends the suggestions of one document.
func (s *SuggestionSet) Add(doc string, gs []Suggestion) {
	s.Docs = append(s.Docs, doc)
	s.ByDoc = append(s.ByDoc, gs)
}

// Total is the number of suggestions in the set.
func (s *SuggestionSet) Total() int {
	n := 0
	for _, gs := range s.ByDoc {
		n += len(gs)
	}
	return n
}

// JSON writes the set (compact) for p's documents.
func (s *SuggestionSet) JSON(p *Project) []byte {
	w := &jw{compact: true}
	w.raw(`{"format":"` + suggSetFormat + `","version":1,"source":`)
	w.str(s.Source)
	w.raw(`,"replace":` + strconv.FormatBool(s.Replace) + `,"labels":`)
	w.list(0, false, len(s.NewLabels), func(i int) { w.str(s.NewLabels[i]) })
	w.raw(`,"documents":`)
	w.array(0, len(s.Docs), func(i int) {
		d := p.byID[s.Docs[i]]
		w.raw(`{"id":`)
		w.str(s.Docs[i])
		w.raw(`,"suggestions":`)
		w.array(0, len(s.ByDoc[i]), func(j int) { d.encodeSugg(w, 0, &s.ByDoc[i][j], false) })
		w.raw("}")
	})
	w.raw("}")
	return w.b
}

// SuggestionSetResult says what ApplySuggestionSet did.
type SuggestionSetResult struct {
	Documents int      `json:"documents"`
	Cleared   int      `json:"cleared"`
	NewLabels []string `json:"new_labels,omitempty"` // added to the schema
	AddSuggestionsResult
}

// ApplySuggestionSet reads a set (SuggestionSet.JSON) and gives its
// suggestions to the documents, outside the undo history, after adding
// the labels it lists to the schema. The whole set is checked first
// (every document exists, every suggestion fits its text and the schema);
// any problem is returned, located, and nothing changes.
func (p *Project) ApplySuggestionSet(data []byte) (SuggestionSetResult, error) {
	var res SuggestionSetResult
	var source string
	var version int
	var replace bool
	var labels []string
	type docSet struct {
		d   *Document
		fss []fileSugg
	}
	var sets []docSet
	e := strictValue(data, "", func(dc *decoder) bool {
		var format string
		return dc.object("an object", []string{"format", "version", "source", "replace", "labels", "documents"}, func(k int) bool {
			switch k {
			case 0:
				return dc.str(&format) && (format == suggSetFormat || dc.fail(&Error{Field: "format", Msg: "not a spanmark suggestion set"}))
			case 1:
				return dc.int(&version) && (version == 1 || dc.fail(&Error{Field: "version", Msg: "unknown suggestion set version " + strconv.Itoa(version)}))
			case 2:
				return dc.str(&source)
			case 3:
				v, ok := dc.anyValue()
				replace, _ = v.(bool)
				return ok
			case 4:
				return dc.array("an array", func(int) bool {
					var l string
					ok := dc.str(&l)
					labels = append(labels, l)
					return ok
				})
			}
			return dc.array("an array", func(i int) bool {
				var ds docSet
				ok := dc.object("an object", []string{"id", "suggestions"}, func(k int) bool {
					if k == 0 {
						var id string
						if !dc.str(&id) {
							return false
						}
						if ds.d = p.byID[id]; ds.d == nil {
							return dc.fail(&Error{Doc: id, Field: dc.fieldPath(), Msg: "no document " + strconv.Quote(id) + " in the project"})
						}
						return true
					}
					return dc.suggestions(&ds.fss)
				})
				sets = append(sets, ds)
				return ok
			})
		})
	})
	if e != nil {
		e.Code = CodeBadFormat
		return res, e
	}
	// the labels first, so that the suggestions are checked against them;
	// on any problem the schema is put back as it was
	old := p.Schema.Clone()
	undo := func() { *p.Schema = *old }
	for _, l := range labels {
		if p.Schema.Label(l) != nil {
			continue
		}
		if _, err := p.AddLabel(LabelDef{Name: l, Layer: LayerEntity}); err != nil {
			undo()
			return res, err
		}
		res.NewLabels = append(res.NewLabels, l)
	}
	gss := make([][]Suggestion, len(sets))
	for i, ds := range sets {
		for j := range ds.fss {
			g, err := ds.d.suggOf(&ds.fss[j])
			if err == nil && g.Source != source {
				err = &Error{Code: CodeBadArgument, Field: "source", Msg: "the suggestion's source " + strconv.Quote(g.Source) + " is not the set's, " + strconv.Quote(source)}
			}
			if err != nil {
				undo()
				err.Doc = ds.d.ID
				err.Field = "documents[" + strconv.Itoa(i) + "].suggestions[" + strconv.Itoa(j) + "]." + err.Field
				return SuggestionSetResult{}, err
			}
			gss[i] = append(gss[i], *g)
		}
	}
	for i, ds := range sets {
		res.Documents++
		if replace {
			res.Cleared += ds.d.ClearSuggestions(source)
		}
		r, _ := ds.d.AddSuggestions(gss[i]) // checked above
		res.Added += r.Added
		res.Known += r.Known
		res.Rejected += r.Rejected
		res.Done += r.Done
	}
	return res, nil
}

// OwnLabelSet runs the own-labels source over every document of p and
// returns its suggestions as a set that replaces the source's earlier
// ones (the page's formats module makes it; the core applies it).
func (p *Project) OwnLabelSet(opt OwnLabelOptions) *SuggestionSet {
	o := NewOwnLabels(p, opt)
	set := &SuggestionSet{Source: SourceOwn, Replace: true}
	for _, d := range p.docs {
		set.Add(d.ID, o.Suggest(d))
	}
	return set
}

// SpansToSuggestions turns every span of every document into an open
// suggestion of source (relations go), outside the undo history: an
// import of another tool's predictions "as suggestions". It returns how
// many suggestions were made.
func (p *Project) SpansToSuggestions(source string) (int, error) {
	if !validSource(source) {
		return 0, &Error{Code: CodeBadArgument, Field: "source", Msg: "a suggestion's source must be 1-40 letters, digits, - or _, not " + strconv.Quote(source)}
	}
	n := 0
	for _, d := range p.docs {
		ss := d.Spans()
		gs := make([]Suggestion, len(ss))
		for i, s := range ss {
			gs[i] = Suggestion{Label: s.Label, Fragments: s.Fragments, Source: source}
		}
		for _, r := range d.Relations() {
			d.putRelation(r.ID, nil)
		}
		for _, s := range ss {
			d.putSpan(s.ID, nil)
		}
		d.undo, d.redo = nil, nil
		r, _ := d.AddSuggestions(gs) // fragments of valid spans
		n += r.Added
	}
	return n, nil
}
