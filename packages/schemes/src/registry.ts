import { CONSTANT, ONES, ZEROS } from './constant';
import { DELTA_ORTHOGONAL } from './delta-orthogonal';
import { DIRAC } from './dirac';
import { describeValue, InitError } from './errors';
import { toSnake } from './gain';
import { HE_NORMAL, HE_TRUNCATED_NORMAL, HE_UNIFORM } from './he';
import { IDENTITY } from './identity';
import { createInitializer, type Initializer, type SchemeConfig, type SchemeDefinition } from './initializer';
import { LECUN_NORMAL, LECUN_TRUNCATED_NORMAL, LECUN_UNIFORM } from './lecun';
import { NORMAL, RANDOM_SMALL } from './normal';
import { ORTHOGONAL } from './orthogonal';
import { MULTIPLIER_PARAM, type ParamValue } from './params';
import { CHRONO_BIAS, LSTM_FORGET_BIAS, RNN_IDENTITY, RNN_ORTHOGONAL } from './recurrent';
import { SPARSE } from './sparse';
import { TRUNCATED_NORMAL } from './truncated-normal';
import { UNIFORM } from './uniform';
import { VARIANCE_SCALING } from './variance-scaling';
import { XAVIER_NORMAL, XAVIER_TRUNCATED_NORMAL, XAVIER_UNIFORM } from './xavier';
import { ZER_O } from './zer-o';

const DEFINITIONS: readonly SchemeDefinition[] = [
  ZEROS,
  ONES,
  CONSTANT,
  UNIFORM,
  NORMAL,
  TRUNCATED_NORMAL,
  RANDOM_SMALL,
  VARIANCE_SCALING,
  XAVIER_UNIFORM,
  XAVIER_NORMAL,
  XAVIER_TRUNCATED_NORMAL,
  HE_UNIFORM,
  HE_NORMAL,
  HE_TRUNCATED_NORMAL,
  LECUN_UNIFORM,
  LECUN_NORMAL,
  LECUN_TRUNCATED_NORMAL,
  ORTHOGONAL,
  DELTA_ORTHOGONAL,
  IDENTITY,
  DIRAC,
  ZER_O,
  SPARSE,
  RNN_ORTHOGONAL,
  RNN_IDENTITY,
  LSTM_FORGET_BIAS,
  CHRONO_BIAS,
];

let byName: Map<string, SchemeDefinition> | undefined;

function lookup(): Map<string, SchemeDefinition> {
  if (!byName) {
    byName = new Map();
    for (const def of DEFINITIONS) {
      for (const n of [def.name, ...def.aliases]) byName.set(n, def);
    }
  }
  return byName;
}

/** Canonical form of a scheme name: snake_case, lower case, `-` and spaces read as `_`. */
function normalizeName(name: string): string {
  return toSnake(name.trim()).replace(/[-\s]+/g, '_');
}

/**
 * The registry definition for a name or alias (snake_case or camelCase).
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'name'`) for an unknown name, listing the known ones.
 */
export function schemeDefinition(name: unknown): SchemeDefinition {
  const def = typeof name === 'string' ? lookup().get(normalizeName(name)) : undefined;
  if (!def) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'name',
      `unknown scheme ${describeValue(name)}; known: ${DEFINITIONS.map((d) => d.name).join(', ')}`,
    );
  }
  return def;
}

/**
 * Builds an initializer from a JSON config or a bare name. Names and parameter keys may be
 * snake_case or camelCase; aliases users know are accepted (`kaiming_normal`, `glorot_uniform`,
 * `eye`...). Every config accepts `multiplier` (default 1).
 *
 * Note: `glorot_normal`/`kaiming_normal` here mean PyTorch's untruncated normals; use
 * `xavier_truncated_normal`/`he_truncated_normal` or {@link fromKerasConfig} for the Keras/JAX forms.
 *
 * @param config - `{ name, ...params }` or a name.
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown name or parameter (argument named), or any
 * parameter error of the scheme.
 * @example
 * ```ts
 * fromConfig({ name: 'kaiming_normal', mode: 'fan_out' }).config;
 * // => { name: 'he_normal', mode: 'fan_out', nonlinearity: 'relu', slope: 0, multiplier: 1 }
 * ```
 */
export function fromConfig(config: SchemeConfig | string): Initializer {
  if (typeof config === 'string') return createInitializer(schemeDefinition(config), {});
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'config',
      `must be { name, ...params } or a name, got ${describeValue(config)}`,
    );
  }
  return createInitializer(schemeDefinition(config.name), config);
}

/** One parameter as listed by {@link listSchemes}. */
export interface ParamInfo {
  name: string;
  /** Default value; `undefined` when required, `null` when it has no default and is optional. */
  default: ParamValue | undefined;
  required: boolean;
  /** `'number'`, `'integer'`, `'enum'` or `'gate_order'`. */
  type: string;
  /** Allowed values of an enum. */
  values?: readonly string[];
  doc: string;
}

/** A registry entry as listed by {@link listSchemes}. */
export interface SchemeInfo {
  name: string;
  aliases: string[];
  params: ParamInfo[];
  formula: string;
  whenToUse: string;
  stochastic: boolean;
}

/**
 * Every registered scheme: canonical name, aliases, parameters with defaults (including
 * `multiplier`), formula and when to use it. A fresh, JSON-serializable copy on every call.
 *
 * @throws Nothing: the registry is static.
 * @example
 * ```ts
 * listSchemes().find((s) => s.name === 'he_normal')?.aliases; // => ['kaiming_normal']
 * ```
 */
export function listSchemes(): SchemeInfo[] {
  return DEFINITIONS.map((d) => ({
    name: d.name,
    aliases: [...d.aliases],
    params: [...d.params, MULTIPLIER_PARAM].map((p) => ({
      name: p.name,
      default: Array.isArray(p.default) ? [...p.default] : p.default,
      required: p.default === undefined,
      type: p.type,
      ...(p.type === 'enum' ? { values: [...p.values] } : {}),
      doc: p.doc,
    })),
    formula: d.formula,
    whenToUse: d.whenToUse,
    stochastic: d.stochastic,
  }));
}
