import type { Dataset } from './data-set';
import { NnError } from './errors';
import { type IdxBytes, imagesFromIdx, labelsFromIdx, type PixelScaling, readIdxHeader } from './mnist-idx';
import { booleanOption, checkOptions, choiceOption, rawOption } from './options';

/**
 * Options of {@link parseMnist}.
 *
 * @example
 * ```ts
 * const options: MnistParseOptions = { scaling: 'standardize', flatten: false, count: 1000 };
 * ```
 */
export interface MnistParseOptions {
  /** Pixel scaling; default `'unit'` (v / 255). */
  scaling?: PixelScaling;
  /** Mean for `'standardize'`; default 0.1307. */
  mean?: number;
  /** Standard deviation for `'standardize'`; default 0.3081. */
  std?: number;
  /** First sample; default 0. */
  start?: number;
  /** Number of samples from `start`; default all that remain. */
  count?: number;
  /** `true` (default): `shape` is `[n, rows * cols]` for dense layers; `false`: `[n, 1, rows, cols]` for convolutions. */
  flatten?: boolean;
  /** Array type of `y`; default `'int32'`. */
  labels?: 'int32' | 'uint8';
  /** Labels must lie in [0, classes); default 10. */
  classes?: number;
}

/** Keys of {@link MnistParseOptions}. */
export const MNIST_PARSE_OPTIONS = [
  'scaling',
  'mean',
  'std',
  'start',
  'count',
  'flatten',
  'labels',
  'classes',
] as const;

/**
 * Parses a pair of IDX files (IDX3 images, IDX1 labels) into one {@link Dataset}: `x` the scaled pixels,
 * `y` the labels, sample i of `x` labelled by `y[i]`.
 *
 * Formula: x[i * rows * cols + r * cols + c] = scale(byte of pixel (r, c) of image start + i), with scale as in
 * {@link parseIdxImages}; y[i] = label start + i. Both headers are checked before anything is allocated.
 *
 * @param images - bytes of an IDX3 image file (e.g. `train-images-idx3-ubyte`)
 * @param labels - bytes of the matching IDX1 label file
 * @param options - `scaling`, `mean`, `std` (see {@link parseIdxImages}), `start`, `count`, `flatten` (default
 *   true), `labels` (`'int32'` default or `'uint8'`), `classes` (default 10)
 * @returns the data set, with `classes`
 * @throws {NnError} as {@link parseIdxImages} and {@link parseIdxLabels}, with argument `images` or `labels`
 *   for corrupt bytes; `SHAPE_MISMATCH` (argument `labels`) when the files hold different numbers of samples
 * @example
 * ```ts
 * const images = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255]);
 * const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]);
 * parseMnist(images, labels);
 * // => { x: Float32Array [0, 1], y: Int32Array [7], shape: [1, 2], yShape: [1], classes: 10 }
 * ```
 */
export function parseMnist(
  images: IdxBytes,
  labels: IdxBytes,
  options?: MnistParseOptions,
): Dataset<Int32Array | Uint8Array> {
  const o = checkOptions(options, MNIST_PARSE_OPTIONS, 'options');
  const flatten = booleanOption(o, 'flatten', true);
  const dtype = choiceOption(o, 'labels', ['int32', 'uint8'] as const, 'int32');
  const imageCount = readIdxHeader(images, 'images').shape[0] as number;
  const labelCount = readIdxHeader(labels, 'labels').shape[0] as number;
  if (imageCount !== labelCount) {
    throw new NnError(
      'SHAPE_MISMATCH',
      'labels',
      `the image file holds ${imageCount} images but the label file ${labelCount} labels`,
    );
  }
  const window = { start: rawOption(o, 'start'), count: rawOption(o, 'count') };
  const y = labelsFromIdx(labels, { dtype, classes: rawOption(o, 'classes'), ...window }, 'labels');
  const x = imagesFromIdx(
    images,
    { scaling: rawOption(o, 'scaling'), mean: rawOption(o, 'mean'), std: rawOption(o, 'std'), ...window },
    'images',
  );
  const [n, rows, cols] = x.shape;
  return {
    x: x.data,
    y: y.data,
    shape: flatten ? [n, rows * cols] : [n, 1, rows, cols],
    yShape: [n],
    classes: y.classes,
  };
}
