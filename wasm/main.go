//go:build js && wasm

// Command wasm is spanmark's WebAssembly bridge: built with GOOS=js
// GOARCH=wasm into web/spanmark.wasm, it registers the global `spanmark`
// object described in web/spanmark.d.ts and then waits for calls.
//
// Built with -tags formats (into web/spanmark-formats.wasm) it also has the
// dataset formats (io.go): the page loads that module on first export or
// import, next to the core, where it registers as `spanmarkFormats`; the
// single-file build runs it alone, as `spanmark`. The core itself stays
// free of the formats and of encoding/json and fmt, which together would
// add about half again to the download the page waits for.
//
// It is deliberately thin. Each method converts its JavaScript arguments,
// calls package annotate, and hands back the result as one value (one JSON
// string parsed once on the JavaScript side) or throws a JavaScript Error
// carrying the core's error code. All domain rules live in the core, so the
// page, the CLI and the tests share one implementation.
//
// Offsets: the page speaks UTF-16 code units, the core code points. The
// conversion happens only in offsets.go, through the document's TextIndex.
//
// Throwing: a Go function registered with FuncOf can only return a value;
// it cannot make its JavaScript caller throw (and a JavaScript exception
// raised in a call Go makes is caught by wasm_exec.js and turned into a Go
// panic). The page's CSP forbids eval and new Function, so no JavaScript
// wrapper can be written at run time either. throw.go therefore builds the
// public methods from a tiny hand-assembled WebAssembly module (allowed by
// 'wasm-unsafe-eval') that calls Go and, when Go reports an error, calls
// AbortSignal.prototype.throwIfAborted on a signal aborted with the Error:
// a browser built-in that throws exactly that object to the caller.
package main

import (
	"github.com/hack-pad/safejs"
)

func main() {
	// The start-up's milestones in the page's timeline (README "Speed"):
	// Go's runtime and package initialisation are done here, the API is
	// registered at sm-api-ready (bridge.js).
	if perf, err := safejs.Global().Get("performance"); err == nil && perf.Type() == safejs.TypeObject {
		_, _ = perf.Call("mark", "sm-go-main")
	}
	if err := register(); err != nil {
		// Nothing to serve: say why on the console, where the page's
		// "core did not start" message sends the user.
		if console, e := safejs.Global().Get("console"); e == nil {
			_, _ = console.Call("error", "spanmark: cannot start the wasm bridge: "+err.Error())
		}
		return
	}
	select {} // serve calls from JavaScript forever
}
