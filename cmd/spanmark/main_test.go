package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const golden = "../../testdata/golden/formats"

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndUsage(t *testing.T) {
	if code, out, _ := runCLI("--help"); code != 0 || !strings.Contains(out, "spanmark convert --to FORMAT") || !strings.Contains(out, "labelstudio") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := runCLI("convert", "--help"); code != 0 || !strings.Contains(out, "-o OUT") || !strings.Contains(out, "-repair") {
		t.Errorf("convert --help: %d %q", code, out)
	}
	if code, out, _ := runCLI("help", "stats"); code != 0 || !strings.Contains(out, "claimant") {
		t.Errorf("help stats: %d %q", code, out)
	}
	for _, args := range [][]string{
		nil,
		{"frobnicate"},
		{"convert", golden + "/spanmark.json"}, // no --to
		{"convert", "--to", "xml", golden + "/spanmark.json"},  // unknown format
		{"convert", "--to", "brat", golden + "/spanmark.json"}, // brat needs -o
		{"convert", "--to", "jsonl"},                           // no input
		{"convert", "--to", "jsonl", "no/such/file.json"},      // missing input
		{"validate", "--bogus", golden + "/spanmark.json"},     // unknown flag
	} {
		if code, _, errs := runCLI(args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
}

func TestConvertStdout(t *testing.T) {
	// flags after the input work too
	code, out, errs := runCLI("convert", golden+"/spanmark.json", "--to", "jsonl")
	want, _ := os.ReadFile(golden + "/jsonl.jsonl")
	if code != 0 || out != string(want) {
		t.Fatalf("exit %d, stderr %s; output differs from the golden jsonl", code, errs)
	}
	code, out, errs = runCLI("convert", "--to", "conll", golden+"/spanmark.json")
	if code != 0 || !strings.HasPrefix(out, "-DOCSTART- -X- O O\n") || !strings.Contains(errs, "conll: 12 spans outside the entity layer") {
		t.Fatalf("conll: exit %d, stderr %s", code, errs)
	}
	// spanmark → spanmark is byte-identical through the CLI as well
	code, out, _ = runCLI("convert", "--to", "spanmark", golden+"/spanmark.json")
	if want, _ := os.ReadFile(golden + "/spanmark.json"); code != 0 || out != string(want) {
		t.Fatal("spanmark → spanmark is not byte-identical")
	}
}

func TestConvertFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	if code, _, errs := runCLI("convert", "--to", "labelstudio", "-o", out, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(golden + "/labelstudio.json")
	if !bytes.Equal(got, want) {
		t.Fatal("-o output differs from the golden file")
	}
	// brat to a folder, then back from the folder
	bratDir := filepath.Join(dir, "brat")
	if code, _, errs := runCLI("convert", "--to", "brat", "-o", bratDir, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	names, _ := filepath.Glob(filepath.Join(bratDir, "*"))
	if len(names) != 6 {
		t.Fatalf("brat folder has %v", names)
	}
	code, out2, errs := runCLI("convert", "--to", "doccano", bratDir)
	if code != 0 || strings.Count(out2, "\n") != 2 {
		t.Fatalf("brat folder → doccano: %d %s", code, errs)
	}
	// a .ann given alone brings its .txt
	if code, _, errs := runCLI("stats", filepath.Join(bratDir, "gulf-shipping.ann")); code != 0 {
		t.Fatal(errs)
	}
	// a non-empty folder is not overwritten
	if code, _, _ := runCLI("convert", "--to", "brat", "-o", bratDir, golden+"/spanmark.json"); code != 2 {
		t.Fatalf("overwriting a non-empty folder: exit %d", code)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func TestFailedConvertWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"text": "abc", "label": [[0, 2, "LOC"]]}`+"\n"+`{"label": [[0, 1, "PER"]]}`+"\n"), 0o644)
	out := filepath.Join(dir, "out.json")
	code, _, errs := runCLI("convert", "--from", "doccano", "--to", "spanmark", "-o", out, bad)
	if code != 1 || !strings.Contains(errs, "bad.jsonl:2: field text") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a failed convert left an output file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the folder has %d entries; want only the input", len(entries))
	}
	// a failed brat convert leaves no folder either
	code, _, _ = runCLI("convert", "--from", "doccano", "--to", "brat", "-o", filepath.Join(dir, "b"), bad)
	if _, err := os.Stat(filepath.Join(dir, "b")); code != 1 || !os.IsNotExist(err) {
		t.Fatalf("exit %d; folder: %v", code, err)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	good, _ := os.ReadFile(golden + "/spanmark.json")
	os.WriteFile(bad, bytes.Replace(good, []byte(`"text": "Nasser Kanaani"`), []byte(`"text": "Nasser Kanani"`), 1), 0o644)
	code, out, _ := runCLI("validate", golden+"/spanmark.json", bad)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "ok: "+golden+"/spanmark.json (2 documents, 33 spans)") {
		t.Errorf("no ok line:\n%s", out)
	}
	if !strings.Contains(out, `bad.json:`) || !strings.Contains(out, `document "gulf-shipping", span s1, field fragments[0].text: the file says [86,100) is "Nasser Kanani"`) {
		t.Errorf("validate output:\n%s", out)
	}
	if code, _, _ := runCLI("validate", golden+"/spanmark.json"); code != 0 {
		t.Errorf("a good file: exit %d", code)
	}
}

func TestStats(t *testing.T) {
	code, out, _ := runCLI("stats", golden+"/spanmark.json")
	for _, want := range []string{"documents  2\n", "spans      33\n", "claims     6 (4 with a claimant, 2 without)\n", "relations  8\n", "  claimant     4\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

// The CLI reads files the way the page does: bad bytes are refused with the
// file named, and a .zip of inputs is unpacked.
func TestValidateRefusesBadBytes(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"latin1.jsonl": []byte("{\"text\": \"caf\xe9\"}\n"),
		"binary.jsonl": []byte("{\"text\": \"a\x00b\"}\n"),
		"empty.jsonl":  {},
	}
	for name, data := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI("validate", "--from", "jsonl", p)
		if code != 1 || !strings.Contains(stdout+stderr, name+":") {
			t.Errorf("%s: exit %d, output %q; want 1 and the file named", name, code, stdout+stderr)
		}
	}
}

// doccano offsets are UTF-16 code units unless --offsets says otherwise,
// both ways; an unknown unit is a usage error.
func TestConvertDoccanoOffsets(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "admin.jsonl")
	os.WriteFile(in, []byte(`{"text": "👨🏻\u200d🚒 firemen drive firetrucks at work", "label": [[22, 32, "VEHICLE"]]}`+"\n"), 0o644)
	code, out, errs := runCLI("convert", "--to", "jsonl", in)
	if code != 0 || !strings.Contains(out, `"text":"firetrucks"`) {
		t.Fatalf("default (utf16): exit %d %s\n%s", code, errs, out)
	}
	code, out, errs = runCLI("convert", "--to", "jsonl", "--offsets", "codepoint", in)
	if code != 0 || !strings.Contains(out, `"text":"etrucks at"`) || !strings.Contains(errs, "offsets read as code points") {
		t.Fatalf("codepoint: exit %d %s\n%s", code, errs, out)
	}
	// the flag applies to the doccano side of a conversion, in or out
	sm := filepath.Join(dir, "p.json")
	if code, _, errs := runCLI("convert", "--to", "spanmark", "-o", sm, in); code != 0 {
		t.Fatalf("to spanmark: exit %d %s", code, errs)
	}
	code, out, errs = runCLI("convert", "--to", "doccano", "--offsets", "grapheme", sm)
	if code != 0 || !strings.Contains(out, `"start_offset":16,"end_offset":26`) {
		t.Fatalf("grapheme out: exit %d %s\n%s", code, errs, out)
	}
	if code, _, errs := runCLI("convert", "--to", "doccano", "--offsets", "bytes", in); code != 2 || !strings.Contains(errs, `unknown offset unit "bytes"`) {
		t.Errorf("--offsets bytes: exit %d %s", code, errs)
	}
}

// TestBratNamesAndEnums: a .ann given alone brings the annotation.conf
// beside it, whose mapping restores spanmark's names; a value outside an
// enum extends it, except with --schema, which checks against the file.
func TestBratNamesAndEnums(t *testing.T) {
	dir := t.TempDir()
	line := 0 // of the added A line
	for _, name := range []string{"annotation.conf", "iran-us-talks.ann", "iran-us-talks.txt"} {
		b, err := os.ReadFile(filepath.Join(golden, "brat", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "iran-us-talks.ann" {
			b = append(b, "A99\tcheckworthy T13 maybe\n"...)
			line = bytes.Count(b, []byte("\n"))
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	ann := filepath.Join(dir, "iran-us-talks.ann")
	code, out, errs := runCLI("convert", "--to", "jsonl", "--form", "spans", ann)
	if code != 0 || !strings.Contains(out, `"attribution":"direct quote"`) || strings.Contains(errs, "names read as") ||
		!strings.Contains(errs, `values added to enum attributes of the schema: CLAIM.checkworthy (+"maybe")`) {
		t.Fatalf("exit %d\nstderr %s\nout %s", code, errs, out)
	}
	code, out, errs = runCLI("validate", "--schema", golden+"/spanmark.json", ann)
	if code != 1 || !strings.Contains(out, fmt.Sprintf(`iran-us-talks.ann:%d: document "iran-us-talks", span s13: T13: attribute "checkworthy" takes one of`, line)) || !strings.Contains(out, `"maybe"`) {
		t.Fatalf("--schema: exit %d\n%s%s", code, out, errs)
	}
}

// --map relabels the file's spans with the schema's labels and says so; a
// target the schema lacks is an error and nothing is written.
func TestConvertLabelMap(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	data := `{"text": "Alice joined Acme in Paris.", "label": [[0, 5, "Person"], [13, 17, "Org"], [21, 26, "LOCATION"]]}` + "\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("convert", "--to", "doccano", "--offsets", "codepoint", "--map", "Person=PERSON, Org=ORG", in)
	if code != 0 || !strings.Contains(out, `"label":"PERSON","start_offset":0`) || !strings.Contains(out, `"label":"ORG"`) || !strings.Contains(out, `"label":"LOCATION"`) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "spanmark: note: doccano: labels mapped to the schema's: Org → ORG (1 span), Person → PERSON (1 span)") ||
		!strings.Contains(errs, "LOCATION (like LOC)") {
		t.Errorf("report:\n%s", errs)
	}
	// auto takes the proposal for LOCATION too
	code, out, _ = runCLI("convert", "--to", "doccano", "--map", "auto,Person=PERSON", in)
	if code != 0 || !strings.Contains(out, `"label":"LOC"`) || strings.Contains(out, `"label":"Org"`) {
		t.Fatalf("auto: exit %d\n%s", code, out)
	}
	code, out, errs = runCLI("convert", "--to", "doccano", "--map", "Person=NOBODY", in)
	if code != 1 || out != "" || !strings.Contains(errs, `cannot map label "Person" to "NOBODY": the schema has no label "NOBODY"`) {
		t.Errorf("bad target: exit %d, out %q, stderr %s", code, out, errs)
	}
	if code, _, errs := runCLI("validate", "--map", "Person", in); code != 2 || !strings.Contains(errs, "--map: entry 1") {
		t.Errorf("bad --map: exit %d, stderr %s", code, errs)
	}
}
