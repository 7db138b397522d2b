import { describe } from './describe';
import { LinalgError } from './errors';
import { zeros } from './limits';
import type { FloatArray, Matrix } from './matrix';

/** Machine epsilon (unit roundoff times two) of each element type. */
export const EPSILON_F64 = 2 ** -52;
/** Machine epsilon of float32, as numpy's `finfo(float32).eps`. */
export const EPSILON_F32 = 2 ** -23;

/** Machine epsilon of the storage of `m`. */
export function epsilonOf(m: Matrix): number {
  return m.data instanceof Float32Array ? EPSILON_F32 : EPSILON_F64;
}

function notFinite(argument: string, i: number, j: number, v: number): LinalgError {
  return new LinalgError(
    'NOT_FINITE',
    argument,
    `entry (${i}, ${j}) is ${describe(v)}; only finite numbers are accepted`,
  );
}

/**
 * Copies `a` into a new row-major Float64Array (`rows * cols`), throwing `NOT_FINITE` on the
 * first NaN or infinite entry. With `transposed`, writes `aᵀ` instead (row `j` of the result is
 * column `j` of `a`), which is the column-major layout the Householder kernels work in.
 */
export function finiteFloat64Copy(
  a: Matrix,
  argument: string,
  transposed = false,
  exponent = 0,
): Float64Array {
  const out = zeros(
    a.rows * a.cols,
    false,
    argument,
    `a float64 copy of a ${a.rows} x ${a.cols} matrix`,
  ) as Float64Array;
  finiteCopyInto(a, argument, transposed, out, exponent);
  return out;
}

/**
 * Largest magnitude of the entries of `a` (NaN entries are skipped; an infinity gives Infinity).
 * Used to choose a power-of-two scale before a factorization.
 */
export function maxMagnitude(a: Matrix): number {
  const { data, rows, cols, offset, rowStride, colStride } = a;
  let big = 0;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = Math.abs(data[p] as number);
      if (v > big) big = v;
    }
  }
  return big;
}

/** Rows per tile of the transposing copy (keeps the written columns' cache lines live). */
const TILE = 32;

/**
 * As {@link finiteFloat64Copy}, into a caller-provided array of either precision, each entry
 * multiplied by `2^exponent` on the way (exact while the results are normal numbers).
 */
export function finiteCopyInto(
  a: Matrix,
  argument: string,
  transposed: boolean,
  out: FloatArray,
  exponent = 0,
): void {
  if (exponent !== 0) {
    scaledFiniteCopyInto(a, argument, transposed, out, exponent);
    return;
  }
  const { data, rows, cols, offset, rowStride, colStride } = a;
  if (transposed && rows > TILE) {
    // Tiles of TILE rows: each column of the tile is written as one contiguous run.
    let bad = false;
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(rows, i0 + TILE);
      for (let j = 0; j < cols; j++) {
        let p = offset + i0 * rowStride + j * colStride;
        const base = j * rows;
        for (let i = i0; i < i1; i++, p += rowStride) {
          const v = data[p] as number;
          if (v - v !== 0) bad = true;
          out[base + i] = v;
        }
      }
      if (bad) break;
    }
    if (!bad) return;
    // Report the first offending entry in row order, as the plain loop below does.
  }
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    if (transposed) {
      for (let j = 0; j < cols; j++, p += colStride) {
        const v = data[p] as number;
        if (v - v !== 0) throw notFinite(argument, i, j, v);
        out[j * rows + i] = v;
      }
    } else {
      const base = i * cols;
      for (let j = 0; j < cols; j++, p += colStride) {
        const v = data[p] as number;
        if (v - v !== 0) throw notFinite(argument, i, j, v);
        out[base + j] = v;
      }
    }
  }
}

/** The scaling form of {@link finiteCopyInto} (rare: only for matrices of extreme magnitude). */
function scaledFiniteCopyInto(
  a: Matrix,
  argument: string,
  transposed: boolean,
  out: FloatArray,
  e: number,
): void {
  const first = Math.max(-1000, Math.min(1000, e));
  const f1 = 2 ** first;
  const f2 = 2 ** (e - first);
  const { data, rows, cols, offset, rowStride, colStride } = a;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = data[p] as number;
      if (v - v !== 0) throw notFinite(argument, i, j, v);
      out[transposed ? j * rows + i : i * cols + j] = v * f1 * f2;
    }
  }
}

/** Throws `NOT_FINITE` naming `argument` when `x[start .. end)` holds a NaN or an infinity. */
export function checkFiniteResult(
  x: ArrayLike<number>,
  start: number,
  end: number,
  argument: string,
  what: string,
): void {
  for (let i = start; i < end; i++) {
    const v = x[i] as number;
    if (v - v !== 0) {
      throw new LinalgError(
        'NOT_FINITE',
        argument,
        `${what} has an entry beyond the range of its dtype (${describe(v)}); the result cannot be represented`,
      );
    }
  }
}

/** True when every entry of `a` is finite. */
export function allFinite(a: Matrix): boolean {
  const { data, rows, cols, offset, rowStride, colStride } = a;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = data[p] as number;
      if (v - v !== 0) return false;
    }
  }
  return true;
}

/** Throws `NOT_FINITE` when `a` holds a NaN or an infinity. */
export function checkFinite(a: Matrix, argument: string): void {
  const { data, rows, cols, offset, rowStride, colStride } = a;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = data[p] as number;
      if (v - v !== 0) throw notFinite(argument, i, j, v);
    }
  }
}
