package order

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

type layer string

func TestOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		ints := make([]int, n)
		strs := make([]layer, n)
		for i := range ints {
			ints[i] = r.IntN(50)
			strs[i] = layer(string(rune('a' + r.IntN(26))))
		}
		wantInts := slices.Clone(ints)
		slices.Sort(wantInts)
		gotInts := slices.Clone(ints)
		Sort(gotInts)
		Func(ints, cmp.Compare[int])
		if !slices.Equal(ints, wantInts) || !slices.Equal(gotInts, wantInts) {
			t.Fatalf("Func: %v, Sort: %v, want %v", ints, gotInts, wantInts)
		}
		wantStrs := slices.Clone(strs)
		slices.Sort(wantStrs)
		got := slices.Clone(strs)
		Sort(got)
		if !slices.Equal(got, wantStrs) {
			t.Fatalf("Sort: %v, want %v", got, wantStrs)
		}
		// stable: pairs ordered by key only keep their input order
		type kv struct{ k, v int }
		ps := make([]kv, n)
		for i := range ps {
			ps[i] = kv{r.IntN(5), i}
		}
		wantPs := slices.Clone(ps)
		slices.SortStableFunc(wantPs, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
		StableFunc(ps, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
		if !slices.Equal(ps, wantPs) {
			t.Fatalf("StableFunc: %v, want %v", ps, wantPs)
		}
	}
	m := map[layer]int{"entity": 1, "claim": 2, "cue": 3, "": 4}
	if got := Keys(m); !slices.Equal(got, []layer{"", "claim", "cue", "entity"}) {
		t.Fatalf("Keys: %q", got)
	}
}
