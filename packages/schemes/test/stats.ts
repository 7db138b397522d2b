/** Statistical helpers for the tests: CDFs, the KS statistic and sample-size-derived bounds. */

/** erf with absolute error below 1.2e-7 (Numerical Recipes erfc, Chebyshev fit). */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

/** CDF of N(mean, std^2). */
export const normalCdf =
  (mean: number, std: number) =>
  (x: number): number =>
    0.5 * (1 + erf((x - mean) / (std * Math.SQRT2)));

/** CDF of U[low, high). */
export const uniformCdf =
  (low: number, high: number) =>
  (x: number): number =>
    x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);

/** CDF of N(mean, std^2) restricted to [a, b]. */
export const truncatedNormalCdf = (mean: number, std: number, a: number, b: number) => {
  const F = normalCdf(mean, std);
  const fa = F(a);
  const z = F(b) - fa;
  return (x: number): number => (x <= a ? 0 : x >= b ? 1 : (F(x) - fa) / z);
};

/** Kolmogorov-Smirnov statistic of a sample against a continuous CDF. */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i] as number);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** KS critical value at significance p: sqrt(-ln(p/2) / (2n)). */
export function ksCritical(n: number, p = 1e-6): number {
  return Math.sqrt(-Math.log(p / 2) / (2 * n));
}

/** z for a two-sided tail probability of about 1e-8 (|N(0,1)| > 5.73). */
export const Z = 5.73;

/** Mean, variance (population) and fourth central moment. */
export function moments(sample: ArrayLike<number>): {
  mean: number;
  variance: number;
  m4: number;
  n: number;
} {
  const n = sample.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sample[i] as number;
  const mean = s / n;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (sample[i] as number) - mean;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  return { mean, variance: s2 / n, m4: s4 / n, n };
}

/**
 * Checks the sample mean and variance against the intended ones with bounds derived from n:
 * |mean - mu| <= Z·sigma/sqrt(n), |var - sigma^2| <= Z·sqrt((m4 - sigma^4)/n).
 */
export function momentReport(sample: ArrayLike<number>, mu: number, sigma2: number) {
  const m = moments(sample);
  const meanBound = (Z * Math.sqrt(sigma2)) / Math.sqrt(m.n);
  const varBound = Z * Math.sqrt(Math.max(m.m4 - sigma2 * sigma2, 0) / m.n);
  return {
    ...m,
    meanOk: Math.abs(m.mean - mu) <= meanBound,
    varianceOk: Math.abs(m.variance - sigma2) <= varBound,
    meanBound,
    varBound,
  };
}

/** Variance of N(0, 1) truncated to [-c, c]. */
export function truncatedUnitVariance(c: number): number {
  const phi = Math.exp(-0.5 * c * c) / Math.sqrt(2 * Math.PI);
  const z = erf(c / Math.SQRT2);
  return 1 - (2 * c * phi) / z;
}
