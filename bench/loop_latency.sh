#!/bin/sh
# The watcher daemon's performance targets (issue 8), measured on release binaries:
#   loop  — rename of a 7,043-row StreamFlow month into a running daemon's inbox → drift.json
#           (target < 1 s) and → decision.json when it retrains (target < 3 s), median of 10 runs;
#   burst — 200 small partitions renamed in at once: all processed, none lost, none twice.
#
#   bench/loop_latency.sh [RUNS] [BURST_COUNT]      default: 10 200
#
# Months are generated afresh by the measured binary under ${TMPDIR:-/tmp}/driftwatch-bench/.
# Exit status: 0 when both cases pass, 1 when a target is missed or the burst lost or repeated work.
set -u
cd "$(dirname "$0")/.."
swift build -c release --product driftwatch && swift build -c release --product driftwatch-bench || exit 2
bin="$(swift build -c release --show-bin-path)"
status=0
"$bin/driftwatch-bench" loop --rows 7043 --runs "${1:-10}" --driftwatch "$bin/driftwatch" || status=1
echo
"$bin/driftwatch-bench" burst --count "${2:-200}" --driftwatch "$bin/driftwatch" || status=1
exit $status
