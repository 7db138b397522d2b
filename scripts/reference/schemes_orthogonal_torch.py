#!/usr/bin/env python3
"""Reference timing of torch.nn.init.orthogonal_ on one thread, for packages/schemes/bench.

Usage: /usr/bin/python3 scripts/reference/schemes_orthogonal_torch.py 512 1024 2048
Prints one JSON object: {"torch": version, "ms": {"512": best_ms, ...}}.
"""
import json
import os
import sys
import time

# One thread everywhere, including a threaded BLAS/LAPACK (OpenBLAS, MKL) that torch calls into.
for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(var, '1')

import torch  # noqa: E402
from torch.nn import init  # noqa: E402


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    sizes = [int(a) for a in sys.argv[1:]] or [512, 1024, 2048]
    out = {}
    for n in sizes:
        t = torch.empty(n, n)
        init.orthogonal_(t)  # warm-up
        reps = 5 if n <= 1024 else 3
        best = float('inf')
        for _ in range(reps):
            start = time.perf_counter()
            init.orthogonal_(t)
            best = min(best, time.perf_counter() - start)
        out[str(n)] = best * 1000
    print(json.dumps({'torch': torch.__version__, 'ms': out}))


if __name__ == '__main__':
    main()
