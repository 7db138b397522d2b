import { type FarTail, sampleFarOffset } from './far-tail';
import {
  IndexedSource,
  TAG_FAR_TAIL,
  TAG_NORMAL32,
  TAG_NORMAL53,
  TAG_TRUNCATED_BY_LAYOUT,
} from './indexed-source';
import { philoxBlocks } from './philox';
import { sampleTruncatedStandard, type TruncatedPlan } from './truncated-normal';
import { float32UniformScale } from './uniform-float32';

import { normal32Slow, normal53Slow, zigguratTables } from './ziggurat';

/**
 * Index-addressable fills for Philox4x32-10. Output j of a fill that starts at stream index `start` is value
 * number i = start + j of the distribution's stream, and it depends only on (key, i):
 * - 1 word per value (uniform and normal into Float32Array): block floor(i/4), word i mod 4;
 * - 2 words per value (uniform and normal into Float64Array, bernoulli): block floor(i/2), words
 *   2 (i mod 2) and 2 (i mod 2) + 1;
 * - truncated normal: like normal (4 or 2 values per block by dtype) when sampling by normal rejection,
 *   else one block per value (block i), see {@link truncatedPerBlock}.
 * Rejection samplers continue, when needed, in the retry domain of index i (see {@link IndexedSource}), under a
 * tag of the sampler and layout, so that no two draws of one stream share retry words.
 */

// Module-local copies of 2^-24 and 2^-53: same-module constants stay plain variables in every loader, whereas an
// imported binding can cost a property load per use inside a hot loop.
const SCALE24 = 2 ** -24;
const SCALE53 = 2 ** -53;

let sharedSource: IndexedSource | undefined;

/** The per-index source reused by every slow path (created on first use). */
function source(): IndexedSource {
  sharedSource ??= new IndexedSource();
  return sharedSource;
}

/** Blocks generated per chunk (16 KiB of words, cache resident while consumed). */
export const CHUNK_BLOCKS = 1024;
let buffer: Uint32Array | undefined;

/** Main-domain blocks `block .. block + nBlocks - 1` (nBlocks <= CHUNK_BLOCKS) in a shared buffer. */
function words(k0: number, k1: number, block: number, nBlocks: number): Uint32Array {
  buffer ??= new Uint32Array(4 * CHUNK_BLOCKS);
  philoxBlocks(k0, k1, block % 4294967296, Math.floor(block / 4294967296), 0, 0, nBlocks, buffer, 0);
  return buffer;
}

/**
 * Uniform [low, low + span) into float32 by the float32 formula of {@link float32UniformScale} (or its double
 * fallback), clamped to [minV, maxV] (the float32 values inside the interval).
 */
export function philoxUniform32(
  k0: number,
  k1: number,
  out: Float32Array,
  start: number,
  low: number,
  span: number,
  minV: number,
  maxV: number,
): void {
  const capacity = CHUNK_BLOCKS * 4;
  const n = out.length;
  const scale32 = float32UniformScale(low, span);
  const low32 = Math.fround(low);
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / 4);
    const lane = start + j - block * 4;
    const count = Math.min(n - j, capacity - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / 4));
    for (let p = lane, end = lane + count; p < end; p++) {
      const u = w[p]! >>> 8;
      let v =
        scale32 !== 0
          ? Math.fround(low32 + Math.fround(scale32 * u))
          : Math.fround(low + span * (u * SCALE24));
      if (v > maxV) v = maxV;
      else if (v < minV) v = minV;
      out[j++] = v;
    }
  }
}

/** Uniform [low, low + span) into float64 with 53-bit resolution, results above maxV set to maxV. */
export function philoxUniform64(
  k0: number,
  k1: number,
  out: Float64Array,
  start: number,
  low: number,
  span: number,
  maxV: number,
): void {
  const capacity = CHUNK_BLOCKS * 2;
  const n = out.length;
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / 2);
    const lane = start + j - block * 2;
    const count = Math.min(n - j, capacity - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / 2));
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2) {
      const v = low + span * (((w[p]! >>> 11) * 4294967296 + w[p + 1]!) * SCALE53);
      out[j++] = Math.min(v, maxV);
    }
  }
}

/** Normal(mean, std) into float32 from the 32-bit ziggurat. */
export function philoxNormal32(
  k0: number,
  k1: number,
  out: Float32Array,
  start: number,
  mean: number,
  std: number,
): void {
  const { x: xt, scale23 } = zigguratTables();
  const capacity = CHUNK_BLOCKS * 4;
  const n = out.length;
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / 4);
    const lane = start + j - block * 4;
    const count = Math.min(n - j, capacity - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / 4));
    for (let p = lane, end = lane + count; p < end; p++) {
      const word = w[p]!;
      const layer = word & 255;
      let z = (word >>> 9) * scale23[layer]!;
      if (z < xt[layer + 1]!) {
        if ((word & 256) !== 0) z = -z;
      } else {
        z = normal32Slow(
          layer,
          z,
          (word & 256) !== 0,
          source().reset(k0, k1, start + j, TAG_NORMAL32, w, 0, 0),
        );
      }
      out[j++] = mean + std * z;
    }
  }
}

/** Normal(mean, std) into float64 from the 53-bit ziggurat. */
export function philoxNormal64(
  k0: number,
  k1: number,
  out: Float64Array,
  start: number,
  mean: number,
  std: number,
): void {
  const { x: xt, scale53 } = zigguratTables();
  const capacity = CHUNK_BLOCKS * 2;
  const n = out.length;
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / 2);
    const lane = start + j - block * 2;
    const count = Math.min(n - j, capacity - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / 2));
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2) {
      const w0 = w[p]!;
      const layer = w0 & 255;
      let z = ((w0 >>> 11) * 4294967296 + w[p + 1]!) * scale53[layer]!;
      if (z < xt[layer + 1]!) {
        if ((w0 & 256) !== 0) z = -z;
      } else {
        z = normal53Slow(
          layer,
          z,
          (w0 & 256) !== 0,
          source().reset(k0, k1, start + j, TAG_NORMAL53, w, 0, 0),
        );
      }
      out[j++] = mean + std * z;
    }
  }
}

/**
 * Values per block of a truncated normal fill. Normal-rejection plans start from one ziggurat attempt:
 * 4 values per block (one word each) for float32 output, 2 (two words each) for float64. The uniform and
 * exponential proposals need four words for their first attempt: one block per value.
 */
export function truncatedPerBlock(plan: TruncatedPlan, float32: boolean): number {
  if (plan.regime !== 'normal') return 1;
  return float32 ? 4 : 2;
}

/** Truncated normal; results clamped to [minV, maxV]. */
export function philoxTruncated(
  k0: number,
  k1: number,
  out: Float32Array | Float64Array,
  start: number,
  plan: TruncatedPlan,
  mean: number,
  std: number,
  minV: number,
  maxV: number,
): void {
  const { x: xt, scale23, scale53 } = zigguratTables();
  const bits32 = out instanceof Float32Array;
  const perBlock = truncatedPerBlock(plan, bits32);
  const wordsPer = 4 / perBlock;
  const tag = TAG_TRUNCATED_BY_LAYOUT[perBlock as 1 | 2 | 4];
  const { alpha, beta } = plan;
  const n = out.length;
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / perBlock);
    const lane = start + j - block * perBlock;
    const count = Math.min(n - j, CHUNK_BLOCKS * perBlock - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / perBlock));
    for (let p = wordsPer * lane, end = wordsPer * (lane + count); p < end; p += wordsPer) {
      // First ziggurat attempt of the normal-rejection regime inline; everything else in the general sampler.
      let z = Number.NaN;
      if (wordsPer === 1) {
        const w0 = w[p]!;
        const layer = w0 & 255;
        const x = (w0 >>> 9) * scale23[layer]!;
        if (x < xt[layer + 1]!) {
          const s = (w0 & 256) !== 0 ? -x : x;
          if (s >= alpha && s <= beta) z = s;
        }
      } else if (wordsPer === 2) {
        const w0 = w[p]!;
        const layer = w0 & 255;
        const x = ((w0 >>> 11) * 4294967296 + w[p + 1]!) * scale53[layer]!;
        if (x < xt[layer + 1]!) {
          const s = (w0 & 256) !== 0 ? -x : x;
          if (s >= alpha && s <= beta) z = s;
        }
      }
      if (Number.isNaN(z)) {
        z = sampleTruncatedStandard(plan, source().reset(k0, k1, start + j, tag, w, p, wordsPer), bits32);
      }
      let v = mean + std * z;
      if (v < minV) v = minV;
      else if (v > maxV) v = maxV;
      out[j++] = v;
    }
  }
}

/**
 * Far-tail truncated normal (see {@link FarTail}), one stream index per value; every word of value i comes from
 * its own retry-domain counters (i, attempt, far-tail tag). Plain TypeScript on every backend (a rare regime).
 */
export function philoxFarTail(
  k0: number,
  k1: number,
  out: Float32Array | Float64Array,
  start: number,
  far: FarTail,
  std: number,
  minV: number,
  maxV: number,
): void {
  const empty = new Uint32Array(0);
  for (let j = 0; j < out.length; j++) {
    const t = sampleFarOffset(far, source().reset(k0, k1, start + j, TAG_FAR_TAIL, empty, 0, 0));
    const v = far.bound + far.direction * std * t;
    out[j] = Math.min(Math.max(v, minV), maxV);
  }
}

/** Bernoulli(p) as 0/1, two words (a 53-bit uniform u) per value: 1 when u < p. */
export function philoxBernoulli(
  k0: number,
  k1: number,
  out: Float32Array | Float64Array | Uint8Array,
  start: number,
  prob: number,
): void {
  const capacity = CHUNK_BLOCKS * 2;
  const n = out.length;
  let j = 0;
  while (j < n) {
    const block = Math.floor((start + j) / 2);
    const lane = start + j - block * 2;
    const count = Math.min(n - j, capacity - lane);
    const w = words(k0, k1, block, Math.ceil((lane + count) / 2));
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2) {
      out[j++] = ((w[p]! >>> 11) * 4294967296 + w[p + 1]!) * SCALE53 < prob ? 1 : 0;
    }
  }
}
