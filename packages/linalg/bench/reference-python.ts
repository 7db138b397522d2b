// Spawns scripts/reference/linalg_qr_svd_torch.py (PyTorch and numpy, one thread) and returns its
// timings, so that the QR and SVD benchmarks report ratios measured in one run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Parsed output of the reference script. */
export interface PythonTimings {
  versions: string;
  /** `sizes[n][key]` in milliseconds, keys `torch_qr_f32`, `numpy_qr_f32`, `numpy_svd_values_f64`. */
  sizes: Record<string, Record<string, number>>;
}

/** Runs the reference script for `sizes` and `which` ('qr' | 'svd'); never throws. */
export function pythonTimings(sizes: readonly number[], which: 'qr' | 'svd'): PythonTimings {
  const script = fileURLToPath(new URL('../../../scripts/reference/linalg_qr_svd_torch.py', import.meta.url));
  try {
    const out = execFileSync('/usr/bin/python3', [script, sizes.join(','), which], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    const parsed = JSON.parse(out) as {
      torch: string;
      numpy: string;
      numpy_blas: string;
      sizes: Record<string, Record<string, number>>;
    };
    return {
      versions: `torch ${parsed.torch}, numpy ${parsed.numpy} (BLAS loaded: ${parsed.numpy_blas})`,
      sizes: parsed.sizes,
    };
  } catch (e) {
    return { versions: `python reference unavailable: ${(e as Error).message.split('\n')[0]}`, sizes: {} };
  }
}

/** Deterministic data in [-1, 1) (a 32-bit LCG; only the spread matters for timing). */
export function lcgFill(data: Float32Array | Float64Array, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
}
