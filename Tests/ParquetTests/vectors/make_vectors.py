#!/usr/bin/env python3
"""Writes the Parquet test vectors and what pyarrow reads back from them.

Run from this folder (pyarrow 26; `pip install fastparquet` for the fastparquet set):
    python3 make_vectors.py
Writes files/<name>.parquet across every encoding, codec, page version, null pattern and type
the Swift reader handles, and expected.json: per data set the values pyarrow reads (dates as
days since 1970-01-01, timestamps as their stored integers, decimals as floats), and per file
the data set it holds. Values are seeded, so running it again gives the same values.
"""
import datetime
import decimal
import json
import os
import random

import base64

import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.parquet.encryption as pe

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
ROWS = 100


def maybe_null(rng, values, pattern):
    if pattern == "none":
        return values
    if pattern == "all":
        return [None] * len(values)
    if pattern == "edges":
        return [None] + values[1:-1] + [None]
    return [None if rng.random() < 0.25 else v for v in values]


def dataset(seed, pattern, nullable=True):
    rng = random.Random(seed)
    n = ROWS
    words = ["basic", "premium", "family", "student", "trial", "", "ünïcødé", "a,b\"c"]
    base_day = datetime.date(2024, 1, 1)
    columns = {
        "flag": (pa.bool_(), [rng.random() < 0.4 for _ in range(n)]),
        "small": (pa.int32(), [rng.randint(-2**31, 2**31 - 1) if i % 7 == 0 else rng.randint(-50, 50) for i in range(n)]),
        "big": (pa.int64(), [rng.randint(-2**63, 2**63 - 1) if i % 11 == 0 else rng.randint(0, 10**6) for i in range(n)]),
        "tiny": (pa.int8(), [rng.randint(-128, 127) for _ in range(n)]),
        "unsigned": (pa.uint32(), [rng.randint(0, 2**32 - 1) for _ in range(n)]),
        "ratio": (pa.float32(), [float(rng.randint(-1000, 1000)) / 8 for _ in range(n)]),
        "amount": (pa.float64(), [rng.gauss(0, 1e3) for _ in range(n)]),
        "plan": (pa.string(), [rng.choice(words) + ("" if rng.random() < 0.7 else str(rng.randint(0, 99))) for _ in range(n)]),
        "signup": (pa.date32(), [base_day + datetime.timedelta(days=rng.randint(-4000, 4000)) for _ in range(n)]),
        "seen_us": (pa.timestamp("us"), [datetime.datetime(2024, 1, 1) + datetime.timedelta(microseconds=rng.randint(-10**12, 10**12)) for _ in range(n)]),
        "seen_ms": (pa.timestamp("ms"), [datetime.datetime(2020, 6, 1) + datetime.timedelta(milliseconds=rng.randint(-10**9, 10**9)) for _ in range(n)]),
        "price": (pa.decimal128(9, 2), [decimal.Decimal(rng.randint(-10**8, 10**8)).scaleb(-2) for _ in range(n)]),
    }
    arrays, fields = [], []
    for name, (type_, values) in columns.items():
        values = maybe_null(rng, values, pattern) if nullable else values
        arrays.append(pa.array(values, type=type_))
        fields.append(pa.field(name, type_, nullable=nullable))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def expected_values(table):
    out = {}
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_date32(field.type):
            values = column.cast(pa.int32()).to_pylist()
        elif pa.types.is_timestamp(field.type):
            out[field.name + ":stored"] = column.cast(pa.int64()).to_pylist()
            values = column.cast(pa.date32()).cast(pa.int32()).to_pylist()
        elif pa.types.is_decimal(field.type):
            values = [None if v is None else float(v) for v in column.to_pylist()]
        else:
            values = column.to_pylist()
        out[field.name] = values
    return out


class PlainKms(pe.KmsClient):
    """Keys "wrapped" in base64 only: enough to write an encrypted file, which the reader refuses."""

    def __init__(self, config):
        super().__init__()

    def wrap_key(self, key, master_key_identifier):
        return base64.b64encode(key)

    def unwrap_key(self, wrapped_key, master_key_identifier):
        return base64.b64decode(wrapped_key)


def write_refused():
    """Files the reader must refuse by name: nested schemas, encryption (footer and columns)."""
    pq.write_table(pa.table({"id": [1, 2], "tags": [["a"], ["b", "c"]]}), os.path.join(FILES, "refused_list.parquet"))
    pq.write_table(pa.table({"id": [1, 2], "address": [{"city": "x"}, {"city": "y"}]}), os.path.join(FILES, "refused_struct.parquet"))
    table = pa.table({"id": [1, 2, 3], "secret": ["x", "y", "z"]})
    factory = pe.CryptoFactory(lambda config: PlainKms(config))
    for plaintext_footer, name in [(False, "refused_encrypted_footer"), (True, "refused_encrypted_column")]:
        config = pe.EncryptionConfiguration(footer_key="f", column_keys={"c": ["secret"]},
                                            plaintext_footer=plaintext_footer, double_wrapping=False)
        properties = factory.file_encryption_properties(pe.KmsConnectionConfig(), config)
        pq.write_table(table, os.path.join(FILES, name + ".parquet"), encryption_properties=properties)


def main():
    os.makedirs(FILES, exist_ok=True)
    for old in os.listdir(FILES):
        os.remove(os.path.join(FILES, old))
    datasets = {
        "some_nulls": dataset(1, "some"),
        "no_nulls": dataset(2, "none"),
        "all_null": dataset(3, "all"),
        "edge_nulls": dataset(4, "edges"),
        "required": dataset(5, "none", nullable=False),
    }
    files = {}

    def write(name, data, **options):
        options.setdefault("row_group_size", 64)
        options.setdefault("data_page_size", 512)
        options.setdefault("write_statistics", False)
        options.setdefault("store_schema", False)
        pq.write_table(datasets[data], os.path.join(FILES, name + ".parquet"), **options)
        files[name] = data

    integers = ["small", "big", "tiny", "unsigned"]
    for codec in ["none", "snappy", "gzip", "zstd"]:
        for page in ["1.0", "2.0"]:
            tag = f"{codec}_v{page[0]}"
            write(f"plain_{tag}", "some_nulls", compression=codec, data_page_version=page, use_dictionary=False)
            write(f"dictionary_{tag}", "some_nulls", compression=codec, data_page_version=page)
            write(f"delta_{tag}", "some_nulls", compression=codec, data_page_version=page, use_dictionary=False,
                  column_encoding={**{c: "DELTA_BINARY_PACKED" for c in integers}, "plan": "DELTA_BYTE_ARRAY", "flag": "RLE",
                                   "price": "DELTA_BYTE_ARRAY"})
    write("delta_length", "some_nulls", use_dictionary=False, column_encoding={"plan": "DELTA_LENGTH_BYTE_ARRAY", "big": "DELTA_BINARY_PACKED"})
    # Format 1.0 writes PLAIN_DICTIONARY (the older name of dictionary encoding) and converted types only.
    write("plain_dictionary_format1", "some_nulls", version="1.0", data_page_version="1.0")
    for data in ["no_nulls", "all_null", "edge_nulls", "required"]:
        write(f"{data}_dictionary", data, compression="snappy")
        write(f"{data}_plain_v2", data, compression="zstd", data_page_version="2.0", use_dictionary=False)
    write("one_row_group", "some_nulls", row_group_size=ROWS, data_page_size=1 << 20, compression="snappy")
    # A dictionary page limit this small makes the writer fall back to PLAIN within a column chunk.
    write("dictionary_fallback", "some_nulls", row_group_size=ROWS, data_page_size=128, dictionary_pagesize_limit=64)
    write("decimal_as_integer", "some_nulls", store_decimal_as_integer=True, use_dictionary=False)

    try:
        import fastparquet
        import pandas as pd
        frame = datasets["some_nulls"].select(["flag", "small", "big", "amount", "plan", "signup", "seen_us"]).to_pandas()
        frame["signup"] = pd.to_datetime(frame["signup"])
        frame = frame.astype({"flag": "boolean", "small": "Int32", "big": "Int64"})
        fastparquet.write(os.path.join(FILES, "fastparquet_gzip.parquet"), frame, compression="GZIP",
                          row_group_offsets=64, object_encoding={"plan": "utf8"}, times="int64", has_nulls=True)
        back = pq.read_table(os.path.join(FILES, "fastparquet_gzip.parquet"))
        datasets["fastparquet"] = back
        files["fastparquet_gzip"] = "fastparquet"
        fastparquet_version = fastparquet.__version__
    except ImportError:
        raise SystemExit("fastparquet is needed for the fastparquet set: pip install fastparquet")

    write_refused()
    expected = {
        "schema_version": 1,
        "generator": f"pyarrow {pa.__version__}, fastparquet {fastparquet_version}",
        "datasets": {name: {"rows": table.num_rows, "columns": expected_values(table)} for name, table in datasets.items()},
        "files": files,
    }
    with open(os.path.join(HERE, "expected.json.tmp"), "w") as f:
        json.dump(expected, f, indent=None, separators=(",", ":"), sort_keys=True)
    os.replace(os.path.join(HERE, "expected.json.tmp"), os.path.join(HERE, "expected.json"))
    # The files must hold what their names say: check the encodings and codecs pyarrow reports.
    for name in files:
        meta = pq.ParquetFile(os.path.join(FILES, name + ".parquet")).metadata
        encodings = {e for g in range(meta.num_row_groups) for c in range(meta.num_columns) for e in meta.row_group(g).column(c).encodings}
        codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups) for c in range(meta.num_columns)}
        print(f"{name}: {sorted(codecs)} {sorted(encodings)}")


if __name__ == "__main__":
    main()
