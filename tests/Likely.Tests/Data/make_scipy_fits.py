#!/usr/bin/python3
"""Reference values from SciPy for Likely's distribution tests (tests/Likely.Tests/Distributions).

Run once with Debian's SciPy (1.10.1) and commit the output; the tests read the JSON and never need Python:

    /usr/bin/python3 tests/Likely.Tests/Data/make_scipy_fits.py

Writes tests/Likely.Tests/Data/scipy_fits.json with
  - "fits": for each case, a seeded sample (numpy default_rng(seed)) and scipy's maximum-likelihood estimate
    (scipy.stats.<dist>.fit with loc fixed at 0 where Likely's family has no location; discrete families through
    scipy.stats.fit, since scipy's discrete distributions have no .fit), plus scipy's log-likelihood at its estimate;
  - "densities": scipy logpdf/logpmf at given points and parameters;
  - "entropies": scipy's entropy() for given parameters;
  - "special": scipy.special gammaln, digamma, polygamma(1, x).
Parameters are written in Likely's parameterization (e.g. exponential rate = 1/scale, lognormal mu = ln scale).
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, special, stats

N = 400  # observations per fitted sample: enough for stable estimates, small enough to keep the JSON small


def tight_fmin(func, x0, args=(), disp=0):
    # scipy's default Nelder-Mead tolerances (1e-4) are too loose to compare against; tighten them.
    return optimize.fmin(func, x0, args=args, xtol=1e-12, ftol=1e-14, maxiter=20000, maxfun=40000, disp=0)


def discrete_fit(dist, data, bounds, guess):
    # scipy's default optimizer is differential evolution; a bounded quasi-Newton run from the guess is tighter.
    res = stats.fit(dist, data, bounds=bounds, guess=guess,
                    optimizer=lambda fun, bounds, integrality=None, x0=None: optimize.minimize(
                        fun, x0, bounds=bounds, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12}))
    assert res.success, res.message
    return res


cases = []


def add(name, family, sample, estimate, loglik, fixed=None):
    cases.append({"name": name, "family": family, "sample": [float(v) for v in sample],
                  "fixed": fixed or {}, "estimate": {k: float(v) for k, v in estimate.items()},
                  "logLikelihood": float(loglik)})


rng = np.random.default_rng(20261128)

x = rng.normal(3.0, 2.0, N)
loc, scale = stats.norm.fit(x)
add("normal", "normal", x, {"mu": loc, "sigma": scale}, stats.norm.logpdf(x, loc, scale).sum())
loc, scale = stats.norm.fit(x, floc=2.5)
add("normal-fixed-mu", "normal", x, {"mu": loc, "sigma": scale}, stats.norm.logpdf(x, loc, scale).sum(), {"mu": 2.5})

x = rng.exponential(1 / 0.7, N)
loc, scale = stats.expon.fit(x, floc=0)
add("exponential", "exponential", x, {"rate": 1 / scale}, stats.expon.logpdf(x, 0, scale).sum())

x = rng.laplace(-1.0, 0.5, N)
loc, scale = stats.laplace.fit(x)
add("laplace", "laplace", x, {"mu": loc, "b": scale}, stats.laplace.logpdf(x, loc, scale).sum())

x = rng.lognormal(0.3, 0.8, N)
s, loc, scale = stats.lognorm.fit(x, floc=0)
add("lognormal", "lognormal", x, {"mu": np.log(scale), "sigma": s}, stats.lognorm.logpdf(x, s, 0, scale).sum())

x = rng.gamma(2.5, 1.5, N)
a, loc, scale = stats.gamma.fit(x, floc=0)
add("gamma", "gamma", x, {"shape": a, "scale": scale}, stats.gamma.logpdf(x, a, 0, scale).sum())
a, loc, scale = stats.gamma.fit(x, f0=2.0, floc=0)
add("gamma-fixed-shape", "gamma", x, {"shape": a, "scale": scale}, stats.gamma.logpdf(x, a, 0, scale).sum(), {"shape": 2.0})
a, loc, scale = stats.gamma.fit(x, floc=0, fscale=1.2, optimizer=tight_fmin)
add("gamma-fixed-scale", "gamma", x, {"shape": a, "scale": scale}, stats.gamma.logpdf(x, a, 0, scale).sum(), {"scale": 1.2})

x = rng.gamma(0.4, 3.0, N)
a, loc, scale = stats.gamma.fit(x, floc=0)
add("gamma-small-shape", "gamma", x, {"shape": a, "scale": scale}, stats.gamma.logpdf(x, a, 0, scale).sum())

x = rng.beta(2.0, 5.0, N)
a, b, loc, scale = stats.beta.fit(x, floc=0, fscale=1, optimizer=tight_fmin)
add("beta", "beta", x, {"alpha": a, "beta": b}, stats.beta.logpdf(x, a, b).sum())

x = 1.0 + 0.5 * rng.standard_t(4.0, N)
df, loc, scale = stats.t.fit(x, optimizer=tight_fmin)
add("student-t", "student-t", x, {"nu": df, "mu": loc, "sigma": scale}, stats.t.logpdf(x, df, loc, scale).sum())
df, loc, scale = stats.t.fit(x, fdf=4.0, optimizer=tight_fmin)
add("student-t-fixed-nu", "student-t", x, {"nu": df, "mu": loc, "sigma": scale}, stats.t.logpdf(x, df, loc, scale).sum(), {"nu": 4.0})

x = rng.poisson(3.2, N).astype(float)
res = discrete_fit(stats.poisson, x, {"mu": (0.01, 50)}, {"mu": 1.0})
add("poisson", "poisson", x, {"lambda": res.params.mu}, stats.poisson.logpmf(x, res.params.mu).sum())

x = rng.geometric(0.3, N).astype(float)
res = discrete_fit(stats.geom, x, {"p": (0.001, 0.999)}, {"p": 0.5})
add("geometric", "geometric", x, {"p": res.params.p}, stats.geom.logpmf(x, res.params.p).sum())

x = rng.binomial(12, 0.35, N).astype(float)
res = discrete_fit(stats.binom, x, {"n": (12, 12), "p": (0.001, 0.999)}, {"n": 12, "p": 0.5})
add("binomial", "binomial", x, {"n": 12, "p": res.params.p}, stats.binom.logpmf(x, 12, res.params.p).sum(), {"n": 12})

x = (rng.random(N) < 0.27).astype(float)
res = discrete_fit(stats.bernoulli, x, {"p": (0.001, 0.999)}, {"p": 0.5})
add("bernoulli", "bernoulli", x, {"p": res.params.p}, stats.bernoulli.logpmf(x, res.params.p).sum())

densities = []


def density(family, params, xs, values):
    densities.append({"family": family, "parameters": [float(p) for p in params],
                      "x": [float(v) for v in xs], "logDensity": [float(v) for v in values]})


xs = [-3.0, -0.5, 0.0, 1.7, 12.0]
density("normal", [1.0, 2.5], xs, stats.norm.logpdf(xs, 1.0, 2.5))
density("laplace", [0.5, 1.5], xs, stats.laplace.logpdf(xs, 0.5, 1.5))
density("student-t", [3.5, 0.5, 1.5], xs, stats.t.logpdf(xs, 3.5, 0.5, 1.5))
xs = [0.01, 0.5, 1.0, 3.0, 40.0]
density("exponential", [0.8], xs, stats.expon.logpdf(xs, 0, 1 / 0.8))
density("lognormal", [0.2, 0.9], xs, stats.lognorm.logpdf(xs, 0.9, 0, np.exp(0.2)))
density("gamma", [0.7, 2.0], xs, stats.gamma.logpdf(xs, 0.7, 0, 2.0))
density("gamma", [35.0, 0.1], xs, stats.gamma.logpdf(xs, 35.0, 0, 0.1))
xs = [0.001, 0.2, 0.5, 0.93, 0.999]
density("beta", [0.6, 2.4], xs, stats.beta.logpdf(xs, 0.6, 2.4))
xs = [0, 1, 3, 10, 150]
density("poisson", [4.2], xs, stats.poisson.logpmf(xs, 4.2))
density("binomial", [150, 0.3], xs, stats.binom.logpmf(xs, 150, 0.3))
xs = [1, 2, 5, 40]
density("geometric", [0.15], xs, stats.geom.logpmf(xs, 0.15))

entropies = []
for family, params, value in [
    ("normal", [0.0, 2.5], stats.norm(0, 2.5).entropy()),
    ("exponential", [0.8], stats.expon(0, 1 / 0.8).entropy()),
    ("laplace", [0.0, 1.5], stats.laplace(0, 1.5).entropy()),
    ("lognormal", [0.2, 0.9], stats.lognorm(0.9, 0, np.exp(0.2)).entropy()),
    ("gamma", [0.7, 2.0], stats.gamma(0.7, 0, 2.0).entropy()),
    ("gamma", [35.0, 0.1], stats.gamma(35.0, 0, 0.1).entropy()),
    ("beta", [0.6, 2.4], stats.beta(0.6, 2.4).entropy()),
    ("student-t", [3.5, 0.0, 1.5], stats.t(3.5, 0, 1.5).entropy()),
    ("poisson", [4.2], stats.poisson(4.2).entropy()),
    ("poisson", [250.0], stats.poisson(250.0).entropy()),
    ("binomial", [150, 0.3], stats.binom(150, 0.3).entropy()),
    ("geometric", [0.15], stats.geom(0.15).entropy()),
    ("bernoulli", [0.27], stats.bernoulli(0.27).entropy()),
]:
    entropies.append({"family": family, "parameters": [float(p) for p in params], "entropy": float(value)})
# scipy 1.10's beta has no closed-form _entropy (it integrates numerically, good to ~1e-9), so the beta reference is
# the closed form ln B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b) evaluated with scipy.special.
for entry in entropies:
    if entry["family"] == "beta":
        a, b = entry["parameters"]
        entry["entropy"] = float(special.betaln(a, b) - (a - 1) * special.digamma(a) - (b - 1) * special.digamma(b)
                                 + (a + b - 2) * special.digamma(a + b))

points = [1e-6, 0.013, 0.4, 0.5, 1.0, 1.5, 2.0, 3.7, 5.99, 6.0, 9.5, 10.0, 17.25, 123.4, 1e5]
special_values = {"x": points,
                  "gammaln": [float(special.gammaln(p)) for p in points],
                  "digamma": [float(special.digamma(p)) for p in points],
                  "trigamma": [float(special.polygamma(1, p)) for p in points]}

out = {"generator": "tests/Likely.Tests/Data/make_scipy_fits.py", "scipy": scipy.__version__, "numpy": np.__version__,
       "fits": cases, "densities": densities, "entropies": entropies, "special": special_values}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_fits.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path, len(cases), "fits")
