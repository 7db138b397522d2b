/**
 * Statistical reference functions for the tests: exact normal CDFs (series and continued fraction, accurate
 * to ~1e-15 relative, also deep in the tails), KS and chi-square statistics with thresholds derived from the
 * sample size at a fixed significance level.
 */

/** Significance level of every statistical test: a correct sampler fails one test with probability 1e-6. */
export const P_VALUE = 1e-6;
/** Standard normal quantile for a one-sided p of 1e-6. */
const Z_ONE_SIDED = 4.753424308822899;

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density. */
export function phi(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Upper tail Q(x) = P(Z > x), accurate also far in the tail. */
export function normalUpperTail(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x === Number.NEGATIVE_INFINITY) return 1;
  if (x < 0) return 1 - normalUpperTail(-x);
  if (x < 3) {
    // Phi(x) - 1/2 = phi(x) * sum x^(2n+1) / (1*3*...*(2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 0.5 - phi(x) * sum;
  }
  // Continued fraction Q(x) = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))), evaluated backwards.
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / f;
  return phi(x) / f;
}

/** CDF of N(0,1) restricted to [a, b], computed on the side of the interval where it is accurate. */
export function truncatedNormalCdf(a: number, b: number): (x: number) => number {
  if (b <= 0) {
    const qa = normalUpperTail(-a);
    const z = normalUpperTail(-b) - qa;
    return (x) => (x <= a ? 0 : x >= b ? 1 : (normalUpperTail(-x) - qa) / z);
  }
  const qa = normalUpperTail(a);
  const z = qa - normalUpperTail(b);
  return (x) => (x <= a ? 0 : x >= b ? 1 : (qa - normalUpperTail(x)) / z);
}

/** Kolmogorov-Smirnov statistic of `samples` against `cdf`. */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** KS critical value at P_VALUE for n samples: sqrt(-ln(p/2) / (2n)). */
export function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(P_VALUE / 2) / (2 * n));
}

/** Chi-square statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < observed.length; i++) {
    const d = observed[i]! - expected[i]!;
    s += (d * d) / expected[i]!;
  }
  return s;
}

/** Chi-square critical value at P_VALUE for `df` degrees of freedom (Wilson-Hilferty). */
export function chiSquareCritical(df: number): number {
  const c = 2 / (9 * df);
  return df * (1 - c + Z_ONE_SIDED * Math.sqrt(c)) ** 3;
}

/** Counts of samples in `bins` equal-probability bins of `cdf`. */
export function equalProbabilityCounts(
  samples: ArrayLike<number>,
  cdf: (x: number) => number,
  bins: number,
): Float64Array {
  const counts = new Float64Array(bins);
  for (let i = 0; i < samples.length; i++) {
    const b = Math.min(bins - 1, Math.floor(cdf(samples[i]!) * bins));
    counts[b]! += 1;
  }
  return counts;
}

/** Sample mean, variance and lag-1 serial correlation. */
export function moments(samples: ArrayLike<number>): { mean: number; variance: number; lag1: number } {
  const n = samples.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += samples[i]!;
  mean /= n;
  let v = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    v += d * d;
    if (i > 0) c += d * (samples[i - 1]! - mean);
  }
  return { mean, variance: v / n, lag1: c / v };
}
