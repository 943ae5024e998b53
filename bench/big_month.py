#!/usr/bin/env python3
"""Big months in one run (issue 20): `driftwatch drift` on a 10,000,000-row, 20-column month as
Parquet (snappy) and as CSV, against pyarrow + pandas reading the same files and against
Evidently's DataDriftPreset; then drift on a 50,000,000-row pair within `limits.memory: 4GiB`.

For each format of the 10M pair (reference 10,000,000 rows, current 10,100,000):
  driftwatch drift --memory 20GiB   the pair read whole (the in-memory path)
  driftwatch drift --memory 4GiB    the same pair read column by column through the spill folder
  pyarrow + pandas                  both files read into DataFrames (pq.read_table / pyarrow.csv
                                    .read_csv, then .to_pandas()), nothing else
and once, on the Parquet pair: Evidently (Report([DataDriftPreset()]) on the DataFrames, in a
process of its own, given --evidently-timeout seconds) next to `driftwatch drift --method auto`,
whose selection of methods is Evidently's. Then the 50M Parquet pair with --memory 4GiB.

Every run is a whole child process: wall time and peak RSS from wait4. The script checks that
the spilled and the in-memory drift.json are the same bytes (same verdicts, same numbers), that
every format gives the same verdicts, and that the 50M run's peak RSS stays within 4 GiB.
The load average is printed next to every figure (the machine may be shared).

The data is generated once by bench/big_month_data.py into --data and reused (50M rows as
Parquet take about 3.3 GB a file).

Usage: python3 bench/big_month.py --data DIR [--sizes 10000000 50000000] [--no-build]
Needs numpy, pyarrow, and for the Evidently run evidently 0.7 with pandas<3
(pip install 'evidently>=0.7,<0.8' 'pandas<3' pyarrow).
"""
import argparse
import json
import os
import subprocess
import sys
import time

import big_month_data
from drift_vs_evidently import evidently_verdicts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIFTWATCH = os.path.join(ROOT, ".build", "release", "driftwatch")
GIB = 1 << 30


def progress(text):
    if sys.stderr.isatty():
        print(f"... {text}", file=sys.stderr, flush=True)


def load():
    return "load %.1f %.1f %.1f" % os.getloadavg()


def measured(command, timeout=None):
    """(wall seconds, peak RSS bytes, finished) of one whole child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return time.perf_counter() - start, usage.ru_maxrss * 1024, False
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
    return seconds, usage.ru_maxrss * 1024, True


def row(name, seconds, rss, finished=True):
    state = "" if finished else "  (stopped: did not finish)"
    print(f"  {name:34} {seconds:9.1f} s  {rss / GIB:7.2f} GiB peak RSS  [{load()}]{state}", flush=True)


def drift(reference, current, contract, out, memory, method="default"):
    progress(f"driftwatch drift --memory {memory} --method {method}: {os.path.basename(reference)}")
    command = [DRIFTWATCH, "drift", "--reference", reference, "--current", current, "--contract", contract,
               "--out", out, "--format", "json", "--memory", memory, "--method", method]
    seconds, rss, _ = measured(command)
    with open(os.path.join(out, "drift.json"), "rb") as f:
        data = f.read()
    return seconds, rss, data


def verdicts(report_bytes):
    return {f["name"]: (f["method"], f["drifted"]) for f in json.loads(report_bytes)["features"]}


def pandas_read(reference, current, fmt):
    code = ("import pyarrow.parquet as pq; [pq.read_table(p).to_pandas() for p in (%r, %r)]" if fmt == "parquet"
            else "import pyarrow.csv as c; [c.read_csv(p).to_pandas() for p in (%r, %r)]") % (reference, current)
    progress(f"pyarrow + pandas: {os.path.basename(reference)}")
    return measured([sys.executable, "-c", code])


def run_evidently(reference, current, out):
    """The Evidently side, as its own process: both Parquet files as DataFrames, DataDriftPreset."""
    import pyarrow.parquet as pq
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    features = [(name, kind) for name, kind, role in big_month_data.COLUMNS if role == "feature"]
    numeric = [name for name, kind in features if kind in ("integer", "float", "date")]
    categorical = [name for name, kind in features if kind in ("boolean", "categorical")]
    frames = []
    for path in (reference, current):
        frame = pq.read_table(path).to_pandas()
        frame["signup_date"] = (frame["signup_date"].astype("datetime64[s]").astype("int64") // 86400).astype("float64")
        for name in ("autopay", "paperless"):
            frame[name] = frame[name].map({True: "True", False: "False"})
        frames.append(frame)
    definition = DataDefinition(numerical_columns=numeric, categorical_columns=categorical)
    snapshot = Report([DataDriftPreset()]).run(Dataset.from_pandas(frames[1], data_definition=definition),
                                               Dataset.from_pandas(frames[0], data_definition=definition))
    snapshot.save_json(out)


def ten_million(rows, data, work, timeout):
    ok = True
    contract = os.path.join(data, "contract.yml")
    seen = {}
    for fmt in ("parquet", "csv"):
        reference, current = big_month_data.paths(data, rows, fmt)
        size = (os.path.getsize(reference) + os.path.getsize(current)) / GIB
        print(f"{rows:,} + {rows + rows // 100:,} rows x 20 columns, {fmt} ({size:.2f} GiB of files)")
        whole = drift(reference, current, contract, os.path.join(work, f"{fmt}-whole"), "20GiB")
        row("driftwatch drift (in memory)", whole[0], whole[1])
        spilled = drift(reference, current, contract, os.path.join(work, f"{fmt}-spilled"), "4GiB")
        row("driftwatch drift (limits.memory 4GiB)", spilled[0], spilled[1])
        peer = pandas_read(reference, current, fmt)
        row("pyarrow + pandas (read only)", peer[0], peer[1])
        print(f"  speed-up vs pyarrow + pandas reading: {peer[0] / whole[0]:.2f}x in memory, "
              f"{peer[0] / spilled[0]:.2f}x spilled; memory ratio pandas/driftwatch {peer[1] / whole[1]:.2f}x")
        same = whole[2] == spilled[2]
        print(f"  spilled drift.json identical to in-memory: {same}; "
              f"drifted: {sorted(n for n, (_, d) in verdicts(whole[2]).items() if d)}")
        seen[fmt] = verdicts(whole[2])
        ok = ok and same
    if seen["parquet"] != seen["csv"]:
        print("  MISMATCH: Parquet and CSV months gave different verdicts")
        ok = False

    if timeout is None:
        return ok
    reference, current = big_month_data.paths(data, rows, "parquet")
    auto = drift(reference, current, contract, os.path.join(work, "parquet-auto"), "20GiB", method="auto")
    row("driftwatch drift --method auto", auto[0], auto[1])
    progress("evidently (may take long)")
    out = os.path.join(work, "evidently.json")
    seconds, rss, finished = measured([sys.executable, os.path.abspath(__file__), "--evidently", reference, current, out], timeout)
    row("evidently DataDriftPreset", seconds, rss, finished)
    if finished:
        theirs = {name: found[:2] for name, found in evidently_verdicts(out).items()}  # method and verdict
        ours = verdicts(auto[2])
        matching = [name for name in theirs if ours.get(name) == theirs[name]]
        print(f"  speed-up vs evidently: {seconds / auto[0]:.1f}x; memory ratio {rss / auto[1]:.1f}x; "
              f"auto-mode methods and verdicts matching: {len(matching)}/{len(theirs)}")
        for name in sorted(set(theirs) - set(matching)):
            print(f"    {name}: evidently {theirs[name]}, driftwatch {ours.get(name)}")
    return ok


def bounded(rows, data, work):
    contract = os.path.join(data, "contract.yml")
    reference, current = big_month_data.paths(data, rows, "parquet")
    size = (os.path.getsize(reference) + os.path.getsize(current)) / GIB
    print(f"{rows:,} + {rows + rows // 100:,} rows x 20 columns, parquet ({size:.2f} GiB of files)")
    seconds, rss, report = drift(reference, current, contract, os.path.join(work, "bounded"), "4GiB")
    row("driftwatch drift (limits.memory 4GiB)", seconds, rss)
    within = rss <= 4 * GIB
    print(f"  peak RSS within 4 GiB: {within}; drifted: {sorted(n for n, (_, d) in verdicts(report).items() if d)}")
    return within


def main():
    global DRIFTWATCH
    if len(sys.argv) == 5 and sys.argv[1] == "--evidently":
        run_evidently(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder for the generated months (kept and reused)")
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000_000, 50_000_000],
                        help="rows of the compared pair and of the bounded-memory pair")
    parser.add_argument("--work", default=None, help="folder for reports (default: DATA/runs)")
    parser.add_argument("--evidently-timeout", type=float, default=1800, help="seconds Evidently is given")
    parser.add_argument("--no-build", action="store_true", help="use the existing release build")
    parser.add_argument("--driftwatch", default=DRIFTWATCH, help="the driftwatch executable (default: the release build)")
    parser.add_argument("--skip-evidently", action="store_true", help="leave Evidently out")
    args = parser.parse_args()
    DRIFTWATCH = args.driftwatch
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "driftwatch"], cwd=ROOT, check=True)
    work = args.work or os.path.join(args.data, "runs")
    compared, big = args.sizes
    progress("generating the months that are missing")
    big_month_data.generate(args.data, compared, ["csv", "parquet"])
    big_month_data.generate(args.data, big, ["parquet"])
    print(f"driftwatch {DRIFTWATCH}; {os.cpu_count()} cores; {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / GIB:.1f} GiB")
    ok = ten_million(compared, args.data, work, None if args.skip_evidently else args.evidently_timeout)
    ok = bounded(big, args.data, work) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
