import type { FillKernels } from './fill-kernels';
import { rngWasmBase64 } from './generated/rng-wasm';
import { truncatedPerBlock } from './philox-fills';
import type { TruncatedPlan } from './truncated-normal';
import { zigguratTables } from './ziggurat';

/** The part of the global `WebAssembly` object used here (not declared by the ES2022 lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** Exports of assembly/philox.ts. */
interface RngWasmExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  outPtr(): number;
  maxBlocks(): number;
  tablePtr(which: number): number;
  uniform32(
    k0: number,
    k1: number,
    start: number,
    count: number,
    low: number,
    span: number,
    minV: number,
    maxV: number,
  ): void;
  uniform64(
    k0: number,
    k1: number,
    start: number,
    count: number,
    low: number,
    span: number,
    maxV: number,
  ): void;
  normal32(k0: number, k1: number, start: number, count: number, mean: number, std: number): void;
  normal64(k0: number, k1: number, start: number, count: number, mean: number, std: number): void;
  setTruncatedPlan(
    regime: number,
    alpha: number,
    beta: number,
    mirrored: number,
    lambda: number,
    expMass: number,
    peak: number,
  ): void;
  truncated(
    k0: number,
    k1: number,
    start: number,
    count: number,
    mean: number,
    std: number,
    minV: number,
    maxV: number,
    f32: number,
  ): void;
  bernoulli(k0: number, k1: number, start: number, count: number, prob: number): void;
}

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const REGIME_CODE = { normal: 0, uniform: 1, exponential: 2 } as const;

/**
 * Compiles the WebAssembly SIMD module (synchronously), or returns undefined where WebAssembly or its SIMD
 * extension is unavailable. The compiled module can be posted to worker threads.
 */
export function compileRngWasm(): object | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return undefined;
  try {
    return new api.Module(decode(rngWasmBase64));
  } catch {
    return undefined;
  }
}

/**
 * Instantiates the WebAssembly SIMD fills synchronously (no fs, no fetch) and copies the ziggurat tables
 * into the module, so both implementations use the very same numbers. Returns undefined where WebAssembly
 * or its SIMD extension is unavailable.
 */
export function loadWasmKernels(): FillKernels | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const module = compileRngWasm();
  if (api === undefined || module === undefined) return undefined;
  let ex: RngWasmExports;
  try {
    ex = new api.Instance(module, {}).exports as RngWasmExports;
  } catch {
    return undefined;
  }
  // The module never grows its memory, so these views stay valid.
  const mem = ex.memory.buffer;
  const t = zigguratTables();
  new Float64Array(mem, ex.tablePtr(0), 257).set(t.x);
  new Float64Array(mem, ex.tablePtr(1), 257).set(t.f);
  new Float64Array(mem, ex.tablePtr(2), 256).set(t.scale23);
  new Float64Array(mem, ex.tablePtr(3), 256).set(t.scale53);
  const blocks = ex.maxBlocks();
  const f32 = new Float32Array(mem, ex.outPtr(), 4 * blocks);
  const f64 = new Float64Array(mem, ex.outPtr(), 2 * blocks);
  const u8 = new Uint8Array(mem, ex.outPtr(), 2 * blocks);

  /** Calls `run(start, count)` over chunks that fit the module's buffers, then copies each chunk out. */
  function chunks(
    out: Float32Array | Float64Array | Uint8Array,
    start: number,
    perBlock: number,
    view: Float32Array | Float64Array | Uint8Array,
    run: (start: number, count: number) => void,
  ): void {
    const n = out.length;
    const capacity = blocks * perBlock;
    let j = 0;
    while (j < n) {
      const s = start + j;
      const lane = s % perBlock;
      const count = Math.min(n - j, capacity - lane, view.length);
      run(s, count);
      out.set(view.subarray(0, count), j);
      j += count;
    }
  }

  return {
    uniform32(k0, k1, out, start, low, span, minV, maxV) {
      chunks(out, start, 4, f32, (s, c) => ex.uniform32(k0, k1, s, c, low, span, minV, maxV));
    },
    uniform64(k0, k1, out, start, low, span, maxV) {
      chunks(out, start, 2, f64, (s, c) => ex.uniform64(k0, k1, s, c, low, span, maxV));
    },
    normal32(k0, k1, out, start, mean, std) {
      chunks(out, start, 4, f32, (s, c) => ex.normal32(k0, k1, s, c, mean, std));
    },
    normal64(k0, k1, out, start, mean, std) {
      chunks(out, start, 2, f64, (s, c) => ex.normal64(k0, k1, s, c, mean, std));
    },
    truncated(k0, k1, out, start, plan: TruncatedPlan, mean, std, minV, maxV) {
      ex.setTruncatedPlan(
        REGIME_CODE[plan.regime],
        plan.alpha,
        plan.beta,
        plan.mirrored ? 1 : 0,
        plan.lambda,
        plan.expMass,
        plan.peak,
      );
      const isF32 = out instanceof Float32Array;
      chunks(out, start, truncatedPerBlock(plan, isF32), isF32 ? f32 : f64, (s, c) =>
        ex.truncated(k0, k1, s, c, mean, std, minV, maxV, isF32 ? 1 : 0),
      );
    },
    bernoulli(k0, k1, out, start, prob) {
      chunks(out, start, 2, u8, (s, c) => ex.bernoulli(k0, k1, s, c, prob));
    },
  };
}
