package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/spanmark/spanmark/annotate/formats"
)

// -o writes through the path it is given, as a shell's ">" does, but a
// regular file appears whole or not at all:
//
//   - a symbolic link is followed to its target (the link stays a link);
//   - a regular file (or a new one) is written beside its target, on the
//     same file system, and renamed over it once every byte is on disk,
//     keeping the old file's permissions;
//   - anything else (a terminal, /dev/null, a pipe) is opened and written
//     in place: renaming over /dev/stdout or a FIFO would replace it with a
//     regular file;
//   - "-" is standard output.
//
// The temporary file or folder is named ".<target>.spanmark-<pid>.tmp", so
// that a run killed before it could clean up (SIGKILL, a power cut) leaves
// something the next run writing there recognises and removes: its process
// is gone.

// tmpMarker is the part of a temporary name that says spanmark made it.
const tmpMarker = ".spanmark-"

func tmpName(dir, base string) string {
	return filepath.Join(dir, "."+base+tmpMarker+strconv.Itoa(os.Getpid())+".tmp")
}

// removeStaleTemps removes the temporary files and folders that runs now
// gone left beside dir/base. A temporary name of a live process (another
// spanmark writing the same target now) is left alone.
func removeStaleTemps(dir, base string) {
	prefix := "." + base + tmpMarker
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".tmp"))
		if err != nil || pid <= 0 || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, name))
	}
}

// processAlive says whether a process with this id runs (signal 0 checks
// without sending anything; EPERM means it runs as another user).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// resolveLinks follows symbolic links from path to what they point at,
// even a target that does not exist yet (a dangling link is written
// through and its target created, as a shell's ">" does).
func resolveLinks(path string) (string, error) {
	for range 255 {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		t, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(path), t)
		}
		path = t
	}
	return "", errors.New("too many levels of symbolic links")
}

// cause is an error without the path an *fs.PathError adds: messages name
// the output the user gave, never a temporary file.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeOutput writes data to path as -o does (see above); "-" is stdout.
func writeOutput(path string, data []byte, stdout io.Writer) error {
	if path == "-" {
		if _, err := stdout.Write(data); err != nil {
			return fmt.Errorf("cannot write to standard output: %v", cause(err))
		}
		return nil
	}
	target, err := resolveLinks(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && st.IsDir():
		return usageError{fmt.Sprintf("%s is a folder; give a file name", path)}
	case err == nil && !st.Mode().IsRegular():
		return writeInPlace(path, target, data)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %v", path, cause(err))
	}
	mode := fs.FileMode(0o644)
	if err == nil {
		mode = st.Mode().Perm()
	}
	return writeFileAtomic(path, target, data, mode)
}

// writeInPlace writes to a device or a pipe as it is.
func writeInPlace(path, target string, data []byte) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, cause(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, cause(err))
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside target and
// renames it over target with the given permissions. path is what the
// user named (for messages).
func writeFileAtomic(path, target string, data []byte, mode fs.FileMode) (err error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	tmp := tmpName(dir, base)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, cause(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("cannot write %s: %v", path, cause(err))
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	// the mode the file had (or 0644 for a new one), set explicitly: the
	// temporary file was made 0600 and a umask must not narrow it
	if err = os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, target)
}

// writeDirAtomic writes files into a new folder path (or through a
// symbolic link to one). An existing empty folder is replaced, keeping its
// permissions; a non-empty one is refused rather than mixed with or
// deleted.
func writeDirAtomic(path string, files []formats.File) (err error) {
	path = filepath.Clean(path)
	target, err := resolveLinks(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	mode := fs.FileMode(0o755)
	if st, e := os.Stat(target); e == nil {
		if !st.IsDir() {
			return usageError{fmt.Sprintf("%s exists and is not a folder", path)}
		}
		entries, _ := os.ReadDir(target)
		if len(entries) > 0 {
			return usageError{fmt.Sprintf("folder %s exists and is not empty; remove it or choose another", path)}
		}
		mode = st.Mode().Perm()
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	removeStaleTemps(parent, base)
	tmp := tmpName(parent, base)
	os.RemoveAll(tmp) // our own pid's: left by a run that had it before
	if err = os.Mkdir(tmp, 0o700); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, cause(err))
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
			err = fmt.Errorf("cannot write %s: %v", path, cause(err))
		}
	}()
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Name))
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err = os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	if err = os.Chmod(tmp, mode); err != nil {
		return err
	}
	os.Remove(target) // an empty folder in the way; rename replaces it on Linux anyway
	return os.Rename(tmp, target)
}

func jsonUnmarshalStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
