// LSTM forward + backward through time: @init/nn against PyTorch 1.13 (one thread), timed in one
// run. Layer: hidden 128, 50 steps, batch 64, input 2 (the adding problem's width) and 128; the
// loss is sum(dy * h_T) on the last hidden state, as in scripts/reference/nn_lstm_torch.py. Times
// are the best CPU time of each process (process.cpuUsage) per forward + backward, so time other
// processes held the core on a shared machine is left out; PyTorch is timed the same way. Each
// side runs in its own process (peak RSS is its own), alternated NN_BENCH_REPS times (default 3);
// medians.
//
// Run alone: npx tsx bench/lstm.bench.ts (from packages/nn), or as a module exporting run().
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemmBackend } from '@init/linalg';
import { LSTM } from '../src/lstm';
import { zeroGrad } from '../src/parameter';
import { median, peakRssMiB } from './bench-process';

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

/** PyTorch's best ms and peak RSS (MiB) for one shape, run in its own process. */
function torch(features: number): { ms: number; rss: number; version: string } | string {
  const script = fileURLToPath(new URL('../../../scripts/reference/nn_lstm_torch.py', import.meta.url));
  // Runs the reference script, then prints the process's peak RSS on a second line.
  const wrapper = [
    'import resource, runpy, sys',
    'sys.argv = sys.argv[1:]',
    'runpy.run_path(sys.argv[0], run_name="__main__")',
    'print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)',
  ].join('\n');
  try {
    const out = execFileSync(
      '/usr/bin/python3',
      ['-c', wrapper, script, String(BATCH), String(STEPS), String(features), String(HIDDEN)],
      {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      },
    );
    const [json, rss] = out.trim().split('\n');
    const parsed = JSON.parse(json ?? '') as { torch: string; ms: number };
    return { ms: parsed.ms, rss: Number(rss), version: parsed.torch };
  } catch (e) {
    return `unavailable: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Our best ms and peak RSS (MiB) for one shape, run in a child process of this file. */
function oursInProcess(features: number): { ms: number; rss: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', String(features)],
    { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as { ms: number; rss: number };
}

/** Prints a Markdown table of both timings, their ratio and each peak RSS (medians). */
export function run(): void {
  const reps = Number(process.env.NN_BENCH_REPS || 3);
  const rows: string[] = [];
  let version = '';
  for (const features of [2, 128]) {
    const ours: { ms: number; rss: number }[] = [];
    const ref: { ms: number; rss: number }[] = [];
    let failure = '';
    for (let r = 0; r < reps; r++) {
      ours.push(oursInProcess(features));
      const b = torch(features);
      if (typeof b === 'string') failure = b;
      else {
        ref.push(b);
        version = b.version;
      }
    }
    const ms = median(ours.map((o) => o.ms));
    const rss = median(ours.map((o) => o.rss));
    const refMs = ref.length === 0 ? undefined : median(ref.map((o) => o.ms));
    const refRss = ref.length === 0 ? undefined : median(ref.map((o) => o.rss));
    const ratio =
      ref.length === 0
        ? ''
        : median(ours.slice(0, ref.length).map((o, i) => o.ms / (ref[i] as { ms: number }).ms)).toFixed(2);
    rows.push(
      `| ${BATCH} x ${STEPS} x ${features} -> ${HIDDEN} | ${ms.toFixed(1)} | ${refMs === undefined ? failure : refMs.toFixed(1)} | ${ratio} | ${rss.toFixed(0)} MiB | ${refRss === undefined ? '-' : `${refRss.toFixed(0)} MiB`} |`,
    );
  }
  console.log(
    `LSTM forward + backward (gemm backend ${gemmBackend()}, PyTorch ${version || '?'} 1 thread), best CPU ms, medians of ${reps} alternated runs`,
  );
  console.log('');
  console.log(
    '| batch x time x input -> hidden | @init/nn | PyTorch | ratio | peak RSS @init/nn | peak RSS PyTorch |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--worker') {
    const ms = ours(Number(process.argv[3]));
    console.log(JSON.stringify({ ms, rss: peakRssMiB() }));
  } else run();
}
