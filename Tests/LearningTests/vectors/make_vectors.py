"""Reference vectors for LearningTests, computed once with scikit-learn.

Run: python3 make_vectors.py  (writes vectors.json next to this file)
"""
import json
import os

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, brier_score_loss, f1_score, log_loss,
                             precision_score, recall_score, roc_auc_score)
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20261123)
MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def stratified_split(labels, share, seed):
    """The split as Learning.StratifiedSplit documents it, written from the description."""
    gen = splitmix64(seed)
    training, validation = [], []
    for cls in (False, True):
        rows = [i for i, y in enumerate(labels) if y == cls]
        for i in range(len(rows) - 1, 0, -1):
            j = (next(gen) * (i + 1)) >> 64
            rows[i], rows[j] = rows[j], rows[i]
        take = int(np.floor(share * len(rows) + 0.5))
        validation += rows[:take]
        training += rows[take:]
    return sorted(training), sorted(validation)


def metrics_case(name, y, p):
    y = np.asarray(y, dtype=bool)
    p = np.asarray(p, dtype=float)
    pred = p > 0.5
    return {
        "name": name,
        "labels": y.tolist(),
        "probabilities": p.tolist(),
        "roc_auc": float(roc_auc_score(y, p)),
        "log_loss": float(log_loss(y, p, labels=[False, True])),
        "brier_score": float(brier_score_loss(y, p)),
        "accuracy": float(accuracy_score(y, pred)),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "f1": float(f1_score(y, pred, zero_division=0)),
    }


def metric_cases():
    cases = []
    y = rng.random(300) < 0.3
    p = np.clip(0.3 + 0.4 * y + rng.normal(0, 0.25, 300), 0, 1)
    cases.append(metrics_case("continuous scores with exact 0 and 1", y, p))
    # Scores rounded to one decimal: many ties across the classes.
    p_tied = np.round(p, 1)
    cases.append(metrics_case("heavily tied scores", y, p_tied))
    y_small = [True, False, True, True, False, False, True, False]
    p_small = [0.5, 0.5, 0.7, 0.2, 0.2, 0.9, 0.5, 0.1]
    cases.append(metrics_case("ties at the threshold", y_small, p_small))
    y_none = [True, False, False, True]
    p_none = [0.4, 0.1, 0.3, 0.2]
    cases.append(metrics_case("no positive predictions", y_none, p_none))
    return cases


def logistic_cases():
    cases = []
    n, d = 240, 5
    x = rng.normal(0, 1, (n, d))
    x[:, 3] = np.round(x[:, 3])  # a discrete input
    x[:, 4] = (rng.random(n) < 0.2).astype(float)  # a rare 0/1 input
    w = np.array([1.5, -2.0, 0.5, 0.0, 1.0])
    z = x @ w - 0.7
    y = rng.random(n) < 1 / (1 + np.exp(-z))
    for c in (1.0, 0.05):
        model = LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(x, y)
        cases.append({
            "c": c,
            "x": x.ravel().tolist(),
            "rows": n,
            "columns": d,
            "labels": y.tolist(),
            "coefficients": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        })
    return cases


def encoder_case():
    values = rng.normal(50, 10, 40)
    values[[3, 7, 11, 30]] = np.nan
    imputed = SimpleImputer(strategy="median").fit_transform(values.reshape(-1, 1))
    scaled = StandardScaler().fit_transform(imputed)[:, 0]
    return {
        "values": [None if np.isnan(v) else float(v) for v in values],
        "encoded": scaled.tolist(),
    }


def split_cases():
    labels = (rng.random(101) < 0.27).tolist()
    cases = []
    for seed in (42, 7):
        training, validation = stratified_split(labels, 0.25, seed)
        cases.append({"seed": seed, "labels": labels, "training": training, "validation": validation})
    return cases


vectors = {
    "metrics": metric_cases(),
    "logistic": logistic_cases(),
    "encoder": encoder_case(),
    "splits": split_cases(),
}
with open(os.path.join(os.path.dirname(__file__), "vectors.json"), "w") as f:
    json.dump(vectors, f, indent=1)
