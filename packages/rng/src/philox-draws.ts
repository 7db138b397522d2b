import { wasmFor } from './fill-kernels';
import type { TruncatedParams, UniformParams } from './fill-params';
import {
  philoxBernoulli,
  philoxFarTail,
  philoxNormal32,
  philoxNormal64,
  philoxTruncated,
  philoxUniform32,
  philoxUniform64,
  truncatedPerBlock,
} from './philox-fills';
import type { FloatArray } from './rng-types';

/*
 * The Philox fills of validated parameters, from stream index `start` on: the WebAssembly kernel when it
 * is in use, its TypeScript twin otherwise (the same bits). One function per kind, so that a bundle which
 * only draws normals carries neither the uniform nor the truncated kernels. Both the stream class and the
 * keyed fills call these, which is what makes their values identical.
 */

/** Values of a uniform fill per Philox block: 4 in float32, 2 in float64. */
export function uniformPerBlock(out: FloatArray): number {
  return out instanceof Float32Array ? 4 : 2;
}

/** Values of a normal fill per Philox block: 4 in float32, 2 in float64. */
export const normalPerBlock: (out: FloatArray) => number = uniformPerBlock;

/** Values of a truncated normal fill per Philox block (1 for degenerate and far-tail intervals). */
export function truncatedBlockSize(out: FloatArray, p: TruncatedParams): number {
  return p.plan ? truncatedPerBlock(p.plan, out instanceof Float32Array) : 1;
}

/** Values of a Bernoulli fill per Philox block. */
export const BERNOULLI_PER_BLOCK = 2;

/** `out[i]` = uniform value at stream index `start + i`. */
export function drawUniform(k0: number, k1: number, out: FloatArray, start: number, p: UniformParams): void {
  const w = wasmFor(out.length);
  if (out instanceof Float32Array) {
    (w ? w.uniform32 : philoxUniform32)(k0, k1, out, start, p.low, p.span, p.minV, p.maxV);
  } else {
    (w ? w.uniform64 : philoxUniform64)(k0, k1, out, start, p.low, p.span, p.maxV);
  }
}

/** `out[i]` = normal value at stream index `start + i`. */
export function drawNormal(
  k0: number,
  k1: number,
  out: FloatArray,
  start: number,
  mean: number,
  std: number,
): void {
  const w = wasmFor(out.length);
  if (out instanceof Float32Array) (w ? w.normal32 : philoxNormal32)(k0, k1, out, start, mean, std);
  else (w ? w.normal64 : philoxNormal64)(k0, k1, out, start, mean, std);
}

/** `out[i]` = truncated normal value at stream index `start + i`. */
export function drawTruncated(
  k0: number,
  k1: number,
  out: FloatArray,
  start: number,
  p: TruncatedParams,
): void {
  if (p.far) {
    philoxFarTail(k0, k1, out, start, p.far, p.std, p.minV, p.maxV);
    return;
  }
  if (!p.plan) {
    out.fill(p.constant);
    return;
  }
  const w = wasmFor(out.length);
  (w ? w.truncated : philoxTruncated)(k0, k1, out, start, p.plan, p.mean, p.std, p.minV, p.maxV);
}

/** `out[i]` = Bernoulli draw (1 or 0) at stream index `start + i`. */
export function drawBernoulli(
  k0: number,
  k1: number,
  out: FloatArray | Uint8Array,
  start: number,
  prob: number,
): void {
  const w = wasmFor(out.length);
  (w ? w.bernoulli : philoxBernoulli)(k0, k1, out, start, prob);
}
