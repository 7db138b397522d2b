"""Reference timings for @init/rng: PyTorch filling a 4096 x 4096 float32 tensor on one CPU thread.

Prints one JSON object: versions and, per operation, the best of N wall times in milliseconds.
Spawned by packages/rng/bench/run.ts so that PyTorch and the JavaScript implementations are timed in one run.
Usage: /usr/bin/python3 scripts/reference/rng_fill_torch.py [repeats]
"""
import json
import os
import sys
import time

# One BLAS/OpenMP thread, set before torch is imported (torch.set_num_threads below pins intra-op threads).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch  # noqa: E402

torch.set_num_threads(1)
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
rows, cols = 4096, 4096
t = torch.empty(rows, cols, dtype=torch.float32)
torch.manual_seed(0)


def best(fn):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


ops = {
    "uniform": lambda: t.uniform_(0.0, 1.0),
    "normal": lambda: t.normal_(0.0, 1.0),
    "truncated_normal": lambda: torch.nn.init.trunc_normal_(t, 0.0, 1.0, -2.0, 2.0),
    "kaiming_normal": lambda: torch.nn.init.kaiming_normal_(t),
    "xavier_uniform": lambda: torch.nn.init.xavier_uniform_(t),
}
result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "shape": [rows, cols], "repeats": repeats}
result["ms"] = {name: best(fn) for name, fn in ops.items()}
print(json.dumps(result))
