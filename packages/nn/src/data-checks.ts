import type { Dataset, Labels } from './data-set';
import { describeValue, NnError } from './errors';
import { isRecord } from './options';

function ownValue(record: Readonly<Record<string, unknown>>, key: string, argument: string): unknown {
  const d = Object.getOwnPropertyDescriptor(record, key);
  if (d === undefined) return undefined;
  if (!('value' in d))
    throw new NnError('INVALID_ARGUMENT', `${argument}.${key}`, 'must be a data property, not a getter');
  return d.value;
}

function checkDims(value: unknown, argument: string, length: number): readonly number[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 9) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `must be an array of 1 to 9 non-negative integers, got ${describeValue(value)}`,
    );
  }
  let product = 1;
  for (let i = 0; i < value.length; i++) {
    const d: unknown = value[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new NnError(
        'INVALID_ARGUMENT',
        argument,
        `axis ${i} must be a non-negative integer, got ${describeValue(d)}`,
      );
    }
    product *= d;
  }
  if (product !== length) {
    throw new NnError(
      'SHAPE_MISMATCH',
      argument,
      `[${value.join(', ')}] needs ${product} values, the array holds ${length}`,
    );
  }
  return value as number[];
}

/**
 * Checks a {@link Dataset} argument: `x` a Float32Array over `shape`, `y` an Int32Array, Uint8Array or
 * Float32Array over `yShape`, both with the same number of samples, `classes` a positive integer if present.
 * Label values are not scanned here.
 */
export function checkDataset(value: unknown, argument: string): Dataset {
  if (!isRecord(value)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `expected { x, y, shape, yShape, classes? }, got ${describeValue(value)}`,
    );
  }
  const x = ownValue(value, 'x', argument);
  const y = ownValue(value, 'y', argument);
  if (!(x instanceof Float32Array)) {
    throw new NnError('INVALID_ARGUMENT', `${argument}.x`, `must be a Float32Array, got ${describeValue(x)}`);
  }
  if (!(y instanceof Int32Array || y instanceof Uint8Array || y instanceof Float32Array)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      `${argument}.y`,
      `must be an Int32Array, Uint8Array or Float32Array, got ${describeValue(y)}`,
    );
  }
  const shape = checkDims(ownValue(value, 'shape', argument), `${argument}.shape`, x.length);
  const yShape = checkDims(ownValue(value, 'yShape', argument), `${argument}.yShape`, y.length);
  if (shape[0] !== yShape[0]) {
    throw new NnError('SHAPE_MISMATCH', `${argument}.yShape`, `${yShape[0]} targets for ${shape[0]} samples`);
  }
  const classes = ownValue(value, 'classes', argument);
  if (
    classes !== undefined &&
    (typeof classes !== 'number' || !Number.isSafeInteger(classes) || classes < 1)
  ) {
    throw new NnError(
      'INVALID_ARGUMENT',
      `${argument}.classes`,
      `must be a positive integer, got ${describeValue(classes)}`,
    );
  }
  const out: Dataset<Labels> = { x, y, shape, yShape };
  return classes === undefined ? out : { ...out, classes: classes as number };
}

/** Copies samples `indices` (in that order) of `data` into a new data set. */
export function gatherSamples(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = data.shape[0] as number;
  const xRow = n === 0 ? 0 : data.x.length / n;
  const yRow = n === 0 ? 0 : data.y.length / n;
  const m = indices.length;
  const x = new Float32Array(m * xRow);
  const y: Labels =
    data.y instanceof Int32Array
      ? new Int32Array(m * yRow)
      : data.y instanceof Float32Array
        ? new Float32Array(m * yRow)
        : new Uint8Array(m * yRow);
  for (let i = 0; i < m; i++) {
    const s = indices[i] as number;
    x.set(data.x.subarray(s * xRow, (s + 1) * xRow), i * xRow);
    y.set(data.y.subarray(s * yRow, (s + 1) * yRow), i * yRow);
  }
  const shape = [m, ...data.shape.slice(1)];
  const yShape = [m, ...data.yShape.slice(1)];
  return data.classes === undefined
    ? { x, y, shape, yShape }
    : { x, y, shape, yShape, classes: data.classes };
}
