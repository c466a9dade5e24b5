// Package wasmsize says which Go functions a WebAssembly binary built by
// the Go toolchain holds, and how large each one's code is, from the
// binary's "name" custom section (present unless linked with -s). It lets
// a test see what the linker kept in the page's wasm, which `go list
// -deps` (what is imported, reachable or not) cannot.
package wasmsize

import (
	"encoding/binary"
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// Func is one function of the binary.
type Func struct {
	// Name is the linker's symbol name as the Go linker writes it into
	// the name section: every character other than a letter, a digit,
	// '_' or '.' replaced by '_' ("encoding_json.Marshal",
	// "main.__argv_.str" for main.(*argv).str).
	Name string
	Size int // bytes of code
}

// InPackage reports whether f is a function or method of the package with
// import path path (not of a package whose path merely starts the same).
func (f Func) InPackage(path string) bool {
	p := sanitize(path) + "."
	return strings.HasPrefix(f.Name, p)
}

var nameRegexp = regexp.MustCompile(`[^\w.]`) // as cmd/link/internal/wasm

func sanitize(s string) string { return nameRegexp.ReplaceAllString(s, "_") }

// Funcs returns the functions defined in wasm (imports excluded), in
// index order. It fails when the binary has no function names (built with
// -s) or is not well formed.
func Funcs(wasm []byte) ([]Func, error) {
	if len(wasm) < 8 || string(wasm[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly binary")
	}
	var sizes []int
	names := map[int]string{}
	imports := 0
	for r := (reader{b: wasm, i: 8}); r.i < len(r.b); {
		id := r.byte()
		sec := reader{b: r.bytes(r.uint())}
		if r.err != nil {
			return nil, r.err
		}
		switch id {
		case 2: // imports: functions, and also tables, memories, globals
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				sec.bytes(sec.uint()) // module
				sec.bytes(sec.uint()) // name
				switch kind := sec.byte(); kind {
				case 0: // function: type index
					sec.uint()
					imports++
				case 1: // table: reftype, limits
					sec.byte()
					sec.limits()
				case 2: // memory: limits
					sec.limits()
				case 3: // global: valtype, mutability
					sec.byte()
					sec.byte()
				default:
					sec.err = errors.New("unknown import kind " + strconv.Itoa(int(kind)))
				}
			}
		case 10: // code
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				sizes = append(sizes, len(sec.bytes(sec.uint())))
			}
		case 0: // custom
			if string(sec.bytes(sec.uint())) != "name" {
				continue
			}
			for sec.i < len(sec.b) && sec.err == nil {
				sub := sec.byte()
				body := reader{b: sec.bytes(sec.uint())}
				if sub != 1 { // function names
					continue
				}
				for n := body.uint(); n > 0 && body.err == nil; n-- {
					idx := int(body.uint())
					names[idx] = string(body.bytes(body.uint()))
				}
				sec.err = body.err
			}
		}
		if sec.err != nil {
			return nil, errors.New("section " + strconv.Itoa(int(id)) + ": " + sec.err.Error())
		}
	}
	if len(names) == 0 {
		return nil, errors.New("no function names: link without -s")
	}
	fns := make([]Func, len(sizes))
	for i, s := range sizes {
		fns[i] = Func{Name: names[imports+i], Size: s}
	}
	return fns, nil
}

// reader reads LEB128 numbers and byte strings; the first error sticks.
type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 {
		r.err = errors.New("bad LEB128 number at " + strconv.Itoa(r.i))
		return 0
	}
	r.i += n
	return v
}

func (r *reader) byte() byte {
	if r.err == nil && r.i >= len(r.b) {
		r.err = errors.New("cut short")
	}
	if r.err != nil {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *reader) bytes(n uint64) []byte {
	if r.err == nil && n > uint64(len(r.b)-r.i) {
		r.err = errors.New("cut short")
	}
	if r.err != nil {
		return nil
	}
	r.i += int(n)
	return r.b[r.i-int(n) : r.i]
}

func (r *reader) limits() {
	if r.byte()&1 != 0 { // has a maximum
		r.uint()
	}
	r.uint()
}
