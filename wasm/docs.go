//go:build js && wasm

package main

import (
	"path"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
)

// addTextFiles adds plain-text articles, one document per file, all or
// nothing: every file is first checked as the importer checks text
// (formats.CheckFile: not empty, not binary, not UTF-16, valid UTF-8), and
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
		if e := formats.CheckFile(f); e != nil {
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
	return toJS(viewDocs(added))
}
