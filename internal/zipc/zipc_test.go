package zipc

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var sample = []File{
	{"a.txt", []byte("Hello, world.\r\nZweite Zeile 🙂\n")},
	{"dir/b.ann", bytes.Repeat([]byte("T1\tPER 0 5\tAlice\n"), 200)},
	{"empty.txt", nil},
	{"ünïcode name.txt", []byte("x")},
}

// Ours → archive/zip, for both methods: names, contents, folder-ness.
func TestWriteReadByArchiveZip(t *testing.T) {
	for _, m := range []uint16{Store, Deflate} {
		b, err := Write(sample, m)
		if err != nil {
			t.Fatal(err)
		}
		r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("method %d: archive/zip: %v", m, err)
		}
		if len(r.File) != len(sample) {
			t.Fatalf("method %d: %d entries, want %d", m, len(r.File), len(sample))
		}
		for i, f := range r.File {
			if f.Name != sample[i].Name || f.Method != m || f.FileInfo().IsDir() || f.Mode().Perm() != 0o644 {
				t.Errorf("entry %d: %q method %d mode %v", i, f.Name, f.Method, f.Mode())
			}
			if !f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) && f.Modified.Format("2006-01-02 15:04:05") != "2000-01-01 00:00:00" {
				t.Errorf("entry %d: time %v", i, f.Modified)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if !bytes.Equal(got, sample[i].Data) {
				t.Errorf("%s: contents differ", f.Name)
			}
		}
		// and ours reads it back
		checkOurs(t, b, sample)
	}
}

func TestWriteDeterministic(t *testing.T) {
	a, _ := Write(sample, Deflate)
	b, _ := Write(sample, Deflate)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same files differ")
	}
}

func checkOurs(t *testing.T, b []byte, want []File) {
	t.Helper()
	r, err := NewReader(b)
	if err != nil {
		t.Fatal(err)
	}
	var got []File
	for _, e := range r.Entries {
		if e.IsDir() {
			continue
		}
		d, err := e.Read(1 << 20)
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		got = append(got, File{e.Name, d})
	}
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("file %d: %q, want %q", i, got[i].Name, want[i].Name)
		}
	}
}

// archive/zip → ours: its Create streams with data descriptors (flag 8,
// sizes zero in the local header), as typical archivers do; CreateHeader
// with a folder, a stored entry, a comment and an extended time field.
func TestReadArchiveZip(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("#!/bin/sh stub of a self-extractor\n") // prepended data
	w := zip.NewWriter(&buf)
	w.Create("dir/") // a folder
	for _, f := range sample {
		fw, err := w.Create(f.Name) // deflate + data descriptor
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.Data)
	}
	fw, _ := w.CreateHeader(&zip.FileHeader{Name: "stored.txt", Method: zip.Store, Modified: time.Now()})
	fw.Write([]byte("stored data"))
	w.SetComment("an archive comment")
	w.Close()
	want := append(append([]File{}, sample...), File{"stored.txt", []byte("stored data")})
	checkOurs(t, buf.Bytes(), want)

	r, _ := NewReader(buf.Bytes())
	if !r.Entries[0].IsDir() || r.Entries[1].Flags&flagDescriptor == 0 {
		t.Errorf("entry 0 dir %v, entry 1 flags %#x: want a folder and a data descriptor", r.Entries[0].IsDir(), r.Entries[1].Flags)
	}
}

// The limit holds whatever the headers say: an entry that claims 10 bytes
// but inflates to 1 MB gives max+1 bytes, never more.
func TestReadLimit(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 1<<20)
	b, _ := Write([]File{{"big", big}}, Deflate)
	lieSizes(b, 10)
	r, err := NewReader(b)
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.Entries[0].Read(1000)
	if err != nil || len(d) != 1001 {
		t.Fatalf("got %d bytes, %v; want 1001 bytes", len(d), err)
	}
	// within the limit, the lie is caught
	_, err = r.Entries[0].Read(2 << 20)
	if err == nil || !strings.Contains(err.Error(), `"big": it unpacks to 1048576 bytes, its header says 10`) {
		t.Fatalf("got %v", err)
	}
	s, _ := Write([]File{{"s", big}}, Store)
	r, _ = NewReader(s)
	if d, err := r.Entries[0].Read(99); err != nil || len(d) != 100 {
		t.Fatalf("stored: got %d bytes, %v", len(d), err)
	}
}

// lieSizes sets the uncompressed size of the first entry in both headers.
func lieSizes(b []byte, n uint32) {
	binary.LittleEndian.PutUint32(b[22:], n)
	cd := bytes.Index(b, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(b[cd+24:], n)
}

func TestReadErrors(t *testing.T) {
	good, _ := Write([]File{{"x.txt", []byte("some text to pack, some text to pack")}}, Deflate)
	cdAt := bytes.Index(good, []byte("PK\x01\x02"))
	edit := func(f func(b []byte)) []byte {
		b := bytes.Clone(good)
		f(b)
		return b
	}
	setCD16 := func(at int, v uint16) []byte {
		return edit(func(b []byte) { binary.LittleEndian.PutUint16(b[cdAt+at:], v) })
	}
	for _, c := range []struct {
		name string
		data []byte
		want string // in NewReader's or Read's error
	}{
		{"not a zip", []byte("hello"), "no end of central directory"},
		{"truncated", good[:len(good)-30], "no end of central directory"},
		{"encrypted", setCD16(8, 1), `zip entry "x.txt": the entry is encrypted`},
		{"method", setCD16(10, 12), `zip entry "x.txt": compression method 12 is not supported`},
		{"zip64 size", edit(func(b []byte) { binary.LittleEndian.PutUint32(b[cdAt+20:], 0xFFFFFFFF) }), `zip entry "x.txt": zip64 entries are not supported`},
		{"crc", edit(func(b []byte) { b[cdAt+16] ^= 1 }), `"x.txt": checksum error`},
		{"data", edit(func(b []byte) { b[lenLocal+len("x.txt")+2] ^= 0xFF }), `"x.txt": `},
		{"offset", edit(func(b []byte) { binary.LittleEndian.PutUint32(b[cdAt+42:], 5) }), "local header is missing"},
		{"csize", edit(func(b []byte) { binary.LittleEndian.PutUint32(b[cdAt+20:], 1<<30) }), "runs past the end"},
		{"count", edit(func(b []byte) {
			binary.LittleEndian.PutUint16(b[len(b)-12:], 900)
			binary.LittleEndian.PutUint16(b[len(b)-14:], 900)
		}), "too short for its 900 entries"},
	} {
		r, err := NewReader(c.data)
		if err == nil {
			_, err = r.Entries[0].Read(1 << 20)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

// unzip -t (Info-ZIP) accepts what we write, if it is installed.
func TestUnzipT(t *testing.T) {
	unzip, err := exec.LookPath("unzip")
	if err != nil {
		t.Skip("no unzip command")
	}
	for _, m := range []uint16{Store, Deflate} {
		b, _ := Write(sample, m)
		p := filepath.Join(t.TempDir(), "t.zip")
		os.WriteFile(p, b, 0o644)
		out, err := exec.Command(unzip, "-t", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No errors detected") {
			t.Errorf("method %d: unzip -t: %v\n%s", m, err, out)
		}
	}
}

// FuzzReader: no input makes the reader panic, and what it reads is what
// archive/zip reads.
func FuzzReader(f *testing.F) {
	a, _ := Write(sample, Deflate)
	s, _ := Write(sample[:2], Store)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	fw, _ := w.Create("d.txt")
	fw.Write([]byte("data descriptor entry"))
	w.Close()
	for _, b := range [][]byte{a, s, buf.Bytes(), []byte("PK\x05\x06"), nil} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(b)
		if err != nil {
			return
		}
		for _, e := range r.Entries {
			d, err := e.Read(1 << 16)
			if err == nil && len(d) <= 1<<16 {
				if uint32(len(d)) != e.UncompressedSize {
					t.Fatalf("%q: read %d bytes, header says %d", e.Name, len(d), e.UncompressedSize)
				}
			}
		}
	})
}
