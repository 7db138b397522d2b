import { describeValue, InitError } from './errors';

/** Element types of generated tensors. */
export type Dtype = 'float32' | 'float64';

/** Storage of a generated tensor. */
export type FloatArray = Float32Array | Float64Array;

/** The array type of a dtype: `Float32Array` for `'float32'`, `Float64Array` for `'float64'`. */
export type DtypeArray<D extends Dtype> = D extends 'float64' ? Float64Array : Float32Array;

/** A dense row-major tensor: `data[i]` in C order over `shape`. */
export interface Tensor<T extends FloatArray = FloatArray> {
  /** The values, `numel(shape)` of them. */
  data: T;
  /** The dimensions. */
  shape: number[];
  /** `'float32'` for `Float32Array` data, `'float64'` for `Float64Array`. */
  dtype: Dtype;
}

/** Validates a dtype option (default `'float32'`). */
export function checkDtype(dtype: unknown): Dtype {
  if (dtype === undefined) return 'float32';
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new InitError(
    'INVALID_ARGUMENT',
    'dtype',
    `must be 'float32' or 'float64', got ${describeValue(dtype)}`,
  );
}

/** Throws unless `out` is a Float32Array or Float64Array of exactly `length` elements. */
export function checkOut(out: unknown, length: number): FloatArray {
  if (!(out instanceof Float32Array) && !(out instanceof Float64Array)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'out',
      `must be a Float32Array or Float64Array, got ${describeValue(out)}`,
    );
  }
  if (out.length !== length) {
    throw new InitError('SHAPE_MISMATCH', 'out', `has ${out.length} elements, the shape needs ${length}`);
  }
  return out;
}

/**
 * `n` zeros of `dtype`. An allocation the engine refuses is a typed error: `TOO_LARGE` (argument `'shape'`),
 * "could not allocate n dtype values for `what`".
 */
export function allocateFloats(dtype: Dtype, n: number, what: string): FloatArray {
  try {
    return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  } catch {
    throw new InitError(
      'TOO_LARGE',
      'shape',
      `could not allocate ${n} ${dtype} values for ${what}: not enough memory`,
    );
  }
}
