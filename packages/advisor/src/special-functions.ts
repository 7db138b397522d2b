import { AdvisorError } from './errors';
import { valueText } from './value-text';

/**
 * Error function and Gaussian helpers in double precision, written for the quadrature
 * and the activation library (GELU needs the Gaussian CDF to full precision in both tails).
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_HALF = Math.SQRT1_2;

/** Rejects anything but a number (a numeric string, BigInt or null would be coerced silently). */
function checkNumber(x: unknown): number {
  if (typeof x !== 'number') {
    throw new AdvisorError('INVALID_ARGUMENT', 'x', `expected a number, got ${valueText(x)}`);
  }
  return x;
}

/**
 * erf(x) for |x| < 3 from the all-positive series
 * erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)),
 * which has no cancellation.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x >= 3 from the continued fraction
 * erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated backwards from a depth of 12 + 200/x^2 terms (converged to double precision for x >= 2).
 */
function erfcContinuedFraction(x: number): number {
  if (x > 27.3) return 0; // below the smallest subnormal
  // Depth needed for double precision shrinks like 1/x^2 (60 terms at x = 2, 17 at x = 6).
  const depth = Math.ceil(12 + 200 / (x * x));
  let tail = x;
  for (let k = depth; k >= 1; k--) tail = x + k / 2 / tail;
  return (INV_SQRT_PI * Math.exp(-x * x)) / tail;
}

/**
 * The error function, to about 1e-16 absolute.
 *
 * ```math
 * \mathrm{erf}(x) = \frac{2}{\sqrt\pi}\int_0^x e^{-t^2}\,dt
 * ```
 * Series for |x| < 3, continued fraction beyond. NaN in, NaN out; a value that is not a number is rejected.
 *
 * @param x - Any number.
 * @returns erf(x) in [-1, 1].
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `'x'`) for anything but a number (such as `'3'`).
 * @example
 * ```ts
 * erf(1); // => 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  checkNumber(x);
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  const value = a < 3 ? erfSeries(a) : 1 - erfcContinuedFraction(a);
  return x < 0 ? -value : value;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), accurate to about 1e-15 relative even
 * deep in the tail (continued fraction for |x| >= 2).
 *
 * @param x - Any number.
 * @returns erfc(x) in [0, 2].
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `'x'`) for anything but a number (such as `'3'`).
 * @example
 * ```ts
 * erfc(3); // => 2.209049699858544e-5
 * ```
 */
export function erfc(x: number): number {
  checkNumber(x);
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 2) return erfcContinuedFraction(x);
  if (x <= -2) return 2 - erfcContinuedFraction(-x);
  return 1 - erf(x);
}

/**
 * Standard normal CDF.
 *
 * ```math
 * \Phi(x) = \tfrac12\,\mathrm{erfc}(-x/\sqrt2)
 * ```
 *
 * @param x - Any number.
 * @returns Phi(x) in [0, 1], accurate in both tails.
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `'x'`) for anything but a number (such as `'3'`).
 * @example
 * ```ts
 * normalCdf(1.959963984540054); // => 0.975
 * ```
 */
export function normalCdf(x: number): number {
  checkNumber(x);
  return 0.5 * erfc(-x * SQRT_HALF);
}

/**
 * Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi).
 *
 * @param x - Any number.
 * @returns The density.
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `'x'`) for anything but a number (such as `'3'`).
 * @example
 * ```ts
 * normalPdf(0); // => 0.3989422804014327
 * ```
 */
export function normalPdf(x: number): number {
  checkNumber(x);
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
