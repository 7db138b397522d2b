import type { Rng, RngState } from './rng-types';
import { keyToHex } from './seed';
import { type SeedrandomAlgorithm, type StatefulPrng, seedrandomPrng } from './seedrandom-prng';
import { WordRng } from './word-rng';

export type { SeedrandomAlgorithm };

/** State fields each algorithm's state object must have (arrays with their lengths). */
export const SEEDRANDOM_STATE_FIELDS: Record<SeedrandomAlgorithm, Record<string, number>> = {
  alea: { c: 0, s0: 0, s1: 0, s2: 0 },
  arc4: { i: 0, j: 0, S: 256 },
  xor128: { x: 0, y: 0, z: 0, w: 0 },
  xorwow: { x: 0, y: 0, z: 0, w: 0, v: 0, d: 0 },
  xorshift7: { i: 0, x: 8 },
  xor4096: { i: 0, w: 0, X: 128 },
  tychei: { a: 0, b: 0, c: 0, d: 0 },
};

/**
 * A stream of one of seedrandom's generators. `nextUint32()` is seedrandom's `int32() >>> 0` and `random()`
 * is the generator's own `prng()`, so both sequences equal seedrandom's.
 */
export class SeedrandomRng extends WordRng {
  readonly algorithm: SeedrandomAlgorithm;
  private readonly prng: StatefulPrng;

  constructor(algorithm: SeedrandomAlgorithm, key: Uint32Array, splits: number, prng: StatefulPrng) {
    super(key, splits);
    this.algorithm = algorithm;
    this.prng = prng;
  }

  nextUint32(): number {
    return this.prng.int32() >>> 0;
  }

  override random(): number {
    return this.prng();
  }

  protected child(key: Uint32Array): Rng {
    return new SeedrandomRng(this.algorithm, key, 0, seedrandomPrng(this.algorithm, keyToHex(key)));
  }

  protected stateFields(): Pick<RngState, 'generator'> {
    return { generator: this.prng.state() };
  }
}
