#!/usr/bin/python3
"""Reference values for Likely's temperature scaling (Guo et al., 2017), computed independently with SciPy.

Run:  /usr/bin/python3 tests/Likely.Tests/Data/make_temperature_reference.py   (writes temperature_reference.json beside this file)

scikit-learn has no temperature scaling, so the reference is the definition itself: T̂ = argmin_T NLL(T), where
NLL(T) = -(1/N) Σ_i log softmax(z_i / T)[y_i], minimized by scipy.optimize.minimize_scalar (Brent, on ln T, with a
tolerance far below the tests' 1e-6) in float64. Each case stores float32-representable logits (N×C, row-major),
the labels, T̂, NLL(1) and NLL(T̂). Cases: an overconfident model (logits scaled up: T̂ > 1), an underconfident one
(scaled down: T̂ < 1), and a well-calibrated one (labels drawn from softmax(z): T̂ ≈ 1).
"""
import json
import os

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import logsumexp

rng = np.random.default_rng(20261202)


def nll(z, y, t):
    s = z / t
    return float(np.mean(logsumexp(s, axis=1) - s[np.arange(len(y)), y]))


def case(name, rows, classes, scale):
    base = rng.normal(size=(rows, classes))
    # Labels drawn from softmax(base): the logits `base` are calibrated; multiplying them by `scale` miscalibrates them by T = scale.
    p = np.exp(base - logsumexp(base, axis=1, keepdims=True))
    y = np.array([rng.choice(classes, p=row) for row in p])
    z = (base * scale).astype(np.float32).astype(np.float64)
    fit = minimize_scalar(lambda u: nll(z, y, np.exp(u)), bracket=(-3.0, 3.0), method="brent", tol=1e-12)
    t = float(np.exp(fit.x))
    return {"name": name, "rows": rows, "classes": classes, "logits": [float(v) for v in z.ravel()], "labels": [int(v) for v in y],
            "temperature": t, "crossEntropyBefore": nll(z, y, 1.0), "crossEntropyAfter": nll(z, y, t)}


cases = [case("overconfident", 200, 5, 3.0), case("underconfident", 200, 5, 0.4), case("calibrated", 300, 4, 1.0)]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "temperature_reference.json")
with open(out, "w") as f:
    json.dump({"source": "make_temperature_reference.py: scipy.optimize.minimize_scalar (SciPy %s, NumPy %s)" % (__import__("scipy").__version__, np.__version__),
               "cases": cases}, f)
for c in cases:
    print(c["name"], c["temperature"], c["crossEntropyBefore"], c["crossEntropyAfter"])
