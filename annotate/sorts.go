package annotate

import (
	"sort"
	"strings"
)

// The core sorts through package sort rather than slices.SortFunc: the
// generic sort links its own ~20 KB copy of pdqsort into the wasm for
// every element shape it is used with (one for pointers, one for strings,
// one for Entry were 62 KB of the page's core), while sort.Sort is one
// implementation behind an interface, and what stays per shape here is
// Len, Less and Swap. The orders are total, so an unstable sort gives the
// same result as before.

// cmpSorter sorts s by cmp through sort.Interface.
type cmpSorter[T any] struct {
	s   []T
	cmp func(a, b T) int
}

func (x cmpSorter[T]) Len() int           { return len(x.s) }
func (x cmpSorter[T]) Less(i, j int) bool { return x.cmp(x.s[i], x.s[j]) < 0 }
func (x cmpSorter[T]) Swap(i, j int)      { x.s[i], x.s[j] = x.s[j], x.s[i] }

// sortFunc sorts s in the order of cmp, as slices.SortFunc does.
func sortFunc[T any](s []T, cmp func(a, b T) int) { sort.Sort(cmpSorter[T]{s, cmp}) }

// sortedKeys returns m's keys in increasing order.
func sortedKeys[K ~string, V any](m map[K]V) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sortFunc(ks, func(a, b K) int { return strings.Compare(string(a), string(b)) })
	return ks
}
