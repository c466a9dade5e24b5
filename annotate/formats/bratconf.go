package formats

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spanmark/spanmark/annotate"
)

// brat's configuration parser (server/src/projectconfig.py) is stricter
// than spanmark's schema:
//   - a type name (label, relation, attribute) is stored in its "storage
//     form": anything outside [a-zA-Z0-9_-] becomes "_", with a warning, and
//     the .ann then no longer matches; a line of hyphens only is a
//     separator, and ENTITY-NESTING is a special relation;
//   - an attribute value sits in "Value:a|b|c" inside a comma-separated,
//     whitespace-free argument list: whitespace or a comma makes the parser
//     throw the whole configuration away ("Falling back to minimal
//     default"), "|" splits a value in two, and "<…>" is taken for an
//     undefined macro (an assertion, the same fallback);
//   - attributes are binary flags or enums: free text has no place.
// So the export writes brat names and records the ones that differ in
// comment lines of annotation.conf, which brat skips and import reads back:
//
//	# spanmark: label Middle_East_North_Africa = "Middle East/North Africa"
//	# spanmark: value attribution direct_quote = "direct quote"
//	# spanmark: layer CLAIM = "claim"
//
// (brat has no layers: the last kind puts labels the schema in use lacks
// back in theirs). The names are a function of the schema alone, so an
// import with the same schema restores them even when annotation.conf is
// missing.

// bratNamePrefix starts every mapping line of annotation.conf.
const bratNamePrefix = "# spanmark: "

// bratNoteType is the type of the "#" comment lines that carry text
// attributes ("#3\tspanmark T5\tnormalized=…"). Not AnnotatorNotes: brat's
// note editor rewrites the first AnnotatorNotes line of an annotation while
// its dialog shows the last one, so a second AnnotatorNotes line would be
// edited by mistake. brat keeps and shows comment lines of any type.
const bratNoteType = "spanmark"

// bratExactNote starts the comment line that keeps a note with line breaks
// or tabs exactly ("#5\tspanmark T6\t*note=line%0Aline"): "*" is in no
// brat name, so it cannot be an attribute's.
const bratExactNote = "*note="

// bratOneLine is a note as an AnnotatorNotes line holds it.
func bratOneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || isBratLineBreak(r) {
			return ' '
		}
		return r
	}, s)
}

// bratAttrKey is one brat attribute: spanmark attributes of the same name
// and type on several labels share one, with the union of the values.
type bratAttrKey struct {
	name string
	typ  annotate.AttrType
}

type bratAttr struct {
	key    bratAttrKey
	brat   string   // its brat name
	labels []string // spanmark labels carrying it, schema order
	values []string // enum values, first-seen order
}

// bratNames maps the schema's names to brat names and back.
type bratNames struct {
	labels, rels       map[string]string // spanmark → brat
	labelBack, relBack map[string]string // brat → spanmark
	attrs              []*bratAttr
	attrOf             map[bratAttrKey]*bratAttr
	attrBack           map[string]*bratAttr            // brat name → attribute
	values             map[*bratAttr]map[string]string // spanmark value → brat value
	valueBack          map[*bratAttr]map[string]string // brat value → spanmark value
	renames            []string                        // report lines, schema order
}

// bratTypeOK tells whether brat keeps a type name as it is.
func bratTypeOK(s string) bool {
	if s == "ENTITY-NESTING" {
		return false
	}
	hyphens := true // a line of hyphens only is a separator
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
		hyphens = hyphens && c == '-'
	}
	return !hyphens
}

// bratTypeForm is brat's own storage form: every other character becomes
// "_" (brat means to strip accents first, but its code drops the result).
func bratTypeForm(s string) string {
	out := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return r
		}
		return '_'
	}, s)
	if !bratTypeOK(out) {
		out += "_"
	}
	return out
}

// bratValueOK tells whether an attribute value survives brat's parser and
// an A line: no whitespace (Python's \s: Unicode spaces too), comma, "|",
// "<" or ">", and not empty.
func bratValueOK(s string) bool {
	return s != "" && !strings.ContainsFunc(s, bratValueBad)
}

func bratValueBad(r rune) bool {
	return unicode.IsSpace(r) || r == ',' || r == '|' || r == '<' || r == '>' || r == '\x1c' || r == '\x1d' || r == '\x1e' || r == '\x1f' || r == 0x85
}

func bratValueForm(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if bratValueBad(r) {
			return '_'
		}
		return r
	}, s)
}

// namer hands out brat names in one namespace: names brat keeps are
// reserved first, so a renamed one never takes them.
type namer struct{ taken map[string]bool }

func (n *namer) reserve(names []string, ok func(string) bool) {
	for _, s := range names {
		if ok(s) {
			n.taken[s] = true
		}
	}
}

func (n *namer) name(s string, ok func(string) bool, form func(string) string) string {
	if ok(s) {
		return s
	}
	base := form(s)
	b := base
	for i := 2; n.taken[b]; i++ {
		b = base + "_" + strconv.Itoa(i)
	}
	n.taken[b] = true
	return b
}

func newBratNames(s *annotate.Schema) *bratNames {
	n := &bratNames{
		labels: map[string]string{}, rels: map[string]string{}, labelBack: map[string]string{}, relBack: map[string]string{},
		attrOf: map[bratAttrKey]*bratAttr{}, attrBack: map[string]*bratAttr{},
		values: map[*bratAttr]map[string]string{}, valueBack: map[*bratAttr]map[string]string{},
	}
	q := strconv.Quote
	rename := func(kind, from, to string) {
		if from != to {
			n.renames = append(n.renames, fmt.Sprintf("%s %s → %s", kind, q(from), to))
		}
	}
	labels := &namer{taken: map[string]bool{}}
	var names []string
	for _, l := range s.Labels {
		names = append(names, l.Name)
	}
	labels.reserve(names, bratTypeOK)
	for _, l := range s.Labels {
		b := labels.name(l.Name, bratTypeOK, bratTypeForm)
		n.labels[l.Name], n.labelBack[b] = b, l.Name
		rename("label", l.Name, b)
	}
	rels := &namer{taken: map[string]bool{}}
	names = names[:0]
	for _, r := range s.Relations {
		names = append(names, r.Name)
	}
	rels.reserve(names, bratTypeOK)
	for _, r := range s.Relations {
		b := rels.name(r.Name, bratTypeOK, bratTypeForm)
		n.rels[r.Name], n.relBack[b] = b, r.Name
		rename("relation", r.Name, b)
	}
	for _, l := range s.Labels {
		for _, a := range l.Attributes {
			k := bratAttrKey{a.Name, a.Type}
			at := n.attrOf[k]
			if at == nil {
				at = &bratAttr{key: k}
				n.attrOf[k] = at
				n.attrs = append(n.attrs, at)
			}
			at.labels = append(at.labels, l.Name)
			for _, v := range a.Values {
				if !slices.Contains(at.values, v) {
					at.values = append(at.values, v)
				}
			}
		}
	}
	// brat has one attribute per name: a valid name is kept by the first
	// attribute of that name, one of another type gets a new one
	attrs := &namer{taken: map[string]bool{}}
	keeps := map[string]*bratAttr{}
	for _, at := range n.attrs {
		if keeps[at.key.name] == nil && bratTypeOK(at.key.name) {
			keeps[at.key.name] = at
			attrs.taken[at.key.name] = true
		}
	}
	for _, at := range n.attrs {
		at.brat = attrs.name(at.key.name, func(s string) bool { return keeps[s] == at }, bratTypeForm)
		n.attrBack[at.brat] = at
		rename("attribute", at.key.name, at.brat)
		if at.key.typ != annotate.AttrEnum {
			continue
		}
		vals := &namer{taken: map[string]bool{}}
		vals.reserve(at.values, bratValueOK)
		fwd, back := map[string]string{}, map[string]string{}
		for _, v := range at.values {
			b := vals.name(v, bratValueOK, bratValueForm)
			fwd[v], back[b] = b, v
			if b != v {
				n.renames = append(n.renames, fmt.Sprintf("value %s of %s → %s", q(v), at.key.name, b))
			}
		}
		n.values[at], n.valueBack[at] = fwd, back
	}
	return n
}

// attr returns the brat attribute of a label's attribute, or nil.
func (n *bratNames) attr(s *annotate.Schema, label, name string) *bratAttr {
	l := s.Label(label)
	if l == nil {
		return nil
	}
	a := l.Attr(name)
	if a == nil {
		return nil
	}
	return n.attrOf[bratAttrKey{a.Name, a.Type}]
}

func (n *bratNames) label(s string) string {
	if b, ok := n.labels[s]; ok {
		return b
	}
	return bratTypeForm(s)
}

func (n *bratNames) rel(s string) string {
	if b, ok := n.rels[s]; ok {
		return b
	}
	return bratTypeForm(s)
}

// bratOverlap is a pair of labels of one layer that brat would see as
// crossing although spanmark does not (a span inside the gap of a
// discontinuous one): annotation.conf lets them cross.
type bratOverlap struct{ a, b string }

// bratConf writes annotation.conf for the schema: the types with their
// brat names, the relations with their argument types, <OVERLAP> rules
// for what the schema's layers allow, the bool and enum attributes, and
// the name mapping in comment lines.
func bratConf(s *annotate.Schema, n *bratNames, cross []bratOverlap) []byte {
	var b bytes.Buffer
	b.WriteString("# brat configuration written by spanmark from the project schema.\n")
	if len(n.renames) > 0 || slices.ContainsFunc(n.attrs, func(a *bratAttr) bool { return a.key.typ == annotate.AttrText }) ||
		slices.ContainsFunc(s.Labels, func(l annotate.LabelDef) bool { return l.Layer != annotate.LayerEntity }) {
		b.WriteString("# brat names allow only ASCII letters, digits, _ and -, and attribute values\n" +
			"# no space, comma or |: the lines below give spanmark's own names, and its\n" +
			"# layers, which spanmark restores on import (brat skips comment lines).\n")
	}
	q := strconv.Quote
	for _, l := range s.Labels {
		if bn := n.labels[l.Name]; bn != l.Name {
			fmt.Fprintf(&b, "%slabel %s = %s\n", bratNamePrefix, bn, q(l.Name))
		}
	}
	// the layers other than entity (brat has none): an import without
	// the schema puts the labels back in them
	for _, l := range s.Labels {
		if l.Layer != annotate.LayerEntity {
			fmt.Fprintf(&b, "%slayer %s = %s\n", bratNamePrefix, n.labels[l.Name], q(string(l.Layer)))
		}
	}
	for _, r := range s.Relations {
		if bn := n.rels[r.Name]; bn != r.Name {
			fmt.Fprintf(&b, "%srelation %s = %s\n", bratNamePrefix, bn, q(r.Name))
		}
	}
	for _, at := range n.attrs {
		if at.brat != at.key.name {
			fmt.Fprintf(&b, "%sattribute %s = %s\n", bratNamePrefix, at.brat, q(at.key.name))
		}
		for _, v := range at.values {
			if bv := n.values[at][v]; bv != v {
				fmt.Fprintf(&b, "%svalue %s %s = %s\n", bratNamePrefix, at.brat, bv, q(v))
			}
		}
		if at.key.typ == annotate.AttrText {
			fmt.Fprintf(&b, "%stext %s on %s, in \"#…\\t%s T…\\t%s=…\" comment lines of the .ann\n", bratNamePrefix, at.brat, n.labelList(at.labels), bratNoteType, at.brat)
		}
	}
	b.WriteString("\n[entities]\n")
	for _, l := range s.Labels {
		b.WriteString(n.labels[l.Name] + "\n")
	}
	b.WriteString("\n[relations]\n")
	for _, r := range s.Relations {
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", n.rels[r.Name], n.labelList(r.From), n.labelList(r.To))
	}
	// Overlaps. brat refuses any overlap its configuration does not name;
	// spanmark lets spans of one layer nest or cover the same text (and
	// cross, where the layer allows), and spans of different layers
	// overlap freely. Arg1 is the inner span of "contain".
	var layers []annotate.Layer
	byLayer := map[annotate.Layer][]string{}
	for _, l := range s.Labels {
		if byLayer[l.Layer] == nil {
			layers = append(layers, l.Layer)
		}
		byLayer[l.Layer] = append(byLayer[l.Layer], l.Name)
	}
	for _, l := range layers {
		kinds := "contain|equal"
		if s.Crossing(l) {
			kinds += "|cross"
		}
		ls := n.labelList(byLayer[l])
		fmt.Fprintf(&b, "<OVERLAP>\tArg1:%s, Arg2:%s, <OVL-TYPE>:%s\n", ls, ls, kinds)
	}
	for i, l := range layers {
		for _, m := range layers[i+1:] {
			fmt.Fprintf(&b, "<OVERLAP>\tArg1:%s, Arg2:%s, <OVL-TYPE>:<ANY>\n", n.labelList(byLayer[l]), n.labelList(byLayer[m]))
		}
	}
	for _, c := range cross {
		fmt.Fprintf(&b, "<OVERLAP>\tArg1:%s, Arg2:%s, <OVL-TYPE>:cross\n", n.label(c.a), n.label(c.b))
	}
	b.WriteString("\n[events]\n\n[attributes]\n")
	for _, at := range n.attrs {
		switch at.key.typ {
		case annotate.AttrEnum:
			vals := make([]string, len(at.values))
			for i, v := range at.values {
				vals[i] = n.values[at][v]
			}
			fmt.Fprintf(&b, "%s\tArg:%s, Value:%s\n", at.brat, n.labelList(at.labels), strings.Join(vals, "|"))
		case annotate.AttrBool:
			fmt.Fprintf(&b, "%s\tArg:%s\n", at.brat, n.labelList(at.labels))
		}
	}
	return b.Bytes()
}

func (n *bratNames) labelList(ls []string) string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = n.label(l)
	}
	return strings.Join(out, "|")
}

// bratGapCrossings finds the label pairs of a document that brat would take
// for crossing spans of one layer where spanmark sees none: brat compares
// a discontinuous span by its outer bounds, so a span in its gap crosses it.
// Only layers that forbid crossing matter; single-fragment spans of such a
// layer never cross.
func bratGapCrossings(s *annotate.Schema, d *annotate.Document, found map[bratOverlap]int) {
	spans := d.Spans()
	layer := func(sp *annotate.Span) (annotate.Layer, bool) {
		l := s.Label(sp.Label)
		if l == nil {
			return "", false
		}
		return l.Layer, true
	}
	for i, a := range spans {
		if len(a.Fragments) < 2 {
			continue
		}
		la, ok := layer(a)
		if !ok || s.Crossing(la) {
			continue
		}
		aStart, aEnd := a.Fragments[0].Start, a.Fragments[len(a.Fragments)-1].End
		for j, b := range spans {
			if i == j || (len(b.Fragments) > 1 && j < i) { // two discontinuous spans: once
				continue
			}
			if lb, ok := layer(b); !ok || lb != la {
				continue
			}
			bStart, bEnd := b.Fragments[0].Start, b.Fragments[len(b.Fragments)-1].End
			if bStart >= aEnd || bEnd <= aStart {
				continue
			}
			if bratSameSpan(a, b) || bratContains(a, b) || bratContains(b, a) {
				continue
			}
			k := bratOverlap{a.Label, b.Label}
			if labelIndex(s, k.a) > labelIndex(s, k.b) {
				k.a, k.b = k.b, k.a
			}
			found[k]++
		}
	}
}

func labelIndex(s *annotate.Schema, name string) int {
	return slices.IndexFunc(s.Labels, func(l annotate.LabelDef) bool { return l.Name == name })
}

// bratSameSpan and bratContains are brat's TextBoundAnnotation.same_span
// and .contains.
func bratSameSpan(a, b *annotate.Span) bool {
	for _, f := range a.Fragments {
		if !slices.Contains(b.Fragments, f) {
			return false
		}
	}
	for _, f := range b.Fragments {
		if !slices.Contains(a.Fragments, f) {
			return false
		}
	}
	return true
}

func bratContains(outer, inner *annotate.Span) bool {
	for _, f := range inner.Fragments {
		if !slices.ContainsFunc(outer.Fragments, func(g annotate.Fragment) bool { return g.Contains(f) }) {
			return false
		}
	}
	return true
}

// bratConfNames reads the mapping lines of an annotation.conf.
type bratConfNames struct {
	labels, rels, attrs map[string]string
	values              map[string]map[string]string // brat attribute → brat value → spanmark value
	layers              map[string]annotate.Layer    // brat label → its layer, other than entity
}

func readBratConfNames(f File, im *importer) *bratConfNames {
	c := &bratConfNames{labels: map[string]string{}, rels: map[string]string{}, attrs: map[string]string{}, values: map[string]map[string]string{}, layers: map[string]annotate.Layer{}}
	for i, line := range strings.Split(string(f.Data), "\n") {
		line = strings.TrimRight(line, "\r")
		rest, ok := strings.CutPrefix(line, bratNamePrefix)
		if !ok {
			continue
		}
		head, quoted, ok := strings.Cut(rest, " = ")
		if !ok {
			continue // e.g. the "text …" lines
		}
		orig, err := strconv.Unquote(quoted)
		fields := strings.Fields(head)
		if err != nil || len(fields) < 2 || orig == "" && fields[0] != "value" {
			im.fail(loc{File: f.Name, Line: i + 1}, annotate.CodeBadFormat, "", "a spanmark name line is %q (only a value may be empty), found %s", bratNamePrefix+"KIND BRAT-NAME = \"original\"", quoteShort(line))
			continue
		}
		switch {
		case fields[0] == "label" && len(fields) == 2:
			c.labels[fields[1]] = orig
		case fields[0] == "relation" && len(fields) == 2:
			c.rels[fields[1]] = orig
		case fields[0] == "attribute" && len(fields) == 2:
			c.attrs[fields[1]] = orig
		case fields[0] == "layer" && len(fields) == 2 && (orig == string(annotate.LayerEntity) || orig == string(annotate.LayerClaim)):
			c.layers[fields[1]] = annotate.Layer(orig)
		case fields[0] == "value" && len(fields) == 3:
			if c.values[fields[1]] == nil {
				c.values[fields[1]] = map[string]string{}
			}
			c.values[fields[1]][fields[2]] = orig
		default:
			im.fail(loc{File: f.Name, Line: i + 1}, annotate.CodeBadFormat, "", "unknown spanmark name line %s (kinds: label, relation, attribute, value, and layer entity or claim)", quoteShort(line))
		}
	}
	return c
}

// bratConfFor finds the configuration that applies to an .ann, as brat
// does: in its folder, else the nearest folder above.
func bratConfFor[T any](ann string, confs map[string]T) T {
	for dir := ann; ; {
		dir = bratDir(dir)
		if c, ok := confs[dir]; ok || dir == "" {
			return c
		}
	}
}

// bratDir is the folder of a slash-separated file name, "" at the top
// (path.Dir would bring path.Clean into the page's wasm).
func bratDir(name string) string {
	if i := strings.LastIndexByte(name, '/'); i > 0 {
		return name[:i]
	}
	return ""
}

// readBratColors reads the background colours of a visual.conf's
// [drawing] section ("PERSON\tbgColor:#f4a261"), by brat name; only
// #rrggbb and #rgb, the forms a spanmark label takes.
func readBratColors(f File) map[string]string {
	out := map[string]string{}
	section := ""
	for _, line := range strings.Split(string(f.Data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line
			continue
		}
		fields := strings.Fields(line)
		if section != "[drawing]" || len(fields) < 2 {
			continue
		}
		for _, arg := range strings.Split(strings.Join(fields[1:], " "), ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(arg), ":")
			if k != "bgColor" {
				continue
			}
			if len(v) == 4 && v[0] == '#' {
				v = string([]byte{'#', v[1], v[1], v[2], v[2], v[3], v[3]})
			}
			if colorOK(v) {
				out[fields[0]] = strings.ToLower(v)
			}
		}
	}
	return out
}

// bratResolve turns the names of an .ann back into spanmark's: through the
// mapping of its annotation.conf first, then as the schema in use names
// them, then through the brat names that schema would be written under (a
// file made in brat itself, where "direct quote" could only be typed as
// direct_quote), each such guess reported once.
type bratResolve struct {
	schema  *annotate.Schema
	names   *bratNames
	conf    *bratConfNames    // nil: no annotation.conf
	colors  map[string]string // visual.conf's, by brat name
	hints   map[string]annotate.LabelDef
	guessed map[string]bool
	guesses *[]string
}

func (r *bratResolve) guess(what string) {
	if !r.guessed[what] {
		r.guessed[what] = true
		*r.guesses = append(*r.guesses, what)
	}
}

// label resolves a label and notes the layer and colour the configuration
// gives it, for a label the schema lacks.
func (r *bratResolve) label(b string) string {
	o := r.labelName(b)
	if _, ok := r.hints[o]; !ok && r.schema.Label(o) == nil {
		var h annotate.LabelDef
		if r.conf != nil {
			h.Layer = r.conf.layers[b]
		}
		h.Color = r.colors[b]
		r.hints[o] = h
	}
	return o
}

func (r *bratResolve) labelName(b string) string {
	if r.conf != nil {
		if o, ok := r.conf.labels[b]; ok {
			return o
		}
	}
	if r.schema.Label(b) != nil {
		return b
	}
	if o, ok := r.names.labelBack[b]; ok {
		r.guess(fmt.Sprintf("label %s as %s", b, strconv.Quote(o)))
		return o
	}
	return b
}

func (r *bratResolve) rel(b string) string {
	if r.conf != nil {
		if o, ok := r.conf.rels[b]; ok {
			return o
		}
	}
	if r.schema.Relation(b) != nil {
		return b
	}
	if o, ok := r.names.relBack[b]; ok {
		r.guess(fmt.Sprintf("relation %s as %s", b, strconv.Quote(o)))
		return o
	}
	return b
}

// attr resolves an attribute name on a span of label (a spanmark name).
func (r *bratResolve) attr(label, b string) string {
	if r.conf != nil {
		if o, ok := r.conf.attrs[b]; ok {
			return o
		}
	}
	l := r.schema.Label(label)
	if l == nil || l.Attr(b) != nil {
		return b
	}
	if at := r.names.attrBack[b]; at != nil && slices.Contains(at.labels, label) {
		r.guess(fmt.Sprintf("attribute %s as %s", b, strconv.Quote(at.key.name)))
		return at.key.name
	}
	return b
}

// value resolves an A line's value for attribute name (spanmark's) written
// as battr (brat's) on a span of label.
func (r *bratResolve) value(label, name, battr, v string) string {
	if r.conf != nil {
		if o, ok := r.conf.values[battr][v]; ok {
			return o
		}
	}
	l := r.schema.Label(label)
	if l == nil {
		return v
	}
	def := l.Attr(name)
	switch {
	case def == nil:
		return v
	case def.Type == annotate.AttrText:
		// spanmark before annotation.conf mappings wrote text values
		// percent-escaped on A lines
		return bratUnescape(v)
	case def.Type != annotate.AttrEnum || slices.Contains(def.Values, v):
		return v
	}
	if at := r.names.attrOf[bratAttrKey{def.Name, def.Type}]; at != nil {
		if o, ok := r.names.valueBack[at][v]; ok && slices.Contains(def.Values, o) {
			r.guess(fmt.Sprintf("value %s of %s as %s", v, name, strconv.Quote(o)))
			return o
		}
	}
	if u := bratUnescape(v); u != v && slices.Contains(def.Values, u) {
		return u // percent-escaped by an older spanmark
	}
	return v
}

// bratVisual writes visual.conf: the label colours, and spanmark's own
// names as the display names of the types written under brat names, so
// brat shows "Middle East/North Africa", not Middle_East_North_Africa.
// brat's parser splits a display name at "|" and takes "<…>" for a macro,
// so those are shown as "¦", "‹" and "›"; the exact names are the
// annotation.conf mapping's.
func bratVisual(s *annotate.Schema, n *bratNames) []byte {
	var b bytes.Buffer
	b.WriteString("# brat display configuration written by spanmark from the project schema.\n[labels]\n")
	line := func(bn, orig string) {
		if bn != orig {
			fmt.Fprintf(&b, "%s | %s\n", bn, strings.TrimSpace(strings.Map(func(r rune) rune {
				switch {
				case r == '|':
					return '¦'
				case r == '<':
					return '‹'
				case r == '>':
					return '›'
				case r == '\t' || isBratLineBreak(r):
					return ' '
				}
				return r
			}, orig)))
		}
	}
	for _, l := range s.Labels {
		line(n.labels[l.Name], l.Name)
	}
	for _, r := range s.Relations {
		line(n.rels[r.Name], r.Name)
	}
	for _, at := range n.attrs {
		if at.key.typ != annotate.AttrText {
			line(at.brat, at.key.name)
		}
	}
	// brat's own defaults, then each label's colour
	b.WriteString("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\nARC_DEFAULT\tcolor:black, arrowHead:triangle-5\nATTRIBUTE_DEFAULT\tglyph:*\n")
	for _, l := range s.Labels {
		if colorOK(l.Color) {
			fmt.Fprintf(&b, "%s\tbgColor:%s\n", n.labels[l.Name], l.Color)
		}
	}
	return b.Bytes()
}

func colorOK(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		if !isHex(c[i]) {
			return false
		}
	}
	return true
}
