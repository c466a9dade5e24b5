//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// argv reads a method's arguments. The first problem is kept (later reads
// return zero values), so a method reads everything and checks a.err once;
// every message names the method and the argument.
type argv struct {
	method string
	vals   []safejs.Value
	err    error
}

func (a *argv) fail(code annotate.Code, name, format string, args ...any) {
	if a.err == nil {
		a.err = &annotate.Error{Code: code, Field: name,
			Msg: fmt.Sprintf("spanmark.%s: argument %s ", a.method, name) + fmt.Sprintf(format, args...)}
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

func (a *argv) missing(i int, name, want string) bool {
	if v := a.arg(i); v.IsUndefined() && a.err == nil {
		a.fail(annotate.CodeBadArgument, name, "is missing (want %s)", want)
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
		a.fail(annotate.CodeBadArgument, name, "must be a string, not %s", typeName(v))
		return ""
	}
	s, err := v.String()
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be read: %v", err)
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

// boolean reads an optional boolean (false when absent).
func (a *argv) boolean(i int, name string) bool {
	if !a.given(i) || a.err != nil {
		return false
	}
	v := a.arg(i)
	if v.Type() != safejs.TypeBoolean {
		a.fail(annotate.CodeBadArgument, name, "must be true or false, not %s", typeName(v))
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
		a.fail(annotate.CodeBadArgument, name, "must be a number, not %s", typeName(v))
		return 0
	}
	f, _ := v.Float()
	return a.checkInt(f, name)
}

func (a *argv) checkInt(f float64, name string) int {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f):
		a.fail(annotate.CodeBadArgument, name, "must be an integer, not %v", f)
	case f < 0:
		a.fail(annotate.CodeOutOfRange, name, "must not be negative (got %v)", f)
	case f > math.MaxInt32:
		a.fail(annotate.CodeOutOfRange, name, "is too large (got %v)", f)
	default:
		return int(f)
	}
	return 0
}

// jsonOf reads argument i as JSON, through one JSON.stringify call, and
// decodes it strictly into out: an unknown field is a mistake to report,
// not to ignore. want names the expected shape for messages.
func (a *argv) jsonOf(i int, name, want string, out any) {
	if a.err != nil {
		return
	}
	v := a.arg(i)
	if v.Type() != safejs.TypeObject {
		a.fail(annotate.CodeBadArgument, name, "must be %s, not %s", want, typeName(v))
		return
	}
	s, err := theBridge.json.Call("stringify", v)
	var text string
	if err == nil {
		text, err = s.String()
	}
	if err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be converted to JSON: %v", err)
		return
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		a.fail(annotate.CodeBadArgument, name, "must be %s: %v", want, err)
	}
}

// ints reads a required array of non-negative integers.
func (a *argv) ints(i int, name string) []int {
	if a.missing(i, name, "an array of numbers") || a.err != nil {
		return nil
	}
	var raw []any // not []float64: JSON turns NaN and Infinity into null
	a.jsonOf(i, name, "an array of numbers", &raw)
	out := make([]int, 0, len(raw))
	for k, x := range raw {
		f, ok := x.(float64)
		if !ok {
			a.fail(annotate.CodeBadArgument, name, "must hold only finite numbers; [%d] is %v", k, x)
			return nil
		}
		out = append(out, a.checkInt(f, fmt.Sprintf("%s[%d]", name, k)))
	}
	return out
}

// strs reads a required array of strings.
func (a *argv) strs(i int, name string) []string {
	if a.missing(i, name, "an array of strings") || a.err != nil {
		return nil
	}
	var out []string
	a.jsonOf(i, name, "an array of strings", &out)
	return out
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
