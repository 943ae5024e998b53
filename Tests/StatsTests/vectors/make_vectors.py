"""Reference values for the Stats tests, computed once with scipy/numpy.

Run from this directory:  python3 make_vectors.py   (writes vectors.json)
Made with scipy 1.17.1 and numpy 2.4. Inputs are stored in the JSON next to the
expected outputs, rounded to a few decimals so that ties occur and the file stays small.
"""
import json
import math

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

rng = np.random.default_rng(20261123)


def sample(n, loc=0.0, scale=1.0, decimals=3):
    return [float(v) for v in np.round(rng.normal(loc, scale, n), decimals)]


def ints(n, high, low=0):
    return [float(v) for v in rng.integers(low, high, n)]


def ks_case(name, a, b):
    r = stats.ks_2samp(a, b)
    return {"name": name, "a": a, "b": b, "statistic": float(r.statistic), "pvalue": float(r.pvalue)}


ks = [
    ks_case("tiny", [1.0, 2.0, 3.0], [4.0, 5.0]),
    ks_case("tiny overlapping", [0.1, 0.5, 0.9, 1.3], [0.2, 0.4, 0.6]),
    ks_case("single values", [1.0], [2.0]),
    ks_case("unequal sizes", sample(50), sample(73, 0.3)),
    ks_case("heavy ties", ints(300, 5), ints(250, 5)),
    ks_case("heavy ties shifted", ints(400, 5), ints(350, 6, 1)),
    ks_case("constant equal", [5.0] * 40, [5.0] * 30),
    ks_case("constant different", [5.0] * 40, [6.0] * 30),
    ks_case("equal sizes 7043", sample(7043, decimals=2), sample(7043, 0.03, decimals=2)),
    ks_case("equal sizes 7043 no drift", sample(7043, decimals=2), sample(7043, decimals=2)),
    ks_case("exact unequal 5000x4000", sample(5000, decimals=2), sample(4000, 0.05, decimals=2)),
    ks_case("exact unequal large shift", sample(900), sample(700, 1.5)),
    ks_case("asymptotic 20000x15000", sample(20000, decimals=2), sample(15000, 0.02, decimals=2)),
    ks_case("asymptotic 20000x15000 strong drift", sample(20000, decimals=2), sample(15000, 0.2, decimals=2)),
    ks_case("asymptotic one tiny sample", sample(1), sample(20000, decimals=2)),
    ks_case("asymptotic small en", sample(100, 0.2), sample(12000, decimals=2)),
    ks_case("asymptotic small en far", sample(60, 0.9), sample(12000, decimals=2)),
    ks_case("asymptotic medium en", sample(300, 0.1), sample(12000, decimals=2)),
]

kstwo = []
for n in [1, 2, 3, 5, 10, 50, 100, 140, 141, 300, 1000, 8571, 100000, 100001, 500000]:
    for x in [0.0001, 0.001, 0.004, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.9, 0.999]:
        kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})

smirnov = []
for n in [1, 2, 3, 10, 141, 1000, 8571, 200000, 1000000, 1000001]:
    for x in [0.0, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95, 1.0]:
        smirnov.append({"n": n, "x": x, "sf": float(special.smirnov(n, x))})

gammaincc = []
for a in [0.5, 1.0, 1.5, 2.5, 10.0, 25.0, 50.5, 150.0, 300.0, 2500.0]:
    for f in [0.01, 0.3, 0.8, 0.95, 1.0, 1.05, 1.3, 2.0, 4.0]:
        x = a * f
        gammaincc.append({"a": a, "x": x, "q": float(special.gammaincc(a, x))})
for a, x in [(0.5, 1e-8), (3.0, 0.2), (1.0, 700.0), (4.0, 0.6)]:
    gammaincc.append({"a": a, "x": x, "q": float(special.gammaincc(a, x))})


def chi_case(name, obs, ref):
    obs = np.asarray(obs, dtype=float)
    ref = np.asarray(ref, dtype=float)
    exp = ref * obs.sum() / ref.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        r = stats.chisquare(obs, exp)
    stat = float(r.statistic)
    return {"name": name, "current": obs.tolist(), "reference": ref.tolist(),
            "statistic": stat if math.isfinite(stat) else None, "pvalue": float(r.pvalue)}


chisquare = [
    chi_case("three categories", [30, 45, 25], [300, 420, 280]),
    chi_case("strong shift", [80, 10, 10], [30, 40, 30]),
    chi_case("unequal totals", [5, 7, 9, 11], [50, 50, 60, 40]),
    chi_case("identical shares", [10, 20, 30], [100, 200, 300]),
    chi_case("category only in reference", [0, 50, 50], [10, 45, 45]),
    chi_case("category only in current", [5, 50, 45], [0, 55, 45]),
    chi_case("many categories", list(rng.integers(50, 150, 200).astype(float)), list(rng.integers(50, 150, 200).astype(float))),
]

js = []
for p, q in [([1.0, 0.0], [0.5, 0.5]), ([0.2, 0.3, 0.5], [0.25, 0.25, 0.5]), ([10, 0, 5, 3], [0, 7, 5, 1]),
             ([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]), ([3, 1], [1, 3]), (list(range(1, 21)), list(range(20, 0, -1)))]:
    js.append({"p": [float(v) for v in p], "q": [float(v) for v in q], "distance": float(distance.jensenshannon(p, q))})

wasserstein = []
for u, v in [([0.0, 1.0, 3.0], [5.0, 6.0, 8.0]), ([0.0, 1.0], [0.0, 1.0]), ([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]),
             (sample(500), sample(800, 0.4)), (ints(300, 4), ints(200, 5)), ([2.0], [2.0, 2.0, 5.0])]:
    wasserstein.append({"u": u, "v": v, "distance": float(stats.wasserstein_distance(u, v))})

quantiles = []
for values in [sample(11), ints(40, 3), [4.0], [1.0, 2.0], sample(1000)]:
    probs = [0.0, 0.1, 0.25, 0.333, 0.5, 0.9, 1.0]
    quantiles.append({"values": values, "probabilities": probs,
                      "quantiles": [float(v) for v in np.quantile(values, probs)]})

ztest = []
for k1, n1, k2, n2 in [(40, 100, 55, 100), (300, 7043, 280, 7000), (1, 10, 9, 10), (0, 50, 3, 60), (500, 1000, 900, 1000)]:
    p1, p2 = k1 / n1, k2 / n2
    pooled = (k1 + k2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    ztest.append({"successes1": k1, "n1": n1, "successes2": k2, "n2": n2, "z": z,
                  "pvalue": float(2 * stats.norm.sf(abs(z)))})


def psi_numeric(ref, cur):
    """Our PSI for numeric features: cut points at the reference deciles (numpy.quantile, linear),
    duplicates merged, bins (-inf, e1], (e1, e2], ..., (ek, inf); empty shares become 0.0001."""
    edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
    rc = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    return psi_from_counts(rc, cc)


def psi_from_counts(rc, cc):
    r = np.asarray(rc, float) / np.sum(rc)
    c = np.asarray(cc, float) / np.sum(cc)
    r = np.where(r == 0, 0.0001, r)
    c = np.where(c == 0, 0.0001, c)
    return float(np.sum((c - r) * np.log(c / r)))


psi = []
for ref, cur in [(sample(1000), sample(800, 0.5)), (sample(1000), sample(1200)), (ints(500, 4), ints(600, 6)),
                 ([7.0] * 30, [7.0] * 10 + [8.0] * 10), (sample(25), sample(3, 2.0))]:
    psi.append({"reference": ref, "current": cur, "psi": psi_numeric(ref, cur)})
psi_counts = []
for rc, cc in [([50, 30, 20], [45, 35, 20]), ([50, 50, 0], [20, 30, 50]), ([100, 0], [0, 100])]:
    psi_counts.append({"reference": [float(v) for v in rc], "current": [float(v) for v in cc], "psi": psi_from_counts(rc, cc)})

out = {
    "scipy_version": scipy.__version__,
    "numpy_version": np.__version__,
    "ks_2samp": ks,
    "kstwo_sf": kstwo,
    "smirnov_sf": smirnov,
    "gammaincc": gammaincc,
    "chisquare": chisquare,
    "jensenshannon": js,
    "wasserstein": wasserstein,
    "quantile": quantiles,
    "proportion_z_test": ztest,
    "psi_numeric": psi,
    "psi_counts": psi_counts,
}
with open("vectors.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
