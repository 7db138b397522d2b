import { describe } from './describe';
import { LinalgError } from './errors';
import { checkFiniteResult, EPSILON_F64 } from './float-input';
import { checkElementCount, zeros } from './limits';
import type { Matrix } from './matrix';
import { checkFlag, readOptions } from './options';
import { exponentOf, ldexp, scaleInPlace2 } from './power-of-two';

/** Options of {@link eigSymTridiagonal}. */
export interface EigTridiagonalOptions {
  /** Also compute the orthonormal eigenvectors. Default false. */
  vectors?: boolean;
}

/** Eigen-decomposition of a symmetric matrix: `A V = V diag(values)`. */
export interface EigResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** `n x n` float64 matrix whose column `j` is the unit eigenvector of `values[j]`; undefined unless requested. */
  vectors: Matrix | undefined;
}

function readVector(x: ArrayLike<number>, argument: string, length: number | undefined): Float64Array {
  if (x === null || typeof x !== 'object') {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must be an array or typed array of numbers, got ${describe(x)}`,
    );
  }
  const n = x.length;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must have a non-negative integer length, got ${describe(n)}`,
    );
  }
  if (length !== undefined && x.length !== length) {
    throw new LinalgError(
      'SHAPE_MISMATCH',
      argument,
      `must have length ${length} (one less than diag), got ${x.length}`,
    );
  }
  // Entries are checked before anything is allocated (an object claiming a huge length fails at its first entry).
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== 'number') {
      throw new LinalgError('INVALID_ARGUMENT', argument, `entry ${i} is not a number`);
    }
    if (!Number.isFinite(v)) {
      throw new LinalgError(
        'NOT_FINITE',
        argument,
        `entry ${i} is ${describe(v)}; only finite numbers are accepted`,
      );
    }
  }
  const out = zeros(n, false, argument, 'the vector') as Float64Array;
  for (let i = 0; i < n; i++) out[i] = x[i] as number;
  return out;
}

/**
 * Diagonalizes a symmetric tridiagonal matrix in place by implicit QL with Wilkinson-type
 * shifts. `d` (length n) receives the eigenvalues (unsorted), `e` (length ≥ n − 1, `e[i]`
 * couples `i` and `i + 1`) is destroyed. When `zt` is given (`n x n`, row-major, initially the
 * identity), its rows are rotated along, ending as the eigenvectors. Internal.
 */
export function tridiagonalQl(
  d: Float64Array,
  e: Float64Array,
  n: number,
  zt: Float64Array | undefined,
): void {
  const eps = EPSILON_F64;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        if (Math.abs(e[m] as number) <= eps * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) {
        throw new LinalgError('NOT_CONVERGED', 'diag', `QL iteration did not converge for eigenvalue ${l}`);
      }
      // Shift from the leading 2 x 2 block, chosen as its eigenvalue nearer to d[l].
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Recover from underflow: the rotation splits the matrix here.
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (zt) {
          const ri = i * n;
          const rj = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const x = zt[rj + k] as number;
            const y = zt[ri + k] as number;
            zt[rj + k] = s * y + c * x;
            zt[ri + k] = c * y - s * x;
          }
        }
      }
      if (underflow) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * Eigenvalues (and optionally eigenvectors) of the symmetric tridiagonal matrix with diagonal
 * `diag` and off-diagonal `offDiag`, by implicit QL with shifts (the tql2 scheme).
 *
 * ```math
 * T = \begin{pmatrix} a_0 & b_0 \\ b_0 & a_1 & b_1 \\ & \ddots & \ddots & \ddots \\ & & b_{n-2} & a_{n-1} \end{pmatrix} = V \Lambda V^\top
 * ```
 *
 * The eigenvectors are orthonormal, so for Golub–Welsch quadrature the weights are
 * `μ₀ · V[0][j]²` (for Gauss–Hermite with weight `e^{−x²}`, `μ₀ = √π`). Accuracy: eigenvalues to
 * a few `eps · ‖T‖` absolute. Cost: about `30n²` flops for values, `3n³` more with vectors.
 *
 * @param diag - The `n` diagonal entries `a_i`.
 * @param offDiag - The `n − 1` off-diagonal entries `b_i` (coupling `i` and `i + 1`); for `n = 0` it must be empty.
 * @param options - `vectors` (default false).
 * @returns Ascending `values` (float64) and, when requested, `vectors` (`n x n` float64, column j for value j).
 * @throws {LinalgError} `SHAPE_MISMATCH` when `offDiag.length ≠ max(n − 1, 0)`; `NOT_FINITE` for
 * NaN/±Infinity; `INVALID_ARGUMENT` for non-numbers or unknown option keys; `TOO_LARGE` when the
 * eigenvectors (`n²` numbers) would exceed 2^30 elements.
 * @example
 * ```ts
 * // Gauss–Hermite, 2 nodes: Jacobi matrix with b₀ = √(1/2).
 * const { values, vectors } = eigSymTridiagonal([0, 0], [Math.SQRT1_2], { vectors: true });
 * Array.from(values); // => [-0.7071067811865475, 0.7071067811865475] (±1/√2, up to rounding)
 * Math.sqrt(Math.PI) * get(vectors!, 0, 0) ** 2; // => 0.886226925452758 (√π / 2)
 * ```
 */
export function eigSymTridiagonal(
  diag: ArrayLike<number>,
  offDiag: ArrayLike<number>,
  options?: EigTridiagonalOptions,
): EigResult {
  const d = readVector(diag, 'diag', undefined);
  const n = d.length;
  const off = readVector(offDiag, 'offDiag', Math.max(0, n - 1));
  const wantVectors = checkFlag(readOptions(options, 'options', ['vectors']).vectors, 'vectors');
  const e = new Float64Array(n);
  e.set(off);
  // Work on 2^k T with its largest entry in [1, 2) (exact), so squares neither overflow nor underflow.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i] as number), Math.abs(e[i] as number));
  const k = scale > 0 ? -exponentOf(scale) : 0;
  scaleInPlace2(d, 0, n, k);
  scaleInPlace2(e, 0, n, k);
  let zt: Float64Array | undefined;
  if (wantVectors) {
    checkElementCount(n * n, 'diag', `the ${n} x ${n} eigenvector matrix`);
    zt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  }
  tridiagonalQl(d, e, n, zt);
  for (let i = 0; i < n; i++) d[i] = ldexp(d[i] as number, -k);
  checkFiniteResult(d, 0, n, 'diag', 'the eigenvalues');
  return sortAscending(d, zt, n);
}

/** Sorts eigenvalues ascending and lays out the matching vectors (rows of `zt`) as columns. */
export function sortAscending(d: Float64Array, zt: Float64Array | undefined, n: number): EigResult {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (d[x] as number) - (d[y] as number));
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = d[order[j] as number] as number;
  if (!zt) return { values, vectors: undefined };
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = (order[j] as number) * n;
    // Deterministic sign: the largest-magnitude component is positive.
    let big = 0;
    let sign = 1;
    for (let k = 0; k < n; k++) {
      const x = zt[src + k] as number;
      if (Math.abs(x) > big) {
        big = Math.abs(x);
        sign = x < 0 ? -1 : 1;
      }
    }
    for (let k = 0; k < n; k++) v[k * n + j] = sign * (zt[src + k] as number);
  }
  return { values, vectors: { data: v, rows: n, cols: n, offset: 0, rowStride: n, colStride: 1 } };
}
