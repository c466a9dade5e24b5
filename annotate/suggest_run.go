package annotate

// A suggestion run makes a source's suggestion set document by document,
// so that a caller can spread the work over many short slices (the page
// runs a pattern file over 10,000 documents between frames), say how far
// it is, and stop. It reads the project and changes nothing: its set is
// applied, whole, by ApplySuggestionSet once the run is done, so that a
// run stopped half-way leaves no half-applied source behind.

// SuggestionRun is one source going over a project's documents.
type SuggestionRun struct {
	set     *SuggestionSet
	docs    []*Document
	next    int
	suggest func(*Document) []Suggestion
}

// NewSuggestionRun returns a run that fills set (its source, labels and
// replace flag already said) with suggest(d) for each document of p, in
// project order.
func (p *Project) NewSuggestionRun(set *SuggestionSet, suggest func(*Document) []Suggestion) *SuggestionRun {
	set.Docs = make([]string, 0, len(p.docs))
	set.ByDoc = make([][]Suggestion, 0, len(p.docs))
	return &SuggestionRun{set: set, docs: append([]*Document(nil), p.docs...), suggest: suggest}
}

// Step runs the source on up to n more documents (at least one) and
// returns how many are done and how many there are.
func (r *SuggestionRun) Step(n int) (done, total int) {
	for n = max(n, 1); n > 0 && r.next < len(r.docs); n-- {
		d := r.docs[r.next]
		r.set.Add(d.ID, r.suggest(d))
		r.next++
	}
	return r.next, len(r.docs)
}

// Done reports whether every document has been run.
func (r *SuggestionRun) Done() bool { return r.next == len(r.docs) }

// Total is the number of documents the run goes over.
func (r *SuggestionRun) Total() int { return len(r.docs) }

// Set returns the set made so far (every document's, once Done).
func (r *SuggestionRun) Set() *SuggestionSet { return r.set }

// OwnLabelRun is OwnLabelSet as a run.
func (p *Project) OwnLabelRun(opt OwnLabelOptions) *SuggestionRun {
	o := NewOwnLabels(p, opt)
	return p.NewSuggestionRun(&SuggestionSet{Source: SourceOwn, Replace: true}, o.Suggest)
}

// ClaimRun is ClaimSet as a run.
func (p *Project) ClaimRun() *SuggestionRun {
	return p.NewSuggestionRun(&SuggestionSet{Source: SourceClaim, Replace: true}, ClaimSuggestions)
}
