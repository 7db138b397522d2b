import { describe } from './describe';
import { LinalgError } from './errors';
import { gemmDirect, scaleInPlace } from './gemm-direct';
import { allFiniteEntries } from './gemm-finite';
import type { GemmBackend, GemmKernel } from './gemm-kernel';
import { jsKernel } from './gemm-kernel-js';
import { wasmKernel } from './gemm-kernel-wasm';
import { copy, dtypeOf, type Matrix, transpose } from './matrix';
import { checkMatrix } from './matrix-check';
import { checkFlag, readOptions } from './options';

export type { GemmBackend } from './gemm-kernel';

/** Transpose flags of {@link gemm}. */
export interface GemmOptions {
  /** Use `Aᵀ` in place of `A`. Default false. */
  transA?: boolean;
  /** Use `Bᵀ` in place of `B`. Default false. */
  transB?: boolean;
}

const GEMM_KEYS = ['transA', 'transB'] as const;

/** Products with `m * n * k` below this run the unpacked loop (measured: packing already pays off at 8 x 8 x 8). */
const PACK_THRESHOLD = 256;

let active: GemmKernel | undefined;

function kernel(): GemmKernel {
  active ??= wasmKernel() ?? jsKernel;
  return active;
}

/**
 * Selects the implementation behind {@link gemm} for the whole process: `'wasm'` (WebAssembly
 * SIMD kernels, the default where WebAssembly SIMD is available) or `'js'` (plain TypeScript,
 * available everywhere). Both perform the same floating-point operations in the same order, so
 * they give the same bits (see {@link gemm}); only their speed differs.
 *
 * Cost: O(1), except that the first use of `'wasm'` compiles and instantiates the embedded
 * module (about 6 KB, a few milliseconds).
 *
 * @param backend - `'wasm'` or `'js'`.
 * @throws {LinalgError} `INVALID_ARGUMENT` for any other value; `UNSUPPORTED` for `'wasm'` when
 * this runtime cannot compile WebAssembly SIMD.
 * @example
 * ```ts
 * setGemmBackend('js');
 * gemmBackend(); // => 'js'
 * ```
 */
export function setGemmBackend(backend: GemmBackend): void {
  if (backend === 'js') {
    active = jsKernel;
    return;
  }
  if (backend !== 'wasm') {
    throw new LinalgError('INVALID_ARGUMENT', 'backend', `must be 'wasm' or 'js', got ${describe(backend)}`);
  }
  const w = wasmKernel();
  if (w === null) {
    throw new LinalgError(
      'UNSUPPORTED',
      'backend',
      "'wasm' needs WebAssembly with SIMD, which this runtime lacks; use 'js'",
    );
  }
  active = w;
}

/**
 * The implementation {@link gemm} currently uses: `'wasm'` by default when WebAssembly SIMD
 * is available, else `'js'`. Cost: O(1) (the first call may compile the embedded module).
 *
 * @throws Never: a module that fails to compile selects `'js'`.
 * @example
 * ```ts
 * gemmBackend(); // => 'wasm' (Node >= 16.4 and current browsers)
 * ```
 */
export function gemmBackend(): GemmBackend {
  return kernel().name;
}

/**
 * Runs the active kernel. If the wasm module cannot grow its memory for the workspace (a
 * `RangeError`, raised before anything is written to `c`), this call runs in TypeScript instead.
 */
function runKernel(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void {
  const k = kernel();
  if (k.name === 'js') {
    k.gemm(alpha, a, b, beta, c);
    return;
  }
  try {
    k.gemm(alpha, a, b, beta, c);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    jsKernel.gemm(alpha, a, b, beta, c);
  }
}

/** Byte range `[lo, hi)` that a view can touch inside its ArrayBuffer. */
function byteSpan(x: Matrix): [number, number] {
  const bpe = x.data.BYTES_PER_ELEMENT;
  const last = x.offset + (x.rows - 1) * x.rowStride + (x.cols - 1) * x.colStride;
  const lo = Math.min(x.offset, last);
  const hi = Math.max(x.offset, last);
  return [x.data.byteOffset + lo * bpe, x.data.byteOffset + (hi + 1) * bpe];
}

function mayOverlap(x: Matrix, y: Matrix): boolean {
  if (x.data.buffer !== y.data.buffer) return false;
  const [xl, xh] = byteSpan(x);
  const [yl, yh] = byteSpan(y);
  return xl < yh && yl < xh;
}

function checkScalar(value: number, argument: string): void {
  if (typeof value !== 'number') {
    throw new LinalgError('INVALID_ARGUMENT', argument, `must be a finite number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new LinalgError('NOT_FINITE', argument, `must be a finite number, got ${describe(value)}`);
  }
}

/**
 * General matrix multiply, in place: `C = alpha * op(A) * op(B) + beta * C`, where `op(X)` is
 * `X` or `Xᵀ` (see `options`).
 *
 * ```math
 * C_{ij} \leftarrow \alpha \sum_{p} op(A)_{ip}\, op(B)_{pj} + \beta\, C_{ij}
 * ```
 *
 * Algorithm: Goto/BLIS-style blocking. For each panel of `nc` columns, `op(B)` is packed into
 * `kc x nr` micro-panels; for each block of `mc` rows an accumulator is loaded with `beta * C`
 * (skipped when `beta = 0`), and for each depth block of `kc` the block of `alpha * op(A)` is
 * packed into `mr x kc` micro-panels and a register-tiled micro-kernel adds `mr x nr` tiles of
 * the product to the accumulator, which is then copied into `C`. The micro-kernel is
 * WebAssembly SIMD (4 x 8 f32x4 tile for float32, 4 x 4 f64x2 tile for float64, packing done in
 * the module too) or plain TypeScript (4 x 4 tile, float32 rounded with `Math.fround` after every
 * product and sum, or float64), see {@link setGemmBackend}.
 * Products with `m n k < 256` skip packing and run a direct loop.
 *
 * Cost: `2 m n k` flops; packing reads `op(A)` `ceil(n / nc)` times and `op(B)` and `C` once.
 * Workspace: `mc kc + k nc + mc nc + max(mc, nc) kc` elements (`kc = 256`, `mc = 96` for wasm and
 * 64 for js, `nc <= 4096` and `k nc <= 2^20`), grown on demand and reused across calls, so a call
 * allocates only small views; if the wasm memory cannot grow, that call runs in TypeScript.
 *
 * Any strided views work (sub-blocks, transposes); `C` may share storage with `A` or `B` only if
 * their elements do not overlap (when their spans in the buffer intersect, the operand is copied
 * first).
 *
 * Precision: when `A`, `B` and `C` are all float32 and `alpha` and `beta` are 0 or normal
 * float32 numbers, every operation is float32 (`alpha` and `beta` rounded to float32, `alpha`
 * applied to `A` before the products; intermediates can overflow where float64 ones would not),
 * and the error is within about `(k + 2) 2^-24 (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)`. In
 * every other case (float64 or mixed operands) the arithmetic is float64 and the result is
 * rounded once into `C`'s dtype. Reproducibility: both back ends, and the direct loop, perform the
 * same operations in the same order (per entry, `beta c`, then per depth block of 256 a sum from
 * zero of `(alpha a_ip) b_pj` in increasing `p`, added to the entry; no fused multiply-add), so
 * the result has the same bits on `'wasm'` and `'js'`, in Node and in browsers. NaN and Infinity
 * in `A` or `B` propagate by IEEE 754 arithmetic (`0 * Inf = NaN`). `beta = 0` overwrites `C`
 * without reading it, so NaN already in `C` is dropped. As in BLAS, `alpha = 0` or `k = 0` skips
 * the product and only scales `C` by `beta`.
 *
 * @param alpha - Scale of the product, a finite number.
 * @param a - `m x k` (or `k x m` with `transA`), float32 or float64.
 * @param b - `k x n` (or `n x k` with `transB`), float32 or float64.
 * @param beta - Scale of the existing `C`, a finite number; 0 overwrites.
 * @param cValue - The output `c` (errors name it `c`): `m x n` output, updated in place and returned.
 * @param options - `transA`, `transB` (default false).
 * @throws {LinalgError} `SHAPE_MISMATCH` when the inner or outer dimensions disagree;
 * `NOT_FINITE` when `alpha` or `beta` is NaN or infinite, or when finite operands give a
 * non-finite entry of C (an overflow; C's contents are then unspecified); `INVALID_ARGUMENT` for non-boolean flags or an operand that is not a matrix.
 * @example
 * ```ts
 * const c = matrix(2, 2);
 * gemm(1, fromArray([[1, 2], [3, 4]]), fromArray([[1, 0], [0, 1]]), 0, c);
 * toArray(c); // => [[1, 2], [3, 4]]
 * ```
 */
export function gemm<C extends Matrix>(
  alpha: number,
  a: Matrix,
  b: Matrix,
  beta: number,
  cValue: C,
  options?: GemmOptions,
): C {
  checkScalar(alpha, 'alpha');
  checkScalar(beta, 'beta');
  const aView = checkMatrix(a, 'a');
  const bView = checkMatrix(b, 'b');
  const c = checkMatrix(cValue, 'c');
  const o = readOptions(options, 'options', GEMM_KEYS);
  let A = checkFlag(o.transA, 'transA') ? transpose(aView) : aView;
  let B = checkFlag(o.transB, 'transB') ? transpose(bView) : bView;
  if (A.cols !== B.rows) {
    throw new LinalgError(
      'SHAPE_MISMATCH',
      'b',
      `op(A) is ${A.rows} x ${A.cols} but op(B) is ${B.rows} x ${B.cols}`,
    );
  }
  if (c.rows !== A.rows || c.cols !== B.cols) {
    throw new LinalgError('SHAPE_MISMATCH', 'c', `must be ${A.rows} x ${B.cols}, got ${c.rows} x ${c.cols}`);
  }
  const m = A.rows;
  const n = B.cols;
  const k = A.cols;
  if (m === 0 || n === 0) return cValue;
  // Finite operands must give a finite C: an overflow is reported, never returned (NaN and
  // ±Infinity already in the operands propagate as IEEE 754 arithmetic does).
  const finiteC = beta === 0 || allFiniteEntries(c);
  if (k === 0 || alpha === 0) {
    scaleInPlace(c, beta);
  } else {
    if (mayOverlap(c, A)) A = copy(A);
    if (mayOverlap(c, B)) B = copy(B);
    if (m * n * k < PACK_THRESHOLD) gemmDirect(alpha, A, B, beta, c);
    else runKernel(alpha, A, B, beta, c);
  }
  if (
    finiteC &&
    !allFiniteEntries(c) &&
    (k === 0 || alpha === 0 || (allFiniteEntries(A) && allFiniteEntries(B)))
  ) {
    throw new LinalgError(
      'NOT_FINITE',
      'c',
      `the product of finite operands overflows the range of C's dtype (${dtypeOf(c)}); C now holds non-finite entries. Scale A or B down by a power of two first`,
    );
  }
  return cValue;
}
