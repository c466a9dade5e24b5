package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate/tagger"
)

// taggerCorpus writes a Prodigy JSONL file of n short news sentences with
// PERSON, ORG and GPE spans (code point offsets; each text starts with an
// emoji, so UTF-16 offsets would be off by one).
func taggerCorpus(t *testing.T, n int) string {
	t.Helper()
	people := []string{"Anna Berg", "Omar Haddad", "Li Wei", "Maria Lopez", "John Smith"}
	orgs := []string{"Reuters", "Acme Corp", "NATO", "the World Bank"}
	places := []string{"Tehran", "Washington", "Oman", "Dubai", "Paris"}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		p, o, l := people[i%len(people)], orgs[(i/2)%len(orgs)], places[(i/3)%len(places)]
		var spans []map[string]any
		text := "🚢 "
		add := func(s, label string) {
			start := len([]rune(text))
			if strings.HasPrefix(s, "the ") {
				text += "the "
				start += 4
				s = s[4:]
			}
			text += s
			spans = append(spans, map[string]any{"start": start, "end": len([]rune(text)), "label": label})
		}
		add(p, "PERSON")
		text += " told "
		add(o, "ORG")
		text += " in "
		add(l, "GPE")
		text += " that talks would resume."
		line, _ := json.Marshal(map[string]any{"text": text, "spans": spans})
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "train.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLearnSuggest(t *testing.T) {
	train := taggerCorpus(t, 40)
	dir := t.TempDir()
	model := filepath.Join(dir, "news.model")
	code, _, errs := runCLI("learn", train, "-o", model)
	if code != 0 || !strings.Contains(errs, "spanmark learn: trained on 120 spans (GPE, ORG, PERSON) in 40 documents") {
		t.Fatalf("learn: exit %d, stderr %q", code, errs)
	}
	first, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	// the same data and seed write the same bytes
	code, _, _ = runCLI("learn", "--seed", "0", train, "-o", model)
	if again, _ := os.ReadFile(model); code != 0 || !bytes.Equal(first, again) {
		t.Fatal("learning twice gave two different model files")
	}
	// suggest on new text, written as CoNLL
	in := filepath.Join(dir, "new.jsonl")
	os.WriteFile(in, []byte(`{"text": "🚢 Maria Lopez told Reuters in Oman that talks would resume."}`+"\n"), 0o644)
	code, out, errs := runCLI("suggest", "--model", model, "--to", "conll", in)
	want := "-DOCSTART- -X- O O\n\n🚢 O\nMaria B-PERSON\nLopez I-PERSON\ntold O\nReuters B-ORG\nin O\nOman B-GPE\nthat O\ntalks O\nwould O\nresume O\n. O\n\n"
	if code != 0 || out != want || !strings.Contains(errs, "spanmark suggest: 3 entities predicted in 1 document (0 spans of GPE, ORG, PERSON replaced)") {
		t.Fatalf("suggest: exit %d, stderr %q, output\n%s\nwant\n%s", code, errs, out, want)
	}
	// --min-score keeps the predictions scored at least it: the native
	// PredictMin's, the same as --min-score 0 (all) where every score
	// passes, none at 1 unless scored 1
	m, err := tagger.Load(first, model)
	if err != nil {
		t.Fatal(err)
	}
	ents := m.Predict("🚢 Maria Lopez told Reuters in Oman that talks would resume.")
	lowest := 1.0
	for _, e := range ents {
		lowest = min(lowest, e.Score)
	}
	if lowest >= 1 {
		t.Fatalf("every prediction scored 1: %v", ents)
	}
	above := strconv.FormatFloat(lowest+1e-4, 'f', 4, 64)
	kept := len(m.PredictMin("🚢 Maria Lopez told Reuters in Oman that talks would resume.", lowest+1e-4))
	code, out, errs = runCLI("suggest", "--model", model, "--min-score", above, "--to", "conll", in)
	if code != 0 || strings.Count(out, "B-") != kept || kept >= 3 || !strings.Contains(errs, fmt.Sprintf("spanmark suggest: %d entit", kept)) {
		t.Fatalf("suggest --min-score %s: exit %d, stderr %q, output\n%s; want %d entities", above, code, errs, out, kept)
	}
	if code, _, errs = runCLI("suggest", "--model", model, "--min-score", "1.5", in); code != 2 || !strings.Contains(errs, "--min-score must be from 0 to 1") {
		t.Fatalf("suggest --min-score 1.5: exit %d, stderr %q", code, errs)
	}
	// the input's format by default, -o written through
	outPath := filepath.Join(dir, "pred.jsonl")
	code, _, errs = runCLI("suggest", in, "--model", model, "-o", outPath)
	got, _ := os.ReadFile(outPath)
	if code != 0 || !strings.Contains(string(got), `"start":2,"end":13,"token_start":1,"token_end":2,"label":"PERSON","text":"Maria Lopez"`) {
		t.Fatalf("suggest -o: exit %d, stderr %q, wrote %s", code, errs, got)
	}
	// gold spans of the model's labels are replaced, not doubled
	code, out, errs = runCLI("suggest", "--model", model, "--to", "conll", train)
	if code != 0 || !strings.Contains(errs, "(120 spans of GPE, ORG, PERSON replaced)") || strings.Count(out, "B-PERSON") != 40 {
		t.Fatalf("suggest on the training data: exit %d, stderr %q", code, errs)
	}
}

func TestLearnSuggestErrors(t *testing.T) {
	train := taggerCorpus(t, 1)
	dir := t.TempDir()
	notModel := filepath.Join(dir, "x.model")
	os.WriteFile(notModel, []byte("hello"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"learn", train}, 2, "spanmark learn: -o MODEL is required (the model file to write)"},
		{[]string{"learn", "-o", filepath.Join(dir, "m")}, 2, "spanmark learn: no INPUT given"},
		{[]string{"learn", train, "--epochs", "0", "-o", filepath.Join(dir, "m")}, 2, "spanmark learn: --epochs must be 1 or more"},
		{[]string{"learn", train, "--labels", "CLAIM", "-o", filepath.Join(dir, "m")}, 2, `spanmark learn: --labels: "CLAIM" is not an entity label of the inputs`},
		{[]string{"learn", train, "-o", filepath.Join(dir, "m")}, 1, "error: too little to train on: 3 entity spans in 1 document; the tagger needs at least 5 spans"},
		{[]string{"suggest", train}, 2, "spanmark suggest: --model MODEL is required (a file made by spanmark learn)"},
		{[]string{"suggest", "--model", notModel, train}, 1, "error: " + notModel + ": not a spanmark tagger model (made by spanmark learn, or saved from the page's tagger)"},
		{[]string{"suggest", "--model", filepath.Join(dir, "none"), train}, 2, "cannot read the model " + filepath.Join(dir, "none") + ": no such file or folder"},
		{[]string{"suggest", "--model", notModel, "--to", "xml", train}, 2, `unknown format "xml"`},
	} {
		code, _, errs := runCLI(c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.msg)
		}
	}
	// nothing is written on error
	if _, err := os.Stat(filepath.Join(dir, "m")); err == nil {
		t.Error("a failed learn wrote its model file")
	}
	// help
	if code, out, _ := runCLI("help", "learn"); code != 0 || !strings.Contains(out, "-o MODEL") || !strings.Contains(out, "-seed SEED") {
		t.Errorf("help learn: %d %q", code, out)
	}
}
