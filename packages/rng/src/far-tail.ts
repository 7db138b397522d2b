import { detExp, detLog } from './elementary';
import { uniform53, type WordSource } from './word-source';

/**
 * Truncated normal on an interval that lies far outside the bulk of N(mean, std^2): the nearest bound is more
 * than {@link FAR_TAIL} standard deviations from the mean. There the standardized bounds (bound - mean) / std
 * cannot resolve the sample's offset from the bound (offsets are about 1 / distance, below the bounds' ulp),
 * so this sampler works with the offset itself:
 *
 * v = bound + direction * std * t, where t >= 0 has density proportional to exp(-d t - t^2 / 2) on [0, w],
 * d = |bound - mean| / std and w = (upper - lower) / std. Proposal: t = -ln(1 - u1 (1 - e^(-d w))) / d (an
 * exponential truncated to [0, w]); accepted when u2 <= exp(-t^2 / 2). Since t <= 38 / d, acceptance is above
 * 0.9999, and the result is exact up to the resolution of the uniforms.
 */
export interface FarTail {
  /** The bound next to the mean (lower when the mean lies below the interval). */
  readonly bound: number;
  /** +1 when samples lie above `bound` (mean below the interval), -1 otherwise. */
  readonly direction: 1 | -1;
  /** Standardized distance d from the mean to `bound` (> FAR_TAIL). */
  readonly rate: number;
  /** 1 - e^(-d w): mass of the exponential proposal inside the interval. */
  readonly expMass: number;
}

/** Standardized distance beyond which {@link FarTail} sampling is used: 2^16 standard deviations. */
export const FAR_TAIL = 65536;

/** Plans far-tail sampling for distance `rate` to `bound` and standardized width `width` (may be +Infinity). */
export function planFarTail(bound: number, direction: 1 | -1, rate: number, width: number): FarTail {
  const expMass = 1 - detExp(-(rate * width));
  return { bound, direction, rate, expMass: expMass > 0 ? expMass : 1 };
}

/** One standardized offset t in [0, w] from `src`. */
export function sampleFarOffset(far: FarTail, src: WordSource): number {
  for (;;) {
    const t = -detLog(1 - uniform53(src) * far.expMass) / far.rate;
    if (uniform53(src) <= detExp(-0.5 * t * t)) return t;
  }
}
