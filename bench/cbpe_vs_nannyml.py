#!/usr/bin/env python3
"""driftwatch's CBPE against NannyML's on the same rows: estimated vs realized ROC AUC.

It generates StreamFlow months with `driftwatch synth` (scenario streamflow and scenario stable,
7,043 rows a month by default), then `driftwatch-bench cbpe` trains production on a reference
month as the retrain worker does, fits CBPE on that month's validation rows, estimates the later
months from their probabilities alone, and writes every probability and label it used. This
script fits NannyML's CBPE on the same reference rows and estimates the same months (one chunk a
month), and prints both beside the realized AUC, with the mean absolute error of each.

Pairs: streamflow month_000 -> month_001 (same churn model, usage shifts) and month_002 ->
month_004 (same churn model as month 002); stable month_000 -> month_001..003. Months whose churn
model changes (streamflow month_002 under month_000's model) are not CBPE's to estimate and are
left out.

Usage: python3 bench/cbpe_vs_nannyml.py --driftwatch .build/debug/driftwatch \\
           --bench .build/debug/driftwatch-bench [--rows 7043] [--seed 2]
Needs nannyml (with pandas<3): python3 -m venv /tmp/nm && /tmp/nm/bin/pip install nannyml statsmodels 'pandas<3'
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"  # NannyML otherwise posts usage events to segment.io
import nannyml as nml  # noqa: E402

CONTRACT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "streamflow", "contract.yml")
SERIES = [
    ("streamflow", 5, ["month_000:month_001", "month_002:month_004"]),
    ("stable", 4, ["month_000:month_001,month_002,month_003"]),
]


def nannyml_estimate(reference_p, reference_y, month_p):
    """NannyML's CBPE fitted on the reference rows, one chunk holding the whole month."""
    reference = pd.DataFrame({"p": reference_p, "y_pred": (reference_p > 0.5).astype(int), "y": reference_y})
    month = pd.DataFrame({"p": month_p, "y_pred": (month_p > 0.5).astype(int)})
    estimator = nml.CBPE(y_pred_proba="p", y_pred="y_pred", y_true="y", metrics=["roc_auc"],
                         chunk_number=1, problem_type="classification_binary")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator.fit(reference)
        row = estimator.estimate(month).filter(period="analysis").to_df().iloc[0]
    return float(row[("roc_auc", "value")]), float(row[("roc_auc", "sampling_error")]), estimator.needs_calibration


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driftwatch", required=True)
    parser.add_argument("--bench", required=True, help="the driftwatch-bench executable")
    parser.add_argument("--rows", type=int, default=7043)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()

    print(f"{'series':<11}{'month':<11}{'rows':>6}  {'realized':>8}  {'driftwatch':>16} {'|err|':>6} {'cal':>4}"
          f"  {'NannyML':>16} {'|err|':>6} {'cal':>4}")
    ours, theirs, apart = [], [], []
    with tempfile.TemporaryDirectory() as work:
        for scenario, months, pairs in SERIES:
            series = os.path.join(work, scenario)
            subprocess.run([args.driftwatch, "synth", "--out", series, "--months", str(months), "--rows", str(args.rows),
                            "--seed", str(args.seed), "--scenario", scenario], check=True, stdout=subprocess.DEVNULL)
            out = os.path.join(work, scenario + ".json")
            command = [args.bench, "cbpe", "--series", series, "--contract", CONTRACT, "--out", out]
            for pair in pairs:
                command += ["--pair", pair]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            with open(out) as f:
                rows = json.load(f)
            for pair in rows["pairs"]:
                reference_p = np.asarray(pair["reference_probabilities"])
                reference_y = np.asarray(pair["reference_labels"], dtype=int)
                for month in pair["months"]:
                    p = np.asarray(month["probabilities"])
                    labelled = np.asarray(month["labelled_rows"])
                    realized = roc_auc_score(np.asarray(month["labels"], dtype=int), p[labelled])
                    ours_auc = month["estimate"]["roc_auc"]
                    nm_value, nm_error, nm_calibrated = nannyml_estimate(reference_p, reference_y, p)
                    ours.append(abs(ours_auc["value"] - realized))
                    theirs.append(abs(nm_value - realized))
                    if pair["calibration"]["calibrated"] == nm_calibrated:
                        apart.append(abs(ours_auc["value"] - nm_value))
                    print(f"{scenario:<11}{month['name']:<11}{len(p):>6}  {realized:>8.4f}  "
                          f"{ours_auc['value']:>8.4f} ± {ours_auc['sampling_error']:.4f} {ours[-1]:>6.4f} "
                          f"{'iso' if pair['calibration']['calibrated'] else 'none':>4}  "
                          f"{nm_value:>8.4f} ± {nm_error:.4f} {theirs[-1]:>6.4f} {'iso' if nm_calibrated else 'none':>4}")
    print(f"mean absolute error, estimated vs realized AUC: driftwatch {np.mean(ours):.4f}, NannyML {np.mean(theirs):.4f}"
          f" ({len(ours)} months)")
    if apart:
        print(f"largest |driftwatch - NannyML| where both made the same calibration decision: {max(apart):.2e}"
              f" ({len(apart)} of {len(ours)} months)")
    return 0 if np.mean(ours) <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
