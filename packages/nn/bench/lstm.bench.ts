// LSTM forward + backward through time: @init/nn against PyTorch 1.13 (one thread), timed in one
// run. Layer: hidden 128, 50 steps, batch 64, input 2 (the adding problem's width) and 128; the
// loss is sum(dy * h_T) on the last hidden state, as in scripts/reference/nn_lstm_torch.py. Times
// are the best CPU time of this process (process.cpuUsage) per forward + backward, so time other
// processes held the core on a shared machine is left out; PyTorch is timed the same way.
//
// Run alone: npx tsx bench/lstm.bench.ts (from packages/nn), or as a module exporting run().
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemmBackend } from '@init/linalg';
import { LSTM } from '../src/lstm';
import { zeroGrad } from '../src/parameter';

const BATCH = 64;
const STEPS = 50;
const HIDDEN = 128;

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Best CPU milliseconds of one call over at least `reps` calls and `minMs` milliseconds. */
function bestCpu(fn: () => void, reps = 5, minMs = 1000): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let k = 0; k < reps || spent < minMs; k++) {
    const t0 = cpuNow();
    fn();
    const dt = cpuNow() - t0;
    spent += dt;
    best = Math.min(best, dt);
  }
  return best;
}

/** Deterministic values in [-1, 1) (a 32-bit LCG; only the spread matters for timing). */
function lcg(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = scale * (s / 2 ** 31 - 1);
  }
  return out;
}

function ours(features: number): number {
  const lstm = new LSTM({ hiddenSize: HIDDEN });
  lstm.build([STEPS, features], 'lstm');
  const bound = 1 / Math.sqrt(HIDDEN);
  lstm.parameters().forEach((p, k) => {
    p.value.set(lcg(p.value.length, 7 + k, bound));
  });
  const x = lcg(BATCH * STEPS * features, 1);
  const dy = lcg(BATCH * HIDDEN, 2);
  const step = () => {
    zeroGrad(lstm.parameters());
    lstm.forward(x, BATCH, true);
    lstm.backward(dy, BATCH);
  };
  return bestCpu(step);
}

function torch(features: number): { ms: number; version: string } | string {
  const script = fileURLToPath(new URL('../../../scripts/reference/nn_lstm_torch.py', import.meta.url));
  try {
    const out = execFileSync(
      '/usr/bin/python3',
      [script, String(BATCH), String(STEPS), String(features), String(HIDDEN)],
      {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      },
    );
    const parsed = JSON.parse(out) as { torch: string; ms: number };
    return { ms: parsed.ms, version: parsed.torch };
  } catch (e) {
    return `unavailable: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Prints a Markdown table of both timings and their ratio. */
export function run(): void {
  const rows: string[] = [];
  let version = '';
  for (const features of [2, 128]) {
    const ms = ours(features);
    const b = torch(features);
    const ref = typeof b === 'string' ? undefined : b.ms;
    if (typeof b !== 'string') version = b.version;
    rows.push(
      `| ${BATCH} x ${STEPS} x ${features} -> ${HIDDEN} | ${ms.toFixed(1)} | ${ref === undefined ? String(b) : ref.toFixed(1)} | ${ref === undefined ? '' : (ms / ref).toFixed(2)} |`,
    );
  }
  console.log(
    `LSTM forward + backward (gemm backend ${gemmBackend()}, PyTorch ${version || '?'} 1 thread), best CPU ms`,
  );
  console.log('');
  console.log('| batch x time x input -> hidden | @init/nn | PyTorch | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) run();
