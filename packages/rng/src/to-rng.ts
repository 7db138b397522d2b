import { PhiloxRng } from './philox-rng';
import type { Rng } from './rng-types';
import { checkSeed, keyFromBytes, type Seed, seedBytes } from './seed';

/** Every method of the {@link Rng} interface. */
const RNG_METHODS = [
  'nextUint32',
  'random',
  'uniform',
  'normal',
  'truncatedNormal',
  'integer',
  'bernoulli',
  'fillUniform',
  'fillNormal',
  'fillTruncatedNormal',
  'fillBernoulli',
  'permutation',
  'shuffle',
  'sample',
  'split',
  'fork',
  'getState',
  'uniformArray',
  'normalArray',
  'truncatedNormalArray',
] as const satisfies readonly (keyof Rng)[];

/**
 * Whether `value` is an {@link Rng} (checked by shape, so it also recognises streams from another copy of
 * this package).
 *
 * @param value - anything
 * @returns true when `value` has a string `algorithm` and every method of the Rng interface
 * @example
 * ```ts
 * isRng(createRng(1)); // true
 * isRng(1); // false
 * ```
 */
export function isRng(value: unknown): value is Rng {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const v = value as Record<string, unknown>;
    return typeof v.algorithm === 'string' && RNG_METHODS.every((name) => typeof v[name] === 'function');
  } catch {
    return false; // a proxy or getter that throws is not an Rng
  }
}

/**
 * Turns the `rng` argument of a stochastic function into a stream: an {@link Rng} is returned as is (and
 * advanced by the caller's draws), a {@link Seed} becomes `createRng(seed)` with the default algorithm.
 *
 * @param rngOrSeed - an Rng or a seed
 * @returns an Rng
 * @throws RngError (argument `rng`) when the value is neither an Rng nor a valid seed.
 * @example
 * ```ts
 * toRng(7).normal() === createRng(7).normal(); // true
 * ```
 */
export function toRng(rngOrSeed: Rng | Seed): Rng {
  if (isRng(rngOrSeed)) return rngOrSeed;
  // createRng(seed) with the default algorithm, built directly: createRng's dispatch reaches every
  // algorithm, and a bundle that only resolves seeds should not carry them.
  return new PhiloxRng(keyFromBytes(seedBytes(checkSeed(rngOrSeed, 'rng'))), 0, 0);
}
