import { BAND_WIDTH, bandToBidiagonal, extractBand, reduceToBand } from './band-reduction';
import { bidiagonalize, formLeftT, formRightT } from './bidiagonal';
import { bidiagonalSvd } from './bidiagonal-svd';
import { checkFiniteResult, finiteFloat64Copy, maxMagnitude } from './float-input';
import { gemm } from './gemm';
import { formQt, householderQr, QR_BLOCK } from './householder-blocked';
import { checkMatrix } from './matrix-check';
import { checkFlag, readOptions } from './options';
import { F64_SAFE, ldexp, scaleExponent } from './power-of-two';

/** From this many columns on, singular values alone use the two-stage (band) reduction. */
const TWO_STAGE_MIN = 160;
/** With vectors, matrices with at least this many times more rows than columns are first reduced by QR. */
const QR_FIRST_RATIO = 2;

import { zeros } from './limits';
import { copy, dtypeOf, type Matrix, matrix, transpose } from './matrix';
import { transposeInto } from './transpose-copy';

/** Options of {@link svd}. */
export interface SvdOptions {
  /** Also compute the singular vectors `U` and `V`. Default true. */
  computeUV?: boolean;
}

/** Result of {@link svd}: `A = U diag(s) Vᵀ` (thin). */
export interface SvdResult {
  /** Singular values, `min(m, n)` of them, non-negative and descending. Always float64. */
  s: Float64Array;
  /** `m x min(m, n)` left singular vectors (orthonormal columns), input dtype; undefined without `computeUV`. */
  u: Matrix | undefined;
  /** `n x min(m, n)` right singular vectors (orthonormal columns), input dtype; undefined without `computeUV`. */
  v: Matrix | undefined;
}

/**
 * Thin singular value decomposition by Householder reduction to bidiagonal form followed by
 * implicit-shift bidiagonal QR (Golub–Kahan–Reinsch with a Wilkinson shift).
 *
 * ```math
 * A = U \operatorname{diag}(s) V^\top,\quad U^\top U = V^\top V = I_k,\quad s_1 \ge \dots \ge s_k \ge 0,\quad k = \min(m, n)
 * ```
 *
 * Why this algorithm: the reduction does the `O(mn²)` work once and the QR iteration on the
 * bidiagonal costs only `O(n²)` without vectors, whereas one-sided Jacobi repeats `O(mn²)` sweeps
 * (typically 6 to 10) even for values alone. Reductions: with vectors (or fewer than 160
 * columns), one-stage blocked bidiagonalization as LAPACK `dgebrd` (half of the flops in GEMM);
 * for values only from 160 columns on, two stages: dense to band (bandwidth 32) by alternating
 * blocked QR and LQ panels with all trailing work in GEMM, then band to bidiagonal by Givens
 * rotations chasing each bulge (`≈ 6·32·n²` flops). With vectors and at least twice as many rows
 * as columns, a blocked QR comes first (`A = QR`, SVD of the `n x n` R, `U = Q U_R` in GEMM).
 * Wide matrices are handled through `Aᵀ`.
 *
 * Precision: float64 internally for both input dtypes. Singular values agree with LAPACK to about
 * `1e-13 · s₁` in absolute terms (values near `s₁` to 1e-13 relative; tiny values of an
 * ill-conditioned matrix are only determined to `eps · s₁` by any backward-stable method).
 *
 * Cost: `4mn² − 4n³/3` flops for the reduction (plus `≈ 200n²` for the band stage), `O(n²)` for
 * the values; with vectors about `4mn² + 8n³` more (forming U and V, then rotating them).
 * Memory: one float64 copy of A plus `O(32 (m + n))`; with vectors `mn + n²` more.
 *
 * Matrices whose largest entry lies outside `[2^-200, 2^200]` (entries near 1e308, subnormals)
 * are factored as `2^e A` with the power of two that brings that entry to `[1, 2)`, exactly
 * (LAPACK's `dgesvd` does the same), and the singular values are scaled back.
 *
 * @param value - The matrix `a` (errors name it `a`): `m x n` matrix, any strides, float32 or float64. Zero-size input gives empty results.
 * @param options - `computeUV` (default true).
 * @throws {LinalgError} `NOT_FINITE` when A holds NaN or ±Infinity, or when a singular value
 * exceeds the float64 range; `NOT_CONVERGED` if the QR iteration fails to converge (not observed
 * in practice); `INVALID_ARGUMENT` for an unknown option key or a non-boolean `computeUV`.
 * @example
 * ```ts
 * const { s } = svd(fromArray([[3, 0], [0, -4]]), { computeUV: false });
 * Array.from(s); // => [4, 3]
 * ```
 */
export function svd(value: Matrix, options?: SvdOptions): SvdResult {
  const a = checkMatrix(value, 'a');
  const computeUV = checkFlag(readOptions(options, 'options', ['computeUV']).computeUV, 'computeUV', true);
  const { result, exponent } = scaledSvd(a, computeUV);
  const s = result.s;
  for (let i = 0; i < s.length; i++) s[i] = ldexp(s[i] as number, -exponent);
  checkFiniteResult(s, 0, s.length, 'a', 'the singular values');
  return result;
}

/**
 * The SVD of `2^exponent A` (singular values of that scaled matrix, vectors of A), where the
 * power of two brings a matrix of extreme magnitude (largest entry outside `[2^-200, 2^200]`) to
 * `[1, 2)` exactly, as LAPACK's `dgesvd` scales before it reduces; `exponent = 0` otherwise.
 * Internal: `a` is validated; NaN and ±Infinity throw `NOT_FINITE`.
 */
export function scaledSvd(a: Matrix, computeUV: boolean): { result: SvdResult; exponent: number } {
  const exponent = scaleExponent(maxMagnitude(a), F64_SAFE[0], F64_SAFE[1]);
  if (a.rows < a.cols) {
    const t = svdTall(transpose(a), computeUV, exponent);
    return { result: { s: t.s, u: t.v, v: t.u }, exponent };
  }
  return { result: svdTall(a, computeUV, exponent), exponent };
}

function svdTall(a: Matrix, computeUV: boolean, exponent = 0): SvdResult {
  const m = a.rows;
  const n = a.cols;
  const dtype = dtypeOf(a);
  if (!computeUV && n >= TWO_STAGE_MIN) {
    // Column-major copy; dense → band (GEMM) → bidiagonal (Givens) → values.
    const w = finiteFloat64Copy(a, 'a', true, exponent);
    reduceToBand(w, m, n, BAND_WIDTH);
    const band = extractBand(w, m, n, BAND_WIDTH);
    const { d, e } = bandToBidiagonal(band, n, BAND_WIDTH);
    bidiagonalSvd(d, e, n, undefined, 0, undefined, 0);
    return { s: d, u: undefined, v: undefined };
  }
  if (computeUV && m >= QR_FIRST_RATIO * n && n > 0) return svdViaQr(a, m, n, exponent);
  const w = finiteFloat64Copy(a, 'a', false, exponent);
  const { d, e, tauLeft, tauRight } = bidiagonalize(w, m, n);
  if (!computeUV) {
    bidiagonalSvd(d, e, n, undefined, 0, undefined, 0);
    return { s: d, u: undefined, v: undefined };
  }
  const ut = formLeftT(w, m, n, tauLeft);
  const vt = formRightT(w, n, tauRight);
  bidiagonalSvd(d, e, n, ut, m, vt, n);
  const u = zeros(m * n, dtype === 'float32', 'a', 'U');
  transposeInto(ut, n, m, u);
  const v = zeros(n * n, dtype === 'float32', 'a', 'V');
  transposeInto(vt, n, n, v);
  return {
    s: d,
    u: { data: u, rows: m, cols: n, offset: 0, rowStride: n, colStride: 1 },
    v: { data: v, rows: n, cols: n, offset: 0, rowStride: n, colStride: 1 },
  };
}

/**
 * Tall SVD with vectors through a QR first: `A = Q R`, `R = U_R diag(s) Vᵀ`, `U = Q U_R`, so the
 * expensive reduction works on the small `n x n` R and the `m`-long work runs in GEMM.
 */
function svdViaQr(a: Matrix, m: number, n: number, exponent: number): SvdResult {
  const dtype = dtypeOf(a);
  const w = finiteFloat64Copy(a, 'a', true, exponent);
  const tau = householderQr(w, m, n);
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[i * n + j] = w[j * m + i] as number;
  formQt(w, m, n, tau, QR_BLOCK, w, n);
  const inner = svdTall({ data: r, rows: n, cols: n, offset: 0, rowStride: n, colStride: 1 }, true);
  const u = matrix(m, n, { dtype });
  gemm(1, { data: w, rows: n, cols: m, offset: 0, rowStride: m, colStride: 1 }, inner.u as Matrix, 0, u, {
    transA: true,
  });
  const v = inner.v as Matrix;
  return { s: inner.s, u, v: dtype === 'float64' ? v : copy(v, { dtype }) };
}
