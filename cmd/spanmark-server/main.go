// Command spanmark-server serves the spanmark web front end (package web)
// over HTTP for local use.
//
// Usage:
//
//	spanmark-server [-addr 127.0.0.1:8080] [-dir web] [-public]
//
// All annotation work happens in the browser; the server only hands out
// static files. By default it refuses to listen on anything but a loopback
// address, so that a local annotation session is not exposed to the
// network by accident; -public lifts that restriction.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spanmark/spanmark/web"
)

const usageText = `usage: spanmark-server [flags]

Serves the spanmark annotation tool (the files embedded from web/, or -dir)
at http://ADDR/. Everything runs in the browser; nothing is uploaded.

By default only loopback addresses (127.0.0.0/8, ::1, localhost) are
accepted for -addr, so the server is reachable from this machine only.
To listen on another interface (e.g. -addr 0.0.0.0:8080 or :8080), pass
-public as well; anyone who can reach that address can then load the tool
and any file served from -dir.

Flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "spanmark-server:", err)
		os.Exit(2)
	}
}

// run parses args, serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("spanmark-server", flag.ContinueOnError)
	fset.SetOutput(stderr)
	addr := fset.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free port)")
	public := fset.Bool("public", false, "allow listening on a non-loopback address (see above)")
	dir := fset.String("dir", "", "serve this `directory` from disk instead of the embedded files (for front-end development)")
	fset.Usage = func() {
		fmt.Fprint(fset.Output(), usageText)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return fmt.Errorf("unexpected arguments: %q", fset.Args())
	}

	opts := web.Options{}
	if *dir != "" {
		if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("-dir %s: not a directory", *dir)
		}
		opts.FS = os.DirFS(*dir)
	}

	if !*public {
		if err := checkLoopback(*addr); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Check again what was actually bound (a host name may resolve to
	// anything).
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !*public && !tcp.IP.IsLoopback() {
		ln.Close()
		return fmt.Errorf("-addr %s bound %s, which is not a loopback address; pass -public to allow that", *addr, tcp)
	}

	srv := &http.Server{
		Handler:           web.Handler(opts),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "spanmark: serving on http://%s/\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkLoopback returns an error unless every address host in addr names
// is a loopback address.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	if host == "" {
		return fmt.Errorf("-addr %q listens on all interfaces; use 127.0.0.1 (or pass -public)", addr)
	}
	var ips []net.IP
	if ip := net.ParseIP(host); ip != nil {
		ips = []net.IP{ip}
	} else if host == "localhost" {
		return nil
	} else if ips, err = net.LookupIP(host); err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("-addr %q is not a loopback address (%s); pass -public to listen on it anyway", addr, ip)
		}
	}
	return nil
}
