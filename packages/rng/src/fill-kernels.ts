import { describe } from './argument-checks';
import { RngError } from './errors';
import {
  philoxBernoulli,
  philoxNormal32,
  philoxNormal64,
  philoxTruncated,
  philoxUniform32,
  philoxUniform64,
} from './philox-fills';
import type { TruncatedPlan } from './truncated-normal';
import { loadWasmKernels } from './wasm-kernels';

/**
 * The index-addressable Philox fills behind one interface, implemented twice with identical output bits:
 * WebAssembly SIMD (`'wasm'`, used when the runtime supports it) and plain TypeScript (`'ts'`).
 */
export interface FillKernels {
  readonly backend: 'wasm' | 'ts';
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

const tsKernels: FillKernels = {
  backend: 'ts',
  uniform32: philoxUniform32,
  uniform64: philoxUniform64,
  normal32: philoxNormal32,
  normal64: philoxNormal64,
  truncated: philoxTruncated,
  bernoulli: philoxBernoulli,
};

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
  return fillKernels().backend;
}

/** Fills shorter than this use the TypeScript kernels even when WebAssembly is active (same bits, less overhead). */
export const SMALL_FILL = 32;

/** The implementation for a fill of `n` values: the active one, or TypeScript for fills below {@link SMALL_FILL}. */
export function kernelsFor(n: number): FillKernels {
  return n < SMALL_FILL ? tsKernels : fillKernels();
}

/** The implementation in use. */
export function fillKernels(): FillKernels {
  if (forced !== 'ts') {
    const w = wasm();
    if (w) return w;
  }
  return tsKernels;
}
