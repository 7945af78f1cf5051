#!/usr/bin/python3
"""Reference BCa intervals for Likely's entropy and mutual-information bootstrap, from SciPy's own BCa code.

Run:  /usr/bin/python3 tests/Likely.Tests/Data/make_information_bca_reference.py   (writes information_bca_reference.json beside this file)

SciPy's resampling draws differ from Likely's, so this compares the BCa adjustment given identical replicates: the
script draws B replicates with NumPy (its own resampling of the N observations), commits them, and computes the
interval with scipy.stats._resampling._bca_interval (the function scipy.stats.bootstrap(method='BCa') calls: z0 from
the replicates with ties counted half, the acceleration from the N leave-one-out jackknife values over the raw
observations) and _percentile_along_axis. The test feeds the same replicates to Likely's BCa with Likely's own
jackknife of the counts; the two must agree to rounding. Statistics: the plug-in entropy (nats) of a column of
categories, and the plug-in mutual information (nats) of pairs (paired, as bootstrap(paired=True) does: the
observations are the row indices).

Ties: an entropy from counts takes few distinct values, so many replicates equal the estimate in exact arithmetic, but
NumPy's sums order the terms differently for different resamples and leave them a few ulps apart, which decides on
which side of the estimate SciPy's z0 counts them. So every value handed to SciPy (estimate, replicates, jackknife) is
rounded to 13 decimals first, making the mathematical ties exact ties; Likely counts values within 1e-12 relative of
the estimate as ties, which is the same classification.
"""
import json
import os

import numpy as np
from scipy.stats import _resampling

rng = np.random.default_rng(20261204)


def entropy_of(x, axis=-1, k=None):
    # x: observations (category indices) along `axis`; any leading axes are separate samples.
    x = np.moveaxis(np.asarray(x), axis, -1)
    counts = np.stack([(x == c).sum(axis=-1) for c in range(k)], axis=-1).astype(float)
    p = counts / counts.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return terms.sum(axis=-1)


def mutual_information_of(xs, ys, rows, columns):
    def statistic(i, axis=-1):
        i = np.moveaxis(np.asarray(i), axis, -1)
        cell = xs[i] * columns + ys[i]
        joint = entropy_of(cell, k=rows * columns)
        return entropy_of(xs[i], k=rows) + entropy_of(ys[i], k=columns) - joint
    return statistic


def rounded(statistic):
    return lambda *args, **kwargs: np.round(statistic(*args, **kwargs), 13)


def bca(data, statistic, replicates, level):
    alpha = (1 - level) / 2
    replicates = np.round(replicates, 13)
    a1, a2, a_hat = _resampling._bca_interval(data, rounded(statistic), axis=-1, alpha=alpha, theta_hat_b=replicates[None, :], batch=None)
    lower = float(_resampling._percentile_along_axis(replicates[None, :], a1 * 100)[0])
    upper = float(_resampling._percentile_along_axis(replicates[None, :], a2 * 100)[0])
    return lower, upper, float(np.asarray(a_hat).ravel()[0])


cases = []
for name, counts, b in [("entropy-skewed", [30, 12, 5, 1, 1], 2000), ("entropy-small", [3, 2, 1], 999)]:
    k = len(counts)
    data = np.repeat(np.arange(k), counts)
    n = len(data)
    replicates = entropy_of(data[rng.integers(0, n, size=(b, n))], k=k)
    statistic = lambda x, axis=-1, k=k: entropy_of(x, axis, k)
    lower, upper, a = bca((data,), statistic, replicates, 0.95)
    cases.append({"name": name, "quantity": "entropy", "counts": counts, "rows": k, "columns": 1, "level": 0.95,
                  "estimate": float(statistic(data)), "replicates": [float(v) for v in np.round(replicates, 13)],
                  "acceleration": a, "lower": lower, "upper": upper})

# Mutual information of a 3×2 table of pairs (counts by cell, row-major).
table = np.array([[20, 5], [8, 9], [3, 15]])
rows, columns = table.shape
xs = np.repeat(np.arange(rows * columns) // columns, table.ravel())
ys = np.repeat(np.arange(rows * columns) % columns, table.ravel())
n = len(xs)
statistic = mutual_information_of(xs, ys, rows, columns)
index = np.arange(n)
replicates = statistic(rng.integers(0, n, size=(1500, n)))
lower, upper, a = bca((index,), statistic, replicates, 0.9)
cases.append({"name": "mi-3x2", "quantity": "mutual-information", "counts": [int(v) for v in table.ravel()], "rows": rows, "columns": columns,
              "level": 0.9, "estimate": float(statistic(index)), "replicates": [float(v) for v in np.round(replicates, 13)],
              "acceleration": a, "lower": lower, "upper": upper})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "information_bca_reference.json")
with open(out, "w") as f:
    json.dump({"source": "make_information_bca_reference.py: scipy.stats._resampling._bca_interval (SciPy %s, NumPy %s)" % (__import__("scipy").__version__, np.__version__),
               "cases": cases}, f)
for c in cases:
    print(c["name"], c["estimate"], c["acceleration"], c["lower"], c["upper"])
