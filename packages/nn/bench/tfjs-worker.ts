// One training epoch in TensorFlow.js 4.22 (cpu or wasm back end, one thread) on MNIST, as a child
// process of bench/mlp.bench.ts: the same network, initialization, loss, optimizer, batch size and
// data as @init/nn's run. Prints a WorkerReport as JSON on its last line.
//
// Usage: node --import tsx bench/tfjs-worker.ts <wasm|cpu> <mlp> [samples]
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadMnist } from '../src/mnist-node';
import { cpuNow, mnistDir, peakRssMiB } from './bench-process';

const BATCH = 64;

async function main(): Promise<void> {
  const backend = process.argv[2] ?? 'wasm';
  const samples = Number(process.argv[4] ?? 60_000);
  const wasmDir = dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm')));
  setWasmPaths(`${wasmDir}/`);
  setThreadsCount(1);
  await tf.setBackend(backend);
  await tf.ready();
  const { train, test } = await loadMnist({ dir: mnistDir(), subset: samples, scaling: 'standardize' });
  const dataRss = process.memoryUsage().rss / 2 ** 20;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: 'heNormal' }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal' }),
      tf.layers.dense({ units: 10, kernelInitializer: 'heNormal' }),
    ],
  });
  const optimizer = tf.train.momentum(0.01, 0.9);
  const n = train.shape[0] as number;
  const order = tf.util.createShuffledIndices(n);
  const xb = new Float32Array(BATCH * 784);
  const yb = new Int32Array(BATCH);
  const t0 = cpuNow();
  let steps = 0;
  for (let from = 0; from < n; from += BATCH) {
    const b = Math.min(BATCH, n - from);
    for (let i = 0; i < b; i++) {
      const s = order[from + i] as number;
      xb.set(train.x.subarray(s * 784, s * 784 + 784), i * 784);
      yb[i] = train.y[s] as number;
    }
    tf.tidy(() => {
      const x = tf.tensor2d(xb.subarray(0, b * 784), [b, 784]);
      const y = tf.oneHot(tf.tensor1d(yb.subarray(0, b), 'int32'), 10);
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);
    });
    steps++;
  }
  // Wait for the last update (the wasm and cpu back ends run synchronously; this is a no-op there).
  (model.getWeights()[0] as tf.Tensor).dataSync();
  const cpuMs = cpuNow() - t0;
  const accuracy = tf.tidy(() => {
    const x = tf.tensor2d(test.x, [test.shape[0] as number, 784]);
    const pred = (model.predict(x) as tf.Tensor).argMax(1).dataSync();
    let hits = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) hits++;
    return hits / pred.length;
  });
  console.log(
    JSON.stringify({
      impl: `TF.js ${tf.version.tfjs} ${backend}`,
      cpuMs,
      steps,
      samples: n,
      accuracy,
      peakRssMiB: peakRssMiB(),
      dataRssMiB: dataRss,
    }),
  );
}

await main();
