import { checkFinite, checkInteger, checkNonNegative, checkNotNaN, describe } from './argument-checks';
import { RngError } from './errors';
import { FAR_TAIL, type FarTail, planFarTail } from './far-tail';
import { f32AtLeast, f32AtMost, f32Below, f64Below } from './float-bounds';
import { MAX_ELEMENTS } from './limits';
import { checkOptions } from './option-keys';
import type { FloatArray } from './rng-types';
import { planTruncated, type TruncatedPlan } from './truncated-normal';

/** Largest finite float32. */
export const F32_MAX = 3.4028234663852886e38;
/**
 * A bound on |z| of every standard normal draw: the ziggurat's largest value is its tail start r = 3.654 plus
 * -ln(2^-53) / r = 10.05, that is 13.71.
 */
export const NORMAL_Z_MAX = 14;
/** A bound on the exponential proposal's offset times its rate: -ln(2^-53) = 36.7, rounded up. */
const EXP_OFFSET_MAX = 38;

const MAX_INDEX = Number.MAX_SAFE_INTEGER;
const FILL_KEYS = ['offset'] as const;
const ARRAY_KEYS = ['offset', 'dtype'] as const;

/** Validated parameters of a uniform fill. */
export interface UniformParams {
  readonly low: number;
  readonly span: number;
  /** Smallest admissible output (float32: the smallest float32 >= low). */
  readonly minV: number;
  /** Largest admissible output (the largest float of the output type below high). */
  readonly maxV: number;
}

/** Validated parameters of a truncated normal fill. */
export interface TruncatedParams {
  readonly mean: number;
  readonly std: number;
  readonly minV: number;
  readonly maxV: number;
  /** Undefined for degenerate intervals (all outputs equal `constant`) and far tails (`far`). */
  readonly plan: TruncatedPlan | undefined;
  /** Set when the interval lies more than FAR_TAIL standard deviations from the mean. */
  readonly far: FarTail | undefined;
  readonly constant: number;
}

/** Validated options of an allocating form. */
export interface ArrayRequest {
  readonly float32: boolean;
  readonly offset: number | undefined;
}

function isFloatArray(out: unknown): out is FloatArray {
  return out instanceof Float32Array || out instanceof Float64Array;
}

/** Throws unless `out` is a Float32Array or Float64Array (or a Uint8Array when `allowBytes`). */
export function checkOut(out: unknown, allowBytes = false): void {
  if (isFloatArray(out) || (allowBytes && out instanceof Uint8Array)) return;
  throw new RngError(
    'INVALID_ARGUMENT',
    'out',
    `expected a Float32Array or Float64Array${allowBytes ? ' or Uint8Array' : ''}, got ${describe(out)}`,
  );
}

function checkOffsetValue(value: unknown, n: number): number | undefined {
  if (value === undefined) return undefined;
  const offset = checkInteger(value, 'offset', 0, MAX_INDEX);
  if (offset + n > MAX_INDEX) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'offset',
      `offset + length must stay <= 2^53 - 1, got ${offset} + ${n}`,
    );
  }
  return offset;
}

/** Validates the options of a fill of n values (`{ offset? }`) and returns the offset. */
export function fillOffset(options: unknown, n: number): number | undefined {
  return checkOffsetValue(checkOptions(options, 'options', FILL_KEYS)?.offset, n);
}

/** Throws TOO_LARGE unless `n` is a count in [0, max] (default MAX_ELEMENTS elements). */
export function checkCount(n: unknown, argument: string, max = MAX_ELEMENTS, what = 'elements'): number {
  const count = checkInteger(n, argument, 0, Number.MAX_SAFE_INTEGER);
  if (count > max) {
    throw new RngError('TOO_LARGE', argument, `at most ${max} ${what} per call, got ${count}`);
  }
  return count;
}

/** Validates the count and the options (`{ offset?, dtype? }`) of an allocating form, before any allocation. */
export function arrayRequest(n: unknown, options: unknown): ArrayRequest & { readonly n: number } {
  const count = checkCount(n, 'n');
  const o = checkOptions(options, 'options', ARRAY_KEYS);
  const dtype = o?.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new RngError(
      'INVALID_ARGUMENT',
      'dtype',
      `expected 'float32' or 'float64', got ${describe(dtype)}`,
    );
  }
  return { n: count, float32: dtype === 'float32', offset: checkOffsetValue(o?.offset, count) };
}

/** A new output array of the requested type. */
export function allocate(request: ArrayRequest & { readonly n: number }): FloatArray {
  return request.float32 ? new Float32Array(request.n) : new Float64Array(request.n);
}

/** Validates uniform parameters for an output of the given element type. */
export function uniformParams(low: unknown, high: unknown, float32: boolean): UniformParams {
  const lo = checkFinite(low, 'low');
  const hi = checkFinite(high, 'high');
  if (!(lo < hi))
    throw new RngError('INVALID_ARGUMENT', 'high', `expected high > low, got low ${lo}, high ${hi}`);
  const span = hi - lo;
  if (!Number.isFinite(span)) {
    throw new RngError('NOT_FINITE', 'high', `high - low must be finite, got ${hi} - ${lo}`);
  }
  if (!float32) return { low: lo, span, minV: lo, maxV: f64Below(hi) };
  if (lo < -F32_MAX || hi > F32_MAX) {
    throw new RngError(
      'NOT_FINITE',
      lo < -F32_MAX ? 'low' : 'high',
      `a Float32Array holds values within ±${F32_MAX}, got [${lo}, ${hi}); use a Float64Array`,
    );
  }
  const minV = f32AtLeast(lo);
  const maxV = f32Below(hi);
  if (!(minV <= maxV) || !Number.isFinite(minV) || !Number.isFinite(maxV)) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'high',
      `no finite float32 value lies in [${lo}, ${hi}); widen the interval or use a Float64Array`,
    );
  }
  return { low: lo, span, minV, maxV };
}

/** Throws NOT_FINITE unless mean ± value * std stays within the output type's finite range. */
function checkRange(mean: number, std: number, zMax: number, float32: boolean, what: string): void {
  const max = float32 ? F32_MAX : Number.MAX_VALUE;
  if (Math.abs(mean) + zMax * std <= max) return;
  const type = float32 ? 'float32' : 'float64';
  throw new RngError(
    'NOT_FINITE',
    Math.abs(mean) > max ? 'mean' : 'std',
    `${what} can reach |mean| + ${zMax} std = ${Math.abs(mean) + zMax * std}, beyond the largest ${type} ${max}${float32 ? '; use a Float64Array' : ''}`,
  );
}

/** Validates normal parameters: finite mean, std >= 0 and every possible value finite in the output type. */
export function normalParams(mean: unknown, std: unknown, float32: boolean): [number, number] {
  const m = checkFinite(mean, 'mean');
  const s = checkNonNegative(std, 'std');
  checkRange(m, s, NORMAL_Z_MAX, float32, 'a normal value');
  return [m, s];
}

/** (x - m) / s without an overflow of x - m for finite x, m (then x / s - m / s). */
function standardize(x: number, m: number, s: number): number {
  const d = x - m;
  return Number.isFinite(d) || !Number.isFinite(x) ? d / s : x / s - m / s;
}

/** Largest |z| the sampler of `plan` can return (standardized, before mirroring). */
function planZMax(plan: TruncatedPlan): number {
  const edge = Math.max(Math.abs(plan.alpha), Math.abs(plan.beta));
  if (plan.regime === 'normal') return Math.min(edge, NORMAL_Z_MAX);
  if (plan.regime === 'uniform') return edge;
  return Math.min(plan.beta, plan.alpha + EXP_OFFSET_MAX / plan.lambda);
}

/** Validates truncated normal parameters for an output of the given element type. */
export function truncatedParams(
  mean: unknown,
  std: unknown,
  lower: unknown,
  upper: unknown,
  float32: boolean,
): TruncatedParams {
  const m = checkFinite(mean, 'mean');
  const s = checkNonNegative(std, 'std');
  const a = checkNotNaN(lower, 'lower');
  const b = checkNotNaN(upper, 'upper');
  if (!(a < b))
    throw new RngError('INVALID_ARGUMENT', 'upper', `expected upper > lower, got lower ${a}, upper ${b}`);
  if (a === Number.POSITIVE_INFINITY || b === Number.NEGATIVE_INFINITY) {
    throw new RngError(
      'INVALID_ARGUMENT',
      a === Number.POSITIVE_INFINITY ? 'lower' : 'upper',
      'bounds must satisfy -Infinity <= lower < upper <= +Infinity with lower < +Infinity and upper > -Infinity',
    );
  }
  const minV = float32 ? (a === Number.NEGATIVE_INFINITY ? a : f32AtLeast(a)) : a;
  const maxV = float32 ? (b === Number.POSITIVE_INFINITY ? b : f32AtMost(b)) : b;
  if (!(minV <= maxV)) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'upper',
      `no float32 value lies in [${a}, ${b}]; use a Float64Array`,
    );
  }
  if (minV === Number.POSITIVE_INFINITY || maxV === Number.NEGATIVE_INFINITY) {
    // Only an infinity would lie in the interval: a float32 output would hold ±Infinity.
    throw new RngError(
      'INVALID_ARGUMENT',
      minV === Number.POSITIVE_INFINITY ? 'lower' : 'upper',
      `no finite float32 value lies in [${a}, ${b}] (float32 numbers stay within ±${F32_MAX}); use a Float64Array`,
    );
  }
  const base = { mean: m, std: s, minV, maxV, plan: undefined, far: undefined, constant: 0 };
  if (s === 0) {
    if (m < a || m > b) {
      throw new RngError(
        'INVALID_ARGUMENT',
        'mean',
        `with std 0 the mean must lie in [lower, upper], got ${m}`,
      );
    }
    return { ...base, constant: m };
  }
  const alpha = standardize(a, m, s);
  const beta = standardize(b, m, s);
  // A bound so far from the mean that even its standardized distance overflows: all mass sits on that bound.
  if (alpha === Number.POSITIVE_INFINITY) return { ...base, constant: minV };
  if (beta === Number.NEGATIVE_INFINITY) return { ...base, constant: maxV };
  const unbounded = a === Number.NEGATIVE_INFINITY || b === Number.POSITIVE_INFINITY;
  if (alpha > FAR_TAIL || beta < -FAR_TAIL) {
    const above = alpha > FAR_TAIL;
    const width = Number.isFinite(b - a) ? (b - a) / s : b / s - a / s;
    const far = planFarTail(above ? a : b, above ? 1 : -1, above ? alpha : -beta, width);
    if (unbounded) checkRange(far.bound, s, EXP_OFFSET_MAX / far.rate, float32, 'a truncated normal value');
    return { ...base, far };
  }
  const plan = planTruncated(alpha, beta);
  if (unbounded) checkRange(m, s, planZMax(plan), float32, 'a truncated normal value');
  return { ...base, plan };
}

/** Validates a Bernoulli probability: finite and in [0, 1]. */
export function bernoulliParam(p: unknown): number {
  const prob = checkFinite(p, 'p');
  if (prob < 0 || prob > 1)
    throw new RngError('INVALID_ARGUMENT', 'p', `expected a probability in [0, 1], got ${prob}`);
  return prob;
}
