import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { prepareVarianceScaling, type ScalingDistribution } from './variance-scaling';

function lecunDef(
  name: string,
  aliases: string[],
  distribution: ScalingDistribution,
  whenToUse: string,
): SchemeDefinition {
  const text =
    distribution === 'uniform'
      ? 'W ~ U(-sqrt(3 / fan_in), sqrt(3 / fan_in))'
      : distribution === 'normal'
        ? 'W ~ N(0, 1 / fan_in) (untruncated)'
        : 'std = sqrt(1 / fan_in) / 0.87962566103423978, W ~ N(0, std^2) cut at ±2 std (Keras/JAX lecun_normal)';
  return {
    name,
    aliases,
    params: [],
    formula: text,
    whenToUse,
    stochastic: true,
    prepare(_p, shape, layout, m) {
      return prepareVarianceScaling(shape, layout, m, 1.0, 'fan_in', distribution, 'multiplier');
    },
  };
}

/** Registry definition of `lecun_uniform`. */
export const LECUN_UNIFORM = /*#__PURE__*/ lecunDef(
  'lecun_uniform',
  ['le_cun_uniform'],
  'uniform',
  'Linear or SELU layers wanting variance 1/fan_in with bounded values.',
);
/** Registry definition of `lecun_normal`. */
export const LECUN_NORMAL = /*#__PURE__*/ lecunDef(
  'lecun_normal',
  ['le_cun_normal'],
  'normal',
  'Self-normalizing networks (SELU) and linear layers: variance 1/fan_in.',
);
/** Registry definition of `lecun_truncated_normal`. */
export const LECUN_TRUNCATED_NORMAL = /*#__PURE__*/ lecunDef(
  'lecun_truncated_normal',
  ['le_cun_truncated_normal'],
  'truncated_normal',
  'Reproducing Keras/JAX lecun_normal and the Flax Dense/Conv default exactly.',
);

/**
 * LeCun uniform (Keras `lecun_uniform`).
 *
 * ```math
 * W \sim U\left(-\sqrt{3/fan_{in}}, \sqrt{3/fan_{in}}\right)
 * ```
 *
 * @param options - `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank < 2 in the torch layout.
 * @example
 * ```ts
 * lecunUniform().describe([10, 300]).bound; // => 0.1
 * ```
 */
export function lecunUniform(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(LECUN_UNIFORM, options);
}

/**
 * LeCun normal, untruncated (the same family as PyTorch's `xavier_normal_`/`kaiming_normal_`).
 *
 * ```math
 * W \sim N(0, 1/fan_{in})
 * ```
 *
 * @param options - `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank < 2 in the torch layout.
 * @example
 * ```ts
 * lecunNormal().describe([10, 400]).std; // => 0.05
 * ```
 */
export function lecunNormal(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(LECUN_NORMAL, options);
}

/**
 * LeCun truncated normal, exactly Keras/JAX `lecun_normal`: std `sqrt(1/fan_in)/0.87962566103423978`,
 * cut at ±2 of that std, variance 1/fan_in.
 *
 * @param options - `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank < 2 in the torch layout.
 * @example
 * ```ts
 * lecunTruncatedNormal().describe([10, 400]).std; // => 0.056842361716927824
 * ```
 */
export function lecunTruncatedNormal(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(LECUN_TRUNCATED_NORMAL, options);
}
