#!/usr/bin/env python3
"""Writes the small Parquet and gzip CSV tables of ParquetTableTests (pyarrow 26).

Run from this folder: python3 make_tables.py
mapped.parquet holds text, float, integer and date columns whose contract types differ from
their stored types, to pin down how each is read (as the same text in a CSV file would be).
two_members.csv.gz is a CSV compressed as two gzip members one after the other (what
`cat a.gz b.gz` makes); truncated.csv.gz is a gzip CSV cut short.
"""
import datetime
import gzip
import io
import os

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as z:
        z.write(data)
    return out.getvalue()


def main():
    nan, inf = float("nan"), float("inf")
    table = pa.table({
        "when": pa.array(["2024-02-29", "2023-02-29", None, "NA"]),
        "amount": pa.array(["1.5", "abc", "", "2e3"]),
        "flag": pa.array(["True", "0", "yes", None]),
        "count": pa.array([1.0, 2.5, None, 4.0], type=pa.float64()),
        "ratio": pa.array([inf, 1.0, -inf, nan], type=pa.float64(), from_pandas=False),
        "n": pa.array([1, 0, 5, -3], type=pa.int64()),
        "day": pa.array([datetime.date(2024, 1, 1), None, datetime.date(1969, 12, 31), datetime.date(2000, 2, 29)]),
        "plan": pa.array(["basic", "NA", None, "premium"]),
    })
    pq.write_table(table, os.path.join(HERE, "mapped.parquet"), compression="snappy")
    text = b"n,x\n1,2.5\n2,NA\n3,7\n"
    with open(os.path.join(HERE, "two_members.csv.gz"), "wb") as f:
        f.write(gz(text[:9]) + gz(text[9:]))
    with open(os.path.join(HERE, "truncated.csv.gz"), "wb") as f:
        f.write(gz(text * 50)[:-12])


if __name__ == "__main__":
    main()
