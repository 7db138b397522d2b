import seedrandom from 'seedrandom';
import type { Algorithm } from './rng-types';

// The only module that imports the `seedrandom` package. seedrandom is CommonJS without a `sideEffects`
// flag, so a bundler keeps all of it whenever a module importing it is reachable: this module is built as
// a file of its own (see tsup.config.ts) that only `SeedrandomRng`, and so only `createRng` and
// `fromState`, reach.

/** The algorithms provided by the `seedrandom` package. */
export type SeedrandomAlgorithm = Exclude<Algorithm, 'philox' | 'xoshiro128**'>;

/** A seedrandom generator created with `{ state: true }`. */
export interface StatefulPrng {
  (): number;
  int32(): number;
  state(): Record<string, number | number[]>;
}

type Factory = (seed: unknown, options: { state: unknown; global?: boolean }) => StatefulPrng;

function factory(algorithm: SeedrandomAlgorithm): Factory {
  const sr = seedrandom as unknown as Factory & Record<string, Factory>;
  return algorithm === 'arc4' ? (seed, options) => sr(seed, { ...options, global: false }) : sr[algorithm]!;
}

/**
 * Creates a seedrandom generator. `seed` keeps seedrandom's own meaning: strings and numbers are passed
 * through unchanged; a bigint is passed as its decimal string.
 */
export function seedrandomPrng(algorithm: SeedrandomAlgorithm, seed: number | string | bigint): StatefulPrng {
  return factory(algorithm)(typeof seed === 'bigint' ? seed.toString() : seed, { state: true });
}

/** Restores a seedrandom generator from its state object. */
export function seedrandomFromState(
  algorithm: SeedrandomAlgorithm,
  state: Readonly<Record<string, number | readonly number[]>>,
): StatefulPrng {
  const copy: Record<string, number | number[]> = {};
  for (const [k, v] of Object.entries(state)) copy[k] = typeof v === 'number' ? v : Array.from(v);
  return factory(algorithm)('', { state: copy });
}
