import { isRng, type Rng, type Seed, toRng } from '@init/rng';
import { InitError } from './errors';

export type { Rng, Seed };

/**
 * Turns the `rng` argument of a random scheme into a stream: an `Rng` is used (and advanced) as is,
 * a seed builds a fresh stream with the default algorithm.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'rng'`) when it is missing or not a valid seed.
 */
export function resolveRng(rng: unknown, scheme: string): Rng {
  if (rng === undefined || rng === null) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'rng',
      `${scheme} is random: pass an Rng or a seed (a number, bigint or string; 0 is valid)`,
    );
  }
  if (isRng(rng)) return rng;
  try {
    return toRng(rng as Seed);
  } catch (e) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'rng',
      `${scheme}: must be an Rng or a seed (a number, bigint or string): ${(e as Error).message}`,
    );
  }
}
