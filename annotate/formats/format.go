package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// File is one file read or written by a format. Name is a slash-separated
// path relative to the output folder (or as the user gave it on import); it
// locates errors and, for brat, pairs .txt with .ann.
type File struct {
	Name string
	Data []byte
}

// Report is the ordered list of human-readable notes about what an export
// or import lost, repaired or added, e.g. "conll: 3 nested or overlapping
// spans dropped". An empty report means nothing was lost.
type Report []string

func (r *Report) add(format string, args ...any) {
	*r = append(*r, fmt.Sprintf(format, args...))
}

// ImportOptions tune an import.
type ImportOptions struct {
	// Repair moves a span whose stored text does not match the document at
	// its offsets to the nearest place within RepairWindow code points
	// where that text occurs, reporting each move. Without it a mismatch is
	// an error.
	Repair bool
	// Schema is the schema imported documents are checked against; nil
	// means annotate.DefaultSchema. It is cloned, never changed: labels,
	// attributes and relation types found in the file but missing from it
	// are added to the imported project's copy (and reported).
	Schema *annotate.Schema
	// StrictSchema checks enum values against Schema: a value outside one
	// of its enums is an error. Without it the imported project's schema
	// gains the value (reported), as it gains unknown labels. The CLI sets
	// it for --schema FILE.
	StrictSchema bool
	// Offsets is the unit the file's offsets count, for formats that let
	// the user choose (doccano); "" is the format's own unit.
	Offsets Unit
	// LabelMap maps a file's span labels to labels of Schema (Person →
	// PERSON), so they do not become near-duplicates. A target that is not
	// a span label of Schema, or of another layer than the file gives the
	// label, is an error and nothing is imported. Project files (format
	// spanmark) keep their own schema and take no map. A label mapped to
	// "" is kept as a label of its own (added to the schema), whatever
	// AutoMap proposes.
	LabelMap map[string]string
	// AutoMap maps each label the schema lacks to ProposeLabel's proposal,
	// where LabelMap does not name it: what the import dialog starts from.
	AutoMap bool
	// FileLabels, when not nil, receives the file's span labels that
	// Schema lacks or LabelMap maps, with proposals (ProposeLabel), for
	// the import dialog's mapping choices.
	FileLabels *[]FileLabel
	// AsSuggestions imports the file's spans as open suggestions (source
	// "import": another tool's predictions, to accept or reject), not as
	// annotations, keeping the scores the format gives (Label Studio's
	// per-region and per-prediction "score"). The checks are those of
	// spans (a stored text that does not match the document is an error,
	// located); relations, attributes and notes are dropped and reported.
	// Label Studio then reads a task's "predictions" first.
	AsSuggestions bool
}

// Unit is what a format's offsets count. Each format has its own (the
// unit its tool uses: doccano's view counts UTF-16 code units, Python's
// str, and so spaCy, Prodigy and brat, count code points); doccano files
// made by a script or doccano's backend may use another, so its unit is a
// choice.
type Unit string

const (
	UnitDefault   Unit = ""          // the format's own unit
	UnitCodePoint Unit = "codepoint" // Unicode code points (Python str indices)
	UnitUTF16     Unit = "utf16"     // UTF-16 code units (JavaScript string indices)
	UnitGrapheme  Unit = "grapheme"  // extended grapheme clusters (UAX #29)
)

// Units lists the units a user can choose, in the order the CLI and the
// page show them.
var Units = []Unit{UnitUTF16, UnitCodePoint, UnitGrapheme}

// ParseUnit reads a unit's name; "" is the format's own unit.
func ParseUnit(s string) (Unit, error) {
	if s == "" || slices.Contains(Units, Unit(s)) {
		return Unit(s), nil
	}
	return "", &annotate.Error{Code: annotate.CodeBadArgument, Field: "offsets",
		Msg: fmt.Sprintf("unknown offset unit %q; use utf16, codepoint or grapheme", s)}
}

// ExportOptions tune an export.
type ExportOptions struct {
	// Offsets is the unit written offsets count, for formats that let the
	// user choose (doccano); "" is the format's own unit.
	Offsets Unit
	// Form is the shape of a JSONL export: "ner" (the default: the entity
	// layer without overlaps, what spaCy's doc.ents and Prodigy's NER views
	// load) or "spans" (every span, overlaps allowed, for doc.spans[key]
	// and Prodigy's spans.manual).
	Form string
}

// RepairWindow is how far, in code points either side of the stored
// offsets, Repair looks for a span's text. Wide enough for offsets that
// drifted by a line-ending conversion over a few hundred lines, narrow
// enough that a short word is not moved to an unrelated occurrence.
const RepairWindow = 500

// Format is one dataset format, both ways.
type Format interface {
	// Name is the name used on the command line and in reports.
	Name() string
	// Export writes the project. Most formats write one file; brat writes
	// a .txt and .ann pair per document plus annotation.conf.
	Export(p *annotate.Project, opt ExportOptions) ([]File, Report, error)
	// Import reads files into a new project, or returns every problem
	// (as annotate.Errors) and no project.
	Import(files []File, opt ImportOptions) (*annotate.Project, Report, error)
}

var registry = []Format{Spanmark{}, JSONL{}, CoNLL{}, Brat{}, Doccano{}, LabelStudio{}}

// Names lists the format names, in the order the CLI and page show them.
func Names() []string {
	out := make([]string, len(registry))
	for i, f := range registry {
		out[i] = f.Name()
	}
	return out
}

// Get returns the named format.
func Get(name string) (Format, error) {
	for _, f := range registry {
		if f.Name() == name {
			return f, nil
		}
	}
	return nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "format",
		Msg: fmt.Sprintf("unknown format %q; use one of %s", name, strings.Join(Names(), ", "))}
}

// Guess tells the format of files from their names and, where the name is
// ambiguous (.json, .jsonl, none), from their first record. Inputs in
// different formats are refused: they are converted separately.
func Guess(files []File) (Format, error) {
	if len(files) == 0 {
		return nil, &annotate.Error{Code: annotate.CodeBadArgument, Msg: "no input files"}
	}
	if slices.ContainsFunc(files, func(f File) bool { return strings.EqualFold(path.Ext(f.Name), ".ann") }) {
		return Brat{}, nil
	}
	var got Format
	var gotFile string
	for _, f := range files {
		if isBratSide(f.Name) {
			continue
		}
		g := guessOne(f)
		if g == nil {
			return nil, &annotate.Error{Code: annotate.CodeBadFormat, File: f.Name,
				Msg: "cannot tell which format this file is in; name it with --from (" + strings.Join(Names(), ", ") + ")"}
		}
		if got != nil && got.Name() != g.Name() {
			return nil, &annotate.Error{Code: annotate.CodeBadFormat, File: f.Name,
				Msg: fmt.Sprintf("looks like %s, but %s looks like %s; convert them separately or name the format with --from", g.Name(), gotFile, got.Name())}
		}
		got, gotFile = g, f.Name
	}
	if got == nil {
		return nil, &annotate.Error{Code: annotate.CodeBadFormat, File: files[0].Name, Msg: "cannot tell the format; name it with --from"}
	}
	return got, nil
}

func isBratSide(name string) bool {
	switch path.Base(name) {
	case "annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf":
		return true
	}
	return false
}

func guessOne(f File) Format {
	ext := strings.ToLower(path.Ext(f.Name))
	switch ext {
	case ".ann":
		return Brat{}
	case ".txt":
		return nil // plain text is brat only beside an .ann (see Guess)
	case ".conll", ".iob", ".iob1", ".iob2", ".bio", ".conllu", ".tsv":
		return CoNLL{}
	}
	data := bytes.TrimLeft(f.Data, " \t\r\n\ufeff")
	if len(data) == 0 {
		return nil
	}
	switch data[0] {
	case '[':
		return LabelStudio{}
	case '{':
	default:
		if ext == ".json" || ext == ".jsonl" {
			return nil
		}
		return CoNLL{}
	}
	line := data
	if i := bytes.IndexByte(line, '\n'); i >= 0 && ext != ".json" {
		line = line[:i]
	}
	var head map[string]json.RawMessage
	if json.Unmarshal(line, &head) != nil {
		// a multi-line JSON object: spanmark or one Label Studio task
		var whole map[string]json.RawMessage
		if json.Unmarshal(data, &whole) != nil {
			return nil
		}
		head = whole
	}
	switch {
	case head["format"] != nil && string(head["format"]) == `"spanmark"`:
		return Spanmark{}
	case head["data"] != nil || head["annotations"] != nil || head["completions"] != nil || head["predictions"] != nil:
		return LabelStudio{}
	case head["_spanmark"] != nil || head["tokens"] != nil || head["spans"] != nil:
		return JSONL{}
	case head["entities"] != nil || head["label"] != nil || head["labels"] != nil:
		return Doccano{}
	case head["text"] != nil:
		return JSONL{} // a bare {"text": …} is Prodigy's input format
	case head["format"] != nil:
		return Spanmark{} // let the spanmark loader say what is wrong
	}
	return nil
}
