// Package annotate is spanmark's annotation core: the model (projects,
// documents, schemas, spans, relations), the rules that keep it valid, the
// undoable operations that change it, offset conversion and text
// segmentation, and the project file. It is pure Go with no syscall/js, so
// the wasm bridge, the CLI and the tests all share one implementation.
//
// Offsets are Unicode code points, end-exclusive, into the text exactly as
// loaded — the same numbers as Python str indices. Conversions to UTF-16
// code units (the browser) and UTF-8 bytes go through a TextIndex.
package annotate
