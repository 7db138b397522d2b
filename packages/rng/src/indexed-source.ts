import { philoxBlocks } from './philox';
import type { WordSource } from './word-source';

/**
 * The word stream that belongs to one output index i of a counter-based fill: first the index's own words
 * from the main counter domain (given by the caller), then, for the rare rejected attempts, the blocks of a
 * retry domain whose counter is (i mod 2^32, floor(i / 2^32), attempt, tag) for attempt = 0, 1, 2, ...
 * Main-domain counters have words 2 and 3 equal to 0 and every tag is nonzero, so the two domains never
 * overlap, and every word used for output i is a function of (key, i) only.
 */
export class IndexedSource implements WordSource {
  private k0 = 0;
  private k1 = 0;
  private lo = 0;
  private hi = 0;
  private tag = 0;
  private attempt = 0;
  private readonly main = new Uint32Array(4);
  private mainCount = 0;
  private mainPos = 0;
  private readonly block = new Uint32Array(4);
  private blockPos = 4;

  /**
   * Starts the stream of index `index` (a safe integer) for key (k0, k1) and retry domain `tag` (nonzero),
   * with `mainCount` main-domain words taken from `words` starting at `from`.
   */
  reset(
    k0: number,
    k1: number,
    index: number,
    tag: number,
    words: Uint32Array,
    from: number,
    mainCount: number,
  ): this {
    this.k0 = k0;
    this.k1 = k1;
    this.lo = index % 4294967296;
    this.hi = Math.floor(index / 4294967296);
    this.tag = tag;
    this.attempt = 0;
    for (let j = 0; j < mainCount; j++) this.main[j] = words[from + j]!;
    this.mainCount = mainCount;
    this.mainPos = 0;
    this.blockPos = 4;
    return this;
  }

  nextUint32(): number {
    if (this.mainPos < this.mainCount) return this.main[this.mainPos++]!;
    if (this.blockPos === 4) {
      philoxBlocks(this.k0, this.k1, this.lo, this.hi, this.attempt, this.tag, 1, this.block, 0);
      this.attempt++;
      this.blockPos = 0;
    }
    return this.block[this.blockPos++]!;
  }
}

/** Retry-domain tag of the 32-bit (float32) normal sampler. */
export const TAG_NORMAL32 = 0x4e523332;
/** Retry-domain tag of the 53-bit (float64) normal sampler. */
export const TAG_NORMAL53 = 0x4e523533;
/**
 * Retry-domain tags of the truncated normal sampler, one per layout (values per Philox block: 4 for
 * normal-rejection float32 fills, 2 for float64 ones, 1 for the proposal regimes). Retries are addressed by
 * stream index, and fills of different layouts reach the same indices from different blocks, so a tag of
 * their own keeps them apart: two draws of one stream never read the same retry words.
 */
export const TAG_TRUNCATED_BY_LAYOUT: Readonly<Record<1 | 2 | 4, number>> = {
  1: 0x544e5231,
  2: 0x544e5232,
  4: 0x544e5234,
};
/** Retry-domain tag of the far-tail truncated normal sampler (all its words come from this domain). */
export const TAG_FAR_TAIL = 0x46415254;
