package annotate

// Stats is the project at a glance, for the page's statistics chart: spans
// per label over the project and per document, relations per type, and how
// many documents are todo, in progress and done. It is counted here, from
// the counts each document keeps up to date, so the page draws numbers the
// core vouches for instead of counting spans itself.
type Stats struct {
	Labels     []LabelStat // schema order
	Relations  []LabelStat // relation types in schema order, with their relation counts
	Docs       []DocStat   // project order
	Todo       int
	InProgress int
	Done       int
	Spans      int // over the project
}

// LabelStat is a label (or relation type) and how many spans (relations) carry it.
type LabelStat struct {
	Name  string
	Count int
	Docs  int // documents with at least one
}

// DocStat is one document's share.
type DocStat struct {
	ID     string
	Title  string
	Status Status
	Spans  int
	Counts []int // per label, in the order of Stats.Labels
}

// Stats counts the project. It costs one pass over each document's label
// counts and relations, not over its spans.
func (p *Project) Stats() Stats {
	var st Stats
	index := map[string]int{}
	for _, l := range p.Schema.Labels {
		index[l.Name] = len(st.Labels)
		st.Labels = append(st.Labels, LabelStat{Name: l.Name})
	}
	rel := map[string]int{}
	for _, r := range p.Schema.Relations {
		rel[r.Name] = len(st.Relations)
		st.Relations = append(st.Relations, LabelStat{Name: r.Name})
	}
	for _, d := range p.docs {
		ds := DocStat{ID: d.ID, Title: d.Title, Status: d.Status, Spans: len(d.spans), Counts: make([]int, len(st.Labels))}
		for k, n := range d.counts {
			i, ok := index[k]
			if !ok {
				continue // never: a schema edit changes every document's spans with it
			}
			ds.Counts[i] = n
			st.Labels[i].Count += n
			st.Labels[i].Docs++
		}
		// (a slice, not a map[int]bool: an int-keyed map pulls the
		// runtime's fast64 map code into the wasm, ~6 KB)
		seen := make([]bool, len(st.Relations))
		for _, r := range d.rels {
			if i, ok := rel[r.Type]; ok {
				st.Relations[i].Count++
				if !seen[i] {
					seen[i] = true
					st.Relations[i].Docs++
				}
			}
		}
		st.Spans += ds.Spans
		switch d.Status {
		case StatusDone:
			st.Done++
		case StatusInProgress:
			st.InProgress++
		default:
			st.Todo++
		}
		st.Docs = append(st.Docs, ds)
	}
	return st
}
