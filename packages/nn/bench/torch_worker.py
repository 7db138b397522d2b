#!/usr/bin/env python3
"""PyTorch side of @init/nn's benchmarks (bench/mlp.bench.ts, bench/cnn.bench.ts).

One training epoch on MNIST with the network, initialization (kaiming_normal_ weights, zero
biases), loss (cross-entropy), optimizer (SGD lr 0.01, momentum 0.9) and batch size (64) of the
@init/nn run, shuffled, on one thread. The timed part is the epoch's CPU time
(time.process_time); then the test accuracy on the 10 000 test digits. Prints one JSON line:
{"impl", "cpuMs", "steps", "samples", "accuracy", "peakRssMiB", "dataRssMiB"}.

Usage: /usr/bin/python3 packages/nn/bench/torch_worker.py <mnist-dir> <mlp|cnn> [samples]
"""
import gzip
import json
import os
import resource
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import torch  # noqa: E402

torch.set_num_threads(1)
BATCH = 64


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def idx(path, offset):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return torch.frombuffer(bytearray(raw[offset:]), dtype=torch.uint8)


def load(directory, prefix, n=None):
    x = idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte"), 16).reshape(-1, 1, 28, 28)
    y = idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte"), 8).long()
    if n is not None:
        x, y = x[:n], y[:n]
    x = (x.float() / 255 - 0.1307) / 0.3081
    return x, y


def network(kind):
    if kind == "mlp":
        layers = [torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                  torch.nn.ReLU(), torch.nn.Linear(128, 10)]
    else:
        layers = [torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                  torch.nn.Conv2d(6, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                  torch.nn.Linear(400, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(),
                  torch.nn.Linear(84, 10)]
    model = torch.nn.Sequential(*layers)
    for m in model:
        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    return model


def main():
    directory, kind = sys.argv[1], sys.argv[2]
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
    torch.manual_seed(0)
    x, y = load(directory, "train", samples)
    tx, ty = load(directory, "t10k")
    data_rss = rss_mib()
    model = network(kind)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    order = torch.randperm(n)
    steps = 0
    t0 = time.process_time()
    for i in range(0, n, BATCH):
        idx_b = order[i : i + BATCH]
        xb, yb = x[idx_b], y[idx_b]
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        steps += 1
    ms = (time.process_time() - t0) * 1000
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"impl": f"PyTorch {torch.__version__}", "cpuMs": ms, "steps": steps, "samples": n,
                      "accuracy": accuracy, "peakRssMiB": peak, "dataRssMiB": data_rss}))


main()
