import { createRng, isRng, type Rng, RngError, type Seed } from '@init/rng';
import { describeValue, NnError } from './errors';

/**
 * Turns the `rng` argument of a data function into a stream: an `Rng` is used as is (and advanced), a
 * `Seed` becomes `createRng(seed)`. Errors of `@init/rng` are rethrown as `NnError` with argument `rng`.
 */
export function dataRng(value: unknown, argument = 'rng'): Rng {
  if (value === undefined) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      'is required: an Rng from createRng() or a seed (integer, bigint or string)',
    );
  }
  try {
    if (isRng(value)) return value;
    return createRng(value as Seed);
  } catch (error) {
    const detail = error instanceof RngError ? error.message : `got ${describeValue(value)}`;
    throw new NnError(
      error instanceof RngError && error.code === 'NOT_FINITE' ? 'NOT_FINITE' : 'INVALID_ARGUMENT',
      argument,
      `expected an Rng from createRng() or a seed (safe integer, bigint or string); ${detail}`,
    );
  }
}
