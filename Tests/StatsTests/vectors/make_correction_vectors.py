"""Reference values for the multiple-testing corrections and the KS critical statistic.

Run from this directory:  python3 make_correction_vectors.py   (writes corrections.json)
Made with statsmodels 0.15.0 and scipy 1.17.1:
  - statsmodels.stats.multitest.multipletests(p, method="bonferroni" | "fdr_bh")[1]
  - the D at which ks_2samp's asymptotic p-value, scipy.stats.kstwo.sf(D, round(n1*n2/(n1+n2))),
    equals alpha, found by scipy.optimize.brentq to 1e-15 (kstwo.isf itself stops near 1e-7).
"""
import json

import numpy as np
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests

rng = np.random.default_rng(20261202)

families = [
    [0.01, 0.02, 0.03, 0.04, 0.05],
    [0.05, 0.01, 0.04, 0.03, 0.02],
    [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
    [0.5],
    [1.0, 1.0, 0.0, 0.0],
    [1e-300, 0.3, 0.3, 0.3],
    [0.2, 0.2, 0.2, 0.01],
    [float(v) for v in rng.uniform(0, 1, 20)],
    [float(v) for v in np.concatenate([rng.uniform(0, 1, 16), rng.uniform(0, 1e-4, 4)])],
    [float(v) for v in rng.uniform(0, 0.1, 50)],
]

corrections = []
for p in families:
    corrections.append({
        "p": p,
        "bonferroni": [float(v) for v in multipletests(p, method="bonferroni")[1]],
        "fdr": [float(v) for v in multipletests(p, method="fdr_bh")[1]],
    })

critical = []
for n1, n2 in [(7043, 7043), (7043, 7111), (100_000, 100_000), (1_000_000, 1_010_309),
               (10_000_000, 10_000_000), (500, 20_000), (30, 40), (3, 2)]:
    for alpha in [0.05, 0.05 / 16, 0.05 / 20, 0.01, 1e-6]:
        en = round(n1 * n2 / (n1 + n2))
        d = optimize.brentq(lambda x: stats.kstwo.sf(x, en) - alpha, 0.5 / en, 1.0, xtol=1e-17, rtol=1e-15)
        critical.append({"n1": n1, "n2": n2, "alpha": alpha, "d": float(d)})

with open("corrections.json", "w") as f:
    json.dump({"multipletests": corrections, "ks_critical": critical}, f, indent=1)
    f.write("\n")
