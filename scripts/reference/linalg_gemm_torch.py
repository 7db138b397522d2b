"""Reference GEMM timings for @init/linalg's benchmark (packages/linalg/bench/gemm.bench.ts).

Times C = A @ B for square float32 and float64 matrices with PyTorch (1 thread) and numpy
(its BLAS limited to 1 thread through the environment, set before numpy is imported), as CPU time
of this process, and prints one JSON object:
{"torch": {"float32": {"64": gflops, ...}, ...}, "numpy": {...}, "versions": {...}}.
torch and numpy load the system BLAS (Debian's libblas.so.3 alternative, OpenBLAS here), pinned to
one thread above.

Usage: /usr/bin/python3 scripts/reference/linalg_gemm_torch.py [sizes, default 64,256,512,1024]
"""

import json
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)


def best_seconds(fn, min_time=0.3, min_reps=3):
    """Smallest CPU time (time.process_time) of one call, over batches of calls lasting at least
    20 ms each, at least min_reps batches and min_time seconds in all. Like the Node side of the
    benchmark, this leaves out the time other processes held the core on a shared machine."""
    t0 = time.process_time()
    fn()
    batch = max(1, int(0.02 / max(time.process_time() - t0, 1e-6)) + 1)
    best = float("inf")
    reps = 0
    spent = 0.0
    while reps < min_reps or spent < min_time:
        t0 = time.process_time()
        for _ in range(batch):
            fn()
        dt = time.process_time() - t0
        spent += dt
        best = min(best, dt / batch)
        reps += 1
    return best


def main():
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "64,256,512,1024").split(",")]
    out = {"torch": {}, "numpy": {}, "versions": {"torch": torch.__version__, "numpy": np.__version__}}
    rng = np.random.default_rng(0)
    for dtype in ("float32", "float64"):
        out["torch"][dtype] = {}
        out["numpy"][dtype] = {}
        for n in sizes:
            a = rng.standard_normal((n, n)).astype(dtype)
            b = rng.standard_normal((n, n)).astype(dtype)
            c = np.empty((n, n), dtype=dtype)
            flops = 2.0 * n * n * n
            out["numpy"][dtype][str(n)] = flops / best_seconds(lambda: np.matmul(a, b, out=c)) / 1e9
            ta, tb = torch.from_numpy(a), torch.from_numpy(b)
            tc = torch.empty((n, n), dtype=ta.dtype)
            out["torch"][dtype][str(n)] = flops / best_seconds(lambda: torch.matmul(ta, tb, out=tc)) / 1e9
    print(json.dumps(out))


if __name__ == "__main__":
    main()
