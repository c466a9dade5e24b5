package formats

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

func TestCheckFile(t *testing.T) {
	cases := []struct {
		name, data string
		want       string // Error(); "" means readable
	}{
		{"a.jsonl", `{"text": "x"}`, ""},
		{"a.ann", "", ""},              // an unannotated brat document
		{"annotation.conf", " \n", ""}, // brat's configuration may be empty
		{"a.jsonl", "", "a.jsonl: the file is empty"},
		{"a.txt", " \r\n\t", "a.txt: the file is empty"},
		{"a.json", "\xff\xfe{\x00", "a.json: the file is UTF-16 text; save it as UTF-8 and import it again"},
		{"a.conll", "PK\x00\x01", "a.conll: the file is binary, not text (a NUL byte at byte offset 2); import a text file in one of the formats spanmark, jsonl, conll, brat, doccano, labelstudio"},
		{"a.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"caf\xe9\"}\n", "a.jsonl:2: the file is not UTF-8: byte 0xE9 at byte offset 28 (line 2, column 14) is not valid UTF-8; save the file as UTF-8 and import it again"},
		{"a.jsonl", "\"é\xc3", "a.jsonl:1: the file is not UTF-8: byte 0xC3 at byte offset 3 (line 1, column 3) is not valid UTF-8; save the file as UTF-8 and import it again"},
	}
	for _, c := range cases {
		e := CheckFile(File{Name: c.name, Data: []byte(c.data)})
		got := ""
		if e != nil {
			got = e.Error()
			if e.Code != annotate.CodeBadFormat {
				t.Errorf("%q: code %s", c.data, e.Code)
			}
		}
		if got != c.want {
			t.Errorf("%s %q:\n got %s\nwant %s", c.name, c.data, got, c.want)
		}
	}
}

func TestCheckSize(t *testing.T) {
	if err := CheckSize("big.jsonl", MaxFileSize); err != nil {
		t.Errorf("exactly the limit: %v", err)
	}
	err := CheckSize("big.jsonl", MaxFileSize+1)
	if err == nil || err.Error() != "big.jsonl: the file is 52,428,801 bytes; files over 50.0 MB (52,428,800 bytes) are not imported" {
		t.Errorf("over the limit: %v", err)
	}
	err = CheckFile(File{Name: "huge.json", Data: bytes.Repeat([]byte(" "), MaxFileSize+1)})
	if err == nil || !strings.Contains(err.Error(), "huge.json: the file is 52,428,801 bytes; files over") {
		t.Errorf("CheckFile over the limit: %v", err)
	}
}

// TestReadZipRoundTrip: the page's brat download (a .zip) imports back as
// the same project, through Read.
func TestReadZipRoundTrip(t *testing.T) {
	p := sampleProject(t)
	files, _, err := Brat{}.Export(p, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	z, err := Zip(files)
	if err != nil {
		t.Fatal(err)
	}
	f, q, _, err := Read([]File{{Name: "project-brat.zip", Data: z}}, "", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name() != "brat" {
		t.Errorf("guessed %s", f.Name())
	}
	direct, _, err := Brat{}.Import(files, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := q.Bytes()
	b, _ := direct.Bytes()
	if !bytes.Equal(a, b) {
		t.Error("the zip imports differently from its files")
	}
}

func TestReadRefusesEverythingAtOnce(t *testing.T) {
	_, p, _, err := Read([]File{
		{Name: "ok.jsonl", Data: []byte(`{"text": "x"}`)},
		{Name: "empty.jsonl"},
		{Name: "bin.jsonl", Data: []byte("a\x00b")},
		{Name: "bad.zip", Data: []byte("PK\x03\x04 not really")},
	}, "", ImportOptions{})
	if p != nil || err == nil {
		t.Fatalf("imported: %v", err)
	}
	es, _ := err.(annotate.Errors)
	var files []string
	for _, e := range es {
		files = append(files, e.File)
	}
	if strings.Join(files, " ") != "bad.zip empty.jsonl bin.jsonl" {
		t.Errorf("errors name %v:\n%v", files, err)
	}
	// A named format is used as named; an unknown one is a clear error.
	if _, _, _, err := Read([]File{{Name: "a.txt", Data: []byte("x")}}, "nope", ImportOptions{}); annotate.CodeOf(err) != annotate.CodeBadArgument {
		t.Errorf("unknown format: %v", err)
	}
	if _, _, _, err := Read(nil, "", ImportOptions{}); annotate.CodeOf(err) != annotate.CodeBadArgument {
		t.Errorf("no files: %v", err)
	}
}
