#!/usr/bin/python3
"""Reference values for Likely's confidence intervals and model-comparison tests (tests/Likely.Tests/Likelihood).

Run once with Debian's SciPy (1.10.1) and commit the output; the tests read the JSON and never need Python:

    /usr/bin/python3 tests/Likely.Tests/Data/make_uncertainty_reference.py

Writes tests/Likely.Tests/Data/uncertainty_reference.json with
  - "profiles": seeded samples (numpy default_rng) and their 95% (and 90%) likelihood-ratio intervals, found by brute
    force: the profile log-likelihood max over the nuisance parameters is computed numerically (scipy.optimize,
    independently of Likely) on a fine grid around the estimate; the first grid points where the deviance
    2[lnL(mle) - profile] passes chi2.ppf(level, 1) bracket each end, which brentq then refines on the same numerical
    profile. For the normal, the closed forms are written too: mu = xbar +- s*sqrt(exp(c/N) - 1) and the sigma ends
    solving N[(s/sigma)^2 - 1 - ln (s/sigma)^2] = c. For the Poisson (one parameter, no nuisance) the exact deviance.
  - "tail": scipy.stats.norm.cdf/ppf and chi2.sf/ppf at chosen points.
  - "likelihoodRatio": exponential vs gamma on a gamma sample: both log-likelihoods, the statistic and chi2.sf(stat, 1).
  - "vuong": z and two-sided p of normal vs lognormal (both closed-form fits) computed directly with numpy.
  - "bca": a small replicate set with its numpy percentile interval and the BCa interval by the textbook formula.
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, stats

rng = np.random.default_rng(20261202)
out = {"scipy": scipy.__version__, "numpy": np.__version__}


def tight_scalar(f, lo, hi):
    r = optimize.minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": 1e-13, "maxiter": 5000})
    return r


def interval_from_profile(profile, mle, lnl_hat, level, lo, hi, points=4001):
    """Brute force: deviance on a grid in [lo, hi], bracket the crossings on either side of mle, refine by brentq."""
    c = stats.chi2.ppf(level, 1)
    dev = lambda v: 2 * (lnl_hat - profile(v)) - c
    grid_lo = np.linspace(lo, mle, points)
    grid_hi = np.linspace(mle, hi, points)
    d_lo = np.array([dev(v) for v in grid_lo])
    d_hi = np.array([dev(v) for v in grid_hi])
    i = np.where(d_lo < 0)[0][0]  # first grid point inside the interval, walking up from lo
    assert i > 0, "grid does not reach the lower end"
    lower = optimize.brentq(dev, grid_lo[i - 1], grid_lo[i], xtol=1e-14, rtol=1e-14)
    j = np.where(d_hi < 0)[0][-1]
    assert j < points - 1, "grid does not reach the upper end"
    upper = optimize.brentq(dev, grid_hi[j], grid_hi[j + 1], xtol=1e-14, rtol=1e-14)
    return lower, upper


profiles = []

# Normal: mu and sigma, nuisance maximized numerically.
x = rng.normal(3.0, 2.0, 50)
n = len(x)
xbar, s = x.mean(), x.std()  # the MLE: sigma divides by N
lnl_hat = stats.norm.logpdf(x, xbar, s).sum()
for level in (0.95, 0.90):
    def prof_mu(mu):
        r = tight_scalar(lambda ls: -stats.norm.logpdf(x, mu, np.exp(ls)).sum(), np.log(s) - 5, np.log(s) + 5)
        return -r.fun

    def prof_sigma(sig):
        r = tight_scalar(lambda m: -stats.norm.logpdf(x, m, sig).sum(), xbar - 10 * s, xbar + 10 * s)
        return -r.fun

    mu_lo, mu_hi = interval_from_profile(prof_mu, xbar, lnl_hat, level, xbar - 2 * s, xbar + 2 * s)
    sg_lo, sg_hi = interval_from_profile(prof_sigma, s, lnl_hat, level, 0.5 * s, 2.0 * s)
    c = stats.chi2.ppf(level, 1)
    mu_closed = (xbar - s * np.sqrt(np.expm1(c / n)), xbar + s * np.sqrt(np.expm1(c / n)))
    g = lambda sig: n * ((s / sig) ** 2 - 1 - np.log((s / sig) ** 2)) - c
    sg_closed = (optimize.brentq(g, 0.3 * s, s, xtol=1e-15, rtol=1e-15), optimize.brentq(g, s, 3 * s, xtol=1e-15, rtol=1e-15))
    profiles.append({"family": "normal", "level": level, "sample": x.tolist(),
                     "estimate": {"mu": xbar, "sigma": s},
                     "grid": {"mu": [mu_lo, mu_hi], "sigma": [sg_lo, sg_hi]},
                     "closedForm": {"mu": list(mu_closed), "sigma": list(sg_closed)},
                     "wald": {"mu": [xbar - stats.norm.ppf(0.5 + level / 2) * s / np.sqrt(n), xbar + stats.norm.ppf(0.5 + level / 2) * s / np.sqrt(n)],
                              "sigma": [s - stats.norm.ppf(0.5 + level / 2) * s / np.sqrt(2 * n), s + stats.norm.ppf(0.5 + level / 2) * s / np.sqrt(2 * n)]}})

# Gamma: shape and scale, the other maximized numerically (scipy's gamma logpdf, loc = 0).
x = rng.gamma(2.5, 1.5, 60)
ml = optimize.minimize(lambda t: -stats.gamma.logpdf(x, np.exp(t[0]), scale=np.exp(t[1])).sum(), [np.log(2.0), np.log(1.0)],
                       method="Nelder-Mead", options={"xatol": 1e-13, "fatol": 1e-14, "maxiter": 20000, "maxfev": 40000})
k_hat, th_hat = np.exp(ml.x)
lnl_hat = stats.gamma.logpdf(x, k_hat, scale=th_hat).sum()


def prof_shape(k):
    r = tight_scalar(lambda lt: -stats.gamma.logpdf(x, k, scale=np.exp(lt)).sum(), np.log(th_hat) - 6, np.log(th_hat) + 6)
    return -r.fun


def prof_scale(th):
    r = tight_scalar(lambda lk: -stats.gamma.logpdf(x, np.exp(lk), scale=th).sum(), np.log(k_hat) - 6, np.log(k_hat) + 6)
    return -r.fun


k_lo, k_hi = interval_from_profile(prof_shape, k_hat, lnl_hat, 0.95, 0.3 * k_hat, 3 * k_hat)
t_lo, t_hi = interval_from_profile(prof_scale, th_hat, lnl_hat, 0.95, 0.3 * th_hat, 3 * th_hat)
profiles.append({"family": "gamma", "level": 0.95, "sample": x.tolist(), "estimate": {"shape": k_hat, "scale": th_hat},
                 "grid": {"shape": [k_lo, k_hi], "scale": [t_lo, t_hi]}})

# Poisson: one parameter, so the profile is lnL itself; the deviance is exact.
x = rng.poisson(3.2, 40).astype(float)
lam = x.mean()
lnl_hat = stats.poisson.logpmf(x, lam).sum()
c = stats.chi2.ppf(0.95, 1)
dev = lambda l: 2 * (lnl_hat - stats.poisson.logpmf(x, l).sum()) - c
profiles.append({"family": "poisson", "level": 0.95, "sample": x.tolist(), "estimate": {"lambda": lam},
                 "grid": {"lambda": [optimize.brentq(dev, 1e-3, lam, xtol=1e-15, rtol=1e-15), optimize.brentq(dev, lam, 10 * lam, xtol=1e-15, rtol=1e-15)]}})
out["profiles"] = profiles

out["tail"] = {
    "normalCdf": [[z, stats.norm.cdf(z)] for z in (-30.0, -8.0, -3.0, -1.2, -0.3, 0.0, 0.7, 1.96, 5.0)],
    "normalQuantile": [[p, stats.norm.ppf(p)] for p in (1e-300, 1e-12, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-12)],
    "chiSquareSurvival": [[xx, k, stats.chi2.sf(xx, k)] for xx, k in ((0.1, 1), (3.841458820694124, 1), (10.0, 1), (60.0, 1), (2.0, 2), (7.5, 3), (4.0, 4), (20.0, 5), (0.5, 7), (150.0, 9))],
    "chiSquareOneQuantile": [[lv, stats.chi2.ppf(lv, 1)] for lv in (0.5, 0.9, 0.95, 0.99)],
}

# Likelihood ratio: exponential (rate = 1/mean) inside gamma (shape = 1), on a gamma sample.
x = rng.gamma(1.6, 2.0, 80)
lnl_exp = stats.expon.logpdf(x, scale=x.mean()).sum()
ml = optimize.minimize(lambda t: -stats.gamma.logpdf(x, np.exp(t[0]), scale=np.exp(t[1])).sum(), [0.0, 0.0],
                       method="Nelder-Mead", options={"xatol": 1e-13, "fatol": 1e-14, "maxiter": 20000, "maxfev": 40000})
lnl_gamma = -ml.fun
stat = 2 * (lnl_gamma - lnl_exp)
out["likelihoodRatio"] = {"sample": x.tolist(), "exponentialLogLikelihood": lnl_exp, "gammaLogLikelihood": lnl_gamma,
                          "statistic": stat, "pValue": stats.chi2.sf(stat, 1), "boundaryPValue": 0.5 * stats.chi2.sf(stat, 1)}

# Vuong: normal (first) vs lognormal (second), both closed-form MLEs; z = sqrt(N) mean(l) / sd(l), sd dividing by N.
x = rng.lognormal(1.0, 0.35, 120)
ln = np.log(x)
l = stats.norm.logpdf(x, x.mean(), x.std()) - stats.lognorm.logpdf(x, ln.std(), scale=np.exp(ln.mean()))
nn = len(x)
vuong = {"sample": x.tolist(), "pointwiseSum": l.sum()}
for name, penalty in (("none", 0.0), ("aic", 0.0), ("schwarz", 0.0)):  # equal parameter counts (2 and 2): no penalty
    z = (l.sum() - penalty) / (np.sqrt(nn) * l.std())
    vuong[name] = {"z": z, "pValue": 2 * stats.norm.sf(abs(z))}
out["vuong"] = vuong

# Vuong with unequal parameter counts: exponential (k = 1, first) vs normal (k = 2), so the corrections differ.
x = rng.exponential(2.0, 90) + 0.5
l = stats.expon.logpdf(x, scale=x.mean()) - stats.norm.logpdf(x, x.mean(), x.std())
nn = len(x)
v2 = {"sample": x.tolist()}
for name, penalty in (("none", 0.0), ("aic", 1.0 - 2.0), ("schwarz", (1.0 - 2.0) * np.log(nn) / 2)):
    z = (l.sum() - penalty) / (np.sqrt(nn) * l.std())
    v2[name] = {"z": z, "pValue": 2 * stats.norm.sf(abs(z))}
out["vuongUnequal"] = v2

# BCa on hand-made replicates: the percentile by numpy's linear interpolation, BCa by Efron's formula.
reps = np.array([2.1, 2.9, 3.3, 3.4, 3.8, 4.0, 4.1, 4.4, 4.6, 4.7, 5.0, 5.2, 5.5, 5.9, 6.4, 7.0, 7.3, 8.1, 9.2, 11.0])
est = 4.5
jack = np.array([4.2, 4.4, 4.45, 4.5, 4.6, 4.9, 5.3])
level = 0.90
alpha = (1 - level) / 2
z0 = stats.norm.ppf(np.mean(reps < est))
d = jack.mean() - jack
a = (d ** 3).sum() / (6 * ((d ** 2).sum()) ** 1.5)
za, zb = stats.norm.ppf(alpha), stats.norm.ppf(1 - alpha)
a1 = stats.norm.cdf(z0 + (z0 + za) / (1 - a * (z0 + za)))
a2 = stats.norm.cdf(z0 + (z0 + zb) / (1 - a * (z0 + zb)))
out["bca"] = {"replicates": reps.tolist(), "estimate": est, "jackknife": jack.tolist(), "level": level,
              "z0": z0, "acceleration": a,
              "percentile": [np.percentile(reps, 100 * alpha), np.percentile(reps, 100 * (1 - alpha))],
              "bca": [np.percentile(reps, 100 * a1), np.percentile(reps, 100 * a2)]}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "uncertainty_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, default=float)
print("wrote", path)
