//go:build js && wasm

package main

import (
	"runtime"
	"strconv"
)

// Go's collector in a browser: wasm has one thread, so a collection is a
// pause of the page (about 30 ms with a 1M-character document open, 100 ms
// for the first one after loading it, on a slow machine). One that starts
// inside a call made from an animation frame drops frames. The page
// therefore asks for a collection when it has been idle for a while, and
// only when the heap has grown enough since the last one to be worth it.
//
// runtime.ReadMemStats, not runtime/metrics (which would say the live heap
// after any collection, automatic ones too): the metrics package adds
// 22 KB of brotli to the module the page waits for.

// liveAfter is the heap in use right after the last collection this
// function ran (0 before the first).
var liveAfter uint64

// memoryView is MemoryInfo of spanmark.d.ts.
type memoryView struct {
	Collected bool
	Live      uint64 // heap in use after the last collectGarbage that collected
	Heap      uint64 // heap in use now
	Cycles    uint32 // collections so far, automatic ones included
}

func (v memoryView) appendJSON(b []byte) []byte {
	b = append(b, `{"collected":`...)
	b = strconv.AppendBool(b, v.Collected)
	b = append(b, `,"live":`...)
	b = strconv.AppendUint(b, v.Live, 10)
	b = append(b, `,"heap":`...)
	b = strconv.AppendUint(b, v.Heap, 10)
	b = append(b, `,"cycles":`...)
	b = strconv.AppendUint(b, uint64(v.Cycles), 10)
	return append(b, '}')
}

// collectGarbage runs a collection if the heap in use has grown by at
// least minGrowth bytes since the last one it ran, and reports the heap
// either way. (An automatic collection since then only makes it find less
// growth.)
func collectGarbage(minGrowth int) memoryView {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	v := memoryView{Live: liveAfter, Heap: m.HeapAlloc, Cycles: m.NumGC}
	if m.HeapAlloc < liveAfter+uint64(max(minGrowth, 0)) {
		return v
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	liveAfter = m.HeapAlloc
	return memoryView{Collected: true, Live: liveAfter, Heap: m.HeapAlloc, Cycles: m.NumGC}
}
