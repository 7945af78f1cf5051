#!/usr/bin/python3
"""Loads a `likely train` model file into PyTorch and evaluates it on Fashion-MNIST's test set, to show the file is
plain safetensors: tensors layers.{l}.weight (O x I, as nn.Linear.weight) and layers.{l}.bias, metadata with the
architecture and the standardization. With the `safetensors` package installed this is
safetensors.torch.load_file(path); Debian's python3-torch here lacks it, so the format is parsed by hand below
(8-byte little-endian header size, JSON header, raw little-endian F32 data).

  /usr/bin/python3 bench/load_model_torch.py model.safetensors
"""
import gzip, json, os, struct, sys
import numpy as np
import torch

def load_file(path):
    with open(path, 'rb') as f:
        size = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    metadata = header.pop('__metadata__', {})
    tensors = {}
    for name, info in header.items():
        assert info['dtype'] == 'F32'
        begin, end = info['data_offsets']
        tensors[name] = torch.from_numpy(np.frombuffer(data[begin:end], dtype='<f4').reshape(info['shape']).copy())
    return tensors, metadata

def idx(path):
    with gzip.open(path) as f:
        magic = struct.unpack('>i', f.read(4))[0]
        dims = struct.unpack('>' + 'i' * (magic & 0xff), f.read(4 * (magic & 0xff)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

tensors, metadata = load_file(sys.argv[1])
activation = {'relu': torch.nn.ReLU, 'tanh': torch.nn.Tanh, 'sigmoid': torch.nn.Sigmoid, 'gelu': torch.nn.GELU,
              'leakyrelu': torch.nn.LeakyReLU}[metadata['likely.activation']]
layers, count = [], len([n for n in tensors if n.endswith('.weight')])
for l in range(count):
    w = tensors[f'layers.{l}.weight']
    layers.append(torch.nn.Linear(w.shape[1], w.shape[0]))
    if l < count - 1:
        layers.append(activation())
model = torch.nn.Sequential(*layers)
model.load_state_dict({f'{2 * l}.{kind}': tensors[f'layers.{l}.{kind}'] for l in range(count) for kind in ('weight', 'bias')})
folder = '/usr/share/datasets/fashion-mnist'
x = idx(os.path.join(folder, 't10k-images-idx3-ubyte.gz')).reshape(10000, -1).astype(np.float32) / 255
y = torch.from_numpy(idx(os.path.join(folder, 't10k-labels-idx1-ubyte.gz')).astype(np.int64))
if 'likely.standardizer.mean' in metadata:
    x = (x - np.array(json.loads(metadata['likely.standardizer.mean']), dtype=np.float32)) / np.array(json.loads(metadata['likely.standardizer.scale']), dtype=np.float32)
with torch.no_grad():
    logits = model(torch.from_numpy(x))
print(json.dumps({'model': metadata['likely.model'], 'hidden': metadata['likely.hidden'], 'classes': json.loads(metadata['likely.classes']),
                  'test_accuracy': (logits.argmax(1) == y).float().mean().item(),
                  'test_log_loss': torch.nn.functional.cross_entropy(logits, y).item()}))
