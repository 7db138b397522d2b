import { BaseRng } from './base-rng';
import type { TruncatedParams, UniformParams } from './fill-params';
import { philoxBlocks } from './philox';
import {
  BERNOULLI_PER_BLOCK,
  drawBernoulli,
  drawNormal,
  drawTruncated,
  drawUniform,
  normalPerBlock,
  truncatedBlockSize,
  uniformPerBlock,
} from './philox-draws';
import type { FloatArray, Rng, RngState } from './rng-types';

/**
 * Name of the internal method through which the Node-only parallel fill (`@init/rng/node`) reserves a range
 * of a Philox stream. A string no identifier can spell, so it never clashes; and a plain (not computed) method
 * name, so that a bundler can drop the class when nothing builds a stream.
 */
export const PHILOX_CLAIM = '@init/rng:philox-claim';

/** What {@link PHILOX_CLAIM} returns: the Philox key and the stream index of the first value. */
export interface PhiloxClaim {
  readonly k0: number;
  readonly k1: number;
  readonly start: number;
}

/**
 * Philox4x32-10 stream. Key = words 0 and 1 of the 128-bit stream key. The single-number API reads the
 * main counter domain word by word (`position` counts words). A fill without `offset` starts at the next
 * whole block and advances the position past the blocks it used; a fill with `offset` reads the values at
 * indices offset, offset + 1, ... and leaves the position alone.
 */
export class PhiloxRng extends BaseRng {
  readonly algorithm = 'philox' as const;
  private readonly k0: number;
  private readonly k1: number;
  private position: number;
  private readonly block = new Uint32Array(4);
  private blockIndex = -1;

  constructor(key: Uint32Array, splits: number, position: number) {
    super(key, splits);
    this.k0 = key[0]!;
    this.k1 = key[1]!;
    this.position = position;
  }

  nextUint32(): number {
    const b = Math.floor(this.position / 4);
    if (b !== this.blockIndex) {
      philoxBlocks(this.k0, this.k1, b % 4294967296, Math.floor(b / 4294967296), 0, 0, 1, this.block, 0);
      this.blockIndex = b;
    }
    return this.block[this.position++ & 3]!;
  }

  protected child(key: Uint32Array): Rng {
    return new PhiloxRng(key, 0, 0);
  }

  protected stateFields(): Pick<RngState, 'position'> {
    return { position: this.position };
  }

  /** Stream index of the first value of a fill of n values at `valuesPerBlock` per block; advances the position. */
  private claim(offset: number | undefined, n: number, valuesPerBlock: number): number {
    if (offset !== undefined) return offset;
    const block = Math.ceil(this.position / 4);
    this.position = (block + Math.ceil(n / valuesPerBlock)) * 4;
    return block * valuesPerBlock;
  }

  /**
   * Internal: the key and the first stream index a fill of `n` values at `valuesPerBlock` per block would use,
   * advancing the position exactly as that fill would (unless `offset` is given).
   */
  '@init/rng:philox-claim'(offset: number | undefined, n: number, valuesPerBlock: number): PhiloxClaim {
    return { k0: this.k0, k1: this.k1, start: this.claim(offset, n, valuesPerBlock) };
  }

  protected override uniformInto(out: FloatArray, p: UniformParams, offset: number | undefined): void {
    drawUniform(this.k0, this.k1, out, this.claim(offset, out.length, uniformPerBlock(out)), p);
  }

  protected override normalInto(
    out: FloatArray,
    mean: number,
    std: number,
    offset: number | undefined,
  ): void {
    drawNormal(this.k0, this.k1, out, this.claim(offset, out.length, normalPerBlock(out)), mean, std);
  }

  protected override truncatedInto(out: FloatArray, p: TruncatedParams, offset: number | undefined): void {
    drawTruncated(this.k0, this.k1, out, this.claim(offset, out.length, truncatedBlockSize(out, p)), p);
  }

  protected override bernoulliInto(
    out: FloatArray | Uint8Array,
    prob: number,
    offset: number | undefined,
  ): void {
    drawBernoulli(this.k0, this.k1, out, this.claim(offset, out.length, BERNOULLI_PER_BLOCK), prob);
  }
}
