package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
	"github.com/spanmark/spanmark/annotate/tagger"
)

// The tagger commands: learn a model from annotated documents, suggest
// entities with it (package annotate/tagger, the page's tagger too).

var taggerHelp = map[string]string{
	"learn": `usage: spanmark learn [--from FORMAT] [--labels L1,L2] [--seed N] [--epochs N] TRAIN... -o MODEL

Trains the entity tagger (an averaged perceptron over the project
tokenizer's tokens) on the entity-layer spans of every TRAIN file and
writes the model to MODEL, a binary file that the same data and seed
always write byte for byte the same. Spans of several fragments, and
spans that overlap an earlier one, are left out and counted. Fewer than
` + strconv.Itoa(tagger.MinSpans) + ` spans is too little to train on (exit 1).

Flags:
`,
	"suggest": `usage: spanmark suggest --model MODEL [--from FORMAT] [--to FORMAT] [--min-score S] [-o OUT] INPUT...

Reads every INPUT, replaces its spans of the labels the model knows with
the model's predictions (other spans are kept; a prediction that would
cross a kept span is left out and counted) and writes the documents in
--to FORMAT (default: the input's format) to OUT or standard output, as
convert does: "suggest --to conll" gives a file to score against gold.
A label the schema lacks is added to it (entity layer), with a note.

Flags:
`,
}

func isTagger(cmd string) bool { return taggerHelp[cmd] != "" }

func taggerFlags(cmd string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("spanmark "+cmd, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.String("from", "", "input `FORMAT` (default: guessed from the files)")
	switch cmd {
	case "learn":
		fs.String("labels", "", "train on these entity `LABELS` only (comma-separated; default: every entity label)")
		fs.Uint64("seed", 0, "the `SEED` that orders the training data")
		fs.Int("epochs", tagger.DefaultEpochs, "training passes `N` over the data")
		fs.String("o", "", "the model `FILE` to write (required)")
	case "suggest":
		fs.String("model", "", "the model `FILE` made by spanmark learn (required)")
		fs.String("to", "", "output `FORMAT` (default: the input's)")
		fs.Float64("min-score", 0, "keep only predictions the model scores at least `S` (0 to 1; a cross-validation's threshold, as the page's \"Suggest when score ≥\"); 0 keeps all, for scoring against gold")
		fs.String("o", "", "write to `OUT` (a file; a folder for brat) instead of standard output")
	}
	return fs
}

// runTagger parses a tagger command's flags (anywhere among its
// arguments, as convert) and runs it.
func runTagger(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := taggerFlags(cmd, stderr)
	inputs, code, ok := parseAnywhere(cmd, fs, taggerHelp[cmd], args, stdout, stderr)
	if !ok {
		return code
	}
	get := func(name string) string { return fs.Lookup(name).Value.String() }
	for _, f := range []string{"from", "to"} {
		if fs.Lookup(f) == nil || get(f) == "" {
			continue
		}
		if _, err := formats.Get(get(f)); err != nil {
			return usage(cmd, stderr, err.(*annotate.Error).Msg)
		}
	}
	if len(inputs) == 0 {
		return usage(cmd, stderr, "no INPUT given")
	}
	out := &errWriter{w: stdout}
	code = 0
	var err error
	switch cmd {
	case "learn":
		if get("o") == "" {
			return usage(cmd, stderr, "-o MODEL is required (the model file to write)")
		}
		epochs, _ := strconv.Atoi(get("epochs"))
		seed, _ := strconv.ParseUint(get("seed"), 10, 64)
		if epochs < 1 {
			return usage(cmd, stderr, "--epochs must be 1 or more")
		}
		code, err = learn(get("from"), get("labels"), seed, epochs, get("o"), inputs, out, stderr)
	case "suggest":
		if get("model") == "" {
			return usage(cmd, stderr, "--model MODEL is required (a file made by spanmark learn)")
		}
		if get("to") == "brat" && (get("o") == "" || get("o") == "-") {
			return usage(cmd, stderr, "brat output is a folder of .txt/.ann pairs: give -o FOLDER")
		}
		minScore, _ := strconv.ParseFloat(get("min-score"), 64)
		if !(minScore >= 0 && minScore <= 1) {
			return usage(cmd, stderr, "--min-score must be from 0 to 1")
		}
		code, err = suggest(get("from"), get("to"), get("model"), get("o"), minScore, inputs, out, stderr)
	}
	if out.err != nil && err == nil {
		fmt.Fprintf(stderr, "spanmark %s: cannot write to standard output: %v\n", cmd, cause(out.err))
		return exitInvalid
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return usage(cmd, stderr, clean(ue.msg))
		}
		printErr(stderr, err)
		return exitInvalid
	}
	return code
}

// trainingDocs turns a project's documents into the tagger's: their
// entity-layer spans of one fragment (of labels, when given), as the
// core chooses them (Project.EntityTrainingDocs, which the page uses too).
func trainingDocs(p *annotate.Project, labels []string) (docs []tagger.Doc, multi int) {
	tds, multi := p.EntityTrainingDocs(labels)
	return tagger.FromTraining(tds, true), multi
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func learn(from, labels string, seed uint64, epochs int, outPath string, inputs []string, stdout, stderr io.Writer) (int, error) {
	p, rep, err := importAll(&options{from: from}, inputs)
	printReport(stderr, rep)
	if err != nil {
		return exitInvalid, err
	}
	want := splitList(labels)
	for _, l := range want {
		if def := p.Schema.Label(l); def == nil || def.Layer != annotate.LayerEntity {
			return exitUsage, usageError{"--labels: " + strconv.Quote(l) + " is not an entity label of the inputs"}
		}
	}
	docs, multi := trainingDocs(p, want)
	m, err := tagger.Train(docs, tagger.Options{Seed: seed, Epochs: epochs})
	if err != nil {
		return exitInvalid, err
	}
	data, _ := m.MarshalBinary()
	if err := writeOutput(outPath, data, stdout); err != nil {
		return exitInvalid, err
	}
	st := m.Stats()
	if multi > 0 {
		fmt.Fprintf(stderr, "spanmark: note: %s span%s of several fragments left out\n", num(multi), plural(multi))
	}
	if st.Skipped > 0 {
		fmt.Fprintf(stderr, "spanmark: note: %s span%s left out: nested in or overlapping another, or covering no token\n", num(st.Skipped), plural(st.Skipped))
	}
	fmt.Fprintf(stderr, "spanmark learn: trained on %s spans (%s) in %s document%s, %s sentences, %s tokens; %s features; wrote %s (%s bytes)\n",
		num(st.Spans), clean(strings.Join(st.Labels, ", ")), num(st.Documents), plural(st.Documents), num(st.Sentences), num(st.Tokens), num(st.Features), clean(outPath), num(len(data)))
	return exitOK, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func suggest(from, to, modelPath, outPath string, minScore float64, inputs []string, stdout, stderr io.Writer) (int, error) {
	var budget int64 = annotate.MaxFileSize
	b, err := readCapped(modelPath, "the model ", &budget)
	if err != nil {
		return exitInvalid, err
	}
	m, err := tagger.Load(b, modelPath)
	if err != nil {
		return exitInvalid, err
	}
	files, err := readInputs(inputs)
	if err != nil {
		return exitInvalid, err
	}
	in, p, rep, err := formats.Read(files, from, formats.ImportOptions{})
	printReport(stderr, rep)
	if err != nil {
		return exitInvalid, err
	}
	if to == "" {
		to = in.Name()
	}
	var added []string
	for _, l := range m.Labels() {
		switch def := p.Schema.Label(l); {
		case def == nil:
			if _, err := p.AddLabel(annotate.LabelDef{Name: l, Layer: annotate.LayerEntity}); err != nil {
				return exitInvalid, err
			}
			added = append(added, l)
		case def.Layer != annotate.LayerEntity:
			return exitInvalid, &annotate.Error{Code: annotate.CodeUnknownLabel, File: modelPath,
				Msg: "the model predicts " + strconv.Quote(l) + ", a label of the " + string(def.Layer) + " layer in the inputs' schema, not of the entity layer"}
		}
	}
	if len(added) > 0 {
		fmt.Fprintf(stderr, "spanmark: note: labels added to the schema (entity layer): %s\n", clean(strings.Join(added, ", ")))
	}
	predicted, replaced, crossing := 0, 0, 0
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			if slices.Contains(m.Labels(), s.Label) {
				if _, err := d.RemoveSpan(s.ID); err != nil {
					return exitInvalid, err
				}
				replaced++
			}
		}
		var spans []*annotate.Span
		for _, e := range m.PredictMin(d.Text(), minScore) {
			spans = append(spans, &annotate.Span{Label: e.Label, Fragments: []annotate.Fragment{{Start: e.Start, End: e.End}}})
		}
		// (outside undo history, checked against the spans kept)
		refused := len(d.PopulateOwned(spans, nil))
		crossing += refused
		predicted += len(spans) - refused
	}
	fmt.Fprintf(stderr, "spanmark suggest: %s entities predicted in %s document%s (%s spans of %s replaced)\n",
		num(predicted), num(len(p.Documents())), plural(len(p.Documents())), num(replaced), clean(strings.Join(m.Labels(), ", ")))
	if crossing > 0 {
		fmt.Fprintf(stderr, "spanmark: note: %s prediction%s left out: they cross or duplicate a span kept\n", num(crossing), plural(crossing))
	}
	f, _ := formats.Get(to)
	out, rep, err := f.Export(p, formats.ExportOptions{})
	printReport(stderr, rep)
	if err == nil {
		err = formats.CheckExport(to, out)
	}
	if err != nil {
		return exitInvalid, err
	}
	switch {
	case (outPath == "" || outPath == "-") && len(out) == 1:
		_, err = stdout.Write(out[0].Data)
	case outPath == "" || outPath == "-":
		return exitUsage, usageError{to + " writes several files: give -o FOLDER"}
	case to == "brat" || len(out) > 1:
		err = writeDirAtomic(outPath, out)
	default:
		err = writeOutput(outPath, out[0].Data, stdout)
	}
	if err != nil {
		return exitInvalid, err
	}
	return exitOK, nil
}
