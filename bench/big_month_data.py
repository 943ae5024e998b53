#!/usr/bin/env python3
"""Writes the big months of bench/big_month.py: a reference and a current partition of the
20-column month (the columns of `driftwatch-bench csv`), as CSV and as Parquet (snappy, row
groups of 1,048,576 rows), streaming 1,000,000 rows at a time so memory stays small at any size.

The current month drifts in a few features (monthly_fee, support_calls, plan, tenure_months) and
in its positive rate; the rest are drawn from the same distributions as the reference. Every
batch comes from its own seed, so the same --rows always gives the same bytes. Files are written
under a temporary name and renamed, so an interrupted run leaves nothing that looks finished.

Usage: python3 bench/big_month_data.py --rows 10000000 --formats csv parquet --out /work/bigdata
Needs numpy and pyarrow.
"""
import argparse
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

BATCH = 1_000_000
PLANS = ["basic", "standard", "premium", "family", "student"]
COUNTRIES = [f"country_{i}" for i in range(40)]
DEVICES = ["ios", "android", "web", "tv", "console", "tablet", "desktop", "other"]
CITIES = [f"city_{i}" for i in range(1000)]

# The contract both formats are read with: every column's type, the key and the label.
COLUMNS = [
    ("user_id", "integer", "key"), ("age", "integer", "feature"), ("tenure_months", "integer", "feature"),
    ("monthly_minutes", "integer", "feature"), ("support_calls", "integer", "feature"),
    ("is_premium", "integer", "feature"), ("monthly_fee", "float", "feature"), ("avg_session", "float", "feature"),
    ("data_gb", "float", "feature"), ("discount", "float", "feature"), ("balance", "float", "feature"),
    ("score", "float", "feature"), ("autopay", "boolean", "feature"), ("paperless", "boolean", "feature"),
    ("churn_flag", "boolean", "label"), ("signup_date", "date", "feature"), ("plan", "categorical", "feature"),
    ("country", "categorical", "feature"), ("device", "categorical", "feature"), ("city", "categorical", "feature"),
]


def contract_text():
    lines = ["schema_version: 1", "key: user_id", "tables:", "  - name: data", "    columns:"]
    for name, kind, role in COLUMNS:
        lines.append(f"      - {{name: {name}, type: {kind}, role: {role}, max_null_rate: 1}}")
    return "\n".join(lines) + "\n"


def batch(start, rows, drift, seed):
    """Rows start+1 … start+rows of one month as an Arrow record batch."""
    rng = np.random.default_rng(seed)

    def nulls(rate):
        return rng.random(rows) < rate

    def categories(names, p=None):
        return pa.DictionaryArray.from_arrays(pa.array(rng.choice(len(names), rows, p=p).astype(np.int32)),
                                              pa.array(names)).cast(pa.string())

    shift = 1.0 if drift else 0.0
    days = (np.datetime64("2015-01-01") - np.datetime64("1970-01-01")).astype(int) + rng.integers(0, 3650, rows)
    plan_p = [0.35, 0.2, 0.15, 0.2, 0.1] if drift else None
    arrays = [
        pa.array(np.arange(start + 1, start + rows + 1, dtype=np.int64) + (10**9 if drift else 0)),
        pa.array(rng.integers(18, 88, rows), mask=nulls(0.02)),
        pa.array(rng.integers(0, 120, rows) + (rng.integers(0, 6, rows) if drift else 0)),
        pa.array(rng.integers(0, 100_000, rows)),
        pa.array(rng.poisson(1.5 + 0.5 * shift, rows).astype(np.int64), mask=nulls(0.02)),
        pa.array(rng.integers(0, 2, rows)),
        pa.array(np.round(5 + rng.gamma(4.0, 20.0 + 3.0 * shift, rows), 2)),
        pa.array(np.round(rng.random(rows) * 180, 3), mask=nulls(0.02)),
        pa.array(np.round(rng.random(rows) * 5000, 4)),
        pa.array(np.round(rng.random(rows) * 0.5, 5)),
        pa.array(np.round((rng.random(rows) - 0.5) * 20_000, 2), mask=nulls(0.02)),
        pa.array(np.round(rng.random(rows), 6)),
        pa.array(rng.random(rows) < 0.5),
        pa.array(rng.random(rows) < 0.5, mask=nulls(0.02)),
        pa.array(rng.random(rows) < (0.25 if drift else 0.2)),
        pa.array(days.astype(np.int32), type=pa.date32()),
        categories(PLANS, plan_p),
        pa.array(np.array(COUNTRIES)[rng.integers(0, len(COUNTRIES), rows)], mask=nulls(0.02)),
        categories(DEVICES),
        categories(CITIES),
    ]
    return pa.RecordBatch.from_arrays(arrays, names=[name for name, _, _ in COLUMNS])


def write(targets, rows, drift, seed):
    """Writes one month to every (path, format) of `targets` that does not exist yet, each batch
    generated once for all of them."""
    targets = [(path, fmt) for path, fmt in targets if not os.path.exists(path)]
    if not targets:
        return
    writers = {}
    for start in range(0, rows, BATCH):
        part = batch(start, min(BATCH, rows - start), drift, seed * 100_003 + start // BATCH)
        for path, fmt in targets:
            if path not in writers:
                writers[path] = (pq.ParquetWriter(path + ".tmp", part.schema, compression="snappy") if fmt == "parquet"
                                 else pacsv.CSVWriter(path + ".tmp", part.schema, write_options=pacsv.WriteOptions(quoting_style="none")))
            if fmt == "parquet":
                writers[path].write_batch(part, row_group_size=1 << 20)
            else:
                writers[path].write_batch(part)
        if sys.stderr.isatty():
            print(f"\r{os.path.basename(targets[0][0])}: {start + len(part):,} of {rows:,} rows", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for path, _ in targets:
        writers[path].close()
        os.replace(path + ".tmp", path)


def paths(out, rows, fmt):
    """(reference, current) for one size and format."""
    ending = ".parquet" if fmt == "parquet" else ".csv"
    return (os.path.join(out, f"reference-{rows}{ending}"), os.path.join(out, f"current-{rows}{ending}"))


def generate(out, rows, formats):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "contract.yml"), "w") as f:
        f.write(contract_text())
    pairs = [paths(out, rows, fmt) + (fmt,) for fmt in formats]
    write([(reference, fmt) for reference, _, fmt in pairs], rows, drift=False, seed=1)
    write([(current, fmt) for _, current, fmt in pairs], rows + rows // 100, drift=True, seed=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000_000], help="reference sizes (the current month has 1 %% more rows)")
    parser.add_argument("--formats", nargs="+", choices=["csv", "parquet"], default=["csv", "parquet"])
    parser.add_argument("--out", default="/tmp/driftwatch-bench/big", help="folder for the files (kept and reused)")
    args = parser.parse_args()
    for rows in args.rows:
        generate(args.out, rows, args.formats)


if __name__ == "__main__":
    main()
