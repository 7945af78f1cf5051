#!/usr/bin/python3
"""Writes information_estimators.json: reference values for Likely's Chao–Shen entropy, bootstrap percentiles and KSG
mutual information tests.

Run with /usr/bin/python3 (Debian's scipy 1.10.1, scikit-learn 1.2.1, numpy 1.24.2); installs nothing.

  chao_shen    Chao & Shen (2003), "Nonparametric estimation of Shannon's index of diversity when there are unseen
               species in sample", Environ. Ecol. Stat. 10:429-443, eq. (8) with the coverage of eq. (4):
                 C = 1 - f1/N (f1 = number of singletons; f1 = N is replaced by N - 1 so that C > 0),
                 pa_i = C * n_i / N,  H = -sum_i pa_i ln pa_i / (1 - (1 - pa_i)^N)   (nats)
               The R package 'entropy' (entropy.ChaoShen) is not installed here, so this is our own numpy transcription
               of the paper's formula (the same steps as entropy.ChaoShen); the C# test also checks one case by hand.
  percentiles  numpy.percentile (default 'linear' method, Hyndman-Fan type 7) of a seeded array: the rule Likely's
               bootstrap uses to turn resampled values into a percentile interval (SciPy's bootstrap uses the same call).
  ksg          sklearn.feature_selection.mutual_info_regression(x[:, None], y, n_neighbors=k, random_state=s) on a
               committed sample of a bivariate Gaussian with correlation rho (true I = -1/2 ln(1 - rho^2) nats).
               sklearn scales x and y to unit variance (no centring) and adds noise 1e-10 * max(1, mean|v|) * N(0, 1)
               to both; Likely scales the same way and adds no noise. To measure what the noise changes, the script
               also computes KSG algorithm 1 exactly (brute force, max-norm, no noise) with numpy/scipy.special.digamma
               and records the largest difference over three random_states.
"""
import json
import math
import os

import numpy as np
import scipy
import sklearn
from scipy.special import digamma
from sklearn.feature_selection import mutual_info_regression

rng = np.random.default_rng(20261202)


def chao_shen(counts):
    y = np.asarray(counts, dtype=float)
    y = y[y > 0]
    n = y.sum()
    p = y / n
    f1 = float(np.sum(y == 1))
    if f1 == n:
        f1 = n - 1
    c = 1 - f1 / n
    pa = c * p
    la = 1 - (1 - pa) ** n
    return float(-np.sum(pa * np.log(pa) / la))


count_cases = [[3, 1, 0], [1, 1, 1, 1], [5], [1], [2, 2, 1, 1, 1, 0, 7], [10, 20, 30, 1, 1, 2],
               rng.integers(0, 4, 40).tolist(), rng.integers(0, 50, 200).tolist(), (rng.poisson(0.7, 1000)).tolist()]
chao = [{"counts": [int(v) for v in c], "nats": chao_shen(c)} for c in count_cases]

values = rng.normal(size=999).tolist()
percentiles = {"values": values, "q": [0.5, 2.5, 5.0, 50.0, 95.0, 97.5, 99.5]}
percentiles["expected"] = [float(np.percentile(np.array(values), q)) for q in percentiles["q"]]


def ksg_exact(x, y, k):
    x = x / x.std()
    y = y / y.std()
    dx = np.abs(x[:, None] - x[None, :])
    dy = np.abs(y[:, None] - y[None, :])
    d = np.maximum(dx, dy)
    np.fill_diagonal(d, np.inf)
    eps = np.sort(d, axis=1)[:, k - 1]
    np.fill_diagonal(dx, np.inf)
    np.fill_diagonal(dy, np.inf)
    nx = (dx < eps[:, None]).sum(axis=1)
    ny = (dy < eps[:, None]).sum(axis=1)
    n = len(x)
    return max(0.0, float(digamma(k) + digamma(n) - np.mean(digamma(nx + 1)) - np.mean(digamma(ny + 1))))


ksg = []
for rho, n, k in ((0.0, 800, 3), (0.5, 800, 3), (0.9, 800, 3), (0.9, 1000, 5), (0.99, 600, 3)):
    z = rng.normal(size=(n, 2))
    x = z[:, 0] * 2.5 + 1.0
    y = (rho * z[:, 0] + math.sqrt(1 - rho * rho) * z[:, 1]) * 0.3 - 4.0
    x = np.round(x, 12)
    y = np.round(y, 12)
    sk = [float(mutual_info_regression(x[:, None], y, n_neighbors=k, random_state=s)[0]) for s in (0, 1, 2)]
    exact = ksg_exact(x, y, k)
    ksg.append({
        "rho": rho, "k": k, "x": x.tolist(), "y": y.tolist(),
        "sklearn_nats": sk[0], "exact_nats": exact,
        "sklearn_noise_effect": max(abs(s - exact) for s in sk),
        "true_nats": -0.5 * math.log(1 - rho * rho),
    })
    print(f"rho={rho} n={n} k={k}: sklearn {sk} exact {exact} true {-0.5 * math.log(1 - rho * rho)}")

out = {
    "generator": f"make_information_estimators.py with scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "chao_shen": chao,
    "percentiles": percentiles,
    "ksg": ksg,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "information_estimators.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path)
