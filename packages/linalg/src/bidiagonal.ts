/**
 * Householder bidiagonalization `A = U_B B V_Bᵀ` of a row-major `m x n` float64 matrix with
 * `m ≥ n` (Golub–Kahan). Internal: trusts its caller.
 */

import { gemm } from './gemm';
import { makeReflector } from './householder';
import { formQt, QR_BLOCK, rowMajor } from './householder-blocked';

/** Upper bidiagonal factor: `d` (diagonal, length n) and `e` (superdiagonal, length n − 1). */
export interface Bidiagonal {
  d: Float64Array;
  e: Float64Array;
  /** Scales of the left reflectors (stored in the columns of the work matrix below the diagonal). */
  tauLeft: Float64Array;
  /** Scales of the right reflectors (stored in the rows right of the superdiagonal). */
  tauRight: Float64Array;
}

/** Panel width of the blocked reduction. */
const BRD_BLOCK = 32;
/** Below this many remaining columns the reduction finishes unblocked. */
const BRD_CROSSOVER = 96;

/**
 * Reduces the row-major `m x n` matrix `a` (`m ≥ n`) to upper bidiagonal form in place,
 * alternating a left reflector (zeroing column k below the diagonal) and a right reflector
 * (zeroing row k right of the superdiagonal). Blocked as in LAPACK's `dgebrd`: each panel of
 * 32 columns and rows is reduced with matrix-vector products against the not-yet-updated
 * trailing matrix, then the trailing matrix gets one rank-64 update through {@link gemm}, so
 * half of the `4mn² − 4n³/3` flops run in GEMM.
 */
export function bidiagonalize(a: Float64Array, m: number, n: number): Bidiagonal {
  const out: Bidiagonal = {
    d: new Float64Array(n),
    e: new Float64Array(Math.max(0, n - 1)),
    tauLeft: new Float64Array(n),
    tauRight: new Float64Array(Math.max(0, n - 1)),
  };
  const nb = BRD_BLOCK;
  let k = 0;
  if (n - k > BRD_CROSSOVER) {
    const x = new Float64Array(m * nb);
    const y = new Float64Array(n * nb);
    const scratch = new Float64Array(Math.max(m, n) * 2 + 4 * nb);
    for (; n - k > BRD_CROSSOVER; k += nb) {
      reducePanel(a, m, n, k, nb, x, y, scratch, out);
      const rows = m - k - nb;
      const cols = n - k - nb;
      // A22 ← A22 − V Yᵀ − X U
      const a22 = rowMajor(a, rows, cols, (k + nb) * n + k + nb, n);
      gemm(-1, rowMajor(a, rows, nb, (k + nb) * n + k, n), rowMajor(y, cols, nb, nb * nb, nb), 1, a22, {
        transB: true,
      });
      gemm(-1, rowMajor(x, rows, nb, nb * nb, nb), rowMajor(a, nb, cols, k * n + k + nb, n), 1, a22);
    }
  }
  reduceUnblocked(a, m, n, k, out);
  return out;
}

/**
 * Reduces rows and columns `k .. k+nb` of `a` (LAPACK `dlabrd`), leaving the trailing matrix
 * un-updated and returning the factors of its update in `x` (`(m−k) x nb`, row-major) and `y`
 * (`(n−k) x nb`): `A22 ← A22 − V Yᵀ − X U`. The unit entries of the reflectors are stored in `a`
 * (A(i, i) = 1 and A(i, i+1) = 1) so that V and U can be used as views; `d` and `e` hold the
 * bidiagonal.
 */
function reducePanel(
  a: Float64Array,
  m: number,
  n: number,
  k: number,
  nb: number,
  x: Float64Array,
  y: Float64Array,
  scratch: Float64Array,
  out: Bidiagonal,
): void {
  const M = m - k;
  const N = n - k;
  const base = k * n + k;
  // Scratch: v (length M), big (length max(M, N)), t1, t2 (length nb each).
  const v = scratch.subarray(0, M);
  const big = scratch.subarray(M, M + Math.max(M, N));
  const t1 = scratch.subarray(M + Math.max(M, N), M + Math.max(M, N) + nb);
  const t2 = scratch.subarray(M + Math.max(M, N) + nb, M + Math.max(M, N) + 2 * nb);
  const { d, e, tauLeft, tauRight } = out;
  for (let i = 0; i < nb; i++) {
    // (1) Column i, rows i..M-1: A(:, i) −= A(:, 0:i) Y(i, 0:i)ᵀ + X(:, 0:i) A(0:i, i).
    for (let j = 0; j < i; j++) t1[j] = a[base + j * n + i] as number;
    const yi = i * nb;
    for (let r = i; r < M; r++) {
      const ar = base + r * n;
      const xr = r * nb;
      let s = 0;
      for (let j = 0; j < i; j++)
        s += (a[ar + j] as number) * (y[yi + j] as number) + (x[xr + j] as number) * (t1[j] as number);
      v[r - i] = (a[ar + i] as number) - s;
    }
    // (2) Left reflector from v.
    const tq = makeReflector(v, 0, M - i);
    tauLeft[k + i] = tq;
    d[k + i] = v[0] as number;
    v[0] = 1;
    for (let r = i; r < M; r++) a[base + r * n + i] = v[r - i] as number;
    if (i + 1 >= N) {
      for (let c = 0; c < N; c++) y[c * nb + i] = 0;
      for (let r = 0; r < M; r++) x[r * nb + i] = 0;
      continue;
    }
    // (3) Y(i+1:N, i) = τq (A(i:M, i+1:N)ᵀ v − Y(i+1:N, 0:i) (A(i:M, 0:i)ᵀ v) − A(0:i, i+1:N)ᵀ (X(i:M, 0:i)ᵀ v)).
    big.fill(0, i + 1, N);
    t1.fill(0, 0, i);
    t2.fill(0, 0, i);
    for (let r = i; r < M; r++) {
      const s = v[r - i] as number;
      if (s === 0) continue;
      const ar = base + r * n;
      const xr = r * nb;
      for (let j = 0; j < i; j++) {
        t1[j] = (t1[j] as number) + s * (a[ar + j] as number);
        t2[j] = (t2[j] as number) + s * (x[xr + j] as number);
      }
      for (let c = i + 1; c < N; c++) big[c] = (big[c] as number) + s * (a[ar + c] as number);
    }
    for (let j = 0; j < i; j++) {
      const uj = base + j * n;
      const t2j = t2[j] as number;
      for (let c = i + 1; c < N; c++) big[c] = (big[c] as number) - t2j * (a[uj + c] as number);
    }
    for (let c = 0; c <= i; c++) y[c * nb + i] = 0;
    for (let c = i + 1; c < N; c++) {
      const yc = c * nb;
      let s = big[c] as number;
      for (let j = 0; j < i; j++) s -= (y[yc + j] as number) * (t1[j] as number);
      y[yc + i] = tq * s;
    }
    // (4) Row i, columns i+1..N-1: A(i, :) −= A(i, 0:i+1) Y(:, 0:i+1)ᵀ + X(i, 0:i) A(0:i, :).
    const ai = base + i * n;
    for (let j = 0; j <= i; j++) t1[j] = a[ai + j] as number;
    const xi = i * nb;
    for (let c = i + 1; c < N; c++) {
      const yc = c * nb;
      let s = 0;
      for (let j = 0; j <= i; j++) s += (t1[j] as number) * (y[yc + j] as number);
      a[ai + c] = (a[ai + c] as number) - s;
    }
    for (let j = 0; j < i; j++) {
      const xij = x[xi + j] as number;
      if (xij === 0) continue;
      const uj = base + j * n;
      for (let c = i + 1; c < N; c++) a[ai + c] = (a[ai + c] as number) - xij * (a[uj + c] as number);
    }
    // (5) Right reflector from row i, columns i+1..N-1 (in place).
    const tp = makeReflector(a, ai + i + 1, N - i - 1);
    tauRight[k + i] = tp;
    e[k + i] = a[ai + i + 1] as number;
    a[ai + i + 1] = 1;
    // (6) X(i+1:M, i) = τp (A(i+1:M, i+1:N) u − A(i+1:M, 0:i+1) (Y(i+1:N, 0:i+1)ᵀ u) − X(i+1:M, 0:i) (A(0:i, i+1:N) u)).
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let c = i + 1; c < N; c++) s += (y[c * nb + j] as number) * (a[ai + c] as number);
      t1[j] = s;
    }
    for (let j = 0; j < i; j++) {
      const uj = base + j * n;
      let s = 0;
      for (let c = i + 1; c < N; c++) s += (a[uj + c] as number) * (a[ai + c] as number);
      t2[j] = s;
    }
    for (let r = 0; r <= i; r++) x[r * nb + i] = 0;
    for (let r = i + 1; r < M; r++) {
      const ar = base + r * n;
      const xr = r * nb;
      let s0 = 0;
      let s1 = 0;
      let c = i + 1;
      for (; c + 1 < N; c += 2) {
        s0 += (a[ar + c] as number) * (a[ai + c] as number);
        s1 += (a[ar + c + 1] as number) * (a[ai + c + 1] as number);
      }
      if (c < N) s0 += (a[ar + c] as number) * (a[ai + c] as number);
      let s = s0 + s1;
      for (let j = 0; j <= i; j++) s -= (a[ar + j] as number) * (t1[j] as number);
      for (let j = 0; j < i; j++) s -= (x[xr + j] as number) * (t2[j] as number);
      x[xr + i] = tp * s;
    }
  }
}

/** Unblocked reduction of rows and columns `k0..` (all earlier ones already reduced). */
function reduceUnblocked(a: Float64Array, m: number, n: number, k0: number, out: Bidiagonal): void {
  const { d, e, tauLeft, tauRight } = out;
  const u = new Float64Array(m);
  const w = new Float64Array(n);
  for (let k = k0; k < n; k++) {
    // Left reflector from column k, rows k..m-1.
    const len = m - k;
    for (let i = 0; i < len; i++) u[i] = a[(k + i) * n + k] as number;
    const tl = makeReflector(u, 0, len);
    tauLeft[k] = tl;
    d[k] = u[0] as number;
    a[k * n + k] = u[0] as number;
    for (let i = 1; i < len; i++) a[(k + i) * n + k] = u[i] as number;
    if (tl !== 0 && k + 1 < n) {
      // w = uᵀ A[k:, k+1:]
      w.fill(0, k + 1, n);
      for (let i = 0; i < len; i++) {
        const ui = i === 0 ? 1 : (u[i] as number);
        const row = (k + i) * n;
        for (let j = k + 1; j < n; j++) w[j] = (w[j] as number) + ui * (a[row + j] as number);
      }
      for (let i = 0; i < len; i++) {
        const s = tl * (i === 0 ? 1 : (u[i] as number));
        const row = (k + i) * n;
        for (let j = k + 1; j < n; j++) a[row + j] = (a[row + j] as number) - s * (w[j] as number);
      }
    }
    if (k + 1 >= n) continue;
    // Right reflector from row k, columns k+1..n-1 (in place).
    const rk = k * n;
    const tr = makeReflector(a, rk + k + 1, n - k - 1);
    tauRight[k] = tr;
    e[k] = a[rk + k + 1] as number;
    if (tr === 0) continue;
    for (let i = k + 1; i < m; i++) {
      const row = i * n;
      let s = a[row + k + 1] as number;
      for (let j = k + 2; j < n; j++) s += (a[row + j] as number) * (a[rk + j] as number);
      s *= tr;
      a[row + k + 1] = (a[row + k + 1] as number) - s;
      for (let j = k + 2; j < n; j++) a[row + j] = (a[row + j] as number) - s * (a[rk + j] as number);
    }
  }
}

/** Builds `U_Bᵀ` (`n x m`, row j = column j of U_B) from the left reflectors left in `a`. */
export function formLeftT(a: Float64Array, m: number, n: number, tau: Float64Array): Float64Array {
  // Column-major copy of the reflector columns: column k at w[k*m ..].
  const w = new Float64Array(n * m);
  for (let k = 0; k < n; k++) for (let i = k + 1; i < m; i++) w[k * m + i] = a[i * n + k] as number;
  formQt(w, m, n, tau, QR_BLOCK, w, n);
  return w;
}

/** Builds `V_Bᵀ` (`n x n`) from the right reflectors left in the rows of `a`. */
export function formRightT(a: Float64Array, n: number, tau: Float64Array): Float64Array {
  const out = new Float64Array(n * n);
  if (n === 0) return out;
  out[0] = 1;
  const p = n - 1;
  if (p === 0) return out;
  // Reflector k acts on indices k+1..n-1: as a QR of order p, it is reflector k at index k.
  const w = new Float64Array(p * p);
  for (let k = 0; k < p - 1; k++) for (let j = k + 2; j < n; j++) w[k * p + (j - 1)] = a[k * n + j] as number;
  const kmax = Math.max(0, p - 1);
  const qt = new Float64Array(p * p);
  formQt(w, p, kmax, tau.subarray(0, kmax), QR_BLOCK, qt, p);
  for (let r = 0; r < p; r++) out.set(qt.subarray(r * p, r * p + p), (r + 1) * n + 1);
  return out;
}
