# newslens: build, serve, test and benchmark.
#
#   make serve   install what is missing, build the wasm and the CLI, serve the
#                page (out/www/: www/ with its modules minified, scripts/site.mjs)
#   make test    install what is missing (plus chromium), build, run every test
#   make bench   wasm size, instantiate time, annotation speed in Node
#   make bench-compare  newslens next to compromise and wink-nlp (Node, CLI, sizes)
#   make bench-browser  the same in headless Chromium
#   make bench-stress   time per MB and peak memory on pathological texts
#                       (docs/figures/stress.md; minutes)
#   make fuzz    both cargo-fuzz targets at once, FUZZ_SECONDS each (nightly; docs/FUZZING.md)
#   make fuzz-cmin  merge what the runs found into the small committed corpus
#   make npm     the npm package in out/npm/ (`npm pack out/npm` makes the tarball)
#   make bench-cli      the CLI's docs/s at --jobs 1, 2 and every core
#   make test-python    build the Python wheel, install it in a fresh venv, pytest
#   make test-spark     the Spark example job in local[2], checked against the
#                       CLI (installs pyspark, ~400 MB: not part of `make test`)
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

.PHONY: build wasm cli serve test test-rust test-node test-e2e bench bench-compare bench-browser eval-wire fuzz fuzz-cmin fuzz-setup setup setup-browser clean FORCE npm test-crate test-npm test-python test-spark bench-cli screenshot accuracy setup-python setup-spark bench-stress

build: wasm cli

# The served copy of the page (out/www/: each module minified, and the
# service worker's stamp of what is served; scripts/site.mjs) covers every
# page file, not just the pkg, so it is made afresh each time (milliseconds,
# unchanged files are not rewritten); every target that builds www/ (serve,
# test, test-node, test-e2e, .ci/run) comes through here.
wasm: $(PKG_JS) $(PKG_WASM)
	@node scripts/site.mjs

cli: $(CLI)

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

setup-python:
	@scripts/setup.sh --python

setup-spark:
	@scripts/setup.sh --spark

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

# The npm package: the wasm-bindgen output, the worker helper's modules from
# www/ in their relative layout, the package's entries and types from npm/
# (scripts/npm-package.mjs says how).
npm: wasm
	node scripts/npm-package.mjs

serve: build
	node scripts/serve.mjs

test: setup-browser wasm test-rust test-crate test-node test-e2e test-npm test-python

# tests/golden.rs compares the CLI's output on out/bench/1mb.txt, built here.
test-rust: | setup
	node benches/corpus.mjs >/dev/null
	cargo test --workspace

# The crate as a registry would take it (nothing is published): the package
# lists none of the page, npm, test or tool files, it builds from its own
# files alone (`cargo package` unpacks and compiles it), and the API docs
# build without a warning.
test-crate: | setup
	@if cargo package --allow-dirty --list -p newslens | grep -E '^(www|npm|tests|benches|xtask|scripts|node_modules|out|docs)/'; then \
		echo "test-crate: the files above do not belong in the crate (Cargo.toml's include)"; exit 1; fi
	cargo package --allow-dirty -p newslens
	RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps -p newslens

# The debug CLI (the one `cargo test` builds anyway) is enough to compare
# with the wasm.
test-node: wasm | setup
	cargo build --bin newslens
	NEWSLENS_CLI=$(TARGET_DIR)/debug/newslens node --test tests/node/

test-e2e: wasm setup-browser
	node --test tests/e2e/

# The packed tarball installed into temp dirs: used from Node, type-checked
# with tsc, and built into a Vite app that runs in headless Chromium.
test-npm: npm setup-browser
	node --test tests/npm/

# The wheel (python/) against the release CLI: maturin and pytest come from
# the package registry into venvs under out/ (scripts/python.sh).
test-python: cli setup-python
	scripts/python.sh test

# Minutes on a fresh machine (pyspark is ~400 MB), so not in `make test`;
# writes docs/figures/spark.md.
test-spark: cli setup-spark
	scripts/spark.sh

# Writes docs/figures/cli-throughput.md.
bench-cli: cli
	node benches/cli-throughput.mjs

# Every layer's accuracy into docs/figures/ and the README's table
# (POLNEAR=path runs the attribution evaluation too: docs/EVALUATION.md).
accuracy: cli
	python3 scripts/accuracy.py

# The README's screenshot (docs/screenshot.png): the page on its sample.
screenshot: wasm setup-browser
	node scripts/screenshot.mjs

bench: wasm
	node benches/bench.mjs

# Minutes, not seconds: compromise takes ~10 s per MB. Not part of `make test`.
bench-compare: build
	node --max-old-space-size=8192 benches/compare.mjs
	node benches/size.mjs

# The release CLI on each pattern of xtask/src/stress.rs, as a child
# process; the prose rows need the bench corpus.
bench-stress: cli
	node -e "import('./benches/corpus.mjs').then((m) => m.ensureCorpus({ sizes: ['20mb'] }))"
	cargo xtask stress

bench-browser: build setup-browser
	node benches/browser.mjs

# Entity F1 on our own wire-style test set (tests/ner/README.md).
eval-wire: cli
	python3 tests/ner/wire.py

# Fuzzing: docs/FUZZING.md says why these limits. Each target runs in one
# forked worker (-fork=1), niced, logging to fuzz/logs/; new inputs go to
# fuzz/scratch/ (ignored by git), findings to fuzz/artifacts/, and the run
# goes on after one (-ignore_crashes; timeouts and OOMs too, in fork mode).
FUZZ_SECONDS ?= 1800
# Where the run's summary goes.
FUZZ_REPORT ?= docs/figures/fuzz.md
# No AddressSanitizer (-s none): the library has no unsafe code outside the
# wasm32 SIMD, and ASan cost a sixth of the time; trace-compares stay (they
# help the bytes target spell "said" and "Mr.").
FUZZ := cargo +nightly fuzz
FUZZ_BUILD := -O -s none
FUZZ_FLAGS = -fork=1 -ignore_crashes=1 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 \
	-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -report_slow_units=5
# Seconds per input, wall clock: docs/figures/fuzz-calibration.md
# (scripts/fuzz-calibrate.sh) times linear and quadratic inputs on this
# machine; on a quiet one `make fuzz FUZZ_TIMEOUT=5` is tighter.
# -report_slow_units lists inputs slower than 5 s, to look for growth below
# the limit.
FUZZ_TIMEOUT ?= 20
# bytes: up to 1 MiB of text; structured: a recipe renders up to 512 KiB
# (RENDER_BUDGET) from far fewer bytes.
FUZZ_MAX_LEN_bytes := 1048576
FUZZ_MAX_LEN_structured := 65536

# cargo-fuzz is not part of scripts/setup.sh: only `make fuzz` needs it (~1.5 min to install).
fuzz-setup:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

fuzz: fuzz-setup
	$(FUZZ) build $(FUZZ_BUILD)
	mkdir -p fuzz/scratch/bytes fuzz/scratch/structured fuzz/logs
	start=$$(date -u +%FT%TZ); echo "fuzz: start $$start"; \
	nice -n 10 $(FUZZ) run $(FUZZ_BUILD) bytes fuzz/scratch/bytes fuzz/corpus/bytes -- $(FUZZ_FLAGS) \
		-max_len=$(FUZZ_MAX_LEN_bytes) > fuzz/logs/bytes.log 2>&1 & a=$$!; \
	nice -n 10 $(FUZZ) run $(FUZZ_BUILD) structured fuzz/scratch/structured fuzz/corpus/structured -- $(FUZZ_FLAGS) \
		-max_len=$(FUZZ_MAX_LEN_structured) > fuzz/logs/structured.log 2>&1 & b=$$!; \
	ra=0; rb=0; wait $$a || ra=$$?; wait $$b || rb=$$?; \
	end=$$(date -u +%FT%TZ); echo "fuzz: end $$end"; mkdir -p docs/figures; \
	scripts/fuzz-summary.sh $$start $$end fuzz/logs/bytes.log fuzz/logs/structured.log | tee $(FUZZ_REPORT); \
	exit $$(( ra || rb ))

# Adds fuzz/scratch/ to fuzz/corpus/, keeps the fewest inputs that reach
# the same edges (cargo fuzz cmin; -use_counters=0: hit counts would keep
# hundreds more), then commits to the FUZZ_KEEP of them that cover the most
# edges (scripts/fuzz-pick.py, greedy; the rest stay in fuzz/scratch/).
FUZZ_KEEP ?= 50
fuzz-cmin: fuzz-setup
	for t in bytes structured; do \
		max=$$( [ $$t = bytes ] && echo $(FUZZ_MAX_LEN_bytes) || echo $(FUZZ_MAX_LEN_structured) ); \
		mkdir -p fuzz/scratch/$$t; \
		cp -n fuzz/scratch/$$t/* fuzz/corpus/$$t/ 2>/dev/null || true; \
		$(FUZZ) cmin $(FUZZ_BUILD) $$t fuzz/corpus/$$t -- -use_counters=0 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -max_len=$$max; \
		tmp=$$(mktemp -d); mkdir $$tmp/empty; \
		fuzz/target/x86_64-unknown-linux-gnu/release/$$t -merge=1 -use_counters=0 -timeout=$(FUZZ_TIMEOUT) -max_len=$$max \
			-merge_control_file=$$tmp/control $$tmp/empty fuzz/corpus/$$t > $$tmp/log 2>&1; \
		scripts/fuzz-pick.py $$tmp/control $(FUZZ_KEEP) > $$tmp/keep; \
		mkdir -p $$tmp/keep.d; xargs -a $$tmp/keep cp -t $$tmp/keep.d; \
		cp -n fuzz/corpus/$$t/* fuzz/scratch/$$t/; rm -f fuzz/corpus/$$t/*; cp $$tmp/keep.d/* fuzz/corpus/$$t/; rm -rf $$tmp; \
	done
	du -sh fuzz/corpus/bytes fuzz/corpus/structured

clean:
	rm -rf $(PKG) out www/sw-stamp.js

FORCE:
