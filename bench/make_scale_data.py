#!/usr/bin/python3
"""Generates the data sets of issue 12's table (not committed: ~90 MB and ~60 MB), seeded, in a folder.

    /usr/bin/python3 bench/make_scale_data.py /tmp/likely-scale

scale_numbers.csv  10,000,000 rows, column x ~ Normal(10, 2) with 4 decimals (the `fit normal` file, ~90 MB)
scale_labels.csv    5,000,000 rows, columns a (1,000 labels a0…a999, Zipf-like) and b (50 labels b0…b49, depending on a)
"""
import os
import sys

import numpy as np

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/likely-scale"
os.makedirs(folder, exist_ok=True)
rng = np.random.default_rng(12)

x = rng.normal(10.0, 2.0, 10_000_000)
with open(os.path.join(folder, "scale_numbers.csv"), "w") as f:
    f.write("x\n")
    np.savetxt(f, x, fmt="%.4f")

n = 5_000_000
weights = 1.0 / np.arange(1, 1001) ** 0.8
a = rng.choice(1000, size=n, p=weights / weights.sum())
b = (a * 7 + rng.integers(0, 10, size=n)) % 50
with open(os.path.join(folder, "scale_labels.csv"), "w") as f:
    f.write("a,b\n")
    for start in range(0, n, 1_000_000):
        rows = "\n".join(f"a{u},b{v}" for u, v in zip(a[start:start + 1_000_000], b[start:start + 1_000_000]))
        f.write(rows + "\n")
print(f"wrote {folder}/scale_numbers.csv and {folder}/scale_labels.csv")
