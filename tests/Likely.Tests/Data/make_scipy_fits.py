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
  - "special": scipy.special gammaln, digamma, polygamma(1, x);
  - "cdfs": scipy cdf and logsf at points reaching both far tails (the categorical's by hand).
Weibull fits use weibull_min.fit with floc=0. SciPy 1.10's nbinom has no .fit, so nbinom_fit maximizes its
log-likelihood with scipy.optimize (L-BFGS-B, then a tight Nelder-Mead polish).
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

# Families added later draw from their own generator, so the samples above stay identical.
rng2 = np.random.default_rng(20261202)

x = 2.0 * rng2.weibull(1.7, N)
c, loc, scale = stats.weibull_min.fit(x, floc=0, optimizer=tight_fmin)
add("weibull", "weibull", x, {"k": c, "lambda": scale}, stats.weibull_min.logpdf(x, c, 0, scale).sum())
# With k held the MLE of λ is the closed form (mean xᵏ)^(1/k) (set ∂ ln L/∂λ = 0); weibull_min.fit(f0=1.5, floc=0)
# reaches it only to ~4e-9 (Nelder-Mead), so the closed form, evaluated with numpy, is the reference.
c, scale = 1.5, np.mean(x ** 1.5) ** (1 / 1.5)
add("weibull-fixed-k", "weibull", x, {"k": c, "lambda": scale}, stats.weibull_min.logpdf(x, c, 0, scale).sum(), {"k": 1.5})
c, loc, scale = stats.weibull_min.fit(x, floc=0, fscale=2.2, optimizer=tight_fmin)
add("weibull-fixed-lambda", "weibull", x, {"k": c, "lambda": scale}, stats.weibull_min.logpdf(x, c, 0, scale).sum(), {"lambda": 2.2})


def nbinom_fit(data, fixed_r=None, fixed_p=None):
    # SciPy 1.10's nbinom has no .fit: maximize its log-likelihood with scipy.optimize (bounded L-BFGS-B from the
    # method-of-moments start, then a tight Nelder-Mead polish), r and p as (log r, logit p).
    m, v = data.mean(), data.var()
    r0 = fixed_r if fixed_r is not None else (m * m / (v - m) if v > m else 1.0)
    p0 = fixed_p if fixed_p is not None else r0 / (r0 + m)

    def unpack(t):
        r = fixed_r if fixed_r is not None else np.exp(t[0])
        p = fixed_p if fixed_p is not None else special.expit(t[-1])
        return r, p

    def nll(t):
        r, p = unpack(t)
        return -stats.nbinom.logpmf(data, r, p).sum()

    t0 = []
    if fixed_r is None:
        t0.append(np.log(r0))
    if fixed_p is None:
        t0.append(special.logit(p0))
    res = optimize.minimize(nll, t0, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12})
    t = tight_fmin(nll, res.x)
    return unpack(t)


x = rng2.negative_binomial(3.0, 0.4, N).astype(float)
r, p = nbinom_fit(x)
add("negative-binomial", "negative-binomial", x, {"r": r, "p": p}, stats.nbinom.logpmf(x, r, p).sum())
r, p = nbinom_fit(x, fixed_r=2.5)
add("negative-binomial-fixed-r", "negative-binomial", x, {"r": r, "p": p}, stats.nbinom.logpmf(x, r, p).sum(), {"r": 2.5})
r, p = nbinom_fit(x, fixed_p=0.35)
add("negative-binomial-fixed-p", "negative-binomial", x, {"r": r, "p": p}, stats.nbinom.logpmf(x, r, p).sum(), {"p": 0.35})

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

xs = [0.0, 0.01, 0.5, 1.0, 3.0, 40.0]
density("weibull", [1.7, 2.0], xs[1:], stats.weibull_min.logpdf(xs[1:], 1.7, 0, 2.0))
density("weibull", [0.6, 0.5], xs[1:], stats.weibull_min.logpdf(xs[1:], 0.6, 0, 0.5))
xs = [0, 1, 3, 10, 150]
density("negative-binomial", [2.5, 0.3], xs, stats.nbinom.logpmf(xs, 2.5, 0.3))
density("negative-binomial", [0.4, 0.05], xs, stats.nbinom.logpmf(xs, 0.4, 0.05))

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

entropies.append({"family": "weibull", "parameters": [1.7, 2.0], "entropy": float(stats.weibull_min(1.7, 0, 2.0).entropy())})
entropies.append({"family": "weibull", "parameters": [0.6, 0.5], "entropy": float(stats.weibull_min(0.6, 0, 0.5).entropy())})


def nbinom_entropy(r, p):
    # scipy's discrete entropy() stops its sum early; the reference is the series summed here to k = 20000 with
    # math.fsum (the omitted tail is below 1e-30 for these parameters).
    import math
    k = np.arange(0, 20000)
    lp = stats.nbinom.logpmf(k, r, p)
    return -math.fsum(np.exp(lp) * lp)


for r, p in [(2.5, 0.3), (0.4, 0.05), (40.0, 0.9)]:
    entropies.append({"family": "negative-binomial", "parameters": [r, p], "entropy": float(nbinom_entropy(r, p))})

# CDF and log-survival at points that include both far tails: scipy's cdf and logsf (logsf uses complementary
# special functions, e.g. gammaincc, betainc on the other tail, log_ndtr).
cdfs = []


def json_number(v):
    # JSON has no infinity: −∞ (the log-survival at or above the top of the support) is written as the string "-Infinity".
    return float(v) if np.isfinite(v) else ("-Infinity" if v < 0 else "Infinity")



def cdf_case(family, params, dist, xs):
    cdfs.append({"family": family, "parameters": [float(p) for p in params], "x": [float(v) for v in xs],
                 "cdf": [float(v) for v in dist.cdf(xs)], "logSurvival": [json_number(v) for v in dist.logsf(xs)],
                 "logCdf": [json_number(dist.logcdf(v)) for v in xs]})  # one point at a time: SciPy 1.10's nbinom logcdf fails on arrays


cdf_case("normal", [1.0, 2.5], stats.norm(1.0, 2.5), [-60.0, -20.0, -3.0, 0.0, 1.0, 1.7, 12.0, 30.0, 60.0])
cdf_case("lognormal", [0.2, 0.9], stats.lognorm(0.9, 0, np.exp(0.2)), [1e-8, 0.01, 0.5, 1.0, 3.0, 40.0, 1e6])
cdf_case("exponential", [0.8], stats.expon(0, 1 / 0.8), [-1.0, 1e-9, 0.5, 1.0, 3.0, 40.0, 500.0])
cdf_case("laplace", [0.5, 1.5], stats.laplace(0.5, 1.5), [-500.0, -3.0, 0.0, 0.5, 1.7, 12.0, 500.0])
cdf_case("gamma", [0.7, 2.0], stats.gamma(0.7, 0, 2.0), [1e-10, 0.01, 0.5, 1.0, 3.0, 40.0, 600.0])
cdf_case("gamma", [35.0, 0.1], stats.gamma(35.0, 0, 0.1), [0.5, 2.0, 3.5, 5.0, 12.0, 30.0])
cdf_case("beta", [0.6, 2.4], stats.beta(0.6, 2.4), [1e-12, 0.001, 0.2, 0.5, 0.93, 0.999, 1 - 1e-9])
cdf_case("student-t", [3.5, 0.5, 1.5], stats.t(3.5, 0.5, 1.5), [-1e6, -30.0, -3.0, 0.0, 0.5, 1.7, 12.0, 1e6])
cdf_case("weibull", [1.7, 2.0], stats.weibull_min(1.7, 0, 2.0), [1e-6, 0.01, 0.5, 2.0, 5.0, 20.0, 60.0])
cdf_case("poisson", [4.2], stats.poisson(4.2), [-0.5, 0.0, 1.0, 3.5, 4.0, 10.0, 30.0, 60.0])
cdf_case("poisson", [400.0], stats.poisson(400.0), [250.0, 380.0, 400.0, 420.0, 600.0])
cdf_case("binomial", [150, 0.3], stats.binom(150, 0.3), [-1.0, 0.0, 10.0, 45.0, 45.5, 80.0, 140.0])
cdf_case("geometric", [0.15], stats.geom(0.15), [0.5, 1.0, 2.0, 5.5, 40.0, 400.0])
cdf_case("bernoulli", [0.27], stats.bernoulli(0.27), [-0.5, 0.0, 0.5, 1.0, 2.0])
cdf_case("negative-binomial", [2.5, 0.3], stats.nbinom(2.5, 0.3), [-1.0, 0.0, 3.0, 5.7, 20.0, 100.0, 300.0])
cdf_case("negative-binomial", [0.4, 0.05], stats.nbinom(0.4, 0.05), [0.0, 1.0, 8.0, 50.0, 1000.0])
# scipy has no categorical; its CDF is the cumulative sum, written here by hand with the log-survival as the log of
# the upper sum (p = 0.5, 0.3, 0.15, 0.05).
cdfs.append({"family": "categorical", "parameters": [0.5, 0.3, 0.15, 0.05], "x": [-1.0, 0.0, 1.5, 2.0, 3.0],
             "cdf": [0.0, 0.5, 0.8, 0.95, 1.0],
             "logSurvival": [0.0, float(np.log(0.5)), float(np.log(0.2)), float(np.log(0.05)), "-Infinity"],
             "logCdf": ["-Infinity", float(np.log(0.5)), float(np.log(0.8)), float(np.log(0.95)), 0.0]})

# The log-CDF where F(x) is below the smallest double (1e-308), so ln(cdf) would be −∞: SciPy's logcdf where it has a
# dedicated one (norm and lognorm: log_ndtr), mpmath at 60 digits from the definitions elsewhere (SciPy's generic
# logcdf is log(cdf) and gives −∞ there). Each entry names its source.
import mpmath
mpmath.mp.dps = 60
deep = []


def deep_case(family, params, xs, log_cdf, source):
    deep.append({"family": family, "parameters": [float(p) for p in params], "x": [float(v) for v in xs],
                 "logCdf": [float(log_cdf(mpmath.mpf(v))) for v in xs], "source": source})


mp = mpmath
deep.append({"family": "normal", "parameters": [1.0, 2.5], "x": [-100.0, -1000.0, -1e5],
             "logCdf": [float(v) for v in stats.norm(1.0, 2.5).logcdf([-100.0, -1000.0, -1e5])], "source": "scipy.stats.norm.logcdf (log_ndtr)"})
deep.append({"family": "lognormal", "parameters": [0.2, 0.9], "x": [1e-30, 1e-300],
             "logCdf": [float(v) for v in stats.lognorm(0.9, 0, np.exp(0.2)).logcdf([1e-30, 1e-300])], "source": "scipy.stats.lognorm.logcdf (log_ndtr)"})
deep_case("exponential", [0.8], [1e-320, 1e-200], lambda x: mp.log(-mp.expm1(-mp.mpf(0.8) * x)), "mpmath: ln(1 - exp(-lambda x))")
deep_case("laplace", [0.5, 1.5], [-2000.0, -1e5], lambda x: mp.log(mp.exp((x - mp.mpf(0.5)) / mp.mpf(1.5)) / 2), "mpmath: ln(exp((x - mu)/b)/2)")
deep_case("weibull", [1.7, 2.0], [1e-200, 1e-300], lambda x: mp.log(-mp.expm1(-(x / 2) ** mp.mpf(1.7))), "mpmath: ln(1 - exp(-(x/lambda)^k))")
deep_case("gamma", [35.0, 0.1], [1e-9, 1e-12], lambda x: mp.log(mp.gammainc(35, 0, x / mp.mpf(0.1), regularized=True)), "mpmath: ln P(k, x/theta)")
deep_case("beta", [30.0, 2.0], [1e-12, 1e-20], lambda x: mp.log(mp.betainc(30, 2, 0, x, regularized=True)), "mpmath: ln I_x(a, b)")
deep_case("student-t", [3.5, 0.5, 1.5], [-1e100, -1e150],
          lambda x: mp.log(mp.betainc(mp.mpf(3.5) / 2, mp.mpf(0.5), 0, mp.mpf(3.5) / (mp.mpf(3.5) + ((x - mp.mpf(0.5)) / mp.mpf(1.5)) ** 2), regularized=True) / 2),
          "mpmath: ln(I_w(nu/2, 1/2)/2), w = nu/(nu + t^2)")
deep_case("poisson", [1000.0], [0.0, 100.0], lambda x: mp.log(mp.gammainc(x + 1, 1000, mp.inf, regularized=True)), "mpmath: ln Q(k + 1, lambda)")
deep_case("binomial", [2000, 0.5], [0.0, 5.0],
          lambda x: mp.log(mp.fsum(mp.binomial(2000, j) * mp.mpf(0.5) ** 2000 for j in range(int(x) + 1))), "mpmath: ln of the sum of the pmf")
deep_case("negative-binomial", [500.0, 0.2], [0.0, 10.0], lambda x: mp.log(mp.betainc(500, x + 1, 0, mp.mpf(0.2), regularized=True)), "mpmath: ln I_p(r, k + 1)")

points = [1e-6, 0.013, 0.4, 0.5, 1.0, 1.5, 2.0, 3.7, 5.99, 6.0, 9.5, 10.0, 17.25, 123.4, 1e5]
special_values = {"x": points,
                  "gammaln": [float(special.gammaln(p)) for p in points],
                  "digamma": [float(special.digamma(p)) for p in points],
                  "trigamma": [float(special.polygamma(1, p)) for p in points]}

out = {"generator": "tests/Likely.Tests/Data/make_scipy_fits.py", "scipy": scipy.__version__, "numpy": np.__version__,
       "fits": cases, "densities": densities, "entropies": entropies, "special": special_values, "cdfs": cdfs,
       "logCdfDeep": deep}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_fits.json")


def keep_committed(out, path):
    # Entries already committed are kept byte for byte: a rerun on another machine moves the optimizer-based fits in
    # their last digits, and the tests' expected values must not drift. Only entries not yet in the file are added.
    if not os.path.exists(path):
        return out
    with open(path) as f:
        old = json.load(f)

    def key(entry):
        return entry.get("name") or json.dumps([entry["family"], entry["parameters"], entry.get("x")])

    for section in ("fits", "densities", "entropies", "cdfs"):
        committed = old.get(section, [])
        seen = {key(e) for e in committed}
        fresh = {key(e): e for e in out[section]}
        # A field added to the script since (e.g. "logCdf") joins the committed entry; its committed fields stay as they are.
        committed = [{**{k: v for k, v in fresh.get(key(e), {}).items() if k not in e}, **e} for e in committed]
        out[section] = committed + [e for e in out[section] if key(e) not in seen]
    out["special"] = old.get("special", out["special"])
    return out


out = keep_committed(out, path)
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path, len(cases), "fits")
