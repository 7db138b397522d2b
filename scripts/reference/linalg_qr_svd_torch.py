#!/usr/bin/env python3
"""Reference timings for the @init/linalg QR and SVD benchmarks (spawned by packages/linalg/bench/qr.bench.ts).

    /usr/bin/python3 scripts/reference/linalg_qr_svd_torch.py [sizes] [qr|svd|all]

Prints one JSON object: the best of 3 (2 for n >= 2048) CPU-time milliseconds after a warm-up
(`time.process_time`, which on a shared machine leaves out the turns of other processes; with one
BLAS thread it equals wall time on an idle machine) for
  torch.linalg.qr (float32, 1 thread, explicit reduced Q), numpy.linalg.qr (float32 input; numpy
  widens it and computes in float64), and numpy.linalg.svd(compute_uv=False) on float64, per n (n x n).
Also reports which BLAS library is loaded (OpenBLAS, pinned to one thread above, is far faster
than the reference netlib BLAS that numpy's build metadata names).
"""
import json
import os
import sys
import time

# One BLAS thread, set before numpy/torch load their BLAS (torch.set_num_threads does not reach it).
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)


def best(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1e3)
    return min(times)


def loaded_blas():
    """Names the BLAS shared libraries mapped into this process (after numpy and torch loaded)."""
    try:
        with open('/proc/self/maps') as f:
            paths = {line.split()[-1] for line in f if 'blas' in line.lower() and '/' in line}
        return ', '.join(sorted({os.path.basename(os.path.realpath(p)) for p in paths})) or 'unknown'
    except OSError:
        return 'unknown'


def main():
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else '256,512,1024,2048').split(',')]
    which = sys.argv[2] if len(sys.argv) > 2 else 'all'
    rng = np.random.default_rng(0)
    blas = loaded_blas()
    out = {'torch': torch.__version__, 'numpy': np.__version__, 'threads': torch.get_num_threads(),
           'numpy_blas': blas, 'sizes': {}}
    for n in sizes:
        repeats = 3 if n <= 1024 else 2
        a32 = rng.standard_normal((n, n)).astype(np.float32)
        a64 = rng.standard_normal((n, n))
        t32 = torch.from_numpy(a32)
        row = {}
        if which in ('qr', 'all'):
            row['torch_qr_f32'] = best(lambda: torch.linalg.qr(t32, mode='reduced'), repeats)
            row['numpy_qr_f32'] = best(lambda: np.linalg.qr(a32, mode='reduced'), repeats)
        if which in ('svd', 'all'):
            row['numpy_svd_values_f64'] = best(lambda: np.linalg.svd(a64, compute_uv=False), repeats)
        out['sizes'][str(n)] = row
    print(json.dumps(out))


if __name__ == '__main__':
    main()
