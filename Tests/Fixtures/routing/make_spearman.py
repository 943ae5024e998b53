# Reference values for RankCorrelation.spearman: scipy.stats.spearmanr on fixed vectors, ties
# included. Run: python3 Tests/Fixtures/routing/make_spearman.py > Tests/Fixtures/routing/spearman.json
import json
import numpy as np
from scipy.stats import spearmanr

rng = np.random.default_rng(17)
cases = []
x = rng.random(200); y = x + rng.normal(0, 0.2, 200)
cases.append(("noisy", x, y))
x = np.round(rng.random(100), 1); y = np.round(x * 0.5 + rng.random(100) * 0.5, 1)
cases.append(("ties", x, y))
x = rng.random(50); cases.append(("reversed", x, 1 - x))
x = np.array([0.1, 0.4, 0.4, 0.9, 0.2]); y = np.array([0.3, 0.3, 0.8, 0.7, 0.1])
cases.append(("small", x, y))
out = [{"name": n, "x": [float(v) for v in a], "y": [float(v) for v in b], "spearman": float(spearmanr(a, b).statistic)} for n, a, b in cases]
print(json.dumps({"schema_version": 1, "scipy": __import__("scipy").__version__, "cases": out}))
