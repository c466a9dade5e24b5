//go:build js && wasm

package main

import (
	"errors"
	"strconv"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// maxArgs is how many arguments a public method passes on to Go; the
// longest signature in spanmark.d.ts (setFragment) has five. Extra
// arguments are ignored, as JavaScript does; missing ones arrive as
// undefined.
const maxArgs = 6

// trampoline returns a WebAssembly module equivalent to
//
//	(module
//	  (import "m" "go" (func $go (param externref × 1+maxArgs) (result externref)))
//	  (import "m" "check" (func $check (param externref)))
//	  (global $pending (export "pending") (mut externref) (ref.null extern))
//	  (func (export "call") (param externref × 1+maxArgs) (result externref)
//	    (local $r externref)
//	    (local.set $r (call $go (local.get 0) … (local.get maxArgs)))
//	    (if (ref.is_null (local.get $r))
//	      (then (call $check (global.get $pending))))
//	    (local.get $r)))
//
// $go is the Go dispatcher: it returns the result, or null after storing in
// $pending an AbortSignal aborted with the JavaScript Error. $check is
// AbortSignal.prototype.throwIfAborted, which throws that Error; no Go frame
// is on the stack then, so it reaches the caller of spanmark.method(...).
// It needs only reference types (every browser since 2021), not the
// exception-handling proposal.
func trampoline() []byte {
	const (
		externref = 0x6f
		funcType  = 0x60
	)
	nParams := 1 + maxArgs
	sig := []byte{funcType, byte(nParams)}
	for range nParams {
		sig = append(sig, externref)
	}
	sig = append(sig, 1, externref)

	code := []byte{1, 1, externref} // one local: $r
	for i := range nParams {
		code = append(code, 0x20, byte(i)) // local.get i
	}
	code = append(code,
		0x10, 0, // call $go
		0x22, byte(nParams), // local.tee $r
		0xd1,       // ref.is_null
		0x04, 0x40, // if (no result)
		0x23, 0, // global.get $pending
		0x10, 1, // call $check
		0x0b,                // end if
		0x20, byte(nParams), // local.get $r
		0x0b, // end func
	)

	section := func(id byte, body ...byte) []byte {
		return append([]byte{id, byte(len(body))}, body...) // every body < 128 bytes
	}
	var m []byte
	m = append(m, 0, 'a', 's', 'm', 1, 0, 0, 0)
	m = append(m, section(1, append(append([]byte{2}, sig...), funcType, 1, externref, 0)...)...)
	m = append(m, section(2, 2,
		1, 'm', 2, 'g', 'o', 0, 0,
		1, 'm', 5, 'c', 'h', 'e', 'c', 'k', 0, 1)...)
	m = append(m, section(3, 1, 0)...)
	m = append(m, section(6, 1, externref, 1, 0xd0, externref, 0x0b)...)
	m = append(m, section(7, 2,
		4, 'c', 'a', 'l', 'l', 0, 2,
		7, 'p', 'e', 'n', 'd', 'i', 'n', 'g', 3, 0)...)
	m = append(m, section(10, append([]byte{1, byte(len(code))}, code...)...)...)
	return m
}

// bridge holds the JavaScript values the dispatcher needs on every call.
type bridge struct {
	json     safejs.Value // JSON
	array    safejs.Value // Array
	errorCtr safejs.Value // Error
	abortSig safejs.Value // AbortSignal
	object   safejs.Value // Object
	pending  safejs.Value // the trampoline's exported $pending global
	methods  map[string]method
	dispatch safejs.Func // kept alive for the life of the program
}

// method is one API method: it reads its arguments and returns a value
// safejs can hand to JavaScript (string, number, bool, safejs.Value), or
// nil for undefined, or an error.
type method func(a *argv) (any, error)

var theBridge *bridge

// register installs globalThis.spanmark.
func register() error {
	g := safejs.Global()
	b := &bridge{methods: api()}
	var err error
	get := func(v safejs.Value, name string) safejs.Value {
		if err != nil {
			return safejs.Undefined()
		}
		var r safejs.Value
		r, err = v.Get(name)
		if err == nil && (r.IsUndefined() || r.IsNull()) {
			err = errors.New(name + " is missing")
		}
		return r
	}
	b.json, b.errorCtr, b.abortSig, b.object = get(g, "JSON"), get(g, "Error"), get(g, "AbortSignal"), get(g, "Object")
	b.array = get(g, "Array")
	wa := get(g, "WebAssembly")
	u8 := get(g, "Uint8Array")
	throwIfAborted := get(get(b.abortSig, "prototype"), "throwIfAborted")
	call := get(get(get(g, "Function"), "prototype"), "call")
	if err != nil {
		return err
	}
	// check(sig) = throwIfAborted.call(sig), made with bind: no eval.
	check, err := call.Call("bind", throwIfAborted)
	if err != nil {
		return err
	}

	b.dispatch, err = safejs.FuncOf(b.serve)
	if err != nil {
		return err
	}
	wasm := trampoline()
	bytes, err := u8.New(len(wasm))
	if err != nil {
		return err
	}
	if _, err := safejs.CopyBytesToJS(bytes, wasm); err != nil {
		return err
	}
	mod, err := get(wa, "Module").New(bytes) // synchronous: the module is tiny
	if err != nil {
		return errors.New("compiling the trampoline: " + err.Error())
	}
	imports, err := safejs.ValueOf(map[string]any{"m": map[string]any{}})
	if err != nil {
		return err
	}
	m := get(imports, "m")
	if err != nil {
		return err
	}
	if err := m.Set("go", b.dispatch.Value()); err != nil {
		return err
	}
	if err := m.Set("check", check); err != nil {
		return err
	}
	inst, err := get(wa, "Instance").New(mod, imports)
	if err != nil {
		return errors.New("instantiating the trampoline: " + err.Error())
	}
	exports := get(inst, "exports")
	callFn := get(exports, "call")
	b.pending = get(exports, "pending")
	if err != nil {
		return err
	}

	obj, err := get(g, "Object").New()
	if err != nil {
		return err
	}
	for name := range b.methods {
		// spanmark.name(...args) = call(name, ...args)
		fn, err := callFn.Call("bind", safejs.Null(), name)
		if err != nil {
			return err
		}
		if err := obj.Set(name, fn); err != nil {
			return err
		}
	}
	theBridge = b
	// The formats module loaded next to a running core (web/formats.js)
	// must not replace it: it becomes spanmarkFormats.
	global := "spanmark"
	if formatsAPI != nil {
		if v, _ := g.Get("spanmark"); v.Type() == safejs.TypeObject {
			global = "spanmarkFormats"
		}
	}
	return g.Set(global, obj)
}

// serve is the Go dispatcher the trampoline calls: args[0] is the method
// name, the rest are the caller's arguments. It never panics: a panic in
// wasm would end the Go program and leave the page without its core.
func (b *bridge) serve(_ safejs.Value, args []safejs.Value) (ret any) {
	name := "?"
	defer func() {
		if r := recover(); r != nil {
			ret = b.fail(&annotate.Error{Code: annotate.CodeInternal,
				Msg: "internal error in spanmark." + name + ": " + panicText(r)})
		}
	}()
	if len(args) == 0 {
		return b.fail(&annotate.Error{Code: annotate.CodeInternal, Msg: "the trampoline passed no method name"})
	}
	name, _ = args[0].String()
	m := b.methods[name]
	if m == nil {
		return b.fail(&annotate.Error{Code: annotate.CodeInternal, Msg: "no method " + name})
	}
	a := &argv{method: name, vals: args[1:]}
	v, err := m(a)
	if err == nil {
		err = a.err // a reader failed but the method did not look
	}
	if err != nil {
		return b.fail(err)
	}
	if sv, ok := v.(safejs.Value); v == nil || ok && sv.IsNull() {
		return safejs.Undefined() // null is the trampoline's error signal
	}
	return v
}

// panicText says what a recovered panic value is, as fmt's %v did for
// the values panics carry (runtime errors, errors, strings), without fmt.
func panicText(r any) string {
	switch r := r.(type) {
	case error: // runtime.Error included
		return r.Error()
	case string:
		return r
	case interface{ String() string }:
		return r.String()
	case int:
		return strconv.Itoa(r)
	}
	return "a panic value that is not an error or a string"
}

// jsError is what the thrown Error carries besides its message.
type jsError struct {
	Code     annotate.Code     `json:"code"`
	Doc      string            `json:"doc,omitempty"`
	Span     string            `json:"span,omitempty"`
	Relation string            `json:"relation,omitempty"`
	Field    string            `json:"field,omitempty"`
	Reason   string            `json:"reason,omitempty"` // a single problem's message without its location: what the page shows
	Problems []*annotate.Error `json:"problems,omitempty"`
	Format   string            `json:"format,omitempty"` // the format an import read the files as
}

// appendJSON writes p as its json tags say.
func (p jsError) appendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = jsonw.AppendString(b, string(p.Code))
	b = appendOptString(b, `,"doc":`, p.Doc)
	b = appendOptString(b, `,"span":`, p.Span)
	b = appendOptString(b, `,"relation":`, p.Relation)
	b = appendOptString(b, `,"field":`, p.Field)
	b = appendOptString(b, `,"format":`, p.Format)
	b = appendOptString(b, `,"reason":`, p.Reason)
	if len(p.Problems) > 0 {
		b = append(b, `,"problems":[`...)
		for i, e := range p.Problems {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.AppendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// fail builds the JavaScript Error for err, stores it in the trampoline's
// $pending (as the reason of an aborted AbortSignal) and returns null, which
// makes the trampoline throw it.
func (b *bridge) fail(err error) any {
	props := jsError{Code: annotate.CodeOf(err)}
	var first *annotate.Error
	var es annotate.Errors
	switch {
	case errors.As(err, &es) && len(es) > 0:
		first, props.Problems = es[0], es
	case errors.As(err, &first):
	}
	if first != nil {
		props.Doc, props.Span, props.Relation, props.Field = first.Doc, first.Span, first.Relation, first.Field
		if len(props.Problems) <= 1 && first.File == "" {
			props.Reason = first.Msg
		}
	}
	var fe formatError
	if errors.As(err, &fe) {
		props.Format = fe.format
	}
	e, jerr := b.errorCtr.New(err.Error())
	if jerr == nil {
		var p safejs.Value
		if p, jerr = b.json.Call("parse", string(props.appendJSON(nil))); jerr == nil {
			_, jerr = b.object.Call("assign", e, p)
		}
	}
	if jerr == nil {
		var sig safejs.Value
		if sig, jerr = b.abortSig.Call("abort", e); jerr == nil {
			jerr = b.pending.Set("value", sig)
		}
	}
	if jerr != nil {
		// Cannot build or store the Error: return undefined rather than
		// null, so the trampoline does not throw a stale one.
		if console, e := safejs.Global().Get("console"); e == nil {
			_, _ = console.Call("error", "spanmark: cannot report the error", err.Error(), jerr.Error())
		}
		return safejs.Undefined()
	}
	return safejs.Null()
}

// formatError is an import's error with the format the files were read
// as; the thrown Error carries it as "format".
type formatError struct {
	err    error
	format string
}

func (e formatError) Error() string { return e.err.Error() }
func (e formatError) Unwrap() error { return e.err }
