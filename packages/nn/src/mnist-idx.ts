import { describeValue, NnError } from './errors';
import { checkOptions, choiceOption, MAX_ELEMENTS, numberOption } from './options';

/**
 * Element types of the IDX format (the third magic byte): 0x08 unsigned byte, 0x09 signed byte,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64, all big-endian.
 *
 * @example
 * ```ts
 * readIdxHeader(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3])).dtype; // => 'uint8'
 * ```
 */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

const IDX_TYPES: Readonly<Record<number, { dtype: IdxDtype; bytes: number }>> = {
  8: { dtype: 'uint8', bytes: 1 },
  9: { dtype: 'int8', bytes: 1 },
  11: { dtype: 'int16', bytes: 2 },
  12: { dtype: 'int32', bytes: 4 },
  13: { dtype: 'float32', bytes: 4 },
  14: { dtype: 'float64', bytes: 8 },
};

/**
 * The header of an IDX file as read by {@link readIdxHeader}.
 *
 * @example
 * ```ts
 * const header: IdxHeader = { dtype: 'uint8', shape: [60000, 28, 28], headerBytes: 16, bytesPerElement: 1 };
 * ```
 */
export interface IdxHeader {
  /** Element type (third magic byte). */
  readonly dtype: IdxDtype;
  /** The dimensions, big-endian uint32 each, outermost first. */
  readonly shape: readonly number[];
  /** Bytes before the data: 4 + 4 * shape.length. */
  readonly headerBytes: number;
  /** Bytes of one element. */
  readonly bytesPerElement: number;
}

/** Bytes of an IDX file as a Uint8Array (a Node Buffer is one) or an ArrayBuffer. */
export type IdxBytes = Uint8Array | ArrayBuffer;

function asBytes(value: unknown, argument: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new NnError(
    'INVALID_ARGUMENT',
    argument,
    `expected the bytes of an IDX file as a Uint8Array or ArrayBuffer, got ${describeValue(value)}`,
  );
}

function corrupt(argument: string, message: string): NnError {
  return new NnError('INVALID_ARGUMENT', argument, message);
}

/**
 * Reads and checks the header of an IDX file, and checks that the byte length is exactly the header plus
 * the data the dimensions describe, so nothing is ever allocated for sizes the header merely claims.
 *
 * Layout: bytes 0-1 are zero, byte 2 the element type ({@link IdxDtype}), byte 3 the number of dimensions d
 * (1 to 8 here); then d big-endian uint32 dimensions; then product(dims) * bytesPerElement bytes of data:
 * ```math
 * \text{byteLength} = 4 + 4d + \text{bytesPerElement} \prod_i \text{dims}_i
 * ```
 *
 * @param bytes - the whole file
 * @param argument - name reported in errors; default `'bytes'`
 * @returns the header
 * @throws {NnError} `INVALID_ARGUMENT` (argument `bytes`) for a non-byte value, a file shorter than its header
 *   (truncated), a wrong magic number, an unknown element type, 0 or more than 8 dimensions, or a byte length
 *   other than the one the dimensions require (truncated data or trailing bytes)
 * @example
 * ```ts
 * readIdxHeader(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]));
 * // => { dtype: 'uint8', shape: [2], headerBytes: 8, bytesPerElement: 1 }
 * ```
 */
export function readIdxHeader(bytes: IdxBytes, argument?: string): IdxHeader {
  return idxHeader(bytes, typeof argument === 'string' ? argument : 'bytes');
}

function idxHeader(bytes: unknown, argument: string): IdxHeader {
  const b = asBytes(bytes, argument);
  if (b.length < 4) {
    throw corrupt(argument, `truncated IDX file: ${b.length} bytes, the magic number alone needs 4`);
  }
  const type = b[2] as number;
  const ndim = b[3] as number;
  if (b[0] !== 0 || b[1] !== 0) {
    throw corrupt(
      argument,
      `not an IDX file: the magic number must start with two zero bytes, got 0x${hex(b[0] as number)}${hex(b[1] as number)}`,
    );
  }
  const info = IDX_TYPES[type];
  if (info === undefined) {
    throw corrupt(
      argument,
      `not an IDX file: unknown element type 0x${hex(type)} (allowed 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e)`,
    );
  }
  if (ndim < 1 || ndim > 8) {
    throw corrupt(argument, `IDX file with ${ndim} dimensions; expected 1 to 8`);
  }
  const headerBytes = 4 + 4 * ndim;
  if (b.length < headerBytes) {
    throw corrupt(
      argument,
      `truncated IDX file: ${b.length} bytes, its header of ${ndim} dimensions needs ${headerBytes}`,
    );
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shape: number[] = [];
  // The data size is compared with the bytes present step by step, so a huge claimed size never overflows.
  const available = (b.length - headerBytes) / info.bytes;
  let elements = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    shape.push(d);
    elements *= d;
  }
  if (elements !== available) {
    const claimed = shape.includes(0) ? 0 : elements;
    throw corrupt(
      argument,
      `IDX dimensions [${shape.join(', ')}] need ${claimed > 2 ** 53 ? 'more than 2^53' : claimed * info.bytes} data bytes, the file has ${b.length - headerBytes}${claimed * info.bytes > b.length - headerBytes ? ' (truncated)' : ' (trailing bytes)'}`,
    );
  }
  return { dtype: info.dtype, shape, headerBytes, bytesPerElement: info.bytes };
}

function hex(v: number): string {
  return v.toString(16).padStart(2, '0');
}

/**
 * Pixel scaling of {@link parseIdxImages}: `'unit'` v/255 in [0, 1]; `'standardize'` (v/255 - mean)/std;
 * `'none'` the raw byte value 0-255.
 *
 * @example
 * ```ts
 * const n: PixelScaling = 'standardize';
 * ```
 */
export type PixelScaling = 'unit' | 'standardize' | 'none';

/**
 * Mean of MNIST's 60000 training pixels in [0, 1] units (the usual standardization constant).
 *
 * @example
 * ```ts
 * MNIST_MEAN; // => 0.1307
 * ```
 */
export const MNIST_MEAN = 0.1307;

/**
 * Standard deviation of MNIST's 60000 training pixels in [0, 1] units.
 *
 * @example
 * ```ts
 * MNIST_STD; // => 0.3081
 * ```
 */
export const MNIST_STD = 0.3081;

/**
 * Options of {@link parseIdxImages}.
 *
 * @example
 * ```ts
 * const options: IdxImageOptions = { scaling: 'standardize', start: 0, count: 1000 };
 * ```
 */
export interface IdxImageOptions {
  /** Pixel scaling; default `'unit'`. */
  scaling?: PixelScaling;
  /** Mean subtracted by `'standardize'`, in [0, 1] units; default {@link MNIST_MEAN}. */
  mean?: number;
  /** Divisor of `'standardize'`, > 0; default {@link MNIST_STD}. */
  std?: number;
  /** First image to read; default 0. */
  start?: number;
  /** Number of images to read from `start`; default all that remain. */
  count?: number;
}

/**
 * Images of an IDX3 file: `count * rows * cols` pixels, row-major `[count, rows, cols]`.
 *
 * @example
 * ```ts
 * const images: IdxImages = { data: new Float32Array(784), shape: [1, 28, 28] };
 * ```
 */
export interface IdxImages {
  /** Scaled pixels, row-major. */
  readonly data: Float32Array;
  /** `[count, rows, cols]`. */
  readonly shape: readonly [number, number, number];
}

function checkWindow(
  options: Readonly<Record<string, unknown>>,
  total: number,
): { start: number; count: number } {
  const start = numberOption(options, 'start', { integer: true, min: 0, max: total }, 0);
  const count = numberOption(options, 'count', { integer: true, min: 0, max: total - start }, total - start);
  return { start, count };
}

/**
 * Parses an IDX3 image file (magic 0x00000803, dimensions count, rows, cols, unsigned bytes) straight into a
 * Float32Array, one table look-up per pixel.
 *
 * ```math
 * x = v / 255 \;(\texttt{'unit'}), \quad x = (v / 255 - \mu) / \sigma \;(\texttt{'standardize'}), \quad x = v \;(\texttt{'none'})
 * ```
 * each rounded once to float32 (v the byte value).
 *
 * @param bytes - the file's bytes (Uint8Array, Node Buffer or ArrayBuffer)
 * @param options - `scaling` (default `'unit'`), `mean` (default 0.1307) and `std` (default 0.3081) for
 *   `'standardize'`, `start` (default 0) and `count` (default: all remaining) to read a window of images
 * @returns `{ data, shape: [count, rows, cols] }`
 * @throws {NnError} `INVALID_ARGUMENT` (argument `bytes`) for everything {@link readIdxHeader} rejects, for a
 *   file that is not 3-dimensional or not unsigned bytes; `INVALID_ARGUMENT` / `NOT_FINITE` for bad options
 *   (unknown keys with "did you mean"); `TOO_LARGE` (argument `count`) beyond 2^28 pixels
 * @example
 * ```ts
 * const file = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255]);
 * parseIdxImages(file); // => { data: Float32Array [0, 1], shape: [1, 1, 2] }
 * ```
 */
export function parseIdxImages(bytes: IdxBytes, options?: IdxImageOptions): IdxImages {
  return imagesFromIdx(bytes, options, 'bytes');
}

/** {@link parseIdxImages} with the name of the bytes argument given (for callers that parse several files). */
export function imagesFromIdx(bytes: unknown, options: unknown, argument: string): IdxImages {
  const o = checkOptions(options, ['scaling', 'mean', 'std', 'start', 'count'], 'options');
  const b = asBytes(bytes, argument);
  const header = idxHeader(b, argument);
  if (header.shape.length !== 3 || header.dtype !== 'uint8') {
    throw corrupt(
      argument,
      `expected an IDX3 image file of unsigned bytes (magic 0x00000803), got ${header.dtype} with ${header.shape.length} dimensions`,
    );
  }
  const [total, rows, cols] = header.shape as [number, number, number];
  const scaling = choiceOption(o, 'scaling', ['unit', 'standardize', 'none'] as const, 'unit');
  const mean = numberOption(o, 'mean', { min: -1e6, max: 1e6 }, MNIST_MEAN);
  const std = numberOption(o, 'std', { min: 1e-6, max: 1e6 }, MNIST_STD);
  const { start, count } = checkWindow(o, total);
  const pixels = rows * cols;
  if (count * pixels > MAX_ELEMENTS) {
    throw new NnError(
      'TOO_LARGE',
      'count',
      `${count} images of ${pixels} pixels exceed ${MAX_ELEMENTS} values`,
    );
  }
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    table[v] = scaling === 'none' ? v : scaling === 'unit' ? v / 255 : (v / 255 - mean) / std;
  }
  const data = new Float32Array(count * pixels);
  const from = header.headerBytes + start * pixels;
  const source = b.subarray(from, from + count * pixels);
  for (let i = 0; i < source.length; i++) data[i] = table[source[i] as number] as number;
  return { data, shape: [count, rows, cols] };
}

/**
 * Options of {@link parseIdxLabels}.
 *
 * @example
 * ```ts
 * const options: IdxLabelOptions = { dtype: 'uint8', classes: 10 };
 * ```
 */
export interface IdxLabelOptions {
  /** Array type of the labels; default `'int32'`. */
  dtype?: 'int32' | 'uint8';
  /** Labels must lie in [0, classes); default 10. */
  classes?: number;
  /** First label to read; default 0. */
  start?: number;
  /** Number of labels to read from `start`; default all that remain. */
  count?: number;
}

/**
 * Labels of an IDX1 file.
 *
 * @example
 * ```ts
 * const labels: IdxLabels = { data: new Int32Array([5, 0, 4]), shape: [3], classes: 10 };
 * ```
 */
export interface IdxLabels<T extends Int32Array | Uint8Array = Int32Array | Uint8Array> {
  /** Class indices in [0, classes). */
  readonly data: T;
  /** `[count]`. */
  readonly shape: readonly [number];
  /** The `classes` option the labels were checked against. */
  readonly classes: number;
}

/**
 * Parses an IDX1 label file (magic 0x00000801, one dimension, unsigned bytes) into an Int32Array or
 * Uint8Array, checking every label against `classes`.
 *
 * Formula: label i is byte 8 + start + i of the file; it must satisfy 0 <= label < classes.
 *
 * @param bytes - the file's bytes
 * @param options - `dtype` (`'int32'` default or `'uint8'`), `classes` (default 10, an integer in [1, 256]),
 *   `start` (default 0), `count` (default: all remaining)
 * @returns `{ data, shape: [count], classes }`
 * @throws {NnError} `INVALID_ARGUMENT` (argument `bytes`) for everything {@link readIdxHeader} rejects, a file
 *   that is not 1-dimensional unsigned bytes, or a label >= classes (the message gives its index);
 *   `INVALID_ARGUMENT` for bad options
 * @example
 * ```ts
 * parseIdxLabels(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]));
 * // => { data: Int32Array [7, 3], shape: [2], classes: 10 }
 * ```
 */
export function parseIdxLabels(bytes: IdxBytes, options?: IdxLabelOptions): IdxLabels {
  return labelsFromIdx(bytes, options, 'bytes');
}

/** {@link parseIdxLabels} with the name of the bytes argument given. */
export function labelsFromIdx(bytes: unknown, options: unknown, argument: string): IdxLabels {
  const o = checkOptions(options, ['dtype', 'classes', 'start', 'count'], 'options');
  const b = asBytes(bytes, argument);
  const header = idxHeader(b, argument);
  if (header.shape.length !== 1 || header.dtype !== 'uint8') {
    throw corrupt(
      argument,
      `expected an IDX1 label file of unsigned bytes (magic 0x00000801), got ${header.dtype} with ${header.shape.length} dimensions`,
    );
  }
  const total = header.shape[0] as number;
  const dtype = choiceOption(o, 'dtype', ['int32', 'uint8'] as const, 'int32');
  const classes = numberOption(o, 'classes', { integer: true, min: 1, max: 256 }, 10);
  const { start, count } = checkWindow(o, total);
  const source = b.subarray(header.headerBytes + start, header.headerBytes + start + count);
  for (let i = 0; i < source.length; i++) {
    if ((source[i] as number) >= classes) {
      throw corrupt(
        argument,
        `label ${start + i} is ${source[i]}, expected an integer in [0, ${classes}) (set the classes option)`,
      );
    }
  }
  const data = dtype === 'uint8' ? source.slice() : new Int32Array(source);
  return { data, shape: [count], classes };
}
