package formats

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

const peersDir = "../../../shared/peers"

// peerFiles reads one peer file (a brat .ann with its .txt).
func peerFiles(t testing.TB, rel string) []File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(peersDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	files := []File{{Name: rel, Data: b}}
	if strings.HasSuffix(rel, ".ann") {
		txt := strings.TrimSuffix(rel, ".ann") + ".txt"
		tb, err := os.ReadFile(filepath.Join(peersDir, txt))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: txt, Data: tb})
	}
	return files
}

// summary renders a project as "doc: label[s,e) … | relations n" lines.
func summary(p *annotate.Project) string {
	var b strings.Builder
	for _, d := range p.Documents() {
		fmt.Fprintf(&b, "%s:", d.ID)
		for _, s := range d.Spans() {
			fmt.Fprintf(&b, " %s%s", s.Label, fragString(s.Fragments))
		}
		fmt.Fprintf(&b, " | %d relations\n", d.NumRelations())
	}
	return b.String()
}

// TestPeerFiles imports every file in ../shared/peers in place and checks
// exact spans, and for the defective ones the exact error or repair.
func TestPeerFiles(t *testing.T) {
	if _, err := os.Stat(peersDir); err != nil {
		t.Skipf("peer files not found at %s (they live beside the repository in ../shared/peers): %v", peersDir, err)
	}
	cases := []struct {
		file, format string
		want         string // summary(), when the import succeeds
		err          string // substring of the error, when it must fail
		report       []string
		repair       string // summary() with Repair, when it differs
	}{
		{file: "brat/dkpro__dkpro-core__dkpro-core-io-brat-asl__src__test__resources__brat__document0c.ann", format: "brat",
			want:   "dkpro__dkpro-core__dkpro-core-io-brat-asl__src__test__resources__brat__document0c: Token[0,4) Token[5,7);[8,9) Token[10,14) Token[14,15) | 0 relations\n",
			report: []string{"4 events not representable, dropped (trigger spans kept): E1, E2, E3, E4", "labels added to the schema (entity layer): Token"}},
		{file: "brat/nlplab__brat__example-data__tutorials__bio__110-note_annotation.ann", format: "brat",
			want: "nlplab__brat__example-data__tutorials__bio__110-note_annotation: Protein[421,424) Protein[431,436) Binding[437,442) Protein[443,450) Protein[455,462) Complex[469,479) Protein[480,485) Protein[567,570) Protein[577,582) Binding[583,588) Protein[589,596) Protein[601,608) Complex[615,625) Protein[626,631) | 2 relations\n",
			report: []string{"2 events not representable, dropped (trigger spans kept): E1, E2", "not representable, dropped: note #2 on E1; note #3 on R1",
				"relation types added to the schema: Part-of (Protein → Complex)"}},
		{file: "brat/nlplab__brat__example-data__tutorials__news__000-introduction.ann", format: "brat",
			want: "nlplab__brat__example-data__tutorials__news__000-introduction: Organization[418,426) Transfer-money[443,449) Money[456,468) Person[473,496) Person[511,535) Organization[540,545) GPE[549,560) | 2 relations\n",
			report: []string{"1 event not representable, dropped (trigger spans kept): E1",
				"not representable, dropped: attribute A5 on E1; normalization N1 (Reference T5 Wikipedia:64488 Carlos Salinas de Gortari)",
				"attributes added to the schema: Person.Individual (bool), Person.Mention (enum Name|Nominal)",
				"relation types added to the schema: Origin (Organization → GPE), Family (Person → Person)"}},
		{file: "brat/nlplab__brat__example-data__tutorials__news__070-editing_relation_annotations.ann", format: "brat",
			want:   "nlplab__brat__example-data__tutorials__news__070-editing_relation_annotations: Person[301,316) GPE[352,360) Person[367,382) Person[387,400) Person[603,618) GPE[628,643) GPE[659,670) Person[766,781) GPE[791,806) | 3 relations\n",
			report: []string{"not representable, dropped: equivalence * Alias T2 T4"}},
		{file: "conll/doccano__doccano__backend__data_import__tests__data__sequence_labeling__example.conll", format: "conll",
			want:   "doccano__doccano__backend__data_import__tests__data__sequence_labeling__example: LOC[0,5) PER[10,21) | 0 relations\n",
			report: []string{"labels added to the schema (entity layer): PER"}},
		{file: "conll/explosion__spaCy__extra__example_data__ner_example_data__ner-token-per-line-conll2003.iob", format: "conll",
			want:   "explosion__spaCy__extra__example_data__ner_example_data__ner-token-per-line-conll2003: PERSON[5,20) ORG[63,69) DATE[73,77) NORP[178,186) PERSON[279,284) ORG[308,314) DATE[315,332) | 0 relations\n",
			report: []string{"labels added to the schema (entity layer): NORP"}},
		{file: "doccano/doccano__doccano__backend__data_export__pipeline__examples__sequence_labeling__example.jsonl", format: "doccano",
			want: "doc-1: ORG[0,2) MISC[11,17) | 0 relations\ndoc-2: PERSON[0,15) | 0 relations\ndoc-3: PERSON[10,15) | 0 relations\n"},
		{file: "doccano/doccano__doccano__backend__data_import__tests__data__relation_extraction__example.jsonl", format: "doccano",
			want:   "doc-1: ORG[0,6) DATE[22,39) PERSON[44,54) PERSON[59,70) | 3 relations\n",
			report: []string{"relation types added to the schema: foundedAt (ORG → DATE), foundedBy (ORG → PERSON)"}},
		{file: "doccano/doccano__doccano__backend__data_import__tests__data__sequence_labeling__example.jsonl", format: "doccano",
			err: `sequence_labeling__example.jsonl:3: field text: the record has no "text"`},
		{file: "doccano/doccano__doccano__backend__data_import__tests__data__sequence_labeling__example_overlapping.jsonl", format: "doccano",
			want:   "doc-1: LOC[0,1) | 0 relations\n",
			report: []string{`example_overlapping.jsonl:1 label[1]: document "doc-1": span s2 LOC [0,1) is given twice (also s1); kept one`}},
		{file: "label-studio/HumanSignal__label-studio-converter__test__fixtures__completions__348.json", format: "labelstudio",
			want: "task-348: INGREDIENT[107,119) INGREDIENT[121,155) INGREDIENT[156,184) INGREDIENT[185,212) INGREDIENT[221,232) INGREDIENT[233,275) INGREDIENT[277,307) INGREDIENT[308,338) INGREDIENT[339,385) INGREDIENT[386,395) INGREDIENT[396,419) INGREDIENT[420,464) INGREDIENT[466,482) INGREDIENT[483,495) INGREDIENT[496,513) INGREDIENT[514,529) INGREDIENT[530,556) " +
				"INGREDIENT[557,575) INGREDIENT[576,614) INGREDIENT[615,632) INGREDIENT[633,650) INGREDIENT[652,668) INGREDIENT[669,685) INGREDIENT[686,702) INGREDIENT[703,718) INGREDIENT[718,735) INGREDIENT[737,746) INGREDIENT[748,762) INGREDIENT[764,776) INGREDIENT[777,789) INGREDIENT[790,805) INGREDIENT[806,814) INGREDIENT[815,833) INGREDIENT[834,853) INGREDIENT[854,874) INGREDIENT[875,890) INGREDIENT[891,909) INGREDIENT[910,918) | 0 relations\n"},
		{file: "label-studio/HumanSignal__label-studio__web__libs__editor__src__examples__named_entity__annotations__1.json", format: "labelstudio",
			want: "task-1: Date[343,354) | 0 relations\n"},
		{file: "label-studio/dataiku__kiji-proxy__model__dataset__labelstudio__sample_predictions.json", format: "labelstudio",
			err:    `sample_predictions.json:59: document "doc-1", span ent-5, field [0].predictions[0].result[4]: span ent-5 Email: the file says [68,90) is "john.smith@example.com" but the document has nothing there (the offsets are outside the text, which has 85 code points); the span was not moved; that text is at [62,84): import with repair to move it there`,
			repair: "doc-1: Person[0,10) Person[15,19) Pronoun[33,35) Pronoun[44,47) Email[62,84) | 2 relations\n",
			report: []string{`span ent-5 Email moved from [68,90) to [62,84), where its text "john.smith@example.com" is (repaired)`, `2 relations without labels imported with type "related"`}},
		{file: "spacy-prodigy/explosion__projects__tutorials__nel_emerson__assets__emerson_annotated_text.jsonl", format: "jsonl",
			want: "doc-1: ORG[15,22) | 0 relations\ndoc-2: ORG[0,7) | 0 relations\ndoc-3: ORG[0,7) | 0 relations\ndoc-4: ORG[0,7) | 0 relations\ndoc-5: ORG[0,7) | 0 relations\ndoc-6: ORG[0,7) | 0 relations\ndoc-7: ORG[0,7) | 0 relations\ndoc-8: PERSON[89,96) | 0 relations\ndoc-9: ORG[20,27) | 0 relations\ndoc-10: ORG[65,72) | 0 relations\n" +
				"doc-11: ORG[0,7) | 0 relations\ndoc-12: ORG[114,121) | 0 relations\ndoc-13: ORG[19,26) | 0 relations\ndoc-14: ORG[0,7) | 0 relations\ndoc-15: ORG[0,7) | 0 relations\ndoc-16: ORG[0,7) | 0 relations\ndoc-17: ORG[0,7) | 0 relations\ndoc-18: ORG[15,22) | 0 relations\ndoc-19: ORG[39,46) | 0 relations\ndoc-20: ORG[0,7) | 0 relations\n" +
				"doc-21: ORG[0,7) | 0 relations\ndoc-22: PERSON[54,61) | 0 relations\ndoc-23: ORG[0,7) | 0 relations\ndoc-24: ORG[27,34) | 0 relations\ndoc-25: ORG[0,7) | 0 relations\ndoc-26: ORG[53,60) | 0 relations\ndoc-27: ORG[0,7) | 0 relations\ndoc-28: ORG[0,7) | 0 relations\ndoc-29: ORG[0,7) | 0 relations\ndoc-30: PERSON[8,15) | 0 relations\n",
			report: []string{"keys not kept: _input_hash (30 records), _task_hash (30 records), _view_id (30 records), accept (30 records), options (30 records)"}},
		{file: "spacy-prodigy/explosion__projects__tutorials__ner_tweets__assets__demo__demo.jsonl", format: "jsonl",
			want:   "doc-1: PERSON[11,21) | 0 relations\n",
			report: []string{"keys not kept: _input_hash (1 record), _is_binary (1 record), _task_hash (1 record), _timestamp (1 record), _view_id (1 record)"}},
	}
	// every peer file must be listed above (the .txt of a brat pair rides
	// along with its .ann)
	listed := map[string]bool{}
	for _, c := range cases {
		listed[c.file] = true
		listed[strings.TrimSuffix(c.file, ".ann")+".txt"] = true
	}
	all, _ := filepath.Glob(filepath.Join(peersDir, "*", "*"))
	for _, p := range all {
		rel, _ := filepath.Rel(peersDir, p)
		if !listed[filepath.ToSlash(rel)] {
			t.Errorf("peer file %s has no case in this test", rel)
		}
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			files := peerFiles(t, c.file)
			f, err := Guess(files)
			if err != nil || f.Name() != c.format {
				t.Fatalf("Guess = %v, %v; want %s", f, err, c.format)
			}
			p, rep, err := f.Import(files, ImportOptions{})
			if c.err != "" {
				if err == nil {
					t.Fatal("imported; want an error")
				}
				var es annotate.Errors
				if !errors.As(err, &es) || !strings.Contains(err.Error(), c.err) || p != nil {
					t.Fatalf("error %v\nwant %s", err, c.err)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if got := summary(p); got != c.want {
					t.Errorf("got\n%s\nwant\n%s", got, c.want)
				}
			}
			if c.repair != "" {
				p, rep, err = f.Import(files, ImportOptions{Repair: true})
				if err != nil {
					t.Fatal(err)
				}
				if got := summary(p); got != c.repair {
					t.Errorf("with repair got\n%s\nwant\n%s", got, c.repair)
				}
			}
			joined := strings.Join(rep, "\n")
			for _, r := range c.report {
				if !strings.Contains(joined, r) {
					t.Errorf("report lacks %q:\n%s", r, joined)
				}
			}
			// a second import gives the same project: determinism
			if p != nil {
				q, _, _ := f.Import(files, ImportOptions{Repair: c.repair != ""})
				a, _ := p.Bytes()
				b, _ := q.Bytes()
				if string(a) != string(b) {
					t.Error("two imports differ")
				}
			}
		})
	}
}
