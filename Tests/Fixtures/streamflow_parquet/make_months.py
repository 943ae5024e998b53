#!/usr/bin/env python3
"""Converts StreamFlow fixture months to Parquet and gzip CSV, the way a pandas user would.

Run from this folder (pyarrow 26, pandas): python3 make_months.py
Each month's tables are read with pandas.read_csv from ../streamflow/<month>/ (round-trip float
parsing, so every float is the one the CSV text denotes) and written with pyarrow in a mix of
formats and settings, so one partition exercises them together:
  users.parquet          snappy, dictionary, data page v1 (string dates stay strings)
  subscriptions.parquet  zstd, data page v2, no dictionary (integers with nulls become floats)
  usage_agg_30d.parquet  gzip, delta encodings for integers
  payments_agg_90d.parquet, support_agg_90d.parquet  pandas' own DataFrame.to_parquet defaults
  labels.csv.gz          gzip-compressed CSV, byte for byte the CSV (mtime 0: reproducible)
The Swift tests check that each month validates and drifts exactly as the CSV month does.
"""
import gzip
import os
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "streamflow")
MONTHS = ["month_002", "month_003"]


def main():
    for month in MONTHS:
        src, out = os.path.join(SOURCE, month), os.path.join(HERE, month)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)

        def frame(table):
            return pd.read_csv(os.path.join(src, table + ".csv"), float_precision="round_trip")

        def arrow(table):
            return pa.Table.from_pandas(frame(table), preserve_index=False)

        pq.write_table(arrow("users"), os.path.join(out, "users.parquet"), compression="snappy")
        pq.write_table(arrow("subscriptions"), os.path.join(out, "subscriptions.parquet"), compression="zstd",
                       data_page_version="2.0", use_dictionary=False)
        usage = arrow("usage_agg_30d")
        integers = [f.name for f in usage.schema if pa.types.is_integer(f.type)]
        pq.write_table(usage, os.path.join(out, "usage_agg_30d.parquet"), compression="gzip", use_dictionary=False,
                       column_encoding={name: "DELTA_BINARY_PACKED" for name in integers})
        for table in ["payments_agg_90d", "support_agg_90d"]:
            frame(table).to_parquet(os.path.join(out, table + ".parquet"), index=False)
        with open(os.path.join(src, "labels.csv"), "rb") as f, open(os.path.join(out, "labels.csv.gz"), "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as z:
                z.write(f.read())
        open(os.path.join(out, "_SUCCESS"), "w").close()


if __name__ == "__main__":
    main()
