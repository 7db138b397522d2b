/**
 * A fingerprint of the data generators' output (FNV-1a over the bytes of every array), computed the same way in
 * Node and in a browser bundle by the reproducibility test. Not part of the public surface.
 *
 * @packageDocumentation
 */
import { createRng } from '@init/rng';
import type { Dataset } from './data-set';
import { subset, trainTestSplit } from './data-subset';
import { parseMnist } from './mnist-dataset';
import { addingProblem } from './sequence-tasks-adding';
import { copyTask } from './sequence-tasks-copy';
import { gaussianBlobs } from './synthetic-blobs';
import { circles } from './synthetic-circles';
import { spirals } from './synthetic-spirals';
import { xor } from './synthetic-xor';

function fnv1a(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function hash(data: Dataset): string {
  return `${fnv1a(data.x)}:${fnv1a(data.y)}:${data.shape.join('x')}`;
}

/** Hashes of every generator, a parsed IDX pair and seeded subsets, for fixed seeds. */
export function dataFingerprint(): Record<string, string> {
  const images = new Uint8Array(16 + 6 * 4);
  images.set([0, 0, 8, 3, 0, 0, 0, 6, 0, 0, 0, 2, 0, 0, 0, 2]);
  for (let i = 16; i < images.length; i++) images[i] = (i * 37) & 255;
  const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 6, 0, 1, 2, 0, 1, 2]);
  const mnist = parseMnist(images, labels, { scaling: 'standardize' });
  const blobs = gaussianBlobs({ n: 500, rng: 4, dims: 3, classes: 4 });
  const split = trainTestSplit(spirals({ n: 300, rng: 9, classes: 3 }), {
    testFraction: 0.3,
    rng: createRng(2),
  });
  return {
    spirals: hash(spirals({ n: 1000, rng: 1 })),
    xor: hash(xor({ n: 1000, rng: 2 })),
    circles: hash(circles({ n: 1000, rng: 3, classes: 3 })),
    blobs: `${hash(blobs)}:${fnv1a(blobs.centers)}`,
    adding: hash(addingProblem({ n: 200, length: 50, rng: 5 })),
    copy: hash(copyTask({ n: 100, length: 30, rng: 6 })),
    copyIndex: hash(
      copyTask({ n: 100, length: 30, rng: 6, encoding: 'index', categories: 5, copyLength: 4 }),
    ),
    mnist: hash(mnist),
    subset: hash(subset(mnist, { size: 3, rng: 7 })),
    split: `${hash(split.train)}:${hash(split.test)}`,
  };
}
