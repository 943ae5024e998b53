#!/usr/bin/env bash
# driftwatch serve against the FastAPI peers a user would otherwise deploy, side by side in one
# run on loopback with wrk (issue 14):
#   (a) the course's stack: FastAPI + uvicorn, a scikit-learn pipeline (imputer, scaler,
#       one-hot, logistic) behind a pydantic request model, 1 and 2 workers;
#   (b) a tuned peer: FastAPI + uvicorn, 2 workers, the production model's own logistic
#       weights applied with plain numpy.
# Measures requests/s with p50/p99 for single-row requests at 64 connections, rows/s for
# 1,000-row batches (JSON for all, CSV too for driftwatch), and non-2xx responses while `production` moves 20 times under wrk.
#
# Every scored row is written to the prediction log during the runs: the day's file limit is
# raised to 4 GiB so that it never fills (a full day is counted, not written, and would flatter
# the figures); the rows logged and dropped are printed, and the log is deleted afterwards.
#
# usage: bench/serving_vs_fastapi.sh [SECONDS_PER_RUN]   (default 10; WRK_THREADS, default 2)
# needs: a release build (swift build -c release, or DRIFTWATCH=path), wrk (apt-get install wrk),
#        python3 with fastapi uvicorn scikit-learn pandas (pip install ...).
set -euo pipefail
seconds=${1:-10}
bench_name=serving
source "$(dirname "$0")/peers/serving_workspace.sh"
model_json=$ws/registry/churn/versions/$production/model.json
partition=$ws/inbox/$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['lineage']['partition'])" "$model_json")

"$bin" serve --config "$ws/driftwatch.yml" --port 18080 --log-level warning 2> "$out/serve.log" & pids+=($!)
start_peer() {  # PEER PORT WORKERS
    (cd "$peers" && PEER=$1 MODEL_JSON=$model_json PARTITION=$partition \
        exec python3 -m uvicorn fastapi_peer:app --host 127.0.0.1 --port "$2" --workers "$3" --log-level warning) \
        2> "$out/peer-$2.log" & pids+=($!)
}
start_peer sklearn 18081 1
start_peer sklearn 18082 2
start_peer numpy 18083 2
for port in 18080 18081 18082 18083; do
    for _ in $(seq 1 600); do
        curl -sf -o /dev/null -H 'Content-Type: application/json' --data @"$out/single.json" "http://127.0.0.1:$port/v1/predict" && break
        sleep 0.1
    done
done

# Same rows, same probabilities: driftwatch and the numpy peer apply the same weights.
python3 - "$out" <<'PY'
import json, subprocess, sys
out = sys.argv[1]
def ask(port):
    body = subprocess.run(["curl", "-sf", "-H", "Content-Type: application/json", "--data", f"@{out}/batch.json",
                           f"http://127.0.0.1:{port}/v1/predict"], capture_output=True, check=True).stdout
    return json.loads(body)["probabilities"]
a, b, c = ask(18080), ask(18083), ask(18081)
print(f"check: 1,000 rows, max |driftwatch - numpy peer| = {max(abs(x - y) for x, y in zip(a, b)):.2e}, "
      f"max |driftwatch - sklearn peer| = {max(abs(x - y) for x, y in zip(a, c)):.2e} (refitted, so close, not equal)")
PY

run() {  # NAME PORT BODY CONNECTIONS -> one line: name req/s p50 p99 errors
    local log=$out/wrk-$1.txt
    BODY=$3 wrk -t"${WRK_THREADS:-2}" -c"$4" -d"${seconds}s" --latency -s "$peers/post.lua" "http://127.0.0.1:$2/v1/predict" > "$log"
    python3 "$peers/wrk_line.py" "$1" "$log"
}

results=$out/results.tsv
echo -e "run\trequests_per_s\tp50_ms\tp99_ms\tnon_2xx_or_errors" > "$results"
for spec in "driftwatch 18080" "sklearn-1-worker 18081" "sklearn-2-workers 18082" "numpy-2-workers 18083"; do
    set -- $spec
    run "single-$1" "$2" "$out/single.json" 64 >> "$results"
    run "batch-$1" "$2" "$out/batch.json" 8 >> "$results"
done
CONTENT_TYPE=text/csv run "batch-csv-driftwatch" 18080 "$out/batch.csv" 8 >> "$results"

# Reload under load: production moves 20 times (rollback --to alternating) while wrk runs.
other=$(python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print(min(x for x in range(1, 100) if x != $production))" "$ws/registry/churn/aliases.json")
reloads_before=$(curl -s http://127.0.0.1:18080/metrics | awk '/^driftwatch_serving_reloads_total\{outcome="loaded"\}/ {print $2}')
(
    sleep 1
    for i in $(seq 1 20); do
        target=$([ $((i % 2)) -eq 1 ] && echo "$other" || echo "$production")
        "$bin" registry rollback --config "$ws/driftwatch.yml" churn --to "$target" --reason "bench move $i" > /dev/null
        sleep "$(python3 -c "print(($seconds - 2) / 20)")"
    done
) & mover=$!
run "reload-driftwatch" 18080 "$out/single.json" 64 >> "$results"
wait $mover
sleep 0.5
reloads_after=$(curl -s http://127.0.0.1:18080/metrics | awk '/^driftwatch_serving_reloads_total\{outcome="loaded"\}/ {print $2}')

metric() { curl -s http://127.0.0.1:18080/metrics | awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d", s}'; }
scored=$(metric driftwatch_serving_predictions_total)
sleep 1.5  # the log flushes at most a second after a row
dropped=$(metric driftwatch_serving_prediction_log_dropped_total)
logged=$(cat "$ws"/serving/predictions-*.jsonl 2>/dev/null | wc -l)
rm -f "$ws"/serving/predictions-*.jsonl
echo "load after: $(uptime)"
column -t -s $'\t' "$results"
echo "prediction log: $scored rows scored, $logged lines logged, $dropped dropped"
echo "swaps seen by the server during the reload run: $(( ${reloads_after%.*} - ${reloads_before%.*} )) (of 20 moves)"
python3 - "$results" <<'PY'
import csv, sys
rows = {r["run"]: r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
f = lambda run, key="requests_per_s": float(rows[run][key])
print(f"single-row requests/s: {f('single-driftwatch') / f('single-sklearn-1-worker'):.0f}x (a) 1 worker (target 100x), "
      f"{f('single-driftwatch') / f('single-numpy-2-workers'):.1f}x (b) (target 5x); driftwatch p99 {f('single-driftwatch', 'p99_ms'):.2f} ms (target < 10)")
print(f"batch rows/s: driftwatch {f('batch-driftwatch') * 1000:,.0f} as JSON, {f('batch-csv-driftwatch') * 1000:,.0f} as CSV (target 1,000,000), "
      f"sklearn 1 worker {f('batch-sklearn-1-worker') * 1000:,.0f}, numpy 2 workers {f('batch-numpy-2-workers') * 1000:,.0f}")
print(f"reload under load: {rows['reload-driftwatch']['non_2xx_or_errors']} non-2xx or socket errors")
PY
