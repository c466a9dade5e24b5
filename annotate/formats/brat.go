package formats

import (
	"bytes"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"path"
	"strconv"
	"strings"

	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// Brat is brat standoff: a .txt with the text exactly as is and an .ann
// beside it, per document, plus an annotation.conf written from the schema
// that brat's own parser and checker accept (see bratconf.go: brat names,
// <OVERLAP> rules, the name mapping) and a visual.conf with the label
// colours and spanmark's names as display names. Offsets are code points (brat is
// Python), CRLF counting two.
//
// Export: span "s<n>" is T<n> and relation "r<n>" is R<n>, so ids survive
// a round trip (other ids get the next free numbers). T lines list every
// fragment ("T3\tCLAIM 0 5;10 15\tfirst second", texts joined by a space,
// as brat does). An .ann line cannot hold a line break (brat splits where
// Python's splitlines does, U+2028 and NEL included), so a fragment running
// over one is split around it, as brat itself does when you select across
// lines; on import such a span has the extra fragments. Attributes are A
// lines: a bool is a binary flag ("A1\tflag T3", false written as absent);
// an enum value is valued, under its brat name ("A2\tattribution T3
// direct_quote"). A text attribute, which brat cannot declare, is a
// comment line "#4\tspanmark T3\tnormalized=value" (tab, line breaks and %
// percent-escaped). Notes are "#1\tAnnotatorNotes T3\tnote" with line
// breaks and tabs turned into spaces. Titles, source/url/date, status and
// document labels have no place in brat and are reported lost.
//
// Import restores spanmark's names from the annotation.conf that applies
// (or from the brat names of the schema in use, reported), and also reads
// E (events), M (old-style attributes), N (normalizations), "*"
// (equivalences) and notes on events and relations. spanmark has no
// events, normalizations or equivalences: each is reported by id, never
// dropped silently; an event's trigger T line is kept as a span.
type Brat struct{}

func (Brat) Name() string { return "brat" }

// isBratLineBreak tells the characters brat's .ann reader splits lines at
// (Python's str.splitlines, which its codecs reader uses): besides CR and
// LF, VT, FF, the file/group/record separators, NEL, LS and PS.
func isBratLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// bratEscapeText percent-escapes what a comment line cannot hold (tabs and
// line breaks) and the percent sign, byte by byte of the UTF-8.
func bratEscapeText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '%' || r == '\t' || isBratLineBreak(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '%' || r == '\t' || isBratLineBreak(r) {
			var buf [4]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func bratUnescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(n))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func bratFileBase(id string, taken map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r < ' ' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			return '_'
		}
		return r
	}, id)
	if base == "" || base == "." || base == ".." || base == "annotation" {
		base = "doc-" + base
	}
	b := base
	for n := 2; taken[strings.ToLower(b)]; n++ {
		b = base + "-" + strconv.Itoa(n)
	}
	taken[strings.ToLower(b)] = true
	return b
}

func (Brat) Export(p *annotate.Project, _ ExportOptions) ([]File, Report, error) {
	var rep Report
	v := take(p)
	names := newBratNames(p.Schema)
	taken := map[string]bool{}
	splitSpans, falseBools, notesChanged, renamed, renumbered, textAttrs := 0, 0, 0, 0, 0, 0
	gaps := map[bratOverlap]int{}
	var docs []File
	for _, d := range p.Documents() {
		base := bratFileBase(d.ID, taken)
		if base != d.ID {
			renamed++
		}
		bratGapCrossings(p.Schema, d, gaps)
		x := d.Index()
		spans := d.Spans()
		tid := bratIDs(spans, func(s *annotate.Span) string { return s.ID }, "s")
		rels := d.Relations()
		rid := bratIDs(rels, func(r *annotate.Relation) string { return r.ID }, "r")
		for _, s := range spans {
			if !strings.HasPrefix(s.ID, "s") || "T"+s.ID[1:] != tid[s.ID] {
				renumbered++
			}
		}
		var b bytes.Buffer
		var attrs, notes bytes.Buffer
		var textLines []string // after the notes, numbered on
		na, nn := 0, 0
		for _, s := range spans {
			t := tid[s.ID]
			var frags []annotate.Fragment
			for _, f := range s.Fragments {
				frags = append(frags, splitLines(x, f)...)
			}
			if len(frags) != len(s.Fragments) {
				splitSpans++
			}
			fmt.Fprintf(&b, "%s\t%s ", t, names.label(s.Label))
			covered := make([]string, len(frags))
			for i, f := range frags {
				if i > 0 {
					b.WriteByte(';')
				}
				fmt.Fprintf(&b, "%d %d", f.Start, f.End)
				covered[i] = x.Slice(f.Start, f.End)
			}
			b.WriteByte('\t')
			b.WriteString(strings.Join(covered, " "))
			b.WriteByte('\n')
			for _, name := range order.Keys(s.Attrs) {
				at := names.attr(p.Schema, s.Label, name)
				bn := bratTypeForm(name)
				if at != nil {
					bn = at.brat
				}
				switch val := s.Attrs[name].(type) {
				case bool:
					if !val {
						falseBools++
						continue
					}
					na++
					fmt.Fprintf(&attrs, "A%d\t%s %s\n", na, bn, t)
				default:
					str := fmt.Sprint(val)
					if at == nil || at.key.typ != annotate.AttrEnum {
						// free text: brat has no such attribute
						textAttrs++
						textLines = append(textLines, fmt.Sprintf("%s %s\t%s=%s\n", bratNoteType, t, bn, bratEscapeText(str)))
						continue
					}
					bv, ok := names.values[at][str]
					if !ok {
						bv = bratValueForm(str)
					}
					na++
					fmt.Fprintf(&attrs, "A%d\t%s %s %s\n", na, bn, t, bv)
				}
			}
			if s.Note != "" {
				nn++
				note := bratOneLine(s.Note)
				if note != s.Note {
					// brat shows the note on one line; the exact
					// note rides along for spanmark
					notesChanged++
					textLines = append(textLines, fmt.Sprintf("%s %s\t%s%s\n", bratNoteType, t, bratExactNote, bratEscapeText(s.Note)))
				}
				fmt.Fprintf(&notes, "#%d\tAnnotatorNotes %s\t%s\n", nn, t, note)
			}
		}
		for _, r := range rels {
			fmt.Fprintf(&b, "%s\t%s Arg1:%s Arg2:%s\n", rid[r.ID], names.rel(r.Type), tid[r.From], tid[r.To])
		}
		b.Write(attrs.Bytes())
		b.Write(notes.Bytes())
		for _, l := range textLines {
			nn++
			fmt.Fprintf(&b, "#%d\t%s", nn, l)
		}
		docs = append(docs, File{Name: base + ".txt", Data: []byte(d.Text())}, File{Name: base + ".ann", Data: b.Bytes()})
	}
	// in schema order; by hand: a sort instantiated for this one type
	// costs the page's wasm 17 KB
	var cross []bratOverlap
	order := func(o bratOverlap) int {
		return labelIndex(p.Schema, o.a)*len(p.Schema.Labels) + labelIndex(p.Schema, o.b)
	}
	for o := range gaps {
		i := len(cross)
		cross = append(cross, o)
		for ; i > 0 && order(cross[i-1]) > order(o); i-- {
			cross[i] = cross[i-1]
		}
		cross[i] = o
	}
	files := append([]File{{Name: "annotation.conf", Data: bratConf(p.Schema, names, cross)}, {Name: "visual.conf", Data: bratVisual(p.Schema, names)}}, docs...)
	if len(names.renames) > 0 {
		rep.add("brat: %s not valid in brat's configuration, written under brat names that annotation.conf maps back (spanmark restores them on import): %s",
			count(len(names.renames), "name is", "names are"), strings.Join(names.renames, ", "))
	}
	if textAttrs > 0 {
		rep.add("brat: %s (free text, which brat attributes cannot hold) written as \"%s\" comment lines (#), which brat keeps and shows and spanmark reads back", count(textAttrs, "text attribute value"), bratNoteType)
	}
	if len(cross) > 0 {
		var pairs []string
		total := 0
		for _, c := range cross {
			pairs = append(pairs, c.a+"/"+c.b)
			total += gaps[c]
		}
		rep.add("brat: %s of a discontinuous span (brat compares such a span by its outer bounds and takes that for crossing): annotation.conf lets %s cross",
			count(total, "span lies in the gap", "spans lie in the gap"), strings.Join(pairs, ", "))
	}
	if splitSpans > 0 {
		rep.add("brat: %s run over a line break, written with the line break left out as separate fragments", count(splitSpans, "span"))
	}
	if falseBools > 0 {
		rep.add("brat: %s false, written as absent (brat flags are present or not)", count(falseBools, "bool attribute"))
	}
	if notesChanged > 0 {
		rep.add("brat: %s line breaks or tabs: AnnotatorNotes shows it with spaces, and a \"%s\" comment line keeps it exactly for spanmark (unless the note is edited in brat)",
			count(notesChanged, "note contains", "notes contain"), bratNoteType)
	}
	if renamed > 0 {
		rep.add("brat: %s not usable as file names, written under a changed name", count(renamed, "document id is", "document ids are"))
	}
	if renumbered > 0 {
		rep.add("brat: %s not of the form s<n>, renumbered as T ids", count(renumbered, "span id is", "span ids are"))
	}
	v.docLoss(&rep, "brat", false, false, false, false)
	return files, rep, nil
}

// count writes "1 span" / "3 spans" / "10,003 spans" (annotate.Count);
// plural defaults to singular+"s".
func count(n int, singular string, plural ...string) string {
	if n == 1 {
		return "1 " + singular
	}
	if len(plural) > 0 {
		return annotate.Count(n) + " " + plural[0]
	}
	return annotate.Count(n) + " " + singular + "s"
}

// bratIDs gives each item a brat id: "s7" → "T7", "r2" → "R2", others the
// next numbers after the largest used.
func bratIDs[T any](items []T, id func(T) string, prefix string) map[string]string {
	letter := "T"
	if prefix == "r" {
		letter = "R"
	}
	out := make(map[string]string, len(items))
	used := map[int]bool{}
	maxN := 0
	for _, it := range items {
		s := id(it)
		if n, err := strconv.Atoi(strings.TrimPrefix(s, prefix)); err == nil && strings.HasPrefix(s, prefix) && n > 0 && strconv.Itoa(n) == s[len(prefix):] && !used[n] {
			used[n] = true
			out[s] = letter + strconv.Itoa(n)
			maxN = max(maxN, n)
		}
	}
	for _, it := range items {
		s := id(it)
		if _, ok := out[s]; !ok {
			maxN++
			out[s] = letter + strconv.Itoa(maxN)
		}
	}
	return out
}

// splitLines cuts a fragment around line breaks (isBratLineBreak), leaving out
// the breaks and any whitespace-only piece.
func splitLines(x *annotate.TextIndex, f annotate.Fragment) []annotate.Fragment {
	text := x.Slice(f.Start, f.End)
	if !strings.ContainsFunc(text, isBratLineBreak) {
		return []annotate.Fragment{f}
	}
	var out []annotate.Fragment
	cp, start := f.Start, f.Start
	flush := func(end int) {
		if end > start && strings.TrimSpace(x.Slice(start, end)) != "" {
			out = append(out, annotate.Fragment{Start: start, End: end})
		}
	}
	for _, r := range text {
		if isBratLineBreak(r) {
			flush(cp)
			start = cp + 1
		}
		cp++
	}
	flush(cp)
	if len(out) == 0 {
		return []annotate.Fragment{f}
	}
	return out
}

type bratLine struct {
	line   int
	id     string
	fields []string // the tab-separated fields after the id
}

func (Brat) Import(files []File, opt ImportOptions) (*annotate.Project, Report, error) {
	im := newImporter("brat", opt)
	byName := map[string]File{}
	var anns, txts []string
	for _, f := range files {
		byName[f.Name] = f
		switch strings.ToLower(path.Ext(f.Name)) {
		case ".ann":
			anns = append(anns, f.Name)
		case ".txt":
			txts = append(txts, f.Name)
		default:
			if !isBratSide(f.Name) {
				im.note("%s: not a .txt or .ann file, ignored", f.Name)
			}
		}
	}
	order.Sort(txts)
	// annotation.conf files: their name mapping, by folder
	confs := map[string]*bratConfNames{}
	colors := map[string]map[string]string{}
	for _, f := range files {
		switch path.Base(f.Name) {
		case "annotation.conf":
			confs[bratDir(f.Name)] = readBratConfNames(f, im)
		case "visual.conf":
			colors[bratDir(f.Name)] = readBratColors(f)
		}
	}
	im.labelHint = map[string]annotate.LabelDef{}
	schema := opt.Schema
	if schema == nil {
		schema = annotate.DefaultSchema()
	}
	names := newBratNames(schema)
	var guesses []string
	guessed := map[string]bool{}
	paired := map[string]bool{}
	for _, a := range anns {
		t := strings.TrimSuffix(a, path.Ext(a)) + ".txt"
		if _, ok := byName[t]; !ok {
			im.fail(loc{File: a}, annotate.CodeBadFormat, "", "no %s beside it: brat keeps the text in a .txt file with the same name", path.Base(t))
			continue
		}
		paired[t] = true
	}
	for _, t := range txts {
		a := strings.TrimSuffix(t, path.Ext(t)) + ".ann"
		if !paired[t] {
			if _, ok := byName[a]; !ok {
				im.note("%s: no .ann beside it, imported without annotations", t)
			}
		}
		r := &bratResolve{schema: schema, names: names, conf: bratConfFor(a, confs), colors: bratConfFor(a, colors),
			hints: im.labelHint, guessed: guessed, guesses: &guesses}
		im.bratDoc(byName[t], byName[a], r)
	}
	if len(guesses) > 0 {
		im.note("names read as the schema's brat names (no annotation.conf maps them): %s", strings.Join(guesses, ", "))
	}
	return im.build()
}

func (im *importer) bratDoc(txt, ann File, names *bratResolve) {
	if !utf8.Valid(txt.Data) {
		im.fail(loc{File: txt.Name, Line: lineAt(txt.Data, int64(annotate.FirstInvalidUTF8(txt.Data)))}, annotate.CodeBadFormat, "", "the text is not valid UTF-8")
		return
	}
	d := &rawDoc{ID: docIDFrom(txt.Name), Text: string(txt.Data), Status: annotate.StatusTodo, loc: loc{File: txt.Name}}
	im.docs = append(im.docs, d)
	if ann.Name == "" {
		return
	}
	if !utf8.Valid(ann.Data) {
		im.fail(loc{File: ann.Name, Line: lineAt(ann.Data, int64(annotate.FirstInvalidUTF8(ann.Data)))}, annotate.CodeBadFormat, d.ID, "the file is not valid UTF-8")
		return
	}
	var lines []bratLine
	seen := map[string]int{}
	for i, raw := range strings.Split(string(ann.Data), "\n") {
		s := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		l := loc{File: ann.Name, Line: i + 1}
		id, rest, ok := strings.Cut(s, "\t")
		if !ok || id == "" {
			im.fail(l, annotate.CodeBadFormat, d.ID, "expected an id, a tab and an annotation, found %s", quoteShort(s))
			continue
		}
		if id != "*" {
			if prev, dup := seen[id]; dup {
				im.fail(l, annotate.CodeDuplicateID, d.ID, "id %s is used twice (first on line %d)", id, prev)
				continue
			}
			seen[id] = i + 1
		}
		lines = append(lines, bratLine{line: i + 1, id: id, fields: strings.Split(rest, "\t")})
	}
	spans := map[string]*rawSpan{} // brat T id → span
	events := map[string]bool{}
	relIDs := map[string]bool{}
	var dropped []string
	drop := func(what string) { dropped = append(dropped, what) }
	// T lines first: A, R and # lines may refer to a T further down.
	for _, bl := range lines {
		l := loc{File: ann.Name, Line: bl.line}
		switch bl.id[0] {
		case 'T':
			s := im.bratSpan(d, bl, l)
			if s != nil {
				s.Label = names.label(s.Label)
				spans[bl.id] = s
				d.Spans = append(d.Spans, s)
			}
		case 'E':
			events[bl.id] = true
		case 'R':
			relIDs[bl.id] = true
		}
	}
	var eventIDs []string
	type exactNote struct {
		span     *rawSpan
		note, id string
	}
	var exact []exactNote
	for _, bl := range lines {
		l := loc{File: ann.Name, Line: bl.line}
		head := strings.Fields(bl.fields[0])
		switch bl.id[0] {
		case 'T':
		case 'E':
			eventIDs = append(eventIDs, bl.id)
		case 'R':
			if len(head) != 3 {
				im.fail(l, annotate.CodeBadFormat, d.ID, "a relation is \"R1\\tType Arg1:T1 Arg2:T2\", found %s", quoteShort(bl.fields[0]))
				continue
			}
			var ends [2]string
			ok := true
			for k, arg := range head[1:] {
				_, ref, found := strings.Cut(arg, ":")
				if !found {
					im.fail(l, annotate.CodeBadFormat, d.ID, "relation argument %q is not Role:ID", arg)
					ok = false
					break
				}
				if events[ref] || relIDs[ref] {
					drop(fmt.Sprintf("relation %s (its argument %s is not a text span)", bl.id, ref))
					ok = false
					break
				}
				s := spans[ref]
				if s == nil {
					e := im.fail(l, annotate.CodeUnknownSpan, d.ID, "relation %s refers to %s, which the file does not define", bl.id, ref)
					e.Relation = bratSpanmarkID(bl.id, "R", "r")
					ok = false
					break
				}
				ends[k] = s.ID
			}
			if ok {
				d.Rels = append(d.Rels, &rawRel{ID: bratSpanmarkID(bl.id, "R", "r"), Type: names.rel(head[0]), From: ends[0], To: ends[1], loc: l})
			}
		case 'A', 'M':
			if len(head) < 2 || len(head) > 3 {
				im.fail(l, annotate.CodeBadFormat, d.ID, "an attribute is \"A1\\tName ID [Value]\", found %s", quoteShort(bl.fields[0]))
				continue
			}
			s := spans[head[1]]
			switch {
			case s != nil:
				name := names.attr(s.Label, head[0])
				if len(head) == 3 {
					s.setAttr(name, names.value(s.Label, name, head[0], head[2]), annotate.AttrEnum, l)
				} else {
					s.setAttr(name, true, annotate.AttrBool, l)
				}
			case events[head[1]] || relIDs[head[1]]:
				drop(fmt.Sprintf("attribute %s on %s", bl.id, head[1]))
			default:
				im.fail(l, annotate.CodeUnknownSpan, d.ID, "attribute %s refers to %s, which the file does not define", bl.id, head[1])
			}
		case '#':
			if len(head) == 2 && head[0] == bratNoteType {
				// a text attribute: "#3\tspanmark T5\tname=value"
				s := spans[head[1]]
				text := ""
				if len(bl.fields) > 1 {
					text = strings.Join(bl.fields[1:], "\t")
				}
				name, val, ok := strings.Cut(text, "=")
				switch {
				case !ok || name == "":
					im.fail(l, annotate.CodeBadFormat, d.ID, "a %s comment is \"#1\\t%s T1\\tname=value\", found %s", bratNoteType, bratNoteType, quoteShort(text))
				case s != nil && name+"=" == bratExactNote:
					exact = append(exact, exactNote{s, bratUnescape(val), bl.id})
				case s != nil:
					name = names.attr(s.Label, name)
					s.setAttr(name, bratUnescape(val), annotate.AttrText, l)
				case events[head[1]] || relIDs[head[1]]:
					drop(fmt.Sprintf("attribute %s on %s", bl.id, head[1]))
				default:
					im.fail(l, annotate.CodeUnknownSpan, d.ID, "attribute %s refers to %s, which the file does not define", bl.id, head[1])
				}
				continue
			}
			if len(head) != 2 || head[0] != "AnnotatorNotes" {
				drop(fmt.Sprintf("comment %s", bl.id))
				continue
			}
			note := ""
			if len(bl.fields) > 1 {
				note = strings.Join(bl.fields[1:], "\t")
			}
			s := spans[head[1]]
			switch {
			case s != nil:
				if s.Note != "" {
					s.Note += "\n"
				}
				s.Note += note
			case events[head[1]] || relIDs[head[1]]:
				drop(fmt.Sprintf("note %s on %s", bl.id, head[1]))
			default:
				im.fail(l, annotate.CodeUnknownSpan, d.ID, "note %s refers to %s, which the file does not define", bl.id, head[1])
			}
		case 'N':
			drop(fmt.Sprintf("normalization %s (%s)", bl.id, strings.Join(bl.fields, " ")))
		case '*':
			drop(fmt.Sprintf("equivalence * %s", bl.fields[0]))
		default:
			im.fail(l, annotate.CodeBadFormat, d.ID, "unknown annotation type %q (brat has T, R, E, A, M, N, # and *)", bl.id)
		}
	}
	// An exact note stands for the AnnotatorNotes brat shows on one line,
	// as long as that is still the same note: one edited in brat wins.
	var edited []string
	for _, e := range exact {
		if e.span.Note == bratOneLine(e.note) {
			e.span.Note = e.note
		} else {
			edited = append(edited, e.id)
		}
	}
	if len(edited) > 0 {
		im.note("%s: %s edited in brat, kept as edited (the exact copy of the note spanmark wrote, with its line breaks, is left out): %s",
			ann.Name, count(len(edited), "note was", "notes were"), strings.Join(edited, ", "))
	}
	if len(eventIDs) > 0 {
		im.note("%s: %s not representable, dropped (trigger spans kept): %s", ann.Name, count(len(eventIDs), "event"), strings.Join(eventIDs, ", "))
	}
	if len(dropped) > 0 {
		im.note("%s: not representable, dropped: %s", ann.Name, strings.Join(dropped, "; "))
	}
}

// bratSpanmarkID maps "T7" to "s7" (and "R2" to "r2") so that ids survive a
// round trip; other ids are kept as they are.
func bratSpanmarkID(id, letter, prefix string) string {
	if n, err := strconv.Atoi(strings.TrimPrefix(id, letter)); err == nil && n > 0 && strings.HasPrefix(id, letter) && strconv.Itoa(n) == id[len(letter):] {
		return prefix + strconv.Itoa(n)
	}
	return id
}

func (im *importer) bratSpan(d *rawDoc, bl bratLine, l loc) *rawSpan {
	label, offs, _ := strings.Cut(bl.fields[0], " ")
	if label == "" || offs == "" {
		im.fail(l, annotate.CodeBadFormat, d.ID, "a text span is \"T1\\tLabel start end\\ttext\", found %s", quoteShort(bl.fields[0]))
		return nil
	}
	s := &rawSpan{ID: bratSpanmarkID(bl.id, "T", "s"), Ref: bl.id, Label: label, Sep: " ", loc: l}
	for _, part := range strings.Split(offs, ";") {
		nums := strings.Fields(part)
		if len(nums) != 2 {
			im.fail(joinLoc(l, "offsets"), annotate.CodeBadFormat, d.ID, "%s: fragment %q is not \"start end\"", bl.id, part)
			return nil
		}
		a, err1 := strconv.Atoi(nums[0])
		b, err2 := strconv.Atoi(nums[1])
		if err1 != nil || err2 != nil {
			im.fail(joinLoc(l, "offsets"), annotate.CodeBadFormat, d.ID, "%s: fragment %q: offsets must be whole numbers", bl.id, part)
			return nil
		}
		s.Frags = append(s.Frags, annotate.Fragment{Start: a, End: b})
	}
	if len(bl.fields) > 1 {
		t := strings.Join(bl.fields[1:], "\t")
		s.Text = &t
	}
	return s
}
