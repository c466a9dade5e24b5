//go:build js && wasm

package main

import (
	"fmt"
	"strconv"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
)

// Dataset formats through the bridge: export in any format, and import in
// two steps (importPreview stages the imported project and says what it
// holds and lost; importCommit replaces or extends the current project),
// so nothing is replaced before the user has seen the report. Every rule
// (input checks, format guessing, merging) is in annotate and
// annotate/formats; this file only converts arguments and results.

// staged is the one import waiting for importCommit or importDiscard. A new
// preview replaces it: a staged project can be as large as the file, and
// the page never needs two.
var staged *stagedImport

type stagedImport struct {
	token   string
	project *annotate.Project
}

var stagedCount int

type exportFile struct {
	Name string `json:"name"`
	Data string `json:"data"`
}

type exportView struct {
	Files  []exportFile `json:"files"`
	Report []string     `json:"report"`
}

type appendView struct {
	Possible bool     `json:"possible"`
	Report   []string `json:"report"`
	Error    string   `json:"error,omitempty"`
}

type previewView struct {
	Token     string     `json:"token"`
	Format    string     `json:"format"`
	Documents int        `json:"documents"`
	Spans     int        `json:"spans"`
	Relations int        `json:"relations"`
	Report    []string   `json:"report"`
	Append    appendView `json:"append"`
}

type importOptions struct {
	Format string `json:"format"`
	Repair bool   `json:"repair"`
}

// files reads an array of {name, data} where data is a string (sent as its
// UTF-8 encoding) or a Uint8Array (the file's bytes, as read: only then can
// the core see bytes that are not UTF-8).
func (a *argv) files(i int) []formats.File {
	const want = "an array of {name, data} with data a string or a Uint8Array"
	if a.missing(i, "files", want) || a.err != nil {
		return nil
	}
	v := a.arg(i)
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		a.fail(annotate.CodeInternal, "files", "cannot find Uint8Array: %v", err)
		return nil
	}
	arr, err := safejs.Global().Get("Array")
	if err == nil {
		var ok safejs.Value
		if ok, err = arr.Call("isArray", v); err == nil {
			if b, _ := ok.Bool(); !b {
				a.fail(annotate.CodeBadArgument, "files", "must be %s, not %s", want, typeName(v))
				return nil
			}
		}
	}
	n, err := v.Length()
	if err != nil {
		a.fail(annotate.CodeBadArgument, "files", "must be %s: %v", want, err)
		return nil
	}
	out := make([]formats.File, 0, n)
	for k := range n {
		field := fmt.Sprintf("files[%d]", k)
		f, err := v.Index(k)
		if err != nil || f.Type() != safejs.TypeObject {
			a.fail(annotate.CodeBadArgument, field, "must be an object {name, data}")
			return nil
		}
		nv, _ := f.Get("name")
		dv, _ := f.Get("data")
		if nv.Type() != safejs.TypeString {
			a.fail(annotate.CodeBadArgument, field+".name", "must be a string, not %s", typeName(nv))
			return nil
		}
		name, _ := nv.String()
		var data []byte
		switch isU8, _ := dv.InstanceOf(u8); {
		case dv.Type() == safejs.TypeString:
			s, _ := dv.String()
			data = []byte(s)
		case isU8:
			size, _ := dv.Length()
			if err := formats.CheckSize(name, int64(size)); err != nil {
				a.err = err // refused before copying 50 MB and more into Go
				return nil
			}
			data = make([]byte, size)
			if _, err := safejs.CopyBytesToGo(data, dv); err != nil {
				a.fail(annotate.CodeBadArgument, field+".data", "cannot be read: %v", err)
				return nil
			}
		default:
			a.fail(annotate.CodeBadArgument, field+".data", "must be a string or a Uint8Array, not %s", typeName(dv))
			return nil
		}
		out = append(out, formats.File{Name: name, Data: data})
	}
	return out
}

// formatNames lists the format names, in the order the menu shows them.
func formatNames(a *argv) (any, error) { return toJS(formats.Names()) }

// exportAs writes the project in a format: its files, what it lost, and,
// when there are several files (brat), the same files as one .zip.
func exportAs(a *argv) (any, error) {
	name := a.str(0, "format")
	if a.err != nil {
		return nil, a.err
	}
	f, err := formats.Get(name)
	if err != nil {
		return nil, err
	}
	files, rep, err := f.Export(theProject)
	if err != nil {
		return nil, err
	}
	view := exportView{Files: make([]exportFile, len(files)), Report: nonNil([]string(rep))}
	for i, f := range files {
		view.Files[i] = exportFile{f.Name, string(f.Data)}
	}
	res, err := toJS(view)
	if err != nil || len(files) < 2 {
		return res, err
	}
	// Several files (brat): also the .zip the page downloads, so
	// that every format is one download.
	z, err := formats.Zip(files)
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "packing the .zip: " + err.Error()}
	}
	u8, err := bytesToJS(z)
	if err == nil {
		err = res.(safejs.Value).Set("zip", u8)
	}
	if err != nil {
		return nil, &annotate.Error{Code: annotate.CodeInternal, Msg: "handing over the .zip: " + err.Error()}
	}
	return res, nil
}

// checkImportFile refuses a file too large to import from its size alone,
// before the page reads it.
func checkImportFile(a *argv) (any, error) {
	name := a.str(0, "name")
	size := a.integer(1, "size")
	if a.err != nil {
		return nil, a.err
	}
	return nil, formats.CheckSize(name, int64(size))
}

// importPreview imports files into a staged project, changing nothing.
func importPreview(a *argv) (any, error) {
	files := a.files(0)
	var o importOptions
	if a.given(1) {
		a.jsonOf(1, "options", "an ImportOptions object {format, repair}", &o)
	}
	if a.err != nil {
		return nil, a.err
	}
	// Formats without a schema of their own are read against the
	// current project's: the report then says what the file adds.
	f, p, rep, err := formats.Read(files, o.Format, formats.ImportOptions{Repair: o.Repair, Schema: theProject.Schema})
	if err != nil {
		return nil, err // the current project and any staged import stay
	}
	stagedCount++
	staged = &stagedImport{token: "import-" + strconv.Itoa(stagedCount), project: p}
	v := previewView{Token: staged.token, Format: f.Name(), Report: nonNil([]string(rep))}
	for _, d := range p.Documents() {
		v.Documents++
		v.Spans += d.NumSpans()
		v.Relations += d.NumRelations()
	}
	plan, err := theProject.PlanAppend(p)
	v.Append = appendView{Possible: err == nil, Report: nonNil(plan)}
	if err != nil {
		v.Append.Error = err.Error()
	}
	return toJS(v)
}

// importCommit makes the staged import the project, or adds it to it, and
// returns the imported documents as they are now in the project.
func importCommit(a *argv) (any, error) {
	token, mode := a.str(0, "token"), a.str(1, "mode")
	if a.err == nil && mode != "replace" && mode != "append" {
		a.fail(annotate.CodeBadArgument, "mode", `must be "replace" or "append", not %q`, mode)
	}
	s := a.stagedImport(token)
	if a.err != nil {
		return nil, a.err
	}
	var docs []*annotate.Document
	if mode == "replace" {
		theProject = s.project
		docs = s.project.Documents()
	} else {
		before := len(theProject.Documents())
		if _, err := theProject.Append(s.project); err != nil {
			return nil, err // still staged: the page may replace instead
		}
		docs = theProject.Documents()[before:]
	}
	staged = nil
	return toJS(viewDocs(docs))
}

// importDiscard drops the staged import.
func importDiscard(a *argv) (any, error) {
	token := a.str(0, "token")
	if a.err != nil {
		return nil, a.err
	}
	if staged != nil && staged.token == token {
		staged = nil
	}
	return nil, nil // discarding twice is harmless
}

func (a *argv) stagedImport(token string) *stagedImport {
	if a.err != nil {
		return nil
	}
	if staged == nil || staged.token != token {
		a.fail(annotate.CodeBadArgument, "token", "names no staged import (%q was committed, discarded, or replaced by a newer preview)", token)
		return nil
	}
	return staged
}

// bytesToJS copies b into a new Uint8Array.
func bytesToJS(b []byte) (safejs.Value, error) {
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return safejs.Value{}, err
	}
	v, err := u8.New(len(b))
	if err != nil {
		return safejs.Value{}, err
	}
	_, err = safejs.CopyBytesToJS(v, b)
	return v, err
}
