import { blockGenerator } from './block-generator';
import { IndexedSource, TAG_NORMAL32, TAG_NORMAL53, TAG_TRUNCATED } from './indexed-source';
import { sampleTruncatedStandard, type TruncatedPlan } from './truncated-normal';
import { TWO_M24, TWO_M53 } from './word-source';
import { normal32Slow, normal53Slow, zigguratTables } from './ziggurat';

/**
 * Index-addressable fills for Philox4x32-10. Output j of a fill that starts at stream index `start` is value
 * number i = start + j of the distribution's stream, and it depends only on (key, i):
 * - 1 word per value (uniform and normal into Float32Array): block floor(i/4), word i mod 4;
 * - 2 words per value (uniform and normal into Float64Array, bernoulli): block floor(i/2), words
 *   2 (i mod 2) and 2 (i mod 2) + 1;
 * - 1 block per value (truncated normal, any dtype): block i.
 * Rejection samplers continue, when needed, in the retry domain of index i (see {@link IndexedSource}).
 */

const source = new IndexedSource();

/** Runs `body(words, firstValue, valueCount, firstWord)` over the blocks that hold values start..start+n-1. */
function forEachChunk(
  k0: number,
  k1: number,
  start: number,
  n: number,
  valuesPerBlock: number,
  body: (words: Uint32Array, j: number, count: number, lane: number) => void,
): void {
  const gen = blockGenerator();
  const capacity = gen.maxBlocks * valuesPerBlock;
  let j = 0;
  while (j < n) {
    const i = start + j;
    const block = Math.floor(i / valuesPerBlock);
    const lane = i - block * valuesPerBlock;
    const count = Math.min(n - j, capacity - lane);
    const nBlocks = Math.ceil((lane + count) / valuesPerBlock);
    body(gen.words(k0, k1, block, nBlocks), j, count, lane);
    j += count;
  }
}

/** Uniform [low, low + span) into float32, clamped to [minV, maxV] (the float32 values inside the interval). */
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
  forEachChunk(k0, k1, start, out.length, 4, (w, j, count, lane) => {
    for (let p = lane, end = lane + count; p < end; p++, j++) {
      let v = Math.fround(low + span * ((w[p]! >>> 8) * TWO_M24));
      if (v > maxV) v = maxV;
      else if (v < minV) v = minV;
      out[j] = v;
    }
  });
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
  forEachChunk(k0, k1, start, out.length, 2, (w, j, count, lane) => {
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2, j++) {
      const v = low + span * (((w[p]! >>> 11) * 4294967296 + w[p + 1]!) * TWO_M53);
      out[j] = Math.min(v, maxV);
    }
  });
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
  forEachChunk(k0, k1, start, out.length, 4, (w, j, count, lane) => {
    for (let p = lane, end = lane + count; p < end; p++, j++) {
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
          source.reset(k0, k1, start + j, TAG_NORMAL32, w, 0, 0),
        );
      }
      out[j] = mean + std * z;
    }
  });
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
  forEachChunk(k0, k1, start, out.length, 2, (w, j, count, lane) => {
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2, j++) {
      const w0 = w[p]!;
      const layer = w0 & 255;
      let z = ((w0 >>> 11) * 4294967296 + w[p + 1]!) * scale53[layer]!;
      if (z < xt[layer + 1]!) {
        if ((w0 & 256) !== 0) z = -z;
      } else {
        z = normal53Slow(layer, z, (w0 & 256) !== 0, source.reset(k0, k1, start + j, TAG_NORMAL53, w, 0, 0));
      }
      out[j] = mean + std * z;
    }
  });
}

/** Truncated normal, one block per value; results clamped to [minV, maxV]. */
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
  const { x: xt, scale53 } = zigguratTables();
  const fast = plan.regime === 'normal';
  const { alpha, beta } = plan;
  forEachChunk(k0, k1, start, out.length, 1, (w, j, count, lane) => {
    for (let p = 4 * lane, end = 4 * (lane + count); p < end; p += 4, j++) {
      let z = Number.NaN;
      if (fast) {
        const w0 = w[p]!;
        const layer = w0 & 255;
        const x = ((w0 >>> 11) * 4294967296 + w[p + 1]!) * scale53[layer]!;
        if (x < xt[layer + 1]!) {
          const s = (w0 & 256) !== 0 ? -x : x;
          if (s >= alpha && s <= beta) z = s;
        }
      }
      if (Number.isNaN(z))
        z = sampleTruncatedStandard(plan, source.reset(k0, k1, start + j, TAG_TRUNCATED, w, p, 4));
      let v = mean + std * z;
      if (v < minV) v = minV;
      else if (v > maxV) v = maxV;
      out[j] = v;
    }
  });
}

/** Bernoulli(p) as 0/1, two words (a 53-bit uniform u) per value: 1 when u < p. */
export function philoxBernoulli(
  k0: number,
  k1: number,
  out: Float32Array | Float64Array | Uint8Array,
  start: number,
  prob: number,
): void {
  forEachChunk(k0, k1, start, out.length, 2, (w, j, count, lane) => {
    for (let p = 2 * lane, end = 2 * (lane + count); p < end; p += 2, j++) {
      out[j] = ((w[p]! >>> 11) * 4294967296 + w[p + 1]!) * TWO_M53 < prob ? 1 : 0;
    }
  });
}
