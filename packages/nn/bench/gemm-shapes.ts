// The GEMM calls of one MLP training step (784-256-128-10, batch 64), timed one by one in
// isolation with the flags the layers use: forward x Wᵀ (transB), weight gradient dyᵀ x (transA,
// beta 1), input gradient dy W (not for the first layer). Best CPU time of batches of calls.
import { gemm, type Matrix } from '@init/linalg';
import { cpuNow } from './bench-process';

interface Call {
  readonly name: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly beta: number;
}

const B = 64;
const LAYERS: readonly [number, number][] = [
  [784, 256],
  [256, 128],
  [128, 10],
];

function calls(): Call[] {
  const out: Call[] = [];
  for (const [i, o] of LAYERS)
    out.push({ name: `forward ${i}->${o}: x Wᵀ`, m: B, n: o, k: i, transA: false, transB: true, beta: 0 });
  for (const [i, o] of LAYERS)
    out.push({
      name: `weight gradient ${i}->${o}: dyᵀ x`,
      m: o,
      n: i,
      k: B,
      transA: true,
      transB: false,
      beta: 1,
    });
  for (const [i, o] of LAYERS.slice(1))
    out.push({
      name: `input gradient ${i}->${o}: dy W`,
      m: B,
      n: i,
      k: o,
      transA: false,
      transB: false,
      beta: 0,
    });
  return out;
}

function filled(rows: number, cols: number, seed: number): Matrix {
  const data = new Float32Array(rows * cols);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32 - 0.5) * 0.01;
  }
  return { data, rows, cols, offset: 0, rowStride: cols, colStride: 1 };
}

/** Per-call best milliseconds and the sum, with GFLOP/s. */
export function timeStepGemms(): {
  rows: { name: string; ms: number; gflops: number }[];
  totalMs: number;
  flops: number;
} {
  const rows: { name: string; ms: number; gflops: number }[] = [];
  let totalMs = 0;
  let flops = 0;
  for (const c of calls()) {
    const a = c.transA ? filled(c.k, c.m, 1) : filled(c.m, c.k, 1);
    const b = c.transB ? filled(c.n, c.k, 2) : filled(c.k, c.n, 2);
    const out = filled(c.m, c.n, 3);
    const run = () => gemm(1, a, b, c.beta, out, { transA: c.transA, transB: c.transB });
    const reps = Math.max(5, Math.ceil(2e8 / (2 * c.m * c.n * c.k)));
    for (let i = 0; i < reps; i++) run();
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 7; r++) {
      const t0 = cpuNow();
      for (let i = 0; i < reps; i++) run();
      best = Math.min(best, (cpuNow() - t0) / reps);
    }
    const f = 2 * c.m * c.n * c.k;
    rows.push({ name: `${c.name} (${c.m} x ${c.n} x ${c.k})`, ms: best, gflops: f / best / 1e6 });
    totalMs += best;
    flops += f;
  }
  return { rows, totalMs, flops };
}
