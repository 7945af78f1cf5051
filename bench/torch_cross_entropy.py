#!/usr/bin/python3
"""PyTorch's side of the cross-entropy benchmark (issue 3): torch.nn.functional.cross_entropy, float32, index targets,
mean reduction, forward-only and forward+backward, at torch.set_num_threads(1) and (2), for the shapes of
bench/Likely.Bench/LossesBenchmarks.cs, with and without label smoothing 0.1. Prints medians in ms.

Run: /usr/bin/python3 bench/torch_cross_entropy.py [repeats]
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

SHAPES = [(65536, 10), (8192, 1000), (1024, 50000)]
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def median_ms(fn):
    for _ in range(3):
        fn()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    torch.manual_seed(1)
    print(f"torch {torch.__version__}, {REPEATS} repeats, median ms")
    print("threads | shape | smoothing | forward ms | forward+backward ms")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for n, c in SHAPES:
            logits = (torch.rand(n, c) - 0.5) * 4
            targets = torch.randint(0, c, (n,))
            for eps in (0.0, 0.1):
                def forward():
                    with torch.no_grad():
                        F.cross_entropy(logits, targets, label_smoothing=eps).item()

                z = logits.clone().requires_grad_(True)

                def forward_backward():
                    z.grad = None
                    loss = F.cross_entropy(z, targets, label_smoothing=eps)
                    loss.backward()

                print(f"{threads} | {n}x{c} | {eps} | {median_ms(forward):.3f} | {median_ms(forward_backward):.3f}", flush=True)


if __name__ == "__main__":
    main()
