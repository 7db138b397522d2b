/**
 * Euclidean norm of a sequence in one pass without overflow or underflow, by Blue's three
 * accumulators (the algorithm of LAPACK's `dnrm2` since 3.10): squares of mid-range values are
 * summed as they are, values above `2^486` are scaled down by `2^-538` and values below `2^-511`
 * up by `2^537` before squaring (powers of two, so no rounding is added), and the three sums are
 * combined at the end. For sequences of ordinary magnitude this is exactly `sqrt(Σ x²)`. Internal.
 */

const T_SMALL = 2 ** -511;
const T_BIG = 2 ** 486;
const S_SMALL = 2 ** 537;
const S_BIG = 2 ** -538;

/** Running sums of squares in three ranges; feed values with {@link addSquare}, read with {@link finishNorm}. */
export interface SumOfSquares {
  small: number;
  medium: number;
  big: number;
}

/** A fresh accumulator. */
export const sumOfSquares = (): SumOfSquares => ({ small: 0, medium: 0, big: 0 });

/** Adds `x²` to the accumulator. */
export function addSquare(acc: SumOfSquares, x: number): void {
  const a = Math.abs(x);
  if (a > T_BIG) {
    const s = a * S_BIG;
    acc.big += s * s;
  } else if (a < T_SMALL) {
    const s = a * S_SMALL;
    acc.small += s * s;
  } else {
    acc.medium += a * a;
  }
}

/** `sqrt(Σ x²)` of everything added (may be Infinity only when the norm itself exceeds the float64 range). */
export function finishNorm(acc: SumOfSquares): number {
  if (acc.big > 0) {
    // Medium values matter only next to big ones through their scaled sum; small ones never do.
    return Math.sqrt(acc.big + acc.medium * S_BIG * S_BIG) / S_BIG;
  }
  if (acc.small > 0) {
    if (acc.medium > 0) {
      const med = Math.sqrt(acc.medium);
      const sml = Math.sqrt(acc.small) / S_SMALL;
      const hi = Math.max(med, sml);
      const lo = Math.min(med, sml);
      return hi * Math.sqrt(1 + (lo / hi) * (lo / hi));
    }
    return Math.sqrt(acc.small) / S_SMALL;
  }
  return Math.sqrt(acc.medium);
}

/** The 2-norm of `x[start .. start + len)`. */
export function norm2(x: ArrayLike<number>, start: number, len: number): number {
  const acc = sumOfSquares();
  const end = start + len;
  for (let i = start; i < end; i++) addSquare(acc, x[i] as number);
  return finishNorm(acc);
}
