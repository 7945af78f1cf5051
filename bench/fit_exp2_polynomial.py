#!/usr/bin/python3
"""Fits the degree-6 polynomial for 2^f on [-1/2, 1/2] used by src/Likely/Numerics/VectorExp.cs.

Iteratively reweighted least squares on the relative error at Chebyshev nodes (close to minimax), then the float32
Horner evaluation is checked in ulps. Run: /usr/bin/python3 bench/fit_exp2_polynomial.py
Prints: the float64 fit error, the float32 error in ulps (< 1), and C1..C6.
"""
import numpy as np
# Fit 2^f on [-0.5, 0.5], p(f) = 1 + c1 f + ... + c6 f^6, minimizing relative error (iterated reweighted LS ~ minimax)
f = np.cos(np.linspace(0, np.pi, 4001)) * 0.5
target = 2.0 ** f
deg = 6
A = np.stack([f ** k for k in range(1, deg + 1)], 1)
w = np.ones_like(f)
for it in range(60):
    W = w / target
    c, *_ = np.linalg.lstsq(A * W[:, None], (target - 1) * W, rcond=None)
    err = (1 + A @ c - target) / target
    w = w * (1 + 5 * np.abs(err) / np.abs(err).max())
    w /= w.mean()
print("max rel err float64 eval:", np.abs(err).max())
c32 = c.astype(np.float32)
# emulate float32 Horner with FMA-ish (use float64 then round per step)
xs = np.linspace(-0.5, 0.5, 200001).astype(np.float32)
p = np.float32(c32[-1]) * np.ones_like(xs)
for k in range(deg - 2, -1, -1):
    p = (p.astype(np.float64) * xs + c32[k]).astype(np.float32)
p = (p.astype(np.float64) * xs + 1.0).astype(np.float32)
ref = 2.0 ** xs.astype(np.float64)
ulp = np.spacing(ref.astype(np.float32)).astype(np.float64)
print("max err in ulps:", (np.abs(p - ref) / ulp).max())
print(", ".join(repr(float(v)) for v in c32))
