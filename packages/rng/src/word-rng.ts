import { BaseRng } from './base-rng';
import { RngError } from './errors';
import { sampleFarOffset } from './far-tail';
import type { TruncatedParams, UniformParams } from './fill-params';
import type { FloatArray } from './rng-types';
import { sampleTruncatedStandard } from './truncated-normal';
import { float32UniformScale } from './uniform-float32';
import { TWO_M24, uniform53 } from './word-source';
import { normal32, normal53 } from './ziggurat';

/**
 * A stream that produces one 32-bit word at a time (xoshiro128**, seedrandom's generators): every fill draws
 * its values word by word from `nextUint32()`, in order. Philox has index-addressable block fills instead and
 * does not extend this class, so a bundle that only uses Philox carries none of this code.
 */
export abstract class WordRng extends BaseRng {
  /** Throws UNSUPPORTED: sequential generators cannot jump to an index. */
  protected noOffset(offset: number | undefined): void {
    if (offset !== undefined) {
      throw new RngError(
        'UNSUPPORTED',
        'offset',
        `offset is only available for the counter-based algorithm 'philox', not '${this.algorithm}'`,
      );
    }
  }

  protected uniformInto(out: FloatArray, p: UniformParams, offset: number | undefined): void {
    this.noOffset(offset);
    const { low, span, minV, maxV } = p;
    if (out instanceof Float32Array) {
      const scale = TWO_M24;
      const scale32 = float32UniformScale(low, span); // the float32 formula, see uniform-float32.ts
      const low32 = Math.fround(low);
      for (let j = 0; j < out.length; j++) {
        const u = this.nextUint32() >>> 8;
        let v =
          scale32 !== 0
            ? Math.fround(low32 + Math.fround(scale32 * u))
            : Math.fround(low + span * (u * scale));
        if (v > maxV) v = maxV;
        else if (v < minV) v = minV;
        out[j] = v;
      }
    } else {
      for (let j = 0; j < out.length; j++) {
        const v = low + span * uniform53(this);
        out[j] = Math.min(v, maxV);
      }
    }
  }

  protected normalInto(out: FloatArray, mean: number, std: number, offset: number | undefined): void {
    this.noOffset(offset);
    if (out instanceof Float32Array) {
      for (let j = 0; j < out.length; j++) out[j] = mean + std * normal32(this);
    } else {
      for (let j = 0; j < out.length; j++) out[j] = mean + std * normal53(this);
    }
  }

  protected truncatedInto(out: FloatArray, p: TruncatedParams, offset: number | undefined): void {
    this.noOffset(offset);
    const { plan, mean, std, minV, maxV, far } = p;
    if (far) {
      for (let j = 0; j < out.length; j++) {
        const v = far.bound + far.direction * std * sampleFarOffset(far, this);
        out[j] = Math.min(Math.max(v, minV), maxV);
      }
      return;
    }
    if (!plan) {
      out.fill(p.constant);
      return;
    }
    const bits32 = out instanceof Float32Array;
    for (let j = 0; j < out.length; j++) {
      let v = mean + std * sampleTruncatedStandard(plan, this, bits32);
      if (v < minV) v = minV;
      else if (v > maxV) v = maxV;
      out[j] = v;
    }
  }

  protected bernoulliInto(out: FloatArray | Uint8Array, p: number, offset: number | undefined): void {
    this.noOffset(offset);
    for (let j = 0; j < out.length; j++) out[j] = uniform53(this) < p ? 1 : 0;
  }
}
