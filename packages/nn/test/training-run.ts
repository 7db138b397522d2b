// A short seeded training run whose losses and final weights must be the same bits in Node and in
// Chromium (src/browser.test.ts bundles this file for the browser).
import { gemmBackend } from '@init/linalg';
import { Activation } from '../src/activation';
import { Conv2D } from '../src/conv2d';
import { Dense } from '../src/dense';
import { Dropout } from '../src/dropout';
import { fit } from '../src/fit';
import { Flatten } from '../src/flatten';
import { GRU } from '../src/gru';
import { LSTM } from '../src/lstm';
import { Model } from '../src/model';
import { spirals } from '../src/synthetic-spirals';

/** FNV-1a over the bytes of float32 arrays, as 8 hex digits. */
function hash(arrays: readonly Float32Array[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Losses (as float64 bit patterns in hex) and a hash of the final weights of two small runs. */
export function trainingFingerprint(): {
  backend: string;
  mlp: { losses: string; weights: string };
  cnn: { losses: string; weights: string };
  rnn: { losses: string; weights: string };
} {
  const data = spirals({ n: 96, rng: 7 });
  const mlp = new Model(
    [
      new Dense({ units: 16 }),
      new Activation({ name: 'gelu' }),
      new Dropout({ rate: 0.1 }),
      new Dense({ units: 2 }),
    ],
    {
      inputShape: [2],
      init: 'auto',
      seed: 3,
    },
  );
  const r1 = fit(mlp, data, { optimizer: { kind: 'adam', lr: 0.01 }, epochs: 3, batchSize: 16, seed: 5 });
  const images = {
    x: new Float32Array(24 * 36).map((_, i) => Math.sin(i * 0.37)),
    y: new Int32Array(24).map((_, i) => i % 2),
    shape: [24, 1, 6, 6],
    yShape: [24],
    classes: 2,
  };
  const cnn = new Model(
    [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 1 }),
      new Activation({ name: 'tanh' }),
      new Flatten(),
      new Dense({ units: 2 }),
    ],
    {
      inputShape: [1, 6, 6],
      init: 'auto',
      seed: 4,
    },
  );
  const r2 = fit(cnn, images, {
    optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 },
    epochs: 2,
    batchSize: 8,
    seed: 6,
  });
  // Recurrent layers: gate nonlinearities must give the same bits in every engine too.
  const sequences = {
    x: new Float32Array(16 * 6 * 2).map((_, i) => ((i * 37) % 101) / 101 - 0.5),
    y: new Int32Array(16).map((_, i) => (i * 7) % 2),
    shape: [16, 6, 2],
    yShape: [16],
    classes: 2,
  };
  const rnn = new Model(
    [new LSTM({ hiddenSize: 5, returnSequences: true }), new GRU({ hiddenSize: 4 }), new Dense({ units: 2 })],
    { inputShape: [6, 2], init: 'auto', seed: 8 },
  );
  const r3 = fit(rnn, sequences, { optimizer: { kind: 'adam', lr: 0.02 }, epochs: 2, batchSize: 8, seed: 9 });
  const bits = (losses: Float64Array) =>
    hash([new Float32Array(losses.buffer.slice(losses.byteOffset, losses.byteOffset + losses.byteLength))]);
  return {
    backend: gemmBackend(),
    mlp: { losses: bits(r1.stepLosses), weights: hash(mlp.parameters().map((p) => p.value)) },
    cnn: { losses: bits(r2.stepLosses), weights: hash(cnn.parameters().map((p) => p.value)) },
    rnn: { losses: bits(r3.stepLosses), weights: hash(rnn.parameters().map((p) => p.value)) },
  };
}
