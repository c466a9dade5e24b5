package formats

import (
	"slices"
	"strings"
	"testing"
)

// pySplit is Python's str.split(): what NLTK's CoNLL reader and most
// Python scripts use to cut a line into columns.
func pySplit(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000", r) || r >= 0x2000 && r <= 0x200a
	})
}

// A control character is whitespace between tokens in CoNLL, never a token
// line of its own ("\x1f O" is one column to Python's split, and NLTK's
// reader fails on it); an entity beginning on one begins on the next
// token; one made of nothing else is dropped; a label with a space is
// renamed; the report names each.
func TestCoNLLControlCharacters(t *testing.T) {
	text := "Alpha\x1fBeta Gamma\x00 Delta\x1c\x1c x y"
	rec := `{"text": "Alpha\u001fBeta Gamma\u0000 Delta\u001c\u001c x y", "label": [[6, 16, "Vessel Name"], [16, 23, "PERSON"], [23, 24, "LOC"]]}`
	p, _, err := Doccano{}.Import([]File{{Name: "c.jsonl", Data: []byte(rec + "\n")}}, ImportOptions{Offsets: UnitCodePoint})
	if err != nil {
		t.Fatal(err)
	}
	if p.Documents()[0].Text() != text {
		t.Fatal("the text changed on import")
	}
	files, rep, err := CoNLL{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, line := range strings.Split(string(files[0].Data), "\n") {
		if line == "" {
			continue
		}
		cols := pySplit(line)
		if len(cols) != 2 && !strings.HasPrefix(line, "-DOCSTART-") {
			t.Errorf("line %d %q has %d columns to Python's split", i+1, line, len(cols))
		}
		if strings.IndexFunc(line, func(r rune) bool { return r < 0x20 }) >= 0 {
			t.Errorf("line %d %q holds a control character", i+1, line)
		}
		got = append(got, strings.Join(cols, " "))
	}
	want := []string{"-DOCSTART- -X- O O", "Alpha O", "Beta B-Vessel_Name", "Gamma I-Vessel_Name", "Delta B-PERSON", "x O", "y O"}
	if !slices.Equal(got, want) {
		t.Errorf("lines\n%q\nwant\n%q", got, want)
	}
	for _, w := range []string{
		"conll: 4 control characters (U+0000 ×1, U+001C ×2, U+001F ×1) read as whitespace between tokens, not written",
		"conll: 1 entity span made only of control characters dropped",
		`conll: labels renamed for the tag column, which cannot hold whitespace: "Vessel Name" → "Vessel_Name" (import gives the new names)`,
	} {
		if !slices.Contains(rep, w) {
			t.Errorf("report lacks %q:\n%s", w, strings.Join(rep, "\n"))
		}
	}
	// and it reads back
	q, _, err := CoNLL{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s := spanSet(q, nil); !slices.Equal(s, []string{"PERSON [17,22) Delta", "Vessel_Name [6,16) Beta Gamma"}) {
		t.Errorf("re-imported %q", s)
	}
}
