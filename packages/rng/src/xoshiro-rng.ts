import type { UniformParams } from './fill-params';
import type { FloatArray, Rng, RngState } from './rng-types';
import { float32UniformScale } from './uniform-float32';
import { WordRng } from './word-rng';
import { TWO_M24, type WordSource } from './word-source';
import { xoshiro128ssNext } from './xoshiro';
import { normal32Slow, zigguratTables } from './ziggurat';

/**
 * xoshiro128** stream; its initial state is the 128-bit stream key (never all zero). The float32 uniform and
 * normal fills run the generator inline (state in local variables); they consume exactly the words the
 * generic sequential fills would, so the values are the same.
 */
export class XoshiroRng extends WordRng {
  readonly algorithm = 'xoshiro128**' as const;
  private readonly s: Uint32Array;

  constructor(key: Uint32Array, splits: number, words: ArrayLike<number>) {
    super(key, splits);
    this.s = Uint32Array.from(words);
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  nextUint32(): number {
    return xoshiro128ssNext(this.s);
  }

  protected child(key: Uint32Array): Rng {
    return new XoshiroRng(key, 0, key);
  }

  protected stateFields(): Pick<RngState, 'words'> {
    return { words: Array.from(this.s) };
  }

  protected override uniformInto(out: FloatArray, p: UniformParams, offset: number | undefined): void {
    if (!(out instanceof Float32Array)) {
      super.uniformInto(out, p, offset);
      return;
    }
    this.noOffset(offset);
    xoshiroUniform32(this.s, out, p.low, p.span, p.minV, p.maxV);
  }

  protected override normalInto(
    out: FloatArray,
    mean: number,
    std: number,
    offset: number | undefined,
  ): void {
    if (!(out instanceof Float32Array)) {
      super.normalInto(out, mean, std, offset);
      return;
    }
    this.noOffset(offset);
    xoshiroNormal32(this.s, out, mean, std, this);
  }
}

/** Float32 uniform fill with the generator inline (the words of 'uniform32' in the sequential fills). */
function xoshiroUniform32(
  st: Uint32Array,
  out: Float32Array,
  low: number,
  span: number,
  minV: number,
  maxV: number,
): void {
  const scale = TWO_M24; // a local: imported bindings can cost a property load per use in some loaders
  const scale32 = float32UniformScale(low, span); // the float32 formula, see uniform-float32.ts
  const low32 = Math.fround(low);
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  for (let j = 0; j < out.length; j++) {
    const m = Math.imul(s1, 5);
    const w = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const u = w >>> 8;
    let v =
      scale32 !== 0 ? Math.fround(low32 + Math.fround(scale32 * u)) : Math.fround(low + span * (u * scale));
    if (v > maxV) v = maxV;
    else if (v < minV) v = minV;
    out[j] = v;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
}

/** Float32 normal fill with the generator inline; the rare slow path draws through `rng` on the shared state. */
function xoshiroNormal32(
  st: Uint32Array,
  out: Float32Array,
  mean: number,
  std: number,
  rng: WordSource,
): void {
  const { x: xt, scale23 } = zigguratTables();
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  for (let j = 0; j < out.length; j++) {
    const m = Math.imul(s1, 5);
    const w = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const layer = w & 255;
    let z = (w >>> 9) * scale23[layer]!;
    if (z < xt[layer + 1]!) {
      if ((w & 256) !== 0) z = -z;
    } else {
      st[0] = s0;
      st[1] = s1;
      st[2] = s2;
      st[3] = s3;
      z = normal32Slow(layer, z, (w & 256) !== 0, rng);
      s0 = st[0]! | 0;
      s1 = st[1]! | 0;
      s2 = st[2]! | 0;
      s3 = st[3]! | 0;
    }
    out[j] = mean + std * z;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
}
