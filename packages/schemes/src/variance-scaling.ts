import { type FanMode, fansOf, selectFan } from './fans';
import { createInitializer, type Initializer, type Prepared, type SchemeDefinition } from './initializer';
import type { LayoutSpec } from './layout';
import { type Extent, NORMAL_SPREAD } from './limits';
import { num, type ParamSpec, str } from './params';
import { sampleNormal, sampleTruncatedNormal, sampleUniform } from './sampling';

/**
 * Standard deviation of N(0, 1) truncated to (-2, 2): `scipy.stats.truncnorm.std(-2, 2)`.
 * Keras and JAX divide the target std by it so the truncated draw keeps the intended variance.
 *
 * @example
 * ```ts
 * TRUNCATION_CORRECTION; // => 0.8796256610342398
 * ```
 */
export const TRUNCATION_CORRECTION = 0.87962566103423978;

/** Distributions of {@link varianceScaling}. `'normal'` is untruncated (JAX's meaning). */
export type ScalingDistribution = 'uniform' | 'normal' | 'truncated_normal';

/** Parameter spec of a fan mode. */
export function modeParam(defaultMode: FanMode, values: readonly FanMode[]): ParamSpec {
  return {
    name: 'mode',
    type: 'enum',
    values,
    default: defaultMode,
    doc: `Which fan sets the scale: ${values.join(' | ')}. Default ${defaultMode}.`,
  };
}

/** The scale of a zero-mean distribution: `std` for normals (before truncation), `bound` for uniforms. */
export interface Scale {
  distribution: ScalingDistribution;
  /** std of the (parent) normal. */
  std?: number;
  /** Half-width of the uniform, or the absolute truncation point. */
  bound?: number;
}

/**
 * Keras/JAX arithmetic, in their order of operations (so results match them bit for bit):
 * `variance = scale / max(1, n)`; uniform `bound = sqrt(3·variance)`; truncated
 * `std = sqrt(variance) / 0.87962566103423978`, cut at `±2·std`; normal `std = sqrt(variance)`.
 */
export function varianceScale(scale: number, n: number, distribution: ScalingDistribution): Scale {
  const variance = scale / Math.max(1, n);
  if (distribution === 'uniform') return { distribution, bound: Math.sqrt(3.0 * variance) };
  if (distribution === 'truncated_normal') {
    const std = Math.sqrt(variance) / TRUNCATION_CORRECTION;
    return { distribution, std, bound: 2 * std };
  }
  return { distribution, std: Math.sqrt(variance) };
}

/** Draws `U(-b·|m|, b·|m|)` (a uniform {@link Scale} of bound `b`, multiplied by `m`). */
export function runUniformScale(bound: number, m: number): Prepared['run'] {
  const b = bound * Math.abs(m);
  return (out, source) => sampleUniform(out, source, -b, b);
}

/** Draws `N(0, (std·|m|)²)` (a normal {@link Scale}, multiplied by `m`). */
export function runNormalScale(std: number, m: number): Prepared['run'] {
  const s = std * Math.abs(m);
  return (out, source) => sampleNormal(out, source, 0, s);
}

/** {@link runScale} for a scale that is never truncated (He and Xavier as PyTorch defines them). */
export function runUniformOrNormalScale(s: Scale, m: number): Prepared['run'] {
  return s.distribution === 'uniform'
    ? runUniformScale(s.bound as number, m)
    : runNormalScale(s.std as number, m);
}

/**
 * Draws from a zero-mean {@link Scale} multiplied by `m`. Schemes that only ever draw one distribution
 * call {@link runUniformOrNormalScale} instead, so their bundles skip the others.
 */
export function runScale(s: Scale, m: number): Prepared['run'] {
  if (s.distribution === 'uniform') return runUniformScale(s.bound as number, m);
  if (s.distribution === 'truncated_normal') {
    const std = (s.std as number) * Math.abs(m);
    const c = 2 * std;
    return (out, source) => sampleTruncatedNormal(out, source, 0, std, -c, c);
  }
  return runNormalScale(s.std as number, m);
}

/**
 * The magnitude bound of a zero-mean {@link Scale} multiplied by `m`: the uniform's bound, the
 * truncation point, or {@link NORMAL_SPREAD} standard deviations. `argument` names the setting
 * that sets the scale.
 */
export function scaleExtents(s: Scale, m: number, argument: string): Extent[] {
  const std = s.std as number;
  const base =
    s.distribution === 'uniform'
      ? (s.bound as number)
      : s.distribution === 'truncated_normal'
        ? 2 * std
        : NORMAL_SPREAD * std;
  const extents: Extent[] = [{ base, multiplier: m, argument }];
  // The uniform's span 2·bound is computed in double precision.
  if (s.distribution === 'uniform') extents.push({ base: 2 * base, multiplier: m, argument, float64: true });
  return extents;
}

/** Description fields for a zero-mean {@link Scale} multiplied by `m`. */
export function describeScale(s: Scale, m: number): { distribution: string; std?: number; bound?: number } {
  const a = Math.abs(m);
  return {
    distribution: s.distribution,
    ...(s.std !== undefined ? { std: s.std * a } : {}),
    ...(s.bound !== undefined ? { bound: s.bound * a } : {}),
  };
}

/** Text of a {@link Scale}. */
export function scaleText(s: Scale, m: number): string {
  const d = describeScale(s, m);
  if (s.distribution === 'uniform') return `U(-${d.bound}, ${d.bound})`;
  if (s.distribution === 'truncated_normal') return `N(0, ${d.std}^2) truncated to ±${d.bound}`;
  return `N(0, ${d.std}^2)`;
}

/** A prepared Keras/JAX-style variance-scaling draw for one shape. */
export function prepareVarianceScaling(
  shape: number[],
  layout: LayoutSpec,
  m: number,
  scale: number,
  mode: FanMode,
  distribution: ScalingDistribution,
  argument: string,
  extraNotes: string[] = [],
): Prepared {
  const fans = fansOf(shape, layout);
  const n = selectFan(fans, mode);
  const s = varianceScale(scale, n, distribution);
  const notes = [...extraNotes];
  if (n < 1) notes.push(`${mode} is ${n}; divided by max(1, ${mode}) as Keras does`);
  if (distribution === 'truncated_normal') {
    notes.push(
      'std corrected by 1/0.87962566103423978 so the truncated values keep variance scale/fan (Keras/JAX)',
    );
  }
  return {
    description: {
      formula: `variance = ${scale} / ${mode}(${n}); W ~ ${scaleText(s, m)}`,
      fans,
      fanUsed: n,
      ...describeScale(s, m),
      notes,
    },
    extents: scaleExtents(s, m, argument),
    run: runScale(s, m),
  };
}

/** Registry definition of `variance_scaling`. */
export const VARIANCE_SCALING: SchemeDefinition = {
  name: 'variance_scaling',
  aliases: [],
  params: [
    {
      name: 'scale',
      type: 'number',
      min: 0,
      exclusiveMin: true,
      default: 1,
      doc: 'Target variance times the fan, > 0. Default 1.',
    },
    /*#__PURE__*/ modeParam('fan_in', ['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg']),
    {
      name: 'distribution',
      type: 'enum',
      values: ['truncated_normal', 'normal', 'uniform'],
      synonyms: { untruncated_normal: 'normal' },
      default: 'truncated_normal',
      doc: "truncated_normal (Keras/JAX, corrected, cut at ±2 std) | normal (untruncated; 'untruncated_normal' accepted) | uniform. Default truncated_normal.",
    },
  ],
  formula:
    'variance = scale / n, n = fan_in | fan_out | (fan_in+fan_out)/2 | sqrt(fan_in·fan_out); uniform: U(±sqrt(3·variance)); normal: N(0, variance); truncated_normal: std = sqrt(variance)/0.87962566103423978, cut at ±2 std',
  whenToUse: 'The general rule behind Glorot/He/LeCun, with Keras/JAX semantics; any custom scale.',
  stochastic: true,
  prepare(p, shape, layout, m) {
    return prepareVarianceScaling(
      shape,
      layout,
      m,
      num(p, 'scale'),
      str(p, 'mode') as FanMode,
      str(p, 'distribution') as ScalingDistribution,
      'scale',
    );
  },
};

/** Options of {@link varianceScaling}. */
export interface VarianceScalingOptions {
  /** Variance times the fan, > 0. Default 1. */
  scale?: number;
  /** Default `'fan_in'`. camelCase (`'fanAvg'`) accepted. */
  mode?: FanMode | 'fanIn' | 'fanOut' | 'fanAvg' | 'fanGeoAvg';
  /** Default `'truncated_normal'`. `'normal'` means untruncated (JAX); Keras's 'normal' is truncated, see `fromKerasConfig`. */
  distribution?: ScalingDistribution | 'truncatedNormal' | 'untruncated_normal';
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Variance scaling, Keras/JAX semantics, including JAX's `fan_geo_avg`.
 *
 * ```math
 * \sigma^2 = \frac{scale}{\max(1, n)}, \quad n \in \{fan_{in}, fan_{out}, \tfrac{fan_{in}+fan_{out}}{2}, \sqrt{fan_{in} fan_{out}}\}
 * ```
 * uniform: `U(-sqrt(3σ²), sqrt(3σ²))`; normal: `N(0, σ²)`; truncated_normal:
 * `N(0, (σ/0.87962566103423978)²)` cut at ±2 of that std, whose variance is σ².
 *
 * @param options - `scale` (1), `mode` ('fan_in'), `distribution` ('truncated_normal'), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` for scale <= 0 or an unknown mode/distribution (argument named).
 * @example
 * ```ts
 * varianceScaling({ scale: 2, mode: 'fan_in', distribution: 'uniform' }).describe([100, 50]).bound; // => 0.34641016151377546
 * ```
 */
export function varianceScaling(options: VarianceScalingOptions = {}): Initializer {
  return createInitializer(VARIANCE_SCALING, options);
}
