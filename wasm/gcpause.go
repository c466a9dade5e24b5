//go:build js && wasm && formats

package main

// In the formats module only: runtime/debug costs the page's core ~50 KB
// of brotli (its Stack and build-info code comes with it).

import (
	"runtime"
	"runtime/debug"
)

// pauseGC turns the collector off for one call that allocates much and
// keeps nearly all of it to its end (Compare… of two 1M-character works:
// ~40 MB; an import's staged project): marking then frees little, and while it runs every pointer
// write goes through the write barrier, which in wasm cost half of such a
// call. Past budget more bytes than the runtime holds now, the memory
// limit has it collect again, so a call that needs more does not grow the
// page's memory (which wasm never gives back) unbounded. Call the
// returned function to restore both settings.
func pauseGC(budget int64) (restore func()) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	limit := debug.SetMemoryLimit(int64(m.Sys) + budget)
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// allocBudget is pauseGC's budget for a call reading size bytes: perByte
// bytes for each (measured, allocated per byte read: a comparison ~6, an
// import preview ~14) and 64 MB besides.
func allocBudget(size, perByte int64) int64 { return 64<<20 + perByte*size }
