package formats

import (
	"bytes"
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
		if !ok || len(es) != 1 || !strings.Contains(es[0].Error(), "would have 200,001 documents; spanmark holds at most 200,000 documents in one project") {
			t.Fatalf("importing %d records (format %q): %v", annotate.MaxDocuments+1, format, err)
		}
	}
}

// The unpacked size is capped per import, not per archive: three small
// archives that each unpack within the cap are refused together.
func TestZipBudgetPerImport(t *testing.T) {
	defer func(n int64) { importBudget = n }(importBudget)
	importBudget = 1 << 20
	entry := bytes.Repeat([]byte("word "), 80_000) // 400 KB, compresses to little
	var files []File
	for _, name := range []string{"a.zip", "b.zip", "c.zip"} {
		z, err := Zip([]File{{Name: "x.jsonl", Data: entry}})
		if err != nil {
			t.Fatal(err)
		}
		if len(z) > 10_000 {
			t.Fatalf("the archive is %d bytes", len(z))
		}
		files = append(files, File{Name: name, Data: z})
	}
	// two fit (800 KB), the third does not
	_, _, _, err := Read(files, "", ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "c.zip: the archive unpacks to more than one import reads (1.0 MB with the other files)") {
		t.Fatalf("got %v", err)
	}
	if _, _, _, err := Read(files[:2], "", ImportOptions{}); err != nil && strings.Contains(err.Error(), "unpacks") {
		t.Fatalf("two archives within the cap: %v", err)
	}
}

// A project file may be larger than another tool's file (it repeats each
// span's text): whatever spanmark writes, it reads.
func TestProjectFileLimit(t *testing.T) {
	big := append([]byte("{\n  \"format\": \"spanmark\",\n"), bytes.Repeat([]byte(" "), annotate.MaxFileSize+10)...)
	if e := CheckFile(File{Name: "p.json", Data: big}); e != nil && strings.Contains(e.Msg, "MB") {
		t.Fatalf("a project file over %d bytes refused: %v", annotate.MaxFileSize, e)
	}
	other := append([]byte(`{"text": "x"}`+"\n"), bytes.Repeat([]byte(" "), annotate.MaxFileSize)...)
	if e := CheckFile(File{Name: "d.jsonl", Data: other}); e == nil || !strings.Contains(e.Msg, "files over 50.0 MB") {
		t.Fatalf("a dataset file over the limit: %v", e)
	}
	for _, c := range []struct {
		head string
		want bool
	}{
		{`{"format": "spanmark"`, true},
		{"\ufeff {\n\t\"format\" :\"spanmark\", ", true},
		{`{"format": "brat"`, false},
		{`{"text": "{\"format\": \"spanmark\""`, false},
		{`[{"format": "spanmark"}]`, false},
	} {
		if got := annotate.IsProjectFile([]byte(c.head)); got != c.want {
			t.Errorf("IsProjectFile(%q) = %v", c.head, got)
		}
	}
}

// An export spanmark could not read back is refused with the reason.
func TestCheckExport(t *testing.T) {
	big := make([]byte, annotate.MaxFileSize+1)
	err := CheckExport("doccano", []File{{Name: "doccano.jsonl", Data: big}})
	if err == nil || err.Error() != "doccano.jsonl: the doccano export would be 52,428,801 bytes; spanmark reads files up to 50.0 MB (52,428,800 bytes), so it is not written: export fewer documents or spans at a time" {
		t.Fatalf("got %v", err)
	}
	if err := CheckExport("spanmark", []File{{Name: "project.json", Data: big}}); err != nil {
		t.Fatalf("a 50 MB project refused: %v", err)
	}
	// nested spans repeat the text: refused before the file is made
	p := annotate.NewProject(nil)
	d, err := p.AddDocument("d", "d", strings.Repeat("a", 40_000), annotate.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	spans := make([]*annotate.Span, 20_000)
	for i := range spans {
		spans[i] = &annotate.Span{Label: "PERSON", Fragments: []annotate.Fragment{{Start: i, End: 40_000 - i}}}
	}
	if es := d.Populate(spans, nil); len(es) > 0 {
		t.Fatal(es[0])
	}
	_, _, err = Spanmark{}.Export(p, ExportOptions{})
	if err == nil || !strings.Contains(err.Error(), "the spanmark export would be more than 381.5 MB; spanmark reads project files up to 256.0 MB") {
		t.Fatalf("got %v", err)
	}
}
