#!/usr/bin/python3
"""Fits the polynomial for tanh x on |x| < 0.625 used by src/Likely/Models/ActivationFunctions.Vector.cs.

tanh x = x + x^3 * P(x^2), P of degree 4, by iteratively reweighted least squares on the relative error at Chebyshev
nodes (close to minimax); then the float32 Horner evaluation (fused steps emulated in float64, rounded per step) is
checked in ulps against float64 tanh. Run: /usr/bin/python3 bench/fit_tanh_polynomial.py
Prints: the float64 fit error, the float32 error in ulps (< 0.7), and P0..P4.
"""
import numpy as np

BOUND, DEGREE = 0.625, 5  # five coefficients: P0 + P1 y + ... + P4 y^4, y = x^2
x = np.cos(np.linspace(0, np.pi / 2, 4001)) * BOUND + 1e-12
y = x * x
target = np.tanh(x)
A = np.stack([x ** 3 * y ** k for k in range(DEGREE)], 1)
w = np.ones_like(x)
for _ in range(80):
    W = w / target
    c, *_ = np.linalg.lstsq(A * W[:, None], (target - x) * W, rcond=None)
    err = (x + A @ c - target) / target
    w = w * (1 + 5 * np.abs(err) / np.abs(err).max())
    w /= w.mean()
print("max rel err float64 eval:", np.abs(err).max())

c32 = c.astype(np.float32)
xs = np.linspace(1e-6, BOUND, 400001).astype(np.float32)
ys = (xs.astype(np.float64) * xs).astype(np.float32)
p = np.float32(c32[-1]) * np.ones_like(xs)
for k in range(DEGREE - 2, -1, -1):
    p = (p.astype(np.float64) * ys + c32[k]).astype(np.float32)
x3 = (xs.astype(np.float64) * ys).astype(np.float32)
r = (x3.astype(np.float64) * p + xs).astype(np.float32)
ref = np.tanh(xs.astype(np.float64))
ulp = np.spacing(ref.astype(np.float32)).astype(np.float64)
print("max err in ulps:", (np.abs(r - ref) / ulp).max())
print(", ".join(repr(float(v)) for v in c32))
