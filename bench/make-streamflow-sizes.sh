#!/bin/sh
# Generates the StreamFlow series at benchmark sizes, which are made on demand and never
# committed: 7,043 rows a month (the size of the public Telco export) and 1,000,000 rows a month.
# Same scenario and seed as the committed fixture (Tests/Fixtures/streamflow), so only the size differs.
#
#   bench/make-streamflow-sizes.sh [ROWS ...]     default: 7043 1000000
#
# Output: bench/out/streamflow-<ROWS>/ (git-ignored). Uses a release build: this is a benchmark input.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product driftwatch
bin="$(swift build -c release --show-bin-path)/driftwatch"
[ "$#" -gt 0 ] || set -- 7043 1000000
for rows in "$@"; do
    out="bench/out/streamflow-$rows"
    /usr/bin/env time -f "streamflow $rows rows/month: %e s, %M KB peak" \
        "$bin" synth --out "$out" --months 6 --rows "$rows" --seed 2 --scenario streamflow --force
    cp Tests/Fixtures/streamflow/contract.yml "$out/contract.yml"
done
