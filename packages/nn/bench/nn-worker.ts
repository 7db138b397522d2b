// One @init/nn training epoch on MNIST (fit: SGD lr 0.01 momentum 0.9, batch 64, shuffled, seed 0),
// as a child process of the benchmark drivers, so that its peak memory is its own. Prints a
// WorkerReport as JSON on its last line.
//
// Usage: node --expose-gc --import tsx bench/nn-worker.ts <mlp|cnn> [samples]
import { gemmBackend } from '@init/linalg';
import { evaluate, fit } from '../src/fit';
import { loadMnist } from '../src/mnist-node';
import { cpuNow, mnistDir, peakRssMiB } from './bench-process';
import { type NetworkKind, network } from './networks';

async function main(): Promise<void> {
  const kind = (process.argv[2] ?? 'mlp') as NetworkKind;
  const samples = Number(process.argv[3] ?? 60_000);
  const { train, test } = await loadMnist({
    dir: mnistDir(),
    subset: samples,
    scaling: 'standardize',
    flatten: kind === 'mlp',
  });
  const dataRss = process.memoryUsage().rss / 2 ** 20;
  const model = network(kind);
  const t0 = cpuNow();
  const result = fit(model, train, {
    optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    batchSize: 64,
    epochs: 1,
    seed: 0,
  });
  const cpuMs = cpuNow() - t0;
  const accuracy = evaluate(model, test).accuracy ?? Number.NaN;
  console.log(
    JSON.stringify({
      impl: `@init/nn (${gemmBackend()} GEMM)`,
      cpuMs,
      steps: result.steps,
      samples: train.shape[0],
      accuracy,
      peakRssMiB: peakRssMiB(),
      dataRssMiB: dataRss,
      extra: { status: result.status, heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20 },
    }),
  );
}

await main();
