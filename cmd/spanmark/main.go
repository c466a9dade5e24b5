// Command spanmark converts annotated news datasets between formats,
// validates them and summarises them, using the same Go core (package
// annotate and annotate/formats) as the browser tool, so a file converted
// here is byte-identical to one exported from the page.
//
// Usage:
//
//	spanmark convert --to FORMAT [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] [-o OUT] INPUT...
//	spanmark validate [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] INPUT...
//	spanmark stats [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] INPUT...
//	spanmark split --annotators A,B,C [--overlap 0.2] [--per-doc 2] [--seed N] CORPUS -o DIR
//	spanmark agree [--from FORMAT] [--labels L1,L2] [--json] WORK WORK [WORK...]
//	spanmark merge [--min-votes N] [--from FORMAT] WORK... -o GOLD
//	spanmark patterns (--patterns FILE | --dict FILE) [--to FORMAT] [--accept] [-o OUT] INPUT...
//	spanmark learn [--from FORMAT] TRAIN... -o MODEL
//	spanmark suggest --model MODEL [--from FORMAT] [--to FORMAT] INPUT...
//
// Formats: spanmark, jsonl, conll, brat, doccano, labelstudio. Exit codes:
// 0 ok, 1 invalid data (or a failed write), 2 bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

var usageText = `spanmark converts, checks and summarises annotated text datasets.

Usage:
  spanmark convert --to FORMAT [--from FORMAT] [-o OUT] INPUT...
  spanmark validate [--from FORMAT] INPUT...
  spanmark stats [--from FORMAT] INPUT...
  spanmark split --annotators A,B,C [--overlap 0.2] [--per-doc 2] [--seed N] CORPUS -o DIR
  spanmark agree [--from FORMAT] [--labels L1,L2] [--json] WORK WORK [WORK...]
  spanmark merge [--min-votes N] WORK... -o GOLD
  spanmark patterns (--patterns FILE | --dict FILE) [--to FORMAT] [--accept] [-o OUT] INPUT...
  spanmark learn [--from FORMAT] TRAIN... -o MODEL
  spanmark suggest --model MODEL [--from FORMAT] [--to FORMAT] INPUT...
  spanmark help [COMMAND]

Formats: ` + strings.Join(formats.Names(), ", ") + `
  spanmark     the spanmark project file (.json)
  jsonl        spaCy / Prodigy JSONL: text, tokens, spans (+ "_spanmark" extras)
  conll        CoNLL IOB2 "token TAG" lines (entity layer only)
  brat         brat standoff: a .ann with its .txt beside it, or a folder of pairs
  doccano      doccano JSONL (entities/relations, or label: [[start, end, "L"]])
  labelstudio  Label Studio JSON tasks (annotations, completions or predictions)

The input format is guessed from the file when --from is absent. Offsets
are Unicode code points everywhere. What a target format cannot hold, and
every repair or schema addition an import made, is reported on standard
error.

Exit status: 0 ok, 1 invalid data (every problem is listed with its file,
line, document, span and field), 2 bad usage.

Run "spanmark help COMMAND" for a command's flags.
`

var commandHelp = map[string]string{
	"convert": `usage: spanmark convert --to FORMAT [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] [--as-suggestions] [-o OUT] INPUT...

Reads every INPUT (files; for brat a .ann with its .txt and configuration
beside it, or a folder of pairs), converts them and writes the result to
OUT, or to standard output when -o is absent. brat writes a folder (a .txt
and .ann per document, annotation.conf and visual.conf), so it needs
-o FOLDER; the folder must not exist yet or be empty. A file OUT appears
whole or not at all: it is written to a temporary file beside it and
renamed into place, keeping OUT's permissions; a symbolic link is written
through to its target, a device or pipe (/dev/stdout, a FIFO) is written to
directly, and "-" is standard output.
Losses and repairs are reported on standard error.

Flags:
`,
	"validate": `usage: spanmark validate [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] INPUT...

Checks each INPUT on its own and prints every problem with its location
(file:line, document, span, field), then "ok" lines for good inputs.
Exits 1 when any input has an error.

Flags:
`,
	"stats": `usage: spanmark stats [--from FORMAT] [--repair] [--schema FILE] [--map FROM=TO,...] INPUT...

Prints the number of documents, spans per label, claims with and without
a claimant, and relations per type, over all INPUTs together.

Flags:
`,
}

// errWriter keeps the first write error; later writes are dropped.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// clean escapes what a terminal would act on in text from the files (a
// zip entry's name, a brat type, a label): control characters (ESC
// sequences), bidirectional overrides, line separators and bytes that
// are not UTF-8 are printed as \x1b, \u202e, \xff.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if needsEscape(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case needsEscape(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || r == utf8.RuneError ||
		r >= 0x200e && r <= 0x200f || r >= 0x2028 && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// usageError is a command-line mistake: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		if len(rest) > 0 {
			if isTeam(rest[0]) {
				fs := teamFlags(rest[0], stdout)
				fmt.Fprint(stdout, teamHelp[rest[0]])
				fs.PrintDefaults()
				return exitOK
			}
			if rest[0] == "patterns" {
				fmt.Fprint(stdout, patternsHelp)
				fs := patternsFlags(stdout)
				fs.PrintDefaults()
				return exitOK
			}
			if isTagger(rest[0]) {
				fs := taggerFlags(rest[0], stdout)
				fmt.Fprint(stdout, taggerHelp[rest[0]])
				fs.PrintDefaults()
				return exitOK
			}
			if h, ok := commandHelp[rest[0]]; ok {
				fs := newFlags(rest[0], io.Discard)
				fmt.Fprint(stdout, h)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return exitOK
			}
		}
		fmt.Fprint(stdout, usageText)
		return exitOK
	case "convert", "validate", "stats":
	case "agree", "split", "merge":
		return runTeam(cmd, rest, stdout, stderr)
	case "patterns":
		return runPatterns(rest, stdout, stderr)
	case "learn", "suggest":
		return runTagger(cmd, rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "spanmark: unknown command %q\n\n%s", cmd, usageText)
		return exitUsage
	}
	o, err := parse(cmd, rest, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark %s: %v\nRun \"spanmark help %s\" for usage.\n", cmd, err, cmd)
		return exitUsage
	}
	var code int
	// a write to standard output that fails (a full disk, /dev/full, a
	// closed pipe) fails the command: its output is not all there
	out := &errWriter{w: stdout}
	switch cmd {
	case "convert":
		code, err = convert(o, out, stderr)
	case "validate":
		code, err = validate(o, out, stderr)
	case "stats":
		code, err = stats(o, out, stderr)
	}
	if out.err != nil && err == nil {
		fmt.Fprintf(stderr, "spanmark %s: cannot write to standard output: %v\n", cmd, cause(out.err))
		return exitInvalid
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "spanmark %s: %v\n", cmd, clean(err.Error()))
			return exitUsage
		}
		printErr(stderr, err)
		return exitInvalid
	}
	return code
}

type options struct {
	to, from, out, schema string
	repair                bool
	offsets               formats.Unit // doccano's offset unit, both ways
	form                  string       // JSONL export: ner or spans
	labelMap              map[string]string
	autoMap               bool // --map auto: the proposed mappings too
	inputs                []string
	asSuggestions         bool // convert: spans become suggestions
}

func newFlags(cmd string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("spanmark "+cmd, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.String("from", "", "input `FORMAT` (default: guessed from the files)")
	fs.Bool("repair", false, "move spans whose stored text is found nearby, reporting each move")
	fs.String("schema", "", "schema to check against: a spanmark project `FILE` or a schema JSON file; a value outside one of its enums is an error (default: the built-in news schema, whose enums an import extends)")
	fs.String("offsets", "", "doccano offsets count `UNIT`: utf16 (default, as doccano's view), codepoint or grapheme")
	fs.String("map", "", "map the file's labels to the schema's: `FROM=TO,...` (e.g. Person=PERSON,Org=ORG); FROM= keeps FROM a label of its own; \"auto\" among them maps every other label that differs from a schema label only in case, punctuation or a known synonym (ORGANIZATION to ORG)")
	if cmd == "convert" {
		fs.Bool("as-suggestions", false, "import the inputs' spans as suggestions (source \"import\": another tool's predictions to accept or reject in the page), not as annotations, with the scores the file gives (Label Studio predictions: a task's predictions, each region's score or its prediction's); relations are dropped")
		fs.String("to", "", "output `FORMAT` (required)")
		fs.String("o", "", "write to `OUT` (a file; a folder for brat) instead of standard output")
		fs.String("form", "", "JSONL output `FORM`: ner (default: entities without overlaps, for spaCy's doc.ents) or spans (every span, for doc.spans and spans.manual)")
	}
	return fs
}

// parse reads flags anywhere among the inputs ("convert in.json --to
// jsonl" works too); "--" ends the flags.
func parse(cmd string, args []string, stdout, stderr io.Writer) (*options, error) {
	fs := newFlags(cmd, stderr)
	fs.Usage = func() {
		fmt.Fprint(stdout, commandHelp[cmd])
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errors.New(strings.TrimPrefix(err.Error(), "flag provided but not defined: "))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			inputs = append(inputs, rest[1:]...)
			break
		}
		inputs = append(inputs, rest[0])
		args = rest[1:]
	}
	get := func(name string) string {
		if f := fs.Lookup(name); f != nil {
			return f.Value.String()
		}
		return ""
	}
	o := &options{to: get("to"), from: get("from"), out: get("o"), schema: get("schema"), repair: get("repair") == "true", form: get("form"), inputs: inputs, asSuggestions: get("as-suggestions") == "true"}
	if len(inputs) == 0 {
		return nil, errors.New("no INPUT given")
	}
	u, err := formats.ParseUnit(get("offsets"))
	if err != nil {
		return nil, errors.New(err.(*annotate.Error).Msg)
	}
	o.offsets = u
	if o.labelMap, o.autoMap, err = formats.ParseLabelMap(get("map")); err != nil {
		return nil, errors.New("--map: " + err.(*annotate.Error).Msg)
	}
	if o.form != "" && o.form != "ner" && o.form != "spans" {
		return nil, fmt.Errorf("unknown --form %q; use ner or spans", o.form)
	}
	for _, name := range []string{o.to, o.from} {
		if name != "" {
			if _, err := formats.Get(name); err != nil {
				return nil, errors.New(err.(*annotate.Error).Msg)
			}
		}
	}
	if cmd == "convert" {
		if o.to == "" {
			return nil, errors.New("--to FORMAT is required")
		}
		if o.to == "brat" && (o.out == "" || o.out == "-") {
			return nil, errors.New("brat output is a folder of .txt/.ann pairs: give -o FOLDER")
		}
	}
	return o, nil
}

// readInputs reads the named files and folders. A brat .ann brings its
// .txt, annotation.conf and visual.conf beside it; a folder brings every
// visible regular file in it (not recursive), and symbolic links to regular
// files. "-" is standard input.
//
// Nothing is read before it is known to fit (see annotate's limits): a
// regular file's size is checked first (a project file's first bytes say
// it may be larger), a pipe is read through a reader that stops one byte
// past the limit, and a device (/dev/zero) is refused; the files of one
// import together may not pass annotate.MaxImportSize.
func readInputs(paths []string) ([]formats.File, error) {
	var files []formats.File
	seen := map[string]bool{}
	var budget int64 = annotate.MaxImportSize
	addFile := func(p string) error {
		if seen[p] {
			return nil
		}
		seen[p] = true
		b, err := readCapped(p, "", &budget)
		if err != nil {
			return err
		}
		files = append(files, formats.File{Name: filepath.ToSlash(p), Data: b})
		return nil
	}
	for _, p := range paths {
		if p == "-" {
			if err := addFile(p); err != nil {
				return nil, err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError{fmt.Sprintf("cannot read %s: %s", p, describeStatErr(err))}
		}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, usageError{fmt.Sprintf("cannot read folder %s: %v", p, cause(err))}
			}
			n := 0
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					continue
				}
				full := filepath.Join(p, e.Name())
				if !e.Type().IsRegular() {
					// a symbolic link to a file counts as the file
					if st, err := os.Stat(full); e.Type()&fs.ModeSymlink == 0 || err != nil || !st.Mode().IsRegular() {
						continue
					}
				}
				if err := addFile(full); err != nil {
					return nil, err
				}
				n++
			}
			if n == 0 {
				return nil, usageError{fmt.Sprintf("folder %s has no files", p)}
			}
			continue
		}
		if err := addFile(p); err != nil {
			return nil, err
		}
		if strings.EqualFold(filepath.Ext(p), ".ann") {
			// its text, and the annotation.conf and visual.conf beside
			// it (brat names back to spanmark's, layers, colours)
			dir := filepath.Dir(p)
			for _, side := range []string{strings.TrimSuffix(p, filepath.Ext(p)) + ".txt", filepath.Join(dir, "annotation.conf"), filepath.Join(dir, "visual.conf")} {
				if _, err := os.Stat(side); err == nil {
					if err := addFile(side); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return files, nil
}

func describeStatErr(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	return cause(err).Error()
}

// readCapped reads the file p ("-": standard input) if it fits the size
// limits, taking its size from *budget. what names it in messages ("the
// schema "), if not only by its path.
func readCapped(p, what string, budget *int64) ([]byte, error) {
	name := filepath.ToSlash(p)
	var f *os.File
	if p == "-" {
		f = os.Stdin
	} else {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError{fmt.Sprintf("cannot read %s%s: %s", what, p, describeStatErr(err))}
		}
		switch m := st.Mode(); {
		case m.IsDir():
			return nil, usageError{fmt.Sprintf("cannot read %s%s: it is a folder", what, p)}
		case m.IsRegular():
			if err := checkSize(p, name, st.Size(), *budget); err != nil {
				return nil, err
			}
		case m&fs.ModeNamedPipe != 0:
			// a pipe (<(cmd), /dev/stdin): its size is known once read
		default:
			return nil, usageError{fmt.Sprintf("cannot read %s%s: it is a device or socket, not a file; give a file, or - for standard input", what, p)}
		}
		f, err = os.Open(p)
		if err != nil {
			return nil, usageError{fmt.Sprintf("cannot read %s%s: %v", what, p, cause(err))}
		}
		defer f.Close()
	}
	// the first bytes say which limit applies (a project file's is
	// larger); then at most one byte past it is read
	head := make([]byte, 64)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	var b []byte
	limit := min(*budget, annotate.SizeLimit(head))
	if err == nil {
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		b = append(head, rest...)
	} else if err == io.EOF || err == io.ErrUnexpectedEOF {
		b, err = head, nil
	}
	if err != nil {
		return nil, usageError{fmt.Sprintf("cannot read %s%s: %v", what, p, cause(err))}
	}
	// a file may have grown since its size was checked, and a pipe's size
	// is only known now
	if int64(len(b)) > limit {
		if limit < annotate.SizeLimit(head) {
			return nil, importTooBig()
		}
		return nil, annotate.CheckSizeUpTo(name, int64(len(b)), limit)
	}
	*budget -= int64(len(b))
	return b, nil
}

// checkSize refuses a regular file of size bytes that is over its limit:
// MaxFileSize unless its first bytes say it is a project file.
func checkSize(p, name string, size, budget int64) error {
	if size > annotate.MaxFileSize {
		head := make([]byte, 64)
		if f, err := os.Open(p); err == nil {
			n, _ := io.ReadFull(f, head)
			head = head[:n]
			f.Close()
		}
		if err := annotate.CheckSizeUpTo(name, size, annotate.SizeLimit(head)); err != nil {
			return err
		}
	}
	if size > budget {
		return importTooBig()
	}
	return nil
}

func importTooBig() error {
	return &annotate.Error{Code: annotate.CodeBadArgument, Msg: "the inputs are over " + annotate.SizeString(annotate.MaxImportSize) +
		" together; one command reads at most that: give fewer at a time"}
}

func loadSchema(path string) (*annotate.Schema, error) {
	if path == "" {
		return nil, nil
	}
	var budget int64 = annotate.MaxProjectSize
	b, err := readCapped(path, "the schema ", &budget)
	if err != nil {
		return nil, err
	}
	if p, err := annotate.Load(b, path); err == nil {
		return p.Schema, nil
	}
	var s annotate.Schema
	if err := jsonUnmarshalStrict(b, &s); err != nil {
		return nil, &annotate.Error{Code: annotate.CodeBadSchema, File: path, Msg: "neither a spanmark project nor a schema: " + err.Error()}
	}
	if es := s.Validate(); len(es) > 0 {
		for _, e := range es {
			e.File = path
		}
		return nil, es
	}
	return &s, nil
}

// importAll reads inputs and imports them as one project.
func importAll(o *options, inputs []string) (*annotate.Project, formats.Report, error) {
	files, err := readInputs(inputs)
	if err != nil {
		return nil, nil, err
	}
	schema, err := loadSchema(o.schema)
	if err != nil {
		return nil, nil, err
	}
	// formats.Read is the page's import path too: .zip archives, and the
	// empty / binary / non-UTF-8 / oversized checks, apply to both.
	_, p, rep, err := formats.Read(files, o.from, formats.ImportOptions{Repair: o.repair, Schema: schema, StrictSchema: schema != nil, Offsets: o.offsets,
		LabelMap: o.labelMap, AutoMap: o.autoMap, AsSuggestions: o.asSuggestions})
	return p, rep, err
}

func printReport(w io.Writer, rep formats.Report) {
	for _, l := range rep {
		fmt.Fprintln(w, "spanmark: note:", clean(l))
	}
}

// printErr lists every problem, one per line.
func printErr(w io.Writer, err error) {
	var es annotate.Errors
	var e *annotate.Error
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			fmt.Fprintln(w, "error:", clean(e.Error()))
		}
		if len(es) > 1 {
			fmt.Fprintf(w, "%s problems\n", num(len(es)))
		}
	case errors.As(err, &e):
		fmt.Fprintln(w, "error:", clean(e.Error()))
	default:
		fmt.Fprintln(w, "error:", clean(err.Error()))
	}
}

func convert(o *options, stdout, stderr io.Writer) (int, error) {
	p, rep, err := importAll(o, o.inputs)
	printReport(stderr, rep)
	if err != nil {
		return exitInvalid, err
	}
	if o.asSuggestions {
		// read as suggestions (formats.ImportOptions.AsSuggestions), with
		// the scores the file gives
		n := 0
		for _, d := range p.Documents() {
			n += d.NumSuggestions()
		}
		fmt.Fprintf(stderr, "note: %s spans imported as suggestions (source import)\n", num(n))
	}
	to, _ := formats.Get(o.to)
	out, rep, err := to.Export(p, formats.ExportOptions{Offsets: o.offsets, Form: o.form})
	printReport(stderr, rep)
	if err == nil {
		err = formats.CheckExport(o.to, out)
	}
	if err != nil {
		return exitInvalid, err
	}
	switch {
	case o.out == "" && len(out) == 1:
		_, err = stdout.Write(out[0].Data)
	case o.out == "":
		return exitUsage, usageError{o.to + " writes several files: give -o FOLDER"}
	case o.to == "brat" || len(out) > 1:
		err = writeDirAtomic(o.out, out)
	default:
		err = writeOutput(o.out, out[0].Data, stdout)
	}
	if err != nil {
		return exitInvalid, err
	}
	return exitOK, nil
}

func validate(o *options, stdout, stderr io.Writer) (int, error) {
	code := exitOK
	for _, in := range o.inputs {
		p, rep, err := importAll(o, []string{in})
		for _, l := range rep {
			fmt.Fprintf(stdout, "note: %s\n", clean(l))
		}
		if err != nil {
			var ue usageError
			if errors.As(err, &ue) {
				return exitUsage, err
			}
			printErr(stdout, err)
			code = exitInvalid
			continue
		}
		spans := 0
		for _, d := range p.Documents() {
			spans += d.NumSpans()
		}
		fmt.Fprintf(stdout, "ok: %s (%s documents, %s spans)\n", clean(in), num(len(p.Documents())), num(spans))
	}
	return code, nil
}

func stats(o *options, stdout, stderr io.Writer) (int, error) {
	p, rep, err := importAll(o, o.inputs)
	printReport(stderr, rep)
	if err != nil {
		return exitInvalid, err
	}
	labels := map[string]int{}
	relTypes := map[string]int{}
	docs, spans, rels, withClaimant, without := 0, 0, 0, 0, 0
	for _, d := range p.Documents() {
		docs++
		for l, n := range d.Counts() {
			labels[l] += n
			spans += n
		}
		for _, r := range d.Relations() {
			relTypes[r.Type]++
			rels++
		}
		for _, c := range d.Claims() {
			if len(c.Claimants) > 0 {
				withClaimant++
			} else {
				without++
			}
		}
	}
	fmt.Fprintf(stdout, "documents  %s\nspans      %s\n", num(docs), num(spans))
	// schema order first (how the page lists labels), then any others
	order := []string{}
	for _, l := range p.Schema.Labels {
		order = append(order, l.Name)
	}
	for l := range labels {
		if !slices.Contains(order, l) {
			order = append(order, l)
		}
	}
	for _, l := range order {
		if labels[l] > 0 {
			fmt.Fprintf(stdout, "  %-12s %s\n", clean(l), num(labels[l]))
		}
	}
	fmt.Fprintf(stdout, "claims     %s (%s with a claimant, %s without)\n", num(withClaimant+without), num(withClaimant), num(without))
	fmt.Fprintf(stdout, "relations  %s\n", num(rels))
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for k := range relTypes {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(stdout, "  %-12s %s\n", clean(r), num(relTypes[r]))
	}
	return exitOK, nil
}

// num writes a count for the human output: 10,003 (annotate.Count, as
// the core's messages and the page write counts).
func num(n int) string { return annotate.Count(n) }
