#!/usr/bin/python3
"""Writes scipy_information.json: reference values from SciPy/scikit-learn for Likely's information-theory tests.

Run with /usr/bin/python3 (Debian's scipy 1.10.1, scikit-learn 1.2.1, numpy 1.24.2); installs nothing.
  entropy        = scipy.stats.entropy(p, base=b)
  kl             = scipy.stats.entropy(p, q, base=b)          (D(p||q))
  cross_entropy  = scipy.stats.entropy(p, base=b) + scipy.stats.entropy(p, q, base=b)
                   checked against -sum(scipy.special.xlogy(p, q)) / log(b)
  js             = scipy.spatial.distance.jensenshannon(p, q, base=b) ** 2   (SciPy returns the distance)
  mutual_info    = sklearn.metrics.mutual_info_score(x, y) (nats) for label sequences
"""
import json
import math
import os

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import jensenshannon
from scipy.special import xlogy
from scipy.stats import entropy
from sklearn.metrics import mutual_info_score

rng = np.random.default_rng(20261128)
vectors = [
    ([0.5, 0.25, 0.25], [0.2, 0.3, 0.5]),
    ([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]),
    ([0.0, 0.5, 0.5, 0.0], [0.1, 0.2, 0.3, 0.4]),
    ([0.9, 0.05, 0.05], [0.05, 0.05, 0.9]),
]
for n in (5, 17, 64, 301):
    p = rng.random(n)
    p[rng.random(n) < 0.2] = 0.0
    q = rng.random(n) + 1e-3
    vectors.append(((p / p.sum()).tolist(), (q / q.sum()).tolist()))

cases = []
for p, q in vectors:
    for base in (math.e, 2.0, 10.0, 3.0):
        pa, qa = np.array(p), np.array(q)
        h = float(entropy(pa, base=base))
        kl = float(entropy(pa, qa, base=base))
        ce = h + kl
        ce_direct = float(-xlogy(pa, qa).sum() / math.log(base))
        assert abs(ce - ce_direct) <= 1e-12 * max(1.0, ce), (ce, ce_direct)
        js = float(jensenshannon(pa, qa, base=base) ** 2)
        cases.append({"p": p, "q": q, "base": base, "entropy": h, "kl": kl, "cross_entropy": ce_direct, "js": js})

mutual = []
for rows, cols, size in ((2, 2, 10), (3, 4, 200), (5, 3, 1000)):
    x = rng.integers(0, rows, size)
    y = (x + rng.integers(0, cols, size)) % cols
    mutual.append({"x": [f"x{v}" for v in x], "y": [f"y{v}" for v in y], "mutual_info_nats": float(mutual_info_score(x, y))})

out = {
    "generator": f"make_scipy_information.py with scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "cases": cases,
    "mutual_information": mutual,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_information.json")
with open(path, "w") as f:
    json.dump(out, f)
print(f"wrote {path}: {len(cases)} vector cases, {len(mutual)} mutual-information cases")
