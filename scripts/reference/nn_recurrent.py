#!/usr/bin/env python3
"""PyTorch reference forwards and gradients of the @init/nn recurrent layers (RNN, LSTM, GRU).

Writes packages/nn/test/fixtures/recurrent.json. Each case is one small layer (batch 2, time 5,
input 3, hidden 4) built by torch.nn.RNN / LSTM / GRU with batch_first=True and a zero initial
state, in float32 on the CPU with one thread. A case holds the input, every parameter (PyTorch's
names and layouts, gate blocks in PyTorch's order), the outputs of both @init/nn modes (every
step, `output`, and the last step, `h_n`), and, for each mode, the gradients of the fixed loss
L = sum(dy * y) with respect to the input and every parameter.

Run: /usr/bin/python3 scripts/reference/nn_recurrent.py
"""
import json
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(20261203)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "nn", "test", "fixtures", "recurrent.json")
BATCH, TIME, INPUT, HIDDEN = 2, 5, 3, 4


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def make(kind, bias, nonlinearity):
    if kind == "rnn":
        return torch.nn.RNN(INPUT, HIDDEN, nonlinearity=nonlinearity, bias=bias, batch_first=True)
    if kind == "lstm":
        return torch.nn.LSTM(INPUT, HIDDEN, bias=bias, batch_first=True)
    return torch.nn.GRU(INPUT, HIDDEN, bias=bias, batch_first=True)


def grads_of(module, x, y, dy):
    module.zero_grad()
    if x.grad is not None:
        x.grad = None
    y.backward(dy)
    out = {"x": flat(x.grad)}
    for name, p in module.named_parameters():
        out[name[: -len("_l0")]] = flat(p.grad)
    return out


def case(name, kind, bias=True, nonlinearity="tanh"):
    module = make(kind, bias, nonlinearity)
    # Weights a little larger than PyTorch's default U(-1/sqrt(H), 1/sqrt(H)) so gates move.
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.8, 0.8)
    x = torch.randn(BATCH, TIME, INPUT, requires_grad=True)
    options = {"hiddenSize": HIDDEN, "bias": bias}
    if kind == "rnn":
        options["nonlinearity"] = nonlinearity
    seq = module(x)[0]
    last = seq[:, -1, :]
    dy_seq = torch.randn_like(seq)
    dy_last = torch.randn_like(last)
    grads_seq = grads_of(module, x, module(x)[0], dy_seq)
    grads_last = grads_of(module, x, module(x)[0][:, -1, :], dy_last)
    return {
        "name": name,
        "kind": kind,
        "options": options,
        "batch": BATCH,
        "time": TIME,
        "input": INPUT,
        "hidden": HIDDEN,
        "x": flat(x),
        "params": {n[: -len("_l0")]: flat(p) for n, p in module.named_parameters()},
        "ySeq": flat(seq),
        "yLast": flat(last),
        "dySeq": flat(dy_seq),
        "dyLast": flat(dy_last),
        "gradsSeq": grads_seq,
        "gradsLast": grads_last,
    }


cases = [
    case("rnn tanh", "rnn"),
    case("rnn relu", "rnn", nonlinearity="relu"),
    case("rnn tanh without bias", "rnn", bias=False),
    case("lstm", "lstm"),
    case("lstm without bias", "lstm", bias=False),
    case("gru", "gru"),
    case("gru without bias", "gru", bias=False),
]

with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/nn_recurrent.py", "torch": torch.__version__, "cases": cases}, f)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
