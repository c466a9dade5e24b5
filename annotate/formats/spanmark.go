package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/spanmark/spanmark/annotate"
)

// Spanmark is the project file itself (annotate.Load / Project.Save):
// lossless, and spanmark → spanmark is byte-identical.
//
// Importing several project files merges their documents into one project;
// they must share one schema, since a document is only valid against the
// schema it was annotated with. ImportOptions do not apply: the file
// carries its own schema and its texts are checked by the loader.
type Spanmark struct{}

func (Spanmark) Name() string { return "spanmark" }

func (Spanmark) Export(p *annotate.Project, _ ExportOptions) ([]File, Report, error) {
	// a project file repeats each span's text: 50,000 spans nested in a
	// 100,000-character text make a file of gigabytes; say so before
	// making it
	if n := p.TextBytes(); n > annotate.MaxProjectSize {
		return nil, nil, tooBig("spanmark", "", n, annotate.MaxProjectSize, "project files", "more than ")
	}
	b, err := p.Bytes()
	if err != nil {
		return nil, nil, err
	}
	return []File{{Name: "project.json", Data: b}}, nil, nil
}

func (Spanmark) Import(files []File, _ ImportOptions) (*annotate.Project, Report, error) {
	if len(files) == 0 {
		return nil, nil, annotate.Errors{{Code: annotate.CodeBadArgument, Msg: "no input files"}}
	}
	var es annotate.Errors
	var projects []*annotate.Project
	for _, f := range files {
		p, err := annotate.Load(f.Data, f.Name)
		if err != nil {
			es = append(es, asErrors(err, f.Name)...)
			continue
		}
		projects = append(projects, p)
	}
	if len(es) > 0 {
		return nil, nil, es
	}
	if len(projects) == 1 {
		return projects[0], nil, nil
	}
	first, _ := json.Marshal(projects[0].Schema)
	for i, p := range projects[1:] {
		if s, _ := json.Marshal(p.Schema); !bytes.Equal(s, first) {
			es = append(es, &annotate.Error{Code: annotate.CodeBadSchema, File: files[i+1].Name, Field: "schema",
				Msg: fmt.Sprintf("the schema differs from %s's; projects are merged only when their schemas are the same", files[0].Name)})
		}
	}
	if len(es) > 0 {
		return nil, nil, es
	}
	// Merge by saving and reloading each document under the first schema:
	// the loader's checks then hold for the merged project too.
	merged := annotate.NewProject(projects[0].Schema.Clone())
	for i, p := range projects {
		for _, d := range p.Documents() {
			nd, err := merged.AddDocument(d.ID, d.Title, d.Text(), d.Meta)
			if err != nil {
				e := err.(*annotate.Error)
				e.File = files[i].Name
				e.Msg += " (document ids must be unique across the merged files)"
				es = append(es, e)
				continue
			}
			nd.Status, nd.Labels, nd.Annotator, nd.Undecided = d.Status, slices.Clone(d.Labels), d.Annotator, slices.Clone(d.Undecided)
			nd.CopySuggestions(d)
			if pe := nd.Populate(d.Spans(), d.Relations()); len(pe) > 0 {
				for _, e := range pe {
					e.File = files[i].Name
				}
				es = append(es, pe...)
			}
		}
	}
	if len(es) > 0 {
		return nil, nil, es
	}
	return merged, nil, nil
}

// asErrors turns any error into annotate.Errors located in file, so every
// importer returns one error type.
func asErrors(err error, file string) annotate.Errors {
	switch e := err.(type) {
	case annotate.Errors:
		for _, x := range e {
			if x.File == "" {
				x.File = file
			}
		}
		return e
	case *annotate.Error:
		if e.File == "" {
			e.File = file
		}
		return annotate.Errors{e}
	}
	return annotate.Errors{{Code: annotate.CodeBadFormat, File: file, Msg: err.Error()}}
}
