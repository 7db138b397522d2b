#!/usr/bin/env python3
"""PyTorch reference timing for @init/nn's MLP benchmark (packages/nn/bench/mlp.bench.ts).

One epoch of an MLP 784-256-128-10 (ReLU, kaiming_normal weights, zero biases, cross-entropy,
SGD lr 0.01 momentum 0.9, batch 64, no shuffling) on N random samples, one thread. Prints
{"cpuMs": <process CPU milliseconds of the epoch>, "samples": N} on stdout.

Run: /usr/bin/python3 scripts/reference/nn_mlp_torch.py [N]
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(0)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
x = torch.rand(n, 784)
y = torch.randint(0, 10, (n,))
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
for m in model:
    if isinstance(m, torch.nn.Linear):
        torch.nn.init.kaiming_normal_(m.weight)
        torch.nn.init.zeros_(m.bias)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
t0 = time.process_time()
for i in range(0, n, 64):
    xb = x[i : i + 64]
    yb = y[i : i + 64]
    opt.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    opt.step()
ms = (time.process_time() - t0) * 1000
print(json.dumps({"cpuMs": ms, "samples": n}))
