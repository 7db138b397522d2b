import { describe } from './describe';
import { LinalgError } from './errors';
import { checkElementCount } from './limits';
import { type AllocOptions, checkRounded, type Matrix, matrix } from './matrix';

/**
 * The `rows x cols` identity (ones on the main diagonal, zeros elsewhere); rectangular shapes give
 * the partial identity used by ZerO and `torch.nn.init.eye_`.
 *
 * ```math
 * I_{ij} = [i = j]
 * ```
 *
 * Cost: `rows·cols` zero writes and `min(rows, cols)` ones.
 *
 * @param rows - Number of rows (non-negative integer).
 * @param cols - Number of columns. Default `rows`.
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `INVALID_ARGUMENT` for negative or fractional sizes or an unknown dtype;
 * `TOO_LARGE` (before allocating) for more than 2^30 elements.
 * @example
 * ```ts
 * toArray(identity(2, 3)); // => [[1, 0, 0], [0, 1, 0]]
 * ```
 */
export function identity(rows: number, cols: number = rows, options?: AllocOptions): Matrix {
  const m = matrix(rows, cols, options);
  const k = Math.min(rows, cols);
  for (let i = 0; i < k; i++) m.data[i * cols + i] = 1;
  return m;
}

/**
 * The square matrix with `values` on its diagonal and zeros elsewhere.
 *
 * ```math
 * D_{ij} = [i = j]\, v_i
 * ```
 *
 * Cost: `n²` zero writes and `n` diagonal writes.
 *
 * @param values - Diagonal entries (array or typed array of finite numbers).
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `INVALID_ARGUMENT` for non-numbers or an unknown dtype; `NOT_FINITE` for
 * NaN/±Infinity; `TOO_LARGE` (before allocating) when `n²` exceeds 2^30.
 * @example
 * ```ts
 * toArray(diagonal([2, 3])); // => [[2, 0], [0, 3]]
 * ```
 */
export function diagonal(values: ArrayLike<number>, options?: AllocOptions): Matrix {
  if (values === null || typeof values !== 'object') {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'values',
      `must be an array or typed array of numbers, got ${describe(values)}`,
    );
  }
  const n = values.length;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'values',
      `must have a non-negative integer length, got ${describe(n)}`,
    );
  }
  checkElementCount(n * n, 'values', `a ${n} x ${n} diagonal matrix`);
  const m = matrix(n, n, options);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number')
      throw new LinalgError('INVALID_ARGUMENT', 'values', `entry ${i} is not a number`);
    if (!Number.isFinite(v)) {
      throw new LinalgError(
        'NOT_FINITE',
        'values',
        `entry ${i} is ${describe(v)}; only finite numbers are accepted`,
      );
    }
    m.data[i * n + i] = v;
    checkRounded(m.data[i * n + i] as number, v, 'values', `entry ${i} `);
  }
  return m;
}
