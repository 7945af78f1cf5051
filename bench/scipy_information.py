#!/usr/bin/python3
"""Times SciPy on the workloads of bench/Likely.Bench/InformationBenchmarks.cs: 10 million float64 entries.

Run: /usr/bin/python3 bench/scipy_information.py   (Debian's python3-scipy; installs nothing)
Prints the median of 7 runs (after one warm-up) of:
  scipy.stats.entropy(p)      H(p)
  scipy.stats.entropy(p, q)   D(p||q)
  numpy.sum(p)                the bandwidth yardstick on the same 80 MB
"""
import statistics
import time

import numpy as np
import scipy
from scipy.stats import entropy

N = 10_000_000
RUNS = 7

rng = np.random.default_rng(42)
p = rng.random(N)
q = rng.random(N) + 1e-3
p /= p.sum()
q /= q.sum()


def median_ms(f):
    f()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


print(f"scipy {scipy.__version__}, numpy {np.__version__}, N = {N:,} float64, median of {RUNS} runs")
for name, f, megabytes in (
    ("scipy.stats.entropy(p)", lambda: entropy(p), 80),
    ("scipy.stats.entropy(p, q)", lambda: entropy(p, q), 160),
    ("numpy.sum(p)", lambda: np.sum(p), 80),
):
    ms = median_ms(f)
    print(f"{name:28s} {ms:8.2f} ms  {megabytes / ms:6.2f} GB/s")
