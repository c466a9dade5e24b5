package web_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// cpuProfile samples the page's main thread (JavaScript and wasm) while
// fn runs, when SPANMARK_CPUPROFILE names a directory: the profile is
// written there as name.cpuprofile (DevTools opens it) and its top
// functions by self time are logged. A benchmark's wall time on a busy
// machine says little; the samples say where the main thread's time goes.
// Function names in the cores need a build without -s (make wasm
// WASM_FLAGS=-trimpath).
func (p *Page) cpuProfile(name string, fn func()) {
	dir := os.Getenv("SPANMARK_CPUPROFILE")
	if dir == "" {
		fn()
		return
	}
	p.run(chromedp.ActionFunc(func(ctx context.Context) error {
		if err := profiler.Enable().Do(ctx); err != nil {
			return err
		}
		if err := profiler.SetSamplingInterval(200).Do(ctx); err != nil {
			return err
		}
		return profiler.Start().Do(ctx)
	}))
	fn()
	var prof *profiler.Profile
	p.run(chromedp.ActionFunc(func(ctx context.Context) (err error) {
		prof, err = profiler.Stop().Do(ctx)
		return err
	}))
	b, _ := json.Marshal(prof)
	os.WriteFile(dir+"/"+name+".cpuprofile", b, 0o644)
	// self time per function: samples × the mean interval
	self := map[string]int{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range prof.Nodes {
		byID[int64(n.ID)] = n
	}
	parent := map[int64]int64{}
	for _, n := range prof.Nodes {
		for _, c := range n.Children {
			parent[c] = int64(n.ID)
		}
	}
	key := func(n *profiler.ProfileNode) string {
		f := n.CallFrame
		return fmt.Sprintf("%s %s:%d", f.FunctionName, f.URL[strings.LastIndex(f.URL, "/")+1:], f.LineNumber)
	}
	incl := map[string]int{}
	for _, s := range prof.Samples {
		self[key(byID[s])]++
		seen := map[string]bool{}
		for id, ok := s, true; ok; id, ok = parent[id] {
			k := key(byID[id])
			if !seen[k] {
				seen[k] = true
				incl[k]++
			}
		}
	}
	total := len(prof.Samples)
	ms := float64(prof.EndTime-prof.StartTime) / 1000 / float64(max(total, 1))
	type kv struct {
		k string
		n int
	}
	var top []kv
	for k, n := range self {
		top = append(top, kv{k, n})
	}
	slices.SortFunc(top, func(a, b kv) int { return cmp.Compare(b.n, a.n) })
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %d samples, %.0f ms\n", name, total, float64(total)*ms)
	for _, x := range top[:min(40, len(top))] {
		fmt.Fprintf(&sb, "%8.1f ms  %s\n", float64(x.n)*ms, x.k)
	}
	top = top[:0]
	for k, n := range incl {
		top = append(top, kv{k, n})
	}
	slices.SortFunc(top, func(a, b kv) int { return cmp.Compare(b.n, a.n) })
	fmt.Fprintf(&sb, "inclusive:\n")
	for _, x := range top[:min(80, len(top))] {
		fmt.Fprintf(&sb, "%8.1f ms  %s\n", float64(x.n)*ms, x.k)
	}
	os.WriteFile(dir+"/"+name+".txt", []byte(sb.String()), 0o644)
	p.t.Logf("%s: %d samples, %.0f ms; top functions in %s/%s.txt", name, total, float64(total)*ms, dir, name)
}
