#!/usr/bin/env python3
"""PyTorch reference forwards and gradients of the @init/nn layers, losses and optimizers.

Writes packages/nn/test/fixtures/layers.json. Every case holds its inputs, parameters, the upstream
gradient dy, the forward output and the gradients with respect to the input and each parameter, all
computed by PyTorch in float32 (CPU, one thread). Layer configs use @init/nn's JSON layer configs.

Run: /usr/bin/python3 scripts/reference/nn_layers.py
"""
import json
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(20261202)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "nn", "test", "fixtures", "layers.json")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def layer_case(name, config, module, input_shape, batch=3, training=True, x=None, input_grad=True):
    module.train(training)
    if x is None:
        x = torch.randn(batch, *input_shape)
    x = x.clone().requires_grad_(input_grad)
    params = {n: flat(p) for n, p in module.named_parameters()}
    buffers_before = {n: flat(b) for n, b in module.named_buffers() if b.dtype == torch.float32}
    y = module(x)
    dy = torch.randn_like(y)
    y.backward(dy)
    case = {
        "name": name,
        "config": config,
        "inputShape": list(input_shape),
        "batch": batch,
        "training": training,
        "x": flat(x),
        "params": params,
        "buffersBefore": buffers_before,
        "dy": flat(dy),
        "y": flat(y),
        "grads": {n: flat(p.grad) for n, p in module.named_parameters()},
        "buffersAfter": {n: flat(b) for n, b in module.named_buffers() if b.dtype == torch.float32},
    }
    if input_grad:
        case["dx"] = flat(x.grad)
    return case


cases = []
cases.append(layer_case("dense", {"kind": "dense", "units": 5, "bias": True}, torch.nn.Linear(7, 5), [7]))
cases.append(layer_case("dense no bias", {"kind": "dense", "units": 4, "bias": False}, torch.nn.Linear(6, 4, bias=False), [6]))

conv_cases = [
    ("conv2d 3x3", dict(filters=4, kernelSize=[3, 3], stride=[1, 1], padding=[0, 0], dilation=[1, 1], groups=1), [3, 6, 6]),
    ("conv2d stride 2 padding 1", dict(filters=4, kernelSize=[3, 3], stride=[2, 2], padding=[1, 1], dilation=[1, 1], groups=1), [2, 7, 6]),
    ("conv2d dilation 2", dict(filters=3, kernelSize=[3, 2], stride=[1, 1], padding=[2, 1], dilation=[2, 2], groups=1), [2, 6, 6]),
    ("conv2d groups 2", dict(filters=6, kernelSize=[3, 3], stride=[1, 2], padding=[1, 1], dilation=[1, 1], groups=2), [4, 5, 6]),
    ("conv2d depthwise", dict(filters=3, kernelSize=[2, 2], stride=[1, 1], padding=[0, 0], dilation=[1, 1], groups=3), [3, 4, 4]),
]
for name, o, shape in conv_cases:
    m = torch.nn.Conv2d(shape[0], o["filters"], o["kernelSize"], stride=o["stride"], padding=o["padding"], dilation=o["dilation"], groups=o["groups"])
    cases.append(layer_case(name, {"kind": "conv2d", **o, "bias": True}, m, shape, batch=2))

cases.append(layer_case("max_pool2d 2x2", {"kind": "max_pool2d", "kernelSize": [2, 2], "stride": [2, 2], "padding": [0, 0]}, torch.nn.MaxPool2d(2), [2, 6, 6], batch=2))
cases.append(layer_case("max_pool2d 3x3 stride 2 padding 1", {"kind": "max_pool2d", "kernelSize": [3, 3], "stride": [2, 2], "padding": [1, 1]}, torch.nn.MaxPool2d(3, 2, 1), [2, 7, 7], batch=2))
cases.append(layer_case("avg_pool2d 2x2", {"kind": "avg_pool2d", "kernelSize": [2, 2], "stride": [2, 2], "padding": [0, 0], "countIncludePad": True}, torch.nn.AvgPool2d(2), [2, 6, 6], batch=2))
for cip in (True, False):
    cases.append(
        layer_case(
            f"avg_pool2d 3x3 stride 2 padding 1 countIncludePad {cip}",
            {"kind": "avg_pool2d", "kernelSize": [3, 3], "stride": [2, 2], "padding": [1, 1], "countIncludePad": cip},
            torch.nn.AvgPool2d(3, 2, 1, count_include_pad=cip),
            [2, 7, 7],
            batch=2,
        )
    )

for dims, shape in ((1, [6]), (2, [3, 4, 5])):
    bn = torch.nn.BatchNorm1d(shape[0]) if dims == 1 else torch.nn.BatchNorm2d(shape[0])
    with torch.no_grad():
        bn.weight.copy_(torch.rand(shape[0]) + 0.5)
        bn.bias.copy_(torch.randn(shape[0]) * 0.3)
    cfg = {"kind": "batch_norm", "momentum": 0.1, "eps": 1e-5, "affine": True}
    cases.append(layer_case(f"batch_norm {dims}d train", cfg, bn, shape, batch=4, training=True))
    with torch.no_grad():
        bn.running_mean.copy_(torch.randn(shape[0]) * 0.2)
        bn.running_var.copy_(torch.rand(shape[0]) + 0.5)
    cases.append(layer_case(f"batch_norm {dims}d eval", cfg, bn, shape, batch=4, training=False))

ln = torch.nn.LayerNorm(6)
with torch.no_grad():
    ln.weight.copy_(torch.rand(6) + 0.5)
    ln.bias.copy_(torch.randn(6) * 0.3)
cases.append(layer_case("layer_norm", {"kind": "layer_norm", "eps": 1e-5, "affine": True}, ln, [4, 6], batch=2))

emb = torch.nn.Embedding(7, 3)
idx = torch.tensor([[0, 3, 3, 6], [1, 2, 6, 0]])
cases.append(layer_case("embedding", {"kind": "embedding", "numEmbeddings": 7, "dim": 3}, emb, [4], batch=2, x=idx, input_grad=False))

ACTS = [
    ("relu", {}, torch.nn.ReLU()),
    ("leaky_relu", {"slope": 0.1}, torch.nn.LeakyReLU(0.1)),
    ("elu", {"alpha": 0.8}, torch.nn.ELU(0.8)),
    ("selu", {}, torch.nn.SELU()),
    ("gelu", {}, torch.nn.GELU()),
    ("silu", {}, torch.nn.SiLU()),
    ("mish", {}, torch.nn.Mish()),
    ("softplus", {}, torch.nn.Softplus()),
    ("tanh", {}, torch.nn.Tanh()),
    ("sigmoid", {}, torch.nn.Sigmoid()),
    ("linear", {}, torch.nn.Identity()),
]
for name, extra, module in ACTS:
    x = torch.cat([torch.randn(2, 20) * 3, torch.tensor([[-30.0, -8.0, 8.0, 30.0] * 5, [-1e-3, 1e-3, -0.5, 0.5] * 5])], 0)
    cases.append(layer_case(f"activation {name}", {"kind": name, **extra}, module, [20], batch=4, x=x))

losses = []
logits = torch.randn(5, 4) * 3
labels = torch.tensor([0, 3, 1, 1, 2])
z = logits.clone().requires_grad_(True)
loss = F.cross_entropy(z, labels)
loss.backward()
losses.append({"name": "cross_entropy", "batch": 5, "pred": flat(logits), "target": [int(v) for v in labels], "loss": float(loss), "grad": flat(z.grad)})
big = torch.tensor([[80.0, -80.0, 0.0], [-100.0, 100.0, 50.0]])
z = big.clone().requires_grad_(True)
loss = F.cross_entropy(z, torch.tensor([2, 1]))
loss.backward()
losses.append({"name": "cross_entropy", "batch": 2, "pred": flat(big), "target": [2, 1], "loss": float(loss), "grad": flat(z.grad)})
p = torch.randn(4, 3) * 4
t = torch.rand(4, 3).round()
t[0, 0] = 0.3
z = p.clone().requires_grad_(True)
loss = F.binary_cross_entropy_with_logits(z, t)
loss.backward()
losses.append({"name": "bce_with_logits", "batch": 4, "pred": flat(p), "target": flat(t), "loss": float(loss), "grad": flat(z.grad)})
p = torch.randn(3, 5)
t = torch.randn(3, 5)
z = p.clone().requires_grad_(True)
loss = F.mse_loss(z, t)
loss.backward()
losses.append({"name": "mse", "batch": 3, "pred": flat(p), "target": flat(t), "loss": float(loss), "grad": flat(z.grad)})

optimizers = []
OPTS = [
    ("sgd", {"lr": 0.1}, lambda ps: torch.optim.SGD(ps, lr=0.1)),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "weightDecay": 0.01}, lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True)),
    ("adam", {"lr": 0.01, "weightDecay": 0.1}, lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1)),
    ("adamw", {"lr": 0.01, "weightDecay": 0.1}, lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1)),
    ("rmsprop", {"lr": 0.01, "momentum": 0.5}, lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.5)),
    ("rmsprop", {"lr": 0.01, "centered": True, "weightDecay": 0.05}, lambda ps: torch.optim.RMSprop(ps, lr=0.01, centered=True, weight_decay=0.05)),
]
for kind, cfg, make in OPTS:
    w = torch.randn(6)
    param = torch.nn.Parameter(w.clone())
    opt = make([param])
    grads = [torch.randn(6) for _ in range(3)]
    after = []
    for g in grads:
        param.grad = g.clone()
        opt.step()
        after.append(flat(param))
    optimizers.append({"kind": kind, "options": cfg, "initial": flat(w), "grads": [flat(g) for g in grads], "after": after})

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "layers": cases, "losses": losses, "optimizers": optimizers}, f)
    f.write("\n")
print(f"wrote {len(cases)} layer cases, {len(losses)} losses, {len(optimizers)} optimizers to {os.path.normpath(OUT)}")
