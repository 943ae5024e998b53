#!/usr/bin/env python3
"""driftwatch drift vs Evidently's DataDriftPreset, as whole processes, on the same partitions.

For each size (default: 7,043 and 1,000,000 rows) this script generates a reference and a
current single-file partition (fixed seed; the current month drifts in a few features), a
contract that declares every column's type, and then runs, one after the other:

  driftwatch drift --reference ref.csv --current cur.csv --contract contract.yml --method auto --out DIR
  python3 drift_vs_evidently.py --evidently ref.csv cur.csv out.json
      (pandas.read_csv with the same types, Report([DataDriftPreset()]), snapshot.save_json)

and reports each process's wall time and peak RSS (from wait4), the ratios, and whether
driftwatch's auto-mode method and verdict matched Evidently's on every feature.

Needs: a release build of driftwatch (swift build -c release --product driftwatch),
pip install evidently 'pandas<3'.
"""
import argparse
import json
import os
import subprocess
import sys
import time

NUMERIC = ["age", "tenure_months", "monthly_fee", "total_charges", "support_calls", "devices", "session_minutes"]
CATEGORICAL = ["plan", "payment_method", "region", "senior", "autopay"]
BOOLEAN = {"senior", "autopay"}
INTEGER = {"age", "tenure_months", "support_calls", "devices"}
LABEL = "churn_label"

# Evidently's method names in its JSON, and ours.
EVIDENTLY_METHODS = {
    "K-S p_value": ("ks", "p"),
    "chi-square p_value": ("chi_square", "p"),
    "Z-test p_value": ("z_test", "p"),
    "Jensen-Shannon distance": ("jensen_shannon", "distance"),
    "Wasserstein distance (normed)": ("wasserstein", "distance"),
}


def generate(path, rows, drift, seed):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    shift = 1.0 if drift else 0.0

    def with_nulls(values, rate):
        mask = rng.random(rows) < rate
        out = pd.Series(values, dtype="object")
        out[mask] = None
        return out

    frame = pd.DataFrame({
        "user_id": np.arange(1, rows + 1) + (10_000_000 if drift else 0),
        "age": with_nulls(rng.integers(18, 80, rows), 0.02),
        "tenure_months": rng.integers(0, 72, rows) + (rng.integers(0, 4, rows) if drift else 0),
        "monthly_fee": np.round(rng.gamma(4.0, 16.0 + 2.0 * shift, rows), 2),
        "total_charges": np.round(rng.gamma(2.0, 900.0, rows), 2),
        "support_calls": rng.poisson(1.5 + 0.6 * shift, rows),
        "devices": rng.integers(1, 5, rows),
        "session_minutes": with_nulls(np.round(rng.normal(42.0, 11.0, rows), 1), 0.01),
        "plan": rng.choice(["basic", "standard", "premium", "family", "student"], rows,
                           p=[0.2, 0.2, 0.2, 0.2, 0.2] if not drift else [0.35, 0.2, 0.15, 0.2, 0.1]),
        "payment_method": rng.choice(["card", "bank", "paypal", "check"], rows, p=[0.4, 0.3, 0.2, 0.1]),
        "region": with_nulls(rng.choice([f"region_{i}" for i in range(40)], rows), 0.02),
        "senior": rng.random(rows) < 0.16,
        "autopay": with_nulls(rng.random(rows) < (0.5 if not drift else 0.62), 0.02),
        LABEL: rng.random(rows) < (0.26 if not drift else 0.31),
    })
    frame["senior"] = frame["senior"].map({True: "True", False: "False"})
    frame["autopay"] = frame["autopay"].map({True: "True", False: "False", None: ""})
    frame[LABEL] = frame[LABEL].map({True: "True", False: "False"})
    frame.to_csv(path, index=False)


def write_contract(path):
    lines = ["schema_version: 1", "key: user_id", "tables:", "  - name: data", "    columns:",
             "      - {name: user_id, type: integer, role: key}"]
    for name in NUMERIC:
        kind = "integer" if name in INTEGER else "float"
        lines.append(f"      - {{name: {name}, type: {kind}, role: feature, max_null_rate: 1}}")
    for name in CATEGORICAL:
        kind = "boolean" if name in BOOLEAN else "categorical"
        lines.append(f"      - {{name: {name}, type: {kind}, role: feature, max_null_rate: 1}}")
    lines.append(f"      - {{name: {LABEL}, type: boolean, role: label}}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def run_evidently(reference, current, out):
    """The Evidently side, run as its own process by the benchmark."""
    import pandas as pd
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    dtypes = {name: "Int64" if name in INTEGER else "float64" for name in NUMERIC}
    dtypes.update({name: "string" for name in CATEGORICAL})
    ref = pd.read_csv(reference, dtype=dtypes, keep_default_na=True)
    cur = pd.read_csv(current, dtype=dtypes, keep_default_na=True)
    for frame in (ref, cur):
        for name in INTEGER:
            frame[name] = frame[name].astype("float64")
    definition = DataDefinition(numerical_columns=NUMERIC, categorical_columns=CATEGORICAL)
    report = Report([DataDriftPreset()])
    snapshot = report.run(Dataset.from_pandas(cur, data_definition=definition),
                          Dataset.from_pandas(ref, data_definition=definition))
    snapshot.save_json(out)


def measured(command):
    """Runs a whole process and returns (wall seconds, peak RSS bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss * 1024


def evidently_verdicts(path):
    verdicts = {}
    for metric in json.load(open(path))["metrics"]:
        config = metric["config"]
        if not config["type"].endswith("ValueDrift"):
            continue
        method, kind = EVIDENTLY_METHODS[config["method"]]
        value, threshold = metric["value"], config["threshold"]
        if kind == "distance":
            drifted = value >= threshold
        elif method == "ks":
            drifted = value <= threshold
        else:
            drifted = value < threshold
        verdicts[config["column"]] = (method, drifted, value)
    return verdicts


def compare(rows, directory, driftwatch):
    os.makedirs(directory, exist_ok=True)
    reference, current = os.path.join(directory, "reference.csv"), os.path.join(directory, "current.csv")
    contract = os.path.join(directory, "contract.yml")
    if not (os.path.exists(reference) and os.path.exists(current)):
        generate(reference, rows, drift=False, seed=rows)
        generate(current, rows + rows // 97, drift=True, seed=rows + 1)
    write_contract(contract)
    ours_dir = os.path.join(directory, "driftwatch")
    theirs = os.path.join(directory, "evidently.json")

    ours_time, ours_rss = measured([driftwatch, "drift", "--reference", reference, "--current", current,
                                    "--contract", contract, "--method", "auto", "--out", ours_dir])
    theirs_time, theirs_rss = measured([sys.executable, os.path.abspath(__file__), "--evidently",
                                        reference, current, theirs])

    report = json.load(open(os.path.join(ours_dir, "drift.json")))
    ours = {f["name"]: (f["method"], f["drifted"], f.get("p_value", f.get("statistic"))) for f in report["features"]}
    expected = evidently_verdicts(theirs)
    mismatches = [name for name in expected if ours.get(name, (None, None))[:2] != expected[name][:2]]
    worst = 0.0
    for name, (method, _, value) in expected.items():
        mine = ours.get(name, (None, None, None))[2]
        if mine is not None and value:
            worst = max(worst, abs(mine - value) / abs(value))

    print(f"rows: {rows:,} reference, {rows + rows // 97:,} current; {len(expected)} features")
    print(f"  driftwatch: {ours_time:8.3f} s  {ours_rss / 2**20:8.1f} MiB peak RSS")
    print(f"  evidently:  {theirs_time:8.3f} s  {theirs_rss / 2**20:8.1f} MiB peak RSS")
    print(f"  speed-up: {theirs_time / ours_time:.1f}x   memory ratio (evidently/driftwatch): {theirs_rss / ours_rss:.1f}x")
    print(f"  auto-mode verdicts matching Evidently: {len(expected) - len(mismatches)}/{len(expected)}"
          + (f"  MISMATCH: {', '.join(mismatches)}" if mismatches else ""))
    print(f"  largest relative difference of the deciding value: {worst:.2e}")
    for name in sorted(expected):
        print(f"    {name:16} evidently {expected[name][0]:14} {str(expected[name][1]):5} {expected[name][2]:.6g}"
              f"   driftwatch {ours.get(name, ('-',))[0]:14} {str(ours.get(name, (0, '-'))[1]):5}")
    return not mismatches


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--evidently":
        run_evidently(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driftwatch", default=".build/release/driftwatch", help="the driftwatch executable")
    parser.add_argument("--rows", type=int, nargs="+", default=[7043, 1_000_000], help="reference sizes to run")
    parser.add_argument("--workdir", default="/tmp/driftwatch-bench/drift", help="where partitions and reports go")
    args = parser.parse_args()
    ok = True
    for rows in args.rows:
        ok = compare(rows, os.path.join(args.workdir, f"rows-{rows}"), args.driftwatch) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
