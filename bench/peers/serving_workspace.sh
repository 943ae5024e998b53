# Sourced by the serving benchmarks (with bench_name set): a fresh StreamFlow workspace replayed
# into bench/out/$bench_name/ws, request bodies from its feature table, the prediction log's day
# limit raised to 4 GiB so that it never fills during a run (a full day is counted, not written,
# and would flatter the figures), and `production` set to the version production names.
# Started processes go into `pids`, stopped on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${DRIFTWATCH:-$root/.build/release/driftwatch}
out=$root/bench/out/$bench_name
peers=$root/bench/peers
rm -rf "$out" && mkdir -p "$out"
ws=$out/ws
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "load before: $(uptime)"
"$bin" replay "$root/Tests/Fixtures/streamflow" --workspace "$ws" > "$out/replay.log" 2>&1
production=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['aliases']['production'])" "$ws/registry/churn/aliases.json")
python3 "$peers/make_bodies.py" "$ws/state/features.json" "$out"
sed -i 's/^\(    max_file_bytes:\) *[0-9]*/\1 4294967296/' "$ws/driftwatch.yml"
grep -q 'max_file_bytes: 4294967296' "$ws/driftwatch.yml" || { echo "could not raise serving.prediction_log.max_file_bytes in $ws/driftwatch.yml" >&2; exit 1; }
