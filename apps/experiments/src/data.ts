import type { Dataset } from '@init/nn';
import { loadMnist } from '@init/nn/node';

type Mnist = { train: Dataset<Int32Array | Uint8Array>; test: Dataset<Int32Array | Uint8Array> };
const cache = new Map<string, Promise<Mnist>>();

/**
 * A stratified, seeded MNIST subset (flattened 784-vectors), cached per settings.
 *
 * @param train - training samples (drawn from the 60000 with seed 2024)
 * @param test - test samples (drawn from the 10000 with seed 2025)
 * @param scaling - `'unit'` (v/255) or `'standardize'` ((v/255 − 0.1307)/0.3081)
 */
export function mnist(train: number, test: number, scaling: 'unit' | 'standardize' = 'unit'): Promise<Mnist> {
  const key = `${train}/${test}/${scaling}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const p: Promise<Mnist> = loadMnist({
    subset: { size: train, rng: 2024 },
    testSubset: { size: test, rng: 2025 },
    scaling,
    flatten: true,
  });
  cache.set(key, p);
  return p;
}
