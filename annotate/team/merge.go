package team

import (
	"cmp"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/annotate"
	"sort"
)

// MergeStats says what a merge decided.
type MergeStats struct {
	Documents, Accepted, Undecided, Relations int
	UndecidedDocs                             int // documents with undecided spans
	// Dropped: relations not in the gold, because an end is undecided
	// (they are kept on the undecided span, and come back when an
	// annotator's version of it is taken) or the rules refused them.
	Dropped int
	// Minority: relations in the gold that fewer annotators made than
	// the votes a span needs (a relation follows its spans).
	Minority int
}

// Merge makes the gold project from the works: every document of any work
// (texts equal where several have it), with the spans that at least
// minVotes of its annotators made exactly (label and fragments; minVotes 0:
// a majority of the annotators who have the document). An accepted span
// takes each attribute's value by vote (a tie: the value of the earliest
// work) and the first note. A relation follows its spans: it is in the
// gold when both its ends are (same type, same ends by content, whoever
// made it: MergeStats.Minority counts those made by fewer than the votes).
// The spans short of the votes go to the document's Undecided list with
// who made them (a gold span records who made it too: Span.Annotators)
// and each annotator's relations from and to them, so that taking an
// annotator's version brings their relations along (Document.Adjudicate);
// the document's status is then
// in_progress (done when nothing is left to decide). Ids are fresh:
// s1, s2… in document order. schema is the gold project's (see
// UnionSchema).
//
// With a majority any two accepted spans share an annotator, so they
// were valid together; with fewer votes a span that breaks a rule against
// those accepted before it (crossing, say) is undecided instead.
func Merge(works []*Work, schema *annotate.Schema, minVotes int) (*annotate.Project, MergeStats, error) {
	var st MergeStats
	if minVotes < 0 {
		return nil, st, fail(annotate.CodeBadArgument, "--min-votes must be 1 or more; got "+strconv.Itoa(minVotes))
	}
	if minVotes > len(works) {
		return nil, st, fail(annotate.CodeBadArgument, "--min-votes "+strconv.Itoa(minVotes)+" is more than the "+annotate.Count(len(works))+" works")
	}
	gold := annotate.NewProject(schema)
	_, err := each(works, 1, func(id string, vs []Version) error {
		st.Documents++
		return mergeDoc(gold, works, vs, minVotes, &st)
	})
	if err != nil {
		return nil, st, err
	}
	return gold, st, nil
}

type vote struct {
	key    string
	span   *annotate.Span // the earliest voter's
	spans  []*annotate.Span
	docs   []*annotate.Document // each voter's copy of the document
	voters []string
	order  int // for ties in sorting: the first voter's work, its position
}

func mergeDoc(gold *annotate.Project, works []*Work, vs []Version, minVotes int, st *MergeStats) error {
	first := vs[0].Doc
	need := minVotes
	if need == 0 {
		need = len(vs)/2 + 1
	}
	d, err := gold.AddDocument(first.ID, first.Title, first.Text(), first.Meta)
	if err != nil {
		return err
	}
	d.Labels = slices.Clone(first.Labels)
	// sized for the spans of all versions: growing the map was a third
	// of the merge's map work (Compare… on a 10,000-span document)
	lists := make([][]*annotate.Span, len(vs))
	n := 0
	for i, v := range vs {
		lists[i] = spansInOrder(v.Doc)
		n += len(lists[i])
	}
	votes := make(map[string]*vote, n)
	all := make([]*vote, 0, n)
	for i, v := range vs {
		name := works[v.Work].Annotator
		for _, s := range lists[i] {
			k := spanKey(s)
			vt := votes[k]
			if vt == nil {
				vt = &vote{key: k, span: s, order: len(all)}
				votes[k] = vt
				all = append(all, vt)
			}
			if !slices.Contains(vt.voters, name) { // a duplicate votes once
				vt.voters = append(vt.voters, name)
				vt.spans = append(vt.spans, s)
				vt.docs = append(vt.docs, v.Doc)
			}
		}
	}
	order.Func(all, func(a, b *vote) int {
		sa, sb := a.span, b.span
		if c := cmp.Compare(sa.Start(), sb.Start()); c != 0 {
			return c
		}
		if c := cmp.Compare(sb.End(), sa.End()); c != 0 {
			return c
		}
		if c := cmp.Compare(sa.Label, sb.Label); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	accepted := make(map[string]string, len(all)) // span key → gold id
	for _, vt := range all {
		cand := annotate.Candidate{Label: vt.span.Label, Fragments: slices.Clone(vt.span.Fragments),
			Attrs: votedAttrs(vt.spans), Note: firstNote(vt.spans), Annotators: vt.voters}
		if len(vt.voters) >= need {
			s := &annotate.Span{Label: cand.Label, Fragments: cand.Fragments, Attrs: cand.Attrs, Note: cand.Note,
				Annotators: slices.Clone(cand.Annotators)}
			if d.PlaceNew(s) == nil {
				accepted[vt.key] = s.ID // the next free one: s1, s2… in document order
				st.Accepted++
				continue
			}
		}
		cand.Relations = candRelations(vt)
		d.Undecided = append(d.Undecided, cand)
		st.Undecided++
	}
	// relations, by content
	type relVote struct {
		typ, from, to string
		voters        []string
	}
	rv := map[string]*relVote{}
	var rorder []string
	for _, v := range vs {
		name := works[v.Work].Annotator
		for _, r := range v.Doc.Relations() {
			from, to := v.Doc.Span(r.From), v.Doc.Span(r.To)
			k := r.Type + "\x00" + spanKey(from) + "\x00" + spanKey(to)
			x := rv[k]
			if x == nil {
				x = &relVote{typ: r.Type, from: spanKey(from), to: spanKey(to)}
				rv[k] = x
				rorder = append(rorder, k)
			}
			if !slices.Contains(x.voters, name) {
				x.voters = append(x.voters, name)
			}
		}
	}
	var rels []*annotate.Relation
	for _, k := range rorder {
		x := rv[k]
		fid, tid := accepted[x.from], accepted[x.to]
		if fid == "" || tid == "" {
			st.Dropped++
			continue
		}
		if len(x.voters) < need {
			st.Minority++
		}
		rels = append(rels, &annotate.Relation{Type: x.typ, From: fid, To: tid})
	}
	// in gold order (by their ends), so ids follow the document
	order.Func(rels, func(a, b *annotate.Relation) int {
		if c := cmp.Compare(goldOrder(a.From), goldOrder(b.From)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		return cmp.Compare(goldOrder(a.To), goldOrder(b.To))
	})
	for _, r := range rels {
		if es := d.Populate(nil, []*annotate.Relation{r}); len(es) > 0 {
			st.Dropped++
			continue
		}
		st.Relations++
	}
	d.Disagreements() // sorts the undecided spans, as the file writes them
	if len(d.Undecided) > 0 {
		d.Status = annotate.StatusInProgress
		st.UndecidedDocs++
	} else {
		d.Status = annotate.StatusDone
	}
	return nil
}

// candRelations are the relations each voter of an undecided span made
// from or to it, the other end by content, who made each recorded; in
// order of type, direction and the other end's place.
func candRelations(vt *vote) []annotate.CandRelation {
	var out []annotate.CandRelation
	for i, s := range vt.spans {
		doc := vt.docs[i]
		for _, r := range doc.RelationsOf(s.ID) {
			out0 := r.From == s.ID
			other := doc.Span(r.To)
			if !out0 {
				other = doc.Span(r.From)
			}
			if other == nil {
				continue
			}
			k := slices.IndexFunc(out, func(c annotate.CandRelation) bool {
				return c.Type == r.Type && c.Out == out0 && c.Other.Label == other.Label && slices.Equal(c.Other.Fragments, other.Fragments)
			})
			if k < 0 {
				out = append(out, annotate.CandRelation{Type: r.Type, Out: out0,
					Other: annotate.Candidate{Label: other.Label, Fragments: slices.Clone(other.Fragments)}})
				k = len(out) - 1
			}
			if o := &out[k].Other; !slices.Contains(o.Annotators, vt.voters[i]) {
				o.Annotators = append(o.Annotators, vt.voters[i])
			}
		}
	}
	// (sort.SliceStable, not slices.SortStableFunc: one sort for every
	// element type, where each slices sort of a struct type adds its own
	// ~20 KB of wasm)
	sort.SliceStable(out, func(i, j int) bool { return cmpCandRelation(out[i], out[j]) < 0 })
	return out
}

// cmpCandRelation orders a candidate's relations: by type, outgoing
// first, then by the other end's place and label.
func cmpCandRelation(a, b annotate.CandRelation) int {
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if a.Out != b.Out {
		if a.Out {
			return -1
		}
		return 1
	}
	fa, fb := a.Other.Fragments, b.Other.Fragments
	if c := cmp.Compare(fa[0].Start, fb[0].Start); c != 0 {
		return c
	}
	if c := cmp.Compare(fb[len(fb)-1].End, fa[len(fa)-1].End); c != 0 {
		return c
	}
	return cmp.Compare(a.Other.Label, b.Other.Label)
}

// goldOrder is a gold span's place in document order: its number, as
// the spans were added in that order.
func goldOrder(id string) int {
	n, _ := strconv.Atoi(id[1:])
	return n
}

func votedAttrs(spans []*annotate.Span) map[string]any {
	names := map[string]bool{}
	for _, s := range spans {
		for k := range s.Attrs {
			names[k] = true
		}
	}
	if len(names) == 0 {
		return nil
	}
	out := map[string]any{}
	for name := range names {
		count := map[string]int{}
		var order []any
		for _, s := range spans {
			v, ok := s.Attrs[name]
			if !ok {
				continue
			}
			k := fmt.Sprintf("%T:%v", v, v)
			if count[k] == 0 {
				order = append(order, v)
			}
			count[k]++
		}
		best, bestN := any(nil), 0
		for _, v := range order {
			if n := count[fmt.Sprintf("%T:%v", v, v)]; n > bestN {
				best, bestN = v, n
			}
		}
		// set only when most of the span's voters set it
		if unset := len(spans) - total(count); bestN > 0 && bestN >= unset {
			out[name] = best
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

func firstNote(spans []*annotate.Span) string {
	for _, s := range spans {
		if s.Note != "" {
			return s.Note
		}
	}
	return ""
}

// UnionSchema is the schema of a merge: the first work's, widened by what
// the others' add (labels, attributes, values, relation types), by the
// rules of Project.Append, which reports each addition. A label in two
// layers, or an attribute of two types, is an error.
func UnionSchema(works []*Work) (*annotate.Schema, []string, error) {
	var gold *annotate.Project
	var notes []string
	for _, w := range works {
		if len(w.IDs) == 0 {
			continue
		}
		d, err := w.Doc(0)
		if err != nil {
			return nil, nil, err
		}
		if gold == nil {
			gold = annotate.NewProject(d.Schema().Clone())
			continue
		}
		rep, err := gold.Append(annotate.NewProject(d.Schema().Clone()))
		if err != nil {
			return nil, nil, &annotate.Error{Code: annotate.CodeBadSchema, File: w.Name, Msg: "its schema cannot be merged with the others': " + err.Error()}
		}
		for _, r := range rep {
			notes = append(notes, w.Name+": "+r)
		}
	}
	if gold == nil {
		return annotate.DefaultSchema(), nil, nil
	}
	return gold.Schema, notes, nil
}
