package formats

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// A dataset of more records than a project holds is refused with one
// error that says the limit, before any document is built.
func TestImportTooManyRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 200,001 records")
	}
	var b strings.Builder
	for i := range annotate.MaxDocuments + 1 {
		fmt.Fprintf(&b, "{\"text\": \"Record %d.\"}\n", i)
	}
	for _, format := range []string{"", "doccano"} { // JSON Lines: counted before a record is decoded
		_, _, _, err := Read([]File{{Name: "many.jsonl", Data: []byte(b.String())}}, format, ImportOptions{})
		es, ok := err.(annotate.Errors)
		if !ok || len(es) != 1 || !strings.Contains(es[0].Error(), "would have 200001 documents; spanmark holds at most 200000 documents in one project") {
			t.Fatalf("importing %d records (format %q): %v", annotate.MaxDocuments+1, format, err)
		}
	}
}
