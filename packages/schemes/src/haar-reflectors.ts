import { gemm, type Matrix, view } from '@init/linalg';
import { InitError } from './errors';
import type { Rng } from './random-source';
import { allocateFloats, type Dtype, type FloatArray } from './tensor';

/** Reflectors per block of the blocked accumulation. */
const BLOCK = 48;

/**
 * A Haar-distributed `m x n` matrix with orthonormal columns (`m >= n`), row-major, scaled by
 * `scale`, generated as the Q factor of the Householder QR of a Gaussian matrix with column j
 * multiplied by sign(R_jj) — without forming the Gaussian matrix or R.
 *
 * In Householder QR of an i.i.d. N(0, 1) matrix, the trailing block left after each reflection is
 * again i.i.d. N(0, 1) and independent of the reflectors so far (a fixed orthogonal map of a
 * standard Gaussian is standard Gaussian). So reflector j can be built from a fresh Gaussian
 * vector of length m − j (Stewart, 1980), giving exactly the same distribution as the explicit
 * factorization at half its cost: only Q is accumulated, blockwise with GEMM
 * (`H_j ⋯ H_{j+b−1} = I − V T Vᵀ`). `R_jj = −sign(x_0)·‖x‖` for the vector `x` of reflector j,
 * so the Haar correction multiplies column j by `−sign(x_0)`.
 *
 * @param target - Optional row-major output of `m·n` elements whose dtype is `dtype`.
 */
export function haarReflectorColumns(
  m: number,
  n: number,
  rng: Rng,
  dtype: Dtype,
  scale = 1,
  target?: FloatArray,
): Matrix {
  if (m > 0 && n > 0) checkWork(m, n);
  // `target` (m·n elements of `dtype`) receives the result in place of a new array.
  const q = target ?? (dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n));
  q.fill(0);
  const Q = view(q, m, n);
  if (m === 0 || n === 0) return Q;
  const ws = takeWorkspace(m, n, dtype);
  const make = (len: number): FloatArray => allocate(dtype, len, m, n);
  const sign = new Float64Array(n);
  const vBuf = make(m * Math.min(BLOCK, n));
  const tBuf = make(BLOCK * BLOCK);
  const pBuf = make(BLOCK * BLOCK);
  const wBuf = make(BLOCK * Math.max(1, n));
  const w2Buf = make(BLOCK * Math.max(1, n));
  for (let jb = lastBlockStart(n); jb >= 0; jb -= BLOCK) {
    const kb = Math.min(BLOCK, n - jb);
    const L = m - jb;
    // V: L x kb, column i holds reflector jb + i in rows i..L-1, with a unit leading entry.
    const V = view(vBuf, L, kb);
    ws.drawBlock(jb, kb, L, rng, vBuf, tBuf, sign);
    const T = view(tBuf, kb, kb);
    // Apply the block to the columns already formed: Q2 ← (I − V T Vᵀ) Q2.
    const nc = n - jb - kb;
    if (nc > 0) {
      const Q2 = view(q, L, nc, { offset: jb * n + jb + kb, rowStride: n });
      const W = view(wBuf, kb, nc);
      gemm(1, V, Q2, 0, W, { transA: true });
      const W2 = view(w2Buf, kb, nc);
      gemm(1, T, W, 0, W2);
      gemm(-1, V, W2, 1, Q2);
    }
    // Its own columns start as [I; 0]: Q[jb:, jb:jb+kb] = E − V (T V1ᵀ), V1 = V[0:kb, :].
    const P = view(pBuf, kb, kb);
    gemm(1, T, view(vBuf, kb, kb), 0, P, { transB: true });
    const panel = view(q, L, kb, { offset: jb * n + jb, rowStride: n });
    for (let i = 0; i < kb; i++) q[(jb + i) * n + jb + i] = 1;
    gemm(-1, V, P, 1, panel);
  }
  releaseWorkspace(ws);
  // (q · sign) · scale = q · (sign · scale): a sign flip is exact.
  for (let j = 0; j < n; j++) sign[j] = (sign[j] as number) * scale;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) q[row + j] = (q[row + j] as number) * (sign[j] as number);
  }
  return Q;
}

/** One block of reflectors in compact-WY form: `H_start ⋯ H_{start+width−1} = I − V T Vᵀ` on rows `start..`. */
export interface ReflectorBlock {
  /** Index of the block's first reflector (and first row it acts on). */
  readonly start: number;
  /** `(rows − start) x width`, row-major: column i is reflector `start + i`, zero above row i, 1 at row i. */
  readonly v: Matrix;
  /** `width x width` upper triangular, row-major. */
  readonly t: Matrix;
}

/** The factors of {@link haarReflectorColumns}: its blocks in increasing `start` and its column scale. */
export interface ReflectorFactors {
  readonly rows: number;
  readonly cols: number;
  readonly blocks: readonly ReflectorBlock[];
  /** `sign(R_jj) · scale` per column. */
  readonly columnScale: Float64Array;
}

/**
 * The same draws and reflectors as {@link haarReflectorColumns}, kept in factored form instead of
 * accumulated into Q: the matrix is `(B_0 B_1 ⋯ B_{K−1})[:, 0:n] · diag(columnScale)` with
 * `B_k = I − V_k T_k V_kᵀ` acting on rows `start_k..m−1`.
 */
export function haarReflectorFactors(
  m: number,
  n: number,
  rng: Rng,
  dtype: Dtype,
  scale = 1,
): ReflectorFactors {
  const sign = new Float64Array(n);
  const blocks: ReflectorBlock[] = [];
  if (m > 0 && n > 0) {
    checkWork(m, n);
    const ws = takeWorkspace(m, n, dtype);
    for (let jb = lastBlockStart(n); jb >= 0; jb -= BLOCK) {
      const kb = Math.min(BLOCK, n - jb);
      const L = m - jb;
      const v = allocate(dtype, L * kb, m, n);
      const t = allocate(dtype, kb * kb, m, n);
      ws.drawBlock(jb, kb, L, rng, v, t, sign, true);
      blocks.push({ start: jb, v: view(v, L, kb), t: view(t, kb, kb) });
    }
    releaseWorkspace(ws);
    blocks.reverse();
  }
  for (let j = 0; j < n; j++) sign[j] = (sign[j] as number) * scale;
  return { rows: m, cols: n, blocks, columnScale: sign };
}

const lastBlockStart = (n: number): number => Math.floor((n - 1) / BLOCK) * BLOCK;

/**
 * Most values one working buffer of the reflectors may hold: `m · min(48, n)` for an `m x n` matrix (2^27, 512 MiB
 * of float32). The reflectors need a few such buffers, so a very tall and thin shape needs many times the memory
 * of its output; beyond this it is refused before anything is allocated.
 */
export const MAX_REFLECTOR_WORK = 2 ** 27;

/** Throws `TOO_LARGE` (argument `shape`) when an `m x n` matrix's reflector buffers would pass {@link MAX_REFLECTOR_WORK}. */
export function checkWork(m: number, n: number): void {
  const work = m * Math.min(BLOCK, n);
  if (work > MAX_REFLECTOR_WORK) {
    throw new InitError(
      'TOO_LARGE',
      'shape',
      `a ${m} x ${n} orthogonal matrix needs ${work} working values per buffer (rows x min(48, cols)); at most 2^27 = ${MAX_REFLECTOR_WORK}`,
    );
  }
}

/** `len` working values of the reflectors of an `m x n` matrix (an allocation failure is `TOO_LARGE`). */
const allocate = (dtype: Dtype, len: number, m: number, n: number): FloatArray =>
  allocateFloats(dtype, len, `the reflectors of a ${m} x ${n} orthogonal matrix`);

/**
 * Rows of V whose share of the Gram matrix VᵀV one GEMM computes: linalg's `gemm` sums each entry over depth
 * blocks of 256 from zero in increasing order, so over at most 256 rows its float64 sums (float32 operands are
 * multiplied in float64) are exactly the sequential ones.
 */
const GRAM_GEMM_ROWS = 256;

/**
 * Values one fill draws for several reflectors at once (512 KiB of float64). A counter-based (Philox) fill
 * without `offset` starts at the stream's position rounded up to a whole block (two float64 normals) and
 * advances it by its length, so consecutive fills of lengths ℓ_0, ℓ_1, … read the same stream values as one fill
 * of ℓ_0 + (ℓ_0 mod 2) + ℓ_1 + … whose pieces start at those rounded offsets, and leave the same position behind.
 * Sequential generators draw value after value with no rounding: they keep one fill per reflector.
 */
const DRAW_GROUP_VALUES = 1 << 16;

/** A workspace of at most this many bytes is kept for the next matrix of the same shape and dtype (1 MiB). */
const SPARE_BYTES = 1 << 20;

/** The workspace kept from the last matrix, or undefined (none, or taken by a matrix being drawn). */
let spare: ReflectorWorkspace | undefined;

/**
 * A workspace for an `m x n` matrix: the one kept from the last matrix when it fits, else a new one. A workspace
 * is held by one matrix at a time (taking it clears `spare`), so a nested draw (an `Rng` whose fill draws another
 * orthogonal matrix) gets its own, and one that throws is simply dropped.
 */
function takeWorkspace(m: number, n: number, dtype: Dtype): ReflectorWorkspace {
  const ws = spare;
  if (ws?.fits(m, n, dtype)) {
    spare = undefined;
    return ws;
  }
  return new ReflectorWorkspace(m, n, dtype);
}

/** Keeps `ws` for the next matrix if it is small (large ones are left to the garbage collector). */
function releaseWorkspace(ws: ReflectorWorkspace): void {
  if (ws.bytes <= SPARE_BYTES) spare = ws;
}

/** Scratch of the reflector draws of one matrix with `m` rows. */
class ReflectorWorkspace {
  private readonly tau = new Float64Array(BLOCK);
  private readonly gram = new Float64Array(BLOCK * BLOCK);
  // Past GRAM_GEMM_ROWS rows: the block's reflectors, one per row (reflector i in vt[i*L + i .. i*L + L)), for
  // the rest of the Gram sums.
  private readonly vt: FloatArray | undefined;
  private readonly z = new Float64Array(BLOCK);
  /** Start of each reflector's values in `draws`. */
  private readonly starts = new Float64Array(BLOCK);
  /** Per reflector of the block: the sum of squares of its Gaussian vector below its first value. */
  private readonly ss = new Float64Array(BLOCK);
  private readonly draws: Float64Array;

  /** Bytes of its two large buffers. */
  readonly bytes: number;

  constructor(
    private readonly m: number,
    private readonly n: number,
    private readonly dtype: Dtype,
  ) {
    const width = Math.min(BLOCK, n);
    if (m > GRAM_GEMM_ROWS) this.vt = allocate(dtype, m * width, m, n);
    this.draws = allocate(
      'float64',
      m + Math.min(DRAW_GROUP_VALUES, (m + 1) * (width - 1)),
      m,
      n,
    ) as Float64Array;
    this.bytes = this.draws.byteLength + (this.vt?.byteLength ?? 0);
  }

  /** Whether it was made for an `m x n` matrix of `dtype` (every buffer is then the right size). */
  fits(m: number, n: number, dtype: Dtype): boolean {
    return this.m === m && this.n === n && this.dtype === dtype;
  }

  /**
   * Draws reflectors `jb .. jb+kb−1` (each from a fresh Gaussian vector of length `L − i`) into `v` (`L x kb`,
   * row-major, zeros above the unit diagonal), their Haar signs into `sign`, and `T` (`kb x kb`) into `t`.
   * `zeroed`: `v` already holds zeros (a new array), so it is not cleared again.
   */
  drawBlock(
    jb: number,
    kb: number,
    L: number,
    rng: Rng,
    v: FloatArray,
    t: FloatArray,
    sign: Float64Array,
    zeroed = false,
  ): void {
    if (!zeroed) v.fill(0, 0, L * kb);
    const grouped = rng.algorithm === 'philox';
    for (let i = 0; i < kb; ) {
      const end = this.drawGroup(i, kb, L, rng, grouped);
      this.sumSquares(i, end, L);
      for (let g = i; g < end; g++) this.reflector(jb, g, L, v, kb, sign);
      i = end;
    }
    this.formT(kb, L, v, t);
  }

  /**
   * The Gaussian vectors of reflectors `i, i+1, … end−1` (lengths L − i, …) with one fill, at `starts`; a single
   * reflector when `grouped` is false. Returns `end`.
   */
  private drawGroup(i: number, kb: number, L: number, rng: Rng, grouped: boolean): number {
    const { starts } = this;
    let total = 0;
    let g = i;
    do {
      // The next fill would start on a whole block: past an odd-length piece, skip the rest of its block.
      if (g > i) total += total & 1;
      starts[g] = total;
      total += L - g;
      g++;
    } while (grouped && g < kb && total + 1 + (L - g) <= this.draws.length);
    rng.fillNormal(this.draws.subarray(0, total), 0, 1);
    return g;
  }

  /**
   * `ss[g] = Σ_{r=1}^{L−g−1} x_g[r]²` for the reflectors `g` of `i .. end−1`, where `x_g` is reflector g's Gaussian
   * vector `draws[starts[g] ..)`: each a float64 sum in increasing `r`, four reflectors at a time (independent
   * sums, so their additions overlap), over the rows all four have and then each one's last rows.
   */
  private sumSquares(i: number, end: number, L: number): void {
    const { draws, starts, ss } = this;
    let g = i;
    for (; g + 4 <= end; g += 4) {
      const a0 = starts[g] as number;
      const a1 = starts[g + 1] as number;
      const a2 = starts[g + 2] as number;
      const a3 = starts[g + 3] as number;
      // Reflector g + q has L − g − q values: r runs 1 .. L − g − q − 1.
      const common = L - g - 3;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 1; r < common; r++) {
        const x0 = draws[a0 + r] as number;
        const x1 = draws[a1 + r] as number;
        const x2 = draws[a2 + r] as number;
        const x3 = draws[a3 + r] as number;
        s0 += x0 * x0;
        s1 += x1 * x1;
        s2 += x2 * x2;
        s3 += x3 * x3;
      }
      for (let r = Math.max(1, common); r < common + 3; r++)
        s0 += (draws[a0 + r] as number) * (draws[a0 + r] as number);
      for (let r = Math.max(1, common); r < common + 2; r++)
        s1 += (draws[a1 + r] as number) * (draws[a1 + r] as number);
      for (let r = Math.max(1, common); r < common + 1; r++)
        s2 += (draws[a2 + r] as number) * (draws[a2 + r] as number);
      ss[g] = s0;
      ss[g + 1] = s1;
      ss[g + 2] = s2;
      ss[g + 3] = s3;
    }
    for (; g < end; g++) {
      const at = starts[g] as number;
      const len = L - g;
      let s = 0;
      for (let r = 1; r < len; r++) s += (draws[at + r] as number) * (draws[at + r] as number);
      ss[g] = s;
    }
  }

  /**
   * Reflector `i` of the block from its Gaussian vector `x = draws[starts[i] .. + L − i)` and `ss[i]`: its `τ`, its
   * Haar sign, its column of `v` (`x[r] / (x_0 − β)` below the unit entry) and its row of `vt`.
   */
  private reflector(jb: number, i: number, L: number, v: FloatArray, kb: number, sign: Float64Array) {
    const { tau, vt, draws } = this;
    const at = this.starts[i] as number;
    const alpha = draws[at] as number;
    const ss = this.ss[i] as number;
    const s = alpha < 0 ? -1 : 1;
    v[i * kb + i] = 1;
    if (vt) vt[i * L + i] = 1;
    if (ss === 0) {
      // Nothing to reflect (a length-1 vector, or all zeros below x_0): H = I and R_jj = alpha.
      tau[i] = 0;
      sign[jb + i] = s;
      vt?.fill(0, i * L + i + 1, i * L + L);
      return;
    }
    const beta = -s * Math.sqrt(alpha * alpha + ss);
    tau[i] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    const len = L - i;
    for (let r = 1; r < len; r++) v[(i + r) * kb + i] = (draws[at + r] as number) * scale;
    if (vt) for (let r = 1; r < len; r++) vt[i * L + i + r] = v[(i + r) * kb + i] as number;
    sign[jb + i] = beta < 0 ? -1 : 1;
  }

  /**
   * T (kb x kb, upper triangular) with H_jb ⋯ H_jb+kb−1 = I − V T Vᵀ (LAPACK larft, forward, columnwise):
   * T_ii = τ_i, z = −τ_i V[:, 0:i]ᵀ v_i, T[0:i, i] = T[0:i, 0:i] z. The dot products V[:, c]ᵀ v_i are float64
   * sums in increasing row order (from row i on; the rows above add exact zeros): the first 256 rows by one
   * GEMM, any further rows by {@link continueDots}; column i of T by {@link triangularColumn}.
   */
  private formT(kb: number, L: number, v: FloatArray, t: FloatArray): void {
    const { tau, gram, vt, z } = this;
    const rows = Math.min(L, GRAM_GEMM_ROWS);
    const head = view(v, rows, kb);
    gemm(1, head, head, 0, view(gram, kb, kb), { transA: true });
    t.fill(0, 0, kb * kb);
    for (let i = 0; i < kb; i++) {
      const ti = tau[i] as number;
      t[i * kb + i] = ti;
      if (i === 0 || ti === 0) continue;
      for (let c = 0; c < i; c++) z[c] = gram[c * kb + i] as number;
      if (vt && L > rows) continueDots(vt, L, i, Math.max(i, rows), z);
      for (let c = 0; c < i; c++) z[c] = -ti * (z[c] as number);
      triangularColumn(t, kb, i, z);
    }
  }
}

/**
 * `t[r, i] = Σ_{c=r}^{i−1} t[r, c] · z[c]` for every `r < i` (column i of T from the finished columns left of it),
 * each a float64 sum from zero in increasing `c`. Four rows at a time: their sums are independent, so their
 * additions overlap, and each still adds its terms in the same order.
 */
function triangularColumn(t: FloatArray, kb: number, i: number, z: Float64Array): void {
  let r = 0;
  for (; r + 4 <= i; r += 4) {
    const o0 = r * kb;
    const o1 = o0 + kb;
    const o2 = o1 + kb;
    const o3 = o2 + kb;
    const z0 = z[r] as number;
    const z1 = z[r + 1] as number;
    const z2 = z[r + 2] as number;
    let a0 = 0;
    a0 += (t[o0 + r] as number) * z0;
    a0 += (t[o0 + r + 1] as number) * z1;
    a0 += (t[o0 + r + 2] as number) * z2;
    let a1 = 0;
    a1 += (t[o1 + r + 1] as number) * z1;
    a1 += (t[o1 + r + 2] as number) * z2;
    let a2 = 0;
    a2 += (t[o2 + r + 2] as number) * z2;
    let a3 = 0;
    for (let c = r + 3; c < i; c++) {
      const zc = z[c] as number;
      a0 += (t[o0 + c] as number) * zc;
      a1 += (t[o1 + c] as number) * zc;
      a2 += (t[o2 + c] as number) * zc;
      a3 += (t[o3 + c] as number) * zc;
    }
    t[o0 + i] = a0;
    t[o1 + i] = a1;
    t[o2 + i] = a2;
    t[o3 + i] = a3;
  }
  for (; r < i; r++) {
    let acc = 0;
    for (let c = r; c < i; c++) acc += (t[r * kb + c] as number) * (z[c] as number);
    t[r * kb + i] = acc;
  }
}

/**
 * `z[c] += Σ_{r = from}^{L−1} v_c[r] · v_i[r]` for every `c < i`, in float64, adding in increasing `r` (so the
 * sums go on exactly as one sequential loop), where reflector `c` is row `c` of `vt` (`L` entries each). Four
 * reflectors at a time share the loads of `v_i`.
 */
function continueDots(vt: FloatArray, L: number, i: number, from: number, z: Float64Array): void {
  const vi = i * L;
  let c = 0;
  for (; c + 4 <= i; c += 4) {
    const b0 = c * L;
    const b1 = b0 + L;
    const b2 = b1 + L;
    const b3 = b2 + L;
    let s0 = z[c] as number;
    let s1 = z[c + 1] as number;
    let s2 = z[c + 2] as number;
    let s3 = z[c + 3] as number;
    for (let r = from; r < L; r++) {
      const w = vt[vi + r] as number;
      s0 += (vt[b0 + r] as number) * w;
      s1 += (vt[b1 + r] as number) * w;
      s2 += (vt[b2 + r] as number) * w;
      s3 += (vt[b3 + r] as number) * w;
    }
    z[c] = s0;
    z[c + 1] = s1;
    z[c + 2] = s2;
    z[c + 3] = s3;
  }
  for (; c < i; c++) {
    const b = c * L;
    let s = z[c] as number;
    for (let r = from; r < L; r++) s += (vt[b + r] as number) * (vt[vi + r] as number);
    z[c] = s;
  }
}
