/**
 * Singular values (and optionally vectors) of an upper bidiagonal matrix by implicit-shift QR
 * (Golub–Kahan SVD steps with a Wilkinson shift, and rotations that deflate zero diagonal
 * entries). Internal: trusts its caller.
 */
import { LinalgError } from './errors';
import { EPSILON_F64 } from './float-input';

/** Rotates rows `i` and `j` (length `len`) of `buf`: `rᵢ ← c rᵢ + s rⱼ`, `rⱼ ← −s rᵢ + c rⱼ`. */
function rotateRows(buf: Float64Array, len: number, i: number, j: number, c: number, s: number): void {
  const bi = i * len;
  const bj = j * len;
  for (let t = 0; t < len; t++) {
    const x = buf[bi + t] as number;
    const y = buf[bj + t] as number;
    buf[bi + t] = c * x + s * y;
    buf[bj + t] = c * y - s * x;
  }
}

function swapRows(buf: Float64Array, len: number, i: number, j: number): void {
  const bi = i * len;
  const bj = j * len;
  for (let t = 0; t < len; t++) {
    const x = buf[bi + t] as number;
    buf[bi + t] = buf[bj + t] as number;
    buf[bj + t] = x;
  }
}

/**
 * Diagonalizes the `n x n` upper bidiagonal `B` (`d`, `e`) in place: on return `d` holds the
 * singular values in descending order. When given, the rows of `ut` (`n x uLen`, row `j` is a
 * left vector) and `vt` (`n x vLen`, row `j` a right vector) receive the same rotations and
 * permutation: if `A = utᵀ B vt` on entry, then `A = utᵀ diag(d) vt` on return.
 */
export function bidiagonalSvd(
  d: Float64Array,
  e: Float64Array,
  n: number,
  ut: Float64Array | undefined,
  uLen: number,
  vt: Float64Array | undefined,
  vLen: number,
): void {
  const eps = EPSILON_F64;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i] as number));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(e[i] as number));
  if (scale > 0) {
    const inv = 1 / scale;
    for (let i = 0; i < n; i++) d[i] = (d[i] as number) * inv;
    for (let i = 0; i < n - 1; i++) e[i] = (e[i] as number) * inv;
    // Entries below eps·‖B‖ are set to zero (a backward perturbation of that size).
    const small = eps;
    const tiny = eps * eps;
    for (let i = 0; i < n; i++) if (Math.abs(d[i] as number) <= small * 0.5) d[i] = 0;
    let hi = n - 1;
    let steps = 0;
    const maxSteps = 60 * n + 60;
    while (hi > 0) {
      // Deflate negligible superdiagonal entries.
      for (let i = 0; i < hi; i++) {
        const ei = Math.abs(e[i] as number);
        if (ei <= eps * (Math.abs(d[i] as number) + Math.abs(d[i + 1] as number)) || ei <= tiny) e[i] = 0;
      }
      if (e[hi - 1] === 0) {
        hi--;
        continue;
      }
      let lo = hi - 1;
      while (lo > 0 && e[lo - 1] !== 0) lo--;
      if (++steps > maxSteps) {
        throw new LinalgError('NOT_CONVERGED', 'a', `bidiagonal QR did not converge in ${maxSteps} steps`);
      }
      // A zero diagonal entry inside the block: rotate its superdiagonal entry away.
      let zeroAt = -1;
      for (let i = lo; i <= hi; i++) {
        if (Math.abs(d[i] as number) <= small * 0.5) {
          d[i] = 0;
          zeroAt = i;
          break;
        }
      }
      if (zeroAt >= 0 && zeroAt < hi) {
        const i = zeroAt;
        let bulge = e[i] as number;
        e[i] = 0;
        for (let j = i + 1; j <= hi; j++) {
          const dj = d[j] as number;
          const r = Math.hypot(dj, bulge);
          const c = r === 0 ? 1 : dj / r;
          const s = r === 0 ? 0 : bulge / r;
          d[j] = r;
          if (j < hi) {
            const ej = e[j] as number;
            bulge = -s * ej;
            e[j] = c * ej;
          }
          if (ut) rotateRows(ut, uLen, j, i, c, s);
        }
        continue;
      }
      if (zeroAt === hi) {
        let bulge = e[hi - 1] as number;
        e[hi - 1] = 0;
        for (let j = hi - 1; j >= lo; j--) {
          const dj = d[j] as number;
          const r = Math.hypot(dj, bulge);
          const c = r === 0 ? 1 : dj / r;
          const s = r === 0 ? 0 : bulge / r;
          d[j] = r;
          if (j > lo) {
            const ej = e[j - 1] as number;
            bulge = -s * ej;
            e[j - 1] = c * ej;
          }
          if (vt) rotateRows(vt, vLen, j, hi, c, s);
        }
        continue;
      }
      // Wilkinson shift from the trailing 2 x 2 block of BᵀB.
      const dm = d[hi - 1] as number;
      const dn = d[hi] as number;
      const fn = e[hi - 1] as number;
      const fm = hi - 1 > lo ? (e[hi - 2] as number) : 0;
      const t11 = dm * dm + fm * fm;
      const t12 = dm * fn;
      const t22 = dn * dn + fn * fn;
      const delta = (t11 - t22) / 2;
      let mu: number;
      if (t12 === 0) mu = t22;
      else {
        const root = Math.hypot(delta, t12);
        mu = t22 - (t12 * t12) / (delta + (delta >= 0 ? root : -root));
      }
      let y = (d[lo] as number) * (d[lo] as number) - mu;
      let z = (d[lo] as number) * (e[lo] as number);
      for (let k = lo; k < hi; k++) {
        // Right rotation on columns k, k+1.
        let r = Math.hypot(y, z);
        let c = r === 0 ? 1 : y / r;
        let s = r === 0 ? 0 : z / r;
        if (k > lo) e[k - 1] = r;
        const dk = d[k] as number;
        const ek = e[k] as number;
        const dk1 = d[k + 1] as number;
        d[k] = c * dk + s * ek;
        e[k] = c * ek - s * dk;
        const bulge = s * dk1;
        d[k + 1] = c * dk1;
        if (vt) rotateRows(vt, vLen, k, k + 1, c, s);
        // Left rotation on rows k, k+1.
        const dk2 = d[k] as number;
        r = Math.hypot(dk2, bulge);
        c = r === 0 ? 1 : dk2 / r;
        s = r === 0 ? 0 : bulge / r;
        d[k] = r;
        const ek2 = e[k] as number;
        const dk3 = d[k + 1] as number;
        e[k] = c * ek2 + s * dk3;
        d[k + 1] = c * dk3 - s * ek2;
        if (k < hi - 1) {
          const en = e[k + 1] as number;
          y = e[k] as number;
          z = s * en;
          e[k + 1] = c * en;
        }
        if (ut) rotateRows(ut, uLen, k, k + 1, c, s);
      }
    }
    for (let i = 0; i < n; i++) d[i] = (d[i] as number) * scale;
  }
  // Non-negative values, then descending order (selection sort: n swaps at most).
  for (let i = 0; i < n; i++) {
    if ((d[i] as number) < 0) {
      d[i] = -(d[i] as number);
      if (vt) {
        const b = i * vLen;
        for (let t = 0; t < vLen; t++) vt[b + t] = -(vt[b + t] as number);
      }
    }
  }
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if ((d[j] as number) > (d[best] as number)) best = j;
    if (best !== i) {
      const t = d[i] as number;
      d[i] = d[best] as number;
      d[best] = t;
      if (ut) swapRows(ut, uLen, i, best);
      if (vt) swapRows(vt, vLen, i, best);
    }
  }
}
