#!/usr/bin/python3
"""Reference values for Likely's vector scaling (Guo et al., 2017), computed independently with SciPy.

Run:  /usr/bin/python3 tests/Likely.Tests/Data/make_vector_scaling_reference.py   (writes vector_scaling_reference.json beside this file)

The reference is the definition itself: (ŵ, b̂) = argmin NLL(w, b), where
NLL(w, b) = -(1/N) Σ_i log softmax(w ⊙ z_i + b)[y_i], written here in NumPy (logsumexp) with its gradient, and minimized
by scipy.optimize.minimize (BFGS, gtol 1e-11) from w = 1, b = 0 in float64, then polished by Newton's method with the
Hessian by central differences of the gradient (pseudo-inverse: b is determined only up to a constant). b̂ is centred
to sum 0, the gauge Likely returns. Each case stores float32-representable logits (N×C, row-major), the labels, ŵ, b̂,
NLL(1, 0) and NLL(ŵ, b̂). Cases: per-class miscalibration (labels drawn from softmax(w* ⊙ z + b*) with w*, b* known),
one that is only overconfident (a temperature would do), and a two-class one.
"""
import json
import os

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

rng = np.random.default_rng(20261203)


def nll_and_gradient(theta, z, y):
    n, c = z.shape
    w, b = theta[:c], theta[c:]
    s = z * w + b
    lse = logsumexp(s, axis=1)
    loss = np.mean(lse - s[np.arange(n), y])
    r = np.exp(s - lse[:, None])
    r[np.arange(n), y] -= 1
    return float(loss), np.concatenate([(r * z).mean(axis=0), r.mean(axis=0)])


def fit(z, y):
    c = z.shape[1]
    theta = np.concatenate([np.ones(c), np.zeros(c)])
    result = minimize(nll_and_gradient, theta, args=(z, y), jac=True, method="BFGS", options={"gtol": 1e-11, "maxiter": 10000})
    theta = result.x
    for _ in range(3):  # Newton polish: H by central differences of the analytic gradient
        h = 1e-5
        hessian = np.empty((2 * c, 2 * c))
        for k in range(2 * c):
            e = np.zeros(2 * c)
            e[k] = h
            hessian[:, k] = (nll_and_gradient(theta + e, z, y)[1] - nll_and_gradient(theta - e, z, y)[1]) / (2 * h)
        theta = theta - np.linalg.pinv(0.5 * (hessian + hessian.T), rcond=1e-10) @ nll_and_gradient(theta, z, y)[1]
    w, b = theta[:c], theta[c:] - theta[c:].mean()
    return w, b, float(np.max(np.abs(nll_and_gradient(np.concatenate([w, b]), z, y)[1])))


def case(name, rows, classes, true_scale, true_bias):
    base = rng.normal(size=(rows, classes)) * 1.5
    # Labels drawn from softmax(base): `base` is calibrated. The stored logits z = (base − b*)/w* are miscalibrated, and
    # w* ⊙ z + b* = base undoes it, so ŵ ≈ w*, b̂ ≈ b* − mean(b*) up to sampling error.
    p = np.exp(base - logsumexp(base, axis=1, keepdims=True))
    y = np.array([rng.choice(classes, p=row) for row in p])
    z = ((base - true_bias) / true_scale).astype(np.float32).astype(np.float64)
    w, b, gradient = fit(z, y)
    return {"name": name, "rows": rows, "classes": classes, "logits": [float(v) for v in z.ravel()], "labels": [int(v) for v in y],
            "scale": [float(v) for v in w], "bias": [float(v) for v in b], "largestGradient": gradient,
            "crossEntropyBefore": nll_and_gradient(np.concatenate([np.ones(classes), np.zeros(classes)]), z, y)[0],
            "crossEntropyAfter": nll_and_gradient(np.concatenate([w, b]), z, y)[0]}


cases = [
    case("per-class", 600, 4, np.array([0.5, 1.0, 2.0, 1.5]), np.array([0.8, -0.3, 0.0, -0.5])),
    case("overconfident", 300, 5, np.full(5, 1 / 3.0), np.zeros(5)),
    case("two-class", 200, 2, np.array([0.7, 1.6]), np.array([0.4, -0.4])),
]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vector_scaling_reference.json")
with open(out, "w") as f:
    json.dump({"source": "make_vector_scaling_reference.py: scipy.optimize.minimize BFGS + Newton polish (SciPy %s, NumPy %s)" % (__import__("scipy").__version__, np.__version__),
               "cases": cases}, f)
for c in cases:
    print(c["name"], np.round(c["scale"], 4), np.round(c["bias"], 4), c["largestGradient"], c["crossEntropyBefore"], c["crossEntropyAfter"])
