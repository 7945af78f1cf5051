#!/usr/bin/python3
"""KSG mutual information: scikit-learn's time on the CSV that bench/compare_ksg.sh times Likely on.

  /usr/bin/python3 bench/compare_ksg.py make  FILE [ROWS]   writes FILE: ROWS (default 100000) pairs of a bivariate
                                                          Gaussian, rho = 0.6 (true I = -1/2 ln(1 - rho^2) nats), seed 13
  /usr/bin/python3 bench/compare_ksg.py time  FILE [RUNS]   reads FILE and times mutual_info_regression(x, y,
                                                          n_neighbors=3, random_state=0) RUNS times (default 5), median

scikit-learn 1.2 scales both columns to unit variance, adds 1e-10-scale noise, finds the k-th neighbour distances with
NearestNeighbors (a KD-tree, Chebyshev metric) and counts the marginal neighbours with KDTree.query_radius; it runs on
one thread. The time printed is the call alone (the CSV is read before the clock starts).
"""
import math
import statistics
import sys
import time

import numpy as np


def make(path, rows):
    rng = np.random.default_rng(13)
    rho = 0.6
    z = rng.normal(size=(rows, 2))
    x = z[:, 0]
    y = rho * z[:, 0] + math.sqrt(1 - rho * rho) * z[:, 1]
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="x,y", comments="", fmt="%.17g")
    print(f"wrote {path}: {rows} rows, rho = {rho}, true I = {-0.5 * math.log(1 - rho * rho):.6f} nats")


def time_sklearn(path, runs):
    import sklearn
    from sklearn.feature_selection import mutual_info_regression

    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x, y = data[:, :1], data[:, 1]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        mi = mutual_info_regression(x, y, n_neighbors=3, random_state=0)[0]
        times.append(time.perf_counter() - start)
    print(f"scikit-learn {sklearn.__version__} mutual_info_regression, {len(y)} rows: I = {mi:.10f} nats; "
          f"times {', '.join(f'{t:.3f}' for t in times)} s; median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    if command == "make":
        make(path, int(sys.argv[3]) if len(sys.argv) > 3 else 100000)
    elif command == "time":
        time_sklearn(path, int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    else:
        sys.exit(f"unknown command {command}; use make or time")
