"""Request bodies for bench/serving_vs_fastapi.sh from driftwatch's online feature table
(state/features.json): the newest accepted partition's rows, every feature and the key.
Writes single.json (one row), batch.json (1,000 rows) and batch.csv (the same 1,000 rows) into OUT."""
import csv
import json
import sys

table = json.load(open(sys.argv[1]))
out = sys.argv[2]
columns = {c["name"]: c["values"] for c in table["columns"]}
rows = len(next(iter(columns.values())))
instances = [{name: values[i] for name, values in columns.items()} for i in range(rows)]
json.dump({"instances": instances[:1]}, open(f"{out}/single.json", "w"))
json.dump({"instances": (instances * (1000 // rows + 1))[:1000]}, open(f"{out}/batch.json", "w"))

def text(value):
    return "" if value is None else ("True" if value else "False") if isinstance(value, bool) else value

with open(f"{out}/batch.csv", "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(columns.keys())
    for instance in (instances * (1000 // rows + 1))[:1000]:
        writer.writerow([text(v) for v in instance.values()])
