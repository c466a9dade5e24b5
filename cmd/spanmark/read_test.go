//go:build unix

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// A huge file is refused from its size, before it is read: a sparse file
// of 1 GB costs no memory.
func TestHugeFileNotRead(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.jsonl")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	// a dataset just over its limit, and a project file over its own
	over := filepath.Join(dir, "over.jsonl")
	os.WriteFile(over, nil, 0o644)
	os.Truncate(over, annotate.MaxFileSize+1)
	project := filepath.Join(dir, "p.json")
	os.WriteFile(project, []byte(`{"format": "spanmark", `), 0o644)
	os.Truncate(project, annotate.MaxProjectSize+1)

	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	code, out, _ := runCLI("validate", huge, over, project)
	runtime.ReadMemStats(&m1)
	if read := m1.TotalAlloc - m0.TotalAlloc; read > 8<<20 {
		t.Errorf("validate allocated %d MB: it read the files", read>>20)
	}
	want := []string{
		"error: " + huge + ": the file is 1,024.0 MB; files over 50.0 MB are not imported",
		"error: " + over + ": the file is 52,428,801 bytes; files over 50.0 MB (52,428,800 bytes) are not imported",
		"error: " + project + ": the file is 268,435,457 bytes; project files over 256.0 MB (268,435,456 bytes) are not imported",
	}
	if code != 1 || strings.TrimSpace(out) != strings.Join(want, "\n") {
		t.Fatalf("exit %d:\n%s\nwant\n%s", code, out, strings.Join(want, "\n"))
	}
}

// Devices are refused, not read (/dev/zero would never end); a pipe is
// read up to one byte past the limit. The same holds for --schema.
func TestDevicesAndPipes(t *testing.T) {
	dir := t.TempDir()
	dev := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/null", dev); err != nil { // a character device safe to read
		t.Fatal(err)
	}
	code, _, errs := runCLI("validate", dev)
	if code != 2 || !strings.Contains(errs, "cannot read "+dev+": it is a device or socket, not a file") {
		t.Fatalf("exit %d, %q", code, errs)
	}
	code, _, errs = runCLI("validate", "--schema", dev, golden+"/spanmark.json")
	if code != 2 || !strings.Contains(errs, "cannot read the schema "+dev+": it is a device or socket, not a file") {
		t.Fatalf("--schema: exit %d, %q", code, errs)
	}
	// a pipe that writes 60 MB: refused after 50 MB and a byte
	fifo := filepath.Join(dir, "pipe.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	for _, args := range [][]string{{"validate", fifo}, {"validate", "--schema", fifo, golden + "/spanmark.json"}} {
		done := make(chan int64)
		go func() {
			f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				done <- -1
				return
			}
			chunk := []byte(strings.Repeat(`{"text": "x"}`+"\n", 1<<16))
			var n int64
			for n < 60<<20 {
				k, err := f.Write(chunk)
				n += int64(k)
				if err != nil {
					break // the reader stopped
				}
			}
			f.Close()
			done <- n
		}()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		code, out, errs := runCLI(args...)
		runtime.ReadMemStats(&m1)
		<-done
		if code != 1 || !strings.Contains(out+errs, fifo+": the file is 50.0 MB; files over 50.0 MB") && !strings.Contains(out+errs, fifo+": the file is 52,428,801 bytes") {
			t.Fatalf("%q: exit %d, %q %q", args, code, out, errs)
		}
		if read := m1.TotalAlloc - m0.TotalAlloc; read > 200<<20 {
			t.Errorf("%q allocated %d MB", args, read>>20)
		}
	}
}

// A symbolic link to a .txt in a brat folder is read as the file.
func TestBratFolderSymlinkedText(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "real.txt"), []byte("Anna met Bob."), 0o644)
	b := filepath.Join(dir, "b")
	os.Mkdir(b, 0o755)
	os.WriteFile(filepath.Join(b, "a.ann"), []byte("T1\tPERSON 0 4\tAnna\n"), 0o644)
	os.Symlink("../real.txt", filepath.Join(b, "a.txt"))
	code, out, errs := runCLI("validate", "--from", "brat", b)
	if code != 0 || !strings.Contains(out, "(1 documents, 1 spans)") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
}
