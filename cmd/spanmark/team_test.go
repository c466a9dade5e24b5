package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// split → each annotator's project → agree → merge, through the CLI.
func TestTeamCommands(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "split")
	code, stdout, errs := runCLI("split", "--annotators", "ana,ben,chen", "--overlap", "1", "--per-doc", "2", golden+"/spanmark.json", "-o", out)
	if code != 0 || !strings.Contains(stdout, "2 documents: 2 to 2 annotators each") || !strings.Contains(stdout, "ana") {
		t.Fatalf("split: exit %d\n%s%s", code, stdout, errs)
	}
	works := []string{filepath.Join(out, "ana.json"), filepath.Join(out, "ben.json"), filepath.Join(out, "chen.json")}
	for _, w := range works {
		b, err := os.ReadFile(w)
		if err != nil || !strings.Contains(string(b), `"annotator": "`+strings.TrimSuffix(filepath.Base(w), ".json")+`"`) {
			t.Fatalf("%s: %v", w, err)
		}
	}
	// ben changes a label in his copy of the first document he has
	ben, _ := os.ReadFile(works[1])
	edited := strings.Replace(string(ben), `"label": "GPE"`, `"label": "LOC"`, 1)
	os.WriteFile(works[1], []byte(edited), 0o644)

	code, stdout, errs = runCLI("agree", "--json", works[0], works[1], works[2])
	if code != 0 {
		t.Fatalf("agree: exit %d\n%s", code, errs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	f1 := r["f1"].(map[string]any)
	for _, k := range []string{"mean", "sd", "labels", "documents"} {
		if _, ok := f1[k]; !ok {
			t.Fatalf("f1 lacks %q: %v", k, f1)
		}
	}
	for _, k := range []string{"annotators", "documents", "f1_overlap", "kappa", "alpha_u", "claims", "confusion"} {
		if _, ok := r[k]; !ok {
			t.Fatalf("the report lacks %q", k)
		}
	}
	if r["kappa"].(map[string]any)["value"] == nil || r["alpha_u"].(map[string]any)["labels"] == nil {
		t.Fatalf("kappa / alpha_u: %v %v", r["kappa"], r["alpha_u"])
	}
	if conf := r["confusion"].(map[string]any); conf["GPE"].(map[string]any)["LOC"] == nil && conf["LOC"].(map[string]any)["GPE"] == nil {
		t.Fatalf("ben's relabel is not in the confusion table: %v", conf)
	}
	docs := f1["documents"].(map[string]any)
	if len(docs) != 2 || docs["iran-us-talks"] == nil {
		t.Fatalf("per-document F1 keyed by document id: %v", docs)
	}
	// the table
	code, stdout, _ = runCLI("agree", works[0], works[1])
	if code != 0 || !strings.Contains(stdout, "instance F1") || !strings.Contains(stdout, "token kappa") || !strings.Contains(stdout, "ana – ben") {
		t.Fatalf("agree table: exit %d\n%s", code, stdout)
	}

	gold := filepath.Join(dir, "gold.json")
	code, stdout, errs = runCLI("merge", works[0], works[1], works[2], "-o", gold)
	if code != 0 || !strings.Contains(stdout, "undecided") {
		t.Fatalf("merge: exit %d\n%s%s", code, stdout, errs)
	}
	b, err := os.ReadFile(gold)
	if err != nil || !strings.Contains(string(b), `"undecided": [`) {
		t.Fatalf("gold: %v", err)
	}
	code, stdout, _ = runCLI("validate", gold)
	if code != 0 {
		t.Fatalf("the gold file does not validate: %s", stdout)
	}
}

// Bad input: each gets a clear message, and nothing is written.
func TestTeamBadInput(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "ana.json")
	b := filepath.Join(dir, "ben.json")
	data, _ := os.ReadFile(golden + "/spanmark.json")
	os.WriteFile(a, data, 0o644)
	os.WriteFile(b, []byte(strings.Replace(string(data), "Send in e-mailSend", "Send on e-mailSend", 1)), 0o644)
	gold := filepath.Join(dir, "gold.json")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"agree", a}, 2, "give two works or more"},
		{[]string{"agree", a, a}, 1, `annotator "ana" is given twice`},
		{[]string{"agree", a, b}, 1, `the text of document "iran-us-talks" differs between`},
		{[]string{"merge", a, b, "-o", gold}, 1, "differs between"},
		{[]string{"merge", a}, 2, "give -o GOLD"},
		{[]string{"split", "--annotators", "ana,ana", a, "-o", filepath.Join(dir, "s")}, 2, "given twice"},
		{[]string{"split", a, "-o", filepath.Join(dir, "s")}, 2, "--annotators NAMES is required"},
		{[]string{"agree", "--from", "xml", a, b}, 2, "unknown format"},
	} {
		code, _, errs := runCLI(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(gold); err == nil {
		t.Fatal("a failed merge wrote its output")
	}
	if _, err := os.Stat(filepath.Join(dir, "s")); err == nil {
		t.Fatal("a failed split wrote its output")
	}
	// nothing to compare: no document in two works
	c := filepath.Join(dir, "chen.json")
	os.WriteFile(c, []byte(strings.ReplaceAll(string(data), `"id": "iran-us-talks"`, `"id": "other"`)), 0o644)
	other := filepath.Join(dir, "dee.json")
	os.WriteFile(other, []byte(strings.ReplaceAll(strings.ReplaceAll(string(data), `"id": "iran-us-talks"`, `"id": "x"`), `"id": "gulf-shipping"`, `"id": "y"`)), 0o644)
	if code, _, errs := runCLI("agree", a, other); code != 1 || !strings.Contains(errs, "nothing to compare") {
		t.Errorf("nothing to compare: exit %d, %q", code, errs)
	}
}

// brat folders, one per annotator, named by their folder.
func TestAgreeBratFolders(t *testing.T) {
	dir := t.TempDir()
	for name, ann := range map[string]string{
		"ana": "T1\tPERSON 0 5\tObama\nT2\tGPE 33 39\tGeneva\n",
		"ben": "T1\tPERSON 0 5\tObama\nT2\tLOC 33 39\tGeneva\n",
	} {
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		os.WriteFile(filepath.Join(dir, name, "talks.txt"), []byte("Obama said talks would resume in Geneva."), 0o644)
		os.WriteFile(filepath.Join(dir, name, "talks.ann"), []byte(ann), 0o644)
	}
	code, stdout, errs := runCLI("agree", "--json", filepath.Join(dir, "ana"), filepath.Join(dir, "ben"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Annotators []string
		F1         struct{ Mean float64 }
	}
	json.Unmarshal([]byte(stdout), &r)
	if strings.Join(r.Annotators, ",") != "ana,ben" || r.F1.Mean != 0.5 {
		t.Fatalf("annotators %v, F1 %v", r.Annotators, r.F1.Mean)
	}
}

// BenchmarkAgreeCLI: spanmark agree, files and all, over 10,000 documents
// × 3 annotators × 50 spans (-short: 1,000), each annotator differing from
// the others on one span in five.
func BenchmarkAgreeCLI(b *testing.B) {
	docs := 10000
	if testing.Short() {
		docs = 1000
	}
	dir := b.TempDir()
	var words strings.Builder
	for i := range 100 {
		fmt.Fprintf(&words, "word%03d ", i)
	}
	words.WriteString("The end.")
	text := words.String()
	labels := []string{"PERSON", "ORG", "GPE", "DATE"}
	var paths []string
	for a := range 3 {
		p := annotate.NewProject(nil)
		for d := range docs {
			doc, _ := p.AddDocument(fmt.Sprintf("doc-%05d", d), "", text, annotate.Meta{})
			doc.Annotator = fmt.Sprintf("annotator-%d", a)
			var ss []*annotate.Span
			for s := range 50 {
				start, label := s*16, labels[(s+d)%4]
				end := start + 7
				if a > 0 && (s+d)%5 == a {
					end += 8
				}
				ss = append(ss, &annotate.Span{Label: label, Fragments: []annotate.Fragment{{Start: start, End: end}}})
			}
			doc.PopulateOwned(ss, nil)
		}
		data, _ := p.Bytes()
		path := filepath.Join(dir, fmt.Sprintf("a%d.json", a))
		os.WriteFile(path, data, 0o644)
		paths = append(paths, path)
	}
	b.ResetTimer()
	for range b.N {
		cpu := cpuTime()
		code, _, errs := runCLI(append([]string{"agree", "--json"}, paths...)...)
		if code != 0 {
			b.Fatal(errs)
		}
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/agree")
	}
}
