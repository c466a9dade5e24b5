//go:build js && wasm

package main

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// argv reads a method's arguments. The first problem is kept (later reads
// return zero values), so a method reads everything and checks a.err once;
// every message names the method and the argument.
//
// Arguments are read field by field with safejs, not through JSON and
// encoding/json: the core wasm links neither encoding/json nor fmt (see
// views.go). Messages are built by concatenation for the same reason.
type argv struct {
	method string
	vals   []safejs.Value
	err    error
}

// fail records the first problem: msg follows "spanmark.method: argument
// name ".
func (a *argv) fail(code annotate.Code, name, msg string) {
	if a.err == nil {
		a.err = &annotate.Error{Code: code, Field: name,
			Msg: "spanmark." + a.method + ": argument " + name + " " + msg}
	}
}

// arg returns argument i, or undefined when it was not passed.
func (a *argv) arg(i int) safejs.Value {
	if a.err != nil || i >= len(a.vals) {
		return safejs.Undefined()
	}
	return a.vals[i]
}

// given reports whether argument i was passed and is not undefined or null.
func (a *argv) given(i int) bool {
	v := a.arg(i)
	return !v.IsUndefined() && !v.IsNull()
}

func typeName(v safejs.Value) string {
	if v.Type() == safejs.TypeNumber && v.IsNaN() {
		return "NaN"
	}
	return v.Type().String()
}

// describe names a value found where something else was wanted, with the
// value itself when it is short to say.
func describe(v safejs.Value) string {
	switch v.Type() {
	case safejs.TypeString:
		s, _ := v.String()
		return "the string " + strconv.Quote(s)
	case safejs.TypeNumber:
		f, _ := v.Float()
		return fmtFloat(f)
	case safejs.TypeBoolean:
		b, _ := v.Bool()
		return strconv.FormatBool(b)
	case safejs.TypeObject:
		if isArray(v) {
			return "an array"
		}
		return "an object"
	case safejs.TypeFunction:
		return "a function"
	}
	return typeName(v) // undefined, null, symbol, bigint
}

// fmtFloat formats f as fmt's %v did: shortest form, +Inf and -Inf.
func fmtFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func itoa(i int) string { return strconv.Itoa(i) }

// isArray is Array.isArray(v).
func isArray(v safejs.Value) bool {
	if v.Type() != safejs.TypeObject {
		return false
	}
	r, err := theBridge.array.Call("isArray", v)
	if err != nil {
		return false
	}
	b, _ := r.Bool()
	return b
}

// instanceOf is v instanceof ctor, asked of ctor.prototype.isPrototypeOf:
// safejs's Value.InstanceOf builds its errors with fmt, which the core
// does without (views.go).
func instanceOf(v, ctor safejs.Value) bool {
	if v.Type() != safejs.TypeObject {
		return false
	}
	proto, err := ctor.Get("prototype")
	if err != nil {
		return false
	}
	r, err := proto.Call("isPrototypeOf", v)
	if err != nil {
		return false
	}
	b, _ := r.Bool()
	return b
}

func (a *argv) missing(i int, name, want string) bool {
	if v := a.arg(i); v.IsUndefined() && a.err == nil {
		a.fail(annotate.CodeBadArgument, name, "is missing (want "+want+")")
		return true
	}
	return false
}

// str reads a required string.
func (a *argv) str(i int, name string) string {
	if a.missing(i, name, "a string") || a.err != nil {
		return ""
	}
	v := a.arg(i)
	if v.Type() != safejs.TypeString {
		a.fail(annotate.CodeBadArgument, name, "must be a string, not "+typeName(v))
		return ""
	}
	s, err := v.String()
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
	}
	return s
}

// optStr reads an optional string ("" when absent).
func (a *argv) optStr(i int, name string) string {
	if !a.given(i) {
		return ""
	}
	return a.str(i, name)
}

// knownLabel reads a label name that d's schema has.
func (a *argv) knownLabel(i int, d *annotate.Document) string {
	l := a.str(i, "label")
	if a.err == nil && d.Schema().Label(l) == nil {
		a.fail(annotate.CodeUnknownLabel, "label", strconv.Quote(l)+" is not in the schema")
	}
	return l
}

// boolean reads an optional boolean (false when absent).
func (a *argv) boolean(i int, name string) bool {
	if !a.given(i) || a.err != nil {
		return false
	}
	v := a.arg(i)
	if v.Type() != safejs.TypeBoolean {
		a.fail(annotate.CodeBadArgument, name, "must be true or false, not "+typeName(v))
		return false
	}
	b, _ := v.Bool()
	return b
}

// integer reads a required non-negative integer: the offsets and indexes
// of the API. A negative one is out_of_range; anything that is not an
// integer (a string, NaN, 1.5, Infinity) is bad_argument.
func (a *argv) integer(i int, name string) int {
	if a.missing(i, name, "a number") || a.err != nil {
		return 0
	}
	v := a.arg(i)
	if v.Type() != safejs.TypeNumber {
		a.fail(annotate.CodeBadArgument, name, "must be a number, not "+typeName(v))
		return 0
	}
	f, _ := v.Float()
	return a.checkInt(f, name)
}

func (a *argv) checkInt(f float64, name string) int {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f):
		a.fail(annotate.CodeBadArgument, name, "must be an integer, not "+fmtFloat(f))
	case f < 0:
		a.fail(annotate.CodeOutOfRange, name, "must not be negative (got "+fmtFloat(f)+")")
	case f > math.MaxInt32:
		a.fail(annotate.CodeOutOfRange, name, "is too large (got "+fmtFloat(f)+")")
	default:
		return int(f)
	}
	return 0
}

// array checks that argument i is an array and returns it and its length;
// want names the expected shape for messages.
func (a *argv) array(i int, name, want string) (safejs.Value, int, bool) {
	if a.missing(i, name, want) || a.err != nil {
		return safejs.Value{}, 0, false
	}
	v := a.arg(i)
	if !isArray(v) {
		a.fail(annotate.CodeBadArgument, name, "must be "+want+", not "+typeName(v))
		return safejs.Value{}, 0, false
	}
	n, err := v.Length()
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
		return safejs.Value{}, 0, false
	}
	return v, n, true
}

// ints reads a required array of non-negative integers.
func (a *argv) ints(i int, name string) []int {
	v, n, ok := a.array(i, name, "an array of numbers")
	if !ok {
		return nil
	}
	out := make([]int, 0, n)
	for k := range n {
		x, err := v.Index(k)
		if err != nil {
			a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
			return nil
		}
		f := math.NaN()
		if x.Type() == safejs.TypeNumber {
			f, _ = x.Float()
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			a.fail(annotate.CodeBadArgument, name, "must hold only finite numbers; ["+itoa(k)+"] is "+describe(x))
			return nil
		}
		out = append(out, a.checkInt(f, name+"["+itoa(k)+"]"))
	}
	return out
}

// strs reads a required array of strings.
func (a *argv) strs(i int, name string) []string {
	v, n, ok := a.array(i, name, "an array of strings")
	if !ok {
		return nil
	}
	out := make([]string, 0, n)
	for k := range n {
		x, err := v.Index(k)
		if err == nil && x.Type() != safejs.TypeString {
			a.fail(annotate.CodeBadArgument, name, "must hold only strings; ["+itoa(k)+"] is "+describe(x))
			return nil
		}
		var s string
		if err == nil {
			s, err = x.String()
		}
		if err != nil {
			a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
			return nil
		}
		out = append(out, s)
	}
	return out
}

// options is an options object argument being read: its fields are read
// one by one with str, boolean and attrs, which check their types.
type options struct {
	a    *argv
	name string // the argument, e.g. "options"
	v    safejs.Value
}

// object reads argument i as an options object whose fields may be those
// named in fields; want names the expected shape for messages. As the JSON
// decoding it replaces did, an unknown field is a mistake to report, not
// to ignore, and a field that is undefined or null counts as absent.
func (a *argv) object(i int, name, want string, fields ...string) options {
	o := options{a: a, name: name}
	if a.err != nil {
		return o
	}
	v := a.arg(i)
	if !a.isObject(v, name, want) {
		return o
	}
	keys, err := theBridge.object.Call("keys", v)
	var n int
	if err == nil {
		n, err = keys.Length()
	}
	for k := 0; k < n && err == nil; k++ {
		var kv, fv safejs.Value
		if kv, err = keys.Index(k); err != nil {
			break
		}
		key, _ := kv.String()
		if fv, err = v.Get(key); err != nil || fv.IsUndefined() || slices.Contains(fields, key) {
			continue
		}
		a.fail(annotate.CodeBadArgument, name, "must be "+want+": unknown field "+strconv.Quote(key))
		return o
	}
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
		return o
	}
	o.v = v
	return o
}

// get returns field f, and false when it is absent (undefined or null) or
// an earlier read failed.
func (o options) get(f string) (safejs.Value, bool) {
	if o.a.err != nil || o.v.IsUndefined() {
		return safejs.Value{}, false
	}
	v, err := o.v.Get(f)
	if err != nil {
		o.a.fail(annotate.CodeBadArgument, o.name+"."+f, "cannot be read: "+err.Error())
		return safejs.Value{}, false
	}
	return v, !v.IsUndefined() && !v.IsNull()
}

// str reads an optional string field ("" when absent).
func (o options) str(f string) string {
	v, ok := o.get(f)
	if !ok {
		return ""
	}
	if v.Type() != safejs.TypeString {
		o.a.fail(annotate.CodeBadArgument, o.name+"."+f, "must be a string, not "+typeName(v))
		return ""
	}
	s, _ := v.String()
	return s
}

// boolean reads an optional boolean field (false when absent).
func (o options) boolean(f string) bool {
	v, ok := o.get(f)
	if !ok {
		return false
	}
	if v.Type() != safejs.TypeBoolean {
		o.a.fail(annotate.CodeBadArgument, o.name+"."+f, "must be true or false, not "+typeName(v))
		return false
	}
	b, _ := v.Bool()
	return b
}

// attrs reads an optional object of attribute values (nil when absent),
// as the core reads a span's attributes from a project file; checking them
// against the schema is the core's job too, which names the attribute.
func (o options) attrs(f string) map[string]any {
	v, ok := o.get(f)
	if !ok {
		return nil
	}
	field := o.name + "." + f
	const want = "an object of attribute values"
	if v.Type() != safejs.TypeObject || isArray(v) {
		o.a.fail(annotate.CodeBadArgument, field, "must be "+want+", not "+describe(v))
		return nil
	}
	data := o.a.jsonOf(v, field)
	if o.a.err != nil {
		return nil
	}
	m, err := annotate.ParseAttrs(data)
	o.a.parseFailed(field, want, err)
	return m
}

// jsonText returns argument i as JSON text, through one JSON.stringify
// call, for the core's parsers (annotate.ParseSchema and the like); want
// names the expected shape for messages.
func (a *argv) jsonText(i int, name, want string) []byte {
	if a.err != nil {
		return nil
	}
	if v := a.arg(i); a.isObject(v, name, want) {
		return a.jsonOf(v, name)
	}
	return nil
}

// isObject checks that v, argument name, is an object and not an array.
func (a *argv) isObject(v safejs.Value, name, want string) bool {
	switch {
	case v.Type() != safejs.TypeObject:
		a.fail(annotate.CodeBadArgument, name, "must be "+want+", not "+typeName(v))
		return false
	case isArray(v):
		a.fail(annotate.CodeBadArgument, name, "must be "+want+", not an array")
		return false
	}
	return true
}

// jsonOf is JSON.stringify(v), of argument (or field) name.
func (a *argv) jsonOf(v safejs.Value, name string) []byte {
	s, err := theBridge.json.Call("stringify", v)
	var text string
	if err == nil {
		text, err = s.String()
	}
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be converted to JSON: "+err.Error())
		return nil
	}
	return []byte(text)
}

// parseFailed reports err, from one of the core's parsers reading
// argument name (which must be want), as a bad argument. The argument is
// the error's field; the message adds where in it the problem is.
func (a *argv) parseFailed(name, want string, err error) {
	if err == nil {
		return
	}
	var e *annotate.Error
	if !errors.As(err, &e) {
		a.fail(annotate.CodeBadArgument, name, "must be "+want+": "+err.Error())
		return
	}
	msg := e.Msg
	switch f := e.Field; {
	case f == "":
	case f == name || strings.HasPrefix(f, name+".") || strings.HasPrefix(f, name+"["):
		msg = f + ": " + msg
	case f[0] == '[':
		msg = name + f + ": " + msg
	default:
		msg = name + "." + f + ": " + msg
	}
	a.fail(annotate.CodeBadArgument, name, "must be "+want+": "+msg)
}

// doc reads a document id and returns the document.
func (a *argv) doc(i int) *annotate.Document {
	id := a.str(i, "doc")
	if a.err != nil {
		return nil
	}
	d, err := theProject.MustDoc(id)
	if err != nil {
		a.err = err
		return nil
	}
	return d
}
