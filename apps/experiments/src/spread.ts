import { summarize } from './stats.ts';

/** Options of {@link spreadBound}. */
export interface SpreadBoundOptions {
  /** Which side of the reference the checked value must stay on. */
  readonly side: 'upper' | 'lower';
  /** Number of standard deviations of margin. */
  readonly k: number;
  /** Bound the mean of this many seeds instead of one run: the margin uses the standard error std/√n. Default 1. */
  readonly of?: number;
  /** Compare in log10 space (for quantities spread over orders of magnitude). Default false. */
  readonly log?: boolean;
}

/**
 * A test threshold derived from a reference run's spread over seeds: `mean + k·std/√of` (upper) or
 * `mean − k·std/√of` (lower), std with n − 1, optionally in log10 space (the bound is returned in linear units).
 *
 * @param reference - the per-seed values of the reference (quick) run
 * @example
 * ```ts
 * spreadBound([1, 2, 3], { side: 'upper', k: 2 }); // => 4
 * spreadBound([10, 1000], { side: 'lower', k: 0, log: true }); // => 100
 * ```
 */
export function spreadBound(reference: readonly number[], o: SpreadBoundOptions): number {
  const values = o.log === true ? reference.map(Math.log10) : reference;
  const s = summarize(values);
  if (s.n < 2) throw new Error('reference: at least two finite values are needed for a spread');
  const margin = (o.k * s.std) / Math.sqrt(o.of ?? 1);
  const bound = o.side === 'upper' ? s.mean + margin : s.mean - margin;
  return o.log === true ? 10 ** bound : bound;
}
