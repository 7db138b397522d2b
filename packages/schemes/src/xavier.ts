import { fansOf } from './fans';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num, type ParamSpec } from './params';
import {
  describeScale,
  prepareVarianceScaling,
  runUniformOrNormalScale,
  type Scale,
  scaleExtents,
  scaleText,
} from './variance-scaling';

const GAIN: ParamSpec = {
  name: 'gain',
  type: 'number',
  min: 0,
  default: 1,
  doc: 'Multiplies the std, >= 0. Default 1 (see calculateGain).',
};

function xavierDef(name: string, aliases: string[], distribution: 'uniform' | 'normal'): SchemeDefinition {
  return {
    name,
    aliases,
    params: [GAIN],
    formula:
      distribution === 'uniform'
        ? 'W ~ U(-a, a), a = gain·sqrt(3)·sqrt(2 / (fan_in + fan_out))'
        : 'W ~ N(0, std^2), std = gain·sqrt(2 / (fan_in + fan_out)) (untruncated, PyTorch)',
    whenToUse:
      distribution === 'uniform'
        ? 'tanh/sigmoid/linear layers; the Keras default for Dense and Conv kernels.'
        : 'tanh/sigmoid/linear layers with a normal draw (TF.js Dense/Conv default glorotNormal, without its variance loss).',
    stochastic: true,
    prepare(p, shape, layout, m) {
      const fans = fansOf(shape, layout);
      const gain = num(p, 'gain');
      const sum = fans.fanIn + fans.fanOut;
      // PyTorch's order of operations: std = gain * sqrt(2 / (fan_in + fan_out)); a = sqrt(3) * std.
      const std = gain * Math.sqrt(2.0 / Math.max(1, sum));
      const s: Scale =
        distribution === 'uniform' ? { distribution, bound: Math.sqrt(3.0) * std } : { distribution, std };
      return {
        description: {
          formula: `std = ${gain}·sqrt(2 / (${fans.fanIn} + ${fans.fanOut})); W ~ ${scaleText(s, m)}`,
          fans,
          fanUsed: sum / 2,
          gain,
          ...describeScale(s, m),
          notes:
            distribution === 'normal'
              ? ['untruncated (PyTorch); Keras/JAX glorot_normal is xavier_truncated_normal']
              : [],
        },
        extents: scaleExtents(s, m, 'gain'),
        run: runUniformOrNormalScale(s, m),
      };
    },
  };
}

/** Registry definition of `xavier_uniform`. */
export const XAVIER_UNIFORM = /*#__PURE__*/ xavierDef('xavier_uniform', ['glorot_uniform'], 'uniform');
/** Registry definition of `xavier_normal`. */
export const XAVIER_NORMAL = /*#__PURE__*/ xavierDef('xavier_normal', ['glorot_normal'], 'normal');
/** Registry definition of `xavier_truncated_normal`. */
export const XAVIER_TRUNCATED_NORMAL: SchemeDefinition = {
  name: 'xavier_truncated_normal',
  aliases: ['glorot_truncated_normal'],
  params: [GAIN],
  formula:
    'std = gain·sqrt(2 / (fan_in + fan_out)) / 0.87962566103423978, W ~ N(0, std^2) cut at ±2 std (Keras/JAX glorot_normal)',
  whenToUse: 'Reproducing Keras/JAX/Flax glorot_normal exactly.',
  stochastic: true,
  prepare(p, shape, layout, m) {
    const gain = num(p, 'gain');
    const prepared = prepareVarianceScaling(
      shape,
      layout,
      m,
      gain * gain,
      'fan_avg',
      'truncated_normal',
      'gain',
    );
    return { ...prepared, description: { ...prepared.description, gain } };
  },
};

/** Options of the Xavier/Glorot builders. */
export interface XavierOptions {
  /** Scales the std, >= 0 (a negative gain throws, as PyTorch's xavier_*_ fails on it). Default 1. Use `calculateGain(...)` for the nonlinearity. */
  gain?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Xavier/Glorot uniform, exactly PyTorch's `xavier_uniform_` (also Keras `glorot_uniform` for gain 1).
 *
 * ```math
 * W \sim U(-a, a), \quad a = gain \cdot \sqrt{3} \cdot \sqrt{\frac{2}{fan_{in} + fan_{out}}}
 * ```
 *
 * @param options - `gain` (default 1), `multiplier` (default 1).
 * @throws {InitError} `NOT_FINITE` (argument `'gain'`) for a non-finite gain, `INVALID_ARGUMENT` for a negative one; `SHAPE_MISMATCH` for rank < 2 in the torch layout.
 * @example
 * ```ts
 * xavierUniform().describe([256, 512]).bound; // => 0.08838834764831843
 * ```
 */
export function xavierUniform(options: XavierOptions = {}): Initializer {
  return createInitializer(XAVIER_UNIFORM, options);
}

/**
 * Xavier/Glorot normal, exactly PyTorch's `xavier_normal_` (untruncated).
 *
 * ```math
 * W \sim N(0, \sigma^2), \quad \sigma = gain \cdot \sqrt{\frac{2}{fan_{in} + fan_{out}}}
 * ```
 *
 * @param options - `gain` (default 1), `multiplier` (default 1).
 * @throws {InitError} `NOT_FINITE` for a non-finite gain, `INVALID_ARGUMENT` for a negative one; `SHAPE_MISMATCH` for rank < 2 in the torch layout.
 * @example
 * ```ts
 * xavierNormal().describe([300, 500]).std; // => 0.05
 * ```
 */
export function xavierNormal(options: XavierOptions = {}): Initializer {
  return createInitializer(XAVIER_NORMAL, options);
}

/**
 * Xavier/Glorot truncated normal, exactly Keras/JAX `glorot_normal` (gain 1): the std is divided by
 * 0.87962566103423978 and values are cut at ±2 of that std, so the variance is `2·gain²/(fan_in+fan_out)`.
 *
 * ```math
 * \sigma = \frac{gain \sqrt{2/(fan_{in}+fan_{out})}}{0.87962566103423978}, \quad W \sim N(0, \sigma^2) \mid |W| \le 2\sigma
 * ```
 *
 * @param options - `gain` (default 1), `multiplier` (default 1).
 * @throws {InitError} `NOT_FINITE` for a non-finite gain, `INVALID_ARGUMENT` for a negative one.
 * @example
 * ```ts
 * xavierTruncatedNormal().describe([300, 500]).std; // => 0.056842361716927824
 * ```
 */
export function xavierTruncatedNormal(options: XavierOptions = {}): Initializer {
  return createInitializer(XAVIER_TRUNCATED_NORMAL, options);
}
