import { type BlockedTarget, gemmBlocked } from './gemm-blocked';
import { type GemmKernel, KC, usesFloat32 } from './gemm-kernel';
import { copyRowsIn, copyRowsOut } from './gemm-pack';
import { linalgWasmBase64 } from './generated/linalg-wasm';
import { type FloatArray, type Matrix, transpose } from './matrix';

/** Exports of assembly/gemm.ts. Pointers are byte addresses in `memory`. */
export interface LinalgWasm {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  macro32: Macro;
  macro64: Macro;
  packARows32: PackA;
  packACols32: PackA;
  packARows64: PackA;
  packACols64: PackA;
  packBRows32: PackB;
  packBCols32: PackB;
  packBRows64: PackB;
  packBCols64: PackB;
  scale32: Scale;
  scale64: Scale;
}

type Macro = (
  mc: number,
  nc: number,
  kc: number,
  pa: number,
  pb: number,
  pc: number,
  ldc: number,
  first: number,
) => void;
type PackA = (raw: number, ld: number, mc: number, kc: number, dst: number, alpha: number) => void;
type PackB = (raw: number, ld: number, kc: number, nc: number, dst: number) => void;
type Scale = (ptr: number, ld: number, rows: number, cols: number, beta: number) => void;

/** The part of the global `WebAssembly` object used here (not declared by the ES2022 lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** Micro-tile of both wasm kernels: MR rows; NR columns (8 for f32x4 pairs, 4 for f64x2 pairs). */
const MR = 4;
const PAGE = 65536;

let wasm: LinalgWasm | null | undefined;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates the SIMD module on first use (synchronously, no fs or fetch).
 * Returns null where WebAssembly or its SIMD proposal is unavailable.
 */
export function loadLinalgWasm(): LinalgWasm | null {
  if (wasm !== undefined) return wasm;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (api === undefined) throw new Error('no WebAssembly');
    const module = new api.Module(decode(linalgWasmBase64));
    wasm = new api.Instance(module, {}).exports as LinalgWasm;
  } catch {
    wasm = null;
  }
  return wasm;
}

const align = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/** End (byte address) of the open arena, 0 when none is open; the GEMM workspace starts after it. */
let arenaEnd = 0;

/** A region of module memory holding operands that stay there across many GEMM calls. */
export interface WasmArena {
  /** The module memory (valid until {@link closeArena}; nothing grows memory while it is open). */
  readonly buffer: ArrayBuffer;
  /**
   * An array of `length` elements inside the arena, 64-byte aligned: zero-filled, or with whatever the memory
   * held when `zero` is false (for scratch that is written before it is read).
   */
  alloc(length: number, f32: boolean, zero?: boolean): FloatArray;
}

/**
 * Reserves `bytes` of module memory for resident operands, plus `headroom` bytes after it for the
 * blocked GEMM's own workspace, growing memory once now so that no GEMM call grows it (which would
 * detach the arena's views) until {@link closeArena}. Returns null without WebAssembly or when
 * memory cannot grow. Memory, once grown, stays allocated for later calls.
 */
export function openArena(bytes: number, headroom: number): WasmArena | null {
  const ex = loadLinalgWasm();
  if (ex === null) return null;
  const base = align(ex.heapBase());
  const end = base + align(bytes);
  const have = ex.memory.buffer.byteLength;
  if (end + headroom > have) {
    try {
      ex.memory.grow(Math.ceil((end + headroom - have) / PAGE));
    } catch {
      return null;
    }
  }
  arenaEnd = end;
  const buffer = ex.memory.buffer;
  let next = base;
  return {
    buffer,
    alloc(length: number, f32: boolean, zero = true): FloatArray {
      const at = next;
      next = align(at + length * (f32 ? 4 : 8));
      if (next > end) throw new RangeError('arena exhausted');
      const out = f32 ? new Float32Array(buffer, at, length) : new Float64Array(buffer, at, length);
      if (zero) out.fill(0);
      return out;
    },
  };
}

/**
 * Upper bound on the module memory (bytes) one blocked GEMM call of an `m x k` by `k x n` product
 * reserves for packed operands, accumulator and staging, for either dtype: the headroom an
 * arena leaves so that such calls never grow memory while it is open.
 */
export function wasmWorkspaceBytes(m: number, n: number, k: number): number {
  const up = (x: number, q: number): number => Math.ceil(x / q) * q;
  const kc = Math.min(k, 256);
  const mc = up(Math.min(m, 96), MR);
  const nc = up(Math.min(n, 4096, Math.max(8, Math.floor((1 << 20) / k / 4) * 4)), 8);
  return 8 * (mc * kc + k * nc + mc * nc + Math.max(mc, nc) * kc) + 4 * 64;
}

/** Releases the arena (its memory is reused by the GEMM workspace; the module does not shrink). */
export function closeArena(): void {
  arenaEnd = 0;
}

/**
 * Blocking and workspace of the wasm macro-kernel for one dtype (exported for tests and tuning).
 * Operand blocks are copied into a raw buffer in module memory (whole rows or columns with
 * `TypedArray.set` when contiguous, converting dtype if needed) and packed there by the module.
 */
export function wasmTarget(ex: LinalgWasm, dtype: 'float32' | 'float64'): BlockedTarget {
  const f32 = dtype === 'float32';
  const size = f32 ? 4 : 8;
  const View = f32 ? Float32Array : Float64Array;
  const macro = f32 ? ex.macro32 : ex.macro64;
  const packARows = f32 ? ex.packARows32 : ex.packARows64;
  const packACols = f32 ? ex.packACols32 : ex.packACols64;
  const packBRows = f32 ? ex.packBRows32 : ex.packBRows64;
  const packBCols = f32 ? ex.packBCols32 : ex.packBCols64;
  const scale = f32 ? ex.scale32 : ex.scale64;
  let pa = 0;
  let pb = 0;
  let pc = 0;
  let pr = 0;
  let acc: FloatArray = new View(0);
  let raw: FloatArray = new View(0);
  return {
    mr: MR,
    nr: f32 ? 8 : 4,
    kc: KC,
    mc: 96,
    panel: 1 << 20,
    reserve(aLength: number, bLength: number, cLength: number, blockLength: number): void {
      pa = align(Math.max(ex.heapBase(), arenaEnd));
      pb = pa + align(aLength * size);
      pc = pb + align(bLength * size);
      pr = pc + align(cLength * size);
      const end = pr + align(blockLength * size);
      const have = ex.memory.buffer.byteLength;
      if (end > have) ex.memory.grow(Math.ceil((end - have) / PAGE));
      // Views are rebuilt only when the memory grew or the workspace moved or changed size, so a
      // run of same-shaped products (a training loop) allocates none.
      const buffer = ex.memory.buffer;
      if (acc.buffer !== buffer || acc.byteOffset !== pc || acc.length !== cLength) {
        acc = new View(buffer, pc, cLength);
      }
      if (raw.buffer !== buffer || raw.byteOffset !== pr || raw.length !== blockLength) {
        raw = new View(buffer, pr, blockLength);
      }
    },
    packA(a: Matrix, i0: number, p0: number, mc: number, kc: number, alpha: number): void {
      if (a.rowStride === 1 && a.colStride !== 1) {
        copyRowsIn(raw, mc, transpose(a), p0, i0, kc, mc);
        packACols(pr, mc, mc, kc, pa, alpha);
      } else {
        copyRowsIn(raw, kc, a, i0, p0, mc, kc);
        packARows(pr, kc, mc, kc, pa, alpha);
      }
    },
    packB(b: Matrix, p0: number, j0: number, kc: number, nc: number, offset: number): void {
      if (b.rowStride === 1 && b.colStride !== 1) {
        copyRowsIn(raw, kc, transpose(b), j0, p0, nc, kc);
        packBCols(pr, kc, kc, nc, pb + offset * size);
      } else {
        copyRowsIn(raw, nc, b, p0, j0, kc, nc);
        packBRows(pr, nc, kc, nc, pb + offset * size);
      }
    },
    loadC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number, beta: number): void {
      copyRowsIn(acc, ldc, c, i0, j0, mc, nc);
      if (beta !== 1) scale(pc, ldc, mc, nc, beta);
    },
    storeC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number): void {
      copyRowsOut(acc, ldc, c, i0, j0, mc, nc);
    },
    macro(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void {
      macro(mc, nc, kc, pa, pb + bOffset * size, pc, ldc, first ? 1 : 0);
    },
  };
}

let targets: { f32: BlockedTarget; f64: BlockedTarget } | undefined;

/**
 * WebAssembly SIMD blocked GEMM. float32 operands (A, B and C all float32) run the f32x4 kernel
 * with float32 products and sums; any float64 operand, or an `alpha` or `beta` outside the normal
 * float32 range, selects the f64x2 kernel (float64 throughout).
 * Returns null when the module cannot be instantiated.
 */
export function wasmKernel(): GemmKernel | null {
  const ex = loadLinalgWasm();
  if (ex === null) return null;
  targets ??= { f32: wasmTarget(ex, 'float32'), f64: wasmTarget(ex, 'float64') };
  const t = targets;
  return {
    name: 'wasm',
    gemm(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void {
      gemmBlocked(usesFloat32(alpha, a, b, beta, c) ? t.f32 : t.f64, alpha, a, b, beta, c);
    },
  };
}
