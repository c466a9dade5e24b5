//go:build js && wasm && formats

package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
)

// loadGolden makes the parity golden (spans, fragments, attributes,
// relations, claims in two articles) the current project and returns it
// as the native core loads it.
func loadGolden(t *testing.T) *annotate.Project {
	t.Helper()
	golden, err := testdata.ReadFile("testdata/parity.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	call(t, "loadProject", string(golden), "parity.golden.json")
	p, err := annotate.Load(golden, "parity.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// commitImport commits a staged import as the page does: the formats
// module hands the staged project over as a project file, the core
// imports it, and the staged copy is dropped.
func commitImport(t *testing.T, token, mode string) []docInfoT {
	t.Helper()
	before := map[string]bool{}
	for _, d := range callAs[[]docInfoT](t, "documents") {
		before[d.ID] = true
	}
	staged := stagedBytes(t, call(t, "stagedProject", token, mode))
	history := ""
	if mode == "append" {
		history = mustString(t, call(t, "exportHistory"))
	}
	docs := callAs[[]docInfoT](t, "importProject", staged, "import", history)
	call(t, "importDiscard", token)
	if mode == "append" { // the page reports the documents the import added
		var added []docInfoT
		for _, d := range docs {
			if !before[d.ID] {
				added = append(added, d)
			}
		}
		return added
	}
	return docs
}

type exportResult struct {
	Files []struct {
		Name string `json:"name"`
		Data string `json:"data"`
	} `json:"files"`
	Report []string `json:"report"`
}

// u8 copies b into a new Uint8Array, as File.arrayBuffer gives the page.
func u8(t testing.TB, b []byte) safejs.Value {
	t.Helper()
	v, err := bytesToJS(b)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// stagedBytes is stagedProject's result, which must be a Uint8Array (the
// project file's bytes, handed to importProject as they are), unchanged.
func stagedBytes(t testing.TB, v safejs.Value) safejs.Value {
	t.Helper()
	u8, _ := safejs.Global().Get("Uint8Array")
	if ok, _ := v.InstanceOf(u8); !ok {
		t.Fatalf("stagedProject returned a %s, want a Uint8Array", typeName(v))
	}
	return v
}

func jsBytes(t testing.TB, v safejs.Value) []byte {
	t.Helper()
	n, err := v.Length()
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, v); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportAsMatchesNative: every format exported through the global
// spanmark object is byte-identical to the formats package's own export,
// and brat's .zip to formats.Zip of the same files.
func TestExportAsMatchesNative(t *testing.T) {
	p := loadGolden(t)
	names := callAs[[]string](t, "formats")
	if !slices.Equal(names, formats.Names()) {
		t.Fatalf("formats() = %v", names)
	}
	for _, name := range names {
		f, _ := formats.Get(name)
		files, rep, err := f.Export(p, formats.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		v := call(t, "exportAs", name)
		zv, _ := v.Get("zip")
		if err := v.Delete("zip"); err != nil {
			t.Fatal(err)
		}
		got := decode[exportResult](t, v)
		if len(got.Files) != len(files) {
			t.Fatalf("%s: %d files, native %d", name, len(got.Files), len(files))
		}
		for i, f := range files {
			if got.Files[i].Name != f.Name || got.Files[i].Data != string(f.Data) {
				t.Errorf("%s: file %d (%s) differs from the native export", name, i, f.Name)
			}
		}
		if !slices.Equal(got.Report, nonNil([]string(rep))) {
			t.Errorf("%s: report %q, native %q", name, got.Report, rep)
		}
		if len(files) > 1 {
			want, err := formats.Zip(files)
			if err != nil {
				t.Fatal(err)
			}
			if zv.IsUndefined() || !bytes.Equal(jsBytes(t, zv), want) {
				t.Errorf("%s: the zip differs from formats.Zip", name)
			}
		} else if !zv.IsUndefined() {
			t.Errorf("%s: a zip for one file", name)
		}
		if name == "spanmark" && got.Files[0].Data != string(mustString(t, call(t, "exportProject"))) {
			t.Error("exportAs(spanmark) differs from exportProject()")
		}
	}
	if e := throws(t, "exportAs", "csv"); e.Code != "bad_argument" || !strings.Contains(e.Message, `unknown format "csv"`) {
		t.Errorf("unknown format: %+v", e)
	}
}

func mustString(t testing.TB, v safejs.Value) string {
	t.Helper()
	s, err := v.String()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type preview struct {
	Token     string `json:"token"`
	Format    string `json:"format"`
	Documents int    `json:"documents"`
	Spans     int    `json:"spans"`
	Relations int    `json:"relations"`
	// read as suggestions (options.asSuggestions)
	Suggestions int      `json:"suggestions"`
	Matched     int      `json:"matched"`
	Report      []string `json:"report"`
	Append      struct {
		Possible bool     `json:"possible"`
		Report   []string `json:"report"`
		Error    string   `json:"error"`
	} `json:"append"`
	Labels []importLabel `json:"labels"`
}

type docInfoT struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Status    string         `json:"status"`
	Labels    []string       `json:"labels"`
	Meta      map[string]any `json:"meta"`
	Spans     int            `json:"spans"`
	Relations int            `json:"relations"`
	Length    int            `json:"length"`
	LengthCP  int            `json:"lengthCP"`
	Annotator string         `json:"annotator"`
}

func file(name string, data any) map[string]any { return map[string]any{"name": name, "data": data} }

// TestImportJSONLReplace: preview changes nothing; commit "replace" makes
// the project exactly what the native import of the same bytes gives.
func TestImportJSONLReplace(t *testing.T) {
	p := loadGolden(t)
	files, _, err := formats.JSONL{}.Export(p, formats.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	call(t, "newProject")
	call(t, "addDocument", "other", "Other", "Something else entirely.")
	before := mustString(t, call(t, "exportProject"))

	pv := callAs[preview](t, "importPreview", []any{file("corpus.jsonl", u8(t, files[0].Data))})
	if pv.Format != "jsonl" || pv.Documents != 2 || pv.Token == "" || !pv.Append.Possible {
		t.Fatalf("preview %+v", pv)
	}
	var spans, rels int
	for _, d := range p.Documents() {
		spans += d.NumSpans()
		rels += d.NumRelations()
	}
	if pv.Spans != spans || pv.Relations != rels {
		t.Errorf("preview counts %d spans, %d relations; the project has %d, %d", pv.Spans, pv.Relations, spans, rels)
	}
	if got := mustString(t, call(t, "exportProject")); got != before {
		t.Fatal("importPreview changed the project")
	}
	docs := commitImport(t, pv.Token, "replace")
	if len(docs) != 2 || docs[0].ID != p.Documents()[0].ID {
		t.Fatalf("commit returned %+v", docs)
	}
	_, np, _, err := formats.Read([]formats.File{{Name: "corpus.jsonl", Data: files[0].Data}}, "", formats.ImportOptions{Schema: annotate.DefaultSchema()})
	if err != nil {
		t.Fatal(err)
	}
	wantBytes, _ := np.Bytes()
	if got := mustString(t, call(t, "exportProject")); got != string(wantBytes) {
		t.Error("the committed project differs from the native import")
	}
	// The token is spent.
	if e := throws(t, "stagedProject", pv.Token); e.Code != "bad_argument" || e.Field != "token" {
		t.Errorf("second commit: %+v", e)
	}
}

// TestImportBratAppend: a brat pair (text sent as a string, .ann as bytes)
// is added to the project; the clashing document id is renamed as the
// preview said, and the other documents keep their spans.
func TestImportBratAppend(t *testing.T) {
	p := loadGolden(t)
	files, _, err := formats.Brat{}.Export(p, formats.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var txt, ann formats.File
	for _, f := range files {
		switch {
		case strings.HasSuffix(f.Name, ".txt") && txt.Name == "":
			txt = f
		case strings.HasSuffix(f.Name, ".ann") && ann.Name == "":
			ann = f
		}
	}
	before := decode[[]docInfoT](t, call(t, "documents"))
	pv := callAs[preview](t, "importPreview", []any{file(ann.Name, u8(t, ann.Data)), file(txt.Name, string(txt.Data))}, map[string]any{"format": "brat"})
	if pv.Format != "brat" || pv.Documents != 1 || pv.Spans == 0 {
		t.Fatalf("preview %+v", pv)
	}
	id := before[0].ID
	wantRename := "1 document renamed, the project already has their ids: " + id + " → " + id + "-2"
	if !pv.Append.Possible || !slices.Contains(pv.Append.Report, wantRename) {
		t.Fatalf("append plan %+v; want %q", pv.Append, wantRename)
	}
	docs := commitImport(t, pv.Token, "append")
	if len(docs) != 1 || docs[0].ID != id+"-2" || docs[0].Spans != pv.Spans {
		t.Fatalf("commit returned %+v", docs)
	}
	after := decode[[]docInfoT](t, call(t, "documents"))
	if len(after) != len(before)+1 || !slices.EqualFunc(after[:len(before)], before, func(a, b docInfoT) bool { return a.ID == b.ID && a.Spans == b.Spans }) {
		t.Errorf("documents after append: %+v", after)
	}
	// The appended document is an ordinary one: it can be edited.
	call(t, "addSpan", id+"-2", "PERSON", nums(0, 3), map[string]any{"snap": "char"})
}

// TestImportFailureChangesNothing: each bad input throws a located error
// with a code, and the project (and the staged import) stay as they were.
func TestImportFailureChangesNothing(t *testing.T) {
	loadGolden(t)
	ok := callAs[preview](t, "importPreview", []any{file("ok.jsonl", `{"text": "fine"}`)})
	before := mustString(t, call(t, "exportProject"))
	cases := []struct {
		files      []any
		code, want string
		format     string // the format named by the error, when the files were recognised
	}{
		{[]any{file("latin1.jsonl", u8(t, []byte("{\"text\": \"caf\xe9\"}\n")))}, "bad_format",
			"latin1.jsonl:1: the file is not UTF-8: byte 0xE9 at byte offset 13", ""},
		{[]any{file("empty.jsonl", u8(t, nil))}, "bad_format", "empty.jsonl: the file is empty", ""},
		{[]any{file("image.png", u8(t, []byte("\x89PNG\r\n\x1a\n\x00\x00")))}, "bad_format", "image.png: the file is binary", ""},
		{[]any{file("broken.jsonl", "{\"text\": \"a\"}\n{\"label\": []}\n")}, "bad_format", `broken.jsonl:2: field text: the record has no "text"`, "jsonl"},
		// code point offsets read as doccano's UTF-16 split the emoji: the
		// error names the format, so the page can offer the offset unit
		{[]any{file("admin.jsonl", `{"text": "👍 ok", "label": [[1, 4, "X"]]}`)}, "splits_grapheme",
			"admin.jsonl:1: document \"doc-1\", field label[0]: span X: [1,4) splits a character", "doccano"},
		{[]any{file("mismatch.json", `[{"data": {"text": "Hello world"}, "annotations": [{"result": [{"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 1, "end": 6, "text": "Hello", "labels": ["X"]}}]}]}]`)},
			"text_mismatch", "mismatch.json", "labelstudio"},
		{[]any{file("a.ann", "T1\tPER 0 3\tBob\n")}, "bad_format", "a.ann: no a.txt beside it", "brat"},
		{[]any{map[string]any{"name": "x.jsonl", "data": 5}}, "bad_argument", "must be a string or a Uint8Array", ""},
		{[]any{}, "bad_argument", "no files to import", ""},
	}
	for _, c := range cases {
		e := throws(t, "importPreview", c.files)
		if !e.IsError || e.Code != c.code || !strings.Contains(e.Message, c.want) || e.Format != c.format {
			t.Errorf("threw %q (%s, format %q), want %s containing %q (format %q)", e.Message, e.Code, e.Format, c.code, c.want, c.format)
		}
		if c.code != "bad_argument" && (len(e.Problems) == 0 || e.Problems[0]["file"] == nil) {
			t.Errorf("%s: problems do not name the file: %v", c.want, e.Problems)
		}
		if got := mustString(t, call(t, "exportProject")); got != before {
			t.Fatalf("a failed import (%s) changed the project", c.want)
		}
	}
	// The earlier preview is still staged and can be discarded.
	call(t, "importDiscard", ok.Token)
	if e := throws(t, "stagedProject", ok.Token); e.Code != "bad_argument" {
		t.Errorf("commit after discard: %+v", e)
	}
	if e := throws(t, "checkImportFile", "video.mp4", 60<<20); e.Code != "bad_format" || e.Message != "video.mp4: the file is 60.0 MB; files over 50.0 MB are not imported" {
		t.Errorf("checkImportFile: %+v", e)
	}
	call(t, "checkImportFile", "small.jsonl", 1000)
	if got := mustString(t, call(t, "exportProject")); got != before {
		t.Fatal("the project changed")
	}
}

// TestImportAppendConflict: a spanmark project whose PERSON is a claim
// label cannot be added (the preview says so), commit "append" throws
// bad_schema and changes nothing, and "replace" still works.
func TestImportAppendConflict(t *testing.T) {
	loadGolden(t)
	before := mustString(t, call(t, "exportProject"))
	s := annotate.DefaultSchema()
	s.Label("PERSON").Layer = annotate.LayerClaim
	o := annotate.NewProject(s)
	if _, err := o.AddDocument("x", "X", "Text.", annotate.Meta{}); err != nil {
		t.Fatal(err)
	}
	b, _ := o.Bytes()
	pv := callAs[preview](t, "importPreview", []any{file("other.json", string(b))})
	if pv.Format != "spanmark" || pv.Append.Possible || !strings.Contains(pv.Append.Error, `label "PERSON" is in the entity layer`) {
		t.Fatalf("preview %+v", pv)
	}
	if e := throws(t, "stagedProject", pv.Token, "append"); e.Code != "bad_schema" {
		t.Errorf("append: %+v", e)
	}
	if got := mustString(t, call(t, "exportProject")); got != before {
		t.Fatal("a refused append changed the project")
	}
	if e := throws(t, "stagedProject", pv.Token, "merge"); e.Code != "bad_argument" || e.Field != "mode" {
		t.Errorf("bad mode: %+v", e)
	}
	call(t, "importProject", stagedBytes(t, call(t, "stagedProject", pv.Token, "replace")))
	if got := mustString(t, call(t, "exportProject")); got != string(b) {
		t.Error("replace did not load the file as it is")
	}
}

// TestImportWarmChangesNothing: the warm-up the page runs while the file
// picker is open leaves the project and the staged import as they were.
func TestImportWarmChangesNothing(t *testing.T) {
	loadGolden(t)
	ok := callAs[preview](t, "importPreview", []any{file("ok.jsonl", `{"text": "fine"}`)})
	before := mustString(t, call(t, "exportProject"))
	if v := call(t, "importWarm"); !v.IsNull() && !v.IsUndefined() {
		t.Errorf("importWarm returned %v", v)
	}
	if got := mustString(t, call(t, "exportProject")); got != before {
		t.Fatal("importWarm changed the project")
	}
	call(t, "stagedProject", ok.Token) // still staged
	call(t, "importDiscard", ok.Token)
}
