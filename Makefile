# spanmark — GNU make targets. Needs Go 1.26 and, for the browser tests,
# Chromium (`make deps` installs it with apt on Debian when it is missing).
#
#   make run     build the wasm and serve the tool on http://$(ADDR)/
#   make test    vet, unit tests, browser (e2e) tests, wasm tests in Chromium
#   make bench   native benchmarks, wasm size table, browser benchmarks
#   make fuzz    every fuzz target in turn, FUZZTIME each (default 1m)
#   make wasm    build web/spanmark.wasm and the other web/ artefacts
#   make dist    write dist/spanmark.html: the whole tool in one file (file://)
#   make deps    install Chromium (+ fonts for Hebrew/Persian/CJK/emoji)
#   make fmt     gofmt -s -w the tree
#   make clean   remove build artefacts

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

GO            ?= go
ADDR          ?= 127.0.0.1:8080
TEST_TIMEOUT  ?= 15m
BENCH_TIMEOUT ?= 30m
TESTFLAGS     ?=

# The page's core, and the dataset formats: a second module (the core plus
# annotate/formats, built with -tags formats) that the page loads on first
# export or import, and that make dist uses as the single file's only core.
WASM         := web/spanmark.wasm
WASM_FORMATS := web/spanmark-formats.wasm
# The entity tagger (annotate/tagger behind wasm/tagger), a module of its
# own that web/tagger-worker.js runs in a Web Worker, loaded on first use
# (web/tagger.js): training never holds up the page, and it is never on
# the page's critical path.
WASM_TAGGER  := web/spanmark-tagger.wasm
# The page's JavaScript modules (web/app.js and what it imports) in one
# module script, which index.html loads: one request instead of thirteen.
JS_BUNDLE    := web/spanmark.js
# The script index.html loads first: it starts the core's download and
# compile at the page's first bytes, from a URL that names the core's
# content (internal/jsbundle/boot.js).
BOOT_JS      := web/boot.js
# -gcflags=all=-l: no inlining makes the core 10% smaller (827 -> 748 KB
# brotli) for a download budget of 800 KB (README "Page size"); the
# bridge's calls stay far
# inside their budgets (addSpan 0.25 ms, spansIn 0.57 ms: see make bench).
WASM_GCFLAGS := -gcflags=all=-l
WASM_FLAGS   := -trimpath $(WASM_GCFLAGS) -ldflags='-s -w'
# GOEXPERIMENT=nogreenteagc: Go 1.26's default garbage collector (Green
# Tea) brings ~50 KB more runtime code, for a parallel marking that a
# single-threaded wasm cannot use: the core 799.6 -> 788.1 KB brotli, the
# single file's xz'd formats module 1,186 -> 1,142 KB. Behaviour is the
# same (Go 1.25's collector). Tests and benchmarks build the same way.
WASM_ENV     := GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc

# Browser tests (`go test` with chromedp, and `go tool wasmbrowsertest`) get
# scripts/chromium-headless, linked as $(BROWSER_DIR)/headless_shell and put
# first on PATH: wasmbrowsertest v0.11.0 launches Chrome through chromedp
# with its default flags and no way to add ours (--headless=new,
# --no-sandbox, --disable-gpu, --disable-quic, ...), and chromedp looks for
# "headless_shell" on PATH before "chromium". See the script for details.
BROWSER_DIR  := $(CURDIR)/bin/browser
BROWSER_ENV  := PATH="$(BROWSER_DIR):$$PATH"
WASM_EXEC    := env GOOS= GOARCH= $(GO) tool wasmbrowsertest

# Packages with browser benchmarks: native ones drive Chromium with chromedp,
# wasm ones run inside Chromium under wasmbrowsertest.
BENCH_BROWSER_PKGS      ?= ./web/...
BENCH_BROWSER_WASM_PKGS ?= ./wasm/...

# Optional font packages, so that screenshots show Hebrew, Persian, CJK
# and emoji.
FONT_PKGS := fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji

.PHONY: all deps browser-shim wasm dist run test bench bench-browser fmt clean fuzz

all: test

deps:
	@if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else sudo="none"; fi; \
	pkgs=""; \
	if command -v chromium >/dev/null 2>&1; then echo "deps: chromium found: $$(command -v chromium)"; \
	else pkgs="chromium"; fi; \
	if ! command -v xz >/dev/null 2>&1; then pkgs="$$pkgs xz-utils"; fi; \
	need_apt=""; \
	if [ -n "$$pkgs" ]; then \
		need_apt=1; \
		if ! command -v apt-get >/dev/null 2>&1; then \
			echo "deps: missing:$$pkgs, and apt-get is not available; install Chromium (binary name 'chromium') and xz by other means." >&2; exit 1; \
		fi; \
		if [ "$$sudo" = none ]; then \
			echo "deps: installing $$pkgs needs root: run 'apt-get install $$pkgs' as root (no sudo here)." >&2; exit 1; \
		fi; \
		echo "deps: not found: $$pkgs; installing with apt-get"; \
		$$sudo apt-get update; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$pkgs; \
	fi; \
	if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-cache >/dev/null 2>&1; then exit 0; fi; \
	missing=""; \
	for p in $(FONT_PKGS); do \
		status=$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null || true); \
		case "$$status" in *"ok installed"*) ;; *) missing="$$missing $$p" ;; esac; \
	done; \
	[ -n "$$missing" ] || exit 0; \
	if [ -z "$$need_apt" ] && [ -n "$$sudo" ]; then \
		echo "deps: optional fonts not installed:$$missing (for Hebrew/Persian/CJK/emoji in screenshots; not installing them without root)"; exit 0; \
	fi; \
	avail=""; \
	for p in $$missing; do \
		policy=$$(apt-cache policy "$$p" 2>/dev/null || true); \
		if [[ "$$policy" == *"Candidate: "[!\(]* ]]; then avail="$$avail $$p"; \
		else echo "deps: optional font package $$p is not available from apt; skipping"; fi; \
	done; \
	if [ -n "$$avail" ]; then \
		echo "deps: installing optional fonts:$$avail"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$avail \
			|| echo "deps: could not install the optional fonts; continuing" >&2; \
	fi

browser-shim:
	@mkdir -p $(BROWSER_DIR)
	@ln -sfn $(CURDIR)/scripts/chromium-headless $(BROWSER_DIR)/headless_shell

# `make wasm` (and so `make run` and `make test`) rebuilds only what is
# older than its sources, so that a second `make run` with nothing changed
# serves at once instead of compiling both modules again (60-75 s). The
# modules depend on every non-test Go file of the packages they can import
# (annotate/, wasm/, internal/, third_party/), go.mod, go.sum and the Go
# toolchain (its wasm_exec.js stands for it: a new Go brings a new one); the
# bundle on the page's JavaScript modules and its builder; the
# precompressed variants, through a stamp, on every file they are made of.
GOROOT_DIR  := $(shell $(GO) env GOROOT)
GO_WASM_EXEC := $(GOROOT_DIR)/lib/wasm/wasm_exec.js
WASM_SRCS   := $(shell find annotate wasm internal third_party -name '*.go' -not -name '*_test.go' 2>/dev/null) \
               go.mod go.sum $(GO_WASM_EXEC) Makefile
BUNDLE_SRCS := $(filter-out $(JS_BUNDLE) $(BOOT_JS) web/wasm_exec.js,$(wildcard web/*.js)) \
               $(shell find internal/dist internal/jsbundle -name '*.go' -not -name '*_test.go') go.mod go.sum
SAMPLE_TXT  := $(patsubst testdata/articles/%,web/sample/%,$(wildcard testdata/articles/*.txt))
PRECOMPRESSED := web/.precompressed

wasm: $(WASM) $(WASM_FORMATS) $(WASM_TAGGER) web/wasm_exec.js $(JS_BUNDLE) $(BOOT_JS) $(SAMPLE_TXT) $(PRECOMPRESSED)

$(WASM): $(WASM_SRCS)
	$(WASM_ENV) $(GO) build $(WASM_FLAGS) -o $@ ./wasm

$(WASM_FORMATS): $(WASM_SRCS)
	$(WASM_ENV) $(GO) build $(WASM_FLAGS) -tags formats -o $@ ./wasm

# (with inlining, unlike the page's modules: calls are dear in wasm, and
# the tagger's inner loops call small functions for every token; training
# on UNER dev 3.2 -> 1.8 s, an article 147 -> 60 ms under node, for
# 547 -> 588 KB brotli)
$(WASM_TAGGER): $(WASM_SRCS)
	$(WASM_ENV) $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/tagger

# (Go's file without its comments and spacing: 3.8 -> 2.7 KB brotli on the
# page's first visit, and in the single file)
web/wasm_exec.js: $(GO_WASM_EXEC) internal/jsbundle/minify.go
	$(GO) run ./internal/dist -minify $< -o $@

# (the bundle carries the formats module's content hash: see jsbundle)
$(JS_BUNDLE): $(BUNDLE_SRCS) $(WASM_FORMATS)
	$(GO) run ./internal/dist -web web -bundle app.js -o $@

# (the core's content hash in the URL, and the samples' URLs: see jsbundle.Boot)
$(BOOT_JS): internal/jsbundle/boot.js internal/jsbundle/boot.go internal/jsbundle/minify.go $(WASM) $(SAMPLE_TXT)
	$(GO) run ./internal/dist -web web -boot -o $@

# the samples the page opens with: exactly testdata/articles/*.txt
web/sample/%.txt: testdata/articles/%.txt
	@mkdir -p web/sample
	@find web/sample -type f $(foreach f,$(SAMPLE_TXT),-not -path '$(f)') -delete
	cp $< $@

# Every file the server sends compressed (from 256 bytes: boot.js, 651 ->
# 344 bytes brotli, is on the first visit's critical path, and so is the
# shorter sample, 787 -> 466); written again when any of them
# changed (precompress removes a variant it no longer writes).
SERVED = $(shell find web -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.html' -o -name '*.json' -o -name '*.svg' -o -name '*.txt' \) | LC_ALL=C sort)
$(PRECOMPRESSED): $(WASM) $(WASM_FORMATS) $(WASM_TAGGER) web/wasm_exec.js $(JS_BUNDLE) $(BOOT_JS) $(SAMPLE_TXT) \
                  $(filter-out $(JS_BUNDLE) $(BOOT_JS) web/wasm_exec.js,$(wildcard web/*.js web/*.css web/*.html web/*.json web/*.svg))
	$(GO) run ./internal/precompress -min 256 $(WASM) $(WASM_FORMATS) $(WASM_TAGGER) web/wasm_exec.js $(SERVED)
	@touch $@

# One self-contained HTML file that works opened from disk, and its lite
# twin (the core alone: no dataset formats), both within the 1.2 MB gzip
# budget; prints their sizes. Needs xz (xz-utils): the wasm goes in
# xz-compressed.
dist: wasm
	$(GO) run ./internal/dist -web web -wasm $(notdir $(WASM_FORMATS)) -o dist/spanmark.html
	$(GO) run ./internal/dist -web web -lite -o dist/spanmark-lite.html

run: wasm
	$(GO) run ./cmd/spanmark-server -addr $(ADDR)

test: deps wasm browser-shim
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet ./wasm/...
	$(WASM_ENV) $(GO) vet -tags formats ./wasm/...
	$(BROWSER_ENV) $(GO) test -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) ./...
	$(BROWSER_ENV) $(WASM_ENV) $(GO) test $(WASM_GCFLAGS) -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) \
		-exec "$(WASM_EXEC)" ./wasm/...
	$(BROWSER_ENV) $(WASM_ENV) $(GO) test $(WASM_GCFLAGS) -tags formats -count=1 -timeout $(TEST_TIMEOUT) $(TESTFLAGS) \
		-exec "$(WASM_EXEC)" ./wasm/...

# Browser benchmarks, used by bench and bench-browser: each key benchmark
# presses 100 keys at a person's pace and 100 while frames run (~90 s),
# so the page's take minutes.
define bench_browser
	$(BROWSER_ENV) $(GO) test -count=1 -timeout $(BENCH_TIMEOUT) -run '^$$' -bench . $(BENCH_BROWSER_PKGS)
	$(BROWSER_ENV) $(WASM_ENV) $(GO) test $(WASM_GCFLAGS) -count=1 -timeout $(BENCH_TIMEOUT) -run '^$$' -bench . \
		-exec "$(WASM_EXEC)" $(BENCH_BROWSER_WASM_PKGS)
endef

# Every fuzz target of every package (found with go test -list), one at a
# time, for FUZZTIME each. -fuzzminimizetime: Go minimises each new
# interesting input for 60 s by default, against seeds of kilobytes, which
# left a target 5-8 executions in 3 minutes; a second keeps it exploring.
# Crashers land in the package's testdata/fuzz/<target>/ and then run with
# go test like any test.
FUZZTIME         ?= 1m
FUZZMINIMIZETIME ?= 1s
FUZZ_PKGS        ?= ./annotate/... ./internal/...
FUZZFLAGS        ?=

fuzz:
	@for pkg in $$($(GO) list $(FUZZ_PKGS)); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$t ($(FUZZTIME))"; \
			$(GO) test $$pkg -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) \
				-fuzzminimizetime $(FUZZMINIMIZETIME) $(FUZZFLAGS); \
		done; \
	done

bench: deps wasm browser-shim
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@echo "== wasm size (bytes) =="
	@$(GO) run ./internal/precompress $(WASM) $(WASM_FORMATS) $(WASM_TAGGER)
	$(bench_browser)

# Hook for the browser benchmarks alone.
bench-browser: deps wasm browser-shim
	$(bench_browser)

fmt:
	"$$($(GO) env GOROOT)/bin/gofmt" -s -l -w $$(find . -name '*.go' -not -path './.git/*')

clean:
	rm -f $(WASM) $(WASM_FORMATS) $(WASM_TAGGER) $(JS_BUNDLE) $(BOOT_JS) web/wasm_exec.js
	rm -rf web/sample dist $(BROWSER_DIR)
	rmdir bin 2>/dev/null || true
	find web -type f \( -name '*.br' -o -name '*.gz' \) -delete
	rm -f $(PRECOMPRESSED)
