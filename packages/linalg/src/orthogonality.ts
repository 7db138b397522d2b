import { describe } from './describe';
import { LinalgError } from './errors';
import { checkFinite, maxMagnitude } from './float-input';
import { gemm } from './gemm';
import { block, copy, dtypeOf, type Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { exponentOf, ldexp, scaleInPlace2 } from './power-of-two';

const TILE = 256;

/**
 * Largest deviation of the Gram matrix from the identity: `max|QᵀQ − I|` for tall or square Q,
 * `max|QQᵀ − I|` for wide Q (the side on which orthonormality is possible).
 *
 * ```math
 * \varepsilon(Q) = \max_{ij} \left| (Q^\top Q)_{ij} - \delta_{ij} \right| \quad (m \ge n)
 * ```
 *
 * The Gram matrix is formed tile by tile (256 x 256, upper triangle only) with {@link gemm}
 * accumulating in float64, so memory stays small: cost `m·n²` flops, `O(256²)` scratch.
 *
 * @param value - The matrix `q` (errors name it `q`): `m x n` matrix, any strides; an empty matrix gives 0.
 * @throws {LinalgError} `NOT_FINITE` when Q holds NaN or ±Infinity, or when the deviation itself
 * exceeds the float64 range (entries beyond about 1e154; {@link isIsometry} then says false).
 * @example
 * ```ts
 * orthogonalityError(fromArray([[0, 1], [1, 0]])); // => 0
 * orthogonalityError(fromArray([[1, 1]])); // => 1
 * ```
 */
export function orthogonalityError(value: Matrix): number {
  const worst = deviation(checkMatrix(value, 'q'));
  if (!Number.isFinite(worst)) {
    throw new LinalgError(
      'NOT_FINITE',
      'q',
      'max|QᵀQ − I| exceeds the largest float64 number (Q has entries beyond about 1e154)',
    );
  }
  return worst;
}

/**
 * `max|QᵀQ − I|` of a validated Q (NaN and ±Infinity throw `NOT_FINITE`); Infinity when the
 * deviation itself is beyond the float64 range. A Q with entries above 2^400 is worked on as
 * `2^e Q` (exact) and each Gram entry scaled back before the identity is subtracted, so that
 * the Gram products cannot overflow on the way.
 */
function deviation(input: Matrix): number {
  checkFinite(input, 'q');
  const big = maxMagnitude(input);
  const e = big > 2 ** 400 ? -exponentOf(big) : 0;
  let q = input;
  if (e !== 0) {
    q = copy(input, { dtype: 'float64' });
    scaleInPlace2(q.data, 0, q.data.length, e);
  }
  const wide = q.rows < q.cols;
  const k = wide ? q.rows : q.cols;
  const len = wide ? q.cols : q.rows;
  if (k === 0) return 0;
  const scratch = new Float64Array(Math.min(k, TILE) * Math.min(k, TILE));
  let worst = 0;
  for (let i0 = 0; i0 < k; i0 += TILE) {
    const bi = Math.min(TILE, k - i0);
    const qi = wide ? block(q, i0, 0, bi, len) : block(q, 0, i0, len, bi);
    for (let j0 = i0; j0 < k; j0 += TILE) {
      const bj = Math.min(TILE, k - j0);
      const qj = wide ? block(q, j0, 0, bj, len) : block(q, 0, j0, len, bj);
      const g: Matrix<Float64Array> = {
        data: scratch,
        rows: bi,
        cols: bj,
        offset: 0,
        rowStride: bj,
        colStride: 1,
      };
      if (wide) gemm(1, qi, qj, 0, g, { transB: true });
      else gemm(1, qi, qj, 0, g, { transA: true });
      for (let i = 0; i < bi; i++) {
        for (let j = 0; j < bj; j++) {
          const target = i0 + i === j0 + j ? 1 : 0;
          const dev = Math.abs(ldexp(scratch[i * bj + j] as number, -2 * e) - target);
          if (dev > worst) worst = dev;
        }
      }
    }
  }
  return worst;
}

/** Default tolerance of {@link isIsometry} for a dtype. */
export function defaultIsometryTolerance(q: Matrix): number {
  return dtypeOf(q) === 'float32' ? 1e-5 : 1e-12;
}

/**
 * Whether Q has orthonormal columns (or rows, when wide) to within `tolerance`.
 *
 * ```math
 * \max_{ij} \left| (Q^\top Q)_{ij} - \delta_{ij} \right| \le \text{tolerance}
 * ```
 *
 * Algorithm and cost: {@link orthogonalityError} (Gram tiles in GEMM, `m·n²` flops) compared
 * with the tolerance.
 *
 * @param value - The matrix `q` (errors name it `q`): `m x n` matrix; an empty matrix is an isometry.
 * @param tolerance - Allowed `max|QᵀQ − I|`. Default `1e-5` for float32 (what orthogonal init
 * guarantees up to n = 4096) and `1e-12` for float64.
 * @throws {LinalgError} `INVALID_ARGUMENT` for a negative or non-finite tolerance; `NOT_FINITE`
 * when Q holds NaN or ±Infinity.
 * @example
 * ```ts
 * isIsometry(fromArray([[0.6, 0.8], [-0.8, 0.6]])); // => true
 * isIsometry(fromArray([[1, 0], [0, 2]])); // => false
 * ```
 */
export function isIsometry(value: Matrix, tolerance?: number): boolean {
  const q = checkMatrix(value, 'q');
  const tol = tolerance ?? defaultIsometryTolerance(q);
  if (typeof tol !== 'number' || !Number.isFinite(tol) || tol < 0) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'tolerance',
      `must be a finite number ≥ 0, got ${describe(tolerance)}`,
    );
  }
  return deviation(q) <= tol;
}
