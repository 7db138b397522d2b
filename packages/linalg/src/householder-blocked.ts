/**
 * Blocked Householder kernels in compact-WY form (`H₀H₁…H_{b−1} = I − V T Vᵀ`), working on a
 * column-major typed array (float64, or float32 for the fast path): column `j` of the `m x n`
 * matrix lives at `w[j*m .. j*m + m)`. The level-3 parts run through {@link gemm}. Internal:
 * trusts its caller.
 */
import { gemm } from './gemm';
import {
  RESIDENT_MR,
  RESIDENT_NR,
  RESIDENT_PACK_LENGTHS,
  type ResidentPack,
  residentGemm,
} from './gemm-resident';
import { makeReflector } from './householder';
import type { FloatArray, Matrix } from './matrix';

/** A row-major view of `data` (contiguous rows, `colStride = 1`). */
export function rowMajor<T extends FloatArray>(
  data: T,
  rows: number,
  cols: number,
  offset = 0,
  rowStride = cols,
): Matrix<T> {
  return { data, rows, cols, offset, rowStride, colStride: 1 };
}

/** Default panel width of the blocked factorizations. */
export const QR_BLOCK = 64;

/** Panels at most this wide are factored column by column; wider ones are split in two. */
const PANEL_LEAF = 8;

/** Scratch buffers shared by the blocked steps of one factorization. */
export interface WyWorkspace {
  /** `b x len` copy of the block's reflectors, explicit ones and zeros. */
  vt: FloatArray;
  /** `b x len` product `op(T) Vᵀ`. */
  wt: FloatArray;
  /** `rows x b` product of the targets with the reflectors (row stride `ldy`). */
  y: FloatArray;
  /** Row stride of `y`. */
  ldy: number;
  /** `b x b` float64 triangular factor `T`. */
  t: Float64Array;
  /** `b x b` float64 Gram matrix `VᵀV`. */
  gram: Float64Array;
  /**
   * Set when `vt`, `wt` and `y` live in WebAssembly memory (an arena): targets that live there
   * too are then updated in place by {@link residentGemm} with these packing buffers.
   */
  pack?: ResidentPack;
}

/** Allocates `length` zeros in the working precision (in an arena when resident). */
export type WorkAllocator = (length: number) => FloatArray;

/** Elements {@link wyWorkspace} takes from a resident allocator. */
export function residentWorkspaceLength(nb: number, m: number, rows: number): number {
  const [pa, pb] = RESIDENT_PACK_LENGTHS;
  // Each allocation is 64-byte aligned: up to 16 elements of slack per array.
  return 2 * nb * m + roundUp(Math.max(1, rows), RESIDENT_MR) * roundUp(nb, RESIDENT_NR) + pa + pb + 5 * 16;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/**
 * Allocates scratch for panels of width `nb` over vectors of length `m` and `rows` targets, in
 * the precision of `like`; with `resident`, from that arena allocator (see {@link WyWorkspace.pack}).
 */
export function wyWorkspace(
  nb: number,
  m: number,
  rows: number,
  like: FloatArray,
  resident?: WorkAllocator,
): WyWorkspace {
  const t = new Float64Array(nb * nb);
  const gram = new Float64Array(nb * nb);
  if (resident !== undefined) {
    const ldy = roundUp(nb, RESIDENT_NR);
    return {
      vt: resident(nb * m),
      wt: resident(nb * m),
      y: resident(roundUp(Math.max(1, rows), RESIDENT_MR) * ldy),
      ldy,
      t,
      gram,
      pack: { pa: resident(RESIDENT_PACK_LENGTHS[0]), pb: resident(RESIDENT_PACK_LENGTHS[1]) },
    };
  }
  const make = (n: number): FloatArray =>
    like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  return { vt: make(nb * m), wt: make(nb * m), y: make(Math.max(1, rows) * nb), ldy: nb, t, gram };
}

/** Column-by-column QR of a narrow panel (columns `k .. k+bs`, rows `k..`). */
function factorPanelUnblocked(w: FloatArray, m: number, k: number, bs: number, tau: Float64Array): void {
  for (let j = k; j < k + bs; j++) {
    const cj = j * m;
    const t = makeReflector(w, cj + j, m - j);
    tau[j] = t;
    if (t === 0) continue;
    for (let r = j + 1; r < k + bs; r++) {
      const cr = r * m;
      let d0 = w[cr + j] as number;
      let d1 = 0;
      let i = j + 1;
      for (; i + 1 < m; i += 2) {
        d0 += (w[cr + i] as number) * (w[cj + i] as number);
        d1 += (w[cr + i + 1] as number) * (w[cj + i + 1] as number);
      }
      if (i < m) d0 += (w[cr + i] as number) * (w[cj + i] as number);
      const s = t * (d0 + d1);
      w[cr + j] = (w[cr + j] as number) - s;
      for (i = j + 1; i < m; i++) w[cr + i] = (w[cr + i] as number) - s * (w[cj + i] as number);
    }
  }
}

/**
 * QR of the panel: columns `k .. k+bs` of `w`, rows `k..`. Reflector `j` replaces column `j`
 * below the diagonal; `tau[j]` receives its scale. Wide panels are split recursively so that
 * most of their work also runs in {@link gemm}.
 */
export function factorPanel(
  w: FloatArray,
  m: number,
  k: number,
  bs: number,
  tau: Float64Array,
  ws: WyWorkspace,
): void {
  if (bs <= PANEL_LEAF || m - k < 4 * PANEL_LEAF) {
    factorPanelUnblocked(w, m, k, bs, tau);
    return;
  }
  const h = bs >> 1;
  factorPanel(w, m, k, h, tau, ws);
  const len = m - k;
  loadReflectors(w, m, k, h, ws.vt);
  formT(ws, len, h, tau, k);
  applyBlockReflector(rowMajor(w, bs - h, len, (k + h) * m + k, m), ws, h, false);
  factorPanel(w, m, k + h, bs - h, tau, ws);
}

/**
 * Copies reflectors `k .. k+bs` (stored in columns of `w`) into `ws.vt` as a row-major
 * `bs x (m − k)` block with the implicit unit diagonal and zeros above it made explicit.
 */
export function loadReflectors(w: FloatArray, m: number, k: number, bs: number, vt: FloatArray): void {
  const len = m - k;
  for (let t = 0; t < bs; t++) {
    const src = (k + t) * m + k;
    const dst = t * len;
    vt.fill(0, dst, dst + t);
    vt[dst + t] = 1;
    vt.set(w.subarray(src + t + 1, src + len), dst + t + 1);
  }
}

/**
 * Forms the upper-triangular `T` (`bs x bs`, row-major, in `ws.t`) with
 * `H_k … H_{k+bs−1} = I − V T Vᵀ` from the reflectors in `ws.vt` (`bs x len`):
 * `T_ii = τ_i`, `T_{0:i,i} = −τ_i T_{0:i,0:i} (V_{:,0:i}ᵀ v_i)`. The Gram matrix `VᵀV` comes from
 * one float64 {@link gemm}.
 */
export function formT(ws: WyWorkspace, len: number, bs: number, tau: Float64Array, k: number): void {
  const tm = ws.t;
  const g = ws.gram;
  const vtm = rowMajor(ws.vt, bs, len);
  gemm(1, vtm, vtm, 0, rowMajor(g, bs, bs), { transB: true });
  for (let i = 0; i < bs; i++) {
    const ti = tau[k + i] as number;
    for (let r = 0; r < bs; r++) tm[r * bs + i] = 0;
    tm[i * bs + i] = ti;
    if (ti === 0 || i === 0) continue;
    // T_{0:i,i} = −τ_i T_{0:i,0:i} z with z_r = v_r · v_i, top to bottom (T is upper triangular).
    for (let r = 0; r < i; r++) {
      let s = 0;
      for (let c = r; c < i; c++) s += (tm[r * bs + c] as number) * (g[c * bs + i] as number);
      tm[r * bs + i] = -ti * s;
    }
  }
}

/**
 * Applies the block reflector in `ws` (`vt`, `t`) to the rows of `ct` (each row is one target
 * vector of length `len`): `ct ← ct − (ct Vᵀ)(op(T) V)` where `op(T) = T` applies
 * `Hᵀ = I − V Tᵀ Vᵀ` to the targets (the factorization) and `op(T) = Tᵀ` applies
 * `H = I − V T Vᵀ` (building Q). Three {@link gemm} calls.
 */
export function applyBlockReflector(ct: Matrix, ws: WyWorkspace, bs: number, transposeT: boolean): void {
  const rows = ct.rows;
  if (rows === 0 || bs === 0) return;
  const len = ct.cols;
  const vtm = rowMajor(ws.vt, bs, len);
  const wtm = rowMajor(ws.wt, bs, len);
  gemm(1, rowMajor(ws.t, bs, bs), vtm, 0, wtm, { transA: transposeT });
  const pack = ws.pack;
  if (pack !== undefined && ct.data.buffer === ws.y.buffer && ct.colStride === 1) {
    // Targets in the arena: pack from them and update them in place (same arithmetic as below).
    const y = { data: ws.y, offset: 0, ld: ws.ldy, cols: false };
    const target = { data: ct.data, offset: ct.offset, ld: ct.rowStride, cols: false };
    residentGemm(1, rows, bs, len, target, { data: ws.vt, offset: 0, ld: len, cols: true }, y, false, pack);
    residentGemm(-1, rows, len, bs, y, { data: ws.wt, offset: 0, ld: len, cols: false }, target, true, pack);
    return;
  }
  const ym = rowMajor(ws.y, rows, bs, 0, ws.ldy);
  gemm(1, ct, vtm, 0, ym, { transB: true });
  gemm(-1, ym, wtm, 1, ct);
}

/**
 * Blocked Householder QR of the column-major `m x n` matrix in `w`, in place: R on and above the
 * diagonal, reflectors below. Returns `tau` (length `min(m, n)`). With `resident` (an arena
 * allocator, `w` in the same arena with `roundUp(n, 4)` columns of memory), the updates run in
 * place in WebAssembly memory.
 */
export function householderQr(
  w: FloatArray,
  m: number,
  n: number,
  nb = QR_BLOCK,
  resident?: WorkAllocator,
): Float64Array {
  const kmax = Math.min(m, n);
  const tau = new Float64Array(kmax);
  const ws = wyWorkspace(nb, m, n, w, resident);
  for (let k = 0; k < kmax; k += nb) {
    const bs = Math.min(nb, kmax - k);
    factorPanel(w, m, k, bs, tau, ws);
    const trailing = n - k - bs;
    if (trailing > 0) {
      const len = m - k;
      loadReflectors(w, m, k, bs, ws.vt);
      formT(ws, len, bs, tau, k);
      applyBlockReflector(rowMajor(w, trailing, len, (k + bs) * m + k, m), ws, bs, false);
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
  w: FloatArray,
  m: number,
  kmax: number,
  tau: Float64Array,
  nb: number,
  out: FloatArray,
  ncols: number,
  resident?: WorkAllocator,
): void {
  for (let r = kmax; r < ncols; r++) {
    const base = r * m;
    out.fill(0, base, base + m);
    out[base + r] = 1;
  }
  const ws = wyWorkspace(nb, m, ncols, out, resident);
  const blocks = Math.ceil(kmax / nb);
  for (let blk = blocks - 1; blk >= 0; blk--) {
    const k = blk * nb;
    const bs = Math.min(nb, kmax - k);
    const len = m - k;
    loadReflectors(w, m, k, bs, ws.vt);
    formT(ws, len, bs, tau, k);
    for (let r = k; r < k + bs; r++) {
      const base = r * m;
      out.fill(0, base, base + m);
      out[base + r] = 1;
    }
    applyBlockReflector(rowMajor(out, ncols - k, len, k * m + k, m), ws, bs, true);
  }
}
