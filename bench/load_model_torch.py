#!/usr/bin/python3
"""Loads a `likely train` model file into PyTorch (through python/likely_model.py, which reads the file as
docs/MODEL-FORMAT.md describes it) and evaluates it on the test part of an IDX data set (Fashion-MNIST by default), to
show the file is plain safetensors that another framework runs.

  /usr/bin/python3 bench/load_model_torch.py model.safetensors [IDX_FOLDER]

IDX_FOLDER holds t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz) (default /usr/share/datasets/fashion-mnist);
features are pixel / 255, as Likely reads them. A model whose inputs are not the images' pixels (a digits or CSV model)
is refused in one line.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python"))
import likely_model  # noqa: E402


def idx(folder, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with (gzip.open if name.endswith(".gz") else open)(path, "rb") as f:
                magic = struct.unpack(">i", f.read(4))[0]
                dims = struct.unpack(">" + "i" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
                return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)
    sys.exit(f"error: {folder} has no {stem} (or {stem}.gz); give an IDX folder such as /usr/share/datasets/fashion-mnist")


model = likely_model.load(sys.argv[1])
folder = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
images = idx(folder, "t10k-images-idx3-ubyte")
x = images.reshape(len(images), -1).astype(np.float32) / 255
if x.shape[1] != len(model.features):
    sys.exit(f"error: {sys.argv[1]} takes {len(model.features)} features but the images in {folder} have {x.shape[1]} pixels; "
             "give the IDX folder of the data it was trained on")
y = torch.from_numpy(idx(folder, "t10k-labels-idx1-ubyte").astype(np.int64))
if model.mean is not None:
    x = (x - model.mean) / model.scale
with torch.no_grad():
    logits = model.to_torch()(torch.from_numpy(x)) / model.temperature
print(json.dumps({"model": model.metadata.get("likely.model"), "hidden": model.metadata.get("likely.hidden"), "classes": model.classes,
                  "test_accuracy": (logits.argmax(1) == y).float().mean().item(),
                  "test_log_loss": torch.nn.functional.cross_entropy(logits, y).item()}))
