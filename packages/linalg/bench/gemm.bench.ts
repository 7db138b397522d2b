// GEMM throughput (GFLOP/s = 2 n^3 / time) for square n x n float32 and float64 products, for
// both @init/linalg back ends, TF.js (cpu and wasm back ends) and, through
// scripts/reference/linalg_gemm_torch.py, PyTorch and numpy limited to one thread, all timed in
// one run. Times are CPU time of the benchmarking process (single-threaded code on a shared
// machine: other processes' turns on the core are left out). Sizes: GEMM_BENCH_SIZES (default
// 64,256,512,1024).
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { type Dtype, gemm, gemmBackend, type Matrix, matrix, setGemmBackend } from '../src/index';
import { bestTime, table } from './timing';

const sizes = (process.env.GEMM_BENCH_SIZES ?? '64,256,512,1024').split(',').map(Number);
const dtypes: Dtype[] = ['float32', 'float64'];
type Results = Map<string, number>; // key `${impl}|${dtype}|${n}` -> GFLOP/s

/** Deterministic data in [-1, 1) (a 32-bit LCG; the values do not matter, only their spread). */
function filled(n: number, dtype: Dtype, seed: number): Matrix {
  const m = matrix(n, n, { dtype });
  let s = seed >>> 0;
  for (let i = 0; i < m.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    m.data[i] = s / 2 ** 31 - 1;
  }
  return m;
}

const gflops = (n: number, ms: number): number => (2 * n ** 3) / (ms * 1e6);

async function timeInit(results: Results): Promise<void> {
  const initial = gemmBackend();
  for (const backend of ['wasm', 'js'] as const) {
    setGemmBackend(backend);
    for (const dtype of dtypes) {
      for (const n of sizes) {
        const a = filled(n, dtype, 1);
        const b = filled(n, dtype, 2);
        const c = matrix(n, n, { dtype });
        const ms = await bestTime(() => gemm(1, a, b, 0, c), { minTime: 1000, clock: 'cpu' });
        results.set(`init ${backend}|${dtype}|${n}`, gflops(n, ms));
      }
    }
  }
  setGemmBackend(initial);
}

async function timeTfjs(results: Results): Promise<void> {
  const wasmDir = dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm')));
  setWasmPaths(`${wasmDir}/`);
  setThreadsCount(1);
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const n of sizes) {
      const a = tf.tensor2d(filled(n, 'float32', 1).data as Float32Array, [n, n]);
      const b = tf.tensor2d(filled(n, 'float32', 2).data as Float32Array, [n, n]);
      const slow = backend === 'cpu' && n >= 512;
      const ms = await bestTime(
        () => {
          const c = tf.matMul(a, b);
          c.dataSync();
          c.dispose();
        },
        slow ? { minReps: 1, minTime: 0, clock: 'cpu' } : { clock: 'cpu' },
      );
      results.set(`tfjs ${backend}|float32|${n}`, gflops(n, ms));
      a.dispose();
      b.dispose();
    }
  }
}

function timePython(results: Results): string {
  const script = fileURLToPath(new URL('../../../scripts/reference/linalg_gemm_torch.py', import.meta.url));
  try {
    const out = execFileSync('/usr/bin/python3', [script, sizes.join(',')], { encoding: 'utf8' });
    const parsed = JSON.parse(out) as Record<string, Record<string, Record<string, number>>>;
    for (const impl of ['torch', 'numpy']) {
      for (const dtype of dtypes) {
        for (const n of sizes) {
          const v = parsed[impl]?.[dtype]?.[String(n)];
          if (v !== undefined) results.set(`${impl}|${dtype}|${n}`, v);
        }
      }
    }
    const v = parsed.versions as unknown as Record<string, string>;
    return `torch ${v.torch}, numpy ${v.numpy}`;
  } catch (e) {
    return `python reference unavailable: ${(e as Error).message.split('\n')[0]}`;
  }
}

async function timeVariants(): Promise<string> {
  const n = 512;
  const rows: string[][] = [];
  const initial = gemmBackend();
  setGemmBackend('wasm');
  for (const dtype of dtypes) {
    const a = filled(n, dtype, 1);
    const b = filled(n, dtype, 2);
    const c = matrix(n, n, { dtype });
    const row: string[] = [dtype];
    for (const [transA, transB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      row.push(
        gflops(n, await bestTime(() => gemm(1, a, b, 1, c, { transA, transB }), { clock: 'cpu' })).toFixed(1),
      );
    }
    rows.push(row);
  }
  setGemmBackend(initial);
  return table([`wasm, n = ${n}, beta = 1`, 'A B', 'A Bᵀ', 'Aᵀ B', 'Aᵀ Bᵀ'], rows);
}

/** Prints the side-by-side GFLOP/s table. */
export async function run(): Promise<void> {
  const results: Results = new Map();
  await timeInit(results);
  await timeTfjs(results);
  const versions = timePython(results);
  const impls = ['init wasm', 'init js', 'torch', 'numpy', 'tfjs wasm', 'tfjs cpu'];
  const rows: string[][] = [];
  for (const dtype of dtypes) {
    for (const n of sizes) {
      const cell = (impl: string) => results.get(`${impl}|${dtype}|${n}`);
      const row = [`${n}`, dtype, ...impls.map((impl) => cell(impl)?.toFixed(1) ?? '-')];
      const ours = cell('init wasm');
      const torch = cell('torch');
      row.push(ours !== undefined && torch !== undefined ? `${(ours / torch).toFixed(2)}x` : '-');
      rows.push(row);
    }
  }
  console.log(
    'GEMM C = A B, square n x n, GFLOP/s per CPU-second of the process (best batch; higher is better)\n',
  );
  console.log(table(['n', 'dtype', ...impls, 'init wasm / torch'], rows));
  console.log(`\nPyTorch and numpy: 1 thread (${versions}); TF.js 4.22 (float32 only), wasm with 1 thread.`);
  console.log('\nTranspose variants, GFLOP/s:\n');
  console.log(await timeVariants());
}
