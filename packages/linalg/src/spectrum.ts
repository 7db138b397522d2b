import { describe } from './describe';
import { LinalgError } from './errors';
import { epsilonOf } from './float-input';
import type { Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { ldexp } from './power-of-two';
import { scaledSvd } from './svd';

/**
 * Singular values of `2^exponent A` (see {@link scaledSvd}): the statistics below are ratios, so
 * they are computed from the scaled values and never overflow on the way.
 */
function singularValues(a: Matrix): { s: Float64Array; exponent: number } {
  const { result, exponent } = scaledSvd(checkMatrix(a, 'a'), false);
  return { s: result.s, exponent };
}

/**
 * 2-norm condition number `σ_max / σ_min` over the `min(m, n)` singular values (from {@link svd}).
 *
 * ```math
 * \kappa_2(A) = \sigma_1 / \sigma_k,\quad k = \min(m, n)
 * ```
 *
 * Cost: one singular-value computation, `4mn² − 4n³/3` flops.
 *
 * @param a - `m x n` matrix. An empty matrix gives 1 (the identity on a zero-dimensional space).
 * @throws {LinalgError} `NOT_FINITE` when A holds NaN or ±Infinity, and when the condition number
 * is infinite (a rank-deficient matrix, smallest singular value 0) or beyond the float64 range.
 * @example
 * ```ts
 * conditionNumber(fromArray([[2, 0], [0, 0.5]])); // => 4
 * ```
 */
export function conditionNumber(a: Matrix): number {
  const { s } = singularValues(a);
  const k = s.length;
  if (k === 0) return 1;
  const top = s[0] as number;
  const bottom = s[k - 1] as number;
  const ratio = top / bottom;
  if (!Number.isFinite(ratio)) {
    throw new LinalgError(
      'NOT_FINITE',
      'a',
      bottom === 0
        ? 'is singular (smallest singular value 0): its condition number is infinite'
        : 'its condition number σ₁/σ_min exceeds the float64 range',
    );
  }
  return ratio;
}

/**
 * Stable rank: the squared ratio of Frobenius to spectral norm, a smooth lower bound of the rank.
 *
 * ```math
 * \operatorname{srank}(A) = \|A\|_F^2 / \|A\|_2^2 = \sum_i \sigma_i^2 / \sigma_1^2
 * ```
 *
 * Computed as `Σ (σ_i / σ₁)²`, which cannot overflow. Cost: one singular-value computation.
 * Between 1 and `rank(A)`; 0 for a zero or empty matrix.
 *
 * @param a - `m x n` matrix.
 * @throws {LinalgError} `NOT_FINITE` when A holds NaN or ±Infinity.
 * @example
 * ```ts
 * stableRank(fromArray([[2, 0], [0, 1]])); // => 1.25
 * ```
 */
export function stableRank(a: Matrix): number {
  const { s } = singularValues(a);
  const top = s.length > 0 ? (s[0] as number) : 0;
  if (top === 0) return 0;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += ((s[i] as number) / top) ** 2;
  return sum;
}

/**
 * Effective rank in the entropy form of Roy and Vetterli (2007): the exponential of the Shannon
 * entropy of the normalized singular values.
 *
 * ```math
 * \operatorname{erank}(A) = \exp\Big(-\sum_i p_i \ln p_i\Big),\quad p_i = \sigma_i / \textstyle\sum_j \sigma_j
 * ```
 *
 * Between 1 and `rank(A)` (0 for a zero or empty matrix); equals `k` when all `k` singular values
 * are equal. Terms with `p_i = 0` contribute 0. Cost: one singular-value computation.
 *
 * @param a - `m x n` matrix.
 * @throws {LinalgError} `NOT_FINITE` when A holds NaN or ±Infinity.
 * @example
 * ```ts
 * effectiveRank(identity(3)); // => 3 (up to rounding)
 * ```
 */
export function effectiveRank(a: Matrix): number {
  const { s } = singularValues(a);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i] as number;
  if (total === 0) return 0;
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const p = (s[i] as number) / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}

/**
 * Numerical rank: the number of singular values above `tolerance`.
 *
 * ```math
 * \operatorname{rank}(A) = \#\{ i : \sigma_i > \tau \},\quad \tau_{\text{default}} = \sigma_1 \max(m, n)\, \varepsilon
 * ```
 *
 * `ε` is the machine epsilon of A's dtype (2^-52 or 2^-23), as in `numpy.linalg.matrix_rank`.
 * Cost: one singular-value computation ({@link svd} values only, `4mn² − 4n³/3` flops).
 *
 * @param a - `m x n` matrix; empty gives 0.
 * @param tolerance - Absolute threshold `τ ≥ 0`. Default `σ₁ · max(m, n) · ε`.
 * @throws {LinalgError} `INVALID_ARGUMENT` for a negative or non-finite tolerance; `NOT_FINITE`
 * when A holds NaN or ±Infinity.
 * @example
 * ```ts
 * rank(fromArray([[1, 2], [2, 4]])); // => 1
 * ```
 */
export function rank(a: Matrix, tolerance?: number): number {
  if (
    tolerance !== undefined &&
    (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)
  ) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'tolerance',
      `must be a finite number ≥ 0, got ${describe(tolerance)}`,
    );
  }
  const { s, exponent } = singularValues(a);
  if (s.length === 0) return 0;
  // Compared in the scaled units of s: the default threshold is relative, a given one is absolute.
  const tau =
    tolerance === undefined
      ? (s[0] as number) * Math.max(a.rows, a.cols) * epsilonOf(a)
      : ldexp(tolerance, exponent);
  let r = 0;
  for (let i = 0; i < s.length; i++) if ((s[i] as number) > tau) r++;
  return r;
}
