package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// shiftedLabelStudio is a Label Studio task with a text of about n
// characters and a PER result on one word in every 100 characters, each
// two characters off, one key a line (as Label Studio writes).
func shiftedLabelStudio(n int) (data []byte, results int) {
	words := strings.Fields("the minister said talks would continue next week in the capital while officials denied any deal")
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[(i*7)%len(words)] + " ")
	}
	text := b.String()[:n]
	type value struct {
		Start  int      `json:"start"`
		End    int      `json:"end"`
		Text   string   `json:"text"`
		Labels []string `json:"labels"`
	}
	type result struct {
		ID       string `json:"id"`
		FromName string `json:"from_name"`
		ToName   string `json:"to_name"`
		Type     string `json:"type"`
		Value    value  `json:"value"`
	}
	var res []result
	next := 0
	for _, m := range regexp.MustCompile(`[a-z]+`).FindAllStringIndex(text, -1) {
		if m[0] >= next && m[1]+2 <= len(text) {
			res = append(res, result{fmt.Sprintf("r%d", len(res)), "label", "text", "labels", value{m[0] + 2, m[1] + 2, text[m[0]:m[1]], []string{"PER"}}})
			next = m[0] + 100
		}
	}
	task := []map[string]any{{"id": 1, "data": map[string]any{"text": text}, "annotations": []any{map[string]any{"id": 1, "result": res}}}}
	data, _ = json.MarshalIndent(task, "", " ")
	return data, len(res)
}

// Every problem of a file with hundreds is located at its own result.
func TestImportLocatesManyProblems(t *testing.T) {
	data, n := shiftedLabelStudio(30_000)
	_, _, _, err := Read([]File{{Name: "ls.json", Data: data}}, "labelstudio", ImportOptions{})
	var es annotate.Errors
	if !errors.As(err, &es) {
		t.Fatalf("want located problems, got %v", err)
	}
	lines := strings.Split(string(data), "\n")
	located := 0
	for _, e := range es {
		if e.Span == "" {
			continue
		}
		// the line of the result's "{", whose first key is its id
		if e.Line < 1 || e.Line >= len(lines) || strings.TrimSpace(lines[e.Line-1]) != "{" || !strings.Contains(lines[e.Line], `"id": "`+e.Span+`"`) {
			t.Fatalf("%v: line %d is not result %s's", e, e.Line, e.Span)
		}
		located++
	}
	if located != n {
		t.Errorf("%d results located, want all %d", located, n)
	}
}

// BenchmarkImportManyProblems: a 1M-character Label Studio task whose
// ~10,000 results are all two characters off, each reported with its line.
func BenchmarkImportManyProblems(b *testing.B) {
	data, _ := shiftedLabelStudio(1_000_000)
	for b.Loop() {
		if _, _, _, err := Read([]File{{Name: "ls.json", Data: data}}, "labelstudio", ImportOptions{}); err == nil {
			b.Fatal("imported")
		}
	}
}
