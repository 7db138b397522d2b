import { LinalgError } from './errors';
import { checkFiniteResult, EPSILON_F32, EPSILON_F64, finiteFloat64Copy } from './float-input';
import { dtypeOf, type Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { checkFlag, readOptions } from './options';
import { exponentOf, ldexp, scaleInPlace2 } from './power-of-two';
import { type EigResult, sortAscending } from './tridiagonal';

/** Options of {@link eigSym}. */
export interface EigSymOptions {
  /** Also compute the orthonormal eigenvectors. Default false. */
  vectors?: boolean;
}

/**
 * Eigenvalues (and optionally eigenvectors) of a dense symmetric matrix by the cyclic Jacobi
 * method: sweeps of plane rotations, each zeroing one off-diagonal pair, until the off-diagonal
 * part is below rounding level.
 *
 * ```math
 * A = V \Lambda V^\top,\quad V^\top V = I,\quad \lambda_0 \le \dots \le \lambda_{n-1}
 * ```
 *
 * Jacobi is accurate (eigenvalues to a few `eps · ‖A‖`, often better) and simple; its cost is
 * about `4n³` flops per sweep (`8n³` with vectors) with 6 to 10 sweeps, so it suits the small
 * and medium matrices of the advisor (n up to a few hundred). Computed in float64 for both
 * dtypes. The input must be symmetric to `√eps` of its dtype times `max|A|`; the average of
 * `A` and `Aᵀ` is what gets diagonalized.
 *
 * @param value - The matrix `a` (errors name it `a`): `n x n` symmetric matrix, float32 or float64, any strides.
 * @param options - `vectors` (default false).
 * @returns Ascending `values` and, when requested, `vectors` (`n x n` float64, column j for value j,
 * largest-magnitude component positive).
 * The matrix is worked on as `2^e A` with its largest entry in `[1, 2)` (exact), so entries near
 * 1e308 or subnormal ones neither overflow nor underflow.
 *
 * @throws {LinalgError} `SHAPE_MISMATCH` when A is not square; `INVALID_ARGUMENT` when it is not
 * symmetric or for an unknown option key; `NOT_FINITE` for NaN/±Infinity, or an eigenvalue beyond
 * the float64 range; `NOT_CONVERGED` after 100 sweeps (not observed).
 * @example
 * ```ts
 * const { values } = eigSym(fromArray([[2, 1], [1, 2]]));
 * Array.from(values); // => [1, 3]
 * ```
 */
export function eigSym(value: Matrix, options?: EigSymOptions): EigResult {
  const a = checkMatrix(value, 'a');
  if (a.rows !== a.cols) {
    throw new LinalgError('SHAPE_MISMATCH', 'a', `must be square, got ${a.rows} x ${a.cols}`);
  }
  const wantVectors = checkFlag(readOptions(options, 'options', ['vectors']).vectors, 'vectors');
  const n = a.rows;
  const w = finiteFloat64Copy(a, 'a');
  // Work on 2^e A with its largest entry in [1, 2): exact, and no square (nor the average of a
  // pair of entries near 1e308) can overflow or underflow.
  let big = 0;
  for (let i = 0; i < n * n; i++) big = Math.max(big, Math.abs(w[i] as number));
  const e = big > 0 ? -exponentOf(big) : 0;
  scaleInPlace2(w, 0, n * n, e);
  big = ldexp(big, e);
  const symTol = Math.sqrt(dtypeOf(a) === 'float32' ? EPSILON_F32 : EPSILON_F64) * big;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = w[i * n + j] as number;
      const y = w[j * n + i] as number;
      if (Math.abs(x - y) > symTol) {
        throw new LinalgError(
          'INVALID_ARGUMENT',
          'a',
          `must be symmetric: entries (${i}, ${j}) = ${ldexp(x, -e)} and (${j}, ${i}) = ${ldexp(y, -e)} differ by more than ${ldexp(symTol, -e)}`,
        );
      }
      const mean = 0.5 * (x + y);
      w[i * n + j] = mean;
      w[j * n + i] = mean;
    }
  }
  let vt: Float64Array | undefined;
  if (wantVectors) {
    vt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  }
  const d = jacobiSweeps(w, n, vt);
  for (let i = 0; i < n; i++) d[i] = ldexp(d[i] as number, -e);
  checkFiniteResult(d, 0, n, 'a', 'the eigenvalues');
  return sortAscending(d, vt, n);
}

/**
 * Cyclic Jacobi on the symmetric row-major `w` (destroyed). Returns the diagonal; the rows of
 * `vt` (initially I) become the eigenvectors.
 */
function jacobiSweeps(w: Float64Array, n: number, vt: Float64Array | undefined): Float64Array {
  const eps = EPSILON_F64;
  for (let sweep = 0; ; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += (w[i * n + i] as number) ** 2;
      for (let j = i + 1; j < n; j++) off += (w[i * n + j] as number) ** 2;
    }
    if (off === 0 || Math.sqrt(off) <= eps * 1e-6 * Math.sqrt(diag + 2 * off) || n < 2) break;
    if (sweep >= 100) throw new LinalgError('NOT_CONVERGED', 'a', 'Jacobi did not converge in 100 sweeps');
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q] as number;
        if (apq === 0) continue;
        const app = w[p * n + p] as number;
        const aqq = w[q * n + q] as number;
        // Skip entries that are negligible next to both diagonal entries.
        if (sweep > 3 && Math.abs(apq) <= eps * 0.5 * Math.min(Math.abs(app), Math.abs(aqq))) {
          w[p * n + q] = 0;
          w[q * n + p] = 0;
          continue;
        }
        // Rotation angle: t = tan θ, the smaller root of t² + 2τt − 1 = 0, τ = (aqq − app)/(2apq).
        const theta = (aqq - app) / (2 * apq);
        const t =
          Math.abs(theta) > 1e150
            ? 1 / (2 * theta)
            : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J on rows/columns p and q.
        for (let k = 0; k < n; k++) {
          const akp = w[k * n + p] as number;
          const akq = w[k * n + q] as number;
          w[k * n + p] = c * akp - s * akq;
          w[k * n + q] = s * akp + c * akq;
        }
        const rp = p * n;
        const rq = q * n;
        for (let k = 0; k < n; k++) {
          const apk = w[rp + k] as number;
          const aqk = w[rq + k] as number;
          w[rp + k] = c * apk - s * aqk;
          w[rq + k] = s * apk + c * aqk;
        }
        w[rp + q] = 0;
        w[rq + p] = 0;
        if (vt) {
          for (let k = 0; k < n; k++) {
            const x = vt[rp + k] as number;
            const y = vt[rq + k] as number;
            vt[rp + k] = c * x - s * y;
            vt[rq + k] = s * x + c * y;
          }
        }
      }
    }
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = w[i * n + i] as number;
  return d;
}
