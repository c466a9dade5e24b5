package annotate

import (
	"slices"
	"strings"
)

// Stats is the project at a glance, for the page's statistics chart: spans
// per label over the project and per document, relations per type, and how
// many documents are todo, in progress and done. It is counted here, from
// the counts each document keeps up to date, so the page draws numbers the
// core vouches for instead of counting spans itself.
type Stats struct {
	Labels     []LabelStat // schema order; then labels of spans the schema no longer has, by name
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
	// labels no longer in the schema cannot be on a span (a schema edit
	// changes every document), but a count must never be dropped silently
	var extra []string
	for _, d := range p.docs {
		for k := range d.counts {
			if _, ok := index[k]; !ok {
				index[k] = -1
				extra = append(extra, k)
			}
		}
	}
	slices.SortFunc(extra, strings.Compare)
	for _, k := range extra {
		index[k] = len(st.Labels)
		st.Labels = append(st.Labels, LabelStat{Name: k})
	}
	rel := map[string]int{}
	for _, r := range p.Schema.Relations {
		rel[r.Name] = len(st.Relations)
		st.Relations = append(st.Relations, LabelStat{Name: r.Name})
	}
	for _, d := range p.docs {
		ds := DocStat{ID: d.ID, Title: d.Title, Status: d.Status, Spans: len(d.spans), Counts: make([]int, len(st.Labels))}
		for k, n := range d.counts {
			i := index[k]
			ds.Counts[i] = n
			st.Labels[i].Count += n
			st.Labels[i].Docs++
		}
		seen := map[int]bool{}
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
