import { fromConfig, InitError, type SchemeDescription } from '@init/schemes';
import { checkSchemeConfig, type SchemeConfig } from './context';
import { AdvisorError } from './errors';
import { normalCdf, normalPdf } from './special-functions';
import { valueText } from './value-text';

/** The second-order statistics of a scheme's weights for one shape, as mean-field theory needs them. */
export interface WeightStatistics {
  /** Canonical scheme name (from @init/schemes). */
  readonly name: string;
  /** Per-entry variance of W. */
  readonly variance: number;
  /** Per-entry mean of W (non-zero only for constant/uniform schemes with an offset). */
  readonly mean: number;
  /** fan_in * Var(W): the forward factor sigma_w^2. For deterministic isometries, gain^2. */
  readonly sigmaW2: number;
  /** fan_out * Var(W): the backward factor. */
  readonly backwardSigmaW2: number;
  readonly fanIn: number;
  readonly fanOut: number;
  /** The @init/schemes description the numbers were read from. */
  readonly description: SchemeDescription;
}

function multiplierOf(config: Readonly<Record<string, unknown>>): number {
  return typeof config.multiplier === 'number' ? config.multiplier : 1;
}

/**
 * Builds the scheme with `fromConfig` of @init/schemes (which validates the name and every parameter),
 * and rethrows its `InitError` as an {@link AdvisorError} with the same code and argument.
 *
 * @param config - `{ name, ...params }`.
 * @param argumentName - Prefix for error arguments. Default `'scheme'`.
 * @returns The initializer.
 * @throws {AdvisorError} for unknown schemes or bad parameters.
 * @example
 * ```ts
 * buildScheme({ name: 'glorot_uniform' }).config.name; // => 'xavier_uniform'
 * ```
 */
export function buildScheme(config: SchemeConfig, argumentName = 'scheme'): ReturnType<typeof fromConfig> {
  const argument =
    typeof argumentName === 'string' && argumentName.length > 0 ? argumentName.slice(0, 200) : 'scheme';
  try {
    return fromConfig(config);
  } catch (e) {
    if (e instanceof InitError) {
      const code =
        e.code === 'SHAPE_MISMATCH' || e.code === 'NOT_FINITE' || e.code === 'UNSUPPORTED'
          ? e.code
          : 'INVALID_ARGUMENT';
      const prefix = `${e.argument}: `;
      const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      throw new AdvisorError(code, `${argument}.${e.argument}`, message);
    }
    throw new AdvisorError('INVALID_ARGUMENT', argument, 'not a valid scheme configuration');
  }
}

/**
 * Variance and mean of a scheme's weights for a shape, read from `describe(shape)` of @init/schemes.
 *
 * ```math
 * \sigma_w^2 = \text{fan\_in}\cdot \mathrm{Var}(W),\qquad \bar\sigma_w^2 = \text{fan\_out}\cdot \mathrm{Var}(W)
 * ```
 * normal: std^2; uniform U[a, b): (b - a)^2 / 12; truncated normal at +-k std: std^2 (1 - 2k phi(k) / (2 Phi(k) - 1));
 * orthogonal: gain^2 / max(fan_in, fan_out); sparse: (non-zero fraction) std^2; identity, Dirac and ZerO
 * are isometries (sigma_w^2 = gain^2); constants have variance 0. Multipliers are included.
 *
 * @param config - A scheme configuration (`{ name, ...params }`).
 * @param shape - Weight shape in PyTorch layout `[out, in, ...kernel]`, rank >= 2.
 * @returns The statistics.
 * @throws {AdvisorError} for an invalid config or shape (codes from @init/schemes), `UNSUPPORTED`
 *   for schemes without a fan (rank < 2), `NOT_FINITE` (argument `'scheme'`) when a statistic overflows
 *   (such as std 1e200).
 * @example
 * ```ts
 * weightStatistics({ name: 'he_normal' }, [64, 32]).sigmaW2; // => 2 (to 1e-15)
 * ```
 */
export function weightStatistics(config: SchemeConfig, shape: readonly number[]): WeightStatistics {
  const init = buildScheme(checkSchemeConfig(config, 'scheme'));
  if (
    !Array.isArray(shape) ||
    shape.length > 8 ||
    shape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
  ) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'shape',
      `expected an array of at most 8 non-negative integers, got ${valueText(shape)}`,
    );
  }
  let d: SchemeDescription;
  try {
    d = init.describe(shape);
  } catch (e) {
    if (e instanceof InitError) {
      const prefix = `${e.argument}: `;
      throw new AdvisorError(
        e.code === 'SHAPE_MISMATCH' ? 'SHAPE_MISMATCH' : 'INVALID_ARGUMENT',
        'shape',
        e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message,
      );
    }
    throw new AdvisorError('INVALID_ARGUMENT', 'shape', 'the scheme cannot describe this shape');
  }
  const fanIn = d.fanIn;
  const fanOut = d.fanOut;
  if (fanIn === undefined || fanOut === undefined || fanIn === 0 || fanOut === 0) {
    throw new AdvisorError(
      'UNSUPPORTED',
      'shape',
      `no fan_in/fan_out for shape [${shape.join(', ')}]; expected rank >= 2 and non-zero sizes`,
    );
  }
  const full = init.config as Record<string, unknown>;
  const m = multiplierOf(full);
  let variance = 0;
  let mean = d.mean ?? 0;
  let isometryGain2: number | undefined;
  switch (d.distribution) {
    case 'normal':
      variance = (d.std ?? 0) ** 2;
      break;
    case 'uniform':
      if (d.bound !== undefined) variance = (d.bound * d.bound) / 3;
      else {
        const low = (typeof full.low === 'number' ? full.low : 0) * m;
        const high = (typeof full.high === 'number' ? full.high : 1) * m;
        variance = (high - low) ** 2 / 12;
        mean = (high + low) / 2;
      }
      break;
    case 'truncated_normal': {
      const std = d.std ?? 0;
      const k =
        std > 0 && d.bound !== undefined ? Math.abs(d.bound - (d.mean ?? 0)) / std : Number.POSITIVE_INFINITY;
      const factor = Number.isFinite(k) ? 1 - (2 * k * normalPdf(k)) / (2 * normalCdf(k) - 1) : 1;
      variance = std * std * factor;
      break;
    }
    case 'orthogonal': {
      const g = (d.gain ?? 1) * m;
      variance = (g * g) / Math.max(fanIn, fanOut);
      break;
    }
    case 'sparse': {
      const std = d.std ?? 0;
      const nonZero =
        typeof full.sparsity === 'number'
          ? 1 - full.sparsity
          : typeof full.k === 'number'
            ? Math.min(1, full.k / fanIn)
            : 1;
      variance = nonZero * std * std;
      break;
    }
    case 'constant':
      variance = 0;
      break;
    default: {
      // Deterministic isometries (identity, dirac, zer_o): each output copies (a mix of) inputs.
      const g = (d.gain ?? 1) * m;
      isometryGain2 = g * g;
      variance = isometryGain2 / fanIn;
    }
  }
  const sigmaW2 = isometryGain2 ?? fanIn * variance;
  const backwardSigmaW2 = isometryGain2 ?? fanOut * variance;
  for (const [value, what] of [
    [variance, 'the weight variance'],
    [mean, 'the weight mean'],
    [sigmaW2, 'fan_in * Var(W)'],
    [backwardSigmaW2, 'fan_out * Var(W)'],
  ] as const) {
    if (!Number.isFinite(value)) {
      throw new AdvisorError('NOT_FINITE', 'scheme', `${what} overflows for this configuration and shape`);
    }
  }
  return {
    name: d.name,
    variance,
    mean,
    sigmaW2,
    backwardSigmaW2,
    fanIn,
    fanOut,
    description: d,
  };
}
