import { checkFinite } from './float-input';
import type { Matrix } from './matrix';
import { checkMatrix } from './matrix-check';

/**
 * Frobenius norm, computed with rescaling so that it neither overflows nor underflows.
 *
 * ```math
 * \|A\|_F = \sqrt{\sum_{ij} A_{ij}^2}
 * ```
 *
 * Algorithm and cost: one pass summing squares (`2mn` flops); only when that sum overflows or
 * underflows, a second pass divides by `max|A_ij|` first (LAPACK `dlange`-style safety).
 *
 * @param a - Any matrix or view; an empty matrix gives 0.
 * @throws {LinalgError} `INVALID_ARGUMENT` when `a` is not a matrix; `NOT_FINITE` when A holds NaN or ±Infinity.
 * @example
 * ```ts
 * frobeniusNorm(fromArray([[3, 0], [0, 4]])); // => 5
 * ```
 */
export function frobeniusNorm(value: Matrix): number {
  const a = checkMatrix(value, 'a');
  checkFinite(a, 'a');
  const { data, rows, cols, offset, rowStride, colStride } = a;
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = data[p] as number;
      s += v * v;
    }
  }
  if (s < Number.POSITIVE_INFINITY && s > 2 ** -1000) return Math.sqrt(s);
  const big = maxAbs(a);
  if (big === 0) return 0;
  s = 0;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) {
      const v = (data[p] as number) / big;
      s += v * v;
    }
  }
  return big * Math.sqrt(s);
}

/**
 * Largest absolute entry (the max norm).
 *
 * ```math
 * \max_{ij} |A_{ij}|
 * ```
 *
 * Cost: one pass over the `m·n` entries.
 *
 * @param a - Any matrix or view; an empty matrix gives 0.
 * @throws {LinalgError} `INVALID_ARGUMENT` when `a` is not a matrix; `NOT_FINITE` when A holds NaN or ±Infinity.
 * @example
 * ```ts
 * maxAbs(fromArray([[1, -7], [2, 3]])); // => 7
 * ```
 */
export function maxAbs(value: Matrix): number {
  const a = checkMatrix(value, 'a');
  checkFinite(a, 'a');
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
