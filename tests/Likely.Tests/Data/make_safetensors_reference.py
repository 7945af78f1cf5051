#!/usr/bin/python3
"""Safetensors interoperability reference for Likely's tests, written independently of Likely.

  write OUT   writes the reference file the C# test reads (committed as safetensors_reference.safetensors).
              With the `safetensors` package (and numpy) it uses safetensors.numpy.save_file; without it (Debian's
              python3-torch does not ship it) the file is written by hand with struct/json exactly per the spec:
              8-byte little-endian header size, JSON header padded with spaces to a multiple of 8, then the
              little-endian F32 buffer.
  check FILE  reads a file Likely wrote, by hand per the spec (and with `safetensors` when importable), and prints
              every tensor and the metadata, so a person or a script can compare it with what Likely wrote.

Usage: /usr/bin/python3 tests/Likely.Tests/Data/make_safetensors_reference.py write tests/Likely.Tests/Data/safetensors_reference.safetensors
"""
import json
import struct
import sys

# The values the C# test expects (SafetensorsTests.Read_PythonReferenceFile_MatchesValuesWrittenByPython).
TENSORS = [
    ("layers.0.weight", [2, 3], [0.5, -1.25, 3.0, 1e-8, -0.0, 65504.0]),
    ("layers.0.bias", [3], [0.1, -0.2, 0.3]),
    ("temperature", [], [1.5]),
]
METADATA = {"format": "pt", "classes": "[\"T-shirt/top\", \"Trouser\"]", "note": "written by make_safetensors_reference.py"}


def have_safetensors():
    try:
        import safetensors.numpy  # noqa: F401
        import numpy  # noqa: F401
        return True
    except ImportError:
        return False


def write(path):
    if have_safetensors():
        import numpy as np
        from safetensors.numpy import save_file
        save_file({name: np.array(values, dtype=np.float32).reshape(shape) for name, shape, values in TENSORS}, path, metadata=METADATA)
        print(f"wrote {path} with safetensors.numpy.save_file")
        return
    header = {"__metadata__": METADATA}
    buffer = b""
    for name, shape, values in TENSORS:
        data = struct.pack(f"<{len(values)}f", *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(buffer), len(buffer) + len(data)]}
        buffer += data
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(buffer)
    print(f"wrote {path} by hand (the safetensors package is not importable here)")


def check(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    buffer = raw[8 + n :]
    print("metadata:", header.pop("__metadata__", {}))
    covered = 0
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        begin, end = entry["data_offsets"]
        assert entry["dtype"] == "F32", entry
        count = 1
        for size in entry["shape"]:
            count *= size
        assert end - begin == 4 * count and begin == covered, (name, entry)
        covered = end
        values = struct.unpack(f"<{count}f", buffer[begin:end])
        print(f"{name} {entry['shape']}: {list(values)}")
    assert covered == len(buffer), "buffer not fully covered"
    print("hand parse: OK")
    if have_safetensors():
        from safetensors.numpy import load_file
        print("safetensors.numpy.load_file:", {k: v.tolist() for k, v in load_file(path).items()})
    else:
        print("safetensors package: not importable, checked by hand only")


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
