// One epoch of an MLP 784-256-128-10 (ReLU, He normal, softmax cross-entropy, SGD lr 0.01
// momentum 0.9, batch 64, shuffled) on the 60 000 MNIST training digits, then test accuracy on
// the 10 000 test digits: @init/nn's fit against PyTorch 1.13 (one thread, bench/torch_worker.py)
// and TF.js 4.22 (wasm back end, one thread, and cpu back end; bench/tfjs-worker.ts), each in its
// own process (peak RSS is its own), alternated NN_BENCH_REPS times (default 3) in one run;
// medians and per-repetition ratios. Times are CPU time of each process, so on a shared machine
// the turns of other processes are left out. TF.js cpu trains on NN_BENCH_TFJS_CPU_SAMPLES
// (default 6400) samples and is compared per step. Also: the step's phases, where the time goes
// (a CPU profile by category), GEMM's rate against the 128-bit SIMD limit, and the heap growth
// over 1000 steps after the first (the "no allocation per step" check).
//
// Run alone: node --expose-gc --import tsx bench/mlp.bench.ts (from packages/nn).
import { fileURLToPath } from 'node:url';
import { SoftmaxCrossEntropy } from '../src/loss';
import { SGD } from '../src/optimizer';
import { cpuNow, median } from './bench-process';
import { compareEpochs, comparisonTable, medianRatio } from './compare';
import { gemmFlopsPerStep } from './gemm-flops';
import { timeStepGemms } from './gemm-shapes';
import { network } from './networks';
import { profileSplit, splitTable } from './profile-split';
import { measuredClockGHz, simdLimitGflops } from './simd-limit';

const BATCH = 64;

/** Deterministic values in [0, 1) (a 32-bit LCG; only the shapes matter for timing). */
function lcg(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32;
  }
  return out;
}

/** Per-phase CPU time of `steps` steps on one fixed batch, as fit runs them. */
function phases(steps: number): { forward: number; loss: number; backward: number; optimizer: number } {
  const model = network('mlp');
  const loss = new SoftmaxCrossEntropy();
  const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const x = lcg(BATCH * 784, 3);
  const y = new Int32Array(BATCH).map((_, i) => i % 10);
  const t = { forward: 0, loss: 0, backward: 0, optimizer: 0 };
  for (let k = 0; k < steps; k++) {
    let t0 = cpuNow();
    const out = model.forward(x, BATCH, true);
    let t1 = cpuNow();
    t.forward += t1 - t0;
    loss.forward(out, y, BATCH);
    t0 = cpuNow();
    t.loss += t0 - t1;
    model.zeroGrad();
    model.backward(loss.backward(), BATCH, false);
    t1 = cpuNow();
    t.backward += t1 - t0;
    opt.step();
    t.optimizer += cpuNow() - t1;
  }
  return t;
}

/** Heap growth (bytes) over 1000 steps after 50 warm-up steps, with a GC before and after when exposed. */
function heapGrowth(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  const model = network('mlp');
  const loss = new SoftmaxCrossEntropy();
  const opt = new SGD(model.parameters(), { lr: 0.001, momentum: 0.9 });
  const x = lcg(BATCH * 784, 4);
  const y = new Int32Array(BATCH).map((_, i) => i % 10);
  const step = () => {
    loss.forward(model.forward(x, BATCH, true), y, BATCH);
    model.zeroGrad();
    model.backward(loss.backward(), BATCH, false);
    opt.step();
  };
  // Warm up past the JIT's tier-up, whose code and feedback objects would otherwise count.
  for (let k = 0; k < 50; k++) step();
  if (gc === undefined) return undefined;
  gc();
  const before = process.memoryUsage();
  for (let k = 0; k < 1000; k++) step();
  gc();
  const after = process.memoryUsage();
  return after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
}

/**
 * GEMM rate inside the step and against the SIMD limit: GEMM's time is its share of the profile
 * applied to `stepMs`, the step time measured without the profiler.
 */
export function simdShare(
  kind: 'mlp' | 'cnn',
  split: { total: number; parts: Map<string, number> },
  stepMs: number,
): string {
  let gemmMs = 0;
  let kernelMs = 0;
  for (const [name, ms] of split.parts) {
    if (name.startsWith('GEMM')) gemmMs += (ms / split.total) * stepMs;
    if (name.startsWith('GEMM micro-kernel')) kernelMs += (ms / split.total) * stepMs;
  }
  const flops = gemmFlopsPerStep(kind, BATCH);
  const ghz = measuredClockGHz();
  const limit = simdLimitGflops(ghz);
  const all = flops / gemmMs / 1e6;
  const kernel = flops / kernelMs / 1e6;
  return [
    `GEMM: ${(flops / 1e6).toFixed(1)} MFLOP per step; ${all.toFixed(1)} GFLOP/s counting all GEMM time (checks, copies, packing), ${kernel.toFixed(1)} GFLOP/s in the micro-kernel alone (${gemmMs.toFixed(2)} and ${kernelMs.toFixed(2)} ms of the ${stepMs.toFixed(2)} ms step).`,
    `128-bit SIMD limit: 4 f32 lanes x (f32x4.mul + f32x4.add, no FMA in wasm) x 2 multiply and 2 add pipes x ${ghz.toFixed(2)} GHz (measured: dependent integer chain) = ${limit.toFixed(1)} GFLOP/s;`,
    `GEMM reaches ${((100 * all) / limit).toFixed(0)}% of it overall and ${((100 * kernel) / limit).toFixed(0)}% in the micro-kernel.`,
  ].join('\n');
}

const envNumber = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

export function run(): void {
  const reps = envNumber('NN_BENCH_REPS', 3);
  const cmp = compareEpochs('mlp', {
    reps,
    samples: envNumber('NN_BENCH_SAMPLES', 60_000),
    tfjs: true,
    tfjsCpuSamples: envNumber('NN_BENCH_TFJS_CPU_SAMPLES', 6400),
  });
  console.log(`MLP 784-256-128-10 on MNIST, one epoch, batch ${BATCH}; medians of ${reps} alternated runs\n`);
  console.log(comparisonTable(cmp));
  const torch = medianRatio(cmp, 'nn', 'torch');
  const tfjs = medianRatio(cmp, 'tfjs-wasm', 'nn');
  console.log(
    `\n@init/nn / PyTorch: ${torch?.toFixed(2) ?? '-'}x (target at most 4x); TF.js wasm / @init/nn: ${tfjs?.toFixed(2) ?? '-'}x (target at least 5x)`,
  );
  const p = phases(200);
  const total = p.forward + p.loss + p.backward + p.optimizer;
  const share = (v: number) => `${((100 * v) / total).toFixed(1)}%`;
  console.log(
    `\nstep phases (200 steps, one batch): forward ${share(p.forward)}, loss ${share(p.loss)}, backward ${share(p.backward)}, optimizer ${share(p.optimizer)}; ${(total / 200).toFixed(2)} ms/step`,
  );
  const steps = 300;
  const split = profileSplit('mlp', steps);
  const stepMs = median((cmp.get('nn') ?? []).map((r) => r.cpuMs / r.steps));
  console.log(
    `\nwhere the time goes (CPU profile of ${steps} fit steps, 2 kHz sampling, inlining off; shares applied to the measured ${stepMs.toFixed(2)} ms step):\n`,
  );
  console.log(splitTable(split, stepMs));
  console.log(`\n${simdShare('mlp', split, stepMs)}`);
  const g = timeStepGemms();
  const limit = simdLimitGflops(measuredClockGHz());
  console.log("\nthe step's GEMM calls timed alone (best CPU time):\n");
  console.log('| call (m x n x k) | ms | GFLOP/s | share of the SIMD limit |');
  console.log('|---|---:|---:|---:|');
  for (const r of g.rows) {
    console.log(
      `| ${r.name} | ${r.ms.toFixed(3)} | ${r.gflops.toFixed(1)} | ${((100 * r.gflops) / limit).toFixed(0)}% |`,
    );
  }
  const rate = g.flops / g.totalMs / 1e6;
  console.log(
    `| all ${g.rows.length} calls | ${g.totalMs.toFixed(3)} | ${rate.toFixed(1)} | ${((100 * rate) / limit).toFixed(0)}% of ${limit.toFixed(1)} GFLOP/s |`,
  );
  const growth = heapGrowth();
  console.log(
    growth === undefined
      ? '\nheap growth over 1000 steps: run with node --expose-gc to measure'
      : `\nheap growth over 1000 steps after the first: ${(growth / 1024).toFixed(1)} KiB`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) run();
