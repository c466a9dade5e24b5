//go:build js && wasm

package main

import (
	"path"
	"strings"

	"github.com/hack-pad/safejs"

	"github.com/spanmark/spanmark/annotate"
)

// addTextFiles adds plain-text articles, one document per file, all or
// nothing: every file is first checked as the importer checks text
// (annotate.CheckText: not empty, not binary, not UTF-16, valid UTF-8), and
// one bad file refuses them all, each problem named with its file. The title
// is the file name without its extension (the text is kept exactly as
// read, so its first line stays in the article); the id is derived from the
// title by the core.
func addTextFiles(a *argv) (any, error) {
	files := a.files(0)
	if a.err != nil {
		return nil, a.err
	}
	var es annotate.Errors
	for _, f := range files {
		if e := annotate.CheckText(f.Name, f.Data, ""); e != nil {
			es = append(es, e)
		}
	}
	if len(es) > 0 {
		return nil, es
	}
	added := make([]*annotate.Document, 0, len(files))
	for _, f := range files {
		base := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
		title := strings.TrimSuffix(base, path.Ext(base))
		d, err := theProject.AddDocument("", title, string(f.Data), annotate.Meta{Source: base})
		if err != nil {
			for _, x := range added {
				theProject.RemoveDocument(x.ID) // all or nothing
			}
			if e, ok := err.(*annotate.Error); ok {
				e.File = f.Name
			}
			return nil, err
		}
		added = append(added, d)
	}
	return listToJS(viewDocs(added))
}

// importProject makes a project file (a string, or its bytes in a
// Uint8Array: Compare…'s gold project; from spanmark-formats'
// stagedProject or compareWorks) the project, with the undo history and id counters given
// (exportHistory's, or none), and returns its documents. All or nothing:
// on any error (a bad file, a history that does not fit it) nothing
// changes. Adding an import to the project happens in the formats module
// (stagedProject with "append"), so the core carries no merging code.
func importProject(a *argv) (any, error) {
	name := a.optStr(1, "fileName")
	data, history := a.fileText(0, "json", name), a.optStr(2, "history")
	if a.err != nil {
		return nil, a.err
	}
	p, err := annotate.Load(data, name)
	if err != nil {
		return nil, err
	}
	if history != "" {
		if err := p.RestoreHistory([]byte(history)); err != nil {
			return nil, err
		}
	}
	useProject(p)
	return listToJS(viewDocs(p.Documents()))
}

// checkImportFile refuses a file too large to import from its size alone,
// before the page reads it.
func checkImportFile(a *argv) (any, error) {
	name := a.str(0, "name")
	size := a.integer(1, "size")
	if a.err != nil {
		return nil, a.err
	}
	return nil, annotate.CheckSize(name, int64(size))
}

// fileText reads a required string, or a Uint8Array: a file's bytes as
// read, which go through the checks every file of text gets
// (annotate.CheckText: size before they are copied, then empty, UTF-16,
// binary, not UTF-8), so that a project opened from disk is checked as an
// import or an added article is, by the same rule.
func (a *argv) fileText(i int, name, file string) []byte {
	if a.missing(i, name, "a string or a Uint8Array") || a.err != nil {
		return nil
	}
	v := a.arg(i)
	if v.Type() == safejs.TypeString {
		return []byte(a.str(i, name))
	}
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil || !instanceOf(v, u8) {
		a.fail(annotate.CodeBadArgument, name, "must be a string or a Uint8Array, not "+typeName(v))
		return nil
	}
	size, _ := v.Length()
	if err := annotate.CheckSize(file, int64(size)); err != nil {
		a.err = err // refused before copying it into Go
		return nil
	}
	data := make([]byte, size)
	if _, err := safejs.CopyBytesToGo(data, v); err != nil {
		a.fail(annotate.CodeBadArgument, name, "cannot be read: "+err.Error())
		return nil
	}
	if e := annotate.CheckText(file, data, "; open a spanmark project (.json) or a .txt article"); e != nil {
		a.err = e
		return nil
	}
	return data
}

// inFile is one file the page hands over: its name and bytes.
type inFile struct {
	Name string
	Data []byte
}

// files reads an array of {name, data} where data is a string (sent as its
// UTF-8 encoding) or a Uint8Array (the file's bytes, as read: only then can
// the core see bytes that are not UTF-8).
func (a *argv) files(i int) []inFile {
	const want = "an array of {name, data} with data a string or a Uint8Array"
	if a.missing(i, "files", want) || a.err != nil {
		return nil
	}
	v := a.arg(i)
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		a.fail(annotate.CodeInternal, "files", "cannot find Uint8Array: "+err.Error())
		return nil
	}
	arr, err := safejs.Global().Get("Array")
	if err == nil {
		var ok safejs.Value
		if ok, err = arr.Call("isArray", v); err == nil {
			if b, _ := ok.Bool(); !b {
				a.fail(annotate.CodeBadArgument, "files", "must be "+want+", not "+typeName(v))
				return nil
			}
		}
	}
	n, err := v.Length()
	if err != nil {
		a.fail(annotate.CodeBadArgument, "files", "must be "+want+": "+err.Error())
		return nil
	}
	out := make([]inFile, 0, n)
	for k := range n {
		field := "files[" + itoa(k) + "]"
		f, err := v.Index(k)
		if err != nil || f.Type() != safejs.TypeObject {
			a.fail(annotate.CodeBadArgument, field, "must be an object {name, data}")
			return nil
		}
		nv, _ := f.Get("name")
		dv, _ := f.Get("data")
		if nv.Type() != safejs.TypeString {
			a.fail(annotate.CodeBadArgument, field+".name", "must be a string, not "+typeName(nv))
			return nil
		}
		name, _ := nv.String()
		var data []byte
		switch isU8 := instanceOf(dv, u8); {
		case dv.Type() == safejs.TypeString:
			s, _ := dv.String()
			data = []byte(s)
		case isU8:
			size, _ := dv.Length()
			if err := annotate.CheckSize(name, int64(size)); err != nil {
				a.err = err // refused before copying 50 MB and more into Go
				return nil
			}
			data = make([]byte, size)
			if _, err := safejs.CopyBytesToGo(data, dv); err != nil {
				a.fail(annotate.CodeBadArgument, field+".data", "cannot be read: "+err.Error())
				return nil
			}
		default:
			a.fail(annotate.CodeBadArgument, field+".data", "must be a string or a Uint8Array, not "+typeName(dv))
			return nil
		}
		out = append(out, inFile{Name: name, Data: data})
	}
	return out
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
