import { detExp, detLog } from './elementary';
import { uniform53, type WordSource } from './word-source';
import { normal32, normal53 } from './ziggurat';

/**
 * Exact sampling of a standard normal restricted to [alpha, beta] (either bound may be infinite).
 *
 * The sampler is chosen once per call from the interval (Robert 1995, "Simulation of truncated normal
 * variables"):
 * - `normal`: the interval contains 0 and is at least sqrt(2 pi) wide: draw N(0, 1) (ziggurat) until it
 *   falls inside. Acceptance >= 0.49. For float32 output the attempts use the 32-bit ziggurat format.
 * - `uniform`: a narrow interval: propose z uniform on [alpha, beta], accept with probability
 *   exp((m^2 - z^2) / 2) where m is the point of the interval closest to 0.
 * - `exponential`: a one-sided tail interval [alpha, beta] with alpha >= 0 (e.g. [3, 6], [8, 9], [0, inf)):
 *   propose z = alpha + Exp(lambda) truncated to [alpha, beta] with lambda = (alpha + sqrt(alpha^2 + 4)) / 2,
 *   accept with probability exp(-(z - lambda)^2 / 2).
 * Intervals entirely below 0 are sampled as their mirror image and negated. Every proposal is a function
 * of the words of the source, so results are reproducible bit for bit.
 */
export type TruncatedRegime = 'normal' | 'uniform' | 'exponential';

/** Everything the sampler needs about one standardized interval. */
export interface TruncatedPlan {
  readonly regime: TruncatedRegime;
  /** Lower bound of the (possibly mirrored) standardized interval. */
  readonly alpha: number;
  /** Upper bound of the (possibly mirrored) standardized interval. */
  readonly beta: number;
  /** Whether samples are negated at the end (interval below 0). */
  readonly mirrored: boolean;
  /** Exponential rate (exponential regime). */
  readonly lambda: number;
  /** 1 - exp(-lambda (beta - alpha)): truncation of the exponential proposal (1 when beta is infinite). */
  readonly expMass: number;
  /** Point of [alpha, beta] closest to 0 (uniform regime). */
  readonly peak: number;
}

const SQRT_2PI = 2.5066282746310002;
const TWO_SQRT_E = 3.2974425414002564;

/** Plans sampling of N(0, 1) restricted to [alpha, beta], alpha < beta (not both on the same infinity). */
export function planTruncated(alpha: number, beta: number): TruncatedPlan {
  let mirrored = false;
  if (beta <= 0 && alpha < 0) {
    mirrored = true;
    const a = -beta;
    beta = -alpha;
    alpha = a;
  }
  if (alpha < 0) {
    // Interval contains 0 in its interior.
    if (beta - alpha >= SQRT_2PI) {
      return { regime: 'normal', alpha, beta, mirrored, lambda: 0, expMass: 1, peak: 0 };
    }
    return { regime: 'uniform', alpha, beta, mirrored, lambda: 0, expMass: 1, peak: 0 };
  }
  // alpha >= 0: one-sided.
  const root = alpha > 1 ? alpha * Math.sqrt(1 + 4 / (alpha * alpha)) : Math.sqrt(alpha * alpha + 4);
  const lambda = (alpha + root) / 2;
  // Robert's rule: a uniform proposal beats the exponential one when the interval is narrower than this.
  const uniformWidth = (TWO_SQRT_E / (alpha + root)) * detExp((alpha * alpha - alpha * root) / 4);
  if (beta - alpha < uniformWidth) {
    return { regime: 'uniform', alpha, beta, mirrored, lambda, expMass: 1, peak: alpha };
  }
  const expMass = beta === Number.POSITIVE_INFINITY ? 1 : 1 - detExp(-lambda * (beta - alpha));
  return { regime: 'exponential', alpha, beta, mirrored, lambda, expMass, peak: alpha };
}

/**
 * One standardized sample in [alpha, beta] (mirrored when the plan says so), drawn from `src`. `bits32`
 * selects the 32-bit ziggurat format for the normal-rejection regime (float32 output: one word per attempt)
 * instead of the 53-bit one (float64 output: two words per attempt).
 */
export function sampleTruncatedStandard(plan: TruncatedPlan, src: WordSource, bits32 = false): number {
  const { alpha, beta } = plan;
  let z: number;
  switch (plan.regime) {
    case 'normal':
      do z = bits32 ? normal32(src) : normal53(src);
      while (!(z >= alpha && z <= beta));
      break;
    case 'uniform': {
      const width = beta - alpha;
      const m = plan.peak;
      for (;;) {
        z = alpha + width * uniform53(src);
        const u = uniform53(src);
        // exp((m^2 - z^2)/2) written as a product to avoid overflow for far intervals.
        if (u <= detExp(((m - z) * (m + z)) / 2)) break;
      }
      break;
    }
    default: {
      const { lambda, expMass } = plan;
      for (;;) {
        z = alpha - detLog(1 - uniform53(src) * expMass) / lambda;
        const u = uniform53(src);
        const d = z - lambda;
        if (u <= detExp(-0.5 * d * d)) break;
      }
    }
  }
  // Guard against the last-ulp rounding of the proposal formulas.
  if (z < alpha) z = alpha;
  else if (z > beta) z = beta;
  return plan.mirrored ? -z : z;
}
