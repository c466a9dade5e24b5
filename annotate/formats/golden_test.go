package formats

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// goldenName is where an exported file's golden copy lives.
func goldenName(format string, f File) string {
	if format == "brat" {
		return filepath.Join(goldenDir, "brat", f.Name)
	}
	return filepath.Join(goldenDir, format+"."+strings.TrimPrefix(filepath.Ext(f.Name), "."))
}

func TestExportGolden(t *testing.T) {
	p := sampleProject(t)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			f, _ := Get(name)
			files, rep, err := f.Export(p, ExportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			again, rep2, _ := f.Export(p, ExportOptions{})
			if !slices.EqualFunc(files, again, func(a, b File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) || !slices.Equal(rep, rep2) {
				t.Fatal("two exports of the same project differ")
			}
			// the report is part of the golden output: losses must not change unnoticed
			var all []File
			all = append(all, files...)
			all = append(all, File{Name: "report.txt", Data: []byte(strings.Join(rep, "\n") + "\n")})
			for _, file := range all {
				path := goldenName(name, file)
				if file.Name == "report.txt" {
					path = filepath.Join(goldenDir, name+".report.txt")
				}
				if *update {
					os.MkdirAll(filepath.Dir(path), 0o755)
					if err := os.WriteFile(path, file.Data, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(file.Data, want) {
					t.Errorf("%s differs from %s (run go test -update after checking the change)", file.Name, path)
				}
			}
		})
	}
}

func TestSpanmarkByteIdentical(t *testing.T) {
	p := sampleProject(t)
	b, _ := p.Bytes()
	q, rep, err := Spanmark{}.Import([]File{{Name: "p.json", Data: b}}, ImportOptions{})
	if err != nil || len(rep) > 0 {
		t.Fatal(err, rep)
	}
	files, _, _ := Spanmark{}.Export(q, ExportOptions{})
	if !bytes.Equal(files[0].Data, b) {
		t.Fatal("spanmark → spanmark is not byte-identical")
	}
}

// spanSet renders a project's spans as "doc label [s,e);[s,e)" lines,
// sorted, for comparing what survived a round trip.
func spanSet(p *annotate.Project, keep func(*annotate.Span) bool) []string {
	var out []string
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			if keep == nil || keep(s) {
				out = append(out, s.Label+" "+fragString(s.Fragments)+" "+strings.Join(d.SpanText(s), "|"))
			}
		}
	}
	slices.Sort(out)
	return out
}

func roundTrip(t *testing.T, f Format, p *annotate.Project) (*annotate.Project, Report) {
	t.Helper()
	files, rep, err := f.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q, _, err := f.Import(files, ImportOptions{})
	if err != nil {
		t.Fatalf("re-import of the %s export: %v", f.Name(), err)
	}
	return q, rep
}

func TestRoundTripLossless(t *testing.T) {
	// jsonl and labelstudio keep everything (Label Studio renumbers
	// relations, which here come out with the same ids).
	for _, f := range []Format{Spanmark{}, JSONL{}, LabelStudio{}} {
		p := sampleProject(t)
		q, _ := roundTrip(t, f, p)
		a, _ := p.Bytes()
		b, _ := q.Bytes()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: spanmark → %s → spanmark changed the project", f.Name(), f.Name())
		}
	}
}

func TestRoundTripDoccano(t *testing.T) {
	p := sampleProject(t)
	q, rep := roundTrip(t, Doccano{}, p)
	wantRep := []string{
		"doccano: 2 multi-fragment spans written as one entity per fragment (doccano has no discontinuous entities)",
		"doccano: not representable, dropped: 11 attribute values, 1 note",
		"doccano: not representable, dropped: status of 2 documents, document labels of 1 document",
	}
	if !slices.Equal(rep, wantRep) {
		t.Errorf("report:\n%s", strings.Join(rep, "\n"))
	}
	// texts, ids, titles and single-fragment spans survive; multi-fragment
	// spans come back as one span per fragment
	var want []string
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			for i, f := range s.Fragments {
				want = append(want, s.Label+" "+fragString([]annotate.Fragment{f})+" "+d.SpanText(s)[i])
			}
		}
	}
	slices.Sort(want)
	if got := spanSet(q, nil); !slices.Equal(got, want) {
		t.Errorf("spans:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, d := range q.Documents() {
		pd := p.Documents()[i]
		if d.ID != pd.ID || d.Title != pd.Title || d.Text() != pd.Text() || d.NumRelations() != pd.NumRelations() || d.Meta != pd.Meta {
			t.Errorf("document %s changed", pd.ID)
		}
		if d.Status != annotate.StatusTodo || d.Labels != nil {
			t.Errorf("status and labels should be lost")
		}
	}
}

func TestRoundTripBrat(t *testing.T) {
	p := sampleProject(t)
	q, rep := roundTrip(t, Brat{}, p)
	wantRep := []string{
		`brat: 1 name is not valid in brat's configuration, written under brat names that annotation.conf maps back (spanmark restores them on import): value "direct quote" of attribution → direct_quote`,
		`brat: 2 text attribute values (free text, which brat attributes cannot hold) written as "spanmark" comment lines (#), which brat keeps and shows and spanmark reads back`,
		`brat: 2 spans lie in the gap of a discontinuous span (brat compares such a span by its outer bounds and takes that for crossing): annotation.conf lets CLAIM/SOURCE, CLAIM/CUE cross`,
		"brat: 1 span run over a line break, written with the line break left out as separate fragments",
		`brat: 1 note contains line breaks or tabs: AnnotatorNotes shows it with spaces, and a "spanmark" comment line keeps it exactly for spanmark (unless the note is edited in brat)`,
		"brat: not representable, dropped: 2 titles, source/url/date of 2 documents, status of 2 documents, document labels of 1 document",
	}
	if !slices.Equal(rep, wantRep) {
		t.Errorf("report:\n%s", strings.Join(rep, "\n"))
	}
	// Everything else survives, ids included: compare after applying the
	// reported change (the split span) to the original.
	for _, pd := range p.Documents() {
		d := q.Doc(pd.ID) // brat imports pairs in file-name order
		if d == nil || d.Text() != pd.Text() || d.NumSpans() != pd.NumSpans() || d.NumRelations() != pd.NumRelations() {
			t.Fatalf("document %s changed", pd.ID)
		}
		for _, s := range pd.Spans() {
			got := d.Span(s.ID)
			if got == nil || got.Label != s.Label || !maps.Equal(got.Attrs, s.Attrs) {
				t.Errorf("span %s changed: %+v → %+v", s.ID, s, got)
				continue
			}
			if strings.ContainsAny(strings.Join(pd.SpanText(s), ""), "\r\n") {
				if len(got.Fragments) != 2 {
					t.Errorf("the CRLF-crossing span should come back in 2 fragments (the blank line between is left out): %v", got.Fragments)
				}
			} else if !slices.Equal(got.Fragments, s.Fragments) {
				t.Errorf("span %s fragments %v → %v", s.ID, s.Fragments, got.Fragments)
			}
			if got.Note != s.Note {
				t.Errorf("note %q → %q", s.Note, got.Note)
			}
		}
		for _, r := range pd.Relations() {
			if g := d.Relation(r.ID); g == nil || *g != *r {
				t.Errorf("relation %v → %v", r, g)
			}
		}
	}
}

func TestRoundTripCoNLL(t *testing.T) {
	p := sampleProject(t)
	q, rep := roundTrip(t, CoNLL{}, p)
	wantRep := []string{
		"conll: 1 nested or overlapping entity span dropped (IOB keeps one span per token; the longest was kept)",
		"conll: 12 spans outside the entity layer (claims, sources, cues) not representable, dropped",
		"conll: not representable, dropped: 8 relations, 11 attribute values, 1 note",
		"conll: not representable, dropped: 2 titles, source/url/date of 2 documents, status of 2 documents, document labels of 1 document",
		"conll: document ids, span ids and the original spacing are not kept (the text is rebuilt from tokens on import)",
	}
	if !slices.Equal(rep, wantRep) {
		t.Errorf("report:\n%s", strings.Join(rep, "\n"))
	}
	// The entity spans survive by label and text (offsets move, since the
	// text is rebuilt), except the nested ORG "Wall Street Journal".
	var want []string
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			if l := p.Schema.Label(s.Label); l.Layer == annotate.LayerEntity && !(s.Label == "ORG" && d.SpanText(s)[0] == "Wall Street Journal") {
				want = append(want, s.Label+" "+strings.Join(strings.Fields(d.SpanText(s)[0]), " "))
			}
		}
	}
	var got []string
	for _, d := range q.Documents() {
		for _, s := range d.Spans() {
			got = append(got, s.Label+" "+d.SpanText(s)[0])
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	// the tokenizer splits "Navy’s" into one word and "Müller-Østergaard"
	// keeps its hyphen: compare with spaces removed
	norm := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.ReplaceAll(x, " ", "")
		}
		return out
	}
	if !slices.Equal(norm(got), norm(want)) {
		t.Errorf("entities:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(q.Documents()) != 2 {
		t.Errorf("-DOCSTART- should keep the 2 documents apart, got %d", len(q.Documents()))
	}
}

func TestZipDeterministic(t *testing.T) {
	files, _, _ := Brat{}.Export(sampleProject(t), ExportOptions{})
	a, err := Zip(files)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Zip(files)
	if !bytes.Equal(a, b) {
		t.Fatal("two zips of the same files differ")
	}
}
