//go:build unix

package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 23, item 13: a failed write to standard output fails the command.
func TestStdoutWriteErrors(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	for _, cmd := range []string{"validate", "stats"} {
		var errb bytes.Buffer
		code := run([]string{cmd, golden + "/spanmark.json"}, full, &errb)
		if code != 1 || !strings.Contains(errb.String(), "spanmark "+cmd+": cannot write to standard output: no space left on device") {
			t.Errorf("%s > /dev/full: exit %d, %q", cmd, code, errb.String())
		}
	}
	var errb bytes.Buffer
	if code := run([]string{"convert", "--to", "jsonl", golden + "/spanmark.json"}, full, &errb); code != 1 {
		t.Errorf("convert > /dev/full: exit %d, %q", code, errb.String())
	}
}

// Issue 23, item 12: an input that yields nothing is an error.
func TestValidateNothingRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.json")
	os.WriteFile(ok, []byte(`{"text": "Anna met Bob."}`+"\n"), 0o644)
	code, out, _ := runCLI("validate", "--from", "brat", ok)
	if code != 1 || !strings.Contains(out, "no document was read from this file as brat") || strings.Contains(out, "ok:") {
		t.Fatalf("exit %d, %q", code, out)
	}
	code, _, errs := runCLI("convert", "--from", "brat", "--to", "spanmark", "-o", filepath.Join(dir, "out.json"), ok)
	if _, err := os.Stat(filepath.Join(dir, "out.json")); code != 1 || err == nil {
		t.Fatalf("convert wrote an empty project: exit %d, %q", code, errs)
	}
}

// Issue 23, item 10: names from the files are printed escaped, never as
// the terminal codes they hold.
func TestPrintedNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	// a zip whose entry name holds an ESC sequence and is not a dataset
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("\x1b]0;pwned\x07\x1b[2J.jsonl")
	w.Write([]byte{0, 1, 2})
	zw.Close()
	z := filepath.Join(dir, "a.zip")
	os.WriteFile(z, zb.Bytes(), 0o644)
	code, out, _ := runCLI("validate", z)
	if code != 1 || strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, `a.zip/\x1b]0;pwned\x07\x1b[2J.jsonl`) {
		t.Fatalf("zip entry: exit %d, %q", code, out)
	}
	// a brat type with an ESC sequence: refused (control character in a
	// label), and printed escaped
	os.WriteFile(filepath.Join(dir, "d.txt"), []byte("Anna met Bob."), 0o644)
	os.WriteFile(filepath.Join(dir, "d.ann"), []byte("T1\tPER\x1b[31mSON 0 4\tAnna\n"), 0o644)
	code, out, errs := runCLI("convert", "--to", "jsonl", filepath.Join(dir, "d.ann"))
	if code != 1 || strings.ContainsAny(out+errs, "\x1b") || !strings.Contains(errs, `PER\x1b[31mSON`) || !strings.Contains(errs, "control character") {
		t.Fatalf("brat type: exit %d, %q %q", code, out, errs)
	}
}
