#!/usr/bin/python3
"""PyTorch peer of `likely train` on Fashion-MNIST: same data (pixels/255, standardized with the training mean and
deviation, as likely does), same architecture (softmax regression 784-10, or MLP 784-256-128-10 ReLU), same batch
size, optimizer (Adam, lr 1e-3) and epochs; minibatches shuffled each epoch by a seeded torch.Generator.

  /usr/bin/python3 bench/torch_train.py --model mlp --epochs 10 --threads 1

Prints one JSON line per epoch (seconds of the training loop only, like likely's per-epoch time) and a final line with
test accuracy and test log-loss (nats). Run with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset to let OpenBLAS pick its
own kernels (see docs/BENCHMARKS.md).
"""
import argparse, gzip, json, os, struct, time
import numpy as np
import torch

def idx(path):
    with gzip.open(path) as f:
        magic = struct.unpack('>i', f.read(4))[0]
        dims = struct.unpack('>' + 'i' * (magic & 0xff), f.read(4 * (magic & 0xff)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='mlp', choices=['mlp', 'softmax'])
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--folder', default='/usr/share/datasets/fashion-mnist')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr = idx(os.path.join(a.folder, 'train-images-idx3-ubyte.gz')).reshape(60000, -1).astype(np.float32) / 255
    ytr = idx(os.path.join(a.folder, 'train-labels-idx1-ubyte.gz')).astype(np.int64)
    xte = idx(os.path.join(a.folder, 't10k-images-idx3-ubyte.gz')).reshape(10000, -1).astype(np.float32) / 255
    yte = idx(os.path.join(a.folder, 't10k-labels-idx1-ubyte.gz')).astype(np.int64)
    mean, std = xtr.mean(axis=0), xtr.std(axis=0)
    std[std == 0] = 1
    xtr, xte = torch.from_numpy((xtr - mean) / std), torch.from_numpy((xte - mean) / std)
    ytr, yte = torch.from_numpy(ytr), torch.from_numpy(yte)
    if a.model == 'mlp':
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    else:
        model = torch.nn.Linear(784, 10)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(a.seed)
    n = xtr.shape[0]
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(n, generator=gen)
        total, correct = 0.0, 0
        for b in range(0, n, a.batch):
            index = order[b:b + a.batch]
            x, y = xtr[index], ytr[index]
            logits = model(x)
            loss = loss_fn(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(index)
            correct += (logits.argmax(1) == y).sum().item()
        seconds = time.perf_counter() - start
        print(json.dumps({'type': 'epoch', 'epoch': epoch, 'seconds': seconds, 'train_ce': total / n, 'train_accuracy': correct / n}), flush=True)
    with torch.no_grad():
        logits = model(xte)
        print(json.dumps({'type': 'summary', 'peer': 'torch %s, %d thread(s)' % (torch.__version__, a.threads), 'model': a.model,
                          'test_accuracy': (logits.argmax(1) == yte).float().mean().item(),
                          'test_log_loss': torch.nn.functional.cross_entropy(logits, yte).item()}), flush=True)

if __name__ == '__main__':
    main()
