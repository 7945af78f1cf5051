#!/usr/bin/python3
"""Reference values for Likely's losses, from PyTorch (torch 1.13, Debian's python3-torch).

Run:  /usr/bin/python3 tests/Likely.Tests/Data/make_torch_losses.py   (writes torch_losses.json beside this file)

Every case stores its inputs (float32-representable numbers), PyTorch's loss and the gradient of the loss with
respect to the first input (of loss.sum() for reduction='none'), computed in float64 so the references are exact to
~1e-15. Non-finite numbers are written as the strings "inf", "-inf", "nan" (JSON has no literal for them).
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261128)
cases = []


def f32(t):
    """Round to float32 then back to float64, so the C# float and double paths see the same inputs."""
    return t.to(torch.float32).to(torch.float64)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def flat(t):
    return [num(v) for v in t.reshape(-1).tolist()]


def add(name, kind, loss, grad, row_losses, **inputs):
    case = {"name": name, "kind": kind, "loss": num(loss), "gradient": flat(grad)}
    if row_losses is not None:
        case["rowLosses"] = flat(row_losses)
    for key, value in inputs.items():
        if isinstance(value, torch.Tensor):
            value = flat(value) if value.is_floating_point() else [int(v) for v in value.reshape(-1).tolist()]
        case[key] = value
    cases.append(case)


def ce_index(name, logits, targets, weights=None, ignore_index=-100, eps=0.0, reduction="mean"):
    z = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z, targets, weight=weights, ignore_index=ignore_index, label_smoothing=eps, reduction=reduction)
    loss.sum().backward()
    rows = F.cross_entropy(z.detach(), targets, weight=weights, ignore_index=ignore_index, label_smoothing=eps, reduction="none")
    add(name, "ce_index", loss.sum().item() if reduction == "none" else loss.item(), z.grad, rows,
        classes=logits.shape[1], logits=logits, targets=targets, weights=weights, ignoreIndex=ignore_index,
        labelSmoothing=eps, reduction=reduction)


def ce_prob(name, logits, probs, weights=None, eps=0.0, reduction="mean"):
    z = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z, probs, weight=weights, label_smoothing=eps, reduction=reduction)
    loss.sum().backward()
    rows = F.cross_entropy(z.detach(), probs, weight=weights, label_smoothing=eps, reduction="none")
    add(name, "ce_prob", loss.sum().item() if reduction == "none" else loss.item(), z.grad, rows,
        classes=logits.shape[1], logits=logits, targets=probs, weights=weights, labelSmoothing=eps, reduction=reduction)


def randn(*shape, scale=2.0):
    return f32(torch.randn(*shape, dtype=torch.float64) * scale)


def probs(n, c):
    p = torch.rand(n, c, dtype=torch.float64) ** 2
    p[0, 0] = 0.0  # a zero probability exercises 0·log 0
    return f32(p / p.sum(1, keepdim=True))


reductions = ["mean", "sum", "none"]
# Index targets: every combination of weights, ignore index and smoothing, with each reduction.
n, c = 7, 5
logits = randn(n, c)
targets = torch.tensor([0, 4, 2, -100, 1, 3, 2])
weights = f32(torch.tensor([0.5, 2.0, 1.0, 0.25, 3.0], dtype=torch.float64))
for use_w in (False, True):
    for eps in (0.0, 0.1):
        for reduction in reductions:
            ce_index(f"ce_index_w{int(use_w)}_eps{eps}_{reduction}", logits, targets, weights if use_w else None, -100, eps, reduction)
ce_index("ce_index_ignore_custom", logits, torch.tensor([0, 4, 2, 3, 3, 3, 2]), weights, 3, 0.2, "mean")
ce_index("ce_index_eps_one", logits, targets, None, -100, 1.0, "mean")
for classes in (1, 2, 9, 17, 70):
    ce_index(f"ce_index_c{classes}", randn(5, classes, scale=3.0), torch.randint(0, classes, (5,)), None, -100, 0.05, "mean")

# Numerical edges (mathematically finite answers).
edge = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4], [3e38, -3e38, 0.0], [-3e38, 3e38, 1.0], [2.0, -math.inf, 1.0]], dtype=torch.float64)
ce_index("ce_index_edges", f32(edge), torch.tensor([0, 1, 0, 1, 2]), None, -100, 0.0, "none")
ce_index("ce_index_masked_target", f32(torch.tensor([[2.0, -math.inf, 1.0]], dtype=torch.float64)), torch.tensor([1]), None, -100, 0.0, "sum")
ce_index("ce_index_masked_smoothing", f32(torch.tensor([[2.0, -math.inf, 1.0]], dtype=torch.float64)), torch.tensor([0]), None, -100, 0.1, "sum")

# Probability targets (PyTorch's Mean divides by N, weights or not).
pl = randn(6, 4)
pt = probs(6, 4)
for use_w in (False, True):
    for eps in (0.0, 0.1):
        for reduction in reductions:
            ce_prob(f"ce_prob_w{int(use_w)}_eps{eps}_{reduction}", pl, pt, weights[:4] if use_w else None, eps, reduction)

# Negative log-likelihood from log-probabilities.
lp = f32(F.log_softmax(randn(6, 4), 1))
for reduction in reductions:
    for use_w in (False, True):
        x = lp.clone().requires_grad_(True)
        t = torch.tensor([0, 3, -100, 1, 2, 2])
        w = weights[:4] if use_w else None
        loss = F.nll_loss(x, t, weight=w, reduction=reduction)
        loss.sum().backward()
        rows = F.nll_loss(lp, t, weight=w, reduction="none")
        add(f"nll_w{int(use_w)}_{reduction}", "nll", loss.sum().item(), x.grad, rows,
            classes=4, logits=lp, targets=t, weights=w, ignoreIndex=-100, labelSmoothing=0.0, reduction=reduction)

# Binary cross-entropy with logits, weights and positive weights broadcast over 3 columns.
bx = torch.cat([randn(4, 3, scale=3.0), f32(torch.tensor([[40.0, -40.0, 1e4]], dtype=torch.float64))])
by = f32(torch.tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0.3, 0.7, 1.0], [0, 1, 1]], dtype=torch.float64))
bw = f32(torch.tensor([1.0, 0.5, 2.0], dtype=torch.float64))
bpw = f32(torch.tensor([3.0, 1.0, 0.5], dtype=torch.float64))
for reduction in reductions:
    for use_w in (False, True):
        x = bx.clone().requires_grad_(True)
        kw = dict(weight=bw if use_w else None, pos_weight=bpw if use_w else None)
        loss = F.binary_cross_entropy_with_logits(x, by, reduction=reduction, **kw)
        loss.sum().backward()
        rows = F.binary_cross_entropy_with_logits(bx, by, reduction="none", **kw)
        add(f"bce_w{int(use_w)}_{reduction}", "bce", loss.sum().item(), x.grad, rows,
            classes=3, logits=bx, targets=by, weights=bw if use_w else None, positiveWeights=bpw if use_w else None, reduction=reduction)

# KL divergence between target probabilities and predicted log-probabilities.
kx = f32(F.log_softmax(randn(5, 4), 1))
kp = probs(5, 4)
kp_positive = f32((kp + 0.05) / (kp + 0.05).sum(1, keepdim=True))
for reduction in ["batchmean", "mean", "sum", "none"]:
    for log_target in (False, True):
        x = kx.clone().requires_grad_(True)
        # With log_target PyTorch computes e^t·(t − x), which is 0·(−∞) = NaN for p = 0 (Likely gives 0): use p > 0 there.
        target = f32(torch.log(kp_positive)) if log_target else kp
        loss = F.kl_div(x, target, reduction=reduction, log_target=log_target)
        loss.sum().backward()
        pointwise = F.kl_div(kx, target, reduction="none", log_target=log_target)
        add(f"kl_{reduction}_log{int(log_target)}", "kl", loss.sum().item(), x.grad, pointwise.sum(1),
            classes=4, logits=kx, targets=target, reduction=reduction, logTarget=log_target)

# Means over no counted row (0/0). Appended last and built from fixed numbers, so the random draws above, and every
# earlier case, are unchanged. (a) every target is the ignore index: PyTorch's loss is NaN and its gradient 0.
# (b) every counted row's class has weight 0: the loss is NaN and PyTorch's gradient is NaN on those rows (0·(1/0)),
# on the whole row for cross_entropy, at the target entry for nll_loss; Likely writes 0 there (see EmptyMeanResult.NaN).
ez = f32(torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [0.25, -2.0, 1.5]], dtype=torch.float64))
ew = f32(torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64))
all_ignored = torch.tensor([-100, -100, -100])
zero_weight = torch.tensor([0, 2, -100])  # classes 0 and 2 have weight 0; the last row is ignored
for name, t, w, eps in [("ignored", all_ignored, None, 0.0), ("ignored_weighted_smoothed", all_ignored, ew, 0.1),
                        ("weight0", zero_weight, ew, 0.0), ("weight0_smoothed", zero_weight, ew, 0.1)]:
    z = ez.clone().requires_grad_(True)
    loss = F.cross_entropy(z, t, weight=w, label_smoothing=eps, reduction="mean")
    loss.backward()
    rows = F.cross_entropy(ez, t, weight=w, label_smoothing=eps, reduction="none")
    add(f"ce_index_empty_mean_{name}", "ce_index_empty_mean", loss.item(), z.grad, rows,
        classes=3, logits=ez, targets=t, weights=w, ignoreIndex=-100, labelSmoothing=eps, reduction="mean")
elp = f32(F.log_softmax(ez, 1))
for name, t, w in [("ignored", all_ignored, None), ("weight0", zero_weight, ew)]:
    x = elp.clone().requires_grad_(True)
    loss = F.nll_loss(x, t, weight=w, reduction="mean")
    loss.backward()
    rows = F.nll_loss(elp, t, weight=w, reduction="none")
    add(f"nll_empty_mean_{name}", "nll_empty_mean", loss.item(), x.grad, rows,
        classes=3, logits=elp, targets=t, weights=w, ignoreIndex=-100, labelSmoothing=0.0, reduction="mean")
# No row at all, with probability targets: PyTorch's mean is NaN and the gradient empty, which Likely matches.
z = torch.zeros(0, 3, dtype=torch.float64, requires_grad=True)
loss = F.cross_entropy(z, torch.zeros(0, 3, dtype=torch.float64), reduction="mean")
loss.backward()
add("ce_prob_no_rows", "ce_prob", loss.item(), z.grad, torch.zeros(0, dtype=torch.float64),
    classes=3, logits=torch.zeros(0, 3, dtype=torch.float64), targets=torch.zeros(0, 3, dtype=torch.float64),
    weights=None, labelSmoothing=0.0, reduction="mean")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_losses.json"), "w") as out:
    json.dump({"torch": torch.__version__, "cases": cases}, out, indent=None, separators=(",", ":"))
print(f"{len(cases)} cases")
