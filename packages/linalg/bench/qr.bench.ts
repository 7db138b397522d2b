// QR with explicit (reduced) Q of an n x n float32 matrix, the orthogonal-initialization workload:
// @init/linalg in both working precisions, PyTorch torch.linalg.qr (float32, 1 thread) and numpy
// (through scripts/reference/linalg_qr_svd_torch.py), and TF.js tf.linalg.qr (cpu) for n <= 256,
// all in one run, timed as CPU time of each process (the reference runs before and after the Node
// timings, keeping the faster). Sizes: QR_BENCH_SIZES (default 256,512,1024,2048).
import * as tf from '@tensorflow/tfjs';
import { matrix, orthogonalityError, qr } from '../src/index';
import { lcgFill, pythonTimings } from './reference-python';
import { bestTime, table } from './timing';

const sizes = (process.env.QR_BENCH_SIZES ?? '256,512,1024,2048').split(',').map(Number);

async function tfjsQr(n: number, data: Float32Array): Promise<number> {
  await tf.setBackend('cpu');
  await tf.ready();
  const x = tf.tensor2d(data, [n, n]);
  const ms = await bestTime(
    () => {
      const [q, r] = tf.linalg.qr(x);
      q?.dataSync();
      q?.dispose();
      r?.dispose();
    },
    { minReps: 1, minTime: 0, warmup: n <= 128 ? 1 : 0, clock: 'cpu' },
  );
  x.dispose();
  return ms;
}

/** Prints the side-by-side table. */
export async function run(): Promise<void> {
  // The reference runs before and after the Node timings; each cell keeps the faster of the two,
  // so that neither side alone meets a busy moment of the shared machine.
  const before = pythonTimings(sizes, 'qr');
  const rows: string[][] = [];
  const ours = new Map<number, { f64: number; f32: number; e64: number; e32: number; tf?: number }>();
  for (const n of sizes) {
    const a = matrix(n, n, { dtype: 'float32' });
    lcgFill(a.data, n);
    const reps = n >= 2048 ? { minReps: 3, minTime: 0, clock: 'cpu' as const } : { clock: 'cpu' as const };
    const f64 = await bestTime(() => qr(a), reps);
    const f32 = await bestTime(() => qr(a, { precision: 'float32' }), reps);
    const e64 = orthogonalityError(qr(a).q ?? a);
    const e32 = orthogonalityError(qr(a, { precision: 'float32' }).q ?? a);
    const tfMs = n <= 256 ? await tfjsQr(n, a.data as Float32Array) : undefined;
    ours.set(n, { f64, f32, e64, e32, tf: tfMs });
  }
  const after = pythonTimings(sizes, 'qr');
  const py = after;
  const faster = (n: number, key: string): number | undefined => {
    const xs = [before, after]
      .map((t) => t.sizes[String(n)]?.[key])
      .filter((x): x is number => x !== undefined);
    return xs.length === 0 ? undefined : Math.min(...xs);
  };
  for (const n of sizes) {
    const o = ours.get(n);
    if (!o) continue;
    const torch = faster(n, 'torch_qr_f32');
    const numpy = faster(n, 'numpy_qr_f32');
    const ratio = (x: number) => (torch === undefined ? '-' : `${(x / torch).toFixed(2)}x`);
    rows.push([
      String(n),
      o.f64.toFixed(1),
      o.f32.toFixed(1),
      torch?.toFixed(1) ?? '-',
      numpy?.toFixed(1) ?? '-',
      o.tf === undefined ? '-' : o.tf.toFixed(0),
      ratio(o.f64),
      ratio(o.f32),
      o.e64.toExponential(1),
      o.e32.toExponential(1),
    ]);
  }
  console.log(
    'QR with explicit reduced Q, n x n float32 input, CPU-time milliseconds (best of >= 3; torch and numpy: best of two runs of the reference, before and after)\n',
  );
  console.log(
    table(
      [
        'n',
        'init f64 work',
        'init f32 work',
        'torch 1 thread',
        'numpy',
        'TF.js cpu',
        'f64 / torch',
        'f32 / torch',
        'orth. err f64',
        'orth. err f32',
      ],
      rows,
    ),
  );
  console.log(
    `\n${py.versions}. One BLAS thread; numpy widens float32 to float64. TF.js 4.22 cpu backend, one run, n <= 256 only. orth. err = max abs(QᵀQ − I).`,
  );
}
