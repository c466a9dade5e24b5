//go:build js && wasm

package main

import (
	"runtime"
	"runtime/metrics"
	"strconv"
)

// Go's collector in a browser: wasm has one thread, so a collection is a
// pause of the page (about 30 ms with a 1M-character document open, 100 ms
// for the first one after loading it, on a slow machine). One that starts
// inside a call made from an animation frame drops frames. The page
// therefore asks for a collection when it has been idle for a while, and
// only when the heap has grown enough since the last one to be worth it.

var memSamples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},                // live heap marked by the last collection
	{Name: "/memory/classes/heap/objects:bytes"}, // live and not yet swept: what the heap holds now
	{Name: "/gc/cycles/total:gc-cycles"},
}

// memoryView is MemoryInfo of spanmark.d.ts.
type memoryView struct {
	Collected bool
	Live      uint64 // after the last collection
	Heap      uint64 // now
	Cycles    uint64
}

func (v memoryView) appendJSON(b []byte) []byte {
	b = append(b, `{"collected":`...)
	b = strconv.AppendBool(b, v.Collected)
	b = append(b, `,"live":`...)
	b = strconv.AppendUint(b, v.Live, 10)
	b = append(b, `,"heap":`...)
	b = strconv.AppendUint(b, v.Heap, 10)
	b = append(b, `,"cycles":`...)
	b = strconv.AppendUint(b, v.Cycles, 10)
	return append(b, '}')
}

func readMemory() memoryView {
	metrics.Read(memSamples)
	return memoryView{Live: memSamples[0].Value.Uint64(), Heap: memSamples[1].Value.Uint64(), Cycles: memSamples[2].Value.Uint64()}
}

// collectGarbage runs a collection if the heap has grown by at least
// minGrowth bytes since the last one, and reports the heap either way.
func collectGarbage(minGrowth int) memoryView {
	m := readMemory()
	if m.Heap < m.Live || m.Heap-m.Live < uint64(max(minGrowth, 0)) {
		return m
	}
	runtime.GC()
	m = readMemory()
	m.Collected = true
	return m
}
