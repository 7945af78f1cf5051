#!/usr/bin/python3
"""Reference values for Likely's one normal-tail implementation (Numerics/NormalTails): SciPy's erfc, erf, ndtr and
log_ndtr (Cephes, double precision, about 1e-16 relative) over the whole range, deep tails included.

Run:  /usr/bin/python3 tests/Likely.Tests/Data/make_scipy_normal_tails.py   (writes scipy_normal_tails.json beside this file)
"""
import json
import os

import numpy as np
import scipy
from scipy import special

x = sorted(set([float(v) for v in np.concatenate([
    [-6.0, -3.0, -1.5, -1.0, -0.5, -1e-3, -1e-10, 0.0, 1e-300, 1e-10, 1e-3, 0.3, 0.5, 1.0, 1.2, 1.2247, 1.2248, 1.5, 2.0, 2.5,
     3.0, 4.0, 5.5, 7.0, 10.0, 15.0, 20.0, 25.0, 26.0, 26.5, 27.5, 30.0],
    np.linspace(-5, 26, 63)])]))
z = sorted(set([float(v) for v in np.concatenate([
    [-1e5, -1e4, -1000.0, -100.0, -40.0, -38.5, -37.0, -30.0, -20.0, -10.0, -8.0, -5.0, -3.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 1.0, 2.0,
     3.0, 5.0, 8.0, 10.0, 20.0, 38.0, 40.0],
    np.linspace(-40, 10, 51)])]))
out = {"source": "make_scipy_normal_tails.py: scipy.special erfc, erf, ndtr, log_ndtr (SciPy %s, NumPy %s)" % (scipy.__version__, np.__version__),
       "x": x, "erfc": [float(v) for v in special.erfc(x)], "erf": [float(v) for v in special.erf(x)],
       "z": z, "ndtr": [float(v) for v in special.ndtr(z)], "logNdtr": [float(v) for v in special.log_ndtr(z)],
       "logNdtrUpper": [float(v) for v in special.log_ndtr(-np.array(z))]}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_normal_tails.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, len(x), "x,", len(z), "z")
