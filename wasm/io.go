//go:build js && wasm && formats

package main

import (
	"encoding/json"
	"strconv"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// Dataset formats through the bridge: export in any format, and import in
// two steps (importPreview stages the imported project and says what it
// holds and lost; stagedProject hands it over as a project file, alone or
// added to the page's project, which the page gives to the core's
// importProject), so nothing is replaced before the user has seen the
// report. Every rule
// (input checks, format guessing, merging) is in annotate and
// annotate/formats; this file only converts arguments and results.
//
// It is built only with -tags formats, into web/spanmark-formats.wasm:
// the formats (with archive/zip, flate, encoding/json and fmt) would add
// about 390 KB of brotli to a wasm the page needs before anyone can
// annotate, and are needed only to export or import. The page loads that
// second module on first use, next to the core, and passes projects (with
// their undo histories) between the two as project files (web/formats.js);
// make dist carries only this module, and then the page finds these
// methods on spanmark itself.

func init() {
	formatsAPI = map[string]method{
		"formats":        formatNames,
		"exportAs":       exportAs,
		"importPreview":  importPreview,
		"stagedProject":  stagedProject,
		"importDiscard":  importDiscard,
		"importWarm":     importWarm,
		"matchText":      matchText,
		"compareRead":    compareRead,    // compare.go
		"compareWorks":   compareWorks,   // compare.go
		"compareFigures": compareFigures, // compare.go
		"compareReport":  compareReport,  // compare.go
		"compareRestore": compareRestore, // compare.go
	}
}

// staged is the one import waiting for stagedProject and importDiscard. A new
// preview replaces it: a staged project can be as large as the file, and
// the page never needs two.
var staged *stagedImport

type stagedImport struct {
	token   string
	project *annotate.Project
	asSugg  bool  // read as suggestions (ImportOptions.AsSuggestions)
	size    int64 // the files' bytes
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
	Token     string `json:"token"`
	Format    string `json:"format"`
	Documents int    `json:"documents"`
	Spans     int    `json:"spans"`
	Relations int    `json:"relations"`
	// Suggestions: read as suggestions, the open suggestions it brings,
	// and Matched how many of its documents the project has (they get
	// them; the others are added)
	Suggestions int        `json:"suggestions"`
	Matched     int        `json:"matched"`
	Report      []string   `json:"report"`
	Append      appendView `json:"append"`
	// Labels are the file's span labels the project's schema lacks (or
	// the map maps), for the dialog's mapping choices
	Labels []fileLabelView `json:"labels"`
}

type fileLabelView struct {
	Name     string   `json:"name"`
	Layer    string   `json:"layer,omitempty"`
	Spans    int      `json:"spans"`
	Proposal string   `json:"proposal,omitempty"`
	MappedTo string   `json:"mappedTo,omitempty"`
	Targets  []string `json:"targets"`
}

func (v fileLabelView) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonw.AppendString(b, v.Name)
	b = appendOptString(b, `,"layer":`, v.Layer)
	b = append(b, `,"spans":`...)
	b = strconv.AppendInt(b, int64(v.Spans), 10)
	b = appendOptString(b, `,"proposal":`, v.Proposal)
	b = appendOptString(b, `,"mappedTo":`, v.MappedTo)
	b = append(b, `,"targets":`...)
	b = appendStrings(b, v.Targets)
	return append(b, '}')
}

func (v exportFile) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonw.AppendString(b, v.Name)
	b = append(b, `,"data":`...)
	b = jsonw.AppendString(b, v.Data)
	return append(b, '}')
}

func (v exportView) appendJSON(b []byte) []byte {
	b = append(b, `{"files":`...)
	b = appendList(b, v.Files)
	b = append(b, `,"report":`...)
	b = appendStrings(b, v.Report)
	return append(b, '}')
}

func (v appendView) appendJSON(b []byte) []byte {
	b = append(b, `{"possible":`...)
	b = strconv.AppendBool(b, v.Possible)
	b = append(b, `,"report":`...)
	b = appendStrings(b, v.Report)
	b = appendOptString(b, `,"error":`, v.Error)
	return append(b, '}')
}

func (v previewView) appendJSON(b []byte) []byte {
	b = append(b, `{"token":`...)
	b = jsonw.AppendString(b, v.Token)
	b = append(b, `,"format":`...)
	b = jsonw.AppendString(b, v.Format)
	b = append(b, `,"documents":`...)
	b = strconv.AppendInt(b, int64(v.Documents), 10)
	b = append(b, `,"spans":`...)
	b = strconv.AppendInt(b, int64(v.Spans), 10)
	b = append(b, `,"relations":`...)
	b = strconv.AppendInt(b, int64(v.Relations), 10)
	b = append(b, `,"suggestions":`...)
	b = strconv.AppendInt(b, int64(v.Suggestions), 10)
	b = append(b, `,"matched":`...)
	b = strconv.AppendInt(b, int64(v.Matched), 10)
	b = append(b, `,"report":`...)
	b = appendStrings(b, v.Report)
	b = append(b, `,"append":`...)
	b = v.Append.appendJSON(b)
	b = append(b, `,"labels":`...)
	b = appendList(b, v.Labels)
	return append(b, '}')
}

// formatNames lists the format names, in the order the menu shows them.
func formatNames(a *argv) (any, error) { return parseJSON(appendStrings(nil, formats.Names())) }

// exportAs writes the project in a format: its files, what it lost, and,
// when there are several files (brat), the same files as one .zip.
// Options: {offsets: "utf16"|"codepoint"|"grapheme", form: "ner"|"spans"}.
func exportAs(a *argv) (any, error) {
	name := a.str(0, "format")
	var o formats.ExportOptions
	if a.given(1) {
		r := a.object(1, "options", "an ExportOptions object {offsets, form}", "offsets", "form")
		o = formats.ExportOptions{Offsets: formats.Unit(r.str("offsets")), Form: r.str("form")}
	}
	if a.err != nil {
		return nil, a.err
	}
	if _, err := formats.ParseUnit(string(o.Offsets)); err != nil {
		return nil, err
	}
	f, err := formats.Get(name)
	if err != nil {
		return nil, err
	}
	files, rep, err := f.Export(theProject, o)
	if err == nil {
		err = formats.CheckExport(name, files) // whatever spanmark writes, it reads
	}
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

// importPreview imports files into a staged project, changing nothing.
func importPreview(a *argv) (any, error) {
	in := a.files(0)
	var files []formats.File
	for _, f := range in {
		files = append(files, formats.File{Name: f.Name, Data: f.Data})
	}
	var format string
	var labels []formats.FileLabel
	o := formats.ImportOptions{Schema: theProject.Schema, FileLabels: &labels}
	if a.given(1) {
		const want = "an ImportOptions object {format, repair, offsets, map, autoMap, asSuggestions}"
		r := a.object(1, "options", want, "format", "repair", "offsets", "map", "autoMap", "asSuggestions")
		format, o.Repair, o.Offsets, o.AutoMap = r.str("format"), r.boolean("repair"), formats.Unit(r.str("offsets")), r.boolean("autoMap")
		o.AsSuggestions = r.boolean("asSuggestions")
		if v, ok := r.get("map"); ok && a.isObject(v, "options.map", "an object {file label: schema label or \"\"}") {
			if err := json.Unmarshal(a.jsonOf(v, "options.map"), &o.LabelMap); err != nil {
				a.fail(annotate.CodeBadArgument, "options.map", "must be an object {file label: schema label or \"\"} of strings")
			}
		}
	}
	if a.err != nil {
		return nil, a.err
	}
	if _, err := formats.ParseUnit(string(o.Offsets)); err != nil {
		return nil, err
	}
	// no collection while the staged project is built: it stays alive
	// (see pauseGC)
	size := filesSize(in)
	defer pauseGC(allocBudget(size, 16))()
	// Formats without a schema of their own are read against the
	// current project's (o.Schema): the report then says what the file adds.
	f, p, rep, err := formats.Read(files, format, o)
	if err != nil {
		if f != nil {
			// the page keeps the format's options (doccano's offset
			// unit) to hand when the import failed for one of them
			err = formatError{err, f.Name()}
		}
		return nil, err // the current project and any staged import stay
	}
	stagedCount++
	staged = &stagedImport{token: "import-" + strconv.Itoa(stagedCount), project: p, asSugg: o.AsSuggestions, size: size}
	v := previewView{Token: staged.token, Format: f.Name(), Report: nonNil([]string(rep)), Labels: []fileLabelView{}}
	for _, l := range labels {
		v.Labels = append(v.Labels, fileLabelView{Name: l.Name, Layer: string(l.Layer), Spans: l.Spans, Proposal: l.Proposal, MappedTo: l.MappedTo, Targets: nonNil(l.Targets)})
	}
	for _, d := range p.Documents() {
		v.Documents++
		v.Spans += d.NumSpans()
		v.Relations += d.NumRelations()
		v.Suggestions += d.NumSuggestions()
	}
	var plan []string
	if o.AsSuggestions {
		// added as suggestions, the documents the project has get them
		var sp annotate.SuggestionsPlan
		sp, err = theProject.PlanAppendSuggestions(p)
		v.Matched, plan = sp.Matched, sp.Report
	} else {
		plan, err = theProject.PlanAppend(p)
	}
	v.Append = appendView{Possible: err == nil, Report: nonNil(plan)}
	if err != nil {
		v.Append.Error = err.Error()
	}
	return toJS(v)
}

// stagedProject hands the staged import over for the core's
// importProject, as the bytes of a project file (a Uint8Array).
// "replace" (the default): the staged project's file.
// "append": the staged documents are added to this module's project (the
// page's, with its undo history, given by loadProject and restoreHistory
// just before the preview), renaming clashing ids and merging the schemas
// as the preview's append report said, and this project's file is
// returned (its history is exportHistory's); a conflict throws bad_schema
// and changes nothing. The import stays staged until importDiscard.
func stagedProject(a *argv) (any, error) {
	s := a.stagedImport(a.str(0, "token"))
	mode := a.optStr(1, "mode")
	if a.err == nil && mode != "" && mode != "replace" && mode != "append" {
		a.fail(annotate.CodeBadArgument, "mode", `must be "replace" or "append", not `+strconv.Quote(mode))
	}
	if a.err != nil {
		return nil, a.err
	}
	asSugg := a.given(2) && a.object(2, "options", "an options object {asSuggestions}", "asSuggestions").boolean("asSuggestions")
	if a.err != nil {
		return nil, a.err
	}
	defer pauseGC(allocBudget(s.size, 4))() // the project file and what makes it stay alive to the end
	p := s.project
	if asSugg && !s.asSugg {
		// the spans as suggestions, in a copy: the preview stays staged as it was
		b, err := p.CompactBytes()
		if err == nil {
			p, err = annotate.Load(b, "import")
		}
		if err == nil {
			_, err = p.SpansToSuggestions(annotate.SourceImport)
		}
		if err != nil {
			return nil, err
		}
	}
	if mode == "append" {
		var err error
		if asSugg || s.asSugg {
			// onto the project's documents of the same id and text
			_, err = theProject.AppendSuggestions(p)
		} else {
			_, err = theProject.Append(p)
		}
		if err != nil {
			return nil, err
		}
		p = theProject
	}
	b, err := p.CompactBytes() // read by the core, not by people
	if err != nil {
		return nil, err
	}
	// bytes, not a string: the 20,000-record benchmark's 7 MB file cost
	// ~350 ms of UTF-8 decoding into a string here and encoding again on
	// its way into the core
	return bytesToJS(b)
}

// importWarm runs the import's code on made-up doccano records
// (formats.Warm), changing nothing: the page calls it while the file
// picker is open, so that the engine has optimised that code when the
// file comes.
func importWarm(a *argv) (any, error) {
	formats.Warm(warmRecords)
	return nil, nil
}

// warmRecords is importWarm's records a call: few, so that a file given
// during a call waits little (the page makes several calls).
const warmRecords = 100

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
		a.fail(annotate.CodeBadArgument, "token", "names no staged import ("+strconv.Quote(token)+" was discarded or replaced by a newer preview)")
		return nil
	}
	return staged
}
