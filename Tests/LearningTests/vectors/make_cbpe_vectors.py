"""Reference vectors for Learning's CBPE (confidence-based performance estimation), from NannyML.

For three generated data sets (a well-calibrated model, a mis-calibrated one, and a shift of the
score distribution between reference and analysis) it fits NannyML's CBPE on the reference rows
(probabilities + labels), estimates roc_auc, precision, recall, accuracy and the confusion matrix
on chunks of the analysis rows, and writes the inputs with NannyML's outputs to cbpe.json.

Probabilities are rounded to 8 decimals so the file stays small; ties stay improbable (see the
Swift tests for why ties in the reference matter).

Run: python3 make_cbpe_vectors.py  (needs nannyml, which wants pandas<3:
     python3 -m venv /tmp/nm && /tmp/nm/bin/pip install nannyml statsmodels 'pandas<3')
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedShuffleSplit

os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"  # NannyML otherwise posts usage events to segment.io
import nannyml as nml  # noqa: E402
from nannyml.calibration import (  # noqa: E402
    IsotonicCalibrator, _calculate_expected_calibration_error, _get_bin_index_edges, needs_calibration)

REFERENCE_ROWS = 600
CHUNK_ROWS = 300
CHUNKS = 2
METRICS = ["roc_auc", "precision", "recall", "accuracy", "confusion_matrix"]
rng = np.random.default_rng(20261202)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logit(p):
    return np.log(p / (1 - p))


def scores(mean, spread, rows):
    return np.round(sigmoid(rng.normal(mean, spread, rows)), 8).clip(1e-8, 1 - 1e-8)


def data_set(name, truth, reference_mean, analysis_mean):
    """`truth` maps the model's score to the real probability of the positive class."""
    ref_p = scores(reference_mean, 1.5, REFERENCE_ROWS)
    ref_y = (rng.random(REFERENCE_ROWS) < truth(ref_p)).astype(int)
    ana_p = scores(analysis_mean, 1.5, CHUNK_ROWS * CHUNKS)
    return name, ref_p, ref_y, ana_p


def stable_ece(truth, probabilities, edges):
    """NannyML's _calculate_expected_calibration_error with tied probabilities kept in the order
    given (NumPy's default sort, which NannyML uses, orders ties differently per CPU)."""
    order = np.argsort(probabilities, kind="stable")
    p, y = probabilities[order], truth[order]
    return float(np.sum([(right - left) / len(p) * abs(np.mean(p[left:right]) - np.mean(y[left:right]))
                         for left, right in edges]))


def held_out_errors(ref_p, ref_y):
    """The two errors NannyML's needs_calibration compares, raw then calibrated, on its folds
    (re-run here to record them): as NannyML computes them, and with ties in the given order."""
    truth, raw, calibrated = [], [], []
    for train, test in StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42).split(ref_p, ref_y):
        iso = IsotonicCalibrator()
        iso.fit(ref_p[train], ref_y[train])
        truth.append(ref_y[test])
        raw.append(ref_p[test])
        calibrated.append(iso.calibrate(ref_p[test]))
    truth, raw, calibrated = map(np.concatenate, (truth, raw, calibrated))
    edges = _get_bin_index_edges(len(raw), 10)
    return ({"raw": float(_calculate_expected_calibration_error(truth, raw, edges)),
             "calibrated": float(_calculate_expected_calibration_error(truth, calibrated, edges))},
            {"raw": stable_ece(truth, raw, edges), "calibrated": stable_ece(truth, calibrated, edges)})


def run(name, ref_p, ref_y, ana_p):
    reference = pd.DataFrame({"p": ref_p, "y_pred": (ref_p > 0.5).astype(int), "y": ref_y})
    analysis = pd.DataFrame({"p": ana_p, "y_pred": (ana_p > 0.5).astype(int)})
    estimator = nml.CBPE(y_pred_proba="p", y_pred="y_pred", y_true="y", metrics=METRICS,
                         chunk_size=CHUNK_ROWS, problem_type="classification_binary")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator.fit(reference)
        result = estimator.estimate(analysis).filter(period="analysis").to_df()
    calibrated = (estimator.calibrator.calibrate(ana_p) if estimator.needs_calibration else ana_p)
    chunks = []
    for k in range(CHUNKS):
        row = result.iloc[k]
        chunk = {"start": k * CHUNK_ROWS, "end": (k + 1) * CHUNK_ROWS}
        for metric in ["roc_auc", "precision", "recall", "accuracy", "true_positive", "false_positive",
                       "true_negative", "false_negative"]:
            chunk[metric] = {"value": float(row[(metric, "value")]),
                             "sampling_error": float(row[(metric, "sampling_error")]),
                             "lower": float(row[(metric, "lower_confidence_boundary")]),
                             "upper": float(row[(metric, "upper_confidence_boundary")])}
        chunks.append(chunk)
    edges = _get_bin_index_edges(REFERENCE_ROWS, 10)
    return {
        "name": name,
        "reference_probabilities": ref_p.tolist(),
        "reference_labels": ref_y.tolist(),
        "analysis_probabilities": ana_p.tolist(),
        "needs_calibration": bool(estimator.needs_calibration),
        **dict(zip(["held_out_errors", "held_out_errors_stable"], held_out_errors(ref_p, ref_y))),
        # The first rows of the analysis set after NannyML's calibration (isotonic, or none).
        "calibrated_head": calibrated[:40].tolist(),
        "reference_ece": float(_calculate_expected_calibration_error(ref_y, ref_p, edges)),
        "chunks": chunks,
    }


def main():
    sets = [
        data_set("well_calibrated", lambda p: p, -0.8, -0.8),
        data_set("mis_calibrated", lambda p: sigmoid(0.5 * logit(p) - 0.7), -0.5, -0.5),
        data_set("shifted", lambda p: sigmoid(1.3 * logit(p) + 0.4), -1.0, 0.6),
    ]
    cases = [run(*s) for s in sets]
    # Isotonic fits alone, with duplicated scores, against scikit-learn (NannyML's calibrator).
    x = np.round(rng.random(200), 2)
    y = (rng.random(200) < x).astype(int)
    iso = IsotonicCalibrator()
    iso.fit(x, y)
    queries = np.concatenate([np.linspace(-0.1, 1.1, 61), x[:20]])
    isotonic = {"x": x.tolist(), "y": y.tolist(), "queries": queries.tolist(),
                "predictions": iso.calibrate(queries).tolist(),
                "needs_calibration": bool(needs_calibration(y, x, IsotonicCalibrator())),
                **dict(zip(["held_out_errors", "held_out_errors_stable"], held_out_errors(x, y)))}
    # NannyML's held-out splits on a small reference, index for index.
    split_labels = (rng.random(57) < 0.3).astype(int)
    splits = [{"training": train.tolist(), "held_out": test.tolist()} for train, test in
              StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42).split(split_labels, split_labels)]
    out = {"nannyml_version": nml.__version__, "split_labels": split_labels.tolist(), "splits": splits, "chunk_rows": CHUNK_ROWS, "cases": cases, "isotonic": isotonic}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cbpe.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    for c in cases:
        print(c["name"], "needs_calibration", c["needs_calibration"], "ece", round(c["reference_ece"], 4),
              "auc", [round(ch["roc_auc"]["value"], 4) for ch in c["chunks"]])


if __name__ == "__main__":
    main()
