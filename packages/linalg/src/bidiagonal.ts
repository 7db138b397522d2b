/**
 * Householder bidiagonalization `A = U_B B V_Bᵀ` of a row-major `m x n` float64 matrix with
 * `m ≥ n` (Golub–Kahan). Internal: trusts its caller.
 */

import { makeReflector } from './householder';
import { formQt, QR_BLOCK } from './householder-blocked';

/** Upper bidiagonal factor: `d` (diagonal, length n) and `e` (superdiagonal, length n − 1). */
export interface Bidiagonal {
  d: Float64Array;
  e: Float64Array;
  /** Scales of the left reflectors (stored in the columns of the work matrix below the diagonal). */
  tauLeft: Float64Array;
  /** Scales of the right reflectors (stored in the rows right of the superdiagonal). */
  tauRight: Float64Array;
}

/**
 * Reduces the row-major `m x n` matrix `a` (`m ≥ n`) to upper bidiagonal form in place,
 * alternating a left reflector (zeroing column k below the diagonal) and a right reflector
 * (zeroing row k right of the superdiagonal). Cost `4mn² − 4n³/3` flops.
 */
export function bidiagonalize(a: Float64Array, m: number, n: number): Bidiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const tauLeft = new Float64Array(n);
  const tauRight = new Float64Array(Math.max(0, n - 1));
  const u = new Float64Array(m);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
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
        const ui = (i === 0 ? 1 : (u[i] as number)) as number;
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
  return { d, e, tauLeft, tauRight };
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
