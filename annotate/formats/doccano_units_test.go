package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rivo/uniseg"
	"github.com/spanmark/spanmark/annotate"
)

// sliceIn slices text by offsets in a unit, computed here independently of
// the code under test: UTF-16 as JavaScript's String.prototype.slice, code
// points as Python's str, grapheme clusters as a list of uniseg clusters.
func sliceIn(t *testing.T, u Unit, text string, start, end int) string {
	t.Helper()
	var parts []string
	switch u {
	case UnitUTF16:
		units := utf16.Encode([]rune(text))
		if start < 0 || end > len(units) || start > end {
			t.Fatalf("[%d,%d) outside %d UTF-16 units", start, end, len(units))
		}
		return string(utf16.Decode(units[start:end]))
	case UnitCodePoint:
		r := []rune(text)
		return string(r[start:end])
	case UnitGrapheme:
		g := uniseg.NewGraphemes(text)
		for g.Next() {
			parts = append(parts, g.Str())
		}
		return strings.Join(parts[start:end], "")
	}
	t.Fatalf("unit %q", u)
	return ""
}

// firemen is the example: an emoji ZWJ sequence of 4 code points,
// 7 UTF-16 code units and 1 grapheme cluster before the text.
const firemen = "👨🏻\u200d🚒 firemen drive firetrucks at work"

func importOne(t *testing.T, u Unit, line string) (*annotate.Project, Report, error) {
	t.Helper()
	return Doccano{}.Import([]File{{Name: "admin.jsonl", Data: []byte(line + "\n")}}, ImportOptions{Offsets: u})
}

func TestDoccanoImportUnits(t *testing.T) {
	for _, c := range []struct {
		unit       Unit
		start, end int
		want       string
		report     []string
	}{
		// doccano's view wrote [22,32): JavaScript string indices
		{UnitDefault, 22, 32, "firetrucks", nil},
		{UnitUTF16, 22, 32, "firetrucks", nil},
		{UnitCodePoint, 19, 29, "firetrucks", []string{"doccano: offsets read as code points, not UTF-16 code units as doccano's annotation view writes them by default"}},
		{UnitGrapheme, 16, 26, "firetrucks", []string{"doccano: offsets read as grapheme clusters, not UTF-16 code units as doccano's annotation view writes them by default"}},
		// the old reading: UTF-16 offsets taken for code points
		{UnitCodePoint, 22, 32, "etrucks at", nil},
	} {
		for _, shape := range []string{`"label": [[%d, %d, "VEHICLE"]]`, `"entities": [{"id": 1, "label": "VEHICLE", "start_offset": %d, "end_offset": %d}], "relations": []`} {
			line := fmt.Sprintf(`{"text": %q, `+shape+`}`, firemen, c.start, c.end)
			p, rep, err := importOne(t, c.unit, line)
			if err != nil {
				t.Fatalf("%s %s: %v", c.unit, line, err)
			}
			d := p.Documents()[0]
			s := d.Spans()[0]
			if got := d.SpanText(s)[0]; got != c.want {
				t.Errorf("%q [%d,%d): got %q, want %q", c.unit, c.start, c.end, got, c.want)
			}
			added := "doccano: labels added to the schema (entity layer): VEHICLE"
			if c.report != nil && !slices.Equal(rep, append(c.report, added)) {
				t.Errorf("%q: report %q", c.unit, rep)
			}
			if c.unit == UnitDefault && !slices.Equal(rep, []string{added}) {
				t.Errorf("default unit: report %q", rep)
			}
		}
	}
}

// doccanoRecord is a record the way doccano's export writes one for a
// sequence-labelling project: offsets are what its annotation view stored,
// JavaScript string indices (ensure_ascii=False, as doccano dumps).
func doccanoRecord(t *testing.T, id int, text string, subs ...string) (string, []string) {
	t.Helper()
	type ent struct {
		ID    int    `json:"id"`
		Label string `json:"label"`
		Start int    `json:"start_offset"`
		End   int    `json:"end_offset"`
	}
	var ents []ent
	for i, sub := range subs {
		b := strings.Index(text, sub)
		if b < 0 {
			t.Fatalf("%q not in the text", sub)
		}
		start := len(utf16.Encode([]rune(text[:b])))
		ents = append(ents, ent{ID: 100 + i, Label: "X", Start: start, End: start + len(utf16.Encode([]rune(sub)))})
	}
	b, err := json.Marshal(map[string]any{"id": id, "text": text, "entities": ents, "relations": []any{}, "Comments": []any{}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b), subs
}

func TestDoccanoMultilingualFile(t *testing.T) {
	text := readArticle(t, "gulf-shipping-multilingual.txt")
	subs := []string{"Envoys", "Nasser Kanaani", "ناصر کنعانی", "יואב גלנט", "A spokesperson for the Cafe\u0301 Europa talks",
		"Gene\u0300ve", "Zoë Müller-Østergaard", "Hormuz Lines", "東京", "Tokyo", "Middle East"}
	line, _ := doccanoRecord(t, 1, text, subs...)
	p, rep, err := importOne(t, UnitDefault, line)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep, []string{"doccano: labels added to the schema (entity layer): X"}) {
		t.Errorf("report %q", rep)
	}
	d := p.Documents()[0]
	var got []string
	for _, s := range d.Spans() {
		got = append(got, d.SpanText(s)[0])
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(subs))
	if !slices.Equal(got, want) {
		t.Errorf("spans:\n%q\nwant\n%q", got, want)
	}
	// written back, the offsets are doccano's own
	files, _, err := Doccano{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var inE, outE []doccanoEnt
	var rin, rout struct {
		Entities []doccanoEnt `json:"entities"`
	}
	json.Unmarshal([]byte(line), &rin)
	json.Unmarshal(files[0].Data, &rout)
	inE, outE = rin.Entities, rout.Entities
	for i := range inE {
		inE[i].ID = 0
	}
	for i := range outE {
		outE[i].ID = 0
	}
	slices.SortFunc(inE, func(a, b doccanoEnt) int { return a.Start - b.Start })
	if !slices.Equal(inE, outE) {
		t.Errorf("exported entities %v, doccano wrote %v", outE, inE)
	}
}

// TestDoccanoExportUnits checks every exported entity of the sample
// project against its span's text, slicing the way each unit's tool does.
func TestDoccanoExportUnits(t *testing.T) {
	p := sampleProject(t)
	_, wantRep, _ := Doccano{}.Export(p, ExportOptions{})
	var cpOffsets [][2]int
	for _, u := range []Unit{UnitDefault, UnitUTF16, UnitCodePoint, UnitGrapheme} {
		files, rep, err := Doccano{}.Export(p, ExportOptions{Offsets: u})
		if err != nil {
			t.Fatal(u, err)
		}
		if !slices.Equal(rep, wantRep) { // the unit was chosen: the report lists losses only
			t.Errorf("%q: report %q", u, rep)
		}
		unit := doccanoUnit(u)
		var all [][2]int
		for i, line := range strings.Split(strings.TrimSpace(string(files[0].Data)), "\n") {
			var rec doccanoDoc
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}
			d := p.Documents()[i]
			var want []string
			for _, s := range d.Spans() {
				want = append(want, d.SpanText(s)...)
			}
			var got []string
			for _, e := range rec.Entities {
				got = append(got, sliceIn(t, unit, rec.Text, e.Start, e.End))
				all = append(all, [2]int{e.Start, e.End})
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s, %s: entities read\n%q\nwant\n%q", unit, d.ID, got, want)
			}
		}
		if u == UnitCodePoint {
			cpOffsets = all
		}
		// and each unit reads back what it wrote
		q, _, err := Doccano{}.Import(files, ImportOptions{Offsets: u})
		if err != nil {
			t.Fatal(u, err)
		}
		if a, b := spanSet(q, nil), spanSet(mustRoundTrip(t, p), nil); !slices.Equal(a, b) {
			t.Errorf("%s: round trip\n%s\nwant\n%s", unit, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
	}
	// the figure behind the issue: how many entities code points would
	// have put on other text in doccano's view
	files, _, _ := Doccano{}.Export(p, ExportOptions{})
	var moved, n int
	for _, line := range strings.Split(strings.TrimSpace(string(files[0].Data)), "\n") {
		var rec doccanoDoc
		json.Unmarshal([]byte(line), &rec)
		for _, e := range rec.Entities {
			if [2]int{e.Start, e.End} != cpOffsets[n] {
				moved++
			}
			n++
		}
	}
	t.Logf("%d of %d entities have UTF-16 offsets other than their code point offsets", moved, n)
	if moved == 0 {
		t.Error("the sample project should have entities after astral characters")
	}
}

func mustRoundTrip(t *testing.T, p *annotate.Project) *annotate.Project {
	q, _ := roundTrip(t, Doccano{}, p)
	return q
}

func TestDoccanoRefusesSplitCharacters(t *testing.T) {
	for _, c := range []struct {
		unit Unit
		line string
		code annotate.Code
		err  string
	}{
		{UnitDefault, `{"text": "👍 ok", "label": [[1, 4, "X"]]}`, annotate.CodeSplitsGrapheme,
			`admin.jsonl:1: document "doc-1", field label[0]: span X: [1,4) splits a character: offset 1 falls between the two halves of the surrogate pair of "👍" (offsets read as UTF-16 code units; choose the unit the file uses)`},
		{UnitUTF16, `{"text": "ok 👍", "entities": [{"id": 7, "label": "X", "start_offset": 0, "end_offset": 4}], "relations": [{"id": 1, "from_id": 7, "to_id": 7, "type": "r"}]}`, annotate.CodeSplitsGrapheme,
			`admin.jsonl:1: document "doc-1", field entities[0]: entity 7 X: [0,4) splits a character: offset 4 falls between the two halves of the surrogate pair of "👍"`},
		// between 👍 and its skin tone: no surrogate pair split, but a cluster
		{UnitDefault, `{"text": "👍🏽 ok", "label": [[2, 7, "X"]]}`, annotate.CodeSplitsGrapheme,
			`admin.jsonl:1: document "doc-1", field label[0]: span X: [2,7) splits a character: offset 2 lies inside the grapheme cluster "👍🏽" at [0,4)`},
		{UnitDefault, `{"text": "👍 ok", "label": [[0, 6, "X"]]}`, annotate.CodeOutOfRange,
			`admin.jsonl:1: document "doc-1", field label[0]: span X: [0,6) lies outside the text, which is 5 UTF-16 code units long`},
		{UnitGrapheme, `{"text": "👍🏽 ok", "label": [[0, 5, "X"]]}`, annotate.CodeOutOfRange,
			`[0,5) lies outside the text, which is 4 grapheme clusters long`},
	} {
		p, _, err := importOne(t, c.unit, c.line)
		var es annotate.Errors
		if !errors.As(err, &es) || p != nil {
			t.Fatalf("%s: want an error, got %v", c.line, err)
		}
		if len(es) != 1 || es[0].Code != c.code || !strings.Contains(es[0].Error(), c.err) {
			t.Errorf("%s:\n got %v\nwant %s", c.line, err, c.err)
		}
	}
}

// A span inside a grapheme cluster cannot be written in graphemes. The core
// never holds one (it refuses such spans), so the conversion is checked on
// its own.
func TestUnitsGraphemeOut(t *testing.T) {
	x := annotate.NewTextIndex("a👍🏽b")
	c := newUnits(UnitGrapheme, x)
	if s, e, p := c.fragOut(annotate.Fragment{Start: 1, End: 3}); p != "" || s != 1 || e != 2 {
		t.Errorf("[1,3) → [%d,%d) %s", s, e, p)
	}
	if _, _, p := c.fragOut(annotate.Fragment{Start: 2, End: 4}); p != `[2,4) splits the character "👍🏽" (code point 2 lies inside that grapheme cluster), which a file counting grapheme clusters cannot say` {
		t.Errorf("got %q", p)
	}
	if got := graphemeBounds("a👍🏽b\r\n🇮🇱"); !slices.Equal(got, []int{0, 1, 3, 4, 6, 8}) {
		t.Errorf("bounds %v", got)
	}
}
