package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/spanmark/spanmark/internal/order"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotate"
	"sort"
)

// LabelStudio is Label Studio's JSON task list. Export writes one task per
// document:
//
//	{"data": {"text", "doc_id", "title", "source", "url", "date", "status"},
//	 "annotations": [{"result": [...]}]}
//
// with a result per fragment of type "labels" (id, from_name "label",
// to_name "text", value {start, end, text, labels}), the span's note as the
// region's meta {"text": [note]} (where Label Studio keeps region notes),
// per-region "choices" (enum and bool attributes, bools as "true"/"false")
// and "textarea" (text attributes) results carrying the region's id and
// from_name the attribute's name, "relation" results (from_id, to_id,
// direction "right", labels [type]), and the document labels as a
// "choices" result from "doc_labels". Label Studio's labelling config must
// use those names (a <Labels name="label" toName="text">, …).
//
// A multi-fragment span is one region per fragment: the first has the
// span's id, the k-th "<id>#k"; import joins "<id>#k" regions with the
// same label back into one span. Relations have no ids in Label Studio, so
// their ids are not kept; everything else round-trips.
//
// A task's other "data" fields (Label Studio keeps every one; a labelling
// config may show them) and its "meta" (kept for ML backends) are kept
// with the document (Meta.Extra, the task's meta under "meta") and written
// back in their places.
//
// Import reads a task list or a single task, taking "annotations", else
// the legacy "completions", else "predictions" (the first non-cancelled
// one when there are several; the others are reported). A relation
// without labels gets type "related".
//
// A document's open suggestions are exported as "predictions", one per
// source, with their scores (lsPrediction); a task with none has no
// "predictions" key.
type LabelStudio struct{}

func (LabelStudio) Name() string { return "labelstudio" }

type lsValue struct {
	Start   *int     `json:"start,omitempty"`
	End     *int     `json:"end,omitempty"`
	Text    any      `json:"text,omitempty"`
	Labels  []string `json:"labels,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

type lsMeta struct {
	Text []string `json:"text"`
}

type lsResult struct {
	ID        string   `json:"id,omitempty"`
	FromName  string   `json:"from_name,omitempty"`
	ToName    string   `json:"to_name,omitempty"`
	Type      string   `json:"type"`
	Value     *lsValue `json:"value,omitempty"`
	Meta      *lsMeta  `json:"meta,omitempty"`
	FromID    string   `json:"from_id,omitempty"`
	ToID      string   `json:"to_id,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Labels    []string `json:"labels,omitempty"`
}

type lsData struct {
	Text   string `json:"text"`
	DocID  string `json:"doc_id"`
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Date   string `json:"date,omitempty"`
	Status string `json:"status,omitempty"`
}

// lsAnnotation and lsTask carry ids because Label Studio's own exports
// always do and its tools index them: label-studio-converter reads
// task["id"] for every item (a KeyError without it) and keeps the
// annotation's id as annotation_id. Both are 1, 2, … in document order:
// stable, and one annotation per task can share its task's number.
type lsAnnotation struct {
	ID     int        `json:"id"`
	Result []lsResult `json:"result"`
	// the document's annotator, as {"email": name}: the form Label Studio
	// maps to one of its users on import (its own exports give a user id)
	CompletedBy *lsUser `json:"completed_by,omitempty"`
}

type lsUser struct {
	Email string `json:"email"`
}

type lsTask struct {
	ID          int             `json:"id"`
	Data        json.RawMessage `json:"data"` // lsData and the document's other metadata
	Meta        json.RawMessage `json:"meta,omitempty"`
	Annotations []lsAnnotation  `json:"annotations"`
	Predictions []lsPrediction  `json:"predictions,omitempty"`
}

// lsPrediction is one source's open suggestions as Label Studio's
// pre-annotations: model_version names the source ("spanmark-tagger"),
// each region has the suggestion's score when it has one, and the
// prediction's score is the mean of its regions' (Label Studio sorts tasks
// by it).
type lsPrediction struct {
	ModelVersion string       `json:"model_version"`
	Score        *float64     `json:"score,omitempty"`
	Result       []lsPredItem `json:"result"`
}

type lsPredItem struct {
	ID       string   `json:"id"`
	FromName string   `json:"from_name"`
	ToName   string   `json:"to_name"`
	Type     string   `json:"type"`
	Value    lsValue  `json:"value"`
	Score    *float64 `json:"score,omitempty"`
}

// lsPredictions writes a document's open suggestions, one prediction per
// source (sources in name order, regions in text order, ids "<source>-<n>";
// a multi-fragment suggestion is one region per fragment).
func lsPredictions(d *annotate.Document) []lsPrediction {
	var out []lsPrediction
	by := map[string]int{}
	for _, g := range d.Suggestions() {
		i, ok := by[g.Source]
		if !ok {
			i = len(out)
			by[g.Source] = i
			out = append(out, lsPrediction{ModelVersion: "spanmark-" + g.Source})
		}
		p := &out[i]
		for _, f := range g.Fragments {
			it := lsPredItem{ID: g.Source + "-" + strconv.Itoa(len(p.Result)+1), FromName: "label", ToName: "text", Type: "labels",
				Value: lsValue{Start: ptr(f.Start), End: ptr(f.End), Text: d.Index().Slice(f.Start, f.End), Labels: []string{g.Label}}}
			if g.Scored {
				sc := g.Score
				it.Score = &sc
			}
			p.Result = append(p.Result, it)
		}
	}
	for i := range out {
		sum, n := 0.0, 0
		for _, it := range out[i].Result {
			if it.Score != nil {
				sum += *it.Score
				n++
			}
		}
		if n > 0 {
			m := sum / float64(n)
			out[i].Score = &m
		}
	}
	// (sort.SliceStable, not slices.SortStableFunc: one sort for every
	// element type, where each slices sort of a struct type adds its own
	// ~20 KB of wasm)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ModelVersion < out[j].ModelVersion })
	return out
}

// lsDataKnown are the members of a task's data that are spanmark's own.
var lsDataKnown = []string{"text", "doc_id", "title", "source", "url", "date", "status"}

func ptr(n int) *int { return &n }

func (LabelStudio) Export(p *annotate.Project, _ ExportOptions) ([]File, Report, error) {
	var rep Report
	v := take(p)
	tasks := []lsTask{}
	lostMeta := map[string]int{}
	for _, d := range p.Documents() {
		x := d.Index()
		res := []lsResult{}
		for _, s := range d.Spans() {
			for k, f := range s.Fragments {
				id := s.ID
				if k > 0 {
					id += "#" + strconv.Itoa(k+1)
				}
				r := lsResult{ID: id, FromName: "label", ToName: "text", Type: "labels",
					Value: &lsValue{Start: ptr(f.Start), End: ptr(f.End), Text: x.Slice(f.Start, f.End), Labels: []string{s.Label}}}
				if k == 0 && s.Note != "" {
					r.Meta = &lsMeta{Text: []string{s.Note}}
				}
				res = append(res, r)
			}
			f := s.Fragments[0]
			l := p.Schema.Label(s.Label)
			for _, name := range order.Keys(s.Attrs) {
				val := &lsValue{Start: ptr(f.Start), End: ptr(f.End)}
				r := lsResult{ID: s.ID, FromName: name, ToName: "text", Value: val}
				switch a := s.Attrs[name].(type) {
				case bool:
					r.Type, val.Choices = "choices", []string{strconv.FormatBool(a)}
				default:
					str := fmt.Sprint(a)
					if def := l.Attr(name); def != nil && def.Type == annotate.AttrText {
						r.Type, val.Text = "textarea", []string{str}
					} else {
						r.Type, val.Choices = "choices", []string{str}
					}
				}
				res = append(res, r)
			}
		}
		for _, r := range d.Relations() {
			res = append(res, lsResult{FromID: r.From, ToID: r.To, Type: "relation", Direction: "right", Labels: []string{r.Type}})
		}
		if len(d.Labels) > 0 {
			res = append(res, lsResult{ID: "doc_labels", FromName: "doc_labels", ToName: "text", Type: "choices", Value: &lsValue{Choices: d.Labels}})
		}
		n := len(tasks) + 1
		data, err := marshal(lsData{Text: d.Text(), DocID: d.ID, Title: d.Title, Source: d.Meta.Source, URL: d.Meta.URL, Date: d.Meta.Date,
			Status: string(d.Status)})
		if err != nil {
			return nil, nil, err
		}
		// the task's meta (kept under "meta"; an object, as Label
		// Studio's is) goes beside data, the rest into data
		var meta json.RawMessage
		fs := splitExtra(d.Meta.Extra, lsDataKnown, lostMeta)
		if i := slices.IndexFunc(fs, func(f metaField) bool { return f.key == "meta" }); i >= 0 && len(fs[i].value) > 0 && fs[i].value[0] == '{' {
			meta = fs[i].value
			fs = slices.Delete(fs, i, i+1)
		}
		tasks = append(tasks, lsTask{ID: n, Data: withMembers(data, fs), Meta: meta,
			Annotations: []lsAnnotation{{ID: n, Result: res, CompletedBy: lsAnnotator(d.Annotator)}},
			Predictions: lsPredictions(d)})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(tasks); err != nil {
		return nil, nil, err
	}
	extraLoss(&rep, "labelstudio", lostMeta, "data has spanmark's fields of that name")
	if v.rels > 0 {
		rep.add("labelstudio: relation ids are not kept (Label Studio relations have none); %s renumbered on import", count(v.rels, "relation is", "relations are"))
	}
	if v.multi > 0 {
		rep.add("labelstudio: %s written as one region per fragment (ids <id>#2, <id>#3 …; joined again on import)", count(v.multi, "multi-fragment span"))
	}
	return []File{{Name: "project.json", Data: b.Bytes()}}, rep, nil
}

type lsValueIn struct {
	Start   *int            `json:"start"`
	End     *int            `json:"end"`
	Text    json.RawMessage `json:"text"`
	Labels  []string        `json:"labels"`
	Choices []string        `json:"choices"`
	Score   *float64        `json:"score"` // where some ML backends put a region's score
}

type lsResultIn struct {
	ID        string          `json:"id"`
	FromName  string          `json:"from_name"`
	Type      string          `json:"type"`
	Value     *lsValueIn      `json:"value"`
	Meta      json.RawMessage `json:"meta"`
	FromID    string          `json:"from_id"`
	ToID      string          `json:"to_id"`
	Direction string          `json:"direction"`
	Labels    []string        `json:"labels"`
	Score     *float64        `json:"score"` // a prediction's region: the model's confidence in it
}

type lsAnnotationIn struct {
	Result       []lsResultIn    `json:"result"`
	Score        *float64        `json:"score"` // a prediction's overall score
	WasCancelled bool            `json:"was_cancelled"`
	CompletedBy  json.RawMessage `json:"completed_by"`
}

func lsAnnotator(name string) *lsUser {
	if name == "" {
		return nil
	}
	return &lsUser{Email: name}
}

// annotatorOf reads "completed_by": a user id (Label Studio's export), an
// object with an "email" or an "id" (older exports, and spanmark's), or a
// string.
func annotatorOf(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	if m, ok := v.(map[string]any); ok {
		if e, ok := m["email"].(string); ok && e != "" {
			return e
		}
		v = m["id"]
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

type lsTaskIn struct {
	ID          json.RawMessage  `json:"id"`
	Data        json.RawMessage  `json:"data"` // read in lsTask: its members in order are kept
	Meta        json.RawMessage  `json:"meta"`
	Annotations []lsAnnotationIn `json:"annotations"`
	Completions []lsAnnotationIn `json:"completions"`
	Predictions []lsAnnotationIn `json:"predictions"`
}

func (LabelStudio) Import(files []File, opt ImportOptions) (*annotate.Project, Report, error) {
	im := newImporter("labelstudio", opt)
	schema := opt.Schema
	if schema == nil {
		schema = annotate.DefaultSchema()
	}
	ordinal := 0
	for _, f := range files {
		im.lineOf[f.Name] = jsonLineOf(f.Data)
		data := bytes.TrimLeft(f.Data, " \t\r\n\ufeff")
		var tasks []lsTaskIn
		single := len(data) > 0 && data[0] == '{'
		var err error
		if single {
			var t lsTaskIn
			err = json.Unmarshal(data, &t)
			tasks = []lsTaskIn{t}
		} else {
			err = json.Unmarshal(data, &tasks)
		}
		if err != nil {
			msg, off, field := decodeError(err)
			if off >= 0 {
				off += int64(len(f.Data) - len(data))
			}
			im.fail(loc{File: f.Name, Line: lineAt(f.Data, off), Field: field}, annotate.CodeBadFormat, "", "%s", msg)
			continue
		}
		for ti, t := range tasks {
			ordinal++
			prefix := fmt.Sprintf("[%d]", ti)
			if single {
				prefix = ""
			}
			im.lsTask(f.Name, prefix, t, ordinal, schema)
		}
	}
	return im.build()
}

func (im *importer) lsTask(file, prefix string, t lsTaskIn, ordinal int, schema *annotate.Schema) {
	tl := loc{File: file, Field: joinField(prefix, "data")}
	var data map[string]any
	if err := json.Unmarshal(t.Data, &data); len(t.Data) > 0 && err != nil {
		msg, _, _ := decodeError(err)
		im.fail(tl, annotate.CodeBadFormat, "", "%s", msg)
		return
	}
	text, ok := data["text"].(string)
	if !ok {
		im.fail(joinLoc(tl, "text"), annotate.CodeBadFormat, "", "the task has no data.text string")
		return
	}
	str := func(k string) string {
		s, _ := data[k].(string)
		return s
	}
	d := &rawDoc{ID: str("doc_id"), Title: str("title"), Meta: annotate.Meta{Source: str("source"), URL: str("url"), Date: str("date")},
		Text: text, Status: annotate.Status(str("status")), loc: tl}
	if d.Status == "" {
		d.Status = annotate.StatusTodo
	}
	if d.ID == "" {
		if id, ok := rawID(t.ID); ok && id != "" {
			d.ID = "task-" + id
		} else {
			d.ID = "doc-" + strconv.Itoa(ordinal)
		}
	}
	// the other data fields, and the task's meta as "meta" (unless data
	// has a field of that name)
	var extra extraBuilder
	objectMembers(t.Data, func(k string, v []byte) {
		if !slices.Contains(lsDataKnown, k) {
			extra.add(k, v)
		}
	})
	if m := bytes.TrimSpace(t.Meta); len(m) > 0 && string(m) != "null" && string(m) != "{}" {
		if slices.ContainsFunc(extra, func(f metaField) bool { return f.key == "meta" }) {
			im.note("%s %s: the task's meta is not kept (its data has a field \"meta\" too)", file, d.ID)
		} else {
			extra.add("meta", m)
		}
	}
	d.Meta.Extra = extra.object()
	im.docs = append(im.docs, d)
	key, list := "annotations", t.Annotations
	if im.opt.AsSuggestions && len(t.Predictions) > 0 {
		// a model's output, imported as what it is: suggestions
		key, list = "predictions", t.Predictions
		if n := len(t.Annotations) + len(t.Completions); n > 0 {
			im.note("%s: task %s: its predictions were imported as suggestions, its %s not", file, d.ID, count(n, "annotation"))
		}
	}
	if len(list) == 0 && len(t.Completions) > 0 {
		key, list = "completions", t.Completions
	}
	if len(list) == 0 && len(t.Predictions) > 0 {
		key, list = "predictions", t.Predictions
		if !im.opt.AsSuggestions {
			im.note("%s: task %s has no annotations; its predictions were imported", file, d.ID)
		}
	}
	if len(list) == 0 {
		return
	}
	ai := slices.IndexFunc(list, func(a lsAnnotationIn) bool { return !a.WasCancelled })
	if ai < 0 {
		im.note("%s: task %s: every annotation was cancelled; none imported", file, d.ID)
		return
	}
	if key == "predictions" && im.opt.AsSuggestions {
		// every prediction (one per model version, say) gives suggestions;
		// with several, each region's id is prefixed by its prediction's
		// index, so that their ids ("ent-1" in each) do not clash
		for k := range list {
			idPrefix := ""
			if len(list) > 1 {
				idPrefix = "p" + strconv.Itoa(k) + ":"
			}
			im.lsResults(file, prefix, d, key, k, list, schema, idPrefix)
		}
		return
	}
	if len(list) > 1 {
		im.note("%s: task %s has %s %s; only %s[%d] was imported", file, d.ID, annotate.Count(len(list)), key, key, ai)
	}
	im.lsResults(file, prefix, d, key, ai, list, schema, "")
}

// lsResults reads the results of list[ai] into d's spans and relations;
// idPrefix goes before each region's id.
func (im *importer) lsResults(file, prefix string, d *rawDoc, key string, ai int, list []lsAnnotationIn, schema *annotate.Schema, idPrefix string) {
	text := d.Text
	if d.Annotator == "" {
		d.Annotator = annotatorOf(list[ai].CompletedBy)
	}
	base := joinField(prefix, fmt.Sprintf("%s[%d]", key, ai))
	regions := map[string]*rawSpan{}
	var ids []string
	skipped := map[string]int{}
	unlabelled, escaped := 0, 0
	var bi []string // where each two-way relation is
	type attrRes struct {
		r lsResultIn
		l loc
	}
	var attrs []attrRes
	for i, r := range list[ai].Result {
		l := loc{File: file, Field: joinField(base, fmt.Sprintf("result[%d]", i))}
		switch r.Type {
		case "labels":
			v := r.Value
			if v == nil || v.Start == nil || v.End == nil || len(v.Labels) == 0 {
				im.fail(joinLoc(l, "value"), annotate.CodeBadFormat, d.ID, "a labels result needs value.start, value.end and value.labels")
				continue
			}
			s := &rawSpan{Label: v.Labels[0], Frags: []annotate.Fragment{{Start: *v.Start, End: *v.End}}, loc: l, Sep: " … "}
			// the region's score (on the result, or in its value), else
			// the prediction's: kept when imported as suggestions
			switch {
			case r.Score != nil:
				s.Score = r.Score
			case v.Score != nil:
				s.Score = v.Score
			default:
				s.Score = list[ai].Score
			}
			var txt string
			if len(v.Text) > 0 && json.Unmarshal(v.Text, &txt) == nil {
				if strings.Contains(txt, `\`) {
					if d.x == nil {
						d.x = annotate.NewTextIndex(text)
					}
					if t, ok := lsUnescapeBreaks(d.x, *v.Start, *v.End, txt); ok {
						txt = t
						escaped++
					}
				}
				s.Text = &txt
			}
			if len(v.Labels) > 1 {
				im.note("%s: region %s has %s labels; only %s was imported", im.where(l), r.ID, annotate.Count(len(v.Labels)), v.Labels[0])
			}
			if len(r.Meta) > 0 {
				var m struct {
					Text []string `json:"text"`
				}
				if json.Unmarshal(r.Meta, &m) == nil {
					s.Note = strings.Join(m.Text, "\n")
				}
			}
			id := r.ID
			if id == "" {
				id = fmt.Sprintf("region-%d", i)
			}
			id = idPrefix + id
			if regions[id] != nil {
				im.fail(joinLoc(l, "id"), annotate.CodeDuplicateID, d.ID, "region id %q is used by two labels results", id)
				continue
			}
			s.ID, s.Ref = id, strings.TrimPrefix(id, idPrefix)
			regions[id] = s
			ids = append(ids, id)
		case "relation":
			from, to := r.FromID, r.ToID
			if r.Direction == "left" {
				from, to = to, from
			}
			if r.Direction == "bi" {
				bi = append(bi, im.where(l))
			}
			typ := "related"
			if len(r.Labels) > 0 {
				typ = r.Labels[0]
			} else {
				unlabelled++
			}
			d.Rels = append(d.Rels, &rawRel{Type: typ, From: from, To: to, loc: l})
		case "choices", "textarea":
			attrs = append(attrs, attrRes{r, l})
		default:
			skipped[r.Type]++
		}
	}
	// "<id>#k" regions are the further fragments of span <id>.
	for _, id := range ids {
		s := regions[id]
		baseID, k, ok := strings.Cut(id, "#")
		if !ok {
			continue
		}
		first := regions[baseID]
		if _, err := strconv.Atoi(k); err != nil || first == nil || first.Label != s.Label {
			continue
		}
		first.Frags = append(first.Frags, s.Frags...)
		if first.Text != nil && s.Text != nil {
			t := *first.Text + first.Sep + *s.Text
			first.Text = &t
		} else {
			first.Text = nil
		}
		delete(regions, id)
	}
	for i, id := range ids {
		if s := regions[id]; s != nil {
			if !validID(s.ID) {
				// an id the core cannot take (spaces): a stable stand-in,
				// while Ref keeps the original name for messages
				s.ID = "region-" + strconv.Itoa(i)
				for n := 2; regions[s.ID] != nil; n++ {
					s.ID = "region-" + strconv.Itoa(i) + "-" + strconv.Itoa(n)
				}
			}
			d.Spans = append(d.Spans, s)
		}
	}
	for _, rr := range d.Rels {
		for _, end := range []*string{&rr.From, &rr.To} {
			s := regions[idPrefix+*end]
			if s == nil {
				im.fail(rr.loc, annotate.CodeUnknownSpan, d.ID, "the relation refers to region %q, which the annotation does not have", *end)
				continue
			}
			*end = s.ID
		}
	}
	for _, a := range attrs {
		r, l := a.r, a.l
		s := regions[idPrefix+r.ID]
		if s == nil {
			if r.Type == "choices" && r.Value != nil && r.Value.Start == nil {
				if r.FromName == "doc_labels" {
					d.Labels = append(d.Labels, r.Value.Choices...)
				} else {
					skipped["document-level "+r.FromName]++
				}
				continue
			}
			im.fail(joinLoc(l, "id"), annotate.CodeUnknownSpan, d.ID, "this %s result refers to region %q, which the annotation does not have", r.Type, r.ID)
			continue
		}
		if r.Value == nil {
			im.fail(joinLoc(l, "value"), annotate.CodeBadFormat, d.ID, "a %s result needs a value", r.Type)
			continue
		}
		name := r.FromName
		if name == "" {
			im.fail(joinLoc(l, "from_name"), annotate.CodeBadAttribute, d.ID, "a %s result names its attribute in from_name, which is missing or empty", r.Type)
			continue
		}
		if r.Type == "textarea" {
			var texts []string
			if err := json.Unmarshal(r.Value.Text, &texts); err != nil {
				im.fail(joinLoc(l, "value.text"), annotate.CodeBadFormat, d.ID, "a textarea result's value.text is a list of strings")
				continue
			}
			s.setAttr(name, strings.Join(texts, "\n"), annotate.AttrText, l)
			continue
		}
		if len(r.Value.Choices) != 1 {
			im.fail(joinLoc(l, "value.choices"), annotate.CodeBadAttribute, d.ID, "attribute %s takes one choice, found %s", name, annotate.Count(len(r.Value.Choices)))
			continue
		}
		var val any = r.Value.Choices[0]
		if ld := schema.Label(s.Label); ld != nil {
			if def := ld.Attr(name); def != nil && def.Type == annotate.AttrBool {
				b, err := strconv.ParseBool(r.Value.Choices[0])
				if err != nil {
					im.fail(joinLoc(l, "value.choices"), annotate.CodeBadAttribute, d.ID, "attribute %s is true or false, not %q", name, r.Value.Choices[0])
					continue
				}
				val = b
			}
		}
		s.setAttr(name, val, annotate.AttrEnum, l)
	}
	if unlabelled > 0 {
		im.note("%s: task %s: %s without labels imported with type \"related\"", file, d.ID, count(unlabelled, "relation"))
	}
	if escaped > 0 {
		im.note("%s: task %s: %s the line breaks of its text as \\n; read as the line breaks the document has", file, d.ID, count(escaped, "region stores", "regions store"))
	}
	if len(bi) > 0 {
		// spanmark relations have a direction; a two-way one kept as
		// from → to must not pass for what the annotator drew
		im.note("%s: task %s: %s imported one-way, from_id → to_id (spanmark relations have a direction): %s",
			file, d.ID, count(len(bi), "two-way (\"direction\": \"bi\") relation"), strings.Join(bi, ", "))
	}
	if len(skipped) > 0 {
		var parts []string
		for _, k := range order.Keys(skipped) {
			parts = append(parts, annotate.Count(skipped[k])+" "+k)
		}
		im.note("%s: task %s: results not representable, dropped: %s", file, d.ID, strings.Join(parts, ", "))
	}
}

// validID is what the core accepts as a span id.
func validID(id string) bool {
	if id == "" || len([]rune(id)) > 200 {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f || r == 0x85 || r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000 {
			return false
		}
	}
	return true
}

// lsUnescapeBreaks returns the document's text at [start, end) when txt is
// that text with its line breaks written as the two characters \n (and
// \r), as Label Studio stores a region that spans a line break; false
// otherwise, when the text is compared as stored.
func lsUnescapeBreaks(x *annotate.TextIndex, start, end int, txt string) (string, bool) {
	if start < 0 || end > x.Len() || start > end {
		return "", false
	}
	doc := x.Slice(start, end)
	if !strings.ContainsAny(doc, "\r\n") {
		return "", false
	}
	return doc, escapeBreaks(doc) == txt
}

// escapeBreaks writes CR and LF in s as the two characters \r and \n (a
// loop, not strings.NewReplacer: that brought the whole Replacer, ~20 KB
// of code, into the wasm for this one use).
func escapeBreaks(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}
