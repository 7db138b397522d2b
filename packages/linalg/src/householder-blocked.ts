/**
 * Blocked Householder kernels in compact-WY form (`H₀H₁…H_{b−1} = I − V T Vᵀ`), working on a
 * column-major Float64Array: column `j` of the `m x n` matrix lives at `w[j*m .. j*m + m)`. The
 * level-3 parts run through {@link gemm}. Internal: trusts its caller.
 */
import { gemm } from './gemm';
import { makeReflector } from './householder';
import type { Matrix } from './matrix';

/** Row-major view helper (contiguous rows, `colStride = 1`). */
export function rowMajor(
  data: Float64Array,
  rows: number,
  cols: number,
  offset = 0,
  rowStride = cols,
): Matrix<Float64Array> {
  return { data, rows, cols, offset, rowStride, colStride: 1 };
}

/** Default panel width of the blocked factorizations. */
export const QR_BLOCK = 32;

/** Scratch buffers shared by the blocked steps of one factorization. */
export interface WyWorkspace {
  /** `b x len` copy of the block's reflectors, explicit ones and zeros. */
  vt: Float64Array;
  /** `rows x b` product of the trailing matrix with the reflectors. */
  y: Float64Array;
}

/** Allocates scratch for panels of width `nb` over vectors of length `m` and `rows` targets. */
export function wyWorkspace(nb: number, m: number, rows: number): WyWorkspace {
  return { vt: new Float64Array(nb * m), y: new Float64Array(Math.max(1, rows) * nb) };
}

/**
 * Unblocked QR of the panel: columns `k .. k+bs` of the column-major `w` (`m` rows), rows `k..`.
 * Reflector `j` replaces column `j` below the diagonal; `tau[j]` receives its scale.
 */
export function factorPanel(w: Float64Array, m: number, k: number, bs: number, tau: Float64Array): void {
  for (let j = k; j < k + bs; j++) {
    const cj = j * m;
    const t = makeReflector(w, cj + j, m - j);
    tau[j] = t;
    if (t === 0) continue;
    for (let r = j + 1; r < k + bs; r++) {
      const cr = r * m;
      let dot = w[cr + j] as number;
      for (let i = j + 1; i < m; i++) dot += (w[cr + i] as number) * (w[cj + i] as number);
      const s = t * dot;
      w[cr + j] = (w[cr + j] as number) - s;
      for (let i = j + 1; i < m; i++) w[cr + i] = (w[cr + i] as number) - s * (w[cj + i] as number);
    }
  }
}

/**
 * Copies reflectors `k .. k+bs` (stored in columns of `w`) into `vt` as a row-major
 * `bs x (m − k)` block with the implicit unit diagonal and zeros above it made explicit.
 */
export function loadReflectors(w: Float64Array, m: number, k: number, bs: number, vt: Float64Array): void {
  const len = m - k;
  for (let t = 0; t < bs; t++) {
    const src = (k + t) * m + k;
    const dst = t * len;
    for (let i = 0; i < t; i++) vt[dst + i] = 0;
    vt[dst + t] = 1;
    for (let i = t + 1; i < len; i++) vt[dst + i] = w[src + i] as number;
  }
}

/**
 * Forms the upper-triangular `T` (`bs x bs`, row-major, at `tm[to ..]`) with
 * `H_k … H_{k+bs−1} = I − V T Vᵀ`:  `T_ii = τ_i`, `T_{0:i,i} = −τ_i T_{0:i,0:i} (V_{:,0:i}ᵀ v_i)`.
 */
export function formT(
  vt: Float64Array,
  len: number,
  bs: number,
  tau: Float64Array,
  k: number,
  tm: Float64Array,
  to: number,
): void {
  for (let i = 0; i < bs; i++) {
    const ti = tau[k + i] as number;
    for (let r = 0; r < bs; r++) tm[to + r * bs + i] = 0;
    tm[to + i * bs + i] = ti;
    if (ti === 0 || i === 0) continue;
    const vi = i * len;
    // z_r = v_r · v_i for r < i (v_i is zero before index i).
    for (let r = 0; r < i; r++) {
      const vr = r * len;
      let z = 0;
      for (let p = i; p < len; p++) z += (vt[vr + p] as number) * (vt[vi + p] as number);
      tm[to + r * bs + i] = z;
    }
    // T_{0:i,i} = −τ_i T_{0:i,0:i} z, top to bottom (T is upper triangular).
    for (let r = 0; r < i; r++) {
      let s = 0;
      for (let c = r; c < i; c++) s += (tm[to + r * bs + c] as number) * (tm[to + c * bs + i] as number);
      tm[to + r * bs + i] = -ti * s;
    }
  }
}

/**
 * Applies the block reflector to the rows of `ct` (each row is one target vector of length
 * `len`): `ct ← ct − (ct Vᵀ) op(T) V` where `op(T) = T` applies `Hᵀ = I − V Tᵀ Vᵀ` to the
 * targets (the factorization) and `op(T) = Tᵀ` applies `H = I − V T Vᵀ` (building Q).
 */
export function applyBlockReflector(
  ct: Matrix<Float64Array>,
  vt: Float64Array,
  bs: number,
  tm: Float64Array,
  to: number,
  transposeT: boolean,
  ws: WyWorkspace,
): void {
  const rows = ct.rows;
  if (rows === 0 || bs === 0) return;
  const len = ct.cols;
  const vtm = rowMajor(vt, bs, len);
  const y = ws.y;
  const ym = rowMajor(y, rows, bs);
  gemm(1, ct, vtm, 0, ym, { transB: true });
  // y ← y op(T), row by row, in place.
  if (transposeT) {
    // new y_j = Σ_{i ≥ j} y_i T_{j i}
    for (let r = 0; r < rows; r++) {
      const yr = r * bs;
      for (let j = 0; j < bs; j++) {
        let s = 0;
        for (let i = j; i < bs; i++) s += (y[yr + i] as number) * (tm[to + j * bs + i] as number);
        y[yr + j] = s;
      }
    }
  } else {
    // new y_j = Σ_{i ≤ j} y_i T_{i j}
    for (let r = 0; r < rows; r++) {
      const yr = r * bs;
      for (let j = bs - 1; j >= 0; j--) {
        let s = 0;
        for (let i = 0; i <= j; i++) s += (y[yr + i] as number) * (tm[to + i * bs + j] as number);
        y[yr + j] = s;
      }
    }
  }
  gemm(-1, ym, vtm, 1, ct);
}

/**
 * Blocked Householder QR of the column-major `m x n` matrix in `w`, in place: R on and above the
 * diagonal, reflectors below. Returns `tau` (length `min(m, n)`).
 */
export function householderQr(w: Float64Array, m: number, n: number, nb = QR_BLOCK): Float64Array {
  const kmax = Math.min(m, n);
  const tau = new Float64Array(kmax);
  const tm = new Float64Array(nb * nb);
  const ws = wyWorkspace(nb, m, n);
  for (let k = 0; k < kmax; k += nb) {
    const bs = Math.min(nb, kmax - k);
    factorPanel(w, m, k, bs, tau);
    const len = m - k;
    loadReflectors(w, m, k, bs, ws.vt);
    formT(ws.vt, len, bs, tau, k, tm, 0);
    const trailing = n - k - bs;
    if (trailing > 0) {
      const ct = rowMajor(w, trailing, len, (k + bs) * m + k, m);
      applyBlockReflector(ct, ws.vt, bs, tm, 0, false, ws);
    }
  }
  return tau;
}

/**
 * Builds `Qᵀ` (`ncols x m`, row-major; row `j` is column `j` of Q) from the reflectors in the
 * column-major `w` (`m` rows, `kmax` reflectors). `out` may be `w` itself when `ncols = kmax`
 * (the reflectors are consumed block by block, last block first).
 */
export function formQt(
  w: Float64Array,
  m: number,
  kmax: number,
  tau: Float64Array,
  nb: number,
  out: Float64Array,
  ncols: number,
): void {
  const tm = new Float64Array(nb * nb);
  for (let r = kmax; r < ncols; r++) {
    const base = r * m;
    out.fill(0, base, base + m);
    out[base + r] = 1;
  }
  const ws = wyWorkspace(nb, m, ncols);
  const blocks = Math.ceil(kmax / nb);
  for (let blk = blocks - 1; blk >= 0; blk--) {
    const k = blk * nb;
    const bs = Math.min(nb, kmax - k);
    const len = m - k;
    loadReflectors(w, m, k, bs, ws.vt);
    formT(ws.vt, len, bs, tau, k, tm, 0);
    for (let r = k; r < k + bs; r++) {
      const base = r * m;
      out.fill(0, base, base + m);
      out[base + r] = 1;
    }
    const ct = rowMajor(out, ncols - k, len, k * m + k, m);
    applyBlockReflector(ct, ws.vt, bs, tm, 0, true, ws);
  }
}
