import { describeValue, InitError } from './errors';
import { toSnake } from './gain';
import type { Initializer, SchemeConfig } from './initializer';
import { checkOptionKeys } from './option-keys';
import { fromConfig } from './registry';

/** A serialized Keras initializer: `{ class_name, config }` (Keras 3 adds `module`, `registered_name`). */
export interface KerasInitializerConfig {
  class_name: string;
  config?: Record<string, unknown> | null;
  module?: string;
  registered_name?: string | null;
}

const TOP_KEYS: readonly string[] = ['class_name', 'config', 'module', 'registered_name'];

type Mapper = (c: Record<string, unknown>) => SchemeConfig;

function numberOr(c: Record<string, unknown>, key: string, fallback: number): number {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number') {
    throw new InitError('UNSUPPORTED', key, `only a single number can be mapped, got ${describeValue(v)}`);
  }
  return v;
}

function stringOr(c: Record<string, unknown>, key: string, fallback: string): string {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string')
    throw new InitError('INVALID_ARGUMENT', key, `must be a string, got ${describeValue(v)}`);
  return toSnake(v);
}

function keras(scale: number, mode: string, distribution: string): SchemeConfig {
  const d =
    distribution === 'normal' || distribution === 'truncated_normal'
      ? 'truncated_normal'
      : distribution === 'untruncated_normal'
        ? 'normal'
        : distribution;
  return { name: 'variance_scaling', scale, mode, distribution: d };
}

const MAPPERS: Record<string, { keys: string[]; map: Mapper }> = {
  zeros: { keys: [], map: () => ({ name: 'zeros' }) },
  ones: { keys: [], map: () => ({ name: 'ones' }) },
  constant: { keys: ['value'], map: (c) => ({ name: 'constant', value: numberOr(c, 'value', 0) }) },
  random_uniform: {
    keys: ['minval', 'maxval'],
    map: (c) => ({ name: 'uniform', low: numberOr(c, 'minval', -0.05), high: numberOr(c, 'maxval', 0.05) }),
  },
  random_normal: {
    keys: ['mean', 'stddev'],
    map: (c) => ({ name: 'normal', mean: numberOr(c, 'mean', 0), std: numberOr(c, 'stddev', 0.05) }),
  },
  truncated_normal: {
    keys: ['mean', 'stddev'],
    map: (c) => {
      const mean = numberOr(c, 'mean', 0);
      const std = numberOr(c, 'stddev', 0.05);
      return { name: 'truncated_normal', mean, std, a: mean - 2 * std, b: mean + 2 * std };
    },
  },
  variance_scaling: {
    keys: ['scale', 'mode', 'distribution', 'input_axes', 'output_axes'],
    map: (c) => {
      for (const k of ['input_axes', 'output_axes']) {
        if (c[k] !== undefined && c[k] !== null) {
          throw new InitError(
            'UNSUPPORTED',
            k,
            'Keras explicit fan axes (no receptive-field factor) have no exact equivalent; call with layout { inAxis, outAxis } instead',
          );
        }
      }
      return keras(
        numberOr(c, 'scale', 1),
        stringOr(c, 'mode', 'fan_in'),
        stringOr(c, 'distribution', 'truncated_normal'),
      );
    },
  },
  glorot_uniform: { keys: [], map: () => keras(1, 'fan_avg', 'uniform') },
  glorot_normal: { keys: [], map: () => keras(1, 'fan_avg', 'truncated_normal') },
  he_uniform: { keys: [], map: () => keras(2, 'fan_in', 'uniform') },
  he_normal: { keys: [], map: () => keras(2, 'fan_in', 'truncated_normal') },
  lecun_uniform: { keys: [], map: () => keras(1, 'fan_in', 'uniform') },
  lecun_normal: { keys: [], map: () => keras(1, 'fan_in', 'truncated_normal') },
  orthogonal: { keys: ['gain'], map: (c) => ({ name: 'orthogonal', gain: numberOr(c, 'gain', 1) }) },
  identity: { keys: ['gain'], map: (c) => ({ name: 'identity', gain: numberOr(c, 'gain', 1) }) },
};

const ALIASES: Record<string, string> = {
  zero: 'zeros',
  one: 'ones',
  uniform: 'random_uniform',
  normal: 'random_normal',
  orthogonal_initializer: 'orthogonal',
  identity_initializer: 'identity',
  le_cun_uniform: 'lecun_uniform',
  le_cun_normal: 'lecun_normal',
};

/**
 * Maps a serialized Keras (Keras 3, tf.keras, TF.js) initializer to an initializer with exactly
 * Keras's semantics: `HeNormal`, `GlorotNormal`, `LecunNormal` and `VarianceScaling` with
 * distribution `'normal'` become truncated normals with the 0.87962566103423978 correction, cut at
 * ±2 corrected std; `TruncatedNormal(mean, stddev)` cuts at mean ± 2·stddev; `RandomUniform` and
 * `RandomNormal` keep Keras's defaults (±0.05, std 0.05).
 *
 * The Keras `seed` is ignored (Keras's generators differ per backend): pass an `rng` when calling.
 * TF.js's variance-scaling normal omits the correction (tfjs#8594); this mapping does not copy that.
 * Fans are semantic (inputs/outputs), so call the result with the layout your tensor is stored in.
 *
 * @param keras - `{ class_name, config }`, class names in Keras or snake_case spelling.
 * @throws {InitError} `UNSUPPORTED` (argument `'class_name'`) for classes with no faithful mapping
 * (STFT, custom classes), or for array-valued constants and explicit Keras fan axes;
 * `INVALID_ARGUMENT` for unknown config keys.
 * @example
 * ```ts
 * fromKerasConfig({ class_name: 'HeNormal', config: { seed: null } }).config;
 * // => { name: 'variance_scaling', scale: 2, mode: 'fan_in', distribution: 'truncated_normal', multiplier: 1 }
 * ```
 */
export function fromKerasConfig(keras: KerasInitializerConfig | string): Initializer {
  const k = typeof keras === 'string' ? { class_name: keras, config: {} } : keras;
  if (k === null || typeof k !== 'object' || Array.isArray(k)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'keras',
      `must be { class_name, config } or a class name, got ${describeValue(k)}`,
    );
  }
  checkOptionKeys(k, TOP_KEYS, 'keras', 'a key of a serialized Keras initializer');
  if (typeof k.class_name !== 'string') {
    throw new InitError(
      'INVALID_ARGUMENT',
      'class_name',
      `must be a string in { class_name, config }, got ${describeValue(k.class_name)}`,
    );
  }
  const raw = toSnake(k.class_name);
  const key = ALIASES[raw] ?? raw;
  const mapper = MAPPERS[key];
  if (!mapper) {
    throw new InitError(
      'UNSUPPORTED',
      'class_name',
      `${describeValue(k.class_name)} has no faithful mapping; supported: Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling, GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal, Identity`,
    );
  }
  const c = checkOptionKeys(
    k.config ?? undefined,
    [...mapper.keys, 'seed', 'dtype'],
    'config',
    `a config key of ${k.class_name}`,
  );
  return fromConfig(mapper.map(c));
}
