/**
 * Products of compact-WY block reflectors (LAPACK `larfb`, left side, forward, column-wise storage) applied to
 * a matrix in place.
 */
import { describe } from './describe';
import { LinalgError } from './errors';
import { gemm, gemmBackend } from './gemm';
import { allFiniteEntries } from './gemm-finite';
import { KC } from './gemm-kernel';
import { closeArena, openArena } from './gemm-kernel-wasm';
import { RESIDENT_MR, RESIDENT_NR, residentGemm } from './gemm-resident';
import { dtypeOf, type FloatArray, type Matrix, view } from './matrix';
import { checkMatrix } from './matrix-check';
import { checkFlag, readOptions } from './options';

/** One block reflector `B = I − V T Vᵀ`, acting on rows `start ..` of the matrix it is applied to. */
export interface BlockReflector {
  /** First row the block acts on. */
  readonly start: number;
  /** `(rows − start) x b`: the block's `b` reflectors as columns. */
  readonly v: Matrix;
  /** `b x b` upper-triangular factor. */
  readonly t: Matrix;
}

/** Options of {@link applyBlockReflectors}. */
export interface ApplyBlockReflectorsOptions {
  /** Apply `Qᵀ` instead of `Q` (default false). */
  readonly transpose?: boolean;
}

const KEYS = ['transpose'] as const;

/** Most blocks one call takes (each needs at least one row of `c`, so more than this many cannot all act). */
const MAX_BLOCKS = 1 << 20;

/** Arenas above this many bytes are not opened: such calls run through {@link gemm} instead. */
const ARENA_CAP = 256 * 1024 * 1024;

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

interface CheckedBlock {
  readonly start: number;
  readonly v: Matrix;
  readonly t: Matrix;
}

function checkBlocks(value: unknown, rows: number): CheckedBlock[] {
  if (!Array.isArray(value)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'blocks',
      `must be an array of { start, v, t }, got ${describe(value)}`,
    );
  }
  if (value.length > MAX_BLOCKS) {
    throw new LinalgError('TOO_LARGE', 'blocks', `has ${value.length} blocks; at most ${MAX_BLOCKS}`);
  }
  return value.map((b: unknown, k: number) => {
    const name = `blocks[${k}]`;
    if (b === null || typeof b !== 'object') {
      throw new LinalgError('INVALID_ARGUMENT', name, `must be { start, v, t }, got ${describe(b)}`);
    }
    const r = b as Record<string, unknown>;
    const start = r.start;
    if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0 || start > rows) {
      throw new LinalgError(
        'INVALID_ARGUMENT',
        `${name}.start`,
        `must be an integer from 0 to the ${rows} rows of c, got ${describe(start)}`,
      );
    }
    const v = checkMatrix(r.v, `${name}.v`);
    const t = checkMatrix(r.t, `${name}.t`);
    if (v.rows !== rows - start) {
      throw new LinalgError(
        'SHAPE_MISMATCH',
        `${name}.v`,
        `must have rows − start = ${rows - start} rows, got ${v.rows}`,
      );
    }
    if (t.rows !== v.cols || t.cols !== v.cols) {
      throw new LinalgError(
        'SHAPE_MISMATCH',
        `${name}.t`,
        `must be ${v.cols} x ${v.cols} (v has ${v.cols} columns), got ${t.rows} x ${t.cols}`,
      );
    }
    return { start, v, t };
  });
}

/** Applies block `b` through three {@link gemm} calls, with `y`, `y2` as scratch (`b x n`, C's dtype). */
function applyByGemm(b: CheckedBlock, c: Matrix, transpose: boolean, y: FloatArray, y2: FloatArray): void {
  const w = b.v.cols;
  const n = c.cols;
  const ck = view(c.data, c.rows - b.start, n, {
    offset: c.offset + b.start * c.rowStride,
    rowStride: c.rowStride,
    colStride: c.colStride,
  });
  const ym = view(y, w, n);
  const y2m = view(y2, w, n);
  gemm(1, b.v, ck, 0, ym, { transA: true });
  gemm(1, b.t, ym, 0, y2m, { transA: transpose });
  gemm(-1, b.v, y2m, 1, ck);
}

/** `dst[i * ld + j] = m[i, j]` (row by row, one `set` per contiguous row). */
function copyIn(m: Matrix, dst: FloatArray, ld: number): void {
  const { data, rows, cols, offset, rowStride, colStride } = m;
  if (colStride === 1 && rowStride === cols && ld === cols) {
    dst.set(data.subarray(offset, offset + rows * cols));
    return;
  }
  for (let i = 0; i < rows; i++) {
    const o = offset + i * rowStride;
    if (colStride === 1) dst.set(data.subarray(o, o + cols), i * ld);
    else for (let j = 0; j < cols; j++) dst[i * ld + j] = data[o + j * colStride] as number;
  }
}

/** `m[i, j] = src[i * ld + j]`. */
function copyOut(src: FloatArray, ld: number, m: Matrix): void {
  const { data, rows, cols, offset, rowStride, colStride } = m;
  for (let i = 0; i < rows; i++) {
    const o = offset + i * rowStride;
    if (colStride === 1) data.set(src.subarray(i * ld, i * ld + cols), o);
    else for (let j = 0; j < cols; j++) data[o + j * colStride] = src[i * ld + j] as number;
  }
}

/**
 * Runs every block in WebAssembly memory: `c`, each `V` and `T` are copied in once, the three products of a
 * block run on them in place ({@link residentGemm}: the kernels of {@link gemm}, so the same operations in the
 * same order), and `c` is copied back. Returns false (nothing done) when the arena cannot be had.
 */
function applyResident(blocks: readonly CheckedBlock[], c: Matrix, transpose: boolean): boolean {
  const f32 = dtypeOf(c) === 'float32';
  const size = f32 ? 4 : 8;
  const m = c.rows;
  const n = c.cols;
  let maxW = 0;
  let maxL = 0;
  for (const b of blocks) {
    maxW = Math.max(maxW, b.v.cols);
    maxL = Math.max(maxL, b.v.rows);
  }
  const ldc = roundUp(n, RESIDENT_NR);
  // A block's rows start at any row, and the kernels write whole 4-row tiles (adding zeros past its last row):
  // four spare rows keep those writes inside this copy.
  const cLen = (roundUp(m, RESIDENT_MR) + RESIDENT_MR) * ldc;
  const vLen = maxL * maxW;
  const tLen = maxW * maxW;
  const yLen = roundUp(maxW, RESIDENT_MR) * ldc;
  const maxM = Math.max(maxW, maxL);
  const maxK = Math.min(KC, Math.max(maxW, maxL));
  const paLen = roundUp(Math.min(maxM, 96), RESIDENT_MR) * maxK;
  const pbLen = maxK * roundUp(Math.min(n, 512), RESIDENT_NR);
  const bytes = (cLen + vLen + tLen + 2 * yLen + paLen + pbLen) * size + 7 * 64;
  if (bytes > ARENA_CAP) return false;
  const arena = openArena(bytes, 0);
  if (arena === null) return false;
  try {
    const cw = arena.alloc(cLen, f32);
    const vw = arena.alloc(vLen, f32, false);
    const tw = arena.alloc(tLen, f32, false);
    const y = arena.alloc(yLen, f32, false);
    const y2 = arena.alloc(yLen, f32, false);
    const pack = { pa: arena.alloc(paLen, f32, false), pb: arena.alloc(pbLen, f32, false) };
    copyIn(c, cw, ldc);
    const order = transpose ? blocks : [...blocks].reverse();
    for (const b of order) {
      const w = b.v.cols;
      const len = b.v.rows;
      if (w === 0 || len === 0) continue;
      copyIn(b.v, vw, w);
      copyIn(b.t, tw, w);
      const ck = { data: cw, offset: b.start * ldc, ld: ldc, cols: false };
      const yOut = { data: y, offset: 0, ld: ldc };
      // Y = Vᵀ C_k, Y2 = op(T) Y, C_k −= V Y2.
      residentGemm(1, w, n, len, { data: vw, offset: 0, ld: w, cols: true }, ck, yOut, false, pack);
      const tOp = { data: tw, offset: 0, ld: w, cols: transpose };
      residentGemm(
        1,
        w,
        n,
        w,
        tOp,
        { data: y, offset: 0, ld: ldc, cols: false },
        { data: y2, offset: 0, ld: ldc },
        false,
        pack,
      );
      residentGemm(
        -1,
        len,
        n,
        w,
        { data: vw, offset: 0, ld: w, cols: false },
        { data: y2, offset: 0, ld: ldc, cols: false },
        ck,
        true,
        pack,
      );
    }
    copyOut(cw, ldc, c);
  } finally {
    closeArena();
  }
  return true;
}

/**
 * Applies `Q = B_0 B_1 ⋯ B_{K−1}` (or `Qᵀ`) to `c` in place, where block `k` is `B_k = I − V_k T_k V_kᵀ` on rows
 * `start_k ..` of `c` (compact-WY form, as LAPACK's `larft` builds it and `larfb` applies it):
 * `C ← Q C` applies `B_{K−1}` first and `B_0` last; `C ← Qᵀ C` (`transpose`) applies `B_0ᵀ` first, with
 * `B_kᵀ = I − V_k T_kᵀ V_kᵀ`. Per block, on the rows `C_k` it acts on:
 * `Y = V_kᵀ C_k`, `Y ← op(T_k) Y`, `C_k ← C_k − V_k Y`.
 *
 * The result has the same bits as those three {@link gemm} calls per block (`Y` in C's dtype), in any back end.
 * When `c`, every `V` and every `T` share one dtype and the GEMM back end is `'wasm'`, `c` and each block are
 * copied into WebAssembly memory once and the products run there on the same kernels, instead of copying
 * operands in and out three times a block. `V` and `T` may have any strides and may share storage with `c`
 * only if they do not overlap it.
 *
 * Cost: `Σ_k 4 (rows − start_k) b_k n + 2 b_k² n` flops for `b_k` reflectors in block `k` and `n` columns of `c`.
 *
 * @param blocks - The blocks `{ start, v, t }` in increasing order of application to `Q` (`B_0` first): `v` is
 * `(rows − start) x b`, `t` is `b x b` (only its upper triangle is used by a compact-WY factor, but all of it
 * is read).
 * @param cValue - The matrix `c` (errors name it `c`), updated in place and returned.
 * @param options - `transpose` (default false): apply `Qᵀ`.
 * @throws {LinalgError} `INVALID_ARGUMENT` for a block that is not `{ start, v, t }`, a `start` outside
 * `0 .. rows`, an operand that is not a matrix, a non-boolean `transpose` or an unknown option key;
 * `SHAPE_MISMATCH` when `v` does not have `rows − start` rows or `t` is not `b x b`; `TOO_LARGE` for more than
 * 2^20 blocks; `NOT_FINITE` when finite operands give a non-finite entry of `c` (an overflow).
 * @example
 * ```ts
 * // One Householder reflector H = I − τ v vᵀ with v = (1, 1), τ = 1: it swaps and negates the two rows.
 * const c = fromArray([[1, 2], [3, 4]]);
 * applyBlockReflectors([{ start: 0, v: fromArray([[1], [1]]), t: fromArray([[1]]) }], c);
 * toArray(c); // => [[-3, -4], [-1, -2]]
 * ```
 */
export function applyBlockReflectors<C extends Matrix>(
  blocks: readonly BlockReflector[],
  cValue: C,
  options?: ApplyBlockReflectorsOptions,
): C {
  const c = checkMatrix(cValue, 'c');
  const checked = checkBlocks(blocks, c.rows);
  const o = readOptions(options, 'options', KEYS);
  const transpose = checkFlag(o.transpose, 'transpose');
  if (c.rows === 0 || c.cols === 0 || checked.length === 0) return cValue;
  const finiteBefore = allFiniteEntries(c);
  const dtype = dtypeOf(c);
  const oneDtype = checked.every((b) => dtypeOf(b.v) === dtype && dtypeOf(b.t) === dtype);
  const done = oneDtype && gemmBackend() === 'wasm' && applyResident(checked, c, transpose);
  if (!done) {
    let maxW = 0;
    for (const b of checked) maxW = Math.max(maxW, b.v.cols);
    const make = (len: number): FloatArray =>
      dtype === 'float32' ? new Float32Array(len) : new Float64Array(len);
    const y = make(maxW * c.cols);
    const y2 = make(maxW * c.cols);
    const order = transpose ? checked : [...checked].reverse();
    for (const b of order) if (b.v.cols > 0 && b.v.rows > 0) applyByGemm(b, c, transpose, y, y2);
  }
  if (finiteBefore && !allFiniteEntries(c)) {
    const finiteIn = checked.every((b) => allFiniteEntries(b.v) && allFiniteEntries(b.t));
    if (finiteIn) {
      throw new LinalgError(
        'NOT_FINITE',
        'c',
        `applying the block reflectors to finite c overflows the range of its dtype (${dtype}); c now holds non-finite entries. Scale c down by a power of two first`,
      );
    }
  }
  return cValue;
}
