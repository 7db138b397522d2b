import { AdvisorError } from './errors';
import { gaussLegendre } from './gauss-legendre';
import { checkOptions } from './options';
import { valueText } from './value-text';

/** Options of {@link gaussianExpectation}. */
export interface GaussianExpectationOptions {
  /** Mean of the Gaussian. Default 0. */
  readonly mean?: number;
  /** Variance of the Gaussian, finite and >= 0. Default 1. */
  readonly variance?: number;
  /** Points (in x) where f is not smooth; the integral is split there. Default none. */
  readonly breakpoints?: readonly number[];
  /** Gauss–Legendre points per panel, integer in [2, 64]. Default 16. */
  readonly order?: number;
  /** Panel width in units of min(1, std). Default 0.5. Smaller is slower and more accurate. */
  readonly panel?: number;
}

/** Truncation of the Gaussian in standard deviations: the omitted mass is below 1e-38. */
const TAIL = 13;
/** Upper bound on the number of panels, so huge variances stay cheap. */
const MAX_PANELS = 6000;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * E[f(x)] for x ~ N(mean, variance), by composite Gauss–Legendre quadrature.
 *
 * ```math
 * E[f] = \int f(x)\, \frac{e^{-(x-m)^2/(2v)}}{\sqrt{2\pi v}}\, dx
 * ```
 * The interval m ± 13 sqrt(v) is cut at every breakpoint and into panels no wider than
 * `panel * min(1, sqrt v)`, so that both the Gaussian and f's own unit-scale features are resolved;
 * each panel gets an `order`-point Gauss–Legendre rule. For functions that are smooth between the
 * breakpoints the result is accurate to about 1e-13 relative. Variance 0 returns f(mean).
 *
 * @param f - Integrand; called only at finite points.
 * @param options - See {@link GaussianExpectationOptions}.
 * @returns The expectation.
 * The integral is taken in z = (x - mean)/std, so a huge mean next to a small variance keeps full
 * precision (E[x] for mean 1e20 is 1e20), and the number of f evaluations is bounded whatever the
 * mean and variance.
 *
 * @throws {AdvisorError} `INVALID_ARGUMENT` for an f that is not a function (or throws), a negative or
 *   non-finite variance or mean, bad order/panel/breakpoints, or an unknown option key;
 *   `NOT_FINITE` (argument `'f'`) if f returns a non-finite value or the expectation overflows.
 * @example
 * ```ts
 * gaussianExpectation((x) => x * x, { variance: 4 }); // => 4 (to 1e-14)
 * ```
 */
export function gaussianExpectation(
  f: (x: number) => number,
  options: GaussianExpectationOptions = {},
): number {
  if (typeof f !== 'function') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'f',
      `expected a function (x: number) => number, got ${valueText(f)}`,
    );
  }
  const o = checkOptions<GaussianExpectationOptions>(options, OPTION_KEYS, 'options');
  const mean = o.mean ?? 0;
  const variance = o.variance ?? 1;
  const order = o.order ?? 16;
  const panel = o.panel ?? 0.5;
  if (typeof mean !== 'number' || !Number.isFinite(mean)) {
    throw new AdvisorError('INVALID_ARGUMENT', 'mean', `expected a finite number, got ${valueText(mean)}`);
  }
  if (typeof variance !== 'number' || !Number.isFinite(variance) || variance < 0) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'variance',
      `expected a finite number >= 0, got ${valueText(variance)}`,
    );
  }
  if (typeof order !== 'number' || !Number.isInteger(order) || order < 2 || order > 64) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'order',
      `expected an integer in [2, 64], got ${valueText(order)}`,
    );
  }
  if (typeof panel !== 'number' || !Number.isFinite(panel) || panel <= 0 || panel > 13) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'panel',
      `expected a number in (0, 13], got ${valueText(panel)}`,
    );
  }
  const breakpoints = checkBreakpoints(o.breakpoints);
  const value = integrate(guard(f), mean, variance, breakpoints, order, panel);
  if (!Number.isFinite(value)) {
    throw new AdvisorError(
      'NOT_FINITE',
      'f',
      'the expectation is not finite (f returned a non-finite value, or its values overflow on this Gaussian)',
    );
  }
  return value;
}

const OPTION_KEYS = ['mean', 'variance', 'breakpoints', 'order', 'panel'];
/** Most breakpoints accepted: each one splits the integral, so the cost grows with their number. */
const MAX_BREAKPOINTS = 256;

function checkBreakpoints(value: unknown): readonly number[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.length > MAX_BREAKPOINTS ||
    value.some((b) => typeof b !== 'number' || !Number.isFinite(b))
  ) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'breakpoints',
      `expected an array of at most ${MAX_BREAKPOINTS} finite numbers, got ${valueText(value)}`,
    );
  }
  return value as number[];
}

/** The user's function, with a thrown error turned into an `AdvisorError` and a non-number read as NaN. */
function guard(f: (x: number) => number): (x: number) => number {
  return (x) => {
    let y: unknown;
    try {
      y = f(x);
    } catch {
      throw new AdvisorError('INVALID_ARGUMENT', 'f', `the function threw at x = ${x}`);
    }
    return typeof y === 'number' ? y : Number.NaN;
  };
}

/**
 * Unchecked core of {@link gaussianExpectation}, for hot loops whose inputs are already valid.
 *
 * The integral is taken in the standardized variable z = (x - mean) / std, so a mean that is huge
 * next to the standard deviation loses no precision: E[f] = int f(mean + std z) phi(z) dz over
 * |z| <= `tail` (default 13). Panels are at most `panel * min(1, 1/std)` wide in z (so that f's own
 * unit-scale features are resolved); `maxPanels` (default 6000) caps their number. Beyond
 * x = +-`featureRadius` (default Infinity) f is assumed smooth on scales >= the radius, and panels
 * widen to `panel` in z. The number of f evaluations is therefore bounded for every mean and variance:
 * at most `order * (maxPanels + breakpoints + 3)` without a feature radius, and
 * `order * (2 featureRadius / panel + 2 tail / panel + breakpoints + 3)` with one.
 */
export function integrate(
  f: (x: number) => number,
  mean: number,
  variance: number,
  breakpoints: readonly number[],
  order: number,
  panel: number,
  tail = TAIL,
  maxPanels = MAX_PANELS,
  featureRadius = Number.POSITIVE_INFINITY,
): number {
  if (variance === 0) return f(mean);
  const std = Math.sqrt(variance);
  const toZ = (x: number) => (x - mean) / std;
  const bounded = Number.isFinite(featureRadius);
  const fine = panel * Math.min(1, 1 / std);
  // With a finite feature radius the fine panels are used only inside [-featureRadius, featureRadius]
  // (in x), where f may vary on unit scales; outside, panels need only resolve the Gaussian. Without
  // one, the panel cap applies everywhere.
  const width = bounded ? fine : Math.max(fine, (2 * tail) / maxPanels);
  const outerWidth = bounded ? Math.max(width, panel, (2 * tail) / maxPanels) : width;
  const lo = -tail;
  const hi = tail;
  const cuts: number[] = [lo];
  for (const b of breakpoints) {
    const z = toZ(b);
    if (z > lo && z < hi) cuts.push(z);
  }
  const zLeft = toZ(-featureRadius);
  const zRight = toZ(featureRadius);
  if (outerWidth > width) {
    if (zLeft > lo && zLeft < hi) cuts.push(zLeft);
    if (zRight > lo && zRight < hi) cuts.push(zRight);
  }
  cuts.push(hi);
  cuts.sort((a, b) => a - b);
  const { nodes, weights } = gaussLegendre(order);
  let total = 0;
  for (let s = 0; s + 1 < cuts.length; s++) {
    const a = cuts[s]!;
    const b = cuts[s + 1]!;
    if (b <= a) continue;
    const outside = b <= zLeft || a >= zRight;
    const count = Math.min(Math.ceil((b - a) / (outside ? outerWidth : width)), maxPanels);
    const h = (b - a) / count;
    for (let p = 0; p < count; p++) {
      const mid = a + (p + 0.5) * h;
      let sum = 0;
      for (let i = 0; i < order; i++) {
        const z = mid + (h / 2) * nodes[i]!;
        sum += weights[i]! * f(mean + std * z) * Math.exp(-0.5 * z * z);
      }
      total += sum * (h / 2);
    }
  }
  return total * INV_SQRT_2PI;
}
