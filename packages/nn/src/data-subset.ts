import type { Rng } from '@init/rng';
import { checkDataset, gatherSamples } from './data-checks';
import { dataRng } from './data-rng';
import type { Dataset, Labels } from './data-set';
import { NnError } from './errors';
import { booleanOption, checkOptions, numberOption, rawOption } from './options';

/** Class labels of `data` when it holds one integer label per sample in [0, classes), else undefined. */
function classLabels(
  data: Dataset,
  argument: string,
): { labels: Int32Array | Uint8Array; classes: number } | undefined {
  const { y, classes } = data;
  if (classes === undefined || data.yShape.length !== 1 || y instanceof Float32Array) return undefined;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (v < 0 || v >= classes) {
      throw new NnError(
        'INVALID_ARGUMENT',
        `${argument}.y`,
        `label ${i} is ${v}, expected an integer in [0, ${classes})`,
      );
    }
  }
  return { labels: y, classes };
}

/**
 * How many of each class a stratified sample of `size` from `counts` takes: the largest-remainder rounding of
 * size * counts[k] / total (ties to the smaller class index), so the sizes add up to `size` exactly.
 */
export function stratifiedQuotas(counts: readonly number[], size: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const t = BigInt(total);
  const quotas: number[] = [];
  const remainders: Array<{ k: number; r: bigint }> = [];
  let assigned = 0;
  counts.forEach((c, k) => {
    const p = BigInt(size) * BigInt(c);
    const q = Number(p / t);
    quotas.push(q);
    assigned += q;
    remainders.push({ k, r: p % t });
  });
  remainders.sort((a, b) => (a.r === b.r ? a.k - b.k : a.r > b.r ? -1 : 1));
  for (let i = 0; i < size - assigned; i++) {
    const k = (remainders[i] as { k: number }).k;
    quotas[k] = (quotas[k] as number) + 1;
  }
  return quotas;
}

/** Sorted indices of a random sample of `size` samples, stratified by class when `strata` is given. */
function sampleIndices(
  n: number,
  size: number,
  rng: Rng,
  strata: { labels: Int32Array | Uint8Array; classes: number } | undefined,
): Uint32Array {
  if (strata === undefined) return rng.sample(n, size).sort();
  const { labels, classes } = strata;
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    const k = labels[i] as number;
    counts[k] = (counts[k] as number) + 1;
  }
  const quotas = stratifiedQuotas(counts, size);
  // Members of each class in ascending order, laid out class after class.
  const starts = new Uint32Array(classes + 1);
  for (let k = 0; k < classes; k++) starts[k + 1] = (starts[k] as number) + (counts[k] as number);
  const members = new Uint32Array(n);
  const fill = starts.slice(0, classes);
  for (let i = 0; i < n; i++) {
    const k = labels[i] as number;
    members[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }
  const out = new Uint32Array(size);
  let o = 0;
  for (let k = 0; k < classes; k++) {
    const picked = rng.sample(counts[k] as number, quotas[k] as number);
    for (const j of picked) out[o++] = members[(starts[k] as number) + j] as number;
  }
  return out.sort();
}

/**
 * Options of {@link subset}.
 *
 * @example
 * ```ts
 * const options: SubsetOptions = { size: 1000, rng: 42 };
 * ```
 */
export interface SubsetOptions {
  /** Number of samples to keep, an integer in [0, n]. Required. */
  size: number;
  /** Without it the first `size` samples are kept; with it a seeded random sample. */
  rng?: Rng | number | bigint | string;
  /** With `rng`: keep the class proportions (when `y` holds class labels); default true. */
  stratify?: boolean;
}

/**
 * A deterministic subset of a data set: the first `size` samples, or (with `rng`) a seeded random sample of
 * `size` samples without replacement, stratified by class so every class keeps its share, in their original
 * order.
 *
 * Stratified sizes: n_k = floor(size * c_k / n) plus one for the `size - sum floor` classes with the largest
 * remainders (c_k samples of class k among n); within class k, n_k members are chosen by `rng.sample(c_k, n_k)`,
 * classes in ascending order, so the result depends only on the data, `size` and the stream.
 *
 * @param data - the data set
 * @param options - `size` (required), `rng` (an Rng or seed; default none: the first `size`), `stratify`
 *   (default true; ignored for regression targets)
 * @returns a new data set (copied arrays) with the same `classes`
 * @throws {NnError} `INVALID_ARGUMENT` for a malformed data set, a `size` outside [0, n], a label outside
 *   [0, classes), a bad `rng` or an unknown option; `SHAPE_MISMATCH` when `shape`/`yShape` do not fit the arrays
 * @example
 * ```ts
 * const data = { x: new Float32Array([0, 1, 2, 3]), y: new Int32Array([0, 0, 1, 1]), shape: [4, 1], yShape: [4], classes: 2 };
 * subset(data, { size: 2 }).y; // => Int32Array [0, 0]
 * subset(data, { size: 2, rng: 7 }).y; // => Int32Array [0, 1] (one of each class)
 * ```
 */
export function subset<Y extends Labels>(data: Dataset<Y>, options: SubsetOptions): Dataset<Y> {
  const d = checkDataset(data, 'data');
  const o = checkOptions(options, ['size', 'rng', 'stratify'], 'options');
  const n = d.shape[0] as number;
  const size = numberOption(o, 'size', { integer: true, min: 0, max: n });
  const stratify = booleanOption(o, 'stratify', true);
  const rngOption = rawOption(o, 'rng');
  if (rngOption === undefined) {
    const first = new Uint32Array(size);
    for (let i = 0; i < size; i++) first[i] = i;
    return gatherSamples(d, first) as Dataset<Y>;
  }
  const rng = dataRng(rngOption);
  const strata = stratify ? classLabels(d, 'data') : undefined;
  return gatherSamples(d, sampleIndices(n, size, rng, strata)) as Dataset<Y>;
}

/**
 * Options of {@link trainTestSplit}.
 *
 * @example
 * ```ts
 * const options: SplitOptions = { testFraction: 0.1, rng: 1 };
 * ```
 */
export interface SplitOptions {
  /** Share of samples that go to the test part, in [0, 1]; default 0.2 (n_test = round(n * fraction)). */
  testFraction?: number;
  /** Exact number of test samples in [0, n]; replaces `testFraction`. */
  testSize?: number;
  /** Without it the last samples are the test part; with it a seeded (stratified) random test part. */
  rng?: Rng | number | bigint | string;
  /** With `rng`: keep the class proportions in both parts; default true. */
  stratify?: boolean;
}

/**
 * Splits a data set into a training and a test part, both in the original sample order.
 *
 * Formula: n_test = testSize, or round(n * testFraction) (default fraction 0.2); without `rng` the test part
 * is the last n_test samples; with `rng` it is the stratified sample of {@link subset} and the training part
 * is everything else.
 *
 * @param data - the data set
 * @param options - `testFraction` (default 0.2) or `testSize`, `rng` (default none), `stratify` (default true)
 * @returns `{ train, test }`, new arrays
 * @throws {NnError} `INVALID_ARGUMENT` for both `testFraction` and `testSize`, values out of range, a bad data
 *   set, a bad `rng` or an unknown option; `NOT_FINITE` for a NaN fraction
 * @example
 * ```ts
 * const data = { x: new Float32Array([0, 1, 2, 3, 4]), y: new Int32Array([0, 1, 0, 1, 0]), shape: [5, 1], yShape: [5], classes: 2 };
 * const { train, test } = trainTestSplit(data, { testSize: 2 });
 * [train.x, test.x]; // => [Float32Array [0, 1, 2], Float32Array [3, 4]]
 * ```
 */
export function trainTestSplit<Y extends Labels>(
  data: Dataset<Y>,
  options?: SplitOptions,
): { train: Dataset<Y>; test: Dataset<Y> } {
  const d = checkDataset(data, 'data');
  const o = checkOptions(options, ['testFraction', 'testSize', 'rng', 'stratify'], 'options');
  const n = d.shape[0] as number;
  if (rawOption(o, 'testFraction') !== undefined && rawOption(o, 'testSize') !== undefined) {
    throw new NnError('INVALID_ARGUMENT', 'testSize', 'give either testFraction or testSize, not both');
  }
  const fraction = numberOption(o, 'testFraction', { min: 0, max: 1 }, 0.2);
  const testSize = numberOption(o, 'testSize', { integer: true, min: 0, max: n }, Math.round(n * fraction));
  const stratify = booleanOption(o, 'stratify', true);
  const rngOption = rawOption(o, 'rng');
  const isTest = new Uint8Array(n);
  if (rngOption === undefined) {
    isTest.fill(1, n - testSize);
  } else {
    const rng = dataRng(rngOption);
    const strata = stratify ? classLabels(d, 'data') : undefined;
    for (const i of sampleIndices(n, testSize, rng, strata)) isTest[i] = 1;
  }
  const train = new Uint32Array(n - testSize);
  const test = new Uint32Array(testSize);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isTest[i] === 1) test[b++] = i;
    else train[a++] = i;
  }
  return { train: gatherSamples(d, train) as Dataset<Y>, test: gatherSamples(d, test) as Dataset<Y> };
}
