package formats

import (
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// Labels an import adds get distinct colours, apart from the schema's
// (they all shared one mauve when the colour was a hash of the name into
// twelve), the same ones on every import of the same file.
func TestImportLabelColors(t *testing.T) {
	data := []byte(`{"text": "Ada Lovelace met p53 and the French.", "label": [[0, 12, "Person"], [17, 20, "Protein"], [29, 35, "NORP"], [4, 12, "PER"]]}` + "\n")
	colors := func() map[string]string {
		_, p, _, err := Read([]File{{Name: "d.jsonl", Data: data}}, "doccano", ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, l := range p.Schema.Labels {
			out[l.Name] = l.Color
		}
		return out
	}
	got := colors()
	builtin := map[string]string{}
	for _, l := range annotate.DefaultSchema().Labels {
		builtin[l.Color] = l.Name
	}
	byColor := map[string]string{}
	for _, name := range []string{"Person", "Protein", "NORP", "PER"} {
		c, ok := got[name]
		if !ok {
			t.Fatalf("label %s not added: %v", name, got)
		}
		if o, dup := byColor[c]; dup {
			t.Errorf("%s and %s share %s", o, name, c)
		}
		if o, dup := builtin[c]; dup {
			t.Errorf("%s has %s, the colour of %s", name, c, o)
		}
		byColor[c] = name
	}
	// in the order the file uses them: the palette's first four
	for i, name := range []string{"Person", "Protein", "NORP", "PER"} {
		if got[name] != annotate.LabelPalette[i] {
			t.Errorf("%s: %s, want %s", name, got[name], annotate.LabelPalette[i])
		}
	}
	if again := colors(); len(again) != len(got) {
		t.Fatalf("second import: %v", again)
	} else {
		for k, v := range got {
			if again[k] != v {
				t.Errorf("second import: %s is %s, was %s", k, again[k], v)
			}
		}
	}
}
