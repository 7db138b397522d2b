/**
 * Two-stage reduction to bidiagonal form for singular values only: (1) dense `m x n` (`m ≥ n`)
 * to upper band form of bandwidth `b` by alternating blocked QR and LQ panels, all trailing work
 * in {@link gemm}; (2) band to bidiagonal by Givens rotations that chase each bulge off the end
 * of the band (Schwarz's scheme). Stage 2 costs about `6bn²` flops, so nearly all of the
 * `O(mn²)` work runs in GEMM. Internal: trusts its caller.
 */
import { gemm } from './gemm';
import {
  applyBlockReflector,
  factorPanel,
  formT,
  householderQr,
  loadReflectors,
  rowMajor,
  type WyWorkspace,
  wyWorkspace,
} from './householder-blocked';

/** Band width (and panel width) of the two-stage reduction. */
export const BAND_WIDTH = 32;

/**
 * Reduces the column-major `m x n` array `w` (`m ≥ n`, column `j` at `w[j*m ..]`) in place so that
 * its leading `n x n` part is upper banded: entries `(i, j)` with `j < i` or `j > i + b` are zero
 * (those below the diagonal are left holding reflectors and must be ignored).
 */
export function reduceToBand(w: Float64Array, m: number, n: number, b: number): void {
  const ws = wyWorkspace(b, m, Math.max(m, n), w);
  const tau = new Float64Array(n);
  const p = new Float64Array(n * b);
  for (let k = 0; k < n; k += b) {
    const bs = Math.min(b, n - k);
    // QR of columns k..k+bs (rows k..), applied to the columns on the right.
    factorPanel(w, m, k, bs, tau, ws);
    const trailing = n - k - bs;
    if (trailing === 0) break;
    loadReflectors(w, m, k, bs, ws.vt);
    formT(ws, m - k, bs, tau, k);
    applyBlockReflector(rowMajor(w, trailing, m - k, (k + bs) * m + k, m), ws, bs, false);
    // LQ of rows k..k+bs over columns k+bs..n: QR of the transposed panel P (trailing x bs).
    const len = trailing;
    for (let t = 0; t < bs; t++) {
      for (let j = 0; j < len; j++) p[t * len + j] = w[(k + bs + j) * m + k + t] as number;
    }
    const tauP = householderQr(p, len, bs, b);
    for (let t = 0; t < bs; t++) {
      for (let j = 0; j < len; j++) w[(k + bs + j) * m + k + t] = j <= t ? (p[t * len + j] as number) : 0;
    }
    // Rows k+bs..m of A times Q_P: the targets are A's rows, i.e. the columns of X (len x rows).
    const rows = m - k - bs;
    const kk = Math.min(len, bs);
    if (rows > 0 && kk > 0) {
      loadReflectors(p, len, 0, kk, ws.vt);
      formT(ws, len, kk, tauP, 0);
      applyRight(rowMajor(w, len, rows, (k + bs) * m + k + bs, m), ws, kk);
    }
  }
}

/** `X ← X − ((Xᵀ Vᵀ) T V)ᵀ`: applies `Hᵀ = I − V Tᵀ Vᵀ` to every column of `x`. */
function applyRight(x: ReturnType<typeof rowMajor<Float64Array>>, ws: WyWorkspace, bs: number): void {
  const len = x.rows;
  const targets = x.cols;
  const vtm = rowMajor(ws.vt, bs, len);
  const wtm = rowMajor(ws.wt, bs, len);
  const ym = rowMajor(ws.y, targets, bs);
  gemm(1, rowMajor(ws.t, bs, bs), vtm, 0, wtm);
  gemm(1, x, vtm, 0, ym, { transA: true, transB: true });
  gemm(-1, wtm, ym, 1, x, { transA: true, transB: true });
}

/**
 * Copies the upper band (bandwidth `b`) of the leading `n x n` part of the column-major `w`
 * (`m` rows) into band storage: row `i` holds columns `i − 1 .. i + b + 1` (one slot on each side
 * for the bulges of stage 2) at `band[i * (b + 3) + (j − i + 1)]`.
 */
export function extractBand(w: Float64Array, m: number, n: number, b: number): Float64Array {
  const width = b + 3;
  const band = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const top = Math.min(n - 1, i + b);
    for (let j = i; j <= top; j++) band[i * width + (j - i + 1)] = w[j * m + i] as number;
  }
  return band;
}

/**
 * Reduces an upper band matrix (band storage of {@link extractBand}) to upper bidiagonal form by
 * Givens rotations, returning the diagonal `d` and superdiagonal `e`. The transformations are
 * orthogonal on both sides, so the singular values are preserved.
 */
export function bandToBidiagonal(
  band: Float64Array,
  n: number,
  b: number,
): { d: Float64Array; e: Float64Array } {
  const W = b + 3;
  // Index of entry (r, c), valid for c − r in [−1, b + 1].
  const at = (r: number, c: number): number => r * W + (c - r + 1);
  for (let i = 0; i + 2 < n; i++) {
    for (let j = Math.min(i + b, n - 1); j >= i + 2; j--) {
      const z = band[at(i, j)] as number;
      if (z === 0) continue;
      // Right rotation of columns (j−1, j) zeroing (i, j) against (i, j−1).
      let x = band[at(i, j - 1)] as number;
      let r = Math.hypot(x, z);
      let c = x / r;
      let s = z / r;
      band[at(i, j - 1)] = r;
      band[at(i, j)] = 0;
      rotateColumns(band, W, i + 1, j, j, c, s);
      // Chase the bulge at (col, col−1) down the band.
      let col = j;
      for (;;) {
        // Left rotation of rows (col−1, col) zeroing (col, col−1) against (col−1, col−1).
        x = band[at(col - 1, col - 1)] as number;
        const y = band[at(col, col - 1)] as number;
        if (y === 0) break;
        r = Math.hypot(x, y);
        c = x / r;
        s = y / r;
        band[at(col - 1, col - 1)] = r;
        band[at(col, col - 1)] = 0;
        const last = Math.min(n - 1, col + b);
        const r0 = (col - 1) * W - (col - 1) + 1;
        const r1 = col * W - col + 1;
        for (let cc = col; cc <= last; cc++) {
          const u = band[r0 + cc] as number;
          const v = band[r1 + cc] as number;
          band[r0 + cc] = c * u + s * v;
          band[r1 + cc] = c * v - s * u;
        }
        const p = col + b;
        if (p > n - 1) break;
        // The fill at (col−1, p): right rotation of columns (p−1, p) against (col−1, p−1).
        const f = band[at(col - 1, p)] as number;
        if (f === 0) break;
        x = band[at(col - 1, p - 1)] as number;
        r = Math.hypot(x, f);
        c = x / r;
        s = f / r;
        band[at(col - 1, p - 1)] = r;
        band[at(col - 1, p)] = 0;
        rotateColumns(band, W, col, p, p, c, s);
        col = p;
      }
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  for (let i = 0; i < n; i++) {
    d[i] = band[at(i, i)] as number;
    if (i + 1 < n) e[i] = band[at(i, i + 1)] as number;
  }
  return { d, e };
}

/**
 * Rotates columns `(p − 1, p)` of the band in rows `first .. last`:
 * `x ← c x + s y`, `y ← c y − s x` for `x = (r, p−1)`, `y = (r, p)`.
 */
function rotateColumns(
  band: Float64Array,
  W: number,
  first: number,
  last: number,
  p: number,
  c: number,
  s: number,
): void {
  for (let r = first; r <= last; r++) {
    const o = r * W + (p - r + 1);
    const x = band[o - 1] as number;
    const y = band[o] as number;
    band[o - 1] = c * x + s * y;
    band[o] = c * y - s * x;
  }
}
