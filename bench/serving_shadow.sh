#!/usr/bin/env bash
# driftwatch serve with a shadow against the same server without one, in one run (issue 17):
# single-row requests/s at 64 connections with serving.strategy single, then shadow (another
# registry version scoring every request's rows off the request path), switched by SIGHUP on
# the same process, alternating single, shadow, slow shadow, throwing shadow, sleeping shadow,
# twice, so that a change of the machine's load during the run hits all alike. The slow shadow is
# a 3,000-tree boosted model against production's logistic one: it cannot keep up, and must not
# slow the answers; nor must a shadow whose every scoring throws, or one that sleeps 1 s per
# request (faults injected by DRIFTWATCH_INJECT_FAULTS into two more registered versions).
# Reports the shadow's requests/s as a share of single's (target >= 0.8 on the 2-core machine),
# the faulty shadows' shares and latency against single's, and how many requests each shadow
# scored and dropped, since a shadow that drops most of its work would flatter the share.
#
# Every scored row, answered or shadow, is written to the prediction log, as in
# serving_vs_fastapi.sh (day's file limit raised to 4 GiB, the log deleted afterwards).
#
# usage: bench/serving_shadow.sh [SECONDS_PER_RUN]   (default 10; WRK_THREADS, default 2)
# needs: a release build (swift build -c release, or DRIFTWATCH=path), wrk, python3.
set -euo pipefail
seconds=${1:-10}
bench_name=serving-shadow
source "$(dirname "$0")/peers/serving_workspace.sh"
shadow=$(ls "$ws/registry/churn/versions" | sort -n | awk -v p="$production" '$1 != p {v=$1} END {print v}')
[ -n "$shadow" ] || { echo "the replay registered only version $production: no other version to shadow with" >&2; exit 1; }
config=$ws/driftwatch.yml
grep -q '^  strategy: single' "$config" || { echo "no 'strategy: single' line under serving: in $config" >&2; exit 1; }
# A slow shadow: gradient boosting with 3,000 trees of up to 255 leaves, trained on month_001 and
# only registered (promotion.mode manual), against production's logistic model.
cp "$config" "$out/driftwatch.yml.orig"
sed -i 's/^  kind: logistic /  kind: gbdt /; /^  gbdt:/,/^  split:/{s/^    max_iter: 100/    max_iter: 3000/; s/^    max_leaf_nodes: 31/    max_leaf_nodes: 255/; s/^    early_stopping: auto/    early_stopping: off/}; s/^  mode: auto /  mode: manual /' "$config"
grep -q '^    max_iter: 3000' "$config" && grep -q '^  mode: manual' "$config" || { echo "could not configure the slow shadow in $config" >&2; exit 1; }
"$bin" retrain --config "$config" --partition "$ws/inbox/month_001" > "$out/slow-retrain.log" 2>&1
slow=$(ls "$ws/registry/churn/versions" | sort -n | tail -1)
[ "$slow" != "$shadow" ] || { echo "the slow shadow was not registered (see $out/slow-retrain.log)" >&2; exit 1; }
# A throwing and a sleeping shadow: two more logistic versions (registered only), whose scoring
# the server replaces by a fault through DRIFTWATCH_INJECT_FAULTS (the environment of this
# server only; driftwatch.yml cannot set it): every call throws, or sleeps 1 s and then scores.
for spec in "throwing month_002" "sleeping month_004"; do
    set -- $spec
    sed 's/^  mode: auto /  mode: manual /' "$out/driftwatch.yml.orig" > "$config"
    "$bin" retrain --config "$config" --partition "$ws/inbox/$2" > "$out/$1-retrain.log" 2>&1
    declare "$1=$(ls "$ws/registry/churn/versions" | sort -n | tail -1)"
done
[ "$throwing" != "$slow" ] && [ "$sleeping" != "$throwing" ] || { echo "the throwing and sleeping shadows were not registered (see $out/*-retrain.log)" >&2; exit 1; }
cp "$out/driftwatch.yml.orig" "$config"
strategy() {  # single | shadow [VERSION]: rewrite the serving strategy and SIGHUP the server
    if [ "$1" = shadow ]; then
        sed -i '/^  candidate: /d' "$config"
        sed -i "s/^  strategy: .*/  strategy: shadow\n  candidate: ${2:-$shadow}/" "$config"
    else
        sed -i '/^  candidate: /d; s/^  strategy: .*/  strategy: single/' "$config"
    fi
    kill -HUP "$server"
    for _ in $(seq 1 100); do
        curl -s http://127.0.0.1:18090/v1/routing | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if d['strategy']=='$1' and (d.get('shadow') is not None) == ('$1'=='shadow') else 1)" && return
        sleep 0.1
    done
    echo "the server did not switch to $1" >&2; exit 1
}

DRIFTWATCH_INJECT_FAULTS="$throwing=throw,$sleeping=sleep:1" "$bin" serve --config "$config" --port 18090 --log-level warning 2> "$out/serve.log" & server=$!; pids+=($server)
for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data @"$out/single.json" http://127.0.0.1:18090/v1/predict && break
    sleep 0.1
done

run() {  # NAME -> one line: name req/s p50 p99 errors
    local log=$out/wrk-$1.txt
    BODY=$out/single.json wrk -t"${WRK_THREADS:-2}" -c64 -d"${seconds}s" --latency -s "$peers/post.lua" http://127.0.0.1:18090/v1/predict > "$log"
    python3 "$peers/wrk_line.py" "$1" "$log"
}

results=$out/results.tsv
echo -e "run\trequests_per_s\tp50_ms\tp99_ms\tnon_2xx_or_errors" > "$results"
for round in 1 2; do
    strategy single; run "single-$round" >> "$results"
    strategy shadow; run "shadow-$round" >> "$results"
    strategy shadow "$slow"; run "slow-$round" >> "$results"
    strategy shadow "$throwing"; run "throwing-$round" >> "$results"
    strategy shadow "$sleeping"; run "sleeping-$round" >> "$results"
done
sleep 1.5  # the shadow's queue and the log's last flush
metric() { curl -s http://127.0.0.1:18090/metrics | awk -v m="$1" -v l="$2" '$1 ~ ("^" m "\\{") && index($1, l) {s += $2} END {printf "%d", s}'; }
scored=$(metric driftwatch_serving_version_requests_total 'role="shadow"')
dropped=$(metric driftwatch_serving_shadow_dropped_total "version=\"$shadow\"")
slow_dropped=$(metric driftwatch_serving_shadow_dropped_total "version=\"$slow\"")
throwing_errors=$(metric driftwatch_serving_version_errors_total "version=\"$throwing\"")
sleeping_dropped=$(metric driftwatch_serving_shadow_dropped_total "version=\"$sleeping\"")
sleeping_scored=$(metric driftwatch_serving_version_requests_total "version=\"$sleeping\"")
answered=$(metric driftwatch_serving_version_requests_total 'role="answers"')
logged=$(cat "$ws"/serving/predictions-*.jsonl 2>/dev/null | wc -l)
shadow_logged=$(cat "$ws"/serving/predictions-*.jsonl 2>/dev/null | grep -c '"shadow":true' || true)
rm -f "$ws"/serving/predictions-*.jsonl
echo "load after: $(uptime)"
column -t -s $'\t' "$results"
echo "production version $production answered $answered requests; shadow version $shadow scored $scored and dropped $dropped (of the shadow runs' requests)"
echo "prediction log: $logged lines, $shadow_logged of them shadow"
echo "slow shadow version $slow (3,000 trees) dropped $slow_dropped requests it could not keep up with"
echo "throwing shadow version $throwing failed $throwing_errors requests; sleeping shadow version $sleeping scored $sleeping_scored and dropped $sleeping_dropped"
python3 - "$results" <<'PY'
import csv, sys
rows = {r["run"]: r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
single = sum(float(rows[f"single-{k}"]["requests_per_s"]) for k in (1, 2))
shadow = sum(float(rows[f"shadow-{k}"]["requests_per_s"]) for k in (1, 2))
print(f"shadow on: {shadow / single:.2f} of single's requests/s (target >= 0.8); "
      f"per round {float(rows['shadow-1']['requests_per_s']) / float(rows['single-1']['requests_per_s']):.2f}, "
      f"{float(rows['shadow-2']['requests_per_s']) / float(rows['single-2']['requests_per_s']):.2f}")
# A slow shadow must change neither the answers' rate nor their latency beyond noise.
for name in ("slow", "throwing", "sleeping"):
    rate = sum(float(rows[f"{name}-{k}"]["requests_per_s"]) for k in (1, 2)) / single
    p50 = sum(float(rows[f"{name}-{k}"]["p50_ms"]) for k in (1, 2)) / sum(float(rows[f"single-{k}"]["p50_ms"]) for k in (1, 2))
    p99 = sum(float(rows[f"{name}-{k}"]["p99_ms"]) for k in (1, 2)) / sum(float(rows[f"single-{k}"]["p99_ms"]) for k in (1, 2))
    print(f"{name} shadow: {rate:.2f} of single's requests/s, p50 {p50:.2f}x and p99 {p99:.2f}x single's")
PY
