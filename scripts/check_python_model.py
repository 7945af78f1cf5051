#!/usr/bin/python3
"""Checks python/likely_model.py against `likely predict`: trains digits models with `likely train` (softmax regression,
an MLP per activation, one without standardization, one calibrated by `likely calibrate` with a temperature and one with
vector scaling), writes rows of features to a
CSV (digit-like rows and rows outside the training range), predicts them with
`likely predict` and with the module, and fails when any probability differs by more than 1e-5. Last, it writes a
model with the module's save() (from docs/MODEL-FORMAT.md alone), with a temperature and with vector scaling, and checks
that likely predict reads it the same way.

  dotnet build -c Release && /usr/bin/python3 scripts/check_python_model.py

Needs numpy (Debian's python3-numpy); not run by CI. LIKELY overrides the command (default: the Release build's dll).
"""
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
import likely_model  # noqa: E402

TOLERANCE = 1e-5
LIKELY = shlex.split(os.environ.get("LIKELY", f"dotnet {ROOT}/src/Likely.Cli/bin/Release/net10.0/Likely.Cli.dll"))


def likely(*args):
    result = subprocess.run(LIKELY + list(args), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"likely {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def rows_csv(path, features, rng):
    # 300 rows: half like digits (pixel counts / 16 in [0, 1]), half wider (-1..2, negative pre-activations for every
    # activation's left side). Much larger inputs (±40) give logits of 10³ whose float32 rounding in Likely alone moves
    # the probabilities by a few 1e-5: that measures float32, not the format.
    d = len(features)
    x = np.concatenate([rng.integers(0, 17, (150, d)) / 16, rng.uniform(-1, 2, (150, d))]).astype(np.float32)
    with open(path, "w") as f:
        f.write(",".join(features) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    return x


def main():
    rng = np.random.default_rng(7)
    work = tempfile.mkdtemp(prefix="likely-python-model-")
    models = {"softmax (L-BFGS)": ["--architecture", "softmax", "--solver", "lbfgs"]}
    for activation in ["relu", "leaky-relu", "tanh", "sigmoid", "gelu"]:
        models[f"mlp 32,16 {activation}"] = ["--hidden-widths", "32,16", "--activation", activation, "--epochs", "3"]
    models["mlp 32, no standardizer"] = ["--hidden-widths", "32", "--no-standardize", "--epochs", "3"]
    # The README's calibrated model (T ≈ 0.6). A 5-epoch one gets T ≈ 0.17, and 1/T magnifies Likely's float32 logit
    # rounding to ~2e-5 in the probabilities.
    models["mlp 64, calibrated"] = ["--hidden-widths", "64", "--epochs", "20", "--batch-size", "32", "--validation", "0.2"]
    # Vector scaling on short trainings: after 20 epochs (or 5 of softmax regression) the 287 validation rows of digit 0
    # are separated by the scaled logit and the likelihood has no maximum (likely calibrate says so and stops).
    models["mlp 32 gelu, vector-calibrated"] = ["--hidden-widths", "32", "--activation", "gelu", "--epochs", "3", "--validation", "0.2"]
    models["softmax, vector-calibrated"] = ["--architecture", "softmax", "--epochs", "2", "--validation", "0.2"]
    worst = 0.0
    for i, (name, options) in enumerate(models.items()):
        path = os.path.join(work, f"m{i}.safetensors")
        likely("train", "--data", "digits", *options, "--out", path)
        if "vector-calibrated" in name:
            likely("calibrate", "--model", path, "--data", "validation", "--method", "vector", "--out", path)
        elif "calibrated" in name:
            likely("calibrate", "--model", path, "--data", "validation", "--out", path)
        model = likely_model.load(path)
        x = rows_csv(os.path.join(work, "rows.csv"), model.features, rng)
        likely("predict", "--model", path, "--data", os.path.join(work, "rows.csv"), "--out", os.path.join(work, "p.csv"))
        with open(os.path.join(work, "p.csv")) as f:
            header = f.readline().strip().split(",")
            expected = np.loadtxt(f, delimiter=",", ndmin=2)
        assert header == model.classes, (header, model.classes)
        actual = model.predict_proba(x)
        difference = float(np.abs(actual - expected).max())
        worst = max(worst, difference)
        print(f"{name:28s} {calibration(model):10s} rows {len(x)}  max |q_python - q_likely| = {difference:.2e}"
              f"{'' if difference <= TOLERANCE else '  FAIL'}")
    # And the other way: a model written by the module from the spec alone (random weights, every optional part) is
    # read by likely predict.
    d, names = 64, [f"pixel_{i // 8}_{i % 8}" for i in range(64)]
    layers = [(rng.normal(0, 0.3, (24, d)), rng.normal(0, 0.1, 24)), (rng.normal(0, 0.3, (10, 24)), rng.normal(0, 0.1, 10))]
    path = os.path.join(work, "written.safetensors")
    mean, scale = rng.uniform(0, 0.5, d), rng.uniform(0.2, 1.5, d)
    # A hand-made w and b far from the identity (one negative scale), so a reader that ignored them would be far off.
    w, b = rng.uniform(-0.5, 2.5, 10), rng.normal(0, 1, 10)
    for name, calibrated in (("temperature", {"temperature": 1.7}), ("vector", {"calibration_scale": w, "calibration_bias": b})):
        likely_model.save(path, layers, "gelu", [f"class {k}" for k in range(10)], names, mean=mean, scale=scale, **calibrated)
        model = likely_model.load(path)
        x = rows_csv(os.path.join(work, "rows.csv"), names, rng)
        likely("predict", "--model", path, "--data", os.path.join(work, "rows.csv"), "--out", os.path.join(work, "p.csv"))
        expected = np.loadtxt(os.path.join(work, "p.csv"), delimiter=",", skiprows=1, ndmin=2)
        difference = float(np.abs(model.predict_proba(x) - expected).max())
        worst = max(worst, difference)
        print(f"{'written by save, ' + name:28s} {calibration(model):10s} rows {len(x)}  max |q_python - q_likely| = {difference:.2e}"
              f"{'' if difference <= TOLERANCE else '  FAIL'}")
    print(f"worst {worst:.2e} (tolerance {TOLERANCE:g}): {'ok' if worst <= TOLERANCE else 'FAILED'}")
    return 0 if worst <= TOLERANCE else 1


def calibration(model):
    return "vector" if model.calibration_scale is not None else f"T = {model.temperature:.4g}"


if __name__ == "__main__":
    sys.exit(main())
