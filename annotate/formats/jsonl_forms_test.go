package formats

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// prodigyTeach is shaped like the output of Prodigy's ner.teach on its
// reddit product example (db-out): one suggested span per record, each
// with the annotator's answer, the session id, the view id and the hashes.
// "MX" suggested as PRODUCT was rejected (the product is "MX Master"), one
// record was skipped (ignore); the last record has no answer at all (a
// file written by a script, not by Prodigy).
const prodigyTeach = `{"text":"The MX Master is the best mouse I've owned","_input_hash":-1295932425,"_task_hash":1470546349,"tokens":[{"text":"The","start":0,"end":3,"id":0,"ws":true},{"text":"MX","start":4,"end":6,"id":1,"ws":true},{"text":"Master","start":7,"end":13,"id":2,"ws":true},{"text":"is","start":14,"end":16,"id":3,"ws":true},{"text":"the","start":17,"end":20,"id":4,"ws":true},{"text":"best","start":21,"end":25,"id":5,"ws":true},{"text":"mouse","start":26,"end":31,"id":6,"ws":true},{"text":"I","start":32,"end":33,"id":7,"ws":false},{"text":"'ve","start":33,"end":36,"id":8,"ws":true},{"text":"owned","start":37,"end":42,"id":9,"ws":false}],"spans":[{"start":4,"end":6,"text":"MX","rank":0,"label":"PRODUCT","score":0.4183,"source":"en_core_web_sm","input_hash":-1295932425,"token_start":1,"token_end":1}],"meta":{"score":0.4183},"_session_id":"reddit_product-default","_view_id":"ner","answer":"reject","_timestamp":1633999979}
{"text":"The MX Master is the best mouse I've owned","_input_hash":-1295932425,"_task_hash":-810441219,"tokens":[{"text":"The","start":0,"end":3,"id":0,"ws":true},{"text":"MX","start":4,"end":6,"id":1,"ws":true},{"text":"Master","start":7,"end":13,"id":2,"ws":true},{"text":"is","start":14,"end":16,"id":3,"ws":true},{"text":"the","start":17,"end":20,"id":4,"ws":true},{"text":"best","start":21,"end":25,"id":5,"ws":true},{"text":"mouse","start":26,"end":31,"id":6,"ws":true},{"text":"I","start":32,"end":33,"id":7,"ws":false},{"text":"'ve","start":33,"end":36,"id":8,"ws":true},{"text":"owned","start":37,"end":42,"id":9,"ws":false}],"spans":[{"start":4,"end":13,"text":"MX Master","rank":1,"label":"PRODUCT","score":0.3710,"source":"en_core_web_sm","input_hash":-1295932425,"token_start":1,"token_end":2}],"meta":{"score":0.3710},"_session_id":"reddit_product-default","_view_id":"ner","answer":"accept","_timestamp":1633999984}
{"text":"Anyone tried the new Surface keyboard?","_input_hash":559183209,"_task_hash":-1771305431,"spans":[{"start":21,"end":28,"text":"Surface","rank":0,"label":"PRODUCT","score":0.5012,"source":"en_core_web_sm","input_hash":559183209}],"meta":{"score":0.5012},"_session_id":"reddit_product-default","_view_id":"ner","answer":"ignore","_timestamp":1633999990}
{"text":"Get the Kindle app","_input_hash":114236517,"_task_hash":1906253571,"spans":[{"start":8,"end":14,"text":"Kindle","label":"PRODUCT"}],"meta":{"score":0.61},"_session_id":"reddit_product-default","_view_id":"ner","answer":"reject","_timestamp":1633999995}
{"text":"Windows 10 is out","spans":[{"start":0,"end":10,"label":"PRODUCT"}]}
`

func TestJSONLProdigyAnswers(t *testing.T) {
	p, rep, err := JSONL{}.Import([]File{{Name: "reddit_product.jsonl", Data: []byte(prodigyTeach)}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// only the accepted record and the record without an answer are
	// imported; "MX" rejected as PRODUCT is no span, and the texts of
	// rejected and ignored records are no documents
	if got, want := summary(p), "doc-2: PRODUCT[4,13) | 0 relations\ndoc-5: PRODUCT[0,10) | 0 relations\n"; got != want {
		t.Errorf("imported:\n%s\nwant:\n%s", got, want)
	}
	want := "jsonl: reddit_product.jsonl: 2 records with answer reject and 1 with ignore not imported (only accepted answers are annotations)"
	if !slices.Contains(rep, want) {
		t.Errorf("report %q lacks %q", rep, want)
	}
}

func TestJSONLAnswerNotString(t *testing.T) {
	_, _, err := JSONL{}.Import([]File{{Name: "a.jsonl", Data: []byte(`{"text":"x","answer":1}` + "\n")}}, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), `a.jsonl:1`) || !strings.Contains(err.Error(), `"answer" must be a string`) {
		t.Fatalf("err = %v", err)
	}
}

// jsonlRecords exports p in form and decodes the records.
func jsonlRecords(t *testing.T, p *annotate.Project, form string) ([]map[string]any, Report) {
	t.Helper()
	files, rep, err := JSONL{}.Export(p, ExportOptions{Form: form})
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(files[0].Data)), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs, rep
}

func TestJSONLExportAnswerAccept(t *testing.T) {
	recs, _ := jsonlRecords(t, sampleProject(t), "")
	for i, r := range recs {
		if r["answer"] != "accept" {
			t.Errorf("record %d: answer = %v, want accept", i, r["answer"])
		}
	}
}

// TestJSONLForms: the default (ner) form lists the entity layer only, with
// no two spans on a common token, so spaCy's doc.ents takes it; the spans
// form lists every fragment, overlaps included, for doc.spans["sc"]. Both
// import back to the same project.
func TestJSONLForms(t *testing.T) {
	p := sampleProject(t)
	for _, form := range []string{"", "ner", "spans"} {
		recs, rep := jsonlRecords(t, p, form)
		total, overlaps := 0, 0
		for _, r := range recs {
			ext := r["_spanmark"].(map[string]any)
			wantForm := form
			if form == "" {
				wantForm = "ner"
			}
			if ext["form"] != wantForm {
				t.Errorf("form %q: _spanmark.form = %v", form, ext["form"])
			}
			if key, _ := ext["spans_key"].(string); (form == "spans") != (key == "sc") {
				t.Errorf("form %q: spans_key = %q", form, key)
			}
			spans := r["spans"].([]any)
			total += len(spans)
			var used []bool
			if toks, ok := r["tokens"].([]any); ok {
				used = make([]bool, len(toks))
			}
			for _, s := range spans {
				sp := s.(map[string]any)
				label := sp["label"].(string)
				if l := p.Schema.Label(label); wantForm == "ner" && (l == nil || l.Layer != annotate.LayerEntity) {
					t.Errorf("form ner lists a %s span", label)
				}
				clash := false
				for i := int(sp["token_start"].(float64)); i <= int(sp["token_end"].(float64)); i++ {
					clash = clash || used[i]
					used[i] = true
				}
				if clash {
					overlaps++
				}
			}
		}
		n := 0
		for _, d := range p.Documents() {
			for _, s := range d.Spans() {
				n += len(s.Fragments)
			}
		}
		switch wantForm := form; wantForm {
		case "spans":
			if total != n || overlaps == 0 {
				t.Errorf("form spans: %d span entries (want every fragment, %d), %d overlapping (want some)", total, n, overlaps)
			}
		default:
			if overlaps != 0 || total == 0 || total >= n {
				t.Errorf("form %q: %d span entries of %d fragments, %d overlapping (want none)", form, total, n, overlaps)
			}
			if !slices.ContainsFunc(rep, func(s string) bool {
				return strings.Contains(s, "nested or overlapping entity span kept only under _spanmark")
			}) {
				t.Errorf("form %q: the report does not name the overlapping span: %q", form, rep)
			}
		}
		files, _, _ := JSONL{}.Export(p, ExportOptions{Form: form})
		q, _, err := JSONL{}.Import(files, ImportOptions{})
		if err != nil {
			t.Fatalf("form %q: re-import: %v", form, err)
		}
		a, _ := p.Bytes()
		b, _ := q.Bytes()
		if string(a) != string(b) {
			t.Errorf("form %q: spanmark → jsonl → spanmark changed the project", form)
		}
	}
	if _, _, err := (JSONL{}).Export(p, ExportOptions{Form: "iob"}); err == nil || !strings.Contains(err.Error(), `unknown JSONL form "iob"`) {
		t.Errorf("form iob: err = %v", err)
	}
}

// TestEntitiesOnTokens: with spaCy's tokens, an entity that stops before
// a possessive sits on token boundaries: dragging over "Jimmy Carter" in
// "Jimmy Carter's presidency" snaps to "Jimmy Carter", "Iran" in "Iran's"
// is a token, and every entity of the sample project exported to JSONL
// starts and ends on a token boundary (spaCy's Doc.char_span takes it).
// CoNLL writes "Iran" and "'s" on lines of their own.
func TestEntitiesOnTokens(t *testing.T) {
	p := sampleProject(t)
	d := p.Doc("iran-us-talks")
	text := d.Text()
	drag := at(t, text, "Jimmy Carter", 0)
	f, err := d.Index().Snap(drag.Start, drag.End, annotate.SnapOptions{Mode: annotate.SnapWord, TrimPunct: true})
	if err != nil || f != drag {
		t.Fatalf("drag over Jimmy Carter snapped to %v %q, %v; want %v", f, d.Index().Slice(f.Start, f.End), err, drag)
	}
	add(t, d, "PERSON", nil, f)
	iran := at(t, text, "Iran's nuclear", 0)
	iran.End = iran.Start + len("Iran")
	add(t, d, "GPE", nil, iran)
	for _, form := range []string{"ner", "spans"} {
		recs, rep := jsonlRecords(t, p, form)
		n := 0
		for _, r := range recs {
			toks := r["tokens"].([]any)
			for _, s := range r["spans"].([]any) {
				sp := s.(map[string]any)
				ts := toks[int(sp["token_start"].(float64))].(map[string]any)
				te := toks[int(sp["token_end"].(float64))].(map[string]any)
				if ts["start"] != sp["start"] || te["end"] != sp["end"] {
					t.Errorf("form %s: %s %q [%v, %v) is not on token boundaries (tokens %v-%v)", form, sp["label"], sp["text"], sp["start"], sp["end"], ts, te)
				}
				n++
			}
		}
		if n == 0 || slices.ContainsFunc(rep, func(s string) bool { return strings.Contains(s, "token boundaries") }) {
			t.Errorf("form %s: %d spans; report %q", form, n, rep)
		}
	}
	files, _, err := CoNLL{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nIran B-GPE\n's O\nnuclear O\n", "\nJimmy B-PERSON\nCarter I-PERSON\n's O\npresidency O\n", "\nIran O\n’s O\n"} {
		if !strings.Contains(string(files[0].Data), want) {
			t.Errorf("CoNLL lacks %q", want)
		}
	}
}
