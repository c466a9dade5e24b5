//go:build js && wasm

package main

import (
	"strconv"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
)

// theProject is the project the page works on. It starts empty with the
// default schema; the page adds the sample articles.
var theProject = annotate.NewProject(nil)

// annotator is the name setAnnotator gave: every project the page works
// on records it (Project.SetAnnotator), a loaded one as a new one.
var annotator string

func useProject(p *annotate.Project) {
	_ = p.SetAnnotator(annotator) // checked when set
	theProject = p
}

// addOptions is AddSpanOptions of spanmark.d.ts.
type addOptions struct {
	Snap      annotate.SnapMode `json:"snap"`
	TrimPunct bool              `json:"trimPunct"`
	Attrs     map[string]any    `json:"attrs"`
	Note      string            `json:"note"`
}

func (a *argv) addOptions(i int) addOptions {
	var o addOptions
	if a.given(i) {
		r := a.object(i, "options", "an AddSpanOptions object {snap, trimPunct, attrs, note}", "snap", "trimPunct", "attrs", "note")
		o = addOptions{Snap: annotate.SnapMode(r.str("snap")), TrimPunct: r.boolean("trimPunct"), Attrs: r.attrs("attrs"), Note: r.str("note")}
		if o.Snap != "" && o.Snap != annotate.SnapWord && o.Snap != annotate.SnapChar {
			a.fail(annotate.CodeBadArgument, "options", "snap must be "+strconv.Quote(string(annotate.SnapWord))+" or "+
				strconv.Quote(string(annotate.SnapChar))+", not "+strconv.Quote(string(o.Snap)))
		}
	}
	return o
}

// snapAll snaps each fragment as the options say ("word" by default).
func (a *argv) snapAll(d *annotate.Document, fs []annotate.Fragment, o addOptions) []annotate.Fragment {
	if a.err != nil {
		return nil
	}
	mode := o.Snap
	if mode == "" {
		mode = annotate.SnapWord
	}
	out := make([]annotate.Fragment, len(fs))
	for i, f := range fs {
		g, err := d.Index().Snap(f.Start, f.End, annotate.SnapOptions{Mode: mode, TrimPunct: o.TrimPunct})
		if err != nil {
			if e, ok := err.(*annotate.Error); ok {
				e.Doc = d.ID
				if e.Field == "" {
					e.Field = "frags"
				}
			}
			a.err = err
			return nil
		}
		out[i] = g
	}
	return out
}

func (a *argv) labelAllOptions(i int) annotate.LabelAllOptions {
	var o annotate.LabelAllOptions
	if !a.missing(i, "options", "a LabelAllOptions object") {
		r := a.object(i, "options", "a LabelAllOptions object {label, pattern, regex, case_sensitive, whole_word}",
			"label", "pattern", "regex", "case_sensitive", "whole_word")
		o = annotate.LabelAllOptions{Label: r.str("label"), Pattern: r.str("pattern"), Regex: r.boolean("regex"),
			CaseSensitive: r.boolean("case_sensitive"), WholeWord: r.boolean("whole_word")}
	}
	return o
}

func (a *argv) mustSpan(d *annotate.Document, id string) *annotate.Span {
	if a.err != nil {
		return nil
	}
	s := d.Span(id)
	if s == nil {
		a.err = &annotate.Error{Code: annotate.CodeUnknownSpan, Doc: d.ID, Span: id, Field: "id",
			Msg: "no span " + id + " in document " + d.ID}
	}
	return s
}

// buildVersion is what version() reports: set it at link time with
// -ldflags "-X main.buildVersion=v1.2.3" (the core has no version constant;
// runtime/debug.ReadBuildInfo would cost 8 KB of brotli for this string).
var buildVersion = "(devel)"

func version() string { return buildVersion }

// api returns every method of spanmark.d.ts. Each reads its arguments,
// calls the core once, and returns a view.
func api() map[string]method {
	m := map[string]method{
		"version": func(a *argv) (any, error) { return version(), nil },
		"collectGarbage": func(a *argv) (any, error) {
			n := 0
			if a.given(0) {
				n = a.integer(0, "minGrowth")
			}
			if a.err != nil {
				return nil, a.err
			}
			return toJS(collectGarbage(n))
		},

		// --- projects and documents ---
		"newProject": func(a *argv) (any, error) {
			var s *annotate.Schema
			if a.given(0) {
				data := a.jsonText(0, "schema", "a Schema object")
				if a.err != nil {
					return nil, a.err
				}
				var err error
				if s, err = annotate.ParseSchema(data); err != nil {
					if annotate.CodeOf(err) != annotate.CodeBadArgument {
						return nil, err // bad_schema: every problem, as Load reports them
					}
					a.parseFailed("schema", "a Schema object", err)
					return nil, a.err
				}
			}
			useProject(annotate.NewProject(s))
			return nil, nil
		},
		"loadProject": func(a *argv) (any, error) {
			name := a.optStr(1, "fileName")
			data := a.fileText(0, "json", name)
			if a.err != nil {
				return nil, a.err
			}
			p, err := annotate.Load(data, name)
			if err != nil {
				return nil, err // the current project stays
			}
			useProject(p)
			return listToJS(viewDocs(p.Documents()))
		},
		"setAnnotator": func(a *argv) (any, error) {
			name := a.str(0, "name")
			if a.err != nil {
				return nil, a.err
			}
			if err := theProject.SetAnnotator(name); err != nil {
				return nil, err
			}
			annotator = name
			return nil, nil
		},
		"isProjectFile": func(a *argv) (any, error) {
			data := a.str(0, "text")
			if a.err != nil {
				return nil, a.err
			}
			return annotate.IsProjectFile([]byte(data)), nil
		},
		"exportProject": func(a *argv) (any, error) {
			compact := a.given(0) && a.object(0, "options", "an ExportOptions object {compact}", "compact").boolean("compact")
			if a.err != nil {
				return nil, a.err
			}
			encode := theProject.Bytes
			if compact {
				encode = theProject.CompactBytes
			}
			b, err := encode()
			return string(b), err
		},
		"schema":    func(a *argv) (any, error) { return parseJSON(theProject.Schema.AppendJSON(nil)) },
		"documents": func(a *argv) (any, error) { return listToJS(viewDocs(theProject.Documents())) },
		"document": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			return toJS(viewDoc(d))
		},
		"text": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			return d.Text(), nil
		},
		"addDocument": func(a *argv) (any, error) {
			id, title, text := a.str(0, "id"), a.str(1, "title"), a.str(2, "text")
			var meta annotate.Meta
			if a.given(3) {
				const want = "a meta object {source, url, date}"
				if data := a.jsonText(3, "meta", want); a.err == nil {
					var err error
					meta, err = annotate.ParseMeta(data)
					a.parseFailed("meta", want, err)
				}
			}
			if a.err != nil {
				return nil, a.err
			}
			d, err := theProject.AddDocument(id, title, text, meta)
			if err != nil {
				return nil, err
			}
			return toJS(viewDoc(d))
		},
		"removeDocument": func(a *argv) (any, error) {
			id := a.str(0, "doc")
			if a.err != nil {
				return nil, a.err
			}
			return nil, theProject.RemoveDocument(id)
		},

		// --- editing ---
		"snap": func(a *argv) (any, error) {
			d := a.doc(0)
			s, e := a.rangeCP(1, d)
			mode, trim := a.optStr(3, "mode"), a.boolean(4, "trimPunct")
			if a.err != nil {
				return nil, a.err
			}
			if mode == "" {
				mode = string(annotate.SnapWord)
			}
			f, err := d.Index().Snap(s, e, annotate.SnapOptions{Mode: annotate.SnapMode(mode), TrimPunct: trim})
			if err != nil {
				return nil, err
			}
			return parseJSON(appendInts(nil, []int{toU16(d, f.Start), toU16(d, f.End)}))
		},
		"addSpan": func(a *argv) (any, error) {
			d := a.doc(0)
			label := a.str(1, "label")
			fs := a.fragsCP(2, d)
			o := a.addOptions(3)
			fs = a.snapAll(d, fs, o)
			if a.err != nil {
				return nil, a.err
			}
			_, c, err := d.AddSpan(annotate.SpanInput{Label: label, Fragments: fs, Attrs: o.Attrs, Note: o.Note})
			return edited(d, c, err)
		},
		"removeSpan": func(a *argv) (any, error) {
			d, id := a.doc(0), a.str(1, "id")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.RemoveSpan(id)
			return edited(d, c, err)
		},
		"relabel": func(a *argv) (any, error) {
			d, id, label := a.doc(0), a.str(1, "id"), a.str(2, "label")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.Relabel(id, label)
			return edited(d, c, err)
		},
		"setFragment": func(a *argv) (any, error) {
			d, id, index := a.doc(0), a.str(1, "id"), a.integer(2, "index")
			s, e := a.rangeCP(3, d)
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.SetFragment(id, index, annotate.Fragment{Start: s, End: e})
			return edited(d, c, err)
		},
		"moveEdge": func(a *argv) (any, error) {
			d, id, edge, later, unit := a.doc(0), a.str(1, "id"), a.str(2, "edge"), a.boolean(3, "later"), a.str(4, "unit")
			if a.err != nil {
				return nil, a.err
			}
			dir := -1
			if later {
				dir = 1
			}
			c, err := d.MoveEdge(id, edge, dir, annotate.SnapMode(unit))
			return edited(d, c, err)
		},
		"setEdge": func(a *argv) (any, error) {
			d, id, edge := a.doc(0), a.str(1, "id"), a.str(2, "edge")
			pos, unit := a.offset(3, "offset", d), a.str(4, "unit")
			if a.err != nil {
				return nil, a.err
			}
			// the start rounds down, the end up, as a selection's
			c, err := d.SetEdge(id, edge, toCP(d, pos, edge == "end"), annotate.SnapMode(unit))
			return edited(d, c, err)
		},
		"addFragment": func(a *argv) (any, error) {
			d, id := a.doc(0), a.str(1, "id")
			s, e := a.rangeCP(2, d)
			// attrs and note of the options belong to addSpan; only the
			// snapping applies here.
			fs := a.snapAll(d, []annotate.Fragment{{Start: s, End: e}}, a.addOptions(4))
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.AddFragment(id, fs[0])
			return edited(d, c, err)
		},
		"removeFragment": func(a *argv) (any, error) {
			d, id, index := a.doc(0), a.str(1, "id"), a.integer(2, "index")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.RemoveFragment(id, index)
			return edited(d, c, err)
		},
		"setAttr": func(a *argv) (any, error) {
			d, id, name := a.doc(0), a.str(1, "id"), a.str(2, "name")
			var value any
			switch v := a.arg(3); {
			case a.err != nil:
			case v.IsNull(): // null removes the attribute
			case v.IsUndefined():
				a.fail(annotate.CodeBadArgument, "value", "is missing (want a string, a boolean, or null to remove the attribute)")
			case v.Type() == safejs.TypeString:
				value, _ = v.String()
			case v.Type() == safejs.TypeBoolean:
				value, _ = v.Bool()
			default:
				a.fail(annotate.CodeBadArgument, "value", "must be a string, a boolean or null, not "+typeName(v))
			}
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.SetAttr(id, name, value)
			return edited(d, c, err)
		},
		"setNote": func(a *argv) (any, error) {
			d, id, note := a.doc(0), a.str(1, "id"), a.str(2, "note")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.SetNote(id, note)
			return edited(d, c, err)
		},
		"addRelation": func(a *argv) (any, error) {
			d, typ, from, to := a.doc(0), a.str(1, "type"), a.str(2, "from"), a.str(3, "to")
			if a.err != nil {
				return nil, a.err
			}
			_, c, err := d.AddRelation(typ, from, to)
			return edited(d, c, err)
		},
		"removeRelation": func(a *argv) (any, error) {
			d, id := a.doc(0), a.str(1, "id")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.RemoveRelation(id)
			return edited(d, c, err)
		},
		"setStatus": func(a *argv) (any, error) {
			d, st := a.doc(0), a.str(1, "status")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.SetStatus(annotate.Status(st))
			return changed(d, c, err)
		},
		"setDocLabels": func(a *argv) (any, error) {
			d, labels := a.doc(0), a.strs(1, "labels")
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.SetDocLabels(labels)
			return edited(d, c, err)
		},
		"countMatches": func(a *argv) (any, error) {
			d, o := a.doc(0), a.labelAllOptions(1)
			if a.err != nil {
				return nil, a.err
			}
			ms, err := d.Matches(o)
			return len(ms), err
		},
		"labelAll": func(a *argv) (any, error) {
			d, o := a.doc(0), a.labelAllOptions(1)
			if a.err != nil {
				return nil, a.err
			}
			r, err := d.LabelAll(o)
			if err != nil {
				return nil, err
			}
			d.StartOnEdit(&r.Change) // the status rule (schema.go)
			return toJS(labelAllView{Matches: r.Matches, Added: r.Added, Skipped: r.Skipped, Reasons: r.Reasons, Change: viewChange(d, r.Change)})
		},
		// labelMatches is labelAll with the matches found by the formats
		// module (matchText, match.go): the page's regular expressions,
		// which this core does not match (annotate/regex_core.go).
		"labelMatches": func(a *argv) (any, error) {
			d, o := a.doc(0), a.labelAllOptions(1)
			frags := a.matchFrags(2, d)
			if a.err != nil {
				return nil, a.err
			}
			r, err := d.LabelMatches(o, frags)
			if err != nil {
				return nil, err
			}
			d.StartOnEdit(&r.Change) // the status rule (schema.go)
			return toJS(labelAllView{Matches: r.Matches, Added: r.Added, Skipped: r.Skipped, Reasons: r.Reasons, Change: viewChange(d, r.Change)})
		},
		"undoState": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			return map[string]any{"canUndo": d.CanUndo(), "canRedo": d.CanRedo()}, nil
		},
		"undo": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.Undo()
			return changed(d, c, err)
		},
		"redo": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			c, err := d.Redo()
			return changed(d, c, err)
		},

		// --- queries ---
		"spansIn": func(a *argv) (any, error) {
			d := a.doc(0)
			s, e := a.rangeCP(1, d)
			if a.err != nil {
				return nil, a.err
			}
			return listToJS(viewSpans(d, d.SpansIn(s, e)))
		},
		"spansAt": func(a *argv) (any, error) {
			d := a.doc(0)
			u := a.offset(1, "offset", d)
			if a.err != nil {
				return nil, a.err
			}
			return listToJS(viewSpans(d, d.SpansAt(toCP(d, u, false))))
		},
		"span": func(a *argv) (any, error) {
			d := a.doc(0)
			s := a.mustSpan(d, a.str(1, "id"))
			if a.err != nil {
				return nil, a.err
			}
			return toJS(viewSpan(d, s))
		},
		"relationsOf": func(a *argv) (any, error) {
			d := a.doc(0)
			s := a.mustSpan(d, a.str(1, "id"))
			if a.err != nil {
				return nil, a.err
			}
			return listToJS(viewRelations(d.RelationsOf(s.ID)))
		},
		"counts": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			return parseJSON(appendCounts(nil, d.Counts())) // {} when none
		},
		"claims": func(a *argv) (any, error) {
			d := a.doc(0)
			if a.err != nil {
				return nil, a.err
			}
			cs := d.Claims()
			out := make([]claimView, 0, len(cs))
			for _, c := range cs {
				out = append(out, claimView{Claim: viewSpan(d, c.Span), Claimants: viewSpans(d, c.Claimants), Cues: viewSpans(d, c.Cues)})
			}
			return listToJS(out)
		},

		"entries": func(a *argv) (any, error) {
			d := a.doc(0)
			label := a.knownLabel(1, d)
			limit := a.integer(2, "limit")
			if a.err != nil {
				return nil, a.err
			}
			es, n := d.Entries(label, limit)
			v := entriesView{Distinct: n, Entries: make([]entryView, 0, len(es))}
			for _, e := range es {
				v.Entries = append(v.Entries, entryView{Text: e.Text, Count: e.Count, First: viewSpan(d, e.First)})
			}
			return toJS(v)
		},
		"nextWithText": func(a *argv) (any, error) {
			d := a.doc(0)
			label, text, after := a.knownLabel(1, d), a.str(2, "text"), a.optStr(3, "after")
			if a.err != nil {
				return nil, a.err
			}
			s := d.NextWithText(label, text, after)
			if s == nil {
				return nil, nil
			}
			return toJS(viewSpan(d, s))
		},
		"linkCandidates": func(a *argv) (any, error) {
			d := a.doc(0)
			from, typ, limit := a.str(1, "from"), a.str(2, "type"), a.integer(3, "limit")
			if a.err != nil {
				return nil, a.err
			}
			ss, err := d.LinkCandidates(from, typ, limit)
			if err != nil {
				return nil, err
			}
			return listToJS(viewSpans(d, ss))
		},

		// --- offsets ---
		"toCodePoints": func(a *argv) (any, error) {
			d := a.doc(0)
			u := a.offset(1, "offset", d)
			if a.err != nil {
				return nil, a.err
			}
			return toCP(d, u, false), nil
		},
		"fromCodePoints": func(a *argv) (any, error) {
			d := a.doc(0)
			cp := a.integer(1, "offsetCP")
			if a.err == nil && cp > d.Index().Len() {
				a.fail(annotate.CodeOutOfRange, "offsetCP", "is "+strconv.Itoa(cp)+", past the end of the text ("+annotate.Count(d.Index().Len())+" code points)")
			}
			if a.err != nil {
				return nil, a.err
			}
			return toU16(d, cp), nil
		},

		// --- files in (docs.go); dataset formats are in io.go ---
		"checkImportFile": checkImportFile,
		"importProject":   importProject,

		// --- schema editing (schema.go) ---
		"addLabel":           addLabel,
		"newLabelColor":      func(a *argv) (any, error) { return theProject.Schema.NewLabelColor(), nil },
		"updateLabel":        updateLabel,
		"renameLabel":        renameLabel,
		"removeLabel":        removeLabel,
		"addRelationType":    addRelationType,
		"removeRelationType": removeRelationType,
		"renameRelationType": renameRelationType,
		"updateRelationType": updateRelationType,
		"stats":              stats, // stats.go
		"setCrossing":        setCrossing,
		"addTextFiles":       addTextFiles, // docs.go
		"findMatches":        findMatches,  // find.go

		// --- adjudication of a gold project (adjudicate.go) ---
		"disagreements": disagreements,
		"disagreement":  disagreement,
		"adjudicate":    adjudicate,

		// --- undo history for the autosave (history.go) ---
		"exportHistory":  exportHistory,
		"restoreHistory": restoreHistory,
	}
	suggestAPI(m) // suggest.go
	for name, f := range formatsAPI {
		m[name] = f
	}
	for name, f := range docEditAPI { // docedit.go
		m[name] = f
	}
	return m
}

// formatsAPI is the dataset-format methods, set by io.go when the module
// is built with -tags formats; nil in the core module.
var formatsAPI map[string]method
