package formats

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

func TestProposeLabel(t *testing.T) {
	s := annotate.DefaultSchema()
	for _, c := range []struct {
		name  string
		layer annotate.Layer
		want  string
	}{
		{"Person", "", "PERSON"},
		{"person", "", "PERSON"},
		{"PER", "", "PERSON"},
		{"ORGANIZATION", "", "ORG"},
		{"Organisation", "", "ORG"},
		{"LOCATION", "", "LOC"},
		{"Location", "", "LOC"},
		{"g.p.e.", "", "GPE"},
		{"Claim", "", "CLAIM"},
		{"Claim", annotate.LayerEntity, ""}, // CLAIM is of the claim layer
		{"Person", annotate.LayerClaim, ""},
		{"PERSON", "", ""}, // already a schema label
		{"Protein", "", ""},
		{"MISC", "", ""}, // no MISC in the news schema
		{"", "", ""},
		{"--", "", ""},
	} {
		if got := ProposeLabel(s, c.name, c.layer); got != c.want {
			t.Errorf("ProposeLabel(%q, %q) = %q, want %q", c.name, c.layer, got, c.want)
		}
	}
	// LOC → LOCATION where the schema calls it that
	s2 := &annotate.Schema{Labels: []annotate.LabelDef{{Name: "Location", Layer: annotate.LayerEntity}, {Name: "Misc", Layer: annotate.LayerEntity}}}
	for in, want := range map[string]string{"LOC": "Location", "LOCATION": "Location", "MISCELLANEOUS": "Misc", "misc": "Misc"} {
		if got := ProposeLabel(s2, in, ""); got != want {
			t.Errorf("ProposeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseLabelMap(t *testing.T) {
	m, auto, err := ParseLabelMap(" Person=PERSON, Org = ORG ,Widget=")
	if err != nil || auto || len(m) != 3 || m["Person"] != "PERSON" || m["Org"] != "ORG" || m["Widget"] != "" {
		t.Fatalf("got %v, %v", m, err)
	}
	if m, auto, err := ParseLabelMap("auto,Person=PER"); err != nil || !auto || len(m) != 1 {
		t.Fatalf("auto: %v %v %v", m, auto, err)
	}
	for _, bad := range []string{"Person", "=PERSON", "A=B,A=C", "A=B,,C=D"} {
		if _, _, err := ParseLabelMap(bad); err == nil {
			t.Errorf("ParseLabelMap(%q) accepted", bad)
		}
	}
}

const mapDoccano = `{"text": "Alice Smith joined Acme Corp in Paris.", "label": [[0, 11, "Person"], [19, 28, "ORGANIZATION"], [32, 37, "LOCATION"], [0, 5, "Widget"]]}
{"text": "Bob met Alice.", "label": [[0, 3, "Person"], [8, 13, "PERSON"]]}
`

func spanLabels(p *annotate.Project) []string {
	var out []string
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			out = append(out, d.ID+":"+s.Label+"@"+strings.Join(d.SpanText(s), "|"))
		}
	}
	return out
}

func TestImportLabelMap(t *testing.T) {
	files := []File{{Name: "a.jsonl", Data: []byte(mapDoccano)}}
	var fl []FileLabel
	_, p, rep, err := Read(files, "doccano", ImportOptions{LabelMap: map[string]string{"Person": "PERSON", "ORGANIZATION": "ORG", "Nobody": "PERSON"}, FileLabels: &fl})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"doc-1:PERSON@Alice Smith", "doc-1:Widget@Alice", "doc-1:ORG@Acme Corp", "doc-1:LOCATION@Paris",
		"doc-2:PERSON@Bob", "doc-2:PERSON@Alice"}
	if got := spanLabels(p); !slices.Equal(got, want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
	for _, l := range []string{"Person", "ORGANIZATION"} {
		if p.Schema.Label(l) != nil {
			t.Errorf("mapped label %s was added to the schema too", l)
		}
	}
	for _, l := range []string{"LOCATION", "Widget"} {
		if p.Schema.Label(l) == nil {
			t.Errorf("label %s kept as new is not in the schema", l)
		}
	}
	joined := strings.Join(rep, "\n")
	for _, w := range []string{
		"doccano: labels mapped to the schema's: ORGANIZATION → ORG (1 span), Person → PERSON (2 spans)",
		"doccano: labels to map that no span of the file has, nothing mapped: Nobody",
		"doccano: new labels that look like labels of the schema: LOCATION (like LOC); map them (e.g. --map LOCATION=LOC, or in the import dialog) to use the schema's instead",
		"doccano: labels added to the schema (entity layer): LOCATION, Widget",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("report lacks %q:\n%s", w, joined)
		}
	}
	// the labels the dialog offers, in file order, before mapping
	var got []string
	for _, f := range fl {
		got = append(got, f.Name+">"+f.MappedTo+"?"+f.Proposal)
		if len(f.Targets) != len(annotate.DefaultSchema().Labels) {
			t.Errorf("%s: targets %v", f.Name, f.Targets)
		}
	}
	if want := []string{"Person>PERSON?PERSON", "ORGANIZATION>ORG?ORG", "LOCATION>?LOC", "Widget>?"}; !slices.Equal(got, want) {
		t.Errorf("file labels %q, want %q", got, want)
	}
	if fl[0].Spans != 2 {
		t.Errorf("Person has %d spans, want 2", fl[0].Spans)
	}
}

func TestImportAutoMap(t *testing.T) {
	files := []File{{Name: "a.jsonl", Data: []byte(mapDoccano)}}
	var fl []FileLabel
	// AutoMap takes the proposals; "" keeps Person a label of its own
	_, p, _, err := Read(files, "doccano", ImportOptions{AutoMap: true, LabelMap: map[string]string{"Person": ""}, FileLabels: &fl})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"doc-1:Person@Alice Smith", "doc-1:Widget@Alice", "doc-1:ORG@Acme Corp", "doc-1:LOC@Paris",
		"doc-2:Person@Bob", "doc-2:PERSON@Alice"}
	if got := spanLabels(p); !slices.Equal(got, want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
	var got []string
	for _, f := range fl {
		got = append(got, f.Name+">"+f.MappedTo)
	}
	if want := []string{"Person>", "ORGANIZATION>ORG", "LOCATION>LOC", "Widget>"}; !slices.Equal(got, want) {
		t.Errorf("file labels %q, want %q", got, want)
	}
}

// A mapping to a label that is not a span label of the schema, or of
// another layer, is refused with every problem named, and nothing is
// imported.
func TestImportLabelMapErrors(t *testing.T) {
	files := []File{{Name: "a.jsonl", Data: []byte(mapDoccano)}}
	_, p, _, err := Read(files, "doccano", ImportOptions{LabelMap: map[string]string{
		"Person": "PERSONS", "ORGANIZATION": "claimant", "LOCATION": "relevant", "Widget": "GPE"}})
	if p != nil || err == nil {
		t.Fatalf("imported: %v", err)
	}
	var es annotate.Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	for i, w := range []string{
		`field map.LOCATION: cannot map label "LOCATION" to "relevant": "relevant" is a document label, not a span label; map it to one of PERSON, ORG, GPE, LOC, DATE, EVENT, CLAIM, SOURCE, CUE`,
		`field map.ORGANIZATION: cannot map label "ORGANIZATION" to "claimant": "claimant" is a relation type, not a span label`,
		`field map.Person: cannot map label "Person" to "PERSONS": the schema has no label "PERSONS" (did you mean PERSON?)`,
	} {
		if !strings.Contains(es[i].Error(), w) || es[i].Code != annotate.CodeUnknownLabel {
			t.Errorf("error %d: %v\nwant it to contain %s", i, es[i], w)
		}
	}
	// brat: a label the file's annotation.conf puts in the claim layer
	// cannot become an entity label
	conf := "[entities]\nQuote\n# spanmark: layer Quote = \"claim\"\n[relations]\n[events]\n[attributes]\n"
	bfiles := []File{{Name: "d/annotation.conf", Data: []byte(conf)}, {Name: "d/a.txt", Data: []byte("He said no.")}, {Name: "d/a.ann", Data: []byte("T1\tQuote 8 10\tno\n")}}
	_, p, _, err = Read(bfiles, "brat", ImportOptions{LabelMap: map[string]string{"Quote": "PERSON"}})
	if p != nil || err == nil || !strings.Contains(err.Error(), `cannot map label "Quote" (claim layer) to "PERSON" (entity layer): a label keeps its layer; map it to one of CLAIM, SOURCE, CUE`) {
		t.Fatalf("got %v", err)
	}
	_, p, _, err = Read(bfiles, "brat", ImportOptions{LabelMap: map[string]string{"Quote": "CLAIM"}})
	if err != nil || p.Documents()[0].Spans()[0].Label != "CLAIM" {
		t.Fatalf("claim to claim: %v", err)
	}
	// a project file keeps its own schema
	pf := []File{{Name: "p.json", Data: []byte(`{"format": "spanmark", "version": 1, "schema": {}, "documents": []}`)}}
	if _, _, _, err := Read(pf, "", ImportOptions{LabelMap: map[string]string{"A": "PERSON"}}); err == nil || !strings.Contains(err.Error(), "keeps its own schema") {
		t.Errorf("spanmark with a map: %v", err)
	}
}
