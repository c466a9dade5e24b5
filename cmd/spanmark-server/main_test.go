package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0"} {
		err := run(context.Background(), []string{"-addr", addr}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "-public") {
			t.Errorf("-addr %s: err = %v, want a refusal mentioning -public", addr, err)
		}
	}
}

func TestBadDir(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-dir", filepath.Join(t.TempDir(), "missing")}, io.Discard, io.Discard)
	if err == nil {
		t.Error("-dir with a missing directory: no error")
	}
}

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:80": true, "[::1]:8080": true, "localhost:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "10.0.0.1:8080": false, "[::]:8080": false, "nonsense": false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestServeAndShutdown(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>t</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	const prefix = "spanmark: serving on "
	if !strings.HasPrefix(line, prefix+"http://127.0.0.1:") || !strings.HasSuffix(line, "/\n") {
		t.Fatalf("startup line %q", line)
	}
	url := strings.TrimSpace(strings.TrimPrefix(line, prefix))
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "<title>t</title>" || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET %s: %d, CSP %q", url, resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
}
