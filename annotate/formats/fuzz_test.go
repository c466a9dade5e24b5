package formats

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// Fuzz targets: any input must give a project or located errors, never a
// panic. Seeds are the peer files (when present) and the golden exports.

func seed(f *testing.F, globs ...string) {
	for _, g := range globs {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
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
	for _, a := range anns {
		ann, err1 := os.ReadFile(a)
		txt, err2 := os.ReadFile(a[:len(a)-4] + ".txt")
		if err1 == nil && err2 == nil {
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
