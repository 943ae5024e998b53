#!/usr/bin/env python3
"""How often drift verdicts fire on unchanged data, and whether they catch a real shift, by size.

For each size (7,043 / 100,000 / 1,000,000 / 10,000,000 rows) and seed this script generates,
once (files are reused on later runs), single-file partitions of 20 features (14 numeric of six
shapes, 6 categorical), all from the same distributions:

  reference.csv   the reference
  same.csv        a new draw, nothing changed
  shifted.csv     same.csv with x00 (normal) moved by 1 % of its standard deviation
                  ("small": not drift) and x01 (gamma, skewed) by 25 % ("material": drift);
                  the other 18 features are those of same.csv

and runs `driftwatch drift` on (reference, same) and (reference, shifted) twice: once with the
default settings (its verdicts go in the table as "default"), once with correction none and no
effect floors, which gives every feature's raw p-value and effect size. The six settings of the
table (none / bonferroni / fdr, without and with the effect floors) are applied to those raw
values with statsmodels' multipletests, the reference implementation the Swift corrections are
tested against; for the default setting the script checks that this reproduces driftwatch's
own verdicts feature by feature. Evidently 0.7 runs on the same pairs with its default (`auto`)
method per column (one ValueDrift per column, as DataDriftPreset picks them, without the
preset's plots), in this process; `--evidently-seeds` limits its seeds where it is slow.

Prints the README's markdown tables on stdout; progress on stderr when it is a terminal.
Needs: driftwatch built with -c release; pip install 'evidently>=0.7,<0.8' 'pandas<3' statsmodels pyarrow.
"""
import argparse
import json
import os
import subprocess
import sys
import time

NUMERIC = [f"x{i:02d}" for i in range(14)]
CATEGORICAL = [f"c{i:02d}" for i in range(6)]
SMALL, MATERIAL = "x00", "x01"
ALPHA = 0.05
# The floors of the "+ floors" rows (the defaults of drift.min_effect).
FLOORS = {"ks": 0.05, "chi_square": 0.1, "z_test": 0.1}
# The table's rows: name → (correction, whether the effect floors apply).
SETTINGS = {f"{correction}{' + floors' if floors else ''}": (correction, floors)
            for floors in (False, True) for correction in ("none", "bonferroni", "fdr")}
TTY = sys.stderr.isatty()


def progress(text):
    if TTY:
        sys.stderr.write(f"\r\033[K{text}")
        sys.stderr.flush()


def generate(rows, seed, path, shifted_path=None):
    """20 features: normal, lognormal, uniform, gamma, exponential, Poisson counts, categories.
    With `shifted_path`, the same draw is written again with x00 moved by 1 % of its standard
    deviation and x01 by 25 % of its own."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    columns = {"id": np.arange(rows)}
    # x00 normal(50, 10): the small shift; x01 gamma(4, 2), standard deviation 4: the material one.
    columns["x00"] = rng.normal(50.0, 10.0, rows)
    columns["x01"] = rng.gamma(4.0, 2.0, rows)
    shapes = [
        lambda: rng.normal(0.0, 1.0, rows),
        lambda: rng.lognormal(3.0, 0.8, rows),
        lambda: rng.uniform(-5.0, 5.0, rows),
        lambda: rng.gamma(2.0, 900.0, rows),
        lambda: rng.exponential(3.0, rows),
        lambda: rng.poisson(3.0, rows).astype(float),
    ]
    for i in range(2, 14):
        columns[f"x{i:02d}"] = shapes[i % len(shapes)]()
    for name in NUMERIC:
        columns[name] = np.round(columns[name], 4)
    for i, k in enumerate([3, 5, 8, 12, 2, 40]):
        weights = np.arange(1, k + 1, dtype=float)
        codes = rng.choice(k, rows, p=weights / weights.sum())
        columns[f"c{i:02d}"] = pa.DictionaryArray.from_arrays(
            pa.array(codes, type=pa.int32()), pa.array([f"v{j}" for j in range(k)])).cast(pa.string())

    def write(target):
        tmp = target + ".tmp"
        pacsv.write_csv(pa.table(columns), tmp, pacsv.WriteOptions(quoting_style="none"))
        os.replace(tmp, target)

    write(path)
    if shifted_path:
        columns[SMALL] = np.round(columns[SMALL] + 0.01 * 10.0, 4)
        columns[MATERIAL] = np.round(columns[MATERIAL] + 0.25 * 4.0, 4)
        write(shifted_path)


def write_contract(path):
    lines = ["schema_version: 1", "key: id", "tables:", "  - name: data", "    columns:",
             "      - {name: id, type: integer, role: key}"]
    lines += [f"      - {{name: {n}, type: float, role: feature}}" for n in NUMERIC]
    lines += [f"      - {{name: {n}, type: categorical, role: feature}}" for n in CATEGORICAL]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_raw_config(path):
    with open(path, "w") as f:
        f.write("contract: contract.yml\ndrift:\n  correction: none\n  min_effect: {ks: 0, chi_square: 0, z_test: 0}\n")


def driftwatch(binary, reference, current, contract, out, config=None):
    command = [binary, "drift", "--reference", reference, "--current", current, "--contract", contract,
               "--out", out, "--format", "json"]
    if config:
        command += ["--config", config]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "drift.json")) as f:
        return json.load(f)


def flagged(raw, correction, floors):
    """Feature names drifted under a setting, from the raw (uncorrected, unfloored) report."""
    from statsmodels.stats.multitest import multipletests

    features = [f for f in raw["features"] if f["checked"]]
    tested = [f for f in features if f.get("p_value") is not None]
    adjusted = {}
    if tested:
        ps = [f["p_value"] for f in tested]
        values = ps if correction == "none" else multipletests(
            ps, alpha=ALPHA, method="bonferroni" if correction == "bonferroni" else "fdr_bh")[1]
        adjusted = {f["name"]: p for f, p in zip(tested, values)}
    out = set()
    for f in features:
        if f["name"] in adjusted:
            significant = adjusted[f["name"]] < f["threshold"]
            effect = f.get("effect_size") or 0.0
            if significant and (not floors or effect >= floors[f["method"]]):
                out.add(f["name"])
        elif f["drifted"]:
            out.add(f["name"])
    return out


def record_effects(size, pair, raw):
    """The effect sizes the floors are set against: the largest KS D and Jensen-Shannon
    distance among unchanged features, and the KS D of the small and the material shift."""
    effects = size.setdefault("effects", {})

    def widen(key, value):
        low, high = effects.get(key, [value, value])
        effects[key] = [min(low, value), max(high, value)]

    for f in raw["features"]:
        if not f["checked"]:
            continue
        if pair == "shifted" and f["name"] in (SMALL, MATERIAL):
            widen("small_d" if f["name"] == SMALL else "material_d", f["ks"]["statistic"])
        elif f["type"] == "float":
            widen("unchanged_d", f["ks"]["statistic"])
        else:
            widen("unchanged_js", f["jensen_shannon"])


def evidently(reference, current):
    """Evidently's verdicts in its default (auto) selection: one ValueDrift per column, which
    picks the method as DataDriftPreset does, without the preset's plots. Runs in this
    process, so Evidently is imported once."""
    import pandas as pd
    from evidently import DataDefinition, Dataset, Report
    from evidently.metrics import ValueDrift

    # Arrow-backed strings: 10M rows of Python str objects would take several GB per side.
    dtypes = {n: "float64" for n in NUMERIC} | {n: "string[pyarrow]" for n in CATEGORICAL}
    frames = [pd.read_csv(p, dtype=dtypes, engine="pyarrow").drop(columns=["id"]) for p in (reference, current)]
    definition = DataDefinition(numerical_columns=NUMERIC, categorical_columns=CATEGORICAL)
    snapshot = Report([ValueDrift(column=name) for name in NUMERIC + CATEGORICAL]).run(
        Dataset.from_pandas(frames[1], data_definition=definition), Dataset.from_pandas(frames[0], data_definition=definition))
    drifted = set()
    for metric in snapshot.dict()["metrics"]:
        config, value = metric["config"], float(metric["value"])
        method, threshold = config["method"], config["threshold"]
        if "distance" in method:
            hit = value >= threshold
        elif method.startswith("K-S"):
            hit = value <= threshold
        else:
            hit = value < threshold
        if hit:
            drifted.add(config["column"])
    return drifted


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driftwatch", default=".build/release/driftwatch")
    parser.add_argument("--rows", type=int, nargs="+", default=[7043, 100_000, 1_000_000, 10_000_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[20, 20, 20, 3],
                        help="seeds per size (one number each, or one for all)")
    parser.add_argument("--evidently-seeds", type=int, nargs="+", default=[20, 20, 20, 2],
                        help="seeds per size on which Evidently runs too")
    parser.add_argument("--workdir", default="/tmp/driftwatch-bench/verdicts")
    parser.add_argument("--keep", action="store_true", help="keep the generated partitions (default: delete each seed's after use above 1M rows)")
    parser.add_argument("--generate-only", action="store_true", help="only write the partitions (to run the rest later)")
    parser.add_argument("--results", default=None,
                        help="a JSON file that keeps each size's counts: sizes run before are kept, so sizes can run one at a time and the tables show all")
    parser.add_argument("--tables", nargs="+", metavar="RESULTS", help="only print the tables of these results files (sizes run separately)")
    args = parser.parse_args()
    if args.tables:
        merged = {}
        for path in args.tables:
            merged.update(read_results(path))
        print_tables(dict(sorted(merged.items())))
        return
    per_size = lambda values: values * len(args.rows) if len(values) == 1 else values
    seeds, ev_seeds = per_size(args.seeds), per_size(args.evidently_seeds)
    results = {}
    if args.results and os.path.exists(args.results):
        results = read_results(args.results)
    for rows, seed_count, ev_count in zip(args.rows, seeds, ev_seeds):
        size = {"seeds": seed_count, "ev_seeds": min(ev_count, seed_count), "unchanged": {}, "small": {}, "material": {}, "seconds": {}}
        for key in [*SETTINGS, "default", "evidently"]:
            size["unchanged"][key] = [0, 0]   # features flagged, partitions with any flag
            size["small"][key] = 0
            size["material"][key] = 0
        for seed in range(seed_count):
            directory = os.path.join(args.workdir, f"rows-{rows}", f"seed-{seed}")
            os.makedirs(directory, exist_ok=True)
            contract, raw_config = os.path.join(directory, "contract.yml"), os.path.join(directory, "raw.yml")
            write_contract(contract)
            write_raw_config(raw_config)
            paths = {name: os.path.join(directory, f"{name}.csv") for name in ("reference", "same", "shifted")}
            if not os.path.exists(paths["reference"]):
                progress(f"{rows:,} rows, seed {seed + 1}/{seed_count}: generating the reference")
                generate(rows, rows * 1000 + seed * 2, paths["reference"])
            if not (os.path.exists(paths["same"]) and os.path.exists(paths["shifted"])):
                progress(f"{rows:,} rows, seed {seed + 1}/{seed_count}: generating the current partitions")
                generate(rows, rows * 1000 + seed * 2 + 1, paths["same"], paths["shifted"])
            if args.generate_only:
                continue
            for pair in ("same", "shifted"):
                progress(f"{rows:,} rows, seed {seed + 1}/{seed_count}: driftwatch on {pair}")
                start = time.perf_counter()
                default = driftwatch(args.driftwatch, paths["reference"], paths[pair], contract, os.path.join(directory, f"{pair}-default"))
                size["seconds"].setdefault("driftwatch", []).append(time.perf_counter() - start)
                raw = driftwatch(args.driftwatch, paths["reference"], paths[pair], contract, os.path.join(directory, f"{pair}-raw"), raw_config)
                record_effects(size, pair, raw)
                verdicts = {name: flagged(raw, correction, FLOORS if floors else None) for name, (correction, floors) in SETTINGS.items()}
                verdicts["default"] = {f["name"] for f in default["features"] if f["drifted"]}
                expected = flagged(raw, default["correction"], default["min_effect"])
                if verdicts["default"] != expected:
                    sys.exit(f"{directory} {pair}: driftwatch's verdicts {sorted(verdicts['default'])} differ from statsmodels' {sorted(expected)}")
                if seed < size["ev_seeds"]:
                    progress(f"{rows:,} rows, seed {seed + 1}/{seed_count}: Evidently on {pair}")
                    start = time.perf_counter()
                    verdicts["evidently"] = evidently(paths["reference"], paths[pair])
                    size["seconds"].setdefault("evidently", []).append(time.perf_counter() - start)
                for key, names in verdicts.items():
                    if pair == "same":
                        size["unchanged"][key][0] += len(names)
                        size["unchanged"][key][1] += bool(names)
                    else:
                        size["small"][key] += SMALL in names
                        size["material"][key] += MATERIAL in names
                        others = names - {SMALL, MATERIAL}
                        size.setdefault("shifted_others", {}).setdefault(key, 0)
                        size["shifted_others"][key] += len(others)
            if rows > 1_000_000 and not args.keep and not args.generate_only:
                for path in paths.values():
                    os.remove(path)
        results[rows] = size
        if args.results and not args.generate_only:
            with open(args.results + ".tmp", "w") as f:
                json.dump({"schema_version": RESULTS_SCHEMA, "sizes": {str(r): v for r, v in sorted(results.items())}}, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(args.results + ".tmp", args.results)
    progress("")
    if not args.generate_only:
        print_tables(dict(sorted(results.items())))


RESULTS_SCHEMA = 1


def read_results(path):
    """Counts per size from a --results file ({"schema_version": 1, "sizes": {rows: counts}})."""
    with open(path) as f:
        document = json.load(f)
    if document.get("schema_version") != RESULTS_SCHEMA:
        sys.exit(f"{path}: field 'schema_version': expected {RESULTS_SCHEMA}, found {document.get('schema_version')}")
    return {int(rows): size for rows, size in document["sizes"].items()}


def label(key):
    return {"default": "**default** (driftwatch)", "evidently": "Evidently 0.7 `auto`"}.get(key, key)


def print_tables(results):
    keys = [*SETTINGS, "default", "evidently"]
    sizes = list(results)
    header = "| setting | " + " | ".join(f"{rows:,} rows ({results[rows]['seeds']} seeds)" for rows in sizes) + " |"
    rule = "|---|" + "---|" * len(sizes)
    print("(a) Unchanged pairs: features flagged in total over all seeds (partitions with any flag), of 20 features per seed\n")
    print(header.replace("(", "(", 1))
    print(rule)
    for key in keys:
        cells = []
        for rows in sizes:
            size = results[rows]
            n = size["ev_seeds"] if key == "evidently" else size["seeds"]
            total, partitions = size["unchanged"][key][:2]
            cells.append(f"{total} ({partitions}/{n})")
        print(f"| {label(key)} | " + " | ".join(cells) + " |")
    print("\n(b) Shifted pairs: seeds where x00 moved by 1 % of its sd was flagged (should be 0) · "
          "where x01 moved by 25 % was caught (should be all) · other 18 features flagged\n")
    print(header)
    print(rule)
    for key in keys:
        cells = []
        for rows in sizes:
            size = results[rows]
            n = size["ev_seeds"] if key == "evidently" else size["seeds"]
            cells.append(f"{size['small'][key]}/{n} · {size['material'][key]}/{n} · {size.get('shifted_others', {}).get(key, 0)}")
        print(f"| {label(key)} | " + " | ".join(cells) + " |")
    print("\n(c) Effect sizes over all seeds [smallest, largest]: KS D of unchanged numeric features · "
          "Jensen-Shannon distance of unchanged categorical features · KS D of the 1 % shift · of the 25 % shift\n")
    print("| rows | unchanged D | unchanged JS | 1 % shift D | 25 % shift D |")
    print("|---|---|---|---|---|")
    for rows, size in results.items():
        e = size.get("effects", {})
        cell = lambda key: "[{:.4f}, {:.4f}]".format(*e[key]) if key in e else "-"
        print(f"| {rows:,} | {cell('unchanged_d')} | {cell('unchanged_js')} | {cell('small_d')} | {cell('material_d')} |")
    print("\nmean seconds per pair: " + ", ".join(
        f"{rows:,}: driftwatch {sum(s['seconds']['driftwatch']) / len(s['seconds']['driftwatch']):.2f}"
        + (f", Evidently {sum(s['seconds']['evidently']) / len(s['seconds']['evidently']):.2f}" if s["seconds"].get("evidently") else "")
        for rows, s in results.items()))


if __name__ == "__main__":
    main()
