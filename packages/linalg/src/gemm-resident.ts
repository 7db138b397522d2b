/**
 * GEMM on operands that already live in the WebAssembly module's memory (see `openArena`): the
 * blocked factorizations keep their working matrix there for a whole call, so the SIMD kernels
 * pack straight from it and update it in place instead of copying blocks in and out on every
 * call. Internal: trusts its caller (shapes, dtypes, arena membership).
 */
import { KC } from './gemm-kernel';
import { loadLinalgWasm } from './gemm-kernel-wasm';
import type { FloatArray } from './matrix';

/**
 * A strided operand in module memory. Element `(i, p)` is `data[offset + i * ld + p]`, or
 * `data[offset + p * ld + i]` when `cols` is set (the operand is stored transposed).
 */
export interface ResidentOperand {
  readonly data: FloatArray;
  readonly offset: number;
  readonly ld: number;
  readonly cols: boolean;
}

/** Packing buffers of {@link residentGemm}, allocated in the arena. */
export interface ResidentPack {
  readonly pa: FloatArray;
  readonly pb: FloatArray;
}

/** Micro-tile rows of the wasm kernels. */
export const RESIDENT_MR = 4;
/** Multiple of both kernels' micro-tile widths (8 for float32, 4 for float64). */
export const RESIDENT_NR = 8;
const MC = 96;
const NC = 512;

/** Elements of the packing buffers {@link residentGemm} needs: `[pa, pb]`. */
export const RESIDENT_PACK_LENGTHS: readonly [number, number] = [MC * KC, KC * NC];

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;
const address = (data: FloatArray, index: number): number => data.byteOffset + index * data.BYTES_PER_ELEMENT;

/**
 * `C = alpha A B` (`accumulate = false`) or `C += alpha A B` (`accumulate = true`), `A` `m x k`,
 * `B` `k x n`, all in the dtype of `c.data` and in module memory; `c` is row-major with row
 * stride `c.ld`.
 *
 * The kernels work on whole `4 x nr` tiles. With `accumulate = false` the tiles past row `m` or
 * column `n` store zeros there, so `C` must own that padding (a private scratch of
 * `roundUp(m, 4)` rows and `c.ld ≥ roundUp(n, 8)`). With `accumulate = true` they add an exact
 * zero (padded operands are zero) to whatever they overlap, which leaves those values unchanged
 * (up to the sign of a zero): `C` may then be a block of a larger matrix, as long as
 * `roundUp(m, 4)` rows of it exist in memory.
 */
export function residentGemm(
  alpha: number,
  m: number,
  n: number,
  k: number,
  a: ResidentOperand,
  b: ResidentOperand,
  c: { readonly data: FloatArray; readonly offset: number; readonly ld: number },
  accumulate: boolean,
  pack: ResidentPack,
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const ex = loadLinalgWasm();
  if (ex === null) throw new Error('resident GEMM without WebAssembly');
  const f32 = c.data instanceof Float32Array;
  const nr = f32 ? 8 : 4;
  const macro = f32 ? ex.macro32 : ex.macro64;
  const packARows = f32 ? ex.packARows32 : ex.packARows64;
  const packACols = f32 ? ex.packACols32 : ex.packACols64;
  const packBRows = f32 ? ex.packBRows32 : ex.packBRows64;
  const packBCols = f32 ? ex.packBCols32 : ex.packBCols64;
  const pa = address(pack.pa, 0);
  const pb = address(pack.pb, 0);
  for (let jc = 0; jc < n; jc += NC) {
    const ncb = Math.min(NC, n - jc);
    const ncPad = roundUp(ncb, nr);
    for (let pc = 0; pc < k; pc += KC) {
      const kcb = Math.min(KC, k - pc);
      if (b.cols) packBCols(address(b.data, b.offset + jc * b.ld + pc), b.ld, kcb, ncb, pb);
      else packBRows(address(b.data, b.offset + pc * b.ld + jc), b.ld, kcb, ncb, pb);
      const first = !accumulate && pc === 0 ? 1 : 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mcb = Math.min(MC, m - ic);
        if (a.cols) packACols(address(a.data, a.offset + pc * a.ld + ic), a.ld, mcb, kcb, pa, alpha);
        else packARows(address(a.data, a.offset + ic * a.ld + pc), a.ld, mcb, kcb, pa, alpha);
        macro(
          roundUp(mcb, RESIDENT_MR),
          ncPad,
          kcb,
          pa,
          pb,
          address(c.data, c.offset + ic * c.ld + jc),
          c.ld,
          first,
        );
      }
    }
  }
}
