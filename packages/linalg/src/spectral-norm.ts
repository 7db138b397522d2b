import { bidiagonalSvd } from './bidiagonal-svd';
import { describe } from './describe';
import { LinalgError } from './errors';
import { checkFinite, maxMagnitude } from './float-input';
import { zeros } from './limits';
import { copy, type FloatArray, type Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { readOptions } from './options';
import { F64_SAFE, ldexp, scaleExponent, scaleInPlace2 } from './power-of-two';

/** Options of {@link spectralNorm}. */
export interface SpectralNormOptions {
  /** Target relative accuracy of the estimate (see {@link spectralNorm} for how it is judged). Default 1e-9. */
  tolerance?: number;
  /** Upper bound on the number of iterations (each one product with A and one with Aᵀ). Default 1000. */
  maxIterations?: number;
}

const GOLDEN = 0.6180339887498949;
/** Krylov basis size before an explicit restart from the best Ritz vector. */
const BASIS = 64;

/**
 * Largest singular value `‖A‖₂` by power iteration on `AᵀA`, accelerated with Lanczos
 * (Golub–Kahan bidiagonalization of the Krylov space that the power iterates span), from a fixed
 * deterministic start vector (a Weyl sequence): reproducible, and no random generator needed.
 *
 * ```math
 * \mathcal{K}_k = \operatorname{span}\{v, (A^\top A) v, \dots, (A^\top A)^{k-1} v\},\qquad
 * \sigma^{(k)} = \max_{x \in \mathcal{K}_k} \|A x\| / \|x\| \;\uparrow\; \sigma_1
 * ```
 *
 * The k-th plain power iterate lies in `𝒦_k`, so within a cycle the estimate is never worse than
 * power iteration after the same number of products, and it converges far faster when the top
 * singular values are close (Gaussian matrices). Each iteration costs `4mn` flops plus `O(64 (m + n))` for
 * full reorthogonalization; the basis restarts from the best Ritz vector every 64 iterations.
 * The estimates increase monotonically and are always a lower bound of `σ₁`; the iteration stops
 * when the change per step, extrapolated over the remaining geometric tail, is at most
 * `tolerance · σ`, or at `maxIterations` (returning the current lower bound). Measured with the
 * defaults on square Gaussian matrices (the hard case): relative error below 1e-9 at n = 256, 512
 * and 1024. For an exact value use `svd(a, { computeUV: false }).s[0]`.
 *
 * @param value - The matrix `a` (errors name it `a`): `m x n` matrix, any strides (non-contiguous rows are copied once); empty or all-zero gives 0.
 * @param options - `tolerance` (default 1e-9), `maxIterations` (default 1000).
 * A matrix whose largest entry lies outside `[2^-200, 2^200]` is worked on as `2^e A` (exact) and
 * the estimate scaled back.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` for a tolerance outside `[0, 1)`, a non-positive
 * iteration count or an unknown option key; `NOT_FINITE` when A holds NaN or ±Infinity, or when
 * the norm exceeds the float64 range.
 * @example
 * ```ts
 * spectralNorm(fromArray([[3, 0], [0, 4]])); // => 4 (to 1e-9 relative)
 * ```
 */
export function spectralNorm(value: Matrix, options?: SpectralNormOptions): number {
  const a = checkMatrix(value, 'a');
  const o = readOptions(options, 'options', ['tolerance', 'maxIterations']);
  const tol = o.tolerance ?? 1e-9;
  if (typeof tol !== 'number' || !(tol >= 0 && tol < 1)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'tolerance',
      `must be a number in [0, 1), got ${describe(tol)}`,
    );
  }
  const maxIt = (o.maxIterations ?? 1000) as number;
  if (!Number.isSafeInteger(maxIt) || maxIt < 1) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'maxIterations',
      `must be a positive integer, got ${describe(maxIt)}`,
    );
  }
  checkFinite(a, 'a');
  if (a.rows === 0 || a.cols === 0) return 0;
  const big = maxMagnitude(a);
  if (big === 0) return 0;
  // A matrix of extreme magnitude is worked on as 2^e A (exact, largest entry in [1, 2)), so no
  // product, sum or square can overflow or underflow; ordinary ones as they are. Contiguous rows
  // make every product one streaming pass; other views are copied once.
  const e = scaleExponent(big, F64_SAFE[0], F64_SAFE[1]);
  const c = a.colStride === 1 && e === 0 ? a : copy(a, { dtype: 'float64' });
  if (e !== 0) scaleInPlace2(c.data, 0, c.data.length, e);
  const m = c.rows;
  const n = c.cols;
  const scale = 1;
  const kmax = Math.min(BASIS, m, n);
  const vs = zeros((kmax + 1) * n, false, 'a', 'the Lanczos basis') as Float64Array;
  const us = zeros(kmax * m, false, 'a', 'the Lanczos basis') as Float64Array;
  const alpha = new Float64Array(kmax);
  const beta = new Float64Array(kmax);
  const start = new Float64Array(n);
  for (let j = 0; j < n; j++) start[j] = 1 + ((j * GOLDEN) % 1);
  let best = 0;
  let prev = 0;
  let prevStep = 0;
  let iterations = 0;
  let restarted = false;
  for (;;) {
    // One Lanczos cycle from `start`: A V_k = U_k B_k, B_k upper bidiagonal (alpha, beta).
    if (normalizeInto(start, vs, 0, n) === 0) break;
    let k = 0;
    let stop = false;
    for (; k < kmax && iterations < maxIt; k++, iterations++) {
      // u_k = A v_k − β_{k−1} u_{k−1}, reorthogonalized against U.
      const u = us.subarray(k * m, (k + 1) * m);
      multiplyA(c, scale, vs.subarray(k * n, (k + 1) * n), u);
      if (k > 0) axpy(-(beta[k - 1] as number), us.subarray((k - 1) * m, k * m), u);
      reorthogonalize(us, k, m, u);
      const ak = norm(u);
      alpha[k] = ak;
      if (ak === 0 && k === 0 && !restarted) {
        // The start vector lies in the null space of A: restart from A's largest row instead.
        largestRow(c, start);
        restarted = true;
        break;
      }
      if (ak === 0) {
        stop = true;
        k++;
        break;
      }
      scaleBy(u, 1 / ak);
      // v_{k+1} = Aᵀ u_k − α_k v_k, reorthogonalized against V.
      const v = vs.subarray((k + 1) * n, (k + 2) * n);
      multiplyAt(c, scale, u, v);
      axpy(-ak, vs.subarray(k * n, (k + 1) * n), v);
      reorthogonalize(vs, k + 1, n, v);
      const bk = norm(v);
      beta[k] = bk;
      const sigma = topSingularValue(alpha, beta, k + 1);
      if (sigma > best) best = sigma;
      if (bk === 0) {
        stop = true;
        k++;
        break;
      }
      scaleBy(v, 1 / bk);
      const step = Math.abs(best - prev);
      const rate = prevStep > 0 ? Math.min(step / prevStep, 0.999999) : 1;
      if ((k > 0 || restarted) && step <= tol * best && (step * rate) / (1 - rate) <= tol * best) {
        stop = true;
        k++;
        break;
      }
      if (step > 0) prevStep = step;
      prev = best;
    }
    if (stop || iterations >= maxIt) break;
    // Restart from the top right Ritz vector V_k z (unless the cycle ended before its first step).
    if (k > 0) ritzVector(alpha, beta, k, vs, n, start);
    restarted = true;
  }
  const result = ldexp(best, -e);
  if (!Number.isFinite(result)) {
    throw new LinalgError('NOT_FINITE', 'a', 'the spectral norm exceeds the largest float64 number');
  }
  return result;
}

function multiplyA(c: Matrix, scale: number, v: Float64Array, out: Float64Array): void {
  const data: FloatArray = c.data;
  const n = c.cols;
  for (let i = 0; i < c.rows; i++) {
    const p = c.offset + i * c.rowStride;
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      s0 += (data[p + j] as number) * (v[j] as number);
      s1 += (data[p + j + 1] as number) * (v[j + 1] as number);
    }
    if (j < n) s0 += (data[p + j] as number) * (v[j] as number);
    out[i] = (s0 + s1) * scale;
  }
}

function multiplyAt(c: Matrix, scale: number, u: Float64Array, out: Float64Array): void {
  const data: FloatArray = c.data;
  const n = c.cols;
  out.fill(0);
  for (let i = 0; i < c.rows; i++) {
    const p = c.offset + i * c.rowStride;
    const f = (u[i] as number) * scale;
    if (f === 0) continue;
    for (let j = 0; j < n; j++) out[j] = (out[j] as number) + f * (data[p + j] as number);
  }
}

/** Two passes of classical Gram–Schmidt of `x` against the first `k` rows of `basis`. */
function reorthogonalize(basis: Float64Array, k: number, len: number, x: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < k; r++) {
      const b = basis.subarray(r * len, (r + 1) * len);
      let d = 0;
      for (let j = 0; j < len; j++) d += (b[j] as number) * (x[j] as number);
      if (d !== 0) axpy(-d, b, x);
    }
  }
}

function axpy(f: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < y.length; j++) y[j] = (y[j] as number) + f * (x[j] as number);
}

function scaleBy(x: Float64Array, f: number): void {
  for (let j = 0; j < x.length; j++) x[j] = (x[j] as number) * f;
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j] as number) ** 2;
  return Math.sqrt(s);
}

/** Normalizes `x` into row 0 of `dst`; returns the norm (0 leaves `dst` untouched). */
function normalizeInto(x: Float64Array, dst: Float64Array, row: number, len: number): number {
  const r = norm(x);
  if (r === 0) return 0;
  for (let j = 0; j < len; j++) dst[row * len + j] = (x[j] as number) / r;
  return r;
}

/** Largest singular value of the `k x k` upper bidiagonal with diagonal α and superdiagonal β. */
function topSingularValue(alpha: Float64Array, beta: Float64Array, k: number): number {
  const d = alpha.slice(0, k);
  const e = beta.slice(0, Math.max(0, k - 1));
  bidiagonalSvd(d, e, k, undefined, 0, undefined, 0);
  return d[0] as number;
}

/** `out = V_k z` for the top right singular vector `z` of the `k x k` bidiagonal. */
function ritzVector(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
  vs: Float64Array,
  n: number,
  out: Float64Array,
): void {
  const d = alpha.slice(0, k);
  const e = beta.slice(0, Math.max(0, k - 1));
  const ut = new Float64Array(k * k);
  const vt = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    ut[i * k + i] = 1;
    vt[i * k + i] = 1;
  }
  bidiagonalSvd(d, e, k, ut, k, vt, k);
  out.fill(0);
  for (let r = 0; r < k; r++) axpy(vt[r] as number, vs.subarray(r * n, (r + 1) * n), out);
}

/** Copies the row of `c` with the largest norm into `out`. */
function largestRow(c: Matrix, out: Float64Array): void {
  let bestRow = 0;
  let bestNorm = -1;
  for (let i = 0; i < c.rows; i++) {
    const p = c.offset + i * c.rowStride;
    let s = 0;
    for (let j = 0; j < c.cols; j++) s += (c.data[p + j] as number) ** 2;
    if (s > bestNorm) {
      bestNorm = s;
      bestRow = i;
    }
  }
  const p = c.offset + bestRow * c.rowStride;
  for (let j = 0; j < c.cols; j++) out[j] = c.data[p + j] as number;
}
