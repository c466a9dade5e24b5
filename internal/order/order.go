// Package order sorts slices and map keys for spanmark's WebAssembly
// modules at the least code: every sort goes through package sort, one
// implementation behind sort.Interface, while slices.Sort and
// slices.SortFunc link their own ~20 KB copy of pdqsort into the module
// for each element shape they are used with (pointers, strings, ints, each
// struct type). What stays per shape here is Len, Less and Swap.
//
// The orders the callers give are total, so the unstable sorts give the
// same result as any other sort; StableFunc is for orders that are not.
package order

import (
	"cmp"
	"sort"
)

type byCmp[T any] struct {
	s   []T
	cmp func(a, b T) int
}

func (x byCmp[T]) Len() int           { return len(x.s) }
func (x byCmp[T]) Less(i, j int) bool { return x.cmp(x.s[i], x.s[j]) < 0 }
func (x byCmp[T]) Swap(i, j int)      { x.s[i], x.s[j] = x.s[j], x.s[i] }

// Func sorts s in the order of cmp, as slices.SortFunc does.
func Func[T any](s []T, cmp func(a, b T) int) { sort.Sort(byCmp[T]{s, cmp}) }

// StableFunc sorts s in the order of cmp keeping equal elements in their
// order, as slices.SortStableFunc does.
func StableFunc[T any](s []T, cmp func(a, b T) int) { sort.Stable(byCmp[T]{s, cmp}) }

type byValue[E cmp.Ordered] []E

func (x byValue[E]) Len() int           { return len(x) }
func (x byValue[E]) Less(i, j int) bool { return x[i] < x[j] }
func (x byValue[E]) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }

// Sort sorts s in increasing order, as slices.Sort does (for the strings
// and integers it is used with; not for floats with NaNs).
func Sort[E cmp.Ordered](s []E) { sort.Sort(byValue[E](s)) }

// Keys returns m's keys in increasing order.
func Keys[K cmp.Ordered, V any](m map[K]V) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	Sort(ks)
	return ks
}
