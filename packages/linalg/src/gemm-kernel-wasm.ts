import { type BlockBuffers, type BlockedTarget, gemmBlocked } from './gemm-blocked';
import type { GemmKernel } from './gemm-kernel';
import { linalgWasmBase64 } from './generated/linalg-wasm';
import type { Matrix } from './matrix';

/** Exports of assembly/gemm.ts. Pointers are byte addresses in `memory`. */
export interface LinalgWasm {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  macro32(
    mc: number,
    nc: number,
    kc: number,
    pa: number,
    pb: number,
    pc: number,
    ldc: number,
    first: number,
  ): void;
  macro64(
    mc: number,
    nc: number,
    kc: number,
    pa: number,
    pb: number,
    pc: number,
    ldc: number,
    first: number,
  ): void;
}

/** The part of the global `WebAssembly` object used here (not declared by the ES2022 lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** Micro-tile of both wasm kernels: MR rows; NR columns (8 for f32x4 pairs, 4 for f64x2 pairs). */
const MR = 6;
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

/** Lays out the three buffers after the module's static data, growing memory when needed. */
function region(ex: LinalgWasm, bytesA: number, bytesB: number, bytesC: number): [number, number, number] {
  const pa = align(ex.heapBase());
  const pb = pa + align(bytesA);
  const pc = pb + align(bytesB);
  const end = pc + align(bytesC);
  const have = ex.memory.buffer.byteLength;
  if (end > have) ex.memory.grow(Math.ceil((end - have) / PAGE));
  return [pa, pb, pc];
}

/** Blocking and workspace of the wasm macro-kernel for one dtype (exported for tests and tuning). */
export function wasmTarget(ex: LinalgWasm, dtype: 'float32' | 'float64'): BlockedTarget {
  const f32 = dtype === 'float32';
  const size = f32 ? 4 : 8;
  const macro = f32 ? ex.macro32 : ex.macro64;
  let pa = 0;
  let pb = 0;
  let pc = 0;
  return {
    mr: MR,
    nr: f32 ? 8 : 4,
    kc: f32 ? 256 : 256,
    mc: f32 ? 96 : 96,
    panel: 1 << 20,
    reserve(aLength: number, bLength: number, cLength: number): BlockBuffers {
      [pa, pb, pc] = region(ex, aLength * size, bLength * size, cLength * size);
      const buffer = ex.memory.buffer;
      return f32
        ? {
            a: new Float32Array(buffer, pa, aLength),
            b: new Float32Array(buffer, pb, bLength),
            c: new Float32Array(buffer, pc, cLength),
          }
        : {
            a: new Float64Array(buffer, pa, aLength),
            b: new Float64Array(buffer, pb, bLength),
            c: new Float64Array(buffer, pc, cLength),
          };
    },
    macro(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void {
      macro(mc, nc, kc, pa, pb + bOffset * size, pc, ldc, first ? 1 : 0);
    },
  };
}

let targets: { f32: BlockedTarget; f64: BlockedTarget } | undefined;

/**
 * WebAssembly SIMD blocked GEMM. float32 operands (A, B and C all float32) run the f32x4 kernel
 * with float32 products and sums; any float64 operand selects the f64x2 kernel (float64 throughout).
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
      const f32 =
        a.data instanceof Float32Array && b.data instanceof Float32Array && c.data instanceof Float32Array;
      gemmBlocked(f32 ? t.f32 : t.f64, alpha, a, b, beta, c);
    },
  };
}
