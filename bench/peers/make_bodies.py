"""Request bodies for bench/serving_vs_fastapi.sh from driftwatch's online feature table
(state/features.json): the newest accepted partition's rows, every feature and the key.
Writes single.json (one row) and batch.json (1,000 rows) into OUT."""
import json
import sys

table = json.load(open(sys.argv[1]))
out = sys.argv[2]
columns = {c["name"]: c["values"] for c in table["columns"]}
rows = len(next(iter(columns.values())))
instances = [{name: values[i] for name, values in columns.items()} for i in range(rows)]
json.dump({"instances": instances[:1]}, open(f"{out}/single.json", "w"))
json.dump({"instances": (instances * (1000 // rows + 1))[:1000]}, open(f"{out}/batch.json", "w"))
