package jsbundle

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Page is the module script the page loads: the bundle of entry (Bundle),
// minified.
func Page(fsys fs.FS, entry string) (string, error) {
	js, err := Bundle(fsys, entry)
	if err != nil {
		return "", err
	}
	return Minify(js, entry+" (bundle)")
}

// Minify drops the comments and spacing of the page's bundled script (name
// says which, in errors), keeping its names and statements as written:
// the bundle is a third of the page's download once the wasm is counted
// out, and half of it was comments. Syntax and identifiers are left alone
// so that what runs is what the sources say, and errors name the same
// functions.
func Minify(js, name string) (string, error) {
	r := api.Transform(js, api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatDefault, // a module script stays one
		Target:            api.ESNext,
		MinifyWhitespace:  true,
		LegalComments:     api.LegalCommentsNone,
		Sourcefile:        name,
		MinifySyntax:      false,
		MinifyIdentifiers: false,
	})
	if len(r.Errors) > 0 {
		var msgs []string
		for _, m := range api.FormatMessages(r.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}) {
			msgs = append(msgs, strings.TrimSpace(m))
		}
		return "", errors.New("minifying " + name + ": " + strings.Join(msgs, "; "))
	}
	return string(r.Code), nil
}
