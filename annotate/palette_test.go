package annotate

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func srgbLinear(c uint8) float64 {
	x := float64(c) / 255
	if x <= 0.04045 {
		return x / 12.92
	}
	return math.Pow((x+0.055)/1.055, 2.4)
}

// luminance is the WCAG relative luminance.
func (c rgb8) luminance() float64 {
	return 0.2126*srgbLinear(c[0]) + 0.7152*srgbLinear(c[1]) + 0.0722*srgbLinear(c[2])
}

// lab is the colour in CIELAB (D65).
func (c rgb8) lab() [3]float64 {
	r, g, b := srgbLinear(c[0]), srgbLinear(c[1]), srgbLinear(c[2])
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func labDist(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b rgb8) float64 {
	la, lb := a.luminance(), b.luminance()
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// blend is c at alpha over white, as the page's highlights draw it.
func blend(c rgb8, alpha float64) rgb8 {
	var o rgb8
	for i := range c {
		o[i] = uint8(math.Round(float64(c[i])*alpha + 255*(1-alpha)))
	}
	return o
}

func mustColor(t *testing.T, s string) rgb8 {
	t.Helper()
	c, ok := parseHexColor(s)
	if !ok {
		t.Fatalf("%q is not #rrggbb", s)
	}
	return c
}

// Every palette colour keeps the page's text (#141414) readable on the tag
// (the full colour) and in the text (the entity highlight: the colour at
// half opacity over white; a claim's is paler still), and every two
// colours, and each against the built-in schema's, are at least 18 apart
// in CIELAB.
func TestLabelPalette(t *testing.T) {
	ink := rgb8{0x14, 0x14, 0x14}
	minC, minD := math.Inf(1), math.Inf(1)
	seen := map[string]bool{}
	for _, p := range LabelPalette {
		if seen[p] {
			t.Errorf("%s is in the palette twice", p)
		}
		seen[p] = true
		c := mustColor(t, p)
		if r := contrast(c, ink); r < 4.5 {
			t.Errorf("%s: contrast with the text on a tag is %.2f, want >= 4.5 (WCAG AA)", p, r)
		} else {
			minC = min(minC, r)
		}
		if r := contrast(blend(c, 0.5), ink); r < 7 {
			t.Errorf("%s: contrast with the text in a highlight is %.2f, want >= 7 (WCAG AAA)", p, r)
		}
	}
	others := []string{}
	for _, l := range DefaultSchema().Labels {
		others = append(others, l.Color)
	}
	for i, p := range LabelPalette {
		a := mustColor(t, p).lab()
		for j, q := range LabelPalette[:i] {
			if d := labDist(a, mustColor(t, q).lab()); d < 18 {
				t.Errorf("palette colours %d %s and %d %s are only %.1f apart (ΔE*ab), want >= 18", j, q, i, p, d)
			} else {
				minD = min(minD, d)
			}
		}
		for _, q := range others {
			if d := labDist(a, mustColor(t, q).lab()); d < 18 {
				t.Errorf("palette colour %s and the built-in %s are only %.1f apart, want >= 18", p, q, d)
			}
		}
	}
	if len(LabelPalette) < 24 {
		t.Errorf("%d colours, want 24 or more", len(LabelPalette))
	}
	t.Logf("%d colours; lowest contrast on a tag %.2f; closest pair %.1f ΔE*ab", len(LabelPalette), minC, minD)
}

// Labels added without a colour get distinct palette colours, farthest
// first, the same ones every time; a label with a colour keeps it.
func TestAddLabelColor(t *testing.T) {
	add := func() []string {
		p := NewProject(DefaultSchema())
		var got []string
		for i := range 24 {
			def := LabelDef{Name: fmt.Sprintf("L%d", i), Layer: LayerEntity}
			if _, err := p.AddLabel(def); err != nil {
				t.Fatalf("AddLabel %s: %v", def.Name, err)
			}
			got = append(got, p.Schema.Label(def.Name).Color)
		}
		if _, err := p.AddLabel(LabelDef{Name: "Mine", Layer: LayerEntity, Color: "#123456"}); err != nil {
			t.Fatal(err)
		}
		if c := p.Schema.Label("Mine").Color; c != "#123456" {
			t.Errorf("a label given #123456 got %s", c)
		}
		return got
	}
	got := add()
	// exactly the palette, in its order (its order is this walk from the built-in schema)
	for i, want := range LabelPalette[:24] {
		if got[i] != want {
			t.Errorf("label %d got %s, want %s", i, got[i], want)
		}
	}
	seen := map[string]int{}
	for i, c := range got {
		if j, dup := seen[c]; dup {
			t.Errorf("labels L%d and L%d both got %s", j, i, c)
		}
		seen[c] = i
		if _, ok := parseHexColor(c); !ok {
			t.Errorf("L%d got %q", i, c)
		}
	}
	if again := add(); fmt.Sprint(again) != fmt.Sprint(got) {
		t.Errorf("not deterministic:\n%v\n%v", got, again)
	}
}

// A schema whose labels use palette colours already gets the others; with
// no labels at all, the first.
func TestNewLabelColorAvoidsUsed(t *testing.T) {
	s := &Schema{}
	if c := s.NewLabelColor(); c != LabelPalette[0] {
		t.Errorf("empty schema: %s, want %s", c, LabelPalette[0])
	}
	for i := range 10 {
		s.Labels = append(s.Labels, LabelDef{Name: fmt.Sprint(i), Color: LabelPalette[i]})
	}
	c := s.NewLabelColor()
	for _, l := range s.Labels {
		if l.Color == c {
			t.Fatalf("got %s, which label %s has", c, l.Name)
		}
	}
}

// A label that an added project brings in with a colour the project's
// schema already uses gets a new one, and the report says so.
func TestAppendRecolorsClash(t *testing.T) {
	p, _ := newDoc(t, "Alice met Bob.")
	s := DefaultSchema()
	s.Labels = append(s.Labels, LabelDef{Name: "Protein", Layer: LayerEntity, Color: "#F4A261"}) // PERSON's
	o := NewProject(s)
	if _, err := o.AddDocument("b", "B", "Alpha.", Meta{}); err != nil {
		t.Fatal(err)
	}
	rep, err := p.Append(o)
	if err != nil {
		t.Fatal(err)
	}
	want := "labels added with another colour, theirs already in use: Protein (#F4A261 is PERSON's; now " + LabelPalette[0] + ")"
	if !slices.Contains(rep, want) {
		t.Errorf("report %q lacks %q", rep, want)
	}
	if c := p.Schema.Label("Protein").Color; c != LabelPalette[0] {
		t.Errorf("Protein is %s, want %s", c, LabelPalette[0])
	}
}

func TestIsColor(t *testing.T) {
	for s, want := range map[string]bool{
		"#a1B2c3": true, "#000000": true, "#FFFFFF": true, "#abcdef": true,
		"#abcde": false, "#abcdefa": false, "abcdef1": false, "#abcdeg": false, "#abcd\x10f": false,
		"#abcd@f": false, "#ABCDEG": false, "": false, "#ab cdf": false, "#ａbcdef": false,
	} {
		if got := isColor(s); got != want {
			t.Errorf("isColor(%q) = %v, want %v", s, got, want)
		}
	}
}
