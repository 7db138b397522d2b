// Singular values only of an n x n float64 matrix: @init/linalg svd(a, { computeUV: false })
// against numpy.linalg.svd(compute_uv=False) (through scripts/reference/linalg_qr_svd_torch.py,
// one thread), in one run; plus the full SVD with vectors. Sizes: SVD_BENCH_SIZES (default 256,512,1024).
import { matrix, svd } from '../src/index';
import { lcgFill, pythonTimings } from './reference-python';
import { bestTime, table } from './timing';

const sizes = (process.env.SVD_BENCH_SIZES ?? '256,512,1024').split(',').map(Number);

/** Prints the side-by-side table. */
export async function run(): Promise<void> {
  const ours = new Map<number, { values: number; full: number }>();
  for (const n of sizes) {
    const a = matrix(n, n);
    lcgFill(a.data, n + 7);
    const reps = n >= 1024 ? { minReps: 2, minTime: 0, clock: 'cpu' as const } : { clock: 'cpu' as const };
    const values = await bestTime(() => svd(a, { computeUV: false }), reps);
    const full = await bestTime(() => svd(a), { minReps: 1, minTime: 0, clock: 'cpu' });
    ours.set(n, { values, full });
  }
  const py = pythonTimings(sizes, 'svd');
  const rows: string[][] = [];
  for (const n of sizes) {
    const o = ours.get(n);
    if (!o) continue;
    const np = py.sizes[String(n)]?.numpy_svd_values_f64;
    rows.push([
      String(n),
      o.values.toFixed(1),
      np?.toFixed(1) ?? '-',
      np === undefined ? '-' : `${(o.values / np).toFixed(2)}x`,
      o.full.toFixed(1),
    ]);
  }
  console.log('SVD of an n x n float64 matrix, CPU-time milliseconds (best of >= 3; 2 at n = 1024)\n');
  console.log(table(['n', 'init values', 'numpy values', 'init / numpy', 'init with U, V'], rows));
  console.log(`\n${py.versions}, one BLAS thread.`);
}
