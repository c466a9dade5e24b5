package formats

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// members lists the members of a JSON object as "key=compact value", in
// order, leaving out the keys in skip.
func members(t testing.TB, obj []byte, skip []string) []string {
	t.Helper()
	var out []string
	objectMembers(obj, func(k string, v []byte) {
		for _, s := range skip {
			if s == k {
				return
			}
		}
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			t.Fatalf("member %s: %v", k, err)
		}
		out = append(out, k+"="+b.String())
	})
	return out
}

// throughFile saves and loads a project, as the page keeps it.
func throughFile(t testing.TB, p *annotate.Project) *annotate.Project {
	t.Helper()
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	q, err := annotate.Load(b, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := q.Bytes()
	if !bytes.Equal(b, c) {
		t.Fatal("save(load(file)) differs from the file")
	}
	return q
}

func export(t testing.TB, f Format, p *annotate.Project, opt ExportOptions) ([]byte, Report) {
	t.Helper()
	files, rep, err := f.Export(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return files[0].Data, rep
}

func lineRecords(data []byte) [][]byte {
	var out [][]byte
	jsonLines(data, func(_ int, rec []byte) { out = append(out, rec) })
	return out
}

// The metadata of the real peer files comes back byte for byte: doccano's
// "meta" (and any other top-level field) through doccano, Prodigy's meta
// through JSONL, each through the project file between.
func TestPeerMetaRoundTrip(t *testing.T) {
	if _, err := os.Stat(peersDir); err != nil {
		t.Skipf("peer files not found at %s (they live beside the repository in ../shared/peers): %v", peersDir, err)
	}
	t.Run("doccano", func(t *testing.T) {
		// doccano's own import test file; its third record has no text
		// (an invalid record on purpose), so the two good ones are used
		b, err := os.ReadFile(filepath.Join(peersDir, "doccano/doccano__doccano__backend__data_import__tests__data__sequence_labeling__example.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var good [][]byte
		for _, rec := range lineRecords(b) {
			if bytes.Contains(rec, []byte(`"text"`)) {
				good = append(good, rec)
			}
		}
		if len(good) != 2 {
			t.Fatalf("%d records with text, want 2", len(good))
		}
		p, _, err := Doccano{}.Import([]File{{Name: "example.jsonl", Data: append(bytes.Join(good, []byte("\n")), '\n')}}, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Documents()[0].Meta.Extra; got != `{"meta":{"wikiPageID":1}}` {
			t.Errorf("Extra %s", got)
		}
		out, _ := export(t, Doccano{}, throughFile(t, p), ExportOptions{})
		recs := lineRecords(out)
		for i, rec := range good {
			want := members(t, rec, doccanoKnown)
			got := members(t, recs[i], append([]string{"doc_id"}, doccanoKnown...))
			if strings.Join(got, " ") != strings.Join(want, " ") || len(want) == 0 {
				t.Errorf("record %d: other fields %q, want %q", i, got, want)
			}
		}
		if !bytes.Contains(recs[0], []byte(`"meta":{"wikiPageID":1}}`)) {
			t.Errorf("record 0: %s", recs[0])
		}
	})
	t.Run("prodigy", func(t *testing.T) {
		files := peerFiles(t, "spacy-prodigy/explosion__projects__tutorials__nel_emerson__assets__emerson_annotated_text.jsonl")
		p, _, err := JSONL{}.Import(files, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out, _ := export(t, JSONL{}, throughFile(t, p), ExportOptions{})
		in, recs := lineRecords(files[0].Data), lineRecords(out)
		if len(in) != 30 || len(recs) != 30 {
			t.Fatalf("%d records in, %d out", len(in), len(recs))
		}
		for i := range in {
			var a, b struct{ Meta json.RawMessage }
			if json.Unmarshal(in[i], &a) != nil || json.Unmarshal(recs[i], &b) != nil {
				t.Fatal("records do not decode")
			}
			want := members(t, a.Meta, nil)
			got := members(t, b.Meta, jsonlMetaKnown)
			if strings.Join(got, " ") != strings.Join(want, " ") || len(want) == 0 {
				t.Errorf("record %d: meta %q, want %q", i, got, want)
			}
		}
	})
}

// Values are kept as the file wrote them (numbers past float64, 1.0,
// escapes, HTML, nesting, member order), through each format that keeps
// metadata, with spanmark's own fields taken out and the rest written back
// where the tool keeps it.
func TestMetaVerbatim(t *testing.T) {
	const extra = `{"z_first": 1.0, "big": 12345678901234567890, "s": "caf\u00e9 <b>&", "nested": {"b": [1, {"y": null}], "a": true}, "empty": {}, "list": []}`
	wantExtra := `{"z_first":1.0,"big":12345678901234567890,"s":"caf\u00e9 <b>&","nested":{"b":[1,{"y":null}],"a":true},"empty":{},"list":[]}`
	text := "Alice met Bob."
	cases := []struct {
		name string
		f    Format
		in   string
		want string // Meta.Extra
		// out finds the kept metadata in the export
		out func(t *testing.T, rec []byte) []string
	}{
		{"doccano", Doccano{}, `{"text": "` + text + `", "label": [[0, 5, "PERSON"]], "source": "wire", "z_first": 1.0, "big": 12345678901234567890, "s": "caf\u00e9 <b>&", "nested": {"b": [1, {"y": null}], "a": true}, "empty": {}, "list": []}` + "\n",
			wantExtra,
			func(t *testing.T, rec []byte) []string {
				return members(t, rec, append([]string{"doc_id"}, doccanoKnown...))
			}},
		{"jsonl", JSONL{}, `{"text": "` + text + `", "meta": {"source": "wire", "z_first": 1.0, "big": 12345678901234567890, "s": "caf\u00e9 <b>&", "nested": {"b": [1, {"y": null}], "a": true}, "empty": {}, "list": []}, "spans": [{"start": 0, "end": 5, "label": "PERSON"}], "answer": "accept"}` + "\n",
			wantExtra,
			func(t *testing.T, rec []byte) []string {
				var r struct{ Meta json.RawMessage }
				if err := json.Unmarshal(rec, &r); err != nil {
					t.Fatal(err)
				}
				return members(t, r.Meta, jsonlMetaKnown)
			}},
		{"labelstudio", LabelStudio{}, `[{"id": 7, "data": {"text": "` + text + `", "source": "wire", "z_first": 1.0, "big": 12345678901234567890, "s": "caf\u00e9 <b>&", "nested": {"b": [1, {"y": null}], "a": true}, "empty": {}, "list": []}, "meta": {"batch": 3, "tags": ["x"]}, "annotations": []}]`,
			strings.TrimSuffix(wantExtra, "}") + `,"meta":{"batch":3,"tags":["x"]}}`,
			func(t *testing.T, out []byte) []string {
				var tasks []struct {
					Data json.RawMessage
					Meta json.RawMessage
				}
				if err := json.Unmarshal(out, &tasks); err != nil {
					t.Fatal(err)
				}
				return append(members(t, tasks[0].Data, lsDataKnown), members(t, []byte(`{"meta":`+string(tasks[0].Meta)+`}`), nil)...)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, rep, err := c.f.Import([]File{{Name: "in", Data: []byte(c.in)}}, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.Join(rep, "\n"), "not kept") {
				t.Errorf("report: %q", rep)
			}
			d := p.Documents()[0]
			if string(d.Meta.Extra) != c.want || d.Meta.Source != "wire" {
				t.Fatalf("Meta %+v\nwant Extra %s", d.Meta, c.want)
			}
			q := throughFile(t, p)
			b, _ := q.Bytes()
			if !bytes.Contains(b, []byte(`"version": 3`)) || !bytes.Contains(b, []byte(`"extra": `+c.want)) {
				t.Errorf("project file:\n%s", b)
			}
			out, rep := export(t, c.f, q, ExportOptions{})
			if len(rep) > 0 {
				t.Errorf("export report %q", rep)
			}
			rec := out
			if c.name != "labelstudio" {
				rec = lineRecords(out)[0]
			}
			want := members(t, []byte(c.want), nil)
			if got := c.out(t, rec); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("exported metadata\n got %q\nwant %q\n%s", got, want, out)
			}
			// a second export is the same bytes
			if again, _ := export(t, c.f, q, ExportOptions{}); !bytes.Equal(again, out) {
				t.Error("two exports differ")
			}
		})
	}
}

// Metadata whose keys another format writes itself or reads as labels is
// not written there, and the report names it; brat and CoNLL, which have no
// place for metadata, say they drop it.
func TestMetaCollisions(t *testing.T) {
	in := `[{"data": {"text": "Alice met Bob.", "label": "spam", "entities": 3, "id": "x1", "meta": 5}, "meta": {"m": 1}, "annotations": []}]`
	p, rep, err := LabelStudio{}.Import([]File{{Name: "t.json", Data: []byte(in)}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Documents()[0].Meta.Extra; got != `{"label":"spam","entities":3,"id":"x1","meta":5}` {
		t.Errorf("Extra %s", got)
	}
	if !strings.Contains(strings.Join(rep, "\n"), `the task's meta is not kept (its data has a field "meta" too)`) {
		t.Errorf("report %q", rep)
	}
	out, rep := export(t, Doccano{}, p, ExportOptions{})
	if want := `doccano: metadata fields not written (doccano would read them as its own): entities (1 document), label (1 document)`; !strings.Contains(strings.Join(rep, "\n"), want) {
		t.Errorf("report %q", rep)
	}
	if got := members(t, lineRecords(out)[0], []string{"doc_id", "text", "entities", "relations"}); strings.Join(got, " ") != `id="x1" meta=5` {
		t.Errorf("doccano record %s", out)
	}
	// a "meta" that is not an object stays in data for Label Studio
	out, _ = export(t, LabelStudio{}, p, ExportOptions{})
	if !bytes.Contains(out, []byte(`"meta": 5`)) || bytes.Contains(out, []byte(`"meta": {`)) {
		t.Errorf("labelstudio:\n%s", out)
	}
	for _, f := range []Format{CoNLL{}, Brat{}} {
		_, rep, err := f.Export(p, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(rep, "\n"), "other metadata (from doccano, Prodigy or Label Studio) of 1 document") {
			t.Errorf("%s report %q", f.Name(), rep)
		}
	}
}

// A task whose data is not an object is refused at its own line, as before
// the data's members were kept.
func TestLabelStudioDataNotObject(t *testing.T) {
	_, _, err := LabelStudio{}.Import([]File{{Name: "t.json", Data: []byte("[\n {\"id\": 1,\n  \"data\": [\"x\"]}\n]\n")}}, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "t.json:3: field [0].data: expected map[string]interface {}, found a JSON array") {
		t.Fatalf("got %v", err)
	}
}
