import { describe } from './argument-checks';
import { RngError } from './errors';
import type { TruncatedPlan } from './truncated-normal';
import { loadWasmKernels } from './wasm-kernels';

/**
 * The index-addressable Philox fills in WebAssembly SIMD. Each has a TypeScript twin in philox-fills.ts with
 * identical output bits; philox-draws.ts picks one per call, so a bundle keeps only the kinds it draws.
 */
export interface FillKernels {
  uniform32(
    k0: number,
    k1: number,
    out: Float32Array,
    start: number,
    low: number,
    span: number,
    minV: number,
    maxV: number,
  ): void;
  uniform64(
    k0: number,
    k1: number,
    out: Float64Array,
    start: number,
    low: number,
    span: number,
    maxV: number,
  ): void;
  normal32(k0: number, k1: number, out: Float32Array, start: number, mean: number, std: number): void;
  normal64(k0: number, k1: number, out: Float64Array, start: number, mean: number, std: number): void;
  truncated(
    k0: number,
    k1: number,
    out: Float32Array | Float64Array,
    start: number,
    plan: TruncatedPlan,
    mean: number,
    std: number,
    minV: number,
    maxV: number,
  ): void;
  bernoulli(
    k0: number,
    k1: number,
    out: Float32Array | Float64Array | Uint8Array,
    start: number,
    prob: number,
  ): void;
}

let wasmKernels: FillKernels | null | undefined;
let forced: 'wasm' | 'ts' | undefined;

function wasm(): FillKernels | undefined {
  if (wasmKernels === undefined) wasmKernels = loadWasmKernels() ?? null;
  return wasmKernels ?? undefined;
}

/**
 * Chooses the implementation of the Philox fills for the whole process: `'wasm'` (WebAssembly SIMD; throws
 * when the runtime cannot compile it), `'ts'` (plain TypeScript), or `undefined` for the automatic choice
 * (WebAssembly when available). Both produce identical bits, so this only changes speed.
 *
 * @param backend - `'wasm'`, `'ts'` or `undefined`
 * @throws RngError `UNSUPPORTED` (argument `backend`) when `'wasm'` is requested but WebAssembly SIMD is
 *   unavailable; `INVALID_ARGUMENT` for other values
 * @example
 * ```ts
 * setFillBackend('ts');
 * fillBackend(); // => 'ts'
 * setFillBackend(undefined);
 * ```
 */
export function setFillBackend(backend: 'wasm' | 'ts' | undefined): void {
  if (backend !== undefined && backend !== 'wasm' && backend !== 'ts') {
    throw new RngError(
      'INVALID_ARGUMENT',
      'backend',
      `expected 'wasm', 'ts' or undefined, got ${describe(backend)}`,
    );
  }
  if (backend === 'wasm' && !wasm()) {
    throw new RngError(
      'UNSUPPORTED',
      'backend',
      "WebAssembly SIMD is not available in this runtime; use 'ts'",
    );
  }
  forced = backend;
}

/**
 * The implementation the Philox fills currently use: `'wasm'` (WebAssembly SIMD) or `'ts'`.
 *
 * @returns the active backend
 * @example
 * ```ts
 * fillBackend(); // => 'wasm' in Node 20 and current browsers
 * ```
 */
export function fillBackend(): 'wasm' | 'ts' {
  return forced !== 'ts' && wasm() ? 'wasm' : 'ts';
}

/** Fills shorter than this use the TypeScript kernels even when WebAssembly is active (same bits, less overhead). */
export const SMALL_FILL = 32;

/** The WebAssembly kernels for a fill of `n` values, or undefined when the TypeScript twins are to be used. */
export function wasmFor(n: number): FillKernels | undefined {
  return n < SMALL_FILL || forced === 'ts' ? undefined : wasm();
}
