package formats

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// suggSummary renders a project's open suggestions and spans:
// "doc: LABEL[s,e)@score … | spans n".
func suggSummary(p *annotate.Project) string {
	var b strings.Builder
	for _, d := range p.Documents() {
		fmt.Fprintf(&b, "%s:", d.ID)
		for _, g := range d.Suggestions() {
			fmt.Fprintf(&b, " %s %s%s", g.Source, g.Label, fragString(g.Fragments))
			if g.Scored {
				fmt.Fprintf(&b, "@%g", g.Score)
			}
		}
		fmt.Fprintf(&b, " | spans %d\n", d.NumSpans())
	}
	return b.String()
}

func peerOrSkip(t *testing.T, rel string) []File {
	t.Helper()
	if _, err := os.Stat(filepath.Join(peersDir, rel)); err != nil {
		t.Skipf("peer file not found at %s (it lives beside the repository in ../shared/peers): %v", peersDir, err)
	}
	return peerFiles(t, rel)
}

// A Label Studio ML backend's output (the kiji-proxy sample: one
// prediction with "score": 0.95 and relations) imported as suggestions:
// its region ent-5 does not match the text, so the import is refused and
// the problem located; with repair it is moved, and every region becomes
// a suggestion with the prediction's score, no span, the relations
// reported as not imported.
func TestLabelStudioPredictionsAsSuggestionsPeer(t *testing.T) {
	const rel = "label-studio/dataiku__kiji-proxy__model__dataset__labelstudio__sample_predictions.json"
	files := peerOrSkip(t, rel)
	_, _, err := LabelStudio{}.Import(files, ImportOptions{AsSuggestions: true})
	var es annotate.Errors
	if !errors.As(err, &es) || len(es) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	e := es[0]
	if e.File != rel || e.Line != 59 || e.Doc != "doc-1" || e.Field != "[0].predictions[0].result[4]" || e.Code != annotate.CodeTextMismatch ||
		!strings.Contains(e.Msg, `"john.smith@example.com"`) || !strings.Contains(e.Msg, "[62,84)") {
		t.Fatalf("not located: %+v", e)
	}
	p, rep, err := LabelStudio{}.Import(files, ImportOptions{AsSuggestions: true, Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "doc-1: import Person[0,10)@0.95 import Person[15,19)@0.95 import Pronoun[33,35)@0.95 import Pronoun[44,47)@0.95 import Email[62,84)@0.95 | spans 0\n"
	if got := suggSummary(p); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	if r := strings.Join(rep, "\n"); !strings.Contains(r, "2 relations not imported") {
		t.Fatalf("report does not say the relations went:\n%s", r)
	}
}

// Where Label Studio puts a score: on the prediction ("score", the whole
// prediction's, which Label Studio sorts tasks by) and on each region of
// its result ("score" beside "value"; some ML backends put it in
// "value"). A region's own score wins; the prediction's stands in for a
// region without one. Every prediction of a task is read (two model
// versions here, both with an "ent-1"), its annotations are not.
func TestLabelStudioPredictionScores(t *testing.T) {
	text := "Angela Merkel visited Paris with Emmanuel Macron."
	task := `[{"id": 7, "data": {"text": "` + text + `"},
  "annotations": [{"result": [{"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 13, "text": "Angela Merkel", "labels": ["PERSON"]}}]}],
  "predictions": [
    {"model_version": "ner-v2", "score": 0.5, "result": [
      {"id": "ent-1", "from_name": "label", "to_name": "text", "type": "labels", "score": 0.91,
       "value": {"start": 0, "end": 13, "text": "Angela Merkel", "labels": ["PERSON"]}},
      {"id": "ent-2", "from_name": "label", "to_name": "text", "type": "labels",
       "value": {"start": 22, "end": 27, "text": "Paris", "labels": ["GPE"], "score": 0.42}},
      {"id": "ent-3", "from_name": "label", "to_name": "text", "type": "labels",
       "value": {"start": 33, "end": 48, "text": "Emmanuel Macron", "labels": ["PERSON"]}}]},
    {"model_version": "ner-v1", "result": [
      {"id": "ent-1", "from_name": "label", "to_name": "text", "type": "labels",
       "value": {"start": 22, "end": 27, "text": "Paris", "labels": ["ORG"]}}]}]}]`
	files := []File{{Name: "tasks.json", Data: []byte(task)}}
	p, rep, err := LabelStudio{}.Import(files, ImportOptions{AsSuggestions: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "task-7: import PERSON[0,13)@0.91 import GPE[22,27)@0.42 import ORG[22,27) import PERSON[33,48)@0.5 | spans 0\n"
	if got := suggSummary(p); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	if r := strings.Join(rep, "\n"); !strings.Contains(r, "its predictions were imported as suggestions, its 1 annotation not") {
		t.Fatalf("report:\n%s", r)
	}
	// "accept all above a score" takes the scores as imported
	d := p.Documents()[0]
	res := d.AcceptSuggestions(annotate.SuggestionFilter{MinScore: 0.5})
	if res.Accepted != 2 || d.NumSpans() != 2 || d.NumSuggestions() != 2 {
		t.Fatalf("accept ≥ 0.5: %+v, %d spans, %d open", res, d.NumSpans(), d.NumSuggestions())
	}
	// imported as annotations (the default), the same file gives its
	// annotation, scores and predictions aside
	q, _, err := LabelStudio{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(q) + suggSummary(q); got != "task-7: PERSON[0,13) | 0 relations\ntask-7: | spans 1\n" {
		t.Fatalf("as annotations:\n%s", got)
	}
	// a score outside [0, 1] is refused where it is
	bad := strings.Replace(task, `"score": 0.91`, `"score": 91`, 1)
	_, _, err = LabelStudio{}.Import([]File{{Name: "tasks.json", Data: []byte(bad)}}, ImportOptions{AsSuggestions: true})
	if !errors.As(err, &es0) || len(es0) != 1 || es0[0].Field != "[0].predictions[0].result[0].score" || es0[0].Line != 6 || !strings.HasPrefix(es0[0].Msg, "ent-1: ") || !strings.Contains(es0[0].Msg, "between 0 and 1") {
		t.Fatalf("bad score: %v", err)
	}
}

var es0 annotate.Errors

// spanmark's own Label Studio export of open suggestions (one prediction
// per source, region scores) comes back as the same suggestions with
// their scores (source "import").
func TestLabelStudioPredictionsRoundTrip(t *testing.T) {
	p := suggProject(t)
	files, _, err := LabelStudio{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q, _, err := LabelStudio{}.Import(files, ImportOptions{AsSuggestions: true})
	if err != nil {
		t.Fatal(err)
	}
	// the task's annotation (Ali Khamenei) is not imported: its predictions are
	want := "d1: import PERSON[17,22)@0.75 import GPE[26,30) | spans 0\n"
	if got := suggSummary(q); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
}

// Prodigy keeps a "score" on the spans a recipe suggested (the emerson
// sample: each span scored by en_core_web_lg, doc-5's "Emerson" ORG
// 0.8012877824): kept when imported as suggestions.
func TestJSONLScoresAsSuggestions(t *testing.T) {
	files := peerOrSkip(t, "spacy-prodigy/explosion__projects__tutorials__nel_emerson__assets__emerson_annotated_text.jsonl")
	p, _, err := JSONL{}.Import(files, ImportOptions{AsSuggestions: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range p.Documents() {
		if d.NumSpans() != 0 {
			t.Fatalf("%s has spans", d.ID)
		}
		for _, g := range d.Suggestions() {
			if !g.Scored || g.Score <= 0 || g.Score > 1 || g.Source != annotate.SourceImport {
				t.Fatalf("%s: %+v", d.ID, g)
			}
			n++
		}
	}
	if n != 30 {
		t.Fatalf("%d suggestions, want the 30 spans", n)
	}
	if g := p.Documents()[4].Suggestions()[0]; p.Documents()[4].ID != "doc-5" || g.Key() != "import ORG 0-7" || g.Score != 0.8012877824 {
		t.Fatalf("doc-5: %+v", g)
	}
}
