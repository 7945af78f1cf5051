"""Reference fits for right-censored data (tests/Likely.Tests/Likelihood/CensoredFitTests.cs).

SciPy 1.10 has no CensoredData (it arrived in 1.11), so the reference is computed independently here: the censored
log-likelihood  sum over exact rows of logpdf(x) + sum over censored rows of logsf(x)  written with scipy.stats'
logpdf/logsf and maximized by scipy.optimize (Nelder-Mead to converge, then BFGS to polish), from a start away from
the answer. For the exponential the MLE also has a closed form, lambda = events / sum(x), written out as a check.

Type I censoring: seeded draws from a known member; every value above a fixed time C is recorded as C, censored.

Run: /usr/bin/python3 tests/Likely.Tests/Data/make_censored_reference.py > tests/Likely.Tests/Data/censored_reference.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import optimize, stats

# family name in Likely -> (scipy frozen constructor from Likely's parameters, truth, censoring time, start)
CASES = [
    ("exponential", lambda p: stats.expon(scale=1 / p[0]), [0.5], 3.0, [1.0]),
    ("normal", lambda p: stats.norm(p[0], p[1]), [10.0, 2.0], 11.5, [9.0, 3.0]),
    ("lognormal", lambda p: stats.lognorm(p[1], scale=np.exp(p[0])), [1.0, 0.5], 3.5, [0.5, 1.0]),
    ("gamma", lambda p: stats.gamma(p[0], scale=p[1]), [2.0, 1.5], 4.0, [1.0, 2.0]),
    ("weibull", lambda p: stats.weibull_min(p[0], scale=p[1]), [1.5, 2.0], 2.5, [1.0, 1.0]),
]
POSITIVE = {"exponential": [0], "normal": [1], "lognormal": [1], "gamma": [0, 1], "weibull": [0, 1]}


def censored_log_likelihood(make, params, x, censored):
    dist = make(params)
    return float(np.sum(dist.logpdf(x[~censored])) + np.sum(dist.logsf(x[censored])))


def fit(name, make, x, censored, start):
    positive = POSITIVE[name]

    def to_params(z):
        return [np.exp(v) if j in positive else v for j, v in enumerate(z)]

    def objective(z):
        value = censored_log_likelihood(make, to_params(z), x, censored)
        return -value if np.isfinite(value) else 1e300

    z0 = [np.log(v) if j in positive else v for j, v in enumerate(start)]
    rough = optimize.minimize(objective, z0, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000})
    polished = optimize.minimize(objective, rough.x, method="BFGS", options={"gtol": 1e-10})
    best = polished if polished.fun <= rough.fun else rough
    return to_params(best.x), -best.fun


def main():
    rng = np.random.default_rng(20261202)
    cases = []
    for name, make, truth, cutoff, start in CASES:
        draws = make(truth).rvs(size=400, random_state=rng)
        censored = draws > cutoff
        x = np.where(censored, cutoff, draws)
        estimate, log_likelihood = fit(name, make, x, censored, start)
        case = {
            "family": name,
            "truth": truth,
            "cutoff": cutoff,
            "values": [float(v) for v in x],
            "censored": [bool(c) for c in censored],
            "estimate": [float(v) for v in estimate],
            "logLikelihood": log_likelihood,
        }
        if name == "exponential":
            case["closedForm"] = [float((~censored).sum() / x.sum())]
        cases.append(case)
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
