package formats

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// Fuzz targets: any input must give a project or located errors, never a
// panic. Seeds are small: a few hand-written records per format, and the
// peer files (when present) and golden exports cut to their first lines
// (maxSeed bytes). Large seeds slow every execution and every
// minimisation: with the whole 79 KB golden JSONL as a seed, a target ran
// 5-8 inputs in 3 minutes. make fuzz runs every target.

const maxSeed = 2048

func seed(f *testing.F, globs ...string) {
	for _, g := range globs {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			if len(b) > maxSeed {
				// the first lines: whole records of a line-based format
				i := bytes.LastIndexByte(b[:maxSeed], '\n')
				if i < 0 {
					continue
				}
				b = b[:i+1]
			}
			f.Add(b)
		}
	}
}

// small seeds per format: one or two records with what the format holds
var smallSeeds = map[string][]string{
	"spanmark":    {`{"format":"spanmark","version":1,"schema":{"labels":[{"name":"PERSON","layer":"entity","color":"#f4a261"}],"relations":[],"overlap":{}},"documents":[{"id":"a","text":"Anna met Bob.","spans":[{"id":"s1","label":"PERSON","fragments":[{"start":0,"end":4,"text":"Anna"}]}]}]}`},
	"jsonl":       {`{"text":"Anna met Bob.","spans":[{"start":0,"end":4,"label":"PERSON"}]}` + "\n" + `{"text":"x y","tokens":[{"text":"x","start":0,"end":1,"id":0}],"spans":[{"start":0,"end":1,"token_start":0,"token_end":0,"label":"ORG"}]}` + "\n"},
	"conll":       {"-DOCSTART- -X- O O\n\nAnna B-PERSON\nmet O\nBob B-PERSON\n. O\n\n"},
	"doccano":     {`{"text":"Anna met Bob.","label":[[0,4,"PERSON"],[9,12,"PERSON"]]}` + "\n" + `{"id":2,"text":"Anna said so.","entities":[{"id":1,"start_offset":0,"end_offset":4,"label":"PERSON"},{"id":2,"start_offset":5,"end_offset":9,"label":"CUE"}],"relations":[{"id":1,"from_id":1,"to_id":2,"type":"cue"}]}` + "\n"},
	"labelstudio": {`[{"id":1,"data":{"text":"Anna met Bob."},"annotations":[{"result":[{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":4,"text":"Anna","labels":["PERSON"]}},{"id":"a","from_name":"checkworthy","to_name":"text","type":"choices","value":{"choices":["yes"]}},{"from_id":"a","to_id":"a","type":"relation","labels":["claimant"]}]}]}]`},
}

func checkImport(t *testing.T, p *annotate.Project, err error) {
	if err != nil {
		if p != nil {
			t.Fatal("an import that failed returned a project")
		}
		var es annotate.Errors
		var e *annotate.Error
		switch {
		case errors.As(err, &es):
			if len(es) == 0 {
				t.Fatal("empty Errors")
			}
			for _, e := range es {
				if e.File == "" {
					t.Fatalf("error without a file: %v", e)
				}
			}
		case errors.As(err, &e):
			if e.File == "" {
				t.Fatalf("error without a file: %v", e)
			}
		default:
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	// what imports must also export, in every format, and save/load
	for _, f := range registry {
		if _, _, err := f.Export(p, ExportOptions{}); err != nil {
			t.Fatalf("%s export: %v", f.Name(), err)
		}
	}
	b, _ := p.Bytes()
	q, err := annotate.Load(b, "saved.json")
	if err != nil {
		t.Fatalf("the imported project does not load back: %v", err)
	}
	if c, _ := q.Bytes(); string(c) != string(b) {
		t.Fatal("the imported project does not save byte-identically")
	}
}

func fuzzFormat(f *testing.F, format Format, name string, globs ...string) {
	for _, s := range smallSeeds[format.Name()] {
		f.Add([]byte(s))
	}
	seed(f, globs...)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, repair := range []bool{false, true} {
			p, _, err := format.Import([]File{{Name: name, Data: data}}, ImportOptions{Repair: repair})
			checkImport(t, p, err)
		}
	})
}

func FuzzImportSpanmark(f *testing.F) {
	fuzzFormat(f, Spanmark{}, "in.json", goldenDir+"/spanmark.json")
}

func FuzzImportJSONL(f *testing.F) {
	fuzzFormat(f, JSONL{}, "in.jsonl", peersDir+"/spacy-prodigy/*", goldenDir+"/jsonl.jsonl")
}

func FuzzImportCoNLL(f *testing.F) {
	fuzzFormat(f, CoNLL{}, "in.conll", peersDir+"/conll/*", goldenDir+"/conll.conll")
}

func FuzzImportDoccano(f *testing.F) {
	fuzzFormat(f, Doccano{}, "in.jsonl", peersDir+"/doccano/*", goldenDir+"/doccano.jsonl")
}

func FuzzImportLabelStudio(f *testing.F) {
	fuzzFormat(f, LabelStudio{}, "in.json", peersDir+"/label-studio/*", goldenDir+"/labelstudio.json")
}

func FuzzImportBrat(f *testing.F) {
	anns, _ := filepath.Glob(peersDir + "/brat/*.ann")
	anns = append(anns, goldenDir+"/brat/gulf-shipping.ann", goldenDir+"/brat/iran-us-talks.ann")
	f.Add([]byte("Anna met Bob.\n"), []byte("T1\tPERSON 0 4\tAnna\nT2\tPERSON 9 12\tBob\nR1\tmeets Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tx\n"))
	f.Add([]byte("ab cd ef"), []byte("T1\tORG 0 2;6 8\tab ef\nA1\tNegation T1\n"))
	for _, a := range anns {
		ann, err1 := os.ReadFile(a)
		txt, err2 := os.ReadFile(a[:len(a)-4] + ".txt")
		if err1 == nil && err2 == nil && len(ann)+len(txt) <= 2*maxSeed {
			f.Add(txt, ann)
		}
	}
	f.Fuzz(func(t *testing.T, txt, ann []byte) {
		for _, repair := range []bool{false, true} {
			p, _, err := Brat{}.Import([]File{{Name: "d.txt", Data: txt}, {Name: "d.ann", Data: ann}}, ImportOptions{Repair: repair})
			checkImport(t, p, err)
		}
	})
}

// FuzzImportBratConf fuzzes an .ann with the annotation.conf whose
// "# spanmark:" lines map its names back.
func FuzzImportBratConf(f *testing.F) {
	conf, _ := os.ReadFile(goldenDir + "/brat/annotation.conf")
	ann, _ := os.ReadFile(goldenDir + "/brat/iran-us-talks.ann")
	f.Add(ann, conf)
	f.Add([]byte("T1\tA_B 0 3\tabc\nA1\tx_y T1 a_b\n#1\tspanmark T1\t*note=a%0Ab\n#2\tspanmark T1\tz=%E2%80%A8\n"),
		[]byte("# spanmark: label A_B = \"A B\"\n# spanmark: attribute x_y = \"x y\"\n# spanmark: value x_y a_b = \"a b\"\n"))
	txt, _ := os.ReadFile(goldenDir + "/brat/iran-us-talks.txt")
	f.Fuzz(func(t *testing.T, ann, conf []byte) {
		p, _, err := Brat{}.Import([]File{{Name: "d.txt", Data: txt}, {Name: "d.ann", Data: ann}, {Name: "annotation.conf", Data: conf}}, ImportOptions{})
		checkImport(t, p, err)
	})
}
