#!/usr/bin/env python3
"""Reference timings for the @init/linalg QR and SVD benchmarks (spawned by packages/linalg/bench/qr.bench.ts).

    /usr/bin/python3 scripts/reference/linalg_qr_svd_torch.py [sizes] [repeats]

Prints one JSON object: best-of-`repeats` milliseconds for
  torch.linalg.qr (float32, 1 thread, explicit reduced Q), numpy.linalg.qr (float32 input; numpy
  computes in the input precision), and numpy.linalg.svd(compute_uv=False) on float64, per size n (n x n).
"""
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)


def best(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return min(times)


def main():
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else '256,512,1024,2048').split(',')]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rng = np.random.default_rng(0)
    out = {'torch': torch.__version__, 'numpy': np.__version__, 'threads': torch.get_num_threads(), 'sizes': {}}
    for n in sizes:
        a32 = rng.standard_normal((n, n)).astype(np.float32)
        a64 = rng.standard_normal((n, n))
        t32 = torch.from_numpy(a32)
        row = {
            'torch_qr_f32': best(lambda: torch.linalg.qr(t32, mode='reduced'), repeats),
            'numpy_qr_f32': best(lambda: np.linalg.qr(a32, mode='reduced'), repeats),
            'numpy_svd_values_f64': best(lambda: np.linalg.svd(a64, compute_uv=False), repeats),
        }
        out['sizes'][str(n)] = row
    print(json.dumps(out))


if __name__ == '__main__':
    main()
