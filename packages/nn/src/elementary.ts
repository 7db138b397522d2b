/**
 * exp, expm1, log, log1p, tanh and cos built only from IEEE 754 basic operations (+, −, ×, ÷, which
 * every engine rounds identically), so that activations, losses and schedules give the same bits
 * in every JavaScript engine. `Math.exp` and friends are allowed to differ by an ulp between engines
 * and versions, which would break bit-reproducibility between Node and browsers.
 *
 * Accuracy: within a few float64 ulps (relative error below 2e-15), far below float32 resolution.
 *
 * @packageDocumentation
 */

export const LN2_HI = 0.6931471803691238; // ln 2 rounded to 32 significant bits (k · LN2_HI is exact for |k| < 2^20)
export const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
export const INV_LN2 = 1.4426950408889634;
const SQRT2 = Math.SQRT2;

const scratch = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [-1022, 1023], exactly (built from the exponent bits). */
export function pow2(k: number): number {
  scratch.setUint32(0, (k + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** x · 2^k for any integer k, exactly unless the result under- or overflows. */
function scale2(x: number, k: number): number {
  let y = x;
  let e = k;
  while (e > 1023) {
    y *= pow2(1023);
    e -= 1023;
  }
  while (e < -1022) {
    y *= pow2(-1022);
    e += 1022;
  }
  return y * pow2(e);
}

/** e^r for |r| ≤ 0.35 by its Taylor series to degree 14 (truncation below 2^-60 relative). */
function expSmall(r: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 14; n++) {
    term = (term * r) / n;
    sum += term;
  }
  return sum;
}

/**
 * e^x.
 *
 * ```math
 * e^x = 2^k e^r, \quad k = \mathrm{round}(x / \ln 2), \quad r = x - k \ln 2
 * ```
 *
 * @example
 * ```ts
 * exp(1); // => 2.718281828459045
 * ```
 */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  return scale2(expSmall(r), k);
}

/**
 * e^x − 1, accurate near 0.
 *
 * @example
 * ```ts
 * expm1(1e-10); // => 1.00000000005e-10
 * ```
 */
export function expm1(x: number): number {
  if (Math.abs(x) < 0.7) {
    let term = x;
    let sum = x;
    for (let n = 2; n <= 20; n++) {
      term = (term * x) / n;
      sum += term;
    }
    return sum;
  }
  return exp(x) - 1;
}

/**
 * Natural logarithm.
 *
 * ```math
 * \ln x = e \ln 2 + 2 \operatorname{atanh}\frac{m - 1}{m + 1}, \quad x = m 2^e,\ m \in [\sqrt{1/2}, \sqrt 2)
 * ```
 *
 * @example
 * ```ts
 * log(Math.E); // => 1
 * ```
 */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let v = x;
  let e = 0;
  if (v < 2.2250738585072014e-308) {
    v *= 18014398509481984; // 2^54: bring subnormals into the normal range
    e = -54;
  }
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (hi & 0x000fffff) | 0x3ff00000);
  let m = scratch.getFloat64(0);
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 3; n <= 29; n += 2) {
    term *= z2;
    sum += term / n;
  }
  return e * LN2_HI + (e * LN2_LO + 2 * sum);
}

/**
 * ln(1 + x), accurate near 0.
 *
 * @example
 * ```ts
 * log1p(1e-10); // => 9.9999999995e-11
 * ```
 */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Number.POSITIVE_INFINITY) return u;
  return (log(u) * x) / (u - 1);
}

/**
 * Hyperbolic tangent, from `expm1(2x) / (expm1(2x) + 2)`.
 *
 * @example
 * ```ts
 * tanh(0.5); // => 0.4621171572600097
 * ```
 */
export function tanh(x: number): number {
  if (x > 20) return 1;
  if (x < -20) return -1;
  const t = expm1(2 * x);
  return t / (t + 2);
}

/**
 * cos x for x in [0, π] (what cosine schedules need), by sin(π/2 − x) as a Taylor series.
 *
 * @example
 * ```ts
 * cos(Math.PI / 3); // => 0.5000000000000001
 * ```
 */
export function cos(x: number): number {
  const a = Math.PI / 2 - x;
  const a2 = a * a;
  let term = a;
  let sum = a;
  for (let n = 3; n <= 25; n += 2) {
    term = (-term * a2) / ((n - 1) * n);
    sum += term;
  }
  return sum;
}

/**
 * base^n for a non-negative integer n by binary exponentiation (basic operations only).
 *
 * @example
 * ```ts
 * powInt(0.5, 3); // => 0.125
 * ```
 */
export function powInt(base: number, n: number): number {
  let result = 1;
  let b = base;
  let k = n;
  while (k > 0) {
    if (k & 1) result *= b;
    b *= b;
    k = Math.floor(k / 2);
  }
  return result;
}
