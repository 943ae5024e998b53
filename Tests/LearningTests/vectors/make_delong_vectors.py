"""Reference standard errors of ROC AUC by DeLong's method, from the `confidenceinterval`
package (PyPI, 1.0.5): `delong_roc_variance` returns the AUC and its variance. Run once:
    pip install confidenceinterval==1.0.5 numpy && python3 make_delong_vectors.py
It writes delong.json beside this file."""
import json
import os

import numpy as np
from confidenceinterval.delong import delong_roc_variance

rng = np.random.default_rng(7)
cases = []


def add(name, labels, scores):
    auc, variance = delong_roc_variance(np.asarray(labels, dtype=int), np.asarray(scores, dtype=float))
    cases.append({"name": name, "labels": [bool(v) for v in labels], "scores": [float(s) for s in scores],
                  "auc": float(auc), "standard_error": float(np.sqrt(variance))})


n = 400
labels = rng.random(n) < 0.3
add("separable with noise", labels, rng.normal(labels * 1.2, 1.0))
labels = rng.random(n) < 0.5
add("ties from rounding", labels, np.round(rng.normal(labels * 0.5, 1.0), 1))
labels = rng.random(60) < 0.2
add("small and unbalanced", labels, rng.random(60) * 0.5 + labels * 0.3)
labels = rng.random(200) < 0.4
add("no signal", labels, rng.random(200))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "delong.json"), "w") as f:
    json.dump({"source": "confidenceinterval 1.0.5 delong_roc_variance", "cases": cases}, f, indent=1)
