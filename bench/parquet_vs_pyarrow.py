#!/usr/bin/env python3
"""Reads the same Parquet file (snappy) with `driftwatch-bench parquet` and with pyarrow's
`read_table(...).to_pandas()`, each as a whole child process, and prints wall time, peak RSS
and the ratio.

Target (issue 20): the Parquet read at least as fast as pyarrow's read_table to pandas.
The file is the generated 20-column month of `driftwatch-bench csv` (same rows for the same
--rows), read by pandas and written by pyarrow with snappy, as a pandas user would convert it.

Usage: python3 bench/parquet_vs_pyarrow.py [--rows 1000000] [--repeat 3] [--no-build]
Needs pandas and pyarrow. Builds the release benchmark unless --no-build.
"""
import os
import subprocess
import sys
import tempfile

import pyarrow

from csv_vs_pandas import BENCH, arguments, measure


def main():
    args = arguments(__doc__)
    folder = os.path.join(tempfile.gettempdir(), "driftwatch-bench")
    csv = os.path.join(folder, f"csv-{args.rows}.csv")
    path = os.path.join(folder, f"parquet-{args.rows}.parquet")
    if not os.path.exists(path):
        subprocess.run([BENCH, "csv", "--rows", str(args.rows), "--file", csv], check=True, stdout=subprocess.DEVNULL)
        # In a child of its own: a child's peak RSS starts from its parent's at fork, so this
        # process stays small for the measurements below.
        convert = ("import pandas, pyarrow, pyarrow.parquet; "
                   f"t = pyarrow.Table.from_pandas(pandas.read_csv({csv!r}, float_precision='round_trip'), preserve_index=False); "
                   f"pyarrow.parquet.write_table(t, {path + '.tmp'!r}, compression='snappy')")
        subprocess.run([sys.executable, "-c", convert], check=True)
        os.replace(path + ".tmp", path)
    ours = [BENCH, "parquet", "--file", path]
    peer = [sys.executable, "-c", f"import pyarrow.parquet as pq; pq.read_table({path!r}).to_pandas()"]
    subprocess.run(ours, check=True, stdout=subprocess.DEVNULL)  # warms the page cache
    size = os.path.getsize(path)

    (our_wall, our_rss), (peer_wall, peer_rss) = measure((("driftwatch", ours), ("pyarrow", peer)), args.repeat)
    print(f"file: {path} ({size / 1e6:.1f} MB, {args.rows} rows x 20 columns, snappy; pyarrow {pyarrow.__version__})")
    print(f"speed-up vs pyarrow read_table().to_pandas(): {peer_wall / our_wall:.2f}x (target >= 1)")
    print(f"peak RSS: driftwatch {our_rss / 1e6:.1f} MB, pyarrow {peer_rss / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
