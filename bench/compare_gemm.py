#!/usr/bin/python3
"""OpenBLAS sgemm (through NumPy) on the shapes of bench/Likely.Bench/GemmTiming.cs: median µs and GFLOP/s.
Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/compare_gemm.py   (and =2)"""
import os, time
import numpy as np

shapes = ["128,256,784,N,T", "256,784,128,T,N", "128,784,256,N,N", "128,128,256,N,T", "128,256,128,N,N", "128,10,128,N,T", "1024,1024,1024,N,N"]
print(f"# OpenBLAS sgemm via NumPy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
rng = np.random.default_rng(1)
for shape in shapes:
    m, n, k, ta, tb = shape.split(",")
    m, n, k = int(m), int(n), int(k)
    # Stored as the C# side stores them; .T is a view, so NumPy passes the transpose flag to sgemm (no copy).
    a = rng.random((k, m) if ta == "T" else (m, k), dtype=np.float32)
    b = rng.random((n, k) if tb == "T" else (k, n), dtype=np.float32)
    opa = a.T if ta == "T" else a
    opb = b.T if tb == "T" else b
    c = np.empty((m, n), dtype=np.float32)
    flops = 2.0 * m * n * k
    calls = int(min(max(2e10 / flops, 3), 2000))
    for _ in range(calls):
        np.matmul(opa, opb, out=c)
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        np.matmul(opa, opb, out=c)
        times.append((time.perf_counter() - t) * 1e6)
    times.sort()
    med = times[calls // 2]
    print(f"{shape:<20} {med:10.1f} µs {flops / med / 1e3:8.1f} GFLOP/s   (fastest {times[0]:.1f} µs, {flops / times[0] / 1e3:.1f} GFLOP/s)")
