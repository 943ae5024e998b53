# The README's quick start: `make demo` and `make test`. Both install what is missing first and
# share one debug build (`swift build --build-tests`), so whichever runs second builds nothing.
.PHONY: deps build demo test smoke install bench

PREFIX ?= /usr/local

deps:
	@scripts/install-system-deps

# One build for the product and the tests: `swift run` and plain `swift test` would each
# plan their own, and `swift test` rebuilt every dependency.
build: deps
	swift build --build-tests

# The main job on the bundled fixtures: the real watcher and loop, checked against expected.json.
demo: build
	.build/debug/driftwatch replay Tests/Fixtures/streamflow

# Every test is Swift Testing: without --disable-xctest XCTest also reports "Executed 0 tests".
# HotReloadTests holds the server to answering with a new version within a second of the move:
# a service level, measured on its own rather than beside four hundred other tests on two cores.
# scripts/test-postgres starts a throwaway PostgreSQL on loopback for the run (and removes it
# after), so the ledger tests run on both backends.
test: build
	scripts/test-postgres swift test --skip-build --disable-xctest --skip HotReloadTests
	swift test --skip-build --disable-xctest --filter HotReloadTests

# The deployment's smoke test on the same build: watch, worker and serve as local processes (README, Deploy).
smoke: build
	scripts/install-system-deps smoke
	scripts/smoke local

# A release driftwatch in $(PREFIX)/bin (sudo make install for /usr/local).
install: deps
	swift build -c release --product driftwatch
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$(swift build -c release --show-bin-path)/driftwatch" "$(DESTDIR)$(PREFIX)/bin/driftwatch"

# Performance against the Python peers (pandas, Evidently, scikit-learn) and the daemon loop's targets, in release mode.
bench: deps
	swift build -c release
	python3 bench/csv_vs_pandas.py
	python3 bench/parquet_vs_pyarrow.py --no-build
	python3 bench/drift_vs_evidently.py
	python3 bench/learning_vs_sklearn.py
	bench/loop_latency.sh
