//go:build js && wasm && formats

package main

import "runtime/debug"

// noCollection turns the collector off for one large call (GOGC off under
// a 1 GB limit, so a huge input still collects) and returns what turns it
// back on: `defer noCollection()()`. What such a call allocates (an
// import's staged project, a comparison's works) mostly stays alive to
// its end, so marking found little to free, and while it marks every
// pointer write pays wasm's write barrier, which in a profile of Compare…
// and of the import preview was a large share of the call.
func noCollection() (restore func()) {
	limit := debug.SetMemoryLimit(1 << 30)
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
