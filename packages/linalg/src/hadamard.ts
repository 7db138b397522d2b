import { describe } from './describe';
import { LinalgError } from './errors';
import { type AllocOptions, type Matrix, matrix } from './matrix';

/**
 * The Sylvester Hadamard matrix of order `n = 2^k`: entries ±1 with `H Hᵀ = n I`, so `H / √n` is
 * orthogonal (used by ZerO initialization).
 *
 * ```math
 * H_{ij} = (-1)^{\operatorname{popcount}(i \,\&\, j)},\qquad H_{2n} = \begin{pmatrix} H_n & H_n \\ H_n & -H_n \end{pmatrix}
 * ```
 *
 * Algorithm and cost: each entry from the parity of `popcount(i & j)`, `n²` writes (no recursion,
 * no multiplications).
 *
 * @param n - Order, a power of two: 1, 2, 4, 8, … up to 2^15.
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `INVALID_ARGUMENT` when `n` is not a power of two in that range, or for an unknown dtype.
 * @example
 * ```ts
 * toArray(hadamard(2)); // => [[1, 1], [1, -1]]
 * ```
 */
export function hadamard(n: number, options?: AllocOptions): Matrix {
  if (!Number.isSafeInteger(n) || n < 1 || n > 32768 || (n & (n - 1)) !== 0) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'n',
      `must be a power of two 1, 2, 4, …, 32768, got ${describe(n)}`,
    );
  }
  const h = matrix(n, n, options);
  const d = h.data;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      // Parity of popcount(i & j).
      let x = i & j;
      x ^= x >>> 8;
      x ^= x >>> 4;
      x ^= x >>> 2;
      x ^= x >>> 1;
      d[row + j] = x & 1 ? -1 : 1;
    }
  }
  return h;
}
