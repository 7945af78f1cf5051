#!/usr/bin/python3
"""Runs docs/SCALE.md's PyTorch loading code (extracted from the page, so the page cannot drift) on a `likely train`
model file, checks that the loaded network gives the cross-entropy `likely evaluate` reports on the same CSV, and
continues training it for 20 steps under DistributedDataParallel (one CPU process, gloo) to show the loss falls.

    likely train --data digits --hidden-widths 32 --activation tanh --epochs 5 --out /tmp/m.safetensors
    /usr/bin/python3 bench/check_scale_loading.py /tmp/m.safetensors digits.csv   # CSV: features..., label (no header)
    likely evaluate --model /tmp/m.safetensors --data d.csv --label label        # d.csv: the same rows with a header

Debian's python3-torch lacks the `safetensors` package; the two functions the page uses are provided here when absent.
"""
import json, os, re, struct, sys, types
import numpy as np
import torch

try:
    import safetensors.torch  # noqa: F401
except ImportError:
    def _read(path):
        with open(path, 'rb') as f:
            size = struct.unpack('<Q', f.read(8))[0]
            header = json.loads(f.read(size))
            return header, f.read()

    class safe_open:
        def __init__(self, path, framework="pt"): self.header, _ = _read(path)
        def __enter__(self): return self
        def __exit__(self, *exc): return False
        def metadata(self): return self.header.get('__metadata__', {})

    def load_file(path):
        header, data = _read(path)
        header.pop('__metadata__', None)
        return {name: torch.from_numpy(np.frombuffer(data[i['data_offsets'][0]:i['data_offsets'][1]], dtype='<f4').reshape(i['shape']).copy())
                for name, i in header.items()}

    package = types.ModuleType('safetensors'); package.safe_open = safe_open
    submodule = types.ModuleType('safetensors.torch'); submodule.load_file = load_file
    package.torch = submodule
    sys.modules['safetensors'] = package; sys.modules['safetensors.torch'] = submodule

page = open(os.path.join(os.path.dirname(__file__), '..', 'docs', 'SCALE.md')).read()
code = re.search(r'```python\n(.*?)\n# torchrun', page, re.S).group(1)
namespace = {}
exec(code, namespace)
model, mean, scale, classes, features = namespace['load_likely'](sys.argv[1])

raw = np.loadtxt(sys.argv[2], delimiter=',')
x = (torch.tensor(raw[:, :-1], dtype=torch.float32) - mean) / scale
y = torch.tensor([classes.index(str(int(v))) for v in raw[:, -1]])
with torch.no_grad():
    print(f"cross-entropy of the loaded model: {torch.nn.functional.cross_entropy(model(x), y).item():.4f} nats")

import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
os.environ.setdefault('MASTER_ADDR', '127.0.0.1'); os.environ.setdefault('MASTER_PORT', '29517')
dist.init_process_group('gloo', rank=0, world_size=1)
ddp = DDP(model)
optimizer = torch.optim.Adam(ddp.parameters(), lr=1e-3)
for step in range(20):
    optimizer.zero_grad()
    loss = torch.nn.CrossEntropyLoss()(ddp(x), y)
    loss.backward()
    optimizer.step()
print(f"after 20 DDP steps (full batch): {loss.item():.4f} nats")
dist.destroy_process_group()
