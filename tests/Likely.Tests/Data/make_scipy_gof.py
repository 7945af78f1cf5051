#!/usr/bin/python3
"""Reference values from SciPy for Likely's goodness-of-fit tests (tests/Likely.Tests/Likelihood/GoodnessOfFit*Tests.cs).

Run once with Debian's SciPy (1.10.1) and commit the output; the tests read the JSON and never need Python:

    /usr/bin/python3 tests/Likely.Tests/Data/make_scipy_gof.py

Writes tests/Likely.Tests/Data/scipy_gof.json with
  - "statistics": for seeded samples, the model parameters (Likely's parameterization) and SciPy's statistics under
    that model: kstest (two-sided D), cramervonmises (W²), and the Anderson-Darling A² as goodness_of_fit computes it
    (from logcdf and logsf); for the normal also scipy.stats.anderson's A², whose model uses the N − 1 standard
    deviation (so its parameters are written with that σ);
  - "chiSquare": discrete samples with Pearson's χ² from scipy.stats.chisquare over cells pooled by the rule Likely
    documents (walk the integers from min to max; close (a, b] once its expected count and the upper tail are both
    ≥ 5; first cell from −∞, last to +∞), pooled here independently with scipy's cdf/sf;
  - "bootstrap": p-values from scipy.stats.goodness_of_fit (parametric bootstrap with refits), with n_mc_samples and
    the Monte Carlo standard error √(p(1 − p)/B).
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261203)
statistics = []


def continuous(name, family, x, params, dist):
    entry = {"name": name, "family": family, "sample": [float(v) for v in x], "parameters": [float(p) for p in params],
             "ks": float(stats.kstest(x, dist.cdf).statistic),
             "cvm": float(stats.cramervonmises(x, dist.cdf).statistic)}
    xs = np.sort(x)
    n = len(xs)
    i = np.arange(1, n + 1)
    # goodness_of_fit's _anderson_darling: −n − Σ (2i − 1)/n (logcdf(x₍ᵢ₎) + logsf(x₍n+1−i₎)).
    entry["ad"] = float(-n - np.sum((2 * i - 1) / n * (dist.logcdf(xs) + dist.logsf(xs[::-1]))))
    statistics.append(entry)


x = rng.normal(10.0, 3.0, 60)
mu, sigma = stats.norm.fit(x)
continuous("normal", "normal", x, [mu, sigma], stats.norm(mu, sigma))
s1 = np.std(x, ddof=1)
continuous("normal-ddof1", "normal", x, [x.mean(), s1], stats.norm(x.mean(), s1))
statistics[-1]["andersonA2"] = float(stats.anderson(x, "norm").statistic)

y = rng.exponential(2.0, 60)
loc, scale = stats.expon.fit(y, floc=0)
continuous("exponential", "exponential", y, [1 / scale], stats.expon(0, scale))
statistics[-1]["andersonA2"] = float(stats.anderson(y, "expon").statistic)
mu, sigma = stats.norm.fit(y)
continuous("exponential-as-normal", "normal", y, [mu, sigma], stats.norm(mu, sigma))

w = 1.5 * rng.weibull(2.2, 80)
c, loc, scale = stats.weibull_min.fit(w, floc=0)
continuous("weibull", "weibull", w, [c, scale], stats.weibull_min(c, 0, scale))

g = rng.gamma(3.0, 0.5, 80)
a, loc, scale = stats.gamma.fit(g, floc=0)
continuous("gamma", "gamma", g, [a, scale], stats.gamma(a, 0, scale))

chi = []


def pooled_chisquare(name, family, x, params, dist):
    x = np.sort(x)
    n = len(x)
    observed, expected = [], []
    lower, last = 0.0, None
    b = np.floor(x[0])
    while b < x[-1]:
        cdf = dist.cdf(b)
        if n * (cdf - lower) >= 5 and n * dist.sf(b) >= 5:
            lo = -np.inf if last is None else last
            observed.append(int(np.sum((x > lo) & (x <= b))))
            expected.append(n * (cdf - lower))
            lower, last = cdf, b
        b += 1
    observed.append(int(np.sum(x > last)) if last is not None else n)
    expected.append(n * dist.sf(last) if last is not None else n)
    statistic = stats.chisquare(observed, expected).statistic if len(observed) > 1 else 0.0
    chi.append({"name": name, "family": family, "sample": [float(v) for v in x], "parameters": [float(p) for p in params],
                "observed": observed, "expected": [float(e) for e in expected], "chiSquare": float(statistic)})


k = rng.poisson(3.5, 120).astype(float)
pooled_chisquare("poisson", "poisson", k, [k.mean()], stats.poisson(k.mean()))
k = rng.negative_binomial(2.0, 0.3, 150).astype(float)
pooled_chisquare("negative-binomial", "negative-binomial", k, [2.0, 0.3], stats.nbinom(2.0, 0.3))

bootstrap = []
B = 9999


def gof(name, family, x, dist, statistic, known=None, held=None):
    res = stats.goodness_of_fit(dist, x, known_params=known, statistic=statistic, n_mc_samples=B,
                                random_state=np.random.default_rng(7))
    p = float(res.pvalue)
    bootstrap.append({"name": name, "family": family, "sample": [float(v) for v in x], "held": held or {},
                      "statistic": statistic, "value": float(res.statistic), "pValue": p, "resamples": B,
                      "standardError": float(np.sqrt(p * (1 - p) / B))})


# goodness_of_fit fits stats.norm itself with a special case (_fit_funs: scale = std with ddof=1, not the MLE); a
# fresh instance of the same norm_gen class is not in that table, so it is fitted by norm.fit, the MLE Likely uses.
mle_norm = type(stats.norm)(name="norm")
x = rng.normal(10.0, 3.0, 50)
for s in ("ks", "cvm", "ad"):
    gof("normal-" + s, "normal", x, mle_norm, s)
y = rng.exponential(2.0, 50)
gof("exponential-ad", "exponential", y, stats.expon, "ad", known={"loc": 0})
gof("exponential-as-normal-ad", "normal", y, mle_norm, "ad")

out = {"generator": "tests/Likely.Tests/Data/make_scipy_gof.py", "scipy": scipy.__version__, "numpy": np.__version__,
       "statistics": statistics, "chiSquare": chi, "bootstrap": bootstrap}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_gof.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
