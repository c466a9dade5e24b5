package formats

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// oddSchema has every name brat's configuration parser cannot take as it
// is: "/", spaces, non-ASCII, a name that only differs from a valid one by
// a space, hyphens only, and enum values with a comma, "|", spaces, "<…>"
// and non-ASCII (which brat keeps in values).
func oddSchema() *annotate.Schema {
	return &annotate.Schema{
		Labels: []annotate.LabelDef{
			{Name: "Middle East/North Africa", Layer: annotate.LayerEntity, Color: "#112233", Attributes: []annotate.AttrDef{
				{Name: "confidence level", Type: annotate.AttrEnum, Values: []string{"high, very", "low|medium", "a b", "a_b", "<x>", "ça-va"}},
				{Name: "checked", Type: annotate.AttrBool},
			}},
			{Name: "שם", Layer: annotate.LayerEntity, Color: "#112233"},
			{Name: "A B", Layer: annotate.LayerEntity, Color: "#112233"},
			{Name: "A_B", Layer: annotate.LayerEntity, Color: "#112233"},
			{Name: "--", Layer: annotate.LayerClaim, Color: "#abcdef"},
			{Name: "CLAIM", Layer: annotate.LayerClaim, Color: "#112233", Attributes: []annotate.AttrDef{
				{Name: "normalized", Type: annotate.AttrText},
				{Name: "checked", Type: annotate.AttrEnum, Values: []string{"yes", "no"}},
			}},
		},
		Relations: []annotate.RelationDef{
			{Name: "said by", From: []string{"CLAIM"}, To: []string{"Middle East/North Africa", "שם"}},
		},
		Overlap: map[annotate.Layer]annotate.LayerPolicy{annotate.LayerEntity: {Crossing: false}, annotate.LayerClaim: {Crossing: true}},
	}
}

func oddProject(t *testing.T) *annotate.Project {
	t.Helper()
	p := annotate.NewProject(oddSchema())
	text := "North Africa, said שם: 50% of A B ships\u2028sail at night.\n"
	d, err := p.AddDocument("odd", "", text, annotate.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	region := add(t, d, "Middle East/North Africa", map[string]any{"confidence level": "high, very", "checked": true}, at(t, text, "North Africa", 0))
	add(t, d, "Middle East/North Africa", map[string]any{"confidence level": "<x>"}, at(t, text, "Africa", 0))
	shem := add(t, d, "שם", map[string]any{}, at(t, text, "שם", 0))
	add(t, d, "A B", nil, at(t, text, "A B", 0))
	add(t, d, "A_B", map[string]any{}, at(t, text, "A B ships", 0))
	add(t, d, "--", nil, at(t, text, "ships", 0))
	claim := add(t, d, "CLAIM", map[string]any{"normalized": "50%\tof\u2028ships, |sail|", "checked": "yes"},
		at(t, text, "50% of A B ships\u2028sail at night", 0))
	rel(t, d, "said by", claim, region)
	rel(t, d, "said by", claim, shem)
	return p
}

const oddConf = `# brat configuration written by spanmark from the project schema.
# brat names allow only ASCII letters, digits, _ and -, and attribute values
# no space, comma or |: the lines below give spanmark's own names, and its
# layers, which spanmark restores on import (brat skips comment lines).
# spanmark: label Middle_East_North_Africa = "Middle East/North Africa"
# spanmark: label __ = "שם"
# spanmark: label A_B_2 = "A B"
# spanmark: label --_ = "--"
# spanmark: layer --_ = "claim"
# spanmark: layer CLAIM = "claim"
# spanmark: relation said_by = "said by"
# spanmark: attribute confidence_level = "confidence level"
# spanmark: value confidence_level high__very = "high, very"
# spanmark: value confidence_level low_medium = "low|medium"
# spanmark: value confidence_level a_b_2 = "a b"
# spanmark: value confidence_level _x_ = "<x>"
# spanmark: text normalized on CLAIM, in "#…\tspanmark T…\tnormalized=…" comment lines of the .ann
# spanmark: attribute checked_2 = "checked"

[entities]
Middle_East_North_Africa
__
A_B_2
A_B
--_
CLAIM

[relations]
said_by	Arg1:CLAIM, Arg2:Middle_East_North_Africa|__
<OVERLAP>	Arg1:Middle_East_North_Africa|__|A_B_2|A_B, Arg2:Middle_East_North_Africa|__|A_B_2|A_B, <OVL-TYPE>:contain|equal
<OVERLAP>	Arg1:--_|CLAIM, Arg2:--_|CLAIM, <OVL-TYPE>:contain|equal|cross
<OVERLAP>	Arg1:Middle_East_North_Africa|__|A_B_2|A_B, Arg2:--_|CLAIM, <OVL-TYPE>:<ANY>

[events]

[attributes]
confidence_level	Arg:Middle_East_North_Africa, Value:high__very|low_medium|a_b_2|a_b|_x_|ça-va
checked	Arg:Middle_East_North_Africa
checked_2	Arg:CLAIM, Value:yes|no
`

const oddVisual = `# brat display configuration written by spanmark from the project schema.
[labels]
Middle_East_North_Africa | Middle East/North Africa
__ | שם
A_B_2 | A B
--_ | --
said_by | said by
confidence_level | confidence level
checked_2 | checked

[drawing]
SPAN_DEFAULT	fgColor:black, bgColor:lightgreen, borderColor:darken
ARC_DEFAULT	color:black, arrowHead:triangle-5
ATTRIBUTE_DEFAULT	glyph:*
Middle_East_North_Africa	bgColor:#112233
__	bgColor:#112233
A_B_2	bgColor:#112233
A_B	bgColor:#112233
--_	bgColor:#abcdef
CLAIM	bgColor:#112233
`

const oddAnn = "T1\tMiddle_East_North_Africa 0 12\tNorth Africa\n" +
	"T2\tMiddle_East_North_Africa 6 12\tAfrica\n" +
	"T3\t__ 19 21\tשם\n" +
	"T7\tCLAIM 23 39;40 53\t50% of A B ships sail at night\n" +
	"T5\tA_B 30 39\tA B ships\n" +
	"T4\tA_B_2 30 33\tA B\n" +
	"T6\t--_ 34 39\tships\n" +
	"R1\tsaid_by Arg1:T7 Arg2:T1\n" +
	"R2\tsaid_by Arg1:T7 Arg2:T3\n" +
	"A1\tchecked T1\n" +
	"A2\tconfidence_level T1 high__very\n" +
	"A3\tconfidence_level T2 _x_\n" +
	"A4\tchecked_2 T7 yes\n" +
	"#1\tspanmark T7\tnormalized=50%25%09of%E2%80%A8ships, |sail|\n"

// TestBratConfNames: the annotation.conf of a schema with names brat
// cannot take declares brat names (valid for brat's parser: no fallback
// to its minimal default), maps them back in comment lines, and every
// rename is reported.
func TestBratConfNames(t *testing.T) {
	files, rep, err := Brat{}.Export(oddProject(t), ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if string(files[0].Data) != oddConf {
		t.Errorf("annotation.conf:\n%s", files[0].Data)
	}
	if files[1].Name != "visual.conf" || string(files[1].Data) != oddVisual {
		t.Errorf("%s:\n%s", files[1].Name, files[1].Data)
	}
	if files[3].Name != "odd.ann" || string(files[3].Data) != oddAnn {
		t.Errorf("%s:\n%s", files[3].Name, files[3].Data)
	}
	want := []string{
		`brat: 11 names are not valid in brat's configuration, written under brat names that annotation.conf maps back (spanmark restores them on import): ` +
			`label "Middle East/North Africa" → Middle_East_North_Africa, label "שם" → __, label "A B" → A_B_2, label "--" → --_, relation "said by" → said_by, ` +
			`attribute "confidence level" → confidence_level, value "high, very" of confidence level → high__very, value "low|medium" of confidence level → low_medium, ` +
			`value "a b" of confidence level → a_b_2, value "<x>" of confidence level → _x_, attribute "checked" → checked_2`,
		`brat: 1 text attribute value (free text, which brat attributes cannot hold) written as "spanmark" comment lines (#), which brat keeps and shows and spanmark reads back`,
		`brat: 1 span run over a line break, written with the line break left out as separate fragments`,
	}
	if !slices.Equal(rep, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(rep, "\n"), strings.Join(want, "\n"))
	}
}

// TestBratConfSyntax checks the written configuration against the rules
// of brat's parser (projectconfig.py) that make it fall back to its
// minimal default or rename a type.
func TestBratConfSyntax(t *testing.T) {
	files, _, _ := Brat{}.Export(oddProject(t), ExportOptions{})
	checkBratConf(t, files[0].Data)
}

func checkBratConf(t *testing.T, conf []byte) {
	t.Helper()
	section := ""
	for i, line := range strings.Split(string(conf), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		name, args, _ := strings.Cut(line, "\t")
		if name != "<OVERLAP>" && !bratTypeOK(name) {
			t.Errorf("line %d: %q is not a brat storage form", i+1, name)
		}
		if args == "" {
			continue
		}
		for _, a := range strings.Split(args, ",") {
			a = strings.TrimSpace(a)
			key, types, ok := strings.Cut(a, ":")
			if !ok || strings.ContainsFunc(a, unicode.IsSpace) || key == "Value" && strings.ContainsFunc(types, func(r rune) bool { return r != '|' && bratValueBad(r) }) {
				t.Errorf("line %d: argument %q is not key:types without whitespace", i+1, a)
			}
			for _, ty := range strings.Split(types, "|") {
				if ty == "" || (strings.ContainsAny(ty, "<>") && !slices.Contains([]string{"<ANY>", "<OVL-TYPE>"}, ty)) {
					t.Errorf("line %d: %s type %q", i+1, key, ty)
				}
			}
		}
		if section == "[entities]" && args != "" {
			t.Errorf("line %d: entity with arguments", i+1)
		}
	}
}

// FuzzBratNames: whatever the schema's names, annotation.conf keeps to
// brat's syntax and an import restores every name and value, from
// annotation.conf and, without it, from the schema.
func FuzzBratNames(f *testing.F) {
	f.Add("Middle East/North Africa", "שם", "said by", "confidence level", "high, very", "<x>")
	f.Add("A B", "A_B", "--", "a|b", "", "ça va")
	f.Fuzz(func(t *testing.T, a, b, rname, attr, v1, v2 string) {
		s := &annotate.Schema{
			Labels: []annotate.LabelDef{
				{Name: a, Layer: annotate.LayerEntity, Color: "#112233", Attributes: []annotate.AttrDef{{Name: attr, Type: annotate.AttrEnum, Values: []string{v1, v2}}}},
				{Name: b, Layer: annotate.LayerClaim, Color: "#112233", Attributes: []annotate.AttrDef{{Name: attr, Type: annotate.AttrText}}},
			},
			Relations: []annotate.RelationDef{{Name: rname, From: []string{b}, To: []string{a}}},
			Overlap:   map[annotate.Layer]annotate.LayerPolicy{},
		}
		valid := func(xs ...string) bool {
			return !slices.ContainsFunc(xs, func(x string) bool { return !utf8.ValidString(x) })
		}
		if len(s.Validate()) > 0 || v1 == v2 || !valid(a, b, rname, attr, v1, v2) { // a schema comes from JSON: UTF-8
			return
		}
		p := annotate.NewProject(s)
		d, err := p.AddDocument("d", "", "xy", annotate.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		x := add(t, d, a, map[string]any{attr: v2}, annotate.Fragment{Start: 0, End: 1})
		y := add(t, d, b, map[string]any{attr: v1 + "\n%"}, annotate.Fragment{Start: 0, End: 2})
		rel(t, d, rname, y, x)
		files, _, err := Brat{}.Export(p, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkBratConf(t, files[0].Data)
		want := spansOf(d)
		for _, conf := range []bool{true, false} {
			in := files
			if !conf {
				in = files[1:]
			}
			q, _, err := Brat{}.Import(in, ImportOptions{Schema: s, StrictSchema: true})
			if err != nil {
				t.Fatalf("conf %v: %v", conf, err)
			}
			if got := spansOf(q.Documents()[0]); !slices.Equal(got, want) {
				t.Fatalf("conf %v:\n%s\nwant\n%s", conf, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	})
}

// spansOf renders a document's spans and relations with everything a
// round trip must keep.
func spansOf(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans() {
		var attrs []string
		for _, k := range slices.Sorted(maps.Keys(s.Attrs)) {
			attrs = append(attrs, fmt.Sprintf("%s=%#v", k, s.Attrs[k]))
		}
		out = append(out, fmt.Sprintf("%s %s %s [%s] %q", s.ID, s.Label, fragString(s.Fragments), strings.Join(attrs, " "), s.Note))
	}
	for _, r := range d.Relations() {
		out = append(out, fmt.Sprintf("%s %s %s→%s", r.ID, r.Type, r.From, r.To))
	}
	return out
}

// TestBratNamesRoundTrip: export → import restores every original name and
// value, from annotation.conf, with the schema in use or without it.
func TestBratNamesRoundTrip(t *testing.T) {
	p := oddProject(t)
	files, _, err := Brat{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := spansOf(p.Documents()[0])
	// the claim over the U+2028 line break comes back in two fragments
	for i, s := range want {
		want[i] = strings.Replace(s, "[23,53)", "[23,39);[40,53)", 1)
	}
	for _, tc := range []struct {
		name string
		opt  ImportOptions
		drop string // file left out
		sub  bool   // the documents one folder below annotation.conf, as brat finds it
	}{
		{"default schema", ImportOptions{}, "", false},
		{"default schema, documents in a subfolder", ImportOptions{}, "", true},
		{"own schema", ImportOptions{Schema: oddSchema(), StrictSchema: true}, "", false},
		{"own schema, no annotation.conf", ImportOptions{Schema: oddSchema(), StrictSchema: true}, "annotation.conf", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.DeleteFunc(slices.Clone(files), func(f File) bool { return f.Name == tc.drop })
			for i := range in {
				in[i].Name = "corpus/" + in[i].Name
				if tc.sub && !strings.HasSuffix(in[i].Name, ".conf") {
					in[i].Name = "corpus/part-1/" + path.Base(in[i].Name)
				}
			}
			q, rep, err := Brat{}.Import(in, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := spansOf(q.Documents()[0]); !slices.Equal(got, want) {
				t.Errorf("spans:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// labels the default schema lacks come back in their layer
			// (annotation.conf) with their colour (visual.conf)
			for _, l := range oddSchema().Labels {
				if got := q.Schema.Label(l.Name); annotate.DefaultSchema().Label(l.Name) == nil && (got.Layer != l.Layer || got.Color != l.Color) {
					t.Errorf("label %q: %s %s, want %s %s", l.Name, got.Layer, got.Color, l.Layer, l.Color)
				}
			}
			switch {
			case tc.drop != "":
				// without annotation.conf the names are the schema's brat
				// names: restored, and said so
				if len(rep) != 1 || !strings.HasPrefix(rep[0], "brat: names read as the schema's brat names (no annotation.conf maps them): label Middle_East_North_Africa as \"Middle East/North Africa\", label __ as \"שם\"") {
					t.Errorf("report: %q", rep)
				}
			case tc.opt.Schema != nil && len(rep) > 0:
				t.Errorf("report: %q", rep)
			}
		})
	}
}

// bratPeer is a brat document as brat itself writes one, with its own
// configuration: attribute values could only be typed without spaces.
func bratPeer(ann string) []File {
	return []File{
		{Name: "doc.txt", Data: []byte("Officials said the deal is off.\n")},
		{Name: "doc.ann", Data: []byte(ann)},
		{Name: "annotation.conf", Data: []byte("[entities]\nCLAIM\n[relations]\n[events]\n[attributes]\nattribution\tArg:CLAIM, Value:direct_quote|indirect\n")},
	}
}

// TestBratImportBratValues: "A5 attribution T7 direct_quote" converts to the
// schema's "direct quote"; a value outside the enum extends it (reported),
// unless the schema was given to check against.
func TestBratImportBratValues(t *testing.T) {
	files := bratPeer("T7\tCLAIM 15 30\tthe deal is off\nA5\tattribution T7 direct_quote\nA6\tcheckworthy T7 maybe\n")
	q, rep, err := Brat{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := q.Documents()[0].Span("s7")
	if s == nil || s.Attrs["attribution"] != "direct quote" || s.Attrs["checkworthy"] != "maybe" {
		t.Fatalf("span: %+v", s)
	}
	wantRep := []string{
		`brat: names read as the schema's brat names (no annotation.conf maps them): value direct_quote of attribution as "direct quote"`,
		`brat: values added to enum attributes of the schema: CLAIM.checkworthy (+"maybe")`,
	}
	if !slices.Equal(rep, wantRep) {
		t.Errorf("report:\n%s", strings.Join(rep, "\n"))
	}
	if a := q.Schema.Label("CLAIM").Attr("checkworthy"); !slices.Equal(a.Values, []string{"yes", "no", "unsure", "maybe"}) {
		t.Errorf("checkworthy values %q", a.Values)
	}
	if a := annotate.DefaultSchema().Label("CLAIM").Attr("checkworthy"); len(a.Values) != 3 {
		t.Error("the default schema was changed")
	}
	_, _, err = Brat{}.Import(files, ImportOptions{Schema: annotate.DefaultSchema(), StrictSchema: true})
	if err == nil || !strings.Contains(err.Error(), `doc.ann:3`) || !strings.Contains(err.Error(), `"maybe"`) {
		t.Errorf("strict: %v", err)
	}
}

// TestBratImportOldEscapes: files from spanmark before annotation.conf
// mappings percent-escaped values on A lines; they still import exactly.
func TestBratImportOldEscapes(t *testing.T) {
	files := bratPeer("T1\tCLAIM 15 30\tthe deal is off\nA1\tattribution T1 direct%20quote\nA2\tnormalized T1 Deal%20off%2C%20100%25\n")
	q, rep, err := Brat{}.Import(files[:2], ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := q.Documents()[0].Span("s1")
	if s.Attrs["attribution"] != "direct quote" || s.Attrs["normalized"] != "Deal off, 100%" || len(rep) > 0 {
		t.Errorf("attrs %v, report %q", s.Attrs, rep)
	}
}

// TestBratLineBreaks: brat splits .ann lines wherever Python's splitlines
// does, so a span over U+2028 is cut there, and a note shows it as a
// space while a comment line keeps it for spanmark.
func TestBratLineBreaks(t *testing.T) {
	p := annotate.NewProject(nil)
	text := "A\u2028B\u0085C\fD"
	d, _ := p.AddDocument("lb", "", text, annotate.Meta{})
	s := add(t, d, "ORG", nil, annotate.Fragment{Start: 0, End: 7})
	d.SetNote(s.ID, "x\u2029y")
	files, _, _ := Brat{}.Export(p, ExportOptions{})
	want := "T1\tORG 0 1;2 3;4 5;6 7\tA B C D\n#1\tAnnotatorNotes T1\tx y\n#2\tspanmark T1\t*note=x%E2%80%A9y\n"
	if got := string(files[3].Data); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	q, rep, err := Brat{}.Import(files, ImportOptions{})
	if err != nil || q.Documents()[0].Span("s1").Note != "x\u2029y" || len(rep) > 0 {
		t.Errorf("import: %v %q", err, rep)
	}
	// a note edited in brat wins over the exact copy, and that is said
	for i := range files {
		if files[i].Name == "lb.ann" {
			files[i].Data = []byte(strings.Replace(string(files[i].Data), "\tx y\n", "\tx y z\n", 1))
		}
	}
	q, rep, err = Brat{}.Import(files, ImportOptions{})
	if err != nil || q.Documents()[0].Span("s1").Note != "x y z" ||
		!slices.Equal(rep, []string{"brat: lb.ann: 1 note was edited in brat, kept as edited (the exact copy of the note spanmark wrote, with its line breaks, is left out): #2"}) {
		t.Errorf("edited: %v %q", err, rep)
	}
}

// TestBratConfBadMapping: a mapping line spanmark cannot read is an error
// at its line, not a silently unrestored name.
func TestBratConfBadMapping(t *testing.T) {
	files := bratPeer("T1\tCLAIM 15 30\tthe deal is off\n")
	files[2].Data = []byte("# brat configuration written by spanmark\n# spanmark: label CLAIM_X = CLAIM X\n[entities]\nCLAIM\n")
	_, _, err := Brat{}.Import(files, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "annotation.conf:2:") || !strings.Contains(err.Error(), `a spanmark name line is "# spanmark: KIND BRAT-NAME = \"original\"" (only a value may be empty)`) {
		t.Errorf("got %v", err)
	}
}

// TestReadBratColors: the colours of a visual.conf as brat's examples
// write it; named colours have no spanmark form and are left out.
func TestReadBratColors(t *testing.T) {
	got := readBratColors(File{Name: "visual.conf", Data: []byte("[labels]\nPerson | Person\n\n[drawing]\n# people\nPerson\tbgColor:#ffccaa\nGPE bgColor:#7fe2FF, fgColor:black\nMoney\tbgColor:#CF3\nORG\tbgColor:lightgreen\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n")})
	want := map[string]string{"Person": "#ffccaa", "GPE": "#7fe2ff", "Money": "#ccff33"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v", got)
	}
}
