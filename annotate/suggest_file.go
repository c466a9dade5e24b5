package annotate

import "strconv"

// Suggestions in the project file (version 3): a document's "suggestions"
// lists its open and rejected suggestions, in compareSuggestions order,
// each {"label", "fragments" (with their text), "source", "score" when
// scored, "rejected": true when rejected}. The same object is an edit's
// state in the undo history (kind "suggestion").

type fileSugg struct {
	Label     string
	Fragments []fileFrag
	Source    string
	Score     *float64
	Rejected  bool
}

var suggFields = []string{"label", "fragments", "source", "score", "rejected"}

// sugg reads one suggestion object.
func (d *decoder) sugg(fs *fileSugg) bool {
	return d.object("an object", suggFields, func(k int) bool {
		switch k {
		case 0:
			return d.str(&fs.Label)
		case 1:
			return d.array("an array", func(int) bool {
				var ff fileFrag
				ok := d.frag(&ff)
				fs.Fragments = append(fs.Fragments, ff)
				return ok
			})
		case 2:
			return d.str(&fs.Source)
		case 3:
			at := d.pos
			v, ok := d.anyValue()
			if !ok {
				return false
			}
			f, isNum := v.(float64)
			if !isNum {
				return d.fail(&Error{Line: lineAt(d.data, at), Field: d.fieldPath(), Msg: "a score is a number between 0 and 1"})
			}
			fs.Score = &f
			return true
		default:
			at := d.pos
			v, ok := d.anyValue()
			if !ok {
				return false
			}
			b, isBool := v.(bool)
			if !isBool {
				return d.fail(&Error{Line: lineAt(d.data, at), Field: d.fieldPath(), Msg: `"rejected" is true or false`})
			}
			fs.Rejected = b
			return true
		}
	})
}

func (d *decoder) suggestions(dst *[]fileSugg) bool {
	return d.array("an array", func(int) bool {
		var fs fileSugg
		ok := d.sugg(&fs)
		*dst = append(*dst, fs)
		return ok
	})
}

// suggOf checks a suggestion read from a file against the document: its
// fragments' text, source, label and score.
func (d *Document) suggOf(fs *fileSugg) (*Suggestion, *Error) {
	g := &Suggestion{Label: fs.Label, Source: fs.Source, Fragments: make([]Fragment, len(fs.Fragments))}
	if fs.Score != nil {
		g.Score, g.Scored = *fs.Score, true
	}
	for j, ff := range fs.Fragments {
		g.Fragments[j] = Fragment{ff.Start, ff.End}
	}
	if e := d.checkSuggestion(g); e != nil {
		return nil, e
	}
	for j, ff := range fs.Fragments {
		if got := d.text.Slice(ff.Start, ff.End); got != ff.Text {
			return nil, &Error{Code: CodeTextMismatch, Field: "fragments[" + strconv.Itoa(j) + "].text",
				Msg: "the file says " + fragStr(Fragment{ff.Start, ff.End}) + " is " + strconv.Quote(ff.Text) + " but the document has " + strconv.Quote(got) + " there"}
		}
	}
	return g, nil
}

// loadSuggestions checks and keeps a document's suggestions from its file.
func (d *Document) loadSuggestions(fss []fileSugg) Errors {
	var es Errors
	for i := range fss {
		g, e := d.suggOf(&fss[i])
		if e == nil && (d.suggs[g.Key()] != nil || d.rejected[g.Key()] != nil) {
			e = &Error{Code: CodeDuplicateID, Msg: "the suggestion " + strconv.Quote(g.Key()) + " is listed twice"}
		}
		if e != nil {
			e.Doc, e.Span = d.ID, ""
			if e.Field != "" {
				e.Field = "." + e.Field
			}
			e.Field = "suggestions[" + strconv.Itoa(i) + "]" + e.Field
			es = append(es, e)
			continue
		}
		d.putSugg(g.Key(), g, fss[i].Rejected)
	}
	return es
}

// encodeSugg writes a suggestion as the project file holds it.
func (d *Document) encodeSugg(w *jw, dp int, g *Suggestion, rej bool) {
	w.b = append(w.b, '{')
	w.key(dp+1, "label", true)
	w.str(g.Label)
	w.key(dp+1, "fragments", false)
	d.encodeFrags(w, dp, g.Fragments)
	w.key(dp+1, "source", false)
	w.str(g.Source)
	if g.Scored {
		w.key(dp+1, "score", false)
		w.float(g.Score)
	}
	if rej {
		w.key(dp+1, "rejected", false)
		w.b = append(w.b, "true"...)
	}
	w.nl(dp)
	w.b = append(w.b, '}')
}

// encodeSuggestions writes the open and rejected suggestions, open first
// where two share a place in the order.
func (d *Document) encodeSuggestions(w *jw, dp int) {
	type item struct {
		g   *Suggestion
		rej bool
	}
	open, rej := d.Suggestions(), d.RejectedSuggestions()
	all := make([]item, 0, len(open)+len(rej))
	for i, j := 0, 0; i < len(open) || j < len(rej); {
		if j == len(rej) || i < len(open) && compareSuggestions(open[i], rej[j]) <= 0 {
			all = append(all, item{open[i], false})
			i++
		} else {
			all = append(all, item{rej[j], true})
			j++
		}
	}
	w.array(dp, len(all), func(i int) { d.encodeSugg(w, dp+1, all[i].g, all[i].rej) })
}
