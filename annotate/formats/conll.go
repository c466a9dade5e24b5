package formats

import (
	"bytes"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// CoNLL is token classification in IOB2, as Hugging Face datasets and
// spaCy's converter read it: "token TAG" per line, a blank line after each
// sentence (UAX #29 sentences from the core), and "-DOCSTART- -X- O O"
// before each document so document boundaries survive.
//
// Only the entity layer is written. IOB cannot nest or overlap, so of
// overlapping entity spans the export keeps the longest (an outer span
// always beats the spans inside it; among equals, the earlier one, then by
// label) and counts the rest as dropped. A span that does not start and end
// on token boundaries is widened to the tokens it touches. Claims, CUE and
// SOURCE spans, relations, attributes, notes, ids, titles, status and the
// original spacing are lost, and the report says so with counts. A column
// never holds whitespace or a control character (conllBreaks): a label
// with a space is renamed ("Vessel Name" → "Vessel_Name", reported), such
// characters inside a token become '_', and a control character on its own
// is whitespace between tokens, not a token line.
//
// Import reads IOB2 and IOB1 (an I- tag after O or another type starts an
// entity), and IOBES S-/E- tags; tab- or space-separated; token first and
// tag last, so 2-column and 4-column (CoNLL-2003) files both work. The text
// is rebuilt: tokens joined by single spaces, sentences by "\n".
type CoNLL struct{}

func (CoNLL) Name() string { return "conll" }

// entityFrag is one fragment of an entity-layer span, placed on tokens.
type entityFrag struct {
	f       annotate.Fragment
	s       *annotate.Span
	ts, te  int  // the tokens it touches, te inclusive
	aligned bool // starts and ends on token boundaries
	blank   bool // touches no token: only whitespace or control characters
}

// selectEntities picks the entity-layer fragments a token-based export
// (CoNLL, JSONL's ner form) can hold: no two on a common token. Longest
// first: an outer span beats everything nested in it, and of two crossing
// spans the longer wins; among equals the earlier, then by label. kept is
// in text order; multi counts multi-fragment entity spans (one entity per
// fragment there).
func selectEntities(p *annotate.Project, d *annotate.Document, toks []annotate.Token) (kept, dropped []entityFrag, multi int) {
	var cands []entityFrag
	for _, s := range d.Spans() {
		if l := p.Schema.Label(s.Label); l == nil || l.Layer != annotate.LayerEntity {
			continue
		}
		if len(s.Fragments) > 1 {
			multi++
		}
		for _, f := range s.Fragments {
			cands = append(cands, entityFrag{f: f, s: s})
		}
	}
	// (sort.SliceStable, which the wasm has anyway: slices.SortStableFunc
	// on entityFrag added a generic merge sort of its own)
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if c := b.f.Len() - a.f.Len(); c != 0 {
			return c < 0
		}
		if c := a.f.Start - b.f.Start; c != 0 {
			return c < 0
		}
		return a.s.Label < b.s.Label
	})
	used := make([]bool, len(toks))
	for _, c := range cands {
		c.ts, c.te, c.aligned = tokenRange(toks, c.f)
		if len(toks) == 0 || toks[c.ts].Start >= c.f.End || toks[c.ts].End <= c.f.Start {
			c.blank = true // nothing to tag: dropped, never widened onto a neighbour
			dropped = append(dropped, c)
			continue
		}
		if slices.Contains(used[c.ts:c.te+1], true) {
			dropped = append(dropped, c)
			continue
		}
		for i := c.ts; i <= c.te; i++ {
			used[i] = true
		}
		kept = append(kept, c)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].f.Start < kept[j].f.Start })
	return kept, dropped, multi
}

func (CoNLL) Export(p *annotate.Project, _ ExportOptions) ([]File, Report, error) {
	var b bytes.Buffer
	var rep Report
	v := take(p)
	dropped, widened, split, respaced, ctrlOnly := 0, 0, 0, 0, 0
	ctrl := map[rune]int{}       // control characters read as whitespace
	renamed := map[string]bool{} // labels whose tag had to change
	for _, d := range p.Documents() {
		x := d.Index()
		toks := x.Tokens()
		tags := make([]string, len(toks))
		kept, drop, multi := selectEntities(p, d, toks)
		for _, c := range drop {
			if c.blank {
				ctrlOnly++
			} else {
				dropped++
			}
		}
		split += multi
		// control characters are whitespace to the tokenizer (as to
		// Python's str.split() and NLTK's reader): never a token line
		for _, r := range d.Text() {
			if r < 0x20 && !unicode.IsSpace(r) || r == 0x7f {
				ctrl[r]++
			}
		}
		for _, c := range kept {
			if !c.aligned {
				widened++
			}
			tag := conllField(c.s.Label)
			if tag != c.s.Label {
				renamed[c.s.Label] = true
			}
			tags[c.ts] = "B-" + tag
			for i := c.ts + 1; i <= c.te; i++ {
				tags[i] = "I-" + tag
			}
		}
		b.WriteString("-DOCSTART- -X- O O\n\n")
		sents := x.Sentences()
		si := 0
		open := false
		for i, t := range toks {
			for si < len(sents) && t.Start >= sents[si].End {
				si++
				// an entity running over a sentence boundary (uniseg ends
				// a sentence after "U.S." before a capital) keeps its
				// tokens in one sentence, so IOB2 stays well formed
				if open && !strings.HasPrefix(tags[i], "I-") {
					b.WriteByte('\n')
					open = false
				}
			}
			text := t.Text
			if strings.IndexFunc(text, conllBreaks) >= 0 {
				respaced++
				text = conllField(text)
			}
			tag := tags[i]
			if tag == "" {
				tag = "O"
			}
			b.WriteString(text)
			b.WriteByte(' ')
			b.WriteString(tag)
			b.WriteByte('\n')
			open = true
		}
		if open {
			b.WriteByte('\n')
		}
	}
	if dropped > 0 {
		rep.add("conll: %s dropped (IOB keeps one span per token; the longest was kept)", count(dropped, "nested or overlapping entity span"))
	}
	if widened > 0 {
		rep.add("conll: %s entity spans not on token boundaries were widened to whole tokens", annotate.Count(widened))
	}
	if split > 0 {
		rep.add("conll: %s multi-fragment entity spans written as one entity per fragment", annotate.Count(split))
	}
	if v.nonEntity > 0 {
		rep.add("conll: %s spans outside the entity layer (claims, sources, cues) not representable, dropped", annotate.Count(v.nonEntity))
	}
	var lost []string
	if v.rels > 0 {
		lost = append(lost, count(v.rels, "relation"))
	}
	if v.attrs > 0 {
		lost = append(lost, count(v.attrs, "attribute value"))
	}
	if v.notes > 0 {
		lost = append(lost, count(v.notes, "note"))
	}
	if len(lost) > 0 {
		rep.add("conll: not representable, dropped: %s", strings.Join(lost, ", "))
	}
	v.docLoss(&rep, "conll", false, false, false, false)
	if v.docs > 0 {
		rep.add("conll: document ids, span ids and the original spacing are not kept (the text is rebuilt from tokens on import)")
	}
	if respaced > 0 {
		rep.add("conll: %s tokens contained whitespace or control characters, written with _ instead", annotate.Count(respaced))
	}
	if len(ctrl) > 0 {
		var parts []string
		n := 0
		for _, r := range order.Keys(ctrl) {
			parts = append(parts, fmt.Sprintf("U+%04X ×%s", r, annotate.Count(ctrl[r])))
			n += ctrl[r]
		}
		rep.add("conll: %s (%s) read as whitespace between tokens, not written", count(n, "control character"), strings.Join(parts, ", "))
	}
	if ctrlOnly > 0 {
		rep.add("conll: %s made only of control characters dropped", count(ctrlOnly, "entity span"))
	}
	if len(renamed) > 0 {
		var parts []string
		for _, l := range order.Keys(renamed) {
			parts = append(parts, fmt.Sprintf("%q → %q", l, conllField(l)))
		}
		rep.add("conll: labels renamed for the tag column, which cannot hold whitespace: %s (import gives the new names)", strings.Join(parts, ", "))
	}
	return []File{{Name: "project.conll", Data: b.Bytes()}}, rep, nil
}

func (CoNLL) Import(files []File, opt ImportOptions) (*annotate.Project, Report, error) {
	im := newImporter("conll", opt)
	iob1 := 0
	for _, f := range files {
		stem := docIDFrom(f.Name)
		var docs []*rawDoc
		var text strings.Builder
		cp := 0            // code points written to text
		sentOpen := false  // a token since the last sentence break
		var cur *rawSpan   // the entity being read
		var curType string // its type
		flushEnt := func() { cur, curType = nil, "" }
		endDoc := func() {
			flushEnt()
			if text.Len() > 0 {
				docs[len(docs)-1].Text = text.String()
			} else if len(docs) > 0 && docs[len(docs)-1].Text == "" && len(docs[len(docs)-1].Spans) == 0 {
				docs = docs[:len(docs)-1] // an empty document: nothing to keep
			}
			text.Reset()
			cp, sentOpen = 0, false
		}
		newDoc := func(line int) {
			docs = append(docs, &rawDoc{loc: loc{File: f.Name, Line: line}})
		}
		data := f.Data
		line := 0
		for len(data) > 0 {
			line++
			var raw []byte
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				raw, data = data[:i], data[i+1:]
			} else {
				raw, data = data, nil
			}
			if line == 1 {
				raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
			}
			l := loc{File: f.Name, Line: line}
			if !utf8.Valid(raw) {
				im.fail(l, annotate.CodeBadFormat, "", "the line is not valid UTF-8")
				continue
			}
			s := strings.TrimRight(string(raw), "\r")
			if strings.TrimSpace(s) == "" {
				flushEnt()
				if sentOpen {
					sentOpen = false
				}
				continue
			}
			var fields []string
			if strings.Contains(s, "\t") {
				fields = strings.Split(s, "\t")
				for i := range fields {
					fields[i] = strings.TrimSpace(fields[i])
				}
			} else {
				fields = strings.Fields(s)
			}
			if fields[0] == "-DOCSTART-" {
				if len(docs) > 0 {
					endDoc()
				}
				newDoc(line)
				continue
			}
			if len(fields) < 2 || fields[0] == "" {
				im.fail(l, annotate.CodeBadFormat, "", "expected a token and a tag separated by a tab or spaces, found %s", quoteShort(s))
				continue
			}
			tok, tag := fields[0], fields[len(fields)-1]
			prefix, typ, ok := parseTag(tag)
			if !ok {
				im.fail(joinLoc(l, "tag"), annotate.CodeBadFormat, "", "tag %q is not O, B-TYPE, I-TYPE, E-TYPE or S-TYPE", tag)
				continue
			}
			if len(docs) == 0 {
				newDoc(line)
			}
			d := docs[len(docs)-1]
			if !sentOpen {
				if text.Len() > 0 {
					text.WriteByte('\n')
					cp++
				}
				flushEnt()
			} else {
				text.WriteByte(' ')
				cp++
			}
			sentOpen = true
			start := cp
			text.WriteString(tok)
			cp += utf8.RuneCountInString(tok)
			switch {
			case prefix == 'O':
				flushEnt()
			case (prefix == 'I' || prefix == 'E') && cur != nil && curType == typ:
				cur.Frags[0].End = cp
			default:
				if prefix == 'I' || prefix == 'E' {
					iob1++
				}
				cur = &rawSpan{Label: typ, Frags: []annotate.Fragment{{Start: start, End: cp}}, loc: l}
				curType = typ
				d.Spans = append(d.Spans, cur)
			}
			if prefix == 'S' || prefix == 'E' {
				flushEnt()
			}
		}
		if len(docs) > 0 {
			endDoc()
		}
		for i, d := range docs {
			d.ID = stem
			if len(docs) > 1 {
				d.ID = stem + "-" + strconv.Itoa(i+1)
			}
			d.Status = annotate.StatusTodo
			im.docs = append(im.docs, d)
		}
	}
	if iob1 > 0 {
		im.note("%s entities begin with I- or E- rather than B- (read as IOB1)", annotate.Count(iob1))
	}
	if len(im.docs) > 0 {
		im.note("texts rebuilt from tokens: tokens joined by single spaces, sentences by line breaks")
	}
	return im.build()
}

func parseTag(tag string) (byte, string, bool) {
	if tag == "O" {
		return 'O', "", true
	}
	if len(tag) < 3 || (tag[1] != '-' && tag[1] != '_') {
		return 0, "", false
	}
	switch tag[0] {
	case 'B', 'I', 'E', 'S':
		return tag[0], tag[2:], true
	}
	return 0, "", false
}

// docIDFrom makes a document id from a file name: the name without its
// folder and extension, whitespace replaced, never empty.
func docIDFrom(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return '-'
		}
		return r
	}, base)
	if base == "" || base == "." || base == "/" {
		base = "doc"
	}
	if r := []rune(base); len(r) > 180 {
		base = string(r[:180])
	}
	return base
}

// conllBreaks reports whether r would split or end a CoNLL column: Unicode
// whitespace, and the control characters that Python's str.split() (and
// so NLTK's and most Python readers) treats as whitespace or that some
// readers take for line breaks: U+0000–U+001F, U+007F, U+0085, U+2028,
// U+2029.
func conllBreaks(r rune) bool {
	return r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || unicode.IsSpace(r)
}

// conllField makes s safe as one column: each breaking rune becomes '_'.
func conllField(s string) string {
	return strings.Map(func(r rune) rune {
		if conllBreaks(r) {
			return '_'
		}
		return r
	}, s)
}
