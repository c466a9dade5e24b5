package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
)

// JSONL is spaCy's and Prodigy's span format: one JSON object per line with
// "text", "meta", "tokens" [{text, start, end, id, ws}], "spans" [{start,
// end, token_start, token_end, label, text}], where token_end is INCLUSIVE
// (Prodigy's convention), and "answer": "accept". Tokens are the core's
// (annotate.TextIndex.Tokens: spaCy's English rules), so entities drawn on
// words sit on token boundaries.
//
// Export has two forms. "ner" (the default) lists in "spans" the entity
// layer only, without two spans on a common token (the longest kept, as
// CoNLL does), so spaCy's doc.ents and Prodigy's ner views take it as is.
// "spans" lists every fragment, overlaps included, for doc.spans["sc"]
// and Prodigy's spans.manual. Either way nothing is lost for spanmark:
//
//	"meta": {"id", "title", "source", "url", "date"}       document fields
//	"_spanmark": {"form", "spans_key", "status", "labels",   form, progress, doc labels
//	  "spans": [{"id", "parts", "attrs", "note"}],           one per spanmark span
//	  "relations": [{"id", "type", "from", "to"}]}           by span id
//
// "parts" are indexes into "spans": a multi-fragment span (a claim split
// around "he said") is one entry per fragment there, and "parts" joins them
// again on import. A span the ner form leaves out of "spans" has "label"
// and "fragments" [[start, end], …] instead of "parts". So jsonl → spanmark
// is lossless in both forms. Span entries no _spanmark span refers to
// (added in Prodigy) become new spans, and a file without _spanmark (any
// Prodigy or spaCy output) imports from "spans" alone; unknown top-level
// keys are reported as not kept. The other members of "meta" (Prodigy
// shows them on the card: a score, a source id) are kept with the
// document (Meta.Extra) and written back into "meta" after spanmark's own. Prodigy's "answer": only
// accepted records and records without an answer are imported; a rejected
// or ignored record becomes no document (its spans were judged wrong or
// not judged), and the report counts them by answer.
type JSONL struct{}

func (JSONL) Name() string { return "jsonl" }

type jsonlToken struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    int    `json:"id"`
	WS    bool   `json:"ws"`
}

type jsonlSpan struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`
	Label      string `json:"label"`
	Text       string `json:"text"`
}

type jsonlMeta struct {
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Date   string `json:"date,omitempty"`
}

type jsonlExtSpan struct {
	ID    string `json:"id"`
	Parts []int  `json:"parts,omitempty"`
	// Label and Fragments hold a span that is not in "spans" (the ner
	// form lists the entity layer only): [start, end) code points.
	Label     string         `json:"label,omitempty"`
	Fragments [][2]int       `json:"fragments,omitempty"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Note      string         `json:"note,omitempty"`
}

type jsonlRel struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
}

type jsonlExt struct {
	Form      string          `json:"form,omitempty"`      // ner or spans
	SpansKey  string          `json:"spans_key,omitempty"` // the doc.spans key the spans form is for
	Status    annotate.Status `json:"status,omitempty"`
	Labels    []string        `json:"labels,omitempty"`
	Spans     []jsonlExtSpan  `json:"spans"`
	Relations []jsonlRel      `json:"relations,omitempty"`
}

type jsonlDoc struct {
	Text   string          `json:"text"`
	Meta   json.RawMessage `json:"meta"` // jsonlMeta and the document's other metadata
	Tokens []jsonlToken    `json:"tokens"`
	Spans  []jsonlSpan     `json:"spans"`
	Answer string          `json:"answer"`
	// Prodigy's annotator: the session that made the answer
	Annotator string   `json:"_annotator_id,omitempty"`
	Ext       jsonlExt `json:"_spanmark"`
}

// jsonlRejectDoc is a rejected suggestion as Prodigy writes a rejected
// answer of ner.teach: the document's text and tokens, the one suggested
// span, "answer": "reject"; _spanmark says where it came from.
type jsonlRejectDoc struct {
	Text   string       `json:"text"`
	Meta   jsonlMeta    `json:"meta"`
	Tokens []jsonlToken `json:"tokens"`
	Spans  []jsonlSpan  `json:"spans"`
	Answer string       `json:"answer"`
	Ext    jsonlSuggExt `json:"_spanmark"`
}

type jsonlSuggExt struct {
	Form   string   `json:"form"` // "suggestion"
	Source string   `json:"source"`
	Score  *float64 `json:"score,omitempty"`
}

func jsonlReject(d *annotate.Document, toks []annotate.Token, g *annotate.Suggestion) jsonlRejectDoc {
	x := d.Index()
	rec := jsonlRejectDoc{Text: d.Text(), Meta: jsonlMeta{ID: d.ID, Title: d.Title, Source: d.Meta.Source, URL: d.Meta.URL, Date: d.Meta.Date},
		Tokens: make([]jsonlToken, len(toks)), Answer: "reject", Ext: jsonlSuggExt{Form: "suggestion", Source: g.Source}}
	for i, t := range toks {
		rec.Tokens[i] = jsonlToken{Text: t.Text, Start: t.Start, End: t.End, ID: i, WS: t.WS}
	}
	for _, f := range g.Fragments {
		ts, te, _ := tokenRange(toks, f)
		rec.Spans = append(rec.Spans, jsonlSpan{Start: f.Start, End: f.End, TokenStart: ts, TokenEnd: te, Label: g.Label, Text: x.Slice(f.Start, f.End)})
	}
	if g.Scored {
		sc := g.Score
		rec.Ext.Score = &sc
	}
	return rec
}

// Spans form key: the doc.spans key the "spans" form is meant for, spaCy's
// default for its span categorizer.
const jsonlSpansKey = "sc"

func (JSONL) Export(p *annotate.Project, opt ExportOptions) ([]File, Report, error) {
	form := opt.Form
	switch form {
	case "":
		form = "ner"
	case "ner", "spans":
	default:
		return nil, nil, &annotate.Error{Code: annotate.CodeBadArgument, Field: "form",
			Msg: fmt.Sprintf("unknown JSONL form %q; use ner or spans", opt.Form)}
	}
	var out bytes.Buffer
	var rep Report
	misaligned, overlapping, otherLayers, multi, rejected := 0, 0, 0, 0, 0
	lostMeta := map[string]int{}
	for _, d := range p.Documents() {
		x := d.Index()
		toks := x.Tokens()
		meta, err := marshal(jsonlMeta{ID: d.ID, Title: d.Title, Source: d.Meta.Source, URL: d.Meta.URL, Date: d.Meta.Date})
		if err != nil {
			return nil, nil, err
		}
		meta = withMembers(meta, splitExtra(d.Meta.Extra, jsonlMetaKnown, lostMeta))
		rec := jsonlDoc{Text: d.Text(), Meta: meta,
			Tokens: make([]jsonlToken, len(toks)), Spans: []jsonlSpan{}, Answer: "accept",
			Annotator: d.Annotator, Ext: jsonlExt{Form: form, Status: d.Status, Labels: d.Labels, Spans: []jsonlExtSpan{}}}
		if form == "spans" {
			rec.Ext.SpansKey = jsonlSpansKey
		}
		for i, t := range toks {
			rec.Tokens[i] = jsonlToken{Text: t.Text, Start: t.Start, End: t.End, ID: i, WS: t.WS}
		}
		type part struct {
			f    annotate.Fragment
			span int
		}
		spans := d.Spans()
		index := make(map[*annotate.Span]int, len(spans))
		for i, s := range spans {
			index[s] = i
		}
		var parts []part
		listed := make([]bool, len(spans)) // the span has its fragments in "spans"
		if form == "ner" {
			// the entity layer without overlaps; everything else is kept
			// under _spanmark only, so spaCy's doc.ents takes "spans" as is
			kept, dropped, _ := selectEntities(p, d, toks)
			for _, e := range kept {
				listed[index[e.s]] = true
			}
			// a multi-fragment span with a fragment dropped is kept whole
			// under _spanmark rather than split between the two places
			for _, e := range dropped {
				listed[index[e.s]] = false
			}
			for _, e := range kept {
				if listed[index[e.s]] {
					parts = append(parts, part{e.f, index[e.s]})
				}
			}
		} else {
			for i, s := range spans {
				listed[i] = true
				for _, f := range s.Fragments {
					parts = append(parts, part{f, i})
				}
			}
			// fragments in text order, as Prodigy and spaCy expect spans
			sort.SliceStable(parts, func(a, b int) bool { return parts[a].f.Start < parts[b].f.Start })
		}
		ext := make([]jsonlExtSpan, len(spans))
		for i, s := range spans {
			ext[i] = jsonlExtSpan{ID: s.ID, Attrs: s.Attrs, Note: s.Note}
			if !listed[i] {
				ext[i].Label = s.Label
				ext[i].Fragments = make([][2]int, len(s.Fragments))
				for k, f := range s.Fragments {
					ext[i].Fragments[k] = [2]int{f.Start, f.End}
				}
				if l := p.Schema.Label(s.Label); l == nil || l.Layer != annotate.LayerEntity {
					otherLayers++
				} else {
					overlapping++
				}
			} else if len(s.Fragments) > 1 {
				multi++
			}
		}
		for i, pt := range parts {
			ts, te, ok := tokenRange(toks, pt.f)
			if !ok {
				misaligned++
			}
			rec.Spans = append(rec.Spans, jsonlSpan{Start: pt.f.Start, End: pt.f.End, TokenStart: ts, TokenEnd: te,
				Label: spans[pt.span].Label, Text: x.Slice(pt.f.Start, pt.f.End)})
			ext[pt.span].Parts = append(ext[pt.span].Parts, i)
		}
		rec.Ext.Spans = ext
		for _, r := range d.Relations() {
			rec.Ext.Relations = append(rec.Ext.Relations, jsonlRel{r.ID, r.Type, r.From, r.To})
		}
		b, err := marshal(rec)
		if err != nil {
			return nil, nil, err
		}
		out.Write(b)
		out.WriteByte('\n')
		for _, g := range d.RejectedSuggestions() {
			b, err := marshal(jsonlReject(d, toks, g))
			if err != nil {
				return nil, nil, err
			}
			out.Write(b)
			out.WriteByte('\n')
			rejected++
		}
	}
	if rejected > 0 {
		rep.add("jsonl: %s written as records with \"answer\": \"reject\" after their document's record (Prodigy's form for a rejected suggestion; spanmark's import leaves them out)", count(rejected, "rejected suggestion"))
	}
	if form == "ner" {
		if overlapping > 0 {
			rep.add("jsonl: form ner: %s kept only under _spanmark, not in \"spans\" (spaCy's doc.ents takes no overlaps; the longest was kept)", count(overlapping, "nested or overlapping entity span"))
		}
		if otherLayers > 0 {
			rep.add("jsonl: form ner: %s (claims, cues, sources) kept only under _spanmark, not in \"spans\" (export with form spans to list them)", count(otherLayers, "non-entity span"))
		}
	}
	if multi > 0 {
		rep.add("jsonl: %s multi-fragment spans are one \"spans\" entry per fragment (Prodigy and spaCy see separate spans; _spanmark joins them again)", annotate.Count(multi))
	}
	extraLoss(&rep, "jsonl", lostMeta, "meta has spanmark's fields of that name")
	if misaligned > 0 {
		rep.add("jsonl: %s span fragments do not start and end on token boundaries; spaCy's Doc.char_span rejects them (token_start/token_end name the tokens they touch)", annotate.Count(misaligned))
	}
	return []File{{Name: "project.jsonl", Data: out.Bytes()}}, rep, nil
}

// tokenRange returns the first and last (inclusive) token a fragment
// touches, and whether it starts and ends exactly on token boundaries.
func tokenRange(toks []annotate.Token, f annotate.Fragment) (int, int, bool) {
	if len(toks) == 0 {
		return 0, 0, false
	}
	ts := sort.Search(len(toks), func(i int) bool { return toks[i].End > f.Start })
	te := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= f.End }) - 1
	if ts >= len(toks) {
		ts = len(toks) - 1
	}
	if te < ts {
		te = ts // a fragment over whitespace only touches no token
		return ts, te, false
	}
	return ts, te, toks[ts].Start == f.Start && toks[te].End == f.End
}

type jsonlSpanIn struct {
	Start      *int    `json:"start"`
	End        *int    `json:"end"`
	TokenStart *int    `json:"token_start"`
	TokenEnd   *int    `json:"token_end"`
	Label      string  `json:"label"`
	Text       *string `json:"text"`
	// Score is a model's confidence (Prodigy keeps it on spans a
	// recipe suggested): kept when imported as suggestions.
	Score *float64 `json:"score"`
}

type jsonlIn struct {
	Text   *string         `json:"text"`
	Meta   json.RawMessage `json:"meta"`
	Tokens []jsonlToken    `json:"tokens"`
	Spans  []jsonlSpanIn   `json:"spans"`
	Ext    *jsonlExt       `json:"_spanmark"`
	Answer json.RawMessage `json:"answer"`
	// who: Prodigy's "_annotator_id", else its "_session_id" (null or a
	// string; anything else is not kept)
	AnnotatorID any `json:"_annotator_id"`
	SessionID   any `json:"_session_id"`
}

var jsonlKnown = []string{"text", "meta", "tokens", "spans", "_spanmark", "answer", "_annotator_id", "_session_id"}

// jsonlMetaKnown are the members of "meta" that are spanmark's own.
var jsonlMetaKnown = []string{"id", "title", "source", "url", "date"}

func (JSONL) Import(files []File, opt ImportOptions) (*annotate.Project, Report, error) {
	if err := tooManyRecords(files); err != nil {
		return nil, nil, err
	}
	im := newImporter("jsonl", opt)
	ordinal := 0
	for _, f := range files {
		ignored := map[string]int{}
		ignoredMeta := map[string]int{}
		answers := map[string]int{} // records not imported, by answer
		jsonLines(f.Data, func(line int, rec []byte) {
			ordinal++
			l := loc{File: f.Name, Line: line}
			var in jsonlIn
			if msg, field, ok := decodeRecord(rec, jsonlKnown, ignored, &in); !ok {
				im.fail(loc{File: f.Name, Line: line, Field: field}, annotate.CodeBadFormat, "", "%s", msg)
				return
			}
			if in.Text == nil {
				im.fail(loc{File: f.Name, Line: line, Field: "text"}, annotate.CodeBadFormat, "", `the record has no "text"`)
				return
			}
			// Prodigy's answer: only accepted records (and records without
			// one) are annotations; a rejected or ignored record says the
			// spans in it are wrong or unjudged, so it is not imported.
			if len(in.Answer) > 0 && string(in.Answer) != "null" {
				var a string
				if err := json.Unmarshal(in.Answer, &a); err != nil {
					im.fail(loc{File: f.Name, Line: line, Field: "answer"}, annotate.CodeBadFormat, "", `"answer" must be a string ("accept", "reject" or "ignore"), not %s`, in.Answer)
					return
				}
				if a != "accept" {
					answers[a]++
					return
				}
			}
			d := &rawDoc{Text: *in.Text, loc: l, Status: annotate.StatusTodo}
			known := map[string]string{}
			var extra extraBuilder
			switch m := bytes.TrimSpace(in.Meta); {
			case len(m) == 0 || string(m) == "null":
			case m[0] != '{':
				ignored["meta"]++ // not an object: nothing Prodigy shows
			default:
				objectMembers(m, func(k string, v []byte) {
					var s string
					if slices.Contains(jsonlMetaKnown, k) {
						if json.Unmarshal(v, &s) == nil {
							known[k] = s
						} else {
							ignoredMeta[k]++ // spanmark's field, not a string
						}
						return
					}
					extra.add(k, v)
				})
			}
			str := func(k string) string { return known[k] }
			d.ID, d.Title = str("id"), str("title")
			d.Annotator, _ = in.AnnotatorID.(string)
			if d.Annotator == "" {
				d.Annotator, _ = in.SessionID.(string)
			}
			d.Meta = annotate.Meta{Source: str("source"), URL: str("url"), Date: str("date"), Extra: extra.object()}
			if d.ID == "" {
				d.ID = "doc-" + strconv.Itoa(ordinal)
			}
			im.jsonlSpans(d, &in, l)
			im.docs = append(im.docs, d)
		})
		if len(ignored) > 0 {
			im.note("%s: keys not kept: %s", f.Name, countList(ignored))
		}
		if len(ignoredMeta) > 0 {
			im.note("%s: meta keys not kept: %s", f.Name, countList(ignoredMeta))
		}
		if len(answers) > 0 {
			im.note("%s: %s not imported (only accepted answers are annotations)", f.Name, answerList(answers))
		}
	}
	return im.build()
}

// answerList renders {"ignore": 1, "reject": 3} as "3 records with answer
// reject and 1 with ignore", reject first, then the rest by name.
func answerList(m map[string]int) string {
	keys := order.Keys(m)
	// "reject" to the front, the rest in order (by hand: a stable sort
	// on strings added its own generic merge sort to the wasm)
	if i := slices.Index(keys, "reject"); i > 0 {
		copy(keys[1:i+1], keys[:i])
		keys[0] = "reject"
	}
	var parts []string
	for i, k := range keys {
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s with answer %s", count(m[k], "record"), k))
		} else {
			parts = append(parts, fmt.Sprintf("%s with %s", annotate.Count(m[k]), k))
		}
	}
	if len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return parts[0]
}

// countList renders {"a": 2, "b": 1} as "a (2 records), b (1 record)".
func countList(m map[string]int) string {
	var parts []string
	for _, k := range order.Keys(m) {
		parts = append(parts, k+" ("+count(m[k], "record")+")")
	}
	return strings.Join(parts, ", ")
}

func (im *importer) jsonlSpans(d *rawDoc, in *jsonlIn, l loc) {
	type entry struct {
		frag  annotate.Fragment
		label string
		text  *string
		field string
		score *float64
	}
	entries := make([]*entry, len(in.Spans))
	for i, s := range in.Spans {
		field := fmt.Sprintf("spans[%d]", i)
		el := loc{File: l.File, Line: l.Line, Field: field}
		start, end := s.Start, s.End
		if (start == nil || end == nil) && s.TokenStart != nil && s.TokenEnd != nil {
			// token offsets only: take the characters from the tokens
			ts, te := *s.TokenStart, *s.TokenEnd
			if ts < 0 || te < ts || te >= len(in.Tokens) {
				im.fail(el, annotate.CodeOutOfRange, d.ID, "token_start %d / token_end %d do not name tokens (the record has %s)", ts, te, annotate.Count(len(in.Tokens)))
				continue
			}
			start, end = &in.Tokens[ts].Start, &in.Tokens[te].End
		}
		if start == nil || end == nil {
			im.fail(el, annotate.CodeBadFormat, d.ID, `a span needs "start" and "end"`)
			continue
		}
		if s.Label == "" {
			im.fail(joinLoc(el, "label"), annotate.CodeBadFormat, d.ID, `a span needs a "label"`)
			continue
		}
		entries[i] = &entry{annotate.Fragment{Start: *start, End: *end}, s.Label, s.Text, field, s.Score}
	}
	used := make([]bool, len(entries))
	if in.Ext != nil {
		if in.Ext.Status != "" {
			d.Status = in.Ext.Status
		}
		d.Labels = in.Ext.Labels
		for i, es := range in.Ext.Spans {
			el := loc{File: l.File, Line: l.Line, Field: fmt.Sprintf("_spanmark.spans[%d]", i)}
			rs := &rawSpan{ID: es.ID, Note: es.Note, loc: el, Sep: " … "}
			if len(es.Parts) == 0 && len(es.Fragments) > 0 {
				// a span kept under _spanmark only (the ner form's
				// non-entity and overlapping spans)
				if es.Label == "" {
					im.fail(joinLoc(el, "label"), annotate.CodeBadFormat, d.ID, "span %s has fragments but no label", es.ID)
					continue
				}
				rs.Label = es.Label
				for _, f := range es.Fragments {
					rs.Frags = append(rs.Frags, annotate.Fragment{Start: f[0], End: f[1]})
				}
				for k, v := range es.Attrs {
					rs.setAttr(k, v, annotate.AttrText, joinLoc(el, "attrs."+k))
				}
				d.Spans = append(d.Spans, rs)
				continue
			}
			if len(es.Parts) == 0 {
				im.fail(joinLoc(el, "parts"), annotate.CodeBadFormat, d.ID, "span %s lists neither parts nor fragments", es.ID)
				continue
			}
			var texts []string
			hasText := true
			bad := false
			for _, pi := range es.Parts {
				switch {
				case pi < 0 || pi >= len(entries):
					im.fail(joinLoc(el, "parts"), annotate.CodeOutOfRange, d.ID, "span %s: part %d is not an index into spans (0-%d)", es.ID, pi, len(entries)-1)
					bad = true
					continue
				case entries[pi] == nil:
					bad = true // already reported
					continue
				case used[pi]:
					im.fail(joinLoc(el, "parts"), annotate.CodeBadFormat, d.ID, "span %s: spans[%d] belongs to another span too", es.ID, pi)
					bad = true
					continue
				}
				used[pi] = true
				e := entries[pi]
				if rs.Label == "" {
					rs.Label = e.label
				} else if rs.Label != e.label {
					im.fail(joinLoc(el, "parts"), annotate.CodeBadFormat, d.ID, "span %s: its parts have labels %s and %s", es.ID, rs.Label, e.label)
					bad = true
				}
				rs.Frags = append(rs.Frags, e.frag)
				if e.text == nil {
					hasText = false
				} else {
					texts = append(texts, *e.text)
				}
			}
			if bad {
				continue
			}
			// parts may come in any order; fragments go in text order
			idx := make([]int, len(rs.Frags))
			for k := range idx {
				idx[k] = k
			}
			sort.SliceStable(idx, func(a, b int) bool { return rs.Frags[idx[a]].Start < rs.Frags[idx[b]].Start })
			frags := make([]annotate.Fragment, len(idx))
			sortedTexts := make([]string, 0, len(texts))
			for k, j := range idx {
				frags[k] = rs.Frags[j]
				if hasText {
					sortedTexts = append(sortedTexts, texts[j])
				}
			}
			rs.Frags = frags
			if hasText {
				t := strings.Join(sortedTexts, rs.Sep)
				rs.Text = &t
			}
			for k, v := range es.Attrs {
				rs.setAttr(k, v, annotate.AttrText, joinLoc(el, "attrs."+k))
			}
			d.Spans = append(d.Spans, rs)
		}
		for i, r := range in.Ext.Relations {
			d.Rels = append(d.Rels, &rawRel{ID: r.ID, Type: r.Type, From: r.From, To: r.To,
				loc: loc{File: l.File, Line: l.Line, Field: fmt.Sprintf("_spanmark.relations[%d]", i)}})
		}
	}
	for i, e := range entries {
		if e == nil || used[i] {
			continue
		}
		d.Spans = append(d.Spans, &rawSpan{Label: e.label, Frags: []annotate.Fragment{e.frag}, Text: e.text, Score: e.score, loc: loc{File: l.File, Line: l.Line, Field: e.field}})
	}
}

func joinLoc(l loc, field string) loc {
	l.Field, l.item = joinField(l.field(), field), ""
	return l
}
