import { type FanMode, fansOf, selectFan } from './fans';
import { calculateGain, gainSquared, NONLINEARITIES, type Nonlinearity } from './gain';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num, type ParamSpec, str } from './params';
import {
  describeScale,
  modeParam,
  prepareVarianceScaling,
  runUniformOrNormalScale,
  type Scale,
  scaleExtents,
  scaleText,
} from './variance-scaling';

const HE_PARAMS: readonly ParamSpec[] = [
  /*#__PURE__*/ modeParam('fan_in', ['fan_in', 'fan_out']),
  {
    name: 'nonlinearity',
    type: 'enum',
    values: NONLINEARITIES,
    default: 'relu',
    doc: 'Sets the gain through calculateGain. Default relu (gain sqrt 2).',
  },
  {
    name: 'slope',
    type: 'number',
    default: 0,
    doc: "Negative slope for 'leaky_relu' (PyTorch's `a`). Default 0, as kaiming_*_ (calculateGain alone defaults to 0.01).",
    aliases: ['a', 'negative_slope', 'param'],
  },
];

function heDef(name: string, aliases: string[], distribution: 'uniform' | 'normal'): SchemeDefinition {
  return {
    name,
    aliases,
    params: HE_PARAMS,
    formula:
      distribution === 'uniform'
        ? 'W ~ U(-b, b), b = sqrt(3)·gain / sqrt(fan), gain = calculate_gain(nonlinearity, slope)'
        : 'W ~ N(0, std^2), std = gain / sqrt(fan) (untruncated, PyTorch)',
    whenToUse: 'ReLU-family networks (CNNs, MLPs); fan_out for ResNet convs as torchvision does.',
    stochastic: true,
    prepare(p, shape, layout, m) {
      const fans = fansOf(shape, layout);
      const mode = str(p, 'mode') as FanMode;
      const fan = selectFan(fans, mode);
      const gain = calculateGain(str(p, 'nonlinearity'), num(p, 'slope'));
      // PyTorch's order of operations: std = gain / sqrt(fan); bound = sqrt(3) * std.
      const std = gain / Math.sqrt(Math.max(1, fan));
      const s: Scale =
        distribution === 'uniform' ? { distribution, bound: Math.sqrt(3.0) * std } : { distribution, std };
      const notes: string[] = [];
      if (distribution === 'normal')
        notes.push('untruncated (PyTorch); Keras/JAX he_normal is he_truncated_normal');
      if (str(p, 'nonlinearity') === 'selu')
        notes.push('selu gain 3/4: a self-normalizing network wants lecun_normal instead');
      return {
        description: {
          formula: `gain = ${gain}; std = gain / sqrt(${mode} = ${fan}); W ~ ${scaleText(s, m)}`,
          fans,
          fanUsed: fan,
          gain,
          ...describeScale(s, m),
          notes,
        },
        extents: scaleExtents(s, m, 'multiplier'),
        run: runUniformOrNormalScale(s, m),
      };
    },
  };
}

/** Registry definition of `he_uniform`. */
export const HE_UNIFORM = /*#__PURE__*/ heDef('he_uniform', ['kaiming_uniform'], 'uniform');
/** Registry definition of `he_normal`. */
export const HE_NORMAL = /*#__PURE__*/ heDef('he_normal', ['kaiming_normal'], 'normal');
/** Registry definition of `he_truncated_normal`. */
export const HE_TRUNCATED_NORMAL: SchemeDefinition = {
  name: 'he_truncated_normal',
  aliases: ['kaiming_truncated_normal'],
  params: HE_PARAMS,
  formula:
    'std = sqrt(gain^2 / fan) / 0.87962566103423978, W ~ N(0, std^2) cut at ±2 std (Keras/JAX he_normal)',
  whenToUse: 'Reproducing Keras/JAX/Flax he_normal exactly.',
  stochastic: true,
  prepare(p, shape, layout, m) {
    const nl = str(p, 'nonlinearity') as Nonlinearity;
    const g2 = gainSquared(nl, num(p, 'slope'));
    const prepared = prepareVarianceScaling(
      shape,
      layout,
      m,
      g2,
      str(p, 'mode') as FanMode,
      'truncated_normal',
      'multiplier',
    );
    return { ...prepared, description: { ...prepared.description, gain: Math.sqrt(g2) } };
  },
};

/** Options of the He/Kaiming builders. */
export interface HeOptions {
  /** `'fan_in'` (default, preserves forward variance) or `'fan_out'` (preserves backward variance). */
  mode?: 'fan_in' | 'fan_out' | 'fanIn' | 'fanOut';
  /** The nonlinearity after the layer. Default `'relu'`. */
  nonlinearity?: Nonlinearity | 'leakyRelu';
  /** Negative slope for `'leaky_relu'`. Default 0 (PyTorch's `a=0`). */
  slope?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * He/Kaiming uniform, exactly PyTorch's `kaiming_uniform_` (with `a = slope`).
 *
 * ```math
 * W \sim U(-b, b), \quad b = \sqrt{3} \cdot \frac{gain}{\sqrt{fan}}, \quad gain = calculateGain(nonlinearity, slope)
 * ```
 *
 * PyTorch's Linear/Conv default is `heUniform({ nonlinearity: 'leaky_relu', slope: Math.sqrt(5) })`,
 * i.e. `b = 1/sqrt(fan_in)`.
 *
 * @param options - `mode` ('fan_in'), `nonlinearity` ('relu'), `slope` (0), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown mode or nonlinearity (argument named).
 * @example
 * ```ts
 * heUniform().describe([128, 24]).bound; // => 0.5
 * ```
 */
export function heUniform(options: HeOptions = {}): Initializer {
  return createInitializer(HE_UNIFORM, options);
}

/**
 * He/Kaiming normal, exactly PyTorch's `kaiming_normal_` (untruncated).
 *
 * ```math
 * W \sim N(0, \sigma^2), \quad \sigma = \frac{gain}{\sqrt{fan}}
 * ```
 *
 * @param options - `mode` ('fan_in'), `nonlinearity` ('relu'), `slope` (0), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown mode or nonlinearity.
 * @example
 * ```ts
 * heNormal({ mode: 'fan_out' }).describe([64, 3, 3, 3]).std; // => 0.05892556509887897
 * ```
 */
export function heNormal(options: HeOptions = {}): Initializer {
  return createInitializer(HE_NORMAL, options);
}

/**
 * He/Kaiming truncated normal, exactly Keras/JAX `he_normal` for relu: variance `gain²/fan`, drawn
 * from a normal with std `sqrt(gain²/fan)/0.87962566103423978` cut at ±2 of that std.
 *
 * @param options - `mode` ('fan_in'), `nonlinearity` ('relu'), `slope` (0), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown mode or nonlinearity.
 * @example
 * ```ts
 * heTruncatedNormal().describe([10, 200]).std; // => 0.11368472343385565
 * ```
 */
export function heTruncatedNormal(options: HeOptions = {}): Initializer {
  return createInitializer(HE_TRUNCATED_NORMAL, options);
}
