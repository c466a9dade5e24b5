//go:build js && wasm

// Command tagger is the entity tagger's own WebAssembly module
// (web/spanmark-tagger.wasm, `make wasm`), run in a Web Worker
// (web/tagger-worker.js) so that training never stalls the page; the page
// talks to it through web/tagger.js. It registers the global
// `spanmarkTagger` with train, trainProject, crossValidate,
// crossValidateProject, predict, save, load and stats.
//
// Like the core's bridge it is thin: it reads the JavaScript arguments,
// converts offsets, calls package annotate/tagger, and hands back one JSON
// string (written with internal/jsonw: no encoding/json, no fmt, for a
// small module). Offsets: JavaScript's are UTF-16 code units, the
// tagger's code points; they are converted here and nowhere else, through
// each text's annotate.TextIndex. A failure comes back as
// {"error": {"code", "message"}}, which the worker turns into a rejected
// promise; a Go panic is recovered into such an error and never crosses
// into JavaScript.
package main

import (
	"strconv"

	"github.com/hack-pad/safejs"
	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/tagger"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// model is the tagger trained or loaded last; nil before.
var model *tagger.Model

func main() {
	if err := register(); err != nil {
		if console, e := safejs.Global().Get("console"); e == nil {
			_, _ = console.Call("error", "spanmark: cannot start the tagger module: "+err.Error())
		}
		return
	}
	select {}
}

func register() error {
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return err
	}
	api, err := obj.New()
	if err != nil {
		return err
	}
	for name, fn := range map[string]func(args []safejs.Value) ([]byte, any, error){
		"train": train, "trainProject": trainProject, "crossValidate": crossValidate, "crossValidateProject": crossValidateProject, "predict": predict, "save": save, "load": load, "stats": stats,
	} {
		f, err := safejs.FuncOf(guard(fn))
		if err != nil {
			return err
		}
		if err := api.Set(name, f.Value()); err != nil {
			return err
		}
	}
	return safejs.Global().Set("spanmarkTagger", api)
}

// guard runs fn, turning its error or a panic into an error result. A
// method returns JSON (a string), or a JavaScript value (save's bytes).
func guard(fn func(args []safejs.Value) ([]byte, any, error)) func(safejs.Value, []safejs.Value) any {
	return func(_ safejs.Value, args []safejs.Value) (res any) {
		defer func() {
			if r := recover(); r != nil {
				msg := "the tagger failed"
				if e, ok := r.(error); ok {
					msg += ": " + e.Error()
				} else if s, ok := r.(string); ok {
					msg += ": " + s
				}
				res = string(errorJSON(annotate.CodeInternal, msg))
			}
		}()
		out, v, err := fn(args)
		if err != nil {
			return string(errorJSON(annotate.CodeOf(err), err.Error()))
		}
		if v != nil {
			return v
		}
		return string(out)
	}
}

func errorJSON(code annotate.Code, msg string) []byte {
	b := []byte(`{"error":{"code":`)
	b = jsonw.AppendString(b, string(code))
	b = append(b, `,"message":`...)
	b = jsonw.AppendString(b, msg)
	return append(b, "}}"...)
}

func badArg(msg string) error {
	return &annotate.Error{Code: annotate.CodeBadArgument, Msg: msg}
}

// reader reads JavaScript values, keeping the first error.
type reader struct{ err error }

func (r *reader) get(v safejs.Value, key, where string) safejs.Value {
	if r.err != nil {
		return safejs.Undefined()
	}
	x, err := v.Get(key)
	if err != nil {
		r.err = badArg(where + ": cannot read " + key)
	}
	return x
}

func (r *reader) str(v safejs.Value, where string) string {
	if r.err != nil {
		return ""
	}
	if v.Type() != safejs.TypeString {
		r.err = badArg(where + " must be a string")
		return ""
	}
	s, err := v.String()
	if err != nil {
		r.err = badArg(where + " must be a string")
	}
	return s
}

func (r *reader) int(v safejs.Value, where string) int {
	if r.err != nil {
		return 0
	}
	f, err := v.Float()
	if err != nil || v.Type() != safejs.TypeNumber || f != float64(int(f)) {
		r.err = badArg(where + " must be a whole number")
		return 0
	}
	return int(f)
}

func (r *reader) length(v safejs.Value, where string) int {
	if r.err != nil {
		return 0
	}
	ok := false
	if arr, err := safejs.Global().Get("Array"); err == nil {
		if res, err := arr.Call("isArray", v); err == nil {
			ok, _ = res.Bool()
		}
	}
	n, err := v.Length()
	if !ok || err != nil {
		r.err = badArg(where + " must be an array")
		return 0
	}
	return n
}

func (r *reader) index(v safejs.Value, i int, where string) safejs.Value {
	if r.err != nil {
		return safejs.Undefined()
	}
	x, err := v.Index(i)
	if err != nil {
		r.err = badArg("cannot read " + where)
	}
	return x
}

func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// train(docs, options?): docs is [{text, spans: [{label, start, end}]}]
// with UTF-16 offsets; options {seed, epochs}. Returns the stats.
func train(args []safejs.Value) ([]byte, any, error) {
	var r reader
	docs := r.docs(arg(args, 0))
	opt := r.options(arg(args, 1))
	if r.err != nil {
		return nil, nil, r.err
	}
	m, err := tagger.Train(docs, opt)
	if err != nil {
		return nil, nil, err
	}
	model = m
	return statsJSON(m), nil, nil
}

// trainProject(projectJSON, options?): trains on a project file (the
// page's exportProject) as the core picks its spans
// (Project.EntityTrainingDocs: the entity-layer spans of one fragment of
// the documents that have some) and counts its done documents
// (Project.DoneEntityDocs, which crossValidateProject scores on). The page hands over one
// string and does nothing else: reading the project and picking the spans
// happen here, in the worker, off the page's thread. Returns the stats
// with "done", the number of done documents, and "defaultThreshold", the
// score to suggest from until a cross-validation chooses one. A project that does not load
// is refused as loading it in the page would refuse it; the model in use
// stays then.
func trainProject(args []safejs.Value) ([]byte, any, error) {
	var r reader
	text := r.str(arg(args, 0), "project")
	opt := r.options(arg(args, 1))
	if r.err != nil {
		return nil, nil, r.err
	}
	p, err := annotate.Load([]byte(text), "the current project")
	if err != nil {
		return nil, nil, err
	}
	tds, _ := p.EntityTrainingDocs(nil)
	m, err := tagger.Train(tagger.FromTraining(tds, false), opt)
	if err != nil {
		return nil, nil, err
	}
	model = m
	b := statsJSON(m)
	b = append(b[:len(b)-1], `,"done":`...)
	b = strconv.AppendInt(b, int64(len(p.DoneEntityDocs(nil))), 10)
	b = append(b, `,"defaultThreshold":`...)
	b = strconv.AppendFloat(b, tagger.DefaultThreshold, 'f', -1, 64)
	return append(b, '}'), nil, nil
}

// crossValidateProject(projectJSON, options?): crossValidate over the
// done documents of a project file (Project.DoneEntityDocs), with models
// of its own. The page runs it in a worker of its own, which Cancel
// stops at once (it terminates that worker) without touching the model
// the page suggests with, which lives in the other.
func crossValidateProject(args []safejs.Value) ([]byte, any, error) {
	var r reader
	text := r.str(arg(args, 0), "project")
	opt, folds := r.cvOptions(arg(args, 1))
	if r.err != nil {
		return nil, nil, r.err
	}
	p, err := annotate.Load([]byte(text), "the current project")
	if err != nil {
		return nil, nil, err
	}
	return cvJSON(tagger.FromTraining(p.DoneEntityDocs(nil), true), folds, opt)
}

// crossValidate(docs, options?): k-fold cross-validation over docs (as
// train takes them; options {folds, seed, epochs}), with models of its
// own: the model in use stays. Returns {folds, documents, gold,
// predicted, correct, untrained, precision, recall, f1, threshold, above,
// right} (tagger.CVResult).
func crossValidate(args []safejs.Value) ([]byte, any, error) {
	var r reader
	docs := r.docs(arg(args, 0))
	opt, folds := r.cvOptions(arg(args, 1))
	if r.err != nil {
		return nil, nil, r.err
	}
	return cvJSON(docs, folds, opt)
}

// cvOptions reads {folds, seed, epochs}, each optional.
func (r *reader) cvOptions(o safejs.Value) (tagger.Options, int) {
	opt := r.options(o)
	folds := 0
	if r.err == nil && !o.IsUndefined() && !o.IsNull() {
		if v := r.get(o, "folds", "options"); !v.IsUndefined() {
			folds = r.int(v, "options.folds")
			if r.err == nil && (folds < 2 || folds > 100) {
				r.err = badArg("options.folds must be 2 to 100")
			}
		}
	}
	return opt, folds
}

func cvJSON(docs []tagger.Doc, folds int, opt tagger.Options) ([]byte, any, error) {
	res, err := tagger.CrossValidate(docs, folds, opt)
	if err != nil {
		return nil, nil, err
	}
	b := []byte(`{"folds":`)
	b = strconv.AppendInt(b, int64(res.Folds), 10)
	for _, f := range []struct {
		k string
		v int
	}{{"documents", res.Documents}, {"gold", res.Gold}, {"predicted", res.Predicted}, {"correct", res.Correct}, {"untrained", res.Untrained}, {"above", res.Above}, {"right", res.Right}} {
		b = append(b, `,"`+f.k+`":`...)
		b = strconv.AppendInt(b, int64(f.v), 10)
	}
	for _, f := range []struct {
		k string
		v float64
	}{{"precision", res.Precision}, {"recall", res.Recall}, {"f1", res.F1}, {"threshold", res.Threshold}} {
		b = append(b, `,"`+f.k+`":`...)
		b = strconv.AppendFloat(b, f.v, 'f', -1, 64)
	}
	return append(b, '}'), nil, nil
}

// docs reads [{text, spans: [{label, start, end}]}] with UTF-16 offsets.
func (r *reader) docs(docsV safejs.Value) []tagger.Doc {
	n := r.length(docsV, "docs")
	docs := make([]tagger.Doc, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		w := "docs[" + strconv.Itoa(i) + "]"
		dv := r.index(docsV, i, w)
		text := r.str(r.get(dv, "text", w), w+".text")
		spansV := r.get(dv, "spans", w)
		ns := r.length(spansV, w+".spans")
		if r.err != nil {
			break
		}
		x := annotate.NewTextIndex(text)
		d := tagger.Doc{ID: w, Text: text, Spans: make([]tagger.Span, 0, ns)}
		for j := 0; j < ns && r.err == nil; j++ {
			sw := w + ".spans[" + strconv.Itoa(j) + "]"
			sv := r.index(spansV, j, sw)
			label := r.str(r.get(sv, "label", sw), sw+".label")
			start := r.int(r.get(sv, "start", sw), sw+".start")
			end := r.int(r.get(sv, "end", sw), sw+".end")
			if r.err == nil && (start < 0 || end > x.UTF16Len() || start >= end) {
				r.err = badArg(sw + ": [" + strconv.Itoa(start) + ", " + strconv.Itoa(end) +
					") is not a range inside the text of " + annotate.Count(x.UTF16Len()) + " UTF-16 code units")
			}
			d.Spans = append(d.Spans, tagger.Span{Label: label, Start: x.FromUTF16(start, false), End: x.FromUTF16(end, true)})
		}
		docs = append(docs, d)
	}
	return docs
}

// options reads {seed, epochs}, each optional.
func (r *reader) options(o safejs.Value) tagger.Options {
	var opt tagger.Options
	if r.err == nil && !o.IsUndefined() && !o.IsNull() {
		if v := r.get(o, "seed", "options"); !v.IsUndefined() {
			opt.Seed = uint64(max(0, r.int(v, "options.seed")))
		}
		if v := r.get(o, "epochs", "options"); !v.IsUndefined() {
			opt.Epochs = r.int(v, "options.epochs")
			if r.err == nil && (opt.Epochs < 1 || opt.Epochs > 100) {
				r.err = badArg("options.epochs must be 1 to 100")
			}
		}
	}
	return opt
}

func noModel() error {
	return &annotate.Error{Code: annotate.CodeBadArgument, Msg: "the tagger has no model yet: train it or load one first"}
}

// predict(text, options?): [{label, start, end, score}] with UTF-16
// offsets; options {minScore} keeps the entities scored at least that
// (the panel's "suggest when ≥", by default a cross-validation's
// threshold).
func predict(args []safejs.Value) ([]byte, any, error) {
	var r reader
	text := r.str(arg(args, 0), "text")
	minScore := 0.0
	if o := arg(args, 1); r.err == nil && !o.IsUndefined() && !o.IsNull() {
		if v := r.get(o, "minScore", "options"); !v.IsUndefined() {
			f, err := v.Float()
			if err != nil || v.Type() != safejs.TypeNumber || !(f >= 0 && f <= 1) {
				r.err = badArg("options.minScore must be a number from 0 to 1")
			}
			minScore = f
		}
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	if model == nil {
		return nil, nil, noModel()
	}
	x := annotate.NewTextIndex(text)
	ents := model.PredictMin(text, minScore)
	b := make([]byte, 0, 16+len(ents)*48)
	b = append(b, '[')
	for i, e := range ents {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"label":`...)
		b = jsonw.AppendString(b, e.Label)
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(x.UTF16Of(e.Start)), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(x.UTF16Of(e.End)), 10)
		b = append(b, `,"score":`...)
		b = strconv.AppendFloat(b, e.Score, 'f', -1, 64)
		b = append(b, '}')
	}
	return append(b, ']'), nil, nil
}

// save(): the model file's bytes, a Uint8Array.
func save(args []safejs.Value) ([]byte, any, error) {
	if model == nil {
		return nil, nil, noModel()
	}
	data, err := model.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, nil, err
	}
	arr, err := u8.New(len(data))
	if err != nil {
		return nil, nil, err
	}
	if _, err := safejs.CopyBytesToJS(arr, data); err != nil {
		return nil, nil, err
	}
	return nil, arr, nil
}

// load(bytes, name?): a model file (Uint8Array) from save or spanmark
// learn. Returns the stats.
func load(args []safejs.Value) ([]byte, any, error) {
	var r reader
	v := arg(args, 0)
	name := ""
	if nv := arg(args, 1); !nv.IsUndefined() {
		name = r.str(nv, "name")
	}
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, nil, err
	}
	if ok, err := v.InstanceOf(u8); err != nil || !ok {
		return nil, nil, badArg("the model must be a Uint8Array")
	}
	n, err := v.Length()
	if err != nil {
		return nil, nil, err
	}
	if n > int(annotate.MaxFileSize) {
		return nil, nil, badArg("the model file is over " + annotate.SizeString(annotate.MaxFileSize))
	}
	data := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(data, v); err != nil {
		return nil, nil, err
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	m, err := tagger.Load(data, name)
	if err != nil {
		return nil, nil, err // the model in use stays
	}
	model = m
	return statsJSON(m), nil, nil
}

// stats(): what the model was trained on, or null.
func stats(args []safejs.Value) ([]byte, any, error) {
	if model == nil {
		return []byte("null"), nil, nil
	}
	return statsJSON(model), nil, nil
}

func statsJSON(m *tagger.Model) []byte {
	s := m.Stats()
	b := []byte(`{"documents":`)
	b = strconv.AppendInt(b, int64(s.Documents), 10)
	for _, f := range []struct {
		k string
		v int
	}{{"sentences", s.Sentences}, {"tokens", s.Tokens}, {"spans", s.Spans}, {"skipped", s.Skipped}, {"features", s.Features}} {
		b = append(b, `,"`+f.k+`":`...)
		b = strconv.AppendInt(b, int64(f.v), 10)
	}
	b = append(b, `,"labels":[`...)
	for i, l := range s.Labels {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.AppendString(b, l)
	}
	return append(b, "]}"...)
}
