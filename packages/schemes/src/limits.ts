import { InitError } from './errors';
import type { Dtype } from './tensor';

/**
 * The largest tensor an initializer allocates or fills: 2^30 elements (4 GiB of float32, 8 GiB of
 * float64). Larger shapes throw `TOO_LARGE` before any allocation.
 *
 * @example
 * ```ts
 * MAX_ELEMENTS; // => 1073741824
 * ```
 */
export const MAX_ELEMENTS = 2 ** 30;

/**
 * The largest finite float32, (2 − 2^-23)·2^127: settings whose float32 output could exceed it
 * throw `NOT_FINITE`.
 *
 * @example
 * ```ts
 * FLOAT32_MAX === Math.fround(3.4028234663852886e38); // => true
 * ```
 */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A bound, in standard deviations, on how far any normal draw of `@init/rng` lies from its mean.
 * Its uniforms have at most 53 bits, so no tail or rejection step can go beyond about 38.5.
 */
export const NORMAL_SPREAD = 40;

/** A bound on the entries of a computed matrix with orthonormal columns: 1 plus rounding error. */
export const ORTHONORMAL_ENTRY_MAX = 1.001;

/** The largest finite value of a dtype. */
export function dtypeMax(dtype: Dtype): number {
  return dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
}

/**
 * A bound on the magnitude of the values a scheme writes: `base · |multiplier|`. `argument` is the
 * setting to blame when the bound exceeds the dtype's range; `multiplier` is blamed instead when
 * `base` alone fits. `float64: true` marks an intermediate computed in double precision whatever
 * the output dtype (e.g. the span of a uniform).
 */
export interface Extent {
  readonly base: number;
  readonly multiplier: number;
  readonly argument: string;
  readonly float64?: boolean;
}

/**
 * Throws `NOT_FINITE` when a value bounded by one of `extents` could overflow `dtype` (and, for
 * `float64` extents, double precision).
 */
export function checkExtents(extents: readonly Extent[], dtype: Dtype, scheme: string): void {
  for (const e of extents) {
    const limit = e.float64 ? Number.MAX_VALUE : dtypeMax(dtype);
    const bound = Math.abs(e.base) * Math.abs(e.multiplier);
    if (bound <= limit) continue;
    const argument = Math.abs(e.base) <= limit ? 'multiplier' : e.argument;
    throw new InitError(
      'NOT_FINITE',
      argument,
      `${scheme}: values could reach ${bound} in magnitude, out of range of ${e.float64 ? 'float64' : dtype} (largest finite ${limit}); use a smaller ${argument}`,
    );
  }
}

/**
 * Checks that a validated shape has at most {@link MAX_ELEMENTS} elements and returns the count.
 *
 * @throws {InitError} `TOO_LARGE` (argument `'shape'`) for a larger shape.
 */
export function checkSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  if (shape.includes(0)) return 0;
  if (n > MAX_ELEMENTS) {
    throw new InitError(
      'TOO_LARGE',
      'shape',
      `[${shape.join(', ')}] has ${n} elements; at most ${MAX_ELEMENTS} (2^30) can be generated`,
    );
  }
  return n;
}
