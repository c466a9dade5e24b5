package annotate

import (
	"math"
	"strconv"
	"strings"
)

// LabelPalette is where a label added without a colour (a schema edit that
// names none, a label an import finds) gets one: 28 colours light enough
// that the page's near-black text stays readable on them (relative
// luminance >= 0.25: contrast >= 5.5 with #141414 on the tag, more on the
// paler highlight) and that differ from each other and from the built-in
// schema's nine by at least 18 in CIELAB (ΔE*ab), so that 20 or more labels
// stay apart. The order is NewLabelColor's own walk from the built-in
// schema: its n-th new label gets the n-th colour.
var LabelPalette = [...]string{
	"#06ecc9", "#06b178", "#2e99d4", "#dc68ad", "#b8882b", "#8e8ac8", "#64ceab",
	"#4c9f8c", "#bd8180", "#3fdadf", "#e8686c", "#779a6b", "#1bc0e9", "#adddbb",
	"#f3849c", "#d9d49a", "#5091f0", "#a28f65", "#f9c7ab", "#feaaf9", "#bc7caa",
	"#329eaf", "#ac7bd9", "#95952a", "#76e89f", "#bf8452", "#db744a", "#f29a83",
}

// NewLabelColor is the colour for a label added to s: the palette colour
// farthest from every label colour s already has, the first in palette
// order on a tie. It depends only on the schema's colours, so the same
// schema and the same additions give the same colours; once all 28 are
// taken it hands them out again, farthest first. (The distance is the
// "redmean" weighted RGB one, close to CIELAB's and without math.Pow and
// math.Cbrt, which would add 2 KB to the page's core.)
func (s *Schema) NewLabelColor() string {
	used := make([]rgb8, 0, len(s.Labels))
	for _, l := range s.Labels {
		if c, ok := parseHexColor(l.Color); ok {
			used = append(used, c)
		}
	}
	best, bestD := LabelPalette[0], -1.0
	for _, p := range LabelPalette {
		c, _ := parseHexColor(p)
		d := math.Inf(1)
		for _, u := range used {
			d = min(d, colorDist(c, u))
		}
		if d > bestD {
			best, bestD = p, d
		}
	}
	return best
}

// colorOwner is the first label of s with colour c (any case), or "".
func (s *Schema) colorOwner(c string) string {
	for _, l := range s.Labels {
		if strings.EqualFold(l.Color, c) {
			return l.Name
		}
	}
	return ""
}

type rgb8 [3]uint8

func parseHexColor(s string) (rgb8, bool) {
	if !isColor(s) {
		return rgb8{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return rgb8{}, false
	}
	return rgb8{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// colorDist is the "redmean" distance of two sRGB colours.
func colorDist(a, b rgb8) float64 {
	rm := (float64(a[0]) + float64(b[0])) / 2
	dr, dg, db := float64(a[0])-float64(b[0]), float64(a[1])-float64(b[1]), float64(a[2])-float64(b[2])
	return math.Sqrt((2+rm/256)*dr*dr + 4*dg*dg + (2+(255-rm)/256)*db*db)
}
