package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spanmark/spanmark/annotate/formats"
)

// Output appears whole or not at all: it is written beside its target
// (same file system, so the rename is atomic) and renamed into place only
// once every byte is on disk.

func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, e := os.Stat(path); e == nil && st.IsDir() {
		return usageError{fmt.Sprintf("%s is a folder; give a file name", path)}
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// writeDirAtomic writes files into a new folder path. An existing empty
// folder is replaced; a non-empty one is refused rather than mixed with
// or deleted.
func writeDirAtomic(path string, files []formats.File) (err error) {
	path = filepath.Clean(path)
	if st, e := os.Stat(path); e == nil {
		if !st.IsDir() {
			return usageError{fmt.Sprintf("%s exists and is not a folder", path)}
		}
		entries, _ := os.ReadDir(path)
		if len(entries) > 0 {
			return usageError{fmt.Sprintf("folder %s exists and is not empty; remove it or choose another", path)}
		}
	}
	parent := filepath.Dir(path)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Name))
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err = os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err = os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	os.Remove(path) // an empty folder in the way; rename replaces it on Linux anyway
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

func jsonUnmarshalStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
