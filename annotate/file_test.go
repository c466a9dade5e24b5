package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenProject annotates both sample articles: entities, a split claim
// with claimant, cue and attributes, spans after emoji, in Hebrew and CJK.
func goldenProject(t testing.TB) *Project {
	p := NewProject(nil)
	iran := readArticle(t, "iran-us-talks.txt")
	d, err := p.AddDocument("iran-us-talks", "U.S., Iran Holding Secret Talks to Renew Diplomatic Ties, Times Reports", iran,
		Meta{Source: "Haaretz", Date: "2015-04-20"})
	if err != nil {
		t.Fatal(err)
	}
	obama := mustAdd(t, d, "PERSON", at(t, iran, "Barack Obama", 0))
	said := mustAdd(t, d, "CUE", at(t, iran, "said", 1))
	_ = said
	sources := mustAdd(t, d, "SOURCE", at(t, iran, "anonymous sources", 0))
	claim, _, err := d.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{at(t, iran, "Renewal of ties is contingent on reaching a deal over Iran's nuclear program", 0)},
		Attrs: map[string]any{"checkworthy": "yes", "attribution": "indirect", "polarity": "asserted", "normalized": "Renewed U.S.-Iran ties depend on a nuclear deal."}})
	if err != nil {
		t.Fatal(err)
	}
	say := mustAdd(t, d, "CUE", at(t, iran, "say", 0))
	if _, _, err := d.AddRelation(RelationClaimant, claim.ID, sources.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddRelation(RelationCue, claim.ID, say.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetNote(obama.ID, "44th U.S. president"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.LabelAll(LabelAllOptions{Label: "GPE", Pattern: "Iran", WholeWord: true, CaseSensitive: true}); err != nil {
		t.Fatal(err)
	}
	d.SetStatus(StatusInProgress)
	d.SetDocLabels([]string{"relevant"})

	gulf := readArticle(t, "gulf-shipping-multilingual.txt")
	g, err := p.AddDocument("", "Envoys Trade Claims Over Gulf Shipping Lanes", gulf, Meta{Source: "synthetic"})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, g, "PERSON", at(t, gulf, "Nasser Kanaani", 0))
	mustAdd(t, g, "PERSON", at(t, gulf, "ناصر کنعانی", 0))
	gallant := mustAdd(t, g, "PERSON", at(t, gulf, "יואב גלנט", 0))
	mustAdd(t, g, "PERSON", at(t, gulf, "Zoë Müller-Østergaard", 0))
	mustAdd(t, g, "GPE", at(t, gulf, "東京", 0))
	mustAdd(t, g, "GPE", at(t, gulf, "Gene\u0300ve", 0))
	told := mustAdd(t, g, "CUE", at(t, gulf, "told", 0))
	// a claim in two fragments around the attribution, crossing a CRLF-free gap
	c2, _, err := g.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{at(t, gulf, "the seizure", 0), at(t, gulf, "“proves the regime cannot be trusted”", 0)},
		Attrs: map[string]any{"checkworthy": "unsure", "attribution": "direct quote"}})
	if err != nil {
		t.Fatal(err)
	}
	g.AddRelation(RelationClaimant, c2.ID, gallant.ID)
	g.AddRelation(RelationCue, c2.ID, told.ID)
	// a span over a CRLF line end: the whole paragraph break
	crlf := strings.Index(gulf, "\r\n")
	if crlf < 0 {
		t.Fatal("the multilingual sample has no CRLF")
	}
	return p
}

func TestProjectFileGolden(t *testing.T) {
	p := goldenProject(t)
	got := saved(t, p)
	const path = "../testdata/golden/project.spanmark.json"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./annotate -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the project file differs from %s; if the change is intended, run with -update and review the diff", path)
	}
	// save(load(file)) reproduces the file byte for byte
	q, err := Load(want, path)
	if err != nil {
		t.Fatal(err)
	}
	if again := saved(t, q); !bytes.Equal(again, want) {
		t.Fatal("save(load(file)) is not byte-identical")
	}
	// the text is kept exactly: CRLF and all
	if q.Documents()[1].Text() != readArticle(t, "gulf-shipping-multilingual.txt") {
		t.Fatal("text changed on the way through the file")
	}
	// the compact file is the same JSON without the spacing, and loads
	// to the same project
	compact, err := p.CompactBytes()
	if err != nil {
		t.Fatal(err)
	}
	var ind, cmp bytes.Buffer
	if err := json.Compact(&ind, want); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&cmp, compact); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ind.Bytes(), cmp.Bytes()) || len(compact) >= len(want) {
		t.Fatalf("the compact file (%d bytes) is not the file (%d bytes) without its spacing", len(compact), len(want))
	}
	r, err := Load(compact, "compact.json")
	if err != nil {
		t.Fatal(err)
	}
	if again := saved(t, r); !bytes.Equal(again, want) {
		t.Fatal("save(load(compact file)) is not the file")
	}
}

func loadErrs(t *testing.T, data string) Errors {
	t.Helper()
	p, err := Load([]byte(data), "bad.json")
	if err == nil || p != nil {
		t.Fatalf("loaded; want errors")
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("%T %v", err, err)
	}
	return es
}

func TestLoadReportsEveryProblemWithItsLocation(t *testing.T) {
	good := string(saved(t, goldenProject(t)))
	// break three things in one file
	bad := strings.Replace(good, `"label": "GPE"`, `"label": "GEP"`, 1)
	bad = strings.Replace(bad, `"text": "Barack Obama"`, `"text": "Barack Obam"`, 1)
	bad = strings.Replace(bad, `"type": "cue"`, `"type": "kue"`, 1)
	es := loadErrs(t, bad)
	if len(es) != 3 {
		t.Fatalf("%d problems, want 3:\n%v", len(es), es)
	}
	want := []struct {
		code  Code
		field string
	}{{CodeUnknownLabel, "label"}, {CodeTextMismatch, "fragments[0].text"}, {CodeUnknownRelation, "type"}}
	for i, w := range want {
		e := es[i]
		if e.Code != w.code || e.Field != w.field || e.File != "bad.json" || e.Line == 0 || e.Doc != "iran-us-talks" {
			t.Errorf("problem %d: %+v, want %s at %s with file, line and document", i, e, w.code, w.field)
		}
	}
	// the line points at the span
	lines := strings.Split(bad, "\n")
	if l := lines[es[1].Line-1]; !strings.Contains(l, `"id": "`+es[1].Span+`"`) {
		t.Errorf("line %d is %q, not span %s", es[1].Line, l, es[1].Span)
	}
	if !strings.Contains(es[1].Error(), `"Barack Obam"`) || !strings.Contains(es[1].Error(), "not moved") {
		t.Errorf("mismatch message: %v", es[1])
	}
}

// Every problem of a file with thousands gets the line of its span, also
// in a file spaced unlike spanmark's (no space after the colons).
func TestLoadLocatesManyProblems(t *testing.T) {
	p, d := bigDoc(t, 200_000)
	data := string(saved(t, p))
	// one character fewer at the start of the text: every span's text is
	// now somewhere else
	key := `"text": "`
	i := strings.Index(data, key+d.Text()[:8])
	if i < 0 {
		t.Fatal("test setup: the document's text is not in the file")
	}
	bad := data[:i+len(key)] + data[i+len(key)+1:]
	bad = strings.ReplaceAll(bad, `": `, `":`)
	es := loadErrs(t, bad)
	lines := strings.Split(bad, "\n")
	spans := 0
	for _, e := range es {
		if e.Span == "" {
			continue
		}
		spans++
		if e.Line < 1 || e.Line > len(lines) || !strings.Contains(lines[e.Line-1], `"id":"`+e.Span+`"`) {
			t.Fatalf("%v: line %d is not span %s's", e, e.Line, e.Span)
		}
	}
	if spans < 1500 {
		t.Fatalf("%d span problems, want one per span (~2,000)", spans)
	}
}

func TestLoadRefusals(t *testing.T) {
	good := string(saved(t, goldenProject(t)))
	cases := []struct {
		name, data string
		code       Code
		line       int
	}{
		{"empty", "", CodeBadFormat, 0},
		{"not json", "{\n  \"format\": spanmark\n}", CodeBadFormat, 2},
		{"not spanmark", `{"format": "brat", "version": 1}`, CodeBadFormat, 1},
		{"future version", strings.Replace(good, `"version": 1`, `"version": 99`, 1), CodeBadVersion, 0},
		{"no version", `{"format": "spanmark"}`, CodeBadVersion, 1},
		{"wrong type", strings.Replace(good, `"status": "in_progress"`, `"status": 5`, 1), CodeBadFormat, 0},
		{"unknown field", strings.Replace(good, `"title":`, `"titel":`, 1), CodeBadFormat, 0},
		{"bad status", strings.Replace(good, `"status": "in_progress"`, `"status": "started"`, 1), CodeBadStatus, 0},
		{"duplicate document", strings.Replace(good, `"id": "`+goldenProject(t).Documents()[1].ID+`"`, `"id": "iran-us-talks"`, 1), CodeDuplicateID, 0},
		{"bad schema", strings.Replace(good, `"color": "#f4a261"`, `"color": "orange"`, 1), CodeBadSchema, 0},
		{"out of range", strings.Replace(good, `"end": 1`, `"end": 100000000`, 1), CodeOutOfRange, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := loadErrs(t, c.data)
			if es[0].Code != c.code {
				t.Fatalf("code %s, want %s: %v", es[0].Code, c.code, es)
			}
			if c.line > 0 && es[0].Line != c.line {
				t.Fatalf("line %d, want %d: %v", es[0].Line, c.line, es[0])
			}
			if !strings.HasPrefix(es[0].Error(), "bad.json") {
				t.Fatalf("message does not name the file: %v", es[0])
			}
		})
	}
	if es := loadErrs(t, strings.Replace(good, `"version": 1`, `"version": 99`, 1)); !strings.Contains(es[0].Msg, "newer") {
		t.Fatalf("future version message: %v", es[0])
	}
}

func TestLoadSpanSplittingGraphemeIsRefused(t *testing.T) {
	gulf := readArticle(t, "gulf-shipping-multilingual.txt")
	p, d := newDoc(t, gulf)
	zwj := at(t, gulf, "👩‍💻", 0)
	mustAdd(t, d, "PERSON", zwj)
	data := string(saved(t, p))
	x := d.Index()
	bad := strings.Replace(data, `"end": `+itoa(zwj.End)+`,`+"\n"+`              "text": "👩‍💻"`,
		`"end": `+itoa(zwj.End-1)+`,`+"\n"+`              "text": "`+x.Slice(zwj.Start, zwj.End-1)+`"`, 1)
	if bad == data {
		t.Fatal("test setup: replacement did not apply")
	}
	es := loadErrs(t, bad)
	if es[0].Code != CodeSplitsGrapheme {
		t.Fatalf("%v", es)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func FuzzLoad(f *testing.F) {
	good := saved(f, goldenProject(f))
	f.Add(good)
	f.Add([]byte(`{"format":"spanmark","version":1,"schema":{"labels":[],"relations":[],"overlap":{}},"documents":[{"id":"a","text":"xy","spans":[{"id":"s1","label":"X","fragments":[{"start":0,"end":1,"text":"x"}]}]}]}`))
	f.Add([]byte(`{"format":"spanmark","version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Load(data, "fuzz.json")
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not a located Errors: %T %v", err, err)
			}
			for _, e := range es {
				if e.File != "fuzz.json" || e.Code == "" || e.Msg == "" {
					t.Fatalf("unlocated error %+v", e)
				}
			}
			return
		}
		b := saved(t, p)
		q, err := Load(b, "again.json")
		if err != nil {
			t.Fatalf("saved file does not load: %v", err)
		}
		if !bytes.Equal(saved(t, q), b) {
			t.Fatal("save(load(save)) differs")
		}
	})
}

// reference encodes with encoding/json: what the hand-written encoder must
// reproduce byte for byte.
func reference(t *testing.T, p *Project) []byte {
	f := fileProject{Format: FormatName, Version: p.fileVersion(), Schema: p.Schema, Documents: []fileDoc{}}
	for _, d := range p.docs {
		fd := fileDoc{ID: d.ID, Title: d.Title, Meta: d.Meta, Status: d.Status, Annotator: d.Annotator, Labels: d.Labels, Text: d.Text(),
			Spans: []fileSpan{}, Relations: []fileRel{}}
		for _, s := range d.Spans() {
			fs := fileSpan{ID: s.ID, Label: s.Label, Attrs: s.Attrs, Note: s.Note}
			for _, f := range s.Fragments {
				fs.Fragments = append(fs.Fragments, fileFrag{f.Start, f.End, d.text.Slice(f.Start, f.End)})
			}
			fd.Spans = append(fd.Spans, fs)
		}
		for _, r := range d.Relations() {
			fd.Relations = append(fd.Relations, fileRel{r.ID, r.Type, r.From, r.To})
		}
		cs := slices.Clone(d.Undecided)
		slices.SortStableFunc(cs, compareCandidates)
		for _, c := range cs {
			fc := fileCand{Label: c.Label, Attrs: c.Attrs, Note: c.Note, Annotators: c.Annotators}
			for _, f := range c.Fragments {
				fc.Fragments = append(fc.Fragments, fileFrag{f.Start, f.End, d.text.Slice(f.Start, f.End)})
			}
			for _, r := range c.Relations {
				end := &fileCand{Label: r.Other.Label, Annotators: r.Other.Annotators}
				for _, f := range r.Other.Fragments {
					end.Fragments = append(end.Fragments, fileFrag{f.Start, f.End, d.text.Slice(f.Start, f.End)})
				}
				fr := fileCandRel{Type: r.Type}
				if r.Out {
					fr.To = end
				} else {
					fr.From = end
				}
				fc.Relations = append(fc.Relations, fr)
			}
			fd.Undecided = append(fd.Undecided, fc)
		}
		f.Documents = append(f.Documents, fd)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEncoderMatchesEncodingJSON(t *testing.T) {
	weird := "a\x00b\x1f\"q\"\\ <&> \u2028\u2029 \xff\xfe tab\there\r\n é 👍🏽 end"
	p := goldenProject(t)
	d, err := p.AddDocument("weird", weird, weird, Meta{URL: "http://x/?a=1&b=<2>", Date: "\u2028"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{{0, 3}, {5, 12}},
		Attrs: map[string]any{"normalized": weird, "checkworthy": "no"}, Note: weird}); err != nil {
		t.Fatal(err)
	}
	p.AddDocument("empty", "", "", Meta{})
	if got, want := saved(t, p), reference(t, p); !bytes.Equal(got, want) {
		t.Fatalf("hand-written encoder differs from encoding/json:\n%s\n---\n%s", got, want)
	}
	if got, want := saved(t, NewProject(nil)), reference(t, NewProject(nil)); !bytes.Equal(got, want) {
		t.Fatalf("empty project differs:\n%s\n---\n%s", got, want)
	}
}

func TestIsProjectFile(t *testing.T) {
	for in, want := range map[string]bool{
		`{"format":"spanmark","version":1,"documents":[]}`:         true,
		"\ufeff{\n  \"format\": \"spanmark\"":                      true, // truncated after the field: still meant as one
		`{"version":1,"schema":{"labels":[]},"format":"spanmark"}`: true,
		`{"format":"spanmark-history","version":1}`:                false,
		`[{"id":1,"data":{"text":"x"},"annotations":[]}]`:          false, // Label Studio
		`{"text":"x","label":[[0,1,"A"]]}`:                         false, // doccano
		`{"text":"x","spans":[]}` + "\n" + `{"text":"y"}`:          false, // spaCy JSONL
		"-DOCSTART- -X- O O\n":                                     false,
		"":                                                         false,
		`{"format":`:                                               false,
	} {
		if got := IsProjectFile([]byte(in)); got != want {
			t.Errorf("IsProjectFile(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestLoadFragmentTextForms: a fragment's text is checked against the
// document in every form a file may write it: plain, escaped, beyond
// ASCII, wrong in each form, empty and null.
func TestLoadFragmentTextForms(t *testing.T) {
	good := string(saved(t, goldenProject(t)))
	const frag = `"text": "Barack Obama"`
	if !strings.Contains(good, frag) {
		t.Fatalf("the golden project has no %s", frag)
	}
	for _, c := range []struct {
		text string // as written in the file
		want string // "" loads; else in the message
	}{
		{`"Barack Obama"`, ""},
		{`"Barack \u004fbama"`, ""},
		{`"Barack Obam\u0061"`, ""},
		{`"Barack\u0020Obama"`, ""},
		{`"Barack Obam"`, `is "Barack Obam" but the document has "Barack Obama"`},
		{`"Barack \u004fbam"`, `is "Barack Obam" but the document has "Barack Obama"`},
		{`"Barack Obamá"`, `is "Barack Obamá" but the document has "Barack Obama"`},
		{`"barack obama"`, `is "barack obama"`},
		{`""`, `gives no text for`},
		{`null`, `gives no text for`},
	} {
		data := strings.Replace(good, frag, `"text": `+c.text, 1)
		p, err := Load([]byte(data), "x.json")
		if c.want == "" {
			if err != nil || p == nil {
				t.Errorf("%s: %v, want it to load", c.text, err)
			}
			continue
		}
		es := loadErrs(t, data)
		if len(es) != 1 || es[0].Code != CodeTextMismatch || !strings.Contains(es[0].Msg, c.want) {
			t.Errorf("%s: %v, want one text mismatch saying %q", c.text, es, c.want)
		}
	}
}
