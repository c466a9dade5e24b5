//go:build js && wasm && formats

package main

import (
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// work is a project file of one annotator's copy of documents id → text,
// each with a PERSON span on its first word and, when label is given, a
// span of that label on its last word.
func work(t *testing.T, name string, docs [][2]string, label string) map[string]any {
	t.Helper()
	p := annotate.NewProject(nil)
	if label == "PROTEIN" {
		p.Schema.Labels = append(p.Schema.Labels, annotate.LabelDef{Name: "PROTEIN", Layer: annotate.LayerEntity, Color: "#123456"})
	}
	for _, d := range docs {
		doc, err := p.AddDocument(d[0], "", d[1], annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		doc.Annotator = name
		sp := strings.Index(d[1], " ")
		if _, _, err := doc.AddSpan(annotate.SpanInput{Label: "PERSON", Fragments: []annotate.Fragment{{Start: 0, End: sp}}}); err != nil {
			t.Fatal(err)
		}
		if label != "" {
			last := strings.LastIndex(d[1], " ") + 1
			if _, _, err := doc.AddSpan(annotate.SpanInput{Label: label, Fragments: []annotate.Fragment{{Start: last, End: len(d[1])}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return file(name+".json", string(b))
}

// comparedView is compareWorks' result, its project read as text.
type comparedView struct {
	Project    string
	Annotators []string
	Notes      []string
	Stats      struct{ Documents, Accepted, Undecided, Relations, UndecidedDocs, Dropped, Minority int }
	Report     map[string]any
}

// compared calls compareWorks(files): the gold project comes as a
// Uint8Array (the file's bytes, for importProject), the rest as JSON.
func compared(t *testing.T, files []any, more ...any) comparedView {
	t.Helper()
	r := call(t, "compareWorks", append([]any{files}, more...)...)
	pv, err := r.Get("project")
	if err != nil {
		t.Fatal(err)
	}
	u8, _ := safejs.Global().Get("Uint8Array")
	if ok, _ := pv.InstanceOf(u8); !ok {
		t.Fatalf("compareWorks: project is a %s, want a Uint8Array", typeName(pv))
	}
	n, _ := pv.Length()
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, pv); err != nil {
		t.Fatal(err)
	}
	if err := r.Delete("project"); err != nil {
		t.Fatal(err)
	}
	v := decode[comparedView](t, r)
	v.Project = string(b)
	return v
}

// compareRead reads the works ahead: compareWorks with its token merges
// them without the files; a token used, replaced by a newer reading or
// forgotten is ignored (the files given are read); a reading refuses what
// compareWorks refuses.
func TestCompareRead(t *testing.T) {
	ana := work(t, "ana", [][2]string{{"a", "Ana met Ben in Paris"}}, "GPE")
	ben := work(t, "ben", [][2]string{{"a", "Ana met Ben in Paris"}}, "")
	chen := work(t, "chen", [][2]string{{"a", "Ana met Ben in Paris"}}, "GPE")
	token := func(files []any) float64 {
		t.Helper()
		v, err := call(t, "compareRead", files).Float()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	stale := func(what string, tok float64) {
		t.Helper()
		if e := throws(t, "compareWorks", []any{}, 0, tok); e.Code != "bad_argument" || !strings.Contains(e.Message, "got 0") {
			t.Errorf("%s: the token was taken: %+v", what, e)
		}
	}
	t1 := token([]any{ana, ben})
	if t1 <= 0 {
		t.Fatalf("compareRead: token %v", t1)
	}
	// no files: the works come from the reading
	if v := compared(t, []any{}, 0, t1); strings.Join(v.Annotators, ",") != "ana,ben" || v.Stats.Accepted != 1 || v.Stats.Undecided != 1 {
		t.Fatalf("compareWorks with the token: %+v", v)
	}
	stale("used once", t1)
	t2 := token([]any{ana, ben})
	t3 := token([]any{ana, chen})
	if t3 == t2 {
		t.Fatalf("two readings, one token %v", t3)
	}
	stale("replaced by a newer reading", t2)
	// the files given win over a stale token
	if v := compared(t, []any{ana, ben}, 0, t2); strings.Join(v.Annotators, ",") != "ana,ben" {
		t.Errorf("a stale token with files: %+v", v)
	}
	// a comparison that read its own files left the newest reading as it was
	if v := compared(t, []any{}, 0, t3); strings.Join(v.Annotators, ",") != "ana,chen" || v.Stats.Accepted != 2 {
		t.Errorf("compareWorks with the newest token: %+v", v)
	}
	t4 := token([]any{ana, ben})
	if v, err := call(t, "compareRead", []any{}).Float(); err != nil || v != 0 {
		t.Fatalf("compareRead([]): %v %v", v, err)
	}
	stale("forgotten", t4)
	if e := throws(t, "compareRead", []any{ana}); e.Code != "bad_argument" || !strings.Contains(e.Message, "two works or more") {
		t.Errorf("compareRead of one work: %+v", e)
	}
	other := work(t, "ben", [][2]string{{"a", "Ana met Ben in Rome"}}, "")
	if e := throws(t, "compareRead", []any{ana, other}); e.Code != "text_mismatch" || !strings.Contains(e.Message, "from offset 15") {
		t.Errorf("compareRead of differing texts: %+v", e)
	}
}

// compareWorks: the gold project and figures of two works; different
// schemas and a document missing from one work are noted, not refused;
// one work, differing texts and an annotator twice are refused.
func TestCompareWorks(t *testing.T) {
	ana := work(t, "ana", [][2]string{{"a", "Ana met Ben in Paris"}, {"solo", "Only ana has this"}}, "GPE")
	ben := work(t, "ben", [][2]string{{"a", "Ana met Ben in Paris"}}, "PROTEIN")
	v := compared(t, []any{ana, ben})
	if strings.Join(v.Annotators, ",") != "ana,ben" || v.Stats.Documents != 2 || v.Stats.Accepted != 3 || v.Stats.Undecided != 2 {
		t.Fatalf("compareWorks: %+v", v)
	}
	// the figures come after the gold project, from the works kept
	if v.Report != nil {
		t.Errorf("compareWorks measured the works before handing over the gold project: %v", v.Report)
	}
	r := decode[map[string]any](t, call(t, "compareReport"))
	if r["documents"] != 1.0 || strings.Join(anyStrings(r["annotators"]), ",") != "ana,ben" || strings.Join(anyStrings(r["schema_notes"]), "\n") == "" {
		t.Errorf("compareReport: %v", r)
	}
	notes := strings.Join(v.Notes, "\n")
	if !strings.Contains(notes, "PROTEIN") || !strings.Contains(notes, `1 document(s) in one work only: taken as that annotator made them ("solo" only in ana’s)`) {
		t.Errorf("notes: %q", notes)
	}
	p, err := annotate.Load([]byte(v.Project), "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Doc("a"); d == nil || len(d.Disagreements()) != 1 || len(d.Undecided) != 2 {
		t.Fatalf("gold document a: %+v", d)
	}
	// the page hands those bytes to the core as they are; bytes that are
	// not a project file are refused and change nothing
	docs := callAs[[]docInfoT](t, "importProject", u8(t, []byte(v.Project)), "gold.json")
	if len(docs) != 2 || docs[0].ID != "a" || docs[0].Spans != 1 {
		t.Fatalf("importProject of the gold bytes: %+v", docs)
	}
	if e := throws(t, "importProject", u8(t, []byte("{\"format\": \"spanmark\xff\"}")), "gold.json"); e.Code != "bad_format" || !strings.Contains(e.Message, "UTF-8") {
		t.Errorf("importProject of bytes that are not UTF-8: %+v", e)
	}
	if docs := callAs[[]docInfoT](t, "documents"); len(docs) != 2 || docs[0].ID != "a" {
		t.Errorf("after a refused importProject: %+v", docs)
	}
	// the figures of gold document "a" against each annotator
	f := decode[map[string]any](t, call(t, "compareFigures", v.Project, "a"))
	got := map[string]float64{}
	for _, x := range f["f1"].(map[string]any)["by_pair"].([]any) {
		pr := x.(map[string]any)
		if pr["b"] == "gold" && pr["value"] != nil {
			got[pr["a"].(string)] = pr["value"].(float64)
		}
	}
	// gold has PERSON only; each annotator has PERSON and one more: 2·1/(2+1)
	if len(got) != 2 || got["ana"] < 0.666 || got["ana"] > 0.667 || got["ben"] < 0.666 || got["ben"] > 0.667 {
		t.Errorf("against the gold: %v", got)
	}

	// after a reload of the gold project: the works read again, not merged
	if names := decode[[]string](t, call(t, "compareRestore", []any{ana, ben})); strings.Join(names, ",") != "ana,ben" {
		t.Errorf("compareRestore: %v", names)
	}
	if f := decode[map[string]any](t, call(t, "compareFigures", v.Project, "a")); f["annotators"] == nil {
		t.Errorf("compareFigures after compareRestore: %v", f)
	}
	if e := throws(t, "compareRestore", []any{ana, twice(t)}); !strings.Contains(e.Message, `annotator "ana" is given twice`) {
		t.Errorf("compareRestore, an annotator twice: %+v", e)
	}

	// a document some works lack is named, with whose
	chen := work(t, "chen", [][2]string{{"a", "Ana met Ben in Paris"}, {"solo", "Only ana has this"}}, "")
	v2 := compared(t, []any{ana, ben, chen})
	if notes := strings.Join(v2.Notes, "\n"); !strings.Contains(notes, `document "solo" is not in the work of ben: compared among the others`) {
		t.Errorf("a document missing from one work: %q", notes)
	}
	if e := throws(t, "compareWorks", []any{ana}); e.Code != "bad_argument" || !strings.Contains(e.Message, "two works or more") {
		t.Errorf("one work: %+v", e)
	}
	other := work(t, "ben", [][2]string{{"a", "Ana met Ben in Rome"}}, "")
	if e := throws(t, "compareWorks", []any{ana, other}); e.Code != "text_mismatch" || !strings.Contains(e.Message, "from offset 15") {
		t.Errorf("texts differ: %+v", e)
	}
	if e := throws(t, "compareWorks", []any{ana, twice(t)}); !strings.Contains(e.Message, `annotator "ana" is given twice`) {
		t.Errorf("annotator twice: %+v", e)
	}
	none := work(t, "ben", [][2]string{{"b", "Nothing in common here"}}, "")
	if e := throws(t, "compareWorks", []any{ana, none}); !strings.Contains(e.Message, "nothing to compare") {
		t.Errorf("nothing in common: %+v", e)
	}
}

// twice is ana's work again under another file name.
func twice(t *testing.T) map[string]any {
	w := work(t, "ana", [][2]string{{"a", "Ana met Ben in Paris"}}, "")
	w["name"] = "ana-again.json"
	return w
}

func anyStrings(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i], _ = x.(string)
	}
	return out
}

// Issue 20: a brat folder is one work, named by the folder (its files
// carry "work"), as `spanmark agree` reads a folder; one folder alone is
// one work, refused.
func TestCompareWorksBratFolders(t *testing.T) {
	const text = "Ana met Ben in Paris"
	brat := func(who, ann string) []any {
		txt := file(who+"/d1.txt", text)
		a := file(who+"/d1.ann", ann)
		txt["work"], a["work"] = who, who
		return []any{txt, a}
	}
	ana := brat("ana", "T1\tPERSON 0 3\tAna\nT2\tGPE 15 20\tParis\n")
	ben := brat("ben", "T1\tPERSON 0 3\tAna\nT2\tLOC 15 20\tParis\n")
	v := compared(t, append(ana, ben...))
	if strings.Join(v.Annotators, ",") != "ana,ben" || v.Stats.Documents != 1 || v.Stats.Accepted != 1 || v.Stats.Undecided != 2 || v.Report != nil {
		t.Fatalf("two brat folders: %+v", v)
	}
	// after a reload: the folders read again as the same two works
	if names := decode[[]string](t, call(t, "compareRestore", append(ana, ben...))); strings.Join(names, ",") != "ana,ben" {
		t.Errorf("compareRestore of two brat folders: %v", names)
	}
	if e := throws(t, "compareWorks", ana); e.Code != "bad_argument" || !strings.Contains(e.Message, "two works or more") || !strings.Contains(e.Message, "got 1") {
		t.Errorf("one folder: %+v", e)
	}
}
