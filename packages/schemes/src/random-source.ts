import { isRng, type Rng, type Seed, type StreamKey, streamKey, toRng } from '@init/rng';
import { InitError } from './errors';

export type { Rng, Seed };

/** A seed given to a random scheme, with the key of its fresh stream (no stream built yet). */
export interface SeedSource {
  readonly seed: Seed;
  readonly key: StreamKey;
}

/**
 * What a random scheme draws from: the caller's `Rng` (used and advanced as is), or a seed. A scheme that
 * makes a single fill draws a seed's values through its key, so a bundle of it carries no stream class;
 * one that needs a whole stream asks {@link streamOf}.
 */
export type RandomSource = Rng | SeedSource;

/** Whether the source is a seed rather than a stream. */
export function isSeedSource(source: RandomSource): source is SeedSource {
  return typeof (source as Partial<Rng>).fillNormal !== 'function';
}

/**
 * Checks the `rng` argument of a random scheme: an `Rng` is kept, a seed is validated and keyed.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'rng'`) when it is missing or not a valid seed.
 */
export function resolveSource(rng: unknown, scheme: string): RandomSource {
  if (rng === undefined || rng === null) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'rng',
      `${scheme} is random: pass an Rng or a seed (a number, bigint or string; 0 is valid)`,
    );
  }
  if (isRng(rng)) return rng;
  try {
    return { seed: rng as Seed, key: streamKey(rng as Seed) };
  } catch (e) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'rng',
      `${scheme}: must be an Rng or a seed (a number, bigint or string): ${(e as Error).message}`,
    );
  }
}

/**
 * The stream to draw from: the caller's, or `createRng(seed)` for a seed (the same values a seed's keyed
 * fill gives). Call it once per run: each call on a seed starts the stream afresh.
 */
export function streamOf(source: RandomSource): Rng {
  return isSeedSource(source) ? toRng(source.seed) : source;
}
