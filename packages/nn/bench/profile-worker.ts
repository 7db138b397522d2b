// Runs `fit` for a number of steps on random data of the benchmarked shapes, to be profiled with
// `node --cpu-prof` by bench/profile-split.ts (random values: only the shapes matter for where
// the time goes). Usage: node --cpu-prof --import tsx bench/profile-worker.ts <mlp|cnn> <steps>
import { fit } from '../src/fit';
import { type NetworkKind, network } from './networks';

function lcg(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const kind = (process.argv[2] ?? 'mlp') as NetworkKind;
const steps = Number(process.argv[3] ?? 300);
const model = network(kind);
const n = steps * 64;
const size = model.inputSize;
const y = new Int32Array(n).map((_, i) => (i * 7) % 10);
fit(
  model,
  { x: lcg(n * size, 1), y, shape: [n, ...model.inputShape], yShape: [n], classes: 10 },
  {
    optimizer: { kind: 'sgd', lr: 0.001, momentum: 0.9 },
    batchSize: 64,
    seed: 0,
  },
);
