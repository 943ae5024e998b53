# The README's quick start: `make demo` and `make test`. Both install what is missing first.
.PHONY: deps build demo test bench

deps:
	@scripts/install-system-deps

build: deps
	swift build

# The main job on the bundled fixtures: the real watcher and loop, checked against expected.json.
demo: build
	swift run driftwatch replay Tests/Fixtures/streamflow

test: build
	swift test

# Performance against the Python peers (pandas, Evidently, scikit-learn) and the daemon loop's targets, in release mode.
bench: deps
	swift build -c release
	python3 bench/csv_vs_pandas.py
	python3 bench/drift_vs_evidently.py
	python3 bench/learning_vs_sklearn.py
	bench/loop_latency.sh
