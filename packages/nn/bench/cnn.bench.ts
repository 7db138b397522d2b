// One epoch of a LeNet-style CNN (bench/networks.ts: conv 6@5x5 pad 2, ReLU, max pool, conv
// 16@5x5, ReLU, max pool, dense 120-84-10; He normal, SGD lr 0.01 momentum 0.9, batch 64,
// shuffled) on the 60 000 MNIST training digits and test accuracy on the 10 000 test digits:
// @init/nn's fit against PyTorch 1.13 (one thread, bench/torch_worker.py), each in its own
// process, alternated NN_BENCH_REPS times (default 3); medians, ratios, peak RSS, where the time
// goes (CPU profile by category: GEMM, im2col, activations, pooling, optimizer) and GEMM's rate
// against the 128-bit SIMD limit.
//
// Run alone: node --expose-gc --import tsx bench/cnn.bench.ts (from packages/nn).
import { fileURLToPath } from 'node:url';
import { median } from './bench-process';
import { compareEpochs, comparisonTable, medianRatio } from './compare';
import { simdShare } from './mlp.bench';
import { profileSplit, splitTable } from './profile-split';

export function run(): void {
  const reps = Number(process.env.NN_BENCH_REPS || 3);
  const samples = Number(process.env.NN_BENCH_SAMPLES || 60_000);
  const cmp = compareEpochs('cnn', { reps, samples, tfjs: false, tfjsCpuSamples: 0 });
  console.log(`LeNet-style CNN on MNIST, one epoch, batch 64; medians of ${reps} alternated runs\n`);
  console.log(comparisonTable(cmp));
  console.log(`\n@init/nn / PyTorch: ${medianRatio(cmp, 'nn', 'torch')?.toFixed(2) ?? '-'}x`);
  const steps = 60;
  const split = profileSplit('cnn', steps);
  const stepMs = median((cmp.get('nn') ?? []).map((r) => r.cpuMs / r.steps));
  console.log(
    `\nwhere the time goes (CPU profile of ${steps} fit steps, 2 kHz sampling, inlining off; shares applied to the measured ${stepMs.toFixed(2)} ms step):\n`,
  );
  console.log(splitTable(split, stepMs));
  console.log(`\n${simdShare('cnn', split, stepMs)}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) run();
