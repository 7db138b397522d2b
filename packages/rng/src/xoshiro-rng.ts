import { BaseRng } from './base-rng';
import type { Rng, RngState } from './rng-types';
import { xoshiro128ssNext } from './xoshiro';

/** xoshiro128** stream; its initial state is the 128-bit stream key (never all zero). */
export class XoshiroRng extends BaseRng {
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
}
