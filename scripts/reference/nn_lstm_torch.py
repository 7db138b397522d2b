#!/usr/bin/env python3
"""Reference LSTM timing for @init/nn's benchmark (packages/nn/bench/lstm.bench.ts).

Times one forward and backward pass of torch.nn.LSTM (one layer, batch_first=True, zero initial
state) on a random batch, with the loss sum(dy * h_T) on the last step's hidden state, in float32
with one thread, as CPU time of this process (time.process_time, so time other processes held
the core on a shared machine is left out). Prints one JSON object:
{"torch": version, "ms": best milliseconds per forward + backward, "config": {...}}.

Usage: /usr/bin/python3 scripts/reference/nn_lstm_torch.py [batch time input hidden] (default 64 50 2 128)
"""
import json
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import torch  # noqa: E402

torch.set_num_threads(1)


def best_seconds(fn, min_time=1.0, min_reps=5):
    """Smallest CPU time of one call over at least min_reps calls and min_time seconds."""
    fn()
    best = float("inf")
    reps = 0
    spent = 0.0
    while reps < min_reps or spent < min_time:
        t0 = time.process_time()
        fn()
        dt = time.process_time() - t0
        spent += dt
        best = min(best, dt)
        reps += 1
    return best


def main():
    args = [int(a) for a in sys.argv[1:5]] if len(sys.argv) >= 5 else [64, 50, 2, 128]
    batch, steps, features, hidden = args
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(features, hidden, batch_first=True)
    x = torch.randn(batch, steps, features, requires_grad=True)
    dy = torch.randn(batch, hidden)

    def step():
        lstm.zero_grad()
        x.grad = None
        out, _ = lstm(x)
        out[:, -1, :].backward(dy)

    ms = best_seconds(step) * 1000
    print(json.dumps({
        "torch": torch.__version__,
        "ms": ms,
        "config": {"batch": batch, "time": steps, "input": features, "hidden": hidden},
    }))


main()
