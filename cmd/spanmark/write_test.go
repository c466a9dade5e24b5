//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// -o writes through a symbolic link to its target and leaves the link a
// link; the target keeps its permissions.
func TestOutputThroughSymlinkKeepsMode(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI("convert", "--to", "labelstudio", "-o", link, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	want, _ := os.ReadFile(golden + "/labelstudio.json")
	if got, _ := os.ReadFile(target); !bytes.Equal(got, want) {
		t.Fatalf("the link's target was not written: %.40q", got)
	}
	st, err := os.Lstat(link)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 {
		t.Fatalf("target mode %v; want 0600 kept", st.Mode().Perm())
	}
	// a plain file keeps its mode too
	plain := filepath.Join(dir, "plain.json")
	os.WriteFile(plain, []byte("old"), 0o640)
	if code, _, errs := runCLI("convert", "--to", "labelstudio", "-o", plain, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	if st, _ := os.Stat(plain); st.Mode().Perm() != 0o640 {
		t.Fatalf("plain mode %v; want 0640 kept", st.Mode().Perm())
	}
	// a dangling link: its target is created, the link kept
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink("sub/new.json", dangling)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if code, _, errs := runCLI("convert", "--to", "labelstudio", "-o", dangling, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sub/new.json")); !bytes.Equal(got, want) {
		t.Fatal("the dangling link's target was not created")
	}
	if st, _ := os.Lstat(dangling); st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the dangling link was replaced")
	}
	assertNoTemps(t, dir)
	assertNoTemps(t, filepath.Join(dir, "sub"))
}

// brat -o through a symbolic link to an empty folder fills the folder and
// keeps the link.
func TestBratOutputThroughSymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.Mkdir(real, 0o750); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "linkdir")
	os.Symlink("real", link)
	if code, _, errs := runCLI("convert", "--to", "brat", "-o", link, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the folder link was replaced: %v", err)
	}
	names, _ := filepath.Glob(filepath.Join(real, "*"))
	if len(names) != 6 { // two .txt/.ann pairs, annotation.conf, visual.conf
		t.Fatalf("the link's target holds %d files; want 6", len(names))
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o750 {
		t.Fatalf("folder mode %v; want 0750 kept", st.Mode().Perm())
	}
	assertNoTemps(t, dir)
}

// A FIFO (as /dev/stdout may be) is written to, not replaced by a file;
// so is a symbolic link to one.
func TestOutputToFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	link := filepath.Join(dir, "pipe.json")
	os.Symlink(fifo, link)
	want, _ := os.ReadFile(golden + "/jsonl.jsonl")
	for _, out := range []string{fifo, link} {
		got := make(chan []byte)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- b
		}()
		if code, _, errs := runCLI("convert", "--to", "jsonl", "-o", out, golden+"/spanmark.json"); code != 0 {
			t.Fatal(errs)
		}
		if b := <-got; !bytes.Equal(b, want) {
			t.Fatalf("-o %s: the reader got %d bytes; want %d", out, len(b), len(want))
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("-o %s: the FIFO was replaced: %v", out, st.Mode())
		}
	}
	assertNoTemps(t, dir)
}

// "-o -" is standard output.
func TestOutputDash(t *testing.T) {
	dir := t.TempDir()
	old, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(old)
	code, out, errs := runCLI("convert", "--to", "jsonl", "-o", "-", filepath.Join(old, golden, "spanmark.json"))
	want, _ := os.ReadFile(filepath.Join(old, golden, "jsonl.jsonl"))
	if code != 0 || out != string(want) {
		t.Fatalf("exit %d %s: stdout has %d bytes; want %d", code, errs, len(out), len(want))
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Fatal(`-o - wrote a file named "-"`)
	}
}

// A run killed mid-write leaves its temporary file; the next run writing
// the same output removes it (its process is gone), but not one of a
// process still running.
func TestStaleTempRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	// a process that has exited: its pid is free
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := filepath.Join(dir, ".out.json"+tmpMarker+strconv.Itoa(cmd.Process.Pid)+".tmp")
	os.WriteFile(dead, []byte("half"), 0o600)
	deadDir := filepath.Join(dir, ".b"+tmpMarker+strconv.Itoa(cmd.Process.Pid)+".tmp")
	os.Mkdir(deadDir, 0o700)
	os.WriteFile(filepath.Join(deadDir, "a.txt"), []byte("x"), 0o644)
	live := filepath.Join(dir, ".out.json"+tmpMarker+"1.tmp") // pid 1 runs
	os.WriteFile(live, []byte("busy"), 0o600)
	if code, _, errs := runCLI("convert", "--to", "jsonl", "-o", out, golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI("convert", "--to", "brat", "-o", filepath.Join(dir, "b"), golden+"/spanmark.json"); code != 0 {
		t.Fatal(errs)
	}
	for _, p := range []string{dead, deadDir} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was left behind", filepath.Base(p))
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a running process's temporary file was removed")
	}
}

// A failed write names the output, not the temporary file.
func TestWriteErrorNamesOutput(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	if os.Geteuid() == 0 {
		// root writes anywhere: use a path under a file instead
		os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
		ro = filepath.Join(dir, "file")
	}
	code, _, errs := runCLI("convert", "--to", "jsonl", "-o", filepath.Join(ro, "out.json"), golden+"/spanmark.json")
	if code != 1 || !strings.Contains(errs, "cannot write "+filepath.Join(ro, "out.json")+": ") || strings.Contains(errs, tmpMarker) || strings.Contains(errs, ".tmp") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}
