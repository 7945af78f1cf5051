"""Read a Likely model file (likely-classifier-1, or -2 when vector-scaled; see docs/MODEL-FORMAT.md) and predict with it, in numpy.

    import likely_model
    model = likely_model.load("model.safetensors")
    q = model.predict_proba(x)          # x: N x D raw features (not standardized); q: N x C, rows sum to 1
    model.classes, model.features       # names, in the order of q's columns and of x's columns

The file is plain safetensors; it is parsed here by hand (an 8-byte little-endian header size, a JSON header, then the
tensors' bytes), so only numpy is needed. `to_torch()` gives an equivalent torch.nn.Module when PyTorch is installed.
The prediction is Likely's: z = (x - mean) / scale per feature (when the file has a standardizer), then the dense
layers W x + b with the hidden activation between them, then q = softmax(z / T) with T the temperature (1 when absent).
Computed in float64 from the float32 tensors, so it matches `likely predict` to float32 rounding (about 1e-7).
"""
import json
import math
import struct

import numpy as np

FORMAT = "likely-classifier-1"
VECTOR_SCALED_FORMAT = "likely-classifier-2"  # version 1 + likely.calibration = vector, which a version-1 reader would ignore

# The slope of leaky ReLU for x <= 0: Likely's ActivationFunctions.LeakySlope (PyTorch's default negative_slope).
LEAKY_SLOPE = 0.01

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _gelu(x):
    # The exact GELU x * Phi(x) = x * (1 + erf(x / sqrt 2)) / 2 (PyTorch's approximate='none'), not the tanh form.
    return x * 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS = {
    "relu": lambda x: np.maximum(x, 0.0),
    "leakyrelu": lambda x: np.where(x > 0, x, LEAKY_SLOPE * x),
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "gelu": _gelu,
}


class LikelyModelError(ValueError):
    """The file is not a Likely model this module can read; the message says why."""


def read_safetensors(path):
    """(tensors, metadata): a dict of name -> float32 numpy array (row-major, in its shape) and the string metadata."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise LikelyModelError(f"{path} is {len(blob)} bytes long: not a safetensors file")
    (size,) = struct.unpack("<Q", blob[:8])
    if 8 + size > len(blob):
        raise LikelyModelError(f"{path} declares a {size}-byte header but is only {len(blob)} bytes long")
    header = json.loads(blob[8:8 + size].decode("utf-8"))
    metadata = header.pop("__metadata__", None) or {}
    data = memoryview(blob)[8 + size:]
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            raise LikelyModelError(f"{path}: tensor {name} is {info['dtype']}; a Likely model holds F32 tensors only")
        begin, end = info["data_offsets"]
        shape = tuple(info["shape"])
        array = np.frombuffer(data[begin:end], dtype="<f4")
        if array.size != math.prod(shape):
            raise LikelyModelError(f"{path}: tensor {name} has {array.size} values but shape {list(shape)}")
        tensors[name] = array.reshape(shape).astype(np.float32)
    return tensors, metadata


class LikelyModel:
    """A loaded model: `layers` [(W as O x I, b as O)], `activation`, `mean`/`scale` (or None), `temperature`,
    `calibration_scale`/`calibration_bias` (w and b of vector scaling, C values each, or None), `classes`, `features`
    and the raw `metadata` (including `provenance`, parsed, or None)."""

    def __init__(self, layers, activation, mean, scale, temperature, classes, features, metadata,
                 calibration_scale=None, calibration_bias=None):
        self.layers = layers
        self.activation = activation
        self.mean = mean
        self.scale = scale
        self.temperature = temperature
        self.calibration_scale = calibration_scale
        self.calibration_bias = calibration_bias
        self.classes = classes
        self.features = features
        self.metadata = metadata
        self.provenance = json.loads(metadata["likely.provenance"]) if "likely.provenance" in metadata else None

    def logits(self, raw_features):
        """The N x C calibrated logits of N rows of raw features (float64): z / T, or w * z + b (per class) for a
        vector-scaled model."""
        x = np.asarray(raw_features, dtype=np.float32)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise LikelyModelError(f"raw_features has shape {x.shape}; the model takes rows of {len(self.features)} features")
        if self.mean is not None:
            x = (x - self.mean) / self.scale  # in float32, as Likely standardizes
        h = x.astype(np.float64)
        f = ACTIVATIONS[self.activation]
        for l, (w, b) in enumerate(self.layers):
            h = h @ w.T.astype(np.float64) + b.astype(np.float64)
            if l < len(self.layers) - 1:
                h = f(h)
        if self.calibration_scale is not None:
            return h * self.calibration_scale.astype(np.float64) + self.calibration_bias.astype(np.float64)
        return h / self.temperature

    def predict_proba(self, raw_features):
        """q(c|x) = softmax(z')_c, z' = z / T or w * z + b, for N rows of raw features: an N x C array, columns in `classes` order."""
        z = self.logits(raw_features)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, raw_features):
        """The most probable class index of each row (the first on ties)."""
        return np.argmax(self.logits(raw_features), axis=1)

    def to_torch(self):
        """An equivalent torch.nn.Sequential taking *standardized* features and giving the logits z (before / T);
        apply (x - mean) / scale first and divide by `temperature` after (or, for vector scaling, multiply by
        `calibration_scale` and add `calibration_bias`). Needs PyTorch."""
        import torch
        activation = {
            "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid,
            "gelu": lambda: torch.nn.GELU(approximate="none"),
            "leakyrelu": lambda: torch.nn.LeakyReLU(negative_slope=LEAKY_SLOPE),
        }[self.activation]
        modules = []
        for l, (w, b) in enumerate(self.layers):
            linear = torch.nn.Linear(w.shape[1], w.shape[0])
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(w.copy()))
                linear.bias.copy_(torch.from_numpy(b.copy()))
            modules.append(linear)
            if l < len(self.layers) - 1:
                modules.append(activation())
        return torch.nn.Sequential(*modules)


def load(path):
    """Reads a Likely model file; raises LikelyModelError for a file that is not one (or is of another version)."""
    tensors, metadata = read_safetensors(path)
    version = metadata.get("likely.format")
    if version not in (FORMAT, VECTOR_SCALED_FORMAT):
        raise LikelyModelError(f"{path}: metadata likely.format is {version!r}, not {FORMAT!r} or {VECTOR_SCALED_FORMAT!r}; "
                               "this module reads Likely model files of those versions only")
    if (version == VECTOR_SCALED_FORMAT) != ("likely.calibration" in metadata):
        raise LikelyModelError(f"{path}: likely.format {version!r} does not match the presence of likely.calibration "
                               "(version 2 is a vector-scaled model and only that)")
    for key in ("likely.activation", "likely.classes", "likely.features"):
        if key not in metadata:
            raise LikelyModelError(f"{path} lacks the required metadata entry {key}")
    activation = metadata["likely.activation"].lower()
    if activation not in ACTIVATIONS:
        raise LikelyModelError(f"{path} names an unknown activation {activation!r}")
    layers = []
    while f"layers.{len(layers)}.weight" in tensors:
        l = len(layers)
        w, b = tensors[f"layers.{l}.weight"], tensors.get(f"layers.{l}.bias")
        if b is None or w.ndim != 2 or b.shape != (w.shape[0],):
            raise LikelyModelError(f"{path}: layers.{l}.weight has no matching layers.{l}.bias, or is not a matrix")
        if layers and layers[-1][0].shape[0] != w.shape[1]:
            raise LikelyModelError(f"{path}: layer {l} takes {w.shape[1]} inputs but layer {l - 1} gives {layers[-1][0].shape[0]}")
        layers.append((w, b))
    if not layers:
        raise LikelyModelError(f"{path} holds no layers.0.weight tensor")
    classes = json.loads(metadata["likely.classes"])
    features = json.loads(metadata["likely.features"])
    if len(classes) != layers[-1][0].shape[0] or len(features) != layers[0][0].shape[1]:
        raise LikelyModelError(f"{path}: {len(features)} feature and {len(classes)} class names for a "
                               f"{layers[0][0].shape[1]} -> {layers[-1][0].shape[0]} network")
    mean = scale = None
    if "likely.standardizer.mean" in metadata and "likely.standardizer.scale" in metadata:
        mean = np.array(json.loads(metadata["likely.standardizer.mean"]), dtype=np.float32)
        scale = np.array(json.loads(metadata["likely.standardizer.scale"]), dtype=np.float32)
        if mean.shape != (len(features),) or scale.shape != (len(features),) or not (scale > 0).all():
            raise LikelyModelError(f"{path}: the standardizer needs {len(features)} means and {len(features)} scales > 0")
    temperature = float(metadata.get("likely.temperature", "1"))
    if not (math.isfinite(temperature) and temperature > 0):
        raise LikelyModelError(f"{path}: likely.temperature is {temperature}, not a finite number above 0")
    calibration_scale = calibration_bias = None
    if "likely.calibration" in metadata:
        # Never ignored (docs/MODEL-FORMAT.md, the version rule): an unknown calibration changes q(c|x).
        if metadata["likely.calibration"] != "vector" or "likely.temperature" in metadata:
            raise LikelyModelError(f"{path}: likely.calibration is {metadata['likely.calibration']!r}"
                                   f"{' with a likely.temperature' if 'likely.temperature' in metadata else ''}; "
                                   "this module knows only 'vector' (without a temperature)")
        calibration_scale, calibration_bias = tensors.get("calibration.scale"), tensors.get("calibration.bias")
        for name, array in (("calibration.scale", calibration_scale), ("calibration.bias", calibration_bias)):
            if array is None or array.shape != (len(classes),) or not np.isfinite(array).all():
                raise LikelyModelError(f"{path} is vector-scaled but its tensor {name} is not {len(classes)} finite values")
    return LikelyModel(layers, activation, mean, scale, temperature, classes, features, metadata,
                       calibration_scale, calibration_bias)


def save(path, layers, activation, classes, features, mean=None, scale=None, temperature=1.0,
         calibration_scale=None, calibration_bias=None):
    """Writes a likely-classifier-1 file (-2 when vector-scaled) from numpy arrays, following docs/MODEL-FORMAT.md: `layers` is
    [(W as O x I, b as O)], `activation` one of ACTIVATIONS, `mean`/`scale` D values each (or both None), and either a
    `temperature` or vector scaling's `calibration_scale` and `calibration_bias` (C values each, or both None)."""
    if activation not in ACTIVATIONS:
        raise LikelyModelError(f"unknown activation {activation!r}; use one of {sorted(ACTIVATIONS)}")
    vector = calibration_scale is not None or calibration_bias is not None
    if vector and (calibration_scale is None or calibration_bias is None or temperature != 1
                   or np.shape(calibration_scale) != (len(classes),) or np.shape(calibration_bias) != (len(classes),)):
        raise LikelyModelError(f"vector scaling needs calibration_scale and calibration_bias of {len(classes)} values "
                               "each, and no temperature")
    tensors = {}
    for l, (w, b) in enumerate(layers):
        tensors[f"layers.{l}.weight"] = np.ascontiguousarray(w, dtype="<f4")
        tensors[f"layers.{l}.bias"] = np.ascontiguousarray(b, dtype="<f4")
    metadata = {"likely.format": FORMAT, "likely.activation": activation,
                "likely.classes": json.dumps(list(classes)), "likely.features": json.dumps(list(features))}
    if mean is not None:
        metadata["likely.standardizer.mean"] = json.dumps([float(v) for v in np.asarray(mean, dtype=np.float32)])
        metadata["likely.standardizer.scale"] = json.dumps([float(v) for v in np.asarray(scale, dtype=np.float32)])
    if temperature != 1:
        metadata["likely.temperature"] = repr(float(temperature))
    if vector:
        metadata["likely.format"] = VECTOR_SCALED_FORMAT
        metadata["likely.calibration"] = "vector"
        tensors["calibration.scale"] = np.ascontiguousarray(calibration_scale, dtype="<f4")
        tensors["calibration.bias"] = np.ascontiguousarray(calibration_bias, dtype="<f4")
    header, offset = {"__metadata__": metadata}, 0
    for name, array in tensors.items():
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for array in tensors.values():
            f.write(array.tobytes())


if __name__ == "__main__":
    import sys
    m = load(sys.argv[1])
    print(json.dumps({"layers": [list(w.shape) for w, _ in m.layers], "activation": m.activation, "classes": m.classes,
                      "features": len(m.features), "standardized": m.mean is not None, "temperature": m.temperature,
                      "calibration": m.metadata.get("likely.calibration")}))
