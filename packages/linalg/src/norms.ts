import { LinalgError } from './errors';
import { checkFinite } from './float-input';
import type { Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { addSquare, finishNorm, sumOfSquares } from './sum-of-squares';

/**
 * Frobenius norm, accumulated in one pass so that it neither overflows nor underflows unless the
 * norm itself lies outside the float64 range.
 *
 * ```math
 * \|A\|_F = \sqrt{\sum_{ij} A_{ij}^2}
 * ```
 *
 * Algorithm and cost: Blue's scaled sum of squares (as LAPACK's `dnrm2`): three running sums for
 * tiny, ordinary and huge entries, the outer two scaled by powers of two; one pass, `2mn` flops.
 * For entries of ordinary magnitude it is exactly `sqrt(Σ A_ij²)`; `[1e300, 1e300]` gives
 * `1.414…e300` and `[1e-300, 1e-300]` gives `1.414…e-300`.
 *
 * @param value - The matrix `a` (errors name it `a`): Any matrix or view; an empty matrix gives 0.
 * @throws {LinalgError} `INVALID_ARGUMENT` when `a` is not a matrix; `NOT_FINITE` when A holds
 * NaN or ±Infinity, or when the norm exceeds the largest float64 (about 1.8e308).
 * @example
 * ```ts
 * frobeniusNorm(fromArray([[3, 0], [0, 4]])); // => 5
 * frobeniusNorm(fromArray([[1e300, 1e300]])); // => 1.4142135623730952e300
 * ```
 */
export function frobeniusNorm(value: Matrix): number {
  const a = checkMatrix(value, 'a');
  checkFinite(a, 'a');
  const { data, rows, cols, offset, rowStride, colStride } = a;
  const acc = sumOfSquares();
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) addSquare(acc, data[p] as number);
  }
  const norm = finishNorm(acc);
  if (!Number.isFinite(norm)) {
    throw new LinalgError('NOT_FINITE', 'a', 'the Frobenius norm exceeds the largest float64 number');
  }
  return norm;
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
 * @param value - The matrix `a` (errors name it `a`): Any matrix or view; an empty matrix gives 0.
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
