package formats

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// The brat download is a .zip that archive/zip reads back entry for
// entry (internal/zipc writes it; archive/zip is the reference).
func TestZipReadableByArchiveZip(t *testing.T) {
	files := []File{{Name: "a.txt", Data: []byte("Alice met Bob.\r\n")}, {Name: "a.ann", Data: []byte("T1\tPER 0 5\tAlice\n")}}
	z, err := Zip(files)
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range r.File {
		rc, _ := f.Open()
		d, err := io.ReadAll(rc)
		if err != nil || f.Name != files[i].Name || !bytes.Equal(d, files[i].Data) || f.Method != zip.Deflate {
			t.Errorf("entry %d: %q method %d, %v", i, f.Name, f.Method, err)
		}
	}
}

// An archive as typical archivers write it (deflate streamed with data
// descriptors, a folder entry, macOS's __MACOSX/ and dot files) imports
// its regular files; an entry spanmark cannot unpack (a method other
// than stored/deflate, encryption) is an error naming the entry, and the
// other entries' errors come with it.
func TestImportZipFromArchivers(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	w.Create("docs/")
	for _, n := range []string{"docs/a.jsonl", "__MACOSX/docs/._a.jsonl", "docs/.DS_Store"} {
		fw, _ := w.Create(n)
		fw.Write([]byte(`{"text": "Alice met Bob in Paris."}` + "\n"))
	}
	w.Close()
	_, p, _, err := Read([]File{{Name: "d.zip", Data: b.Bytes()}}, "", ImportOptions{})
	if err != nil || p == nil || len(p.Documents()) != 1 || p.Documents()[0].Text() != "Alice met Bob in Paris." {
		t.Fatalf("import: %v", err)
	}

	// method 12 (bzip2) on the second entry, encryption on the third
	b.Reset()
	w = zip.NewWriter(&b)
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		fw, _ := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		fw.Write([]byte("text " + n))
	}
	w.Close()
	data := b.Bytes()
	cd := bytes.Index(data, []byte("PK\x01\x02"))
	next := func(at int) int { return at + 1 + bytes.Index(data[at+1:], []byte("PK\x01\x02")) }
	binary.LittleEndian.PutUint16(data[next(cd)+10:], 12)
	binary.LittleEndian.PutUint16(data[next(next(cd))+8:], 1)
	_, _, _, err = Read([]File{{Name: "x.zip", Data: data}}, "", ImportOptions{})
	es, _ := err.(annotate.Errors)
	if len(es) != 2 || es[0].File != "x.zip/b.txt" || es[0].Msg != "cannot be unpacked: compression method 12 is not supported (only stored and deflate)" ||
		es[1].File != "x.zip/c.txt" || !strings.Contains(es[1].Msg, "encrypted") {
		t.Fatalf("got %v", err)
	}
}

// An entry whose headers claim a small size but that inflates past
// MaxFileSize is refused by its real size: the reader stops one byte
// past the limit.
func TestImportZipLyingSize(t *testing.T) {
	big := bytes.Repeat([]byte("a"), MaxFileSize+5)
	z, err := Zip([]File{{Name: "big.txt", Data: big}})
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint32(z[22:], 10)
	cd := bytes.Index(z, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(z[cd+24:], 10)
	_, _, _, err = Read([]File{{Name: "bomb.zip", Data: z}}, "", ImportOptions{})
	es, _ := err.(annotate.Errors)
	if len(es) != 1 || es[0].File != "bomb.zip/big.txt" || !strings.Contains(es[0].Msg, "50.0 MB") {
		t.Fatalf("got %v", err)
	}
}

// Entries that share their data and fail their checksum still count
// toward what one import unpacks: a small archive cannot make the reader
// inflate the same bytes without end.
func TestImportZipSharedDataCounted(t *testing.T) {
	defer func(n int64) { importBudget = n }(importBudget)
	importBudget = 1 << 20
	z, err := Zip([]File{{Name: "x.jsonl", Data: bytes.Repeat([]byte("word "), 80_000)}}) // 400 KB
	if err != nil {
		t.Fatal(err)
	}
	cd := bytes.Index(z, []byte("PK\x01\x02"))
	end := bytes.Index(z, []byte("PK\x05\x06"))
	rec := bytes.Clone(z[cd:end])
	binary.LittleEndian.PutUint32(rec[16:], 1) // a wrong CRC-32
	var b bytes.Buffer
	b.Write(z[:cd])
	for range 5 { // five records, one local entry
		b.Write(rec)
	}
	tail := bytes.Clone(z[end:])
	binary.LittleEndian.PutUint16(tail[8:], 5)
	binary.LittleEndian.PutUint16(tail[10:], 5)
	binary.LittleEndian.PutUint32(tail[12:], uint32(5*len(rec)))
	b.Write(tail)
	_, _, _, err = Read([]File{{Name: "s.zip", Data: b.Bytes()}}, "", ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "s.zip: the archive unpacks to more than one import reads") {
		t.Fatalf("got %v", err)
	}
}
