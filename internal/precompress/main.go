// Command precompress writes F.br (brotli, best quality) and F.gz (gzip,
// best compression) next to each file F given on the command line, for
// package web to serve to browsers that accept them, and prints a size
// table (raw / gzip / brotli bytes). `make wasm` runs it over the front
// end's files and `make bench` uses its table to report the wasm size.
//
// Usage:
//
//	go run ./internal/precompress [-min 1024] FILE...
//
// Files smaller than -min bytes are skipped. A variant is written only if
// it is smaller than the file itself; a variant left from an earlier run
// that is not rewritten is removed, so no stale variant is ever served.
// Output is deterministic (no names or times in the gzip header).
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"text/tabwriter"

	"github.com/andybalholm/brotli"
)

type result struct {
	name        string
	raw, gz, br int // sizes in bytes; 0 when a variant was not written
	skipped     bool
	err         error
}

func main() {
	minSize := flag.Int64("min", 1024, "skip files smaller than this many `bytes`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: precompress [-min bytes] FILE...\n\n"+
			"Writes FILE.br and FILE.gz next to each FILE and prints a size table.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}

	// Deduplicate (make's globs may name a file twice), keep order.
	var names []string
	seen := make(map[string]bool)
	for _, n := range flag.Args() {
		c := filepath.Clean(n)
		if !seen[c] {
			seen[c] = true
			names = append(names, c)
		}
	}

	results := make([]result, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = compressFile(n, *minSize)
		}()
	}
	wg.Wait()

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "raw\tgzip\tbrotli\tbrotli/raw\t  file")
	failed := false
	for _, r := range results {
		switch {
		case r.err != nil:
			failed = true
			fmt.Fprintf(os.Stderr, "precompress: %s: %v\n", r.name, r.err)
		case r.skipped:
			fmt.Fprintf(tw, "%d\t-\t-\t-\t  %s (under %d bytes, skipped)\n", r.raw, r.name, *minSize)
		default:
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t  %s\n", r.raw, size(r.gz), size(r.br), ratio(r.br, r.raw), r.name)
		}
	}
	tw.Flush()
	if failed {
		os.Exit(1)
	}
}

func size(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func ratio(n, raw int) string {
	if n == 0 || raw == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(raw))
}

func compressFile(name string, minSize int64) result {
	r := result{name: name}
	info, err := os.Stat(name)
	if err != nil {
		r.err = err
		return r
	}
	if !info.Mode().IsRegular() {
		r.err = errors.New("not a regular file")
		return r
	}
	r.raw = int(info.Size())
	if info.Size() < minSize {
		r.skipped = true
		r.err = removeStale(name+".br", name+".gz")
		return r
	}
	data, err := os.ReadFile(name)
	if err != nil {
		r.err = err
		return r
	}
	r.raw = len(data)

	var gzBuf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gzBuf, gzip.BestCompression)
	if err != nil {
		r.err = err
		return r
	}
	if _, err := zw.Write(data); err != nil {
		r.err = err
		return r
	}
	if err := zw.Close(); err != nil {
		r.err = err
		return r
	}

	var brBuf bytes.Buffer
	bw := brotli.NewWriterOptions(&brBuf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := bw.Write(data); err != nil {
		r.err = err
		return r
	}
	if err := bw.Close(); err != nil {
		r.err = err
		return r
	}

	for _, v := range []struct {
		path string
		data []byte
		size *int
	}{
		{name + ".gz", gzBuf.Bytes(), &r.gz},
		{name + ".br", brBuf.Bytes(), &r.br},
	} {
		if len(v.data) >= len(data) {
			if err := removeStale(v.path); err != nil {
				r.err = err
				return r
			}
			continue
		}
		if err := writeAtomic(v.path, v.data, info.Mode().Perm()); err != nil {
			r.err = err
			return r
		}
		*v.size = len(v.data)
	}
	return r
}

func removeStale(paths ...string) error {
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to a temporary file in path's directory and
// renames it over path, so a server never sees a half-written variant.
func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
