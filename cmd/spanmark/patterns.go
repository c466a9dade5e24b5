package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
	"github.com/spanmark/spanmark/annotate/patterns"
)

// spanmark patterns: a pattern file (spaCy EntityRuler / Prodigy JSONL) or
// a dictionary applied to a corpus as suggestions (package
// annotate/patterns). Written as a spanmark project (suggestions kept
// apart from the spans) or, with --accept, as spans in any format (CoNLL
// for an evaluation, say).

const patternsHelp = `usage: spanmark patterns (--patterns FILE | --dict FILE) [--from FORMAT] [--to FORMAT] [--accept] [-o OUT] INPUT...

Matches a spaCy EntityRuler / Prodigy patterns JSONL file (--patterns) or a
dictionary (--dict: "LABEL<TAB>entry" a line) over every document of the
INPUTs, with the project's tokenizer, and adds the matches as suggestions
(source "pattern"; never over a span of the label's layer; a label the
schema lacks is added). The output is a spanmark project holding them
(--to spanmark, the default). --accept turns every suggestion into a span
instead (those that would break a rule are reported and left out), for
any output format. A pattern file with a bad line is refused with the line
and key, and nothing is written.

Flags:
`

func patternsFlags(out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("spanmark patterns", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.String("patterns", "", "patterns JSONL `FILE` (spaCy EntityRuler / Prodigy)")
	fs.String("dict", "", "dictionary `FILE`: LABEL<TAB>entry a line")
	fs.String("from", "", "input `FORMAT` (default: guessed from the files)")
	fs.String("to", "spanmark", "output `FORMAT`")
	fs.Bool("accept", false, "accept every suggestion as a span")
	fs.String("o", "", "write to `OUT` instead of standard output")
	return fs
}

func runPatterns(args []string, stdout, stderr io.Writer) int {
	fs := patternsFlags(stderr)
	inputs, code, ok := parseAnywhere("patterns", fs, patternsHelp, args, stdout, stderr)
	if !ok {
		return code
	}
	get := func(n string) string { return fs.Lookup(n).Value.String() }
	usage := func(msg string) int { return usage("patterns", stderr, msg) }
	patFile, dictFile := get("patterns"), get("dict")
	if (patFile == "") == (dictFile == "") {
		return usage("give one of --patterns FILE or --dict FILE")
	}
	if len(inputs) == 0 {
		return usage("no INPUT given")
	}
	to := get("to")
	if _, err := formats.Get(to); err != nil {
		return usage(err.(*annotate.Error).Msg)
	}
	name := patFile + dictFile
	data, err := os.ReadFile(name)
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	var ps *patterns.PatternSet
	if patFile != "" {
		ps, err = patterns.ParsePatterns(data, name)
	} else {
		ps, err = patterns.ParseDictionary(data, name)
	}
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	o := &options{from: get("from"), to: to, out: get("o"), inputs: inputs}
	p, rep, err := importAll(o, inputs)
	printReport(stderr, rep)
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	set := ps.Set(p)
	res, err := p.ApplySuggestionSet(set.JSON(p))
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	for _, l := range res.NewLabels {
		fmt.Fprintf(stderr, "note: label %s added to the schema (entity layer): the patterns use it\n", clean(l))
	}
	fmt.Fprintf(stderr, "%s patterns: %s suggestions in %s documents\n", num(ps.Len()), num(res.Added), num(res.Documents))
	if get("accept") == "true" {
		skipped := 0
		for _, d := range p.Documents() {
			r := d.AcceptSuggestions(annotate.SuggestionFilter{})
			skipped += r.Skipped
		}
		if skipped > 0 {
			fmt.Fprintf(stderr, "note: %s suggestions not accepted: they would cross or duplicate a span\n", num(skipped))
		}
	}
	f, _ := formats.Get(to)
	out, rep, err := f.Export(p, formats.ExportOptions{})
	printReport(stderr, rep)
	if err == nil {
		err = formats.CheckExport(to, out)
	}
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	switch {
	case o.out == "" && len(out) == 1:
		_, err = stdout.Write(out[0].Data)
	case o.out == "":
		return usage(to + " writes several files: give -o FOLDER")
	case len(out) > 1:
		err = writeDirAtomic(o.out, out)
	default:
		err = writeOutput(o.out, out[0].Data, stdout)
	}
	if err != nil {
		printErr(stderr, err)
		return exitInvalid
	}
	return exitOK
}
