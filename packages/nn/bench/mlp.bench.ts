// One epoch of an MLP 784-256-128-10 (ReLU, He normal, softmax cross-entropy, SGD momentum 0.9,
// batch 64) on 60 000 random samples: @init/nn's fit against PyTorch 1.13 (one thread) on the
// same shapes in the same run (scripts/reference/nn_mlp_torch.py). Times are CPU time of the
// measuring process (process.cpuUsage), so on a shared machine the turns of other processes are
// left out. Also: where one training step's time goes (forward, loss, backward, optimizer) and
// the heap growth over 1000 steps after the first (the "no allocation per step" check).
//
// Run alone: npx tsx bench/mlp.bench.ts [samples] (from packages/nn), or as a module exporting run().
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemmBackend } from '@init/linalg';
import { Activation } from '../src/activation';
import type { Dataset } from '../src/data-set';
import { Dense } from '../src/dense';
import { fit } from '../src/fit';
import { SoftmaxCrossEntropy } from '../src/loss';
import { Model } from '../src/model';
import { SGD } from '../src/optimizer';

const BATCH = 64;

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

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

function mlp(): Model {
  return new Model(
    [
      new Dense({ units: 256 }),
      new Activation({ name: 'relu' }),
      new Dense({ units: 128 }),
      new Activation({ name: 'relu' }),
      new Dense({ units: 10 }),
    ],
    { inputShape: [784], init: { name: 'he_normal' }, seed: 0 },
  );
}

function randomData(n: number): Dataset {
  const y = new Int32Array(n);
  const u = lcg(n, 7);
  for (let i = 0; i < n; i++) y[i] = Math.floor((u[i] as number) * 10);
  return { x: lcg(n * 784, 1), y, shape: [n, 784], yShape: [n], classes: 10 };
}

/** Per-phase CPU time of `steps` steps on one fixed batch. */
function phases(steps: number): { forward: number; loss: number; backward: number; optimizer: number } {
  const model = mlp();
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
    model.backward(loss.backward(), BATCH);
    t1 = cpuNow();
    t.backward += t1 - t0;
    opt.step();
    t.optimizer += cpuNow() - t1;
  }
  return t;
}

/** Heap growth (bytes) over 1000 steps after a warm-up step, with a GC before and after when exposed. */
function heapGrowth(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  const model = mlp();
  const loss = new SoftmaxCrossEntropy();
  const opt = new SGD(model.parameters(), { lr: 0.001, momentum: 0.9 });
  const x = lcg(BATCH * 784, 4);
  const y = new Int32Array(BATCH).map((_, i) => i % 10);
  const step = () => {
    loss.forward(model.forward(x, BATCH, true), y, BATCH);
    model.zeroGrad();
    model.backward(loss.backward(), BATCH);
    opt.step();
  };
  step();
  if (gc === undefined) return undefined;
  gc();
  const before = process.memoryUsage();
  for (let k = 0; k < 1000; k++) step();
  gc();
  const after = process.memoryUsage();
  return after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
}

function torchEpoch(samples: number): number | undefined {
  const script = fileURLToPath(new URL('../../../scripts/reference/nn_mlp_torch.py', import.meta.url));
  try {
    const out = execFileSync('/usr/bin/python3', [script, String(samples)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    return (JSON.parse(out) as { cpuMs: number }).cpuMs;
  } catch {
    return undefined;
  }
}

export function run(samples = 60_000): void {
  const data = randomData(samples);
  const model = mlp();
  const t0 = cpuNow();
  const result = fit(model, data, {
    optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    batchSize: BATCH,
    epochs: 1,
    seed: 0,
  });
  const ours = cpuNow() - t0;
  const torch = torchEpoch(samples);
  const p = phases(200);
  const total = p.forward + p.loss + p.backward + p.optimizer;
  const growth = heapGrowth();
  const share = (v: number) => `${((100 * v) / total).toFixed(1)}%`;
  console.log(
    `gemm backend: ${gemmBackend()}; ${samples} samples, batch ${BATCH}, ${result.steps} steps, status ${result.status}`,
  );
  console.log('| | CPU ms / epoch | ratio to torch |');
  console.log('|---|---:|---:|');
  console.log(
    `| @init/nn fit | ${ours.toFixed(0)} | ${torch === undefined ? '-' : `${(ours / torch).toFixed(2)}x`} |`,
  );
  console.log(`| PyTorch 1.13, 1 thread | ${torch === undefined ? 'unavailable' : torch.toFixed(0)} | 1x |`);
  console.log(
    `\nstep time split (200 steps, one batch): forward ${share(p.forward)}, loss ${share(p.loss)}, backward ${share(p.backward)}, optimizer ${share(p.optimizer)}; ${(total / 200).toFixed(2)} ms/step`,
  );
  console.log(
    growth === undefined
      ? 'heap growth over 1000 steps: run with node --expose-gc to measure'
      : `heap growth over 1000 steps after the first: ${(growth / 1024).toFixed(1)} KiB`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv[2] === undefined ? 60_000 : Number(process.argv[2]));
}
