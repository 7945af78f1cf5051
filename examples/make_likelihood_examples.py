#!/usr/bin/python3
"""Every file in examples/, which the README's commands read and `likely tour` suggests (seeded, so reproducible):

    /usr/bin/python3 examples/make_likelihood_examples.py

heights.csv:       height_cm, 500 draws of N(170, 8²) rounded to 0.1 cm (numpy default_rng(42)).
counts.csv:        goals, 1000 draws of Poisson(2.3); weather, 1000 draws of sunny/cloudy/rain with probabilities
                   0.5/0.3/0.2 (the same generator, continued).
probabilities.csv: outcome, p: the tour's weather distribution p = (1/2, 1/4, 1/4), so H(p) = 1.5 bits.
values.csv:        label, four observed categories whose frequencies are that same p.
data.csv:          weather, umbrella: six days, small enough to check I(X; Y) by hand.
lifetimes.csv:     hours, still_running: 300 pump lifetimes drawn from Weibull(k = 1.5, λ = 2000 h) with their own
                   generator (default_rng(7)); the study stopped at 2,500 h, so a pump still running then is recorded
                   as 2500 with still_running = 1 (right-censored), the others with their failure time and 0.
pairs.csv:         x, y: 2,000 draws of a bivariate normal with correlation 0.6 (default_rng(13)), whose mutual
                   information is −½ ln(1 − 0.6²) = 0.2231 nats, for likely mi --estimator ksg.
heights.parquet:   heights.csv's height_cm as a Parquet double column (one row group, Parquet.Net 6.1.0's writer, no
                   pyarrow needed), written by bench/Likely.Scale's to-parquet (the README's "Big files" and
                   .ci/aot-smoke read it); needs the .NET SDK, and is skipped with a note without it.

The last three are written out, not drawn: the README's outputs for them are values worked by hand.
Rerunning the script reproduces the committed files byte for byte (NumPy 1.24); tests/Likely.Tests/Cli/ReadmeTests.cs
runs the README's commands against them and checks that this script writes every file in examples/.
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def write_csv(name, header, rows):
    # "\n" line ends on every platform, so the files are byte-identical wherever they are regenerated.
    with open(os.path.join(here, name), "w", newline="\n") as f:
        f.write(header + "\n")
        f.writelines(",".join(str(v) for v in row) + "\n" for row in rows)


rng = np.random.default_rng(42)
heights = np.round(rng.normal(170.0, 8.0, 500), 1)
write_csv("heights.csv", "height_cm", ([f"{h:.1f}"] for h in heights))

goals = rng.poisson(2.3, 1000)
weather = rng.choice(["sunny", "cloudy", "rain"], size=1000, p=[0.5, 0.3, 0.2])
write_csv("counts.csv", "goals,weather", zip(goals, weather))

write_csv("probabilities.csv", "outcome,p", [("sun", 0.5), ("rain", 0.25), ("snow", 0.25)])
write_csv("values.csv", "label", [("sun",), ("sun",), ("rain",), ("snow",)])
write_csv("data.csv", "weather,umbrella", [
    ("rain", "yes"), ("rain", "yes"), ("rain", "yes"),
    ("sun", "yes"), ("sun", "no"), ("sun", "no"),
])

# Appended with their own generators, so the files above are unchanged.
life = np.random.default_rng(7)
failure = np.round(2000.0 * life.weibull(1.5, 300), 1)
running = failure > 2500.0
write_csv("lifetimes.csv", "hours,still_running",
          ([f"{min(t, 2500.0):.1f}", int(r)] for t, r in zip(failure, running)))

pair = np.random.default_rng(13)
xy = pair.multivariate_normal([0.0, 0.0], [[1.0, 0.6], [0.6, 1.0]], size=2000)
write_csv("pairs.csv", "x,y", ([f"{x:.6f}", f"{y:.6f}"] for x, y in xy))

# Parquet through Likely's own bench harness (Parquet.Net), from heights.csv as just written: the same 500 values.
import shutil
import subprocess

if shutil.which("dotnet"):
    root = os.path.dirname(here)
    subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join(root, "bench", "Likely.Scale"), "--",
                    "to-parquet", os.path.join(here, "heights.csv"), "height_cm"], check=True)
    assert os.path.exists(os.path.join(here, "heights.parquet"))
else:
    print("note: dotnet not found, so heights.parquet was not rewritten")
