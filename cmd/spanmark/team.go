package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
	"github.com/spanmark/spanmark/annotate/team"
)

// The team commands: split a corpus among annotators, measure how far
// their works agree, merge them into a gold project (package team).

var teamHelp = map[string]string{
	"agree": `usage: spanmark agree [--from FORMAT] [--labels L1,L2] [--json] WORK WORK [WORK...]

Measures how far annotators agree. Each WORK is one annotator's work: a
spanmark project file, a file in any supported format, or a brat folder.
The annotator is the name recorded in the work, else the file's or
folder's base name. Documents are matched by id and must have identical
texts; only documents in two works or more are compared.

Prints instance F1 and overlap F1 (mean and sd over annotator pairs),
token-level kappa (Cohen's for two works, Fleiss' for more), Krippendorff's
alpha_u, agreement on claims, and where the works differ. Exits 1 when
there is nothing to compare.

Flags:
`,
	"split": `usage: spanmark split --annotators A,B,C [--overlap 0.2] [--per-doc 2] [--seed N] CORPUS... -o DIR

Writes one project file per annotator (DIR/A.json, ...), each document's
annotator recorded: every document goes to at least one annotator; a
share --overlap of the documents goes to --per-doc annotators, so that
their agreement can be measured; the load (in documents, then in
characters) is balanced; the same seed gives the same split. A summary
says who has what.

Flags:
`,
	"merge": `usage: spanmark merge [--min-votes N] [--from FORMAT] WORK... -o GOLD

Writes a gold project with the spans that at least N of a document's
annotators made exactly (label and fragments; default: a majority of
those who have the document), with their attributes (by vote) and the
relations between them (a relation follows its two spans, whoever made
it); the spans short of N are listed with who made them and each one's
relations, for adjudication ("undecided"): taking an annotator's version
in the page's Compare… brings that annotator's relations along.

Flags:
`,
}

func isTeam(cmd string) bool { return teamHelp[cmd] != "" }

func teamFlags(cmd string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("spanmark "+cmd, flag.ContinueOnError)
	fs.SetOutput(out)
	switch cmd {
	case "agree":
		fs.String("from", "", "input `FORMAT` of the works (default: guessed from each)")
		fs.String("labels", "", "compare only these `LABELS` (comma-separated)")
		fs.Bool("json", false, "print one JSON object instead of the table")
	case "split":
		fs.String("annotators", "", "the annotators' `NAMES`, comma-separated (required)")
		fs.Float64("overlap", 0.2, "the `SHARE` of documents given to several annotators (0 to 1)")
		fs.Int("per-doc", 2, "how many annotators `N` an overlap document goes to")
		fs.Int64("seed", 1, "the `SEED` of the split")
		fs.String("from", "", "input `FORMAT` of the corpus (default: guessed)")
		fs.String("o", "", "the `DIR` to write the projects into (required; created, or empty)")
	case "merge":
		fs.Int("min-votes", 0, "a span is accepted when `N` annotators made it (default: a majority of a document's annotators)")
		fs.String("from", "", "input `FORMAT` of the works (default: guessed from each)")
		fs.String("o", "", "the gold project `FILE` to write (required)")
	}
	return fs
}

// runTeam parses a team command's flags (anywhere among its arguments)
// and runs it.
func runTeam(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := teamFlags(cmd, stderr)
	inputs, code, ok := parseAnywhere(cmd, fs, teamHelp[cmd], args, stdout, stderr)
	if !ok {
		return code
	}
	get := func(name string) string { return fs.Lookup(name).Value.String() }
	if from := get("from"); from != "" {
		if _, err := formats.Get(from); err != nil {
			return usage(cmd, stderr, err.(*annotate.Error).Msg)
		}
	}
	code = 0
	var err error
	switch cmd {
	case "agree":
		code, err = agree(get("from"), get("labels"), get("json") == "true", inputs, stdout, stderr)
	case "split":
		code, err = split(fs, inputs, stdout, stderr)
	case "merge":
		code, err = merge(fs, inputs, stdout, stderr)
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return usage(cmd, stderr, ue.msg)
		}
		printErr(stderr, err)
		return exitInvalid
	}
	return code
}

func usage(cmd string, stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "spanmark %s: %s\nRun \"spanmark help %s\" for usage.\n", cmd, msg, cmd)
	return exitUsage
}

// readWork reads one annotator's work: a spanmark project file is read one
// document at a time (so comparing 10,000 documents holds one of each
// work at once); any other format, or a brat folder, is imported whole.
func readWork(from, path string) (*team.Work, error) {
	files, err := readInputs([]string{path})
	if err != nil {
		return nil, err
	}
	name := filepath.ToSlash(path)
	if len(files) == 1 && (from == "spanmark" || from == "" && isProjectFile(files[0])) {
		if err := formats.CheckFile(formats.File(files[0])); err != nil {
			return nil, err
		}
		x, err := annotate.ReadIndex(files[0].Data, files[0].Name)
		if err != nil {
			return nil, err
		}
		return team.IndexWork(name, x), nil
	}
	_, p, rep, err := formats.Read(files, from, formats.ImportOptions{})
	if err != nil {
		return nil, err
	}
	_ = rep // what an import could not keep is no matter for comparing
	return team.ProjectWork(name, p), nil
}

// isProjectFile tells a spanmark project file by its first field, as
// spanmark writes it ({"format": "spanmark", …), without decoding the
// file (formats.Guess decodes a whole .json: seconds for 100 MB). Any
// other file goes through formats.Read, which guesses as usual.
func isProjectFile(f formats.File) bool {
	head := f.Data[:min(len(f.Data), 256)]
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	if !bytes.HasPrefix(head, []byte(`"format"`)) {
		return false
	}
	head = bytes.TrimLeft(head[len(`"format"`):], " \t\r\n")
	if len(head) == 0 || head[0] != ':' {
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeft(head[1:], " \t\r\n"), []byte(`"spanmark"`))
}

func readWorks(from string, paths []string) ([]*team.Work, error) {
	if len(paths) < 2 {
		return nil, usageError{fmt.Sprintf("give two works or more, one per annotator (got %s)", num(len(paths)))}
	}
	works := make([]*team.Work, len(paths))
	for i, p := range paths {
		w, err := readWork(from, p)
		if err != nil {
			return nil, err
		}
		works[i] = w
	}
	if err := team.Resolve(works); err != nil {
		return nil, err
	}
	return works, nil
}

func agree(from, labels string, asJSON bool, paths []string, stdout, stderr io.Writer) (int, error) {
	works, err := readWorks(from, paths)
	if err != nil {
		return exitInvalid, err
	}
	var filter []string
	if labels != "" {
		for _, l := range strings.Split(labels, ",") {
			if l = strings.TrimSpace(l); l != "" {
				filter = append(filter, l)
			}
		}
	}
	names := make([]string, len(works))
	for i, w := range works {
		names[i] = w.Annotator
	}
	a := team.NewAgreement(names, filter)
	st, err := team.Each(works, func(id string, vs []team.Version) error {
		a.Add(id, vs)
		return nil
	})
	if err != nil {
		return exitInvalid, err
	}
	a.SetStats(st)
	r := a.Report()
	for _, n := range r.SchemaNotes {
		fmt.Fprintln(stderr, "spanmark: note:", n)
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(stderr, "spanmark: note: %s compared documents are in some works only (e.g. %s); each counts with the annotators who have it\n", num(len(r.Missing)), r.Missing[0])
	}
	if r.Documents == 0 {
		fmt.Fprintf(stderr, "spanmark agree: nothing to compare: no document is in two works (%s documents in one work only)\n", num(r.Single))
		return exitInvalid, nil
	}
	if asJSON {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return exitInvalid, err
		}
		stdout.Write(append(b, '\n'))
		return exitOK, nil
	}
	writeAgreement(stdout, r)
	return exitOK, nil
}

func f3(p *float64) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f", *p)
}

func writeAgreement(w io.Writer, r *team.Report) {
	fmt.Fprintf(w, "annotators  %s\n", strings.Join(r.Annotators, ", "))
	fmt.Fprintf(w, "documents   %s compared (in two works or more), %s in one work only\n\n", num(r.Documents), num(r.Single))
	fmt.Fprintf(w, "%-18s %7s %7s\n", "", "mean", "sd")
	fmt.Fprintf(w, "%-18s %7s %7s   over %s annotator pairs\n", "instance F1", f3(r.F1.Mean), f3(r.F1.SD), num(r.F1.Pairs))
	fmt.Fprintf(w, "%-18s %7s %7s\n", "overlap F1", f3(r.F1Overlap.Mean), f3(r.F1Overlap.SD))
	fmt.Fprintf(w, "%-18s %7s %7s   %s, %s tokens\n", "token kappa", f3(r.Kappa.Value), "", r.Kappa.Measure, num(r.Kappa.Tokens))
	fmt.Fprintf(w, "%-18s %7s\n\n", "alpha_u", f3(r.AlphaU.Value))

	fmt.Fprintf(w, "%-18s %7s %7s %7s %7s\n", "per label", "F1", "overlap", "kappa", "alpha_u")
	for _, l := range r.Labels {
		k := "–"
		if v, ok := r.Kappa.Labels[l]; ok {
			k = f3(v)
		}
		fmt.Fprintf(w, "  %-16s %7s %7s %7s %7s\n", l, f3(r.F1.Labels[l].Mean), f3(r.F1Overlap.Labels[l].Mean), k, f3(r.AlphaU.Labels[l]))
	}
	fmt.Fprintf(w, "\n%-18s %7s %7s %s\n", "per pair", "F1", "overlap", "  documents")
	for i, p := range r.F1.ByPair {
		fmt.Fprintf(w, "  %-16s %7s %7s   %s\n", p.A+" – "+p.B, f3(p.Value), f3(r.F1Overlap.ByPair[i].Value), num(p.Documents))
	}
	if c := r.Claims; c.Matched > 0 {
		fmt.Fprintf(w, "\nclaims marked identically: %s; nominal alpha (claims all agree on):\n", num(c.Matched))
		fmt.Fprintf(w, "  %-16s %7s   (%s)\n", "claimant", f3(c.Claimant.Alpha), num(c.Claimant.Agreed))
		fmt.Fprintf(w, "  %-16s %7s   (%s)\n", "cue", f3(c.Cue.Alpha), num(c.Cue.Agreed))
		for _, name := range sortedKeys(c.Attributes) {
			fmt.Fprintf(w, "  %-16s %7s   (%s)\n", name, f3(c.Attributes[name].Alpha), num(c.Attributes[name].Agreed))
		}
	}
	if len(r.Confusion) > 0 {
		fmt.Fprintf(w, "\nlabels at identical fragments (rows: the first work of a pair)\n")
		var cols []string
		for _, row := range r.Confusion {
			for l := range row {
				if !slices.Contains(cols, l) {
					cols = append(cols, l)
				}
			}
		}
		sort.Strings(cols)
		fmt.Fprintf(w, "  %-16s", "")
		for _, c := range cols {
			fmt.Fprintf(w, " %8.8s", c)
		}
		fmt.Fprintln(w)
		for _, l := range sortedKeys(r.Confusion) {
			fmt.Fprintf(w, "  %-16s", l)
			for _, c := range cols {
				fmt.Fprintf(w, " %8s", num(r.Confusion[l][c]))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\nboundary-only disagreements: %s spans\n", num(r.BoundaryOnly))
	if len(r.Texts) > 0 {
		fmt.Fprintf(w, "most often in a disagreement:")
		for i, t := range r.Texts {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, " %q ×%s", t.Text, num(t.Count))
		}
		fmt.Fprintln(w)
	}
	// the documents that agree least
	type df struct {
		id string
		v  float64
	}
	var low []df
	for id, f := range r.F1.Documents {
		if f.Mean != nil && *f.Mean < 1 {
			low = append(low, df{id, *f.Mean})
		}
	}
	sort.Slice(low, func(i, j int) bool {
		if low[i].v != low[j].v {
			return low[i].v < low[j].v
		}
		return low[i].id < low[j].id
	})
	if len(low) > 0 {
		fmt.Fprintf(w, "lowest F1 by document:")
		for i, d := range low[:min(10, len(low))] {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, " %s %.3f", d.id, d.v)
		}
		fmt.Fprintln(w)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func split(fs *flag.FlagSet, inputs []string, stdout, stderr io.Writer) (int, error) {
	get := func(name string) string { return fs.Lookup(name).Value.String() }
	out := get("o")
	if out == "" {
		return exitUsage, usageError{"give -o DIR, the folder to write the annotators' projects into"}
	}
	if len(inputs) == 0 {
		return exitUsage, usageError{"no CORPUS given"}
	}
	var names []string
	for _, a := range strings.Split(get("annotators"), ",") {
		if a = strings.TrimSpace(a); a != "" {
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return exitUsage, usageError{"--annotators NAMES is required, e.g. --annotators ana,ben,chen"}
	}
	var o team.SplitOptions
	o.Annotators = names
	fmt.Sscan(get("overlap"), &o.Overlap)
	fmt.Sscan(get("per-doc"), &o.PerDoc)
	fmt.Sscan(get("seed"), &o.Seed)
	p, rep, err := importAll(&options{from: get("from")}, inputs)
	printReport(stderr, rep)
	if err != nil {
		return exitInvalid, err
	}
	projects, as, err := team.SplitProject(p, o)
	if err != nil {
		var e *annotate.Error
		if errors.As(err, &e) && e.Code == annotate.CodeBadArgument {
			return exitUsage, usageError{e.Msg}
		}
		return exitInvalid, err
	}
	var files []formats.File
	for _, a := range names {
		b, err := projects[a].Bytes()
		if err != nil {
			return exitInvalid, err
		}
		files = append(files, formats.File{Name: a + ".json", Data: b})
	}
	if err := writeDirAtomic(out, files); err != nil {
		return exitInvalid, err
	}
	n := len(p.Documents())
	fmt.Fprintf(stdout, "%s documents: %s to %s annotators each (overlap %.0f%%), %s to one\n", num(n), num(as.Shared), num(o.PerDoc), 100*float64(as.Shared)/float64(max(n, 1)), num(n-as.Shared))
	for _, a := range names {
		fmt.Fprintf(stdout, "  %-12s %5s documents (%s shared) %9s characters  %s\n", a, num(as.NumDocs[a]), num(as.SharedOf[a]), num(as.Chars[a]), filepath.Join(out, a+".json"))
	}
	if len(as.Pairs) > 0 {
		fmt.Fprintf(stdout, "shared:")
		for i, k := range sortedKeys(as.Pairs) {
			if i > 0 {
				fmt.Fprint(stdout, ",")
			}
			fmt.Fprintf(stdout, " %s %s", k, num(as.Pairs[k]))
		}
		fmt.Fprintln(stdout)
	}
	return exitOK, nil
}

func merge(fs *flag.FlagSet, inputs []string, stdout, stderr io.Writer) (int, error) {
	get := func(name string) string { return fs.Lookup(name).Value.String() }
	out := get("o")
	if out == "" {
		return exitUsage, usageError{"give -o GOLD, the project file to write"}
	}
	var minVotes int
	fmt.Sscan(get("min-votes"), &minVotes)
	works, err := readWorks(get("from"), inputs)
	if err != nil {
		return exitInvalid, err
	}
	schema, notes, err := team.UnionSchema(works)
	if err != nil {
		return exitInvalid, err
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, "spanmark: note:", n)
	}
	gold, st, err := team.Merge(works, schema, minVotes)
	if err != nil {
		var e *annotate.Error
		if errors.As(err, &e) && e.Code == annotate.CodeBadArgument {
			return exitUsage, usageError{e.Msg}
		}
		return exitInvalid, err
	}
	b, err := gold.Bytes()
	if err != nil {
		return exitInvalid, err
	}
	if err := writeOutput(out, b, stdout); err != nil {
		return exitInvalid, err
	}
	votes := "a majority of each document's annotators"
	if minVotes > 0 {
		votes = fmt.Sprintf("%s annotators", num(minVotes))
	}
	fmt.Fprintf(stdout, "%s: %s documents; %s spans accepted (made by %s), %s relations with them (%s made by fewer); %s spans undecided in %s documents; %s relations kept on undecided spans or refused\n",
		out, num(st.Documents), num(st.Accepted), votes, num(st.Relations), num(st.Minority), num(st.Undecided), num(st.UndecidedDocs), num(st.Dropped))
	return exitOK, nil
}

// parseAnywhere parses fs with its flags anywhere among args (as convert
// reads them), returning the other arguments; ok is false when the
// command must end with code (help shown, or a usage error reported).
func parseAnywhere(cmd string, fs *flag.FlagSet, help string, args []string, stdout, stderr io.Writer) (inputs []string, code int, ok bool) {
	fs.Usage = func() {
		fmt.Fprint(stdout, help)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, usage(cmd, stderr, strings.TrimPrefix(err.Error(), "flag provided but not defined: ")), false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return inputs, 0, true
		}
		if rest[0] == "--" {
			return append(inputs, rest[1:]...), 0, true
		}
		inputs = append(inputs, rest[0])
		args = rest[1:]
	}
}
