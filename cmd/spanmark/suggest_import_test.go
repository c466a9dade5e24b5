package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// convert --as-suggestions keeps Label Studio's prediction scores: the
// region's own, else the prediction's.
func TestConvertPredictionScores(t *testing.T) {
	in := filepath.Join(t.TempDir(), "preds.json")
	os.WriteFile(in, []byte(`[{"data": {"text": "Biden met Sunak in Oman."}, "predictions": [{"model_version": "m", "score": 0.6, "result": [
 {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "score": 0.93, "value": {"start": 0, "end": 5, "text": "Biden", "labels": ["PERSON"]}},
 {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 19, "end": 23, "text": "Oman", "labels": ["GPE"]}}]}]}]`), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"convert", "--as-suggestions", "--to", "spanmark", in}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	if !strings.Contains(s, `"score": 0.93`) || !strings.Contains(s, `"score": 0.6`) || !strings.Contains(s, `"spans": [],`) || !strings.Contains(errb.String(), "2 spans imported as suggestions") {
		t.Fatalf("%s\nstderr %s", s, errb.String())
	}
}
