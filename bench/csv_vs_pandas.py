#!/usr/bin/env python3
"""Reads the same generated CSV file with `driftwatch-bench csv` and with `pandas.read_csv`,
each as a whole child process, and prints wall time, peak RSS and the ratios.

Targets (issue 2): driftwatch at least 3x faster than pandas; its peak RSS at most 2.5x the file size.

Usage: python3 bench/csv_vs_pandas.py [--rows 1000000] [--repeat 3] [--no-build]
Needs pandas (`pip install 'pandas<3'`). Builds the release benchmark unless --no-build.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build", "release", "driftwatch-bench")


def run_child(argv):
    """Runs argv to completion; returns (wall seconds, peak RSS bytes) of that child alone."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed with status {status}")
    return wall, usage.ru_maxrss * 1024  # Linux reports KiB


def arguments(doc):
    """The options every reader comparison takes (--rows, --repeat, --no-build); builds the
    release benchmark unless --no-build."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the generated file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader; the best wall time counts")
    parser.add_argument("--no-build", action="store_true", help="use the existing release build")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "driftwatch-bench"], cwd=ROOT, check=True)
    return args


def measure(readers, repeat):
    """Runs each (name, argv) `repeat` times; prints and returns per reader (best wall, peak RSS)."""
    results = []
    for name, argv in readers:
        runs = [run_child(argv) for _ in range(repeat)]
        results.append((min(w for w, _ in runs), max(m for _, m in runs)))
        print(f"{name:>10}: wall {results[-1][0]:.3f} s (best of {repeat}), peak RSS {results[-1][1] / 1e6:.1f} MB")
    return results


def main():
    args = arguments(__doc__)
    path = os.path.join(tempfile.gettempdir(), "driftwatch-bench", f"csv-{args.rows}.csv")
    ours = [BENCH, "csv", "--rows", str(args.rows), "--file", path]
    pandas = [sys.executable, "-c", f"import pandas; pandas.read_csv({path!r})"]
    subprocess.run(ours, check=True, stdout=subprocess.DEVNULL)  # generates the file if missing, warms the page cache
    size = os.path.getsize(path)

    (our_wall, our_rss), (pandas_wall, pandas_rss) = measure((("driftwatch", ours), ("pandas", pandas)), args.repeat)
    print(f"file: {path} ({size / 1e6:.1f} MB, {args.rows} rows x 20 columns)")
    print(f"speed-up vs pandas: {pandas_wall / our_wall:.2f}x (target >= 3)")
    print(f"driftwatch peak RSS / file size: {our_rss / size:.2f} (target <= 2.5); pandas: {pandas_rss / size:.2f}")


if __name__ == "__main__":
    main()
