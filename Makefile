# newslens: build, serve, test and benchmark.
#
#   make serve   install what is missing, build the wasm and the CLI, serve www/
#   make test    install what is missing (plus chromium), build, run every test
#   make bench   wasm size, instantiate time, annotation speed in Node
#   make bench-compare  newslens next to compromise and wink-nlp (Node, CLI, sizes)
#   make bench-browser  the same in headless Chromium
#
# Cargo is asked every time (it is a no-op when nothing changed and knows the
# real inputs); the steps after it (wasm-bindgen, wasm-opt) only rerun when
# the .wasm cargo left behind is newer than what www/pkg holds.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# A step that fails leaves no half-made file that would look up to date.
.DELETE_ON_ERROR:
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WASM_TARGET := wasm32-unknown-unknown
# [profile.wasm] in Cargo.toml: the release profile tuned for a small .wasm.
WASM_PROFILE := wasm
WASM_RAW := $(TARGET_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/newslens.wasm
PKG := www/pkg
PKG_JS := $(PKG)/newslens.js
PKG_WASM := $(PKG)/newslens_bg.wasm
CLI := $(TARGET_DIR)/release/newslens
WASM_OPT := node_modules/.bin/wasm-opt
# The features rustc enables by default for wasm32, plus SIMD
# (.cargo/config.toml); every current browser has them. wasm-opt must be
# told, or it rejects the module.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-multivalue --enable-reference-types --enable-simd

.PHONY: build wasm cli serve test test-rust test-node test-e2e bench bench-compare bench-browser eval-wire setup setup-browser clean FORCE

build: wasm cli

# The service worker's stamp (scripts/stamp.mjs) covers every page file, not
# just the pkg, so it is made afresh each time (milliseconds); every target
# that builds www/ (serve, test, test-node, test-e2e, .ci/run) comes through here.
wasm: $(PKG_JS) $(PKG_WASM)
	@node scripts/stamp.mjs

cli: $(CLI)

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

$(WASM_RAW): FORCE | setup
	cargo build --profile $(WASM_PROFILE) --target $(WASM_TARGET) --lib

# wasm-bindgen writes the JS glue and the .wasm; wasm-opt shrinks the .wasm
# in place. Both files are one step: the glue names the .wasm's exports.
$(PKG_JS) $(PKG_WASM) &: $(WASM_RAW) | setup
	wasm-bindgen --target web --out-dir $(PKG) --out-name newslens $(WASM_RAW)
	$(WASM_OPT) -Oz $(WASM_FEATURES) --strip-debug --strip-producers $(PKG_WASM) -o $(PKG_WASM)
	@ls -l $(PKG_WASM) | awk '{ printf "wasm: %s is %d bytes\n", $$NF, $$5 }'

$(CLI): FORCE | setup
	cargo build --release --bin newslens

serve: build
	node scripts/serve.mjs

test: setup-browser wasm test-rust test-node test-e2e

# tests/golden.rs compares the CLI's output on out/bench/1mb.txt, built here.
test-rust: | setup
	node benches/corpus.mjs >/dev/null
	cargo test --workspace

# The debug CLI (the one `cargo test` builds anyway) is enough to compare
# with the wasm.
test-node: wasm | setup
	cargo build --bin newslens
	NEWSLENS_CLI=$(TARGET_DIR)/debug/newslens node --test tests/node/

test-e2e: wasm setup-browser
	node --test tests/e2e/

bench: wasm
	node benches/bench.mjs

# Minutes, not seconds: compromise takes ~10 s per MB. Not part of `make test`.
bench-compare: build
	node --max-old-space-size=8192 benches/compare.mjs
	node benches/size.mjs

bench-browser: build setup-browser
	node benches/browser.mjs

# Entity F1 on our own wire-style test set (tests/ner/README.md).
eval-wire: cli
	python3 tests/ner/wire.py

clean:
	rm -rf $(PKG) out www/sw-stamp.js

FORCE:
