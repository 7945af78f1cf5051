#!/usr/bin/python3
"""Makes the 16-entry table and the polynomial of the float64 logarithm in src/Likely/Numerics/VectorLog.cs.

Run: /usr/bin/python3 bench/fit_log_table.py   (Debian's python3-mpmath; installs nothing; about 20 s)
Method (that of glibc's and ARM optimized-routines' log): x = 2^k·z with z in [0.703125, 1.40625), cut into 16
intervals by the top 4 bits of z's mantissa (counted from 0x3FE68, so that 1 lies inside interval 9); for each interval
a 1/c near its centre, chosen so that
  1. log c = -log(1/c) rounds to a float64 with an error below 2^-10 of its last place (logc is then as good as exact),
  2. c = RN(1/(1/c)) satisfies |1 - c·(1/c)| <= 2^-61 (so (z - c)·(1/c) is z/c - 1 to within 2^-61 where there is no FMA),
and c = 1 exactly for interval 9, so log x = log1p(z - 1) near x = 1 with no table error.
Then r = z/c - 1 lies in [-0.0295, 0.0313], and log1p(r) = r + r²·P(r) with P of degree 7, fitted by iteratively
reweighted least squares (close to minimax) on the absolute error of P at 160-bit precision.
Prints the three tables (C#), the coefficients and the fit's error, log2 of max |P - (log1p(r) - r)/r²|.
"""
import math
import random
import struct

import mpmath as mp

mp.mp.prec = 160
OFFSET = 0x3FE6800000000000
ENTRIES = 16
INDEX_SHIFT = 48
DEGREE = 7


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def double(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


rows = []
r_min = r_max = 0.0
for i in range(ENTRIES):
    low = double(OFFSET + i * (1 << INDEX_SHIFT))
    high = double(OFFSET + (i + 1) * (1 << INDEX_SHIFT))
    if low <= 1.0 < high:
        inverse_c, c, log_c = 1.0, 1.0, 0.0
    else:
        centre = bits(1.0 / ((low + high) / 2))
        rng = random.Random(i)
        while True:
            # Candidates spread over ±2^-12 (relative) around 1/centre: neighbouring doubles have nearly the same
            # rounding residue of log, so a walk along consecutive doubles would find none.
            inverse_c = double(centre + rng.randrange(-(1 << 40), 1 << 40))
            c = float(1 / mp.mpf(inverse_c))
            if abs(1 - mp.mpf(c) * inverse_c) > mp.mpf(2) ** -61:
                continue
            exact = -mp.log(mp.mpf(inverse_c))
            log_c = float(exact)
            if abs(mp.mpf(log_c) - exact) <= mp.mpf(math.ulp(log_c)) * mp.mpf(2) ** -10:
                break
    r_min = min(r_min, float(mp.mpf(low) * inverse_c - 1))
    r_max = max(r_max, float(mp.mpf(high) * inverse_c - 1))
    rows.append((inverse_c, c, log_c))


def target(r):
    return mp.mpf(-0.5) if r == 0 else (mp.log1p(r) - r) / r ** 2


a, b = mp.mpf(r_min) * 1.001, mp.mpf(r_max) * 1.001
nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + 0.5) / 400) for k in range(400)]
weights = [mp.mpf(1)] * len(nodes)
for _ in range(15):
    matrix = mp.matrix([[w * r ** j for j in range(DEGREE + 1)] for w, r in zip(weights, nodes)])
    rhs = mp.matrix([w * target(r) for w, r in zip(weights, nodes)])
    coefficients = mp.qr_solve(matrix, rhs)[0]
    errors = [abs(sum(coefficients[j] * r ** j for j in range(DEGREE + 1)) - target(r)) for r in nodes]
    worst = max(errors)
    weights = [w * (1 + 5 * e / worst) for w, e in zip(weights, errors)]
coefficients = [float(c) for c in coefficients]
grid = [a + (b - a) * k / 4000 for k in range(4001)]
error = max(abs(sum(mp.mpf(c) * r ** j for j, c in enumerate(coefficients)) - target(r)) for r in grid)

print(f"r in [{r_min:.6f}, {r_max:.6f}], log2 max |P - (log1p(r) - r)/r^2| = {float(mp.log(error, 2)):.1f}")
for name, column in (("InverseC", 0), ("C", 1), ("LogC", 2)):
    print(f"private static ReadOnlySpan<double> {name} =>\n[")
    for k in range(0, ENTRIES, 4):
        print("    " + ", ".join(repr(row[column]) for row in rows[k:k + 4]) + ",")
    print("];")
print("P = " + ", ".join(repr(c) for c in coefficients))
