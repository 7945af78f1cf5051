"""Kaplan-Meier reference values (tests/Likely.Tests/Likelihood/KaplanMeierTests.cs).

SciPy 1.10 has no scipy.stats.ecdf with CensoredData (it arrived in 1.11) and neither lifelines nor statsmodels is
installed, so the product-limit estimate is written out here independently of Likely's code, vectorized with NumPy:
for every distinct time t, n(t) = #{x >= t} (at risk; censored rows at t count, censoring taken to follow the events),
d(t) = #{x == t, event}, S(t) = cumprod(1 - d/n) over the times with d > 0. The reverse estimate (of the censoring
distribution) swaps the flags.

The sample: seeded Weibull(k = 1.5, lambda = 10) event times rounded to whole units (so events and censorings tie),
censored by uniform(0, 20) times, also rounded; a row is censored where its censoring time is below its event time.

Run: /usr/bin/python3 tests/Likely.Tests/Data/make_kaplan_meier_reference.py > tests/Likely.Tests/Data/kaplan_meier_reference.json
"""
import json
import sys

import numpy as np


def product_limit(x, event):
    times = np.unique(x[event])
    at_risk = (x[None, :] >= times[:, None]).sum(axis=1)
    deaths = ((x[None, :] == times[:, None]) & event[None, :]).sum(axis=1)
    survival = np.cumprod(1.0 - deaths / at_risk)
    return times, survival, at_risk, deaths


def main():
    rng = np.random.default_rng(20261203)
    n = 60
    t = np.round(10.0 * rng.weibull(1.5, size=n))
    c = np.round(rng.uniform(0.0, 20.0, size=n))
    censored = c < t
    x = np.where(censored, c, t)
    times, survival, at_risk, deaths = product_limit(x, ~censored)
    r_times, r_survival, _, _ = product_limit(x, censored)
    out = {
        "numpy": np.__version__,
        "values": [float(v) for v in x],
        "censored": [bool(v) for v in censored],
        "times": [float(v) for v in times],
        "survival": [float(v) for v in survival],
        "atRisk": [int(v) for v in at_risk],
        "events": [int(v) for v in deaths],
        "censoringTimes": [float(v) for v in r_times],
        "censoringSurvival": [float(v) for v in r_survival],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
