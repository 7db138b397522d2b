// Writes packages/nn/test/fixtures/export-model.safetensors and export-batch.json: a small CNN
// (conv, batch norm, ReLU, max pool, dense, GELU, dense) trained for a few steps by @init/nn, and a
// fixed input batch with @init/nn's outputs in evaluation mode. scripts/reference/nn_export_torch.py
// then loads the file into the equivalent torch.nn model and records PyTorch's outputs.
//
// Run: npx tsx scripts/reference/nn_export_model.ts   (from the repository root)
import { writeFileSync } from 'node:fs';
import {
  Activation,
  BatchNorm,
  Conv2D,
  Dense,
  Flatten,
  fit,
  MaxPool2D,
  Model,
  Sequential,
  saveModel,
} from '../../packages/nn/src/index';

const dir = new URL('../../packages/nn/test/fixtures/', import.meta.url);

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const model = new Model(
  new Sequential({
    conv: new Conv2D({ filters: 4, kernelSize: 3, padding: 1 }),
    bn: new BatchNorm(),
    act: new Activation({ name: 'relu' }),
    pool: new MaxPool2D({ kernelSize: 2 }),
    flat: new Flatten(),
    fc1: new Dense({ units: 8 }),
    act2: new Activation({ name: 'gelu' }),
    fc2: new Dense({ units: 3 }),
  }),
  { inputShape: [1, 6, 6], seed: 12, name: 'export-check' },
);
const n = 48;
const y = new Int32Array(n).map((_, i) => i % 3);
// biome-ignore lint/suspicious/noFocusedTests: fit is @init/nn's training loop, not a focused test
fit(
  model,
  { x: values(n * 36, 1), y, shape: [n, 1, 6, 6], yShape: [n], classes: 3 },
  { epochs: 3, batchSize: 16, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 } },
);
const batch = 5;
const x = values(batch * 36, 2);
const out = model.forward(x, batch, false);
writeFileSync(new URL('export-model.safetensors', dir), saveModel(model).weights);
writeFileSync(
  new URL('export-batch.json', dir),
  `${JSON.stringify({ inputShape: [1, 6, 6], batch, x: Array.from(x), y: Array.from(out) })}\n`,
);
console.log(`wrote export-model.safetensors and export-batch.json (${batch} samples)`);
