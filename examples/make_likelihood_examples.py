#!/usr/bin/python3
"""Synthetic example data for the README's `likely fit` / `likely explain` commands (seeded, so reproducible):

    /usr/bin/python3 examples/make_likelihood_examples.py

heights.csv: height_cm, 500 draws of N(170, 8²) rounded to 0.1 cm (numpy default_rng(42)).
counts.csv:  goals, 1000 draws of Poisson(2.3); weather, 1000 draws of sunny/cloudy/rain with probabilities 0.5/0.3/0.2.
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(42)
heights = np.round(rng.normal(170.0, 8.0, 500), 1)
with open(os.path.join(here, "heights.csv"), "w") as f:
    f.write("height_cm\n")
    f.writelines(f"{h:.1f}\n" for h in heights)

goals = rng.poisson(2.3, 1000)
weather = rng.choice(["sunny", "cloudy", "rain"], size=1000, p=[0.5, 0.3, 0.2])
with open(os.path.join(here, "counts.csv"), "w") as f:
    f.write("goals,weather\n")
    f.writelines(f"{g},{w}\n" for g, w in zip(goals, weather))
