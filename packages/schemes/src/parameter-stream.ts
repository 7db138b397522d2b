import { toRng } from '@init/rng';
import { describeValue, InitError } from './errors';
import type { Rng, Seed } from './random-source';

export type { Rng, Seed };

/**
 * The stream of one model parameter: the seed's stream forked by the parameter's name.
 *
 * Formula: `createRng(seed).fork(name)`, whose key is SHA-256(fork tag, seed key, UTF-8 name), so a
 * parameter's values depend only on (seed, name), never on the order parameters are generated in or on
 * which machine generates them.
 *
 * @param seed - a number, bigint or string (the default algorithm, counter-based Philox, is used)
 * @param name - the parameter's name, e.g. `'transformer.h.0.attn.c_attn.weight'`
 * @returns a fresh stream at position 0
 * @throws {InitError} `INVALID_ARGUMENT` (argument `seed` or `name`) for a bad seed or a non-string name
 * @example
 * ```ts
 * parameterStream(42, 'encoder.0.weight').nextUint32(); // => 2751348045
 * ```
 */
export function parameterStream(seed: Seed, name: string): Rng {
  if (typeof name !== 'string') {
    throw new InitError('INVALID_ARGUMENT', 'name', `must be a string, got ${describeValue(name)}`);
  }
  let root: Rng;
  try {
    root = toRng(seed);
  } catch (e) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'seed',
      `must be a number, bigint or string: ${(e as Error).message}`,
    );
  }
  return root.fork(name);
}
