package team

import (
	"cmp"
	"github.com/spanmark/spanmark/internal/order"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// SplitOptions say how a corpus is shared out.
type SplitOptions struct {
	Annotators []string
	Overlap    float64 // the share of documents given to PerDoc annotators
	PerDoc     int
	Seed       int64
}

// Assignment is who has what: per annotator the indexes of the corpus's
// documents, in corpus order.
type Assignment struct {
	Docs     map[string][]int
	Shared   int            // documents given to PerDoc annotators
	Pairs    map[string]int // "ana+ben" → documents both have
	Chars    map[string]int // annotator → code points to annotate
	NumDocs  map[string]int
	SharedOf map[string]int // annotator → its shared documents
}

// Split shares documents (given by their lengths, in corpus order) among
// annotators. A share Overlap of them (rounded to the nearest document),
// chosen by the seed, goes to PerDoc annotators each, so agreement can be
// measured; every other document to one. Each document goes to the least
// loaded annotators (in code points, then documents, then the order the
// names were given; a shared one to those least often paired so far, so
// that every pair has documents to compare), the shared ones first and
// then the rest longest first, so loads differ by at most about one
// document. The same seed and
// input give the same split.
func Split(lengths []int, o SplitOptions) (*Assignment, error) {
	k := len(o.Annotators)
	switch {
	case k < 1:
		return nil, fail(annotate.CodeBadArgument, "give the annotators' names")
	case o.Overlap < 0 || o.Overlap > 1 || math.IsNaN(o.Overlap):
		return nil, fail(annotate.CodeBadArgument, "--overlap is a share of the documents, from 0 to 1; got "+strconv.FormatFloat(o.Overlap, 'g', -1, 64))
	case o.Overlap > 0 && (o.PerDoc < 2 || o.PerDoc > k):
		return nil, fail(annotate.CodeBadArgument, "--per-doc must be from 2 to the number of annotators ("+strconv.Itoa(k)+"); got "+strconv.Itoa(o.PerDoc))
	}
	seen := map[string]bool{}
	for _, a := range o.Annotators {
		switch {
		case a == "" || strings.ContainsAny(a, `/\:*?"<>|`) || a == "." || a == "..":
			return nil, fail(annotate.CodeBadArgument, "annotator name "+strconv.Quote(a)+" cannot name a file; use letters, digits, - and _")
		case seen[a]:
			return nil, fail(annotate.CodeBadArgument, "annotator "+strconv.Quote(a)+" is given twice")
		}
		seen[a] = true
	}
	n := len(lengths)
	docs := make([]int, n)
	for i := range docs {
		docs[i] = i
	}
	shuffle(docs, uint64(o.Seed))
	shared := int(math.Round(o.Overlap * float64(n)))
	if o.Overlap > 0 && k < 2 {
		shared = 0
	}
	as := &Assignment{Docs: map[string][]int{}, Shared: shared, Pairs: map[string]int{}, Chars: map[string]int{}, NumDocs: map[string]int{}, SharedOf: map[string]int{}}
	load := make([]int, k)
	count := make([]int, k)
	less := func(a, b int) int {
		if c := cmp.Compare(load[a], load[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(count[a], count[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
	// pairUse[a][b]: documents a and b share so far; a shared document
	// goes to the least loaded annotator and those least often paired
	// with the ones chosen, so that every pair gets documents to compare
	pairUse := make([][]int, k)
	for i := range pairUse {
		pairUse[i] = make([]int, k)
	}
	give := func(doc int, m int) []int {
		var who []int
		for len(who) < m {
			best, bestPair := -1, 0
			for c := range k {
				if slices.Contains(who, c) {
					continue
				}
				pu := 0
				for _, w := range who {
					pu += pairUse[c][w]
				}
				if best < 0 || pu < bestPair || pu == bestPair && less(c, best) < 0 {
					best, bestPair = c, pu
				}
			}
			who = append(who, best)
		}
		for _, a := range who {
			for _, b := range who {
				if a != b {
					pairUse[a][b]++
				}
			}
		}
		order.Sort(who)
		for _, a := range who {
			load[a] += lengths[doc]
			count[a]++
			as.Docs[o.Annotators[a]] = append(as.Docs[o.Annotators[a]], doc)
		}
		return who
	}
	for _, doc := range docs[:shared] {
		who := give(doc, o.PerDoc)
		names := make([]string, len(who))
		for i, a := range who {
			names[i] = o.Annotators[a]
			as.SharedOf[o.Annotators[a]]++
		}
		as.Pairs[strings.Join(names, "+")]++
	}
	rest := slices.Clone(docs[shared:])
	order.StableFunc(rest, func(a, b int) int { return cmp.Compare(lengths[b], lengths[a]) })
	for _, doc := range rest {
		give(doc, 1)
	}
	for i, a := range o.Annotators {
		order.Sort(as.Docs[a])
		as.Chars[a], as.NumDocs[a] = load[i], count[i]
	}
	return as, nil
}

// shuffle is Fisher-Yates with splitmix64: written out so a seed gives the
// same split with every Go version (math/rand's streams may change).
func shuffle(xs []int, seed uint64) {
	s := seed
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		z := s
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := len(xs) - 1; i > 0; i-- {
		j := int(next() % uint64(i+1))
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// SplitProject writes each annotator's project: its documents, in corpus
// order, with their annotations, status and the annotator recorded.
func SplitProject(p *annotate.Project, o SplitOptions) (map[string]*annotate.Project, *Assignment, error) {
	docs := p.Documents()
	lengths := make([]int, len(docs))
	for i, d := range docs {
		lengths[i] = d.Index().Len()
	}
	as, err := Split(lengths, o)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]*annotate.Project{}
	for _, a := range o.Annotators {
		q := annotate.NewProject(p.Schema.Clone())
		for _, i := range as.Docs[a] {
			d := docs[i]
			nd, err := q.AddDocument(d.ID, d.Title, d.Text(), d.Meta)
			if err != nil {
				return nil, nil, err
			}
			nd.Status, nd.Labels, nd.Annotator = d.Status, slices.Clone(d.Labels), a
			if es := nd.Populate(d.Spans(), d.Relations()); len(es) > 0 {
				return nil, nil, es
			}
		}
		out[a] = q
	}
	return out, as, nil
}
