/**
 * The weight schemes the playground offers for dense weights, and how the playground's few scheme
 * parameters (gain, std, scale, mode, sparsity, multiplier) become an @init/schemes registry config.
 */

export const SCHEME_NAMES = [
  'he_normal',
  'he_uniform',
  'xavier_normal',
  'xavier_uniform',
  'lecun_normal',
  'lecun_uniform',
  'orthogonal',
  'identity',
  'variance_scaling',
  'normal',
  'truncated_normal',
  'uniform',
  'random_small',
  'sparse',
  'zeros',
] as const;

export type SchemeName = (typeof SCHEME_NAMES)[number];

/** Which single parameter (besides the multiplier) a scheme takes in the playground. */
export type MainParam = 'gain' | 'std' | 'scale' | 'none';

export const MAIN_PARAM: Readonly<Record<SchemeName, MainParam>> = {
  he_normal: 'none',
  he_uniform: 'none',
  xavier_normal: 'gain',
  xavier_uniform: 'gain',
  lecun_normal: 'none',
  lecun_uniform: 'none',
  orthogonal: 'gain',
  identity: 'gain',
  variance_scaling: 'scale',
  normal: 'std',
  truncated_normal: 'std',
  uniform: 'std',
  random_small: 'std',
  sparse: 'std',
  zeros: 'none',
};

/** Schemes whose fan mode can be chosen. */
export const HAS_MODE: ReadonlySet<SchemeName> = new Set(['he_normal', 'he_uniform', 'variance_scaling']);

export const MODES = ['fan_in', 'fan_out'] as const;
export type FanMode = (typeof MODES)[number];

/** The playground's scheme settings. */
export interface SchemeSettings {
  readonly scheme: SchemeName;
  readonly gain: number;
  readonly std: number;
  readonly scale: number;
  readonly mode: FanMode;
  readonly sparsity: number;
  readonly mult: number;
}

export const DEFAULT_SCHEME_SETTINGS: SchemeSettings = {
  scheme: 'he_normal',
  gain: 1,
  std: 0.05,
  scale: 1,
  mode: 'fan_in',
  sparsity: 0.9,
  mult: 1,
};

/** A JSON registry config for @init/schemes' `fromConfig`. */
export type SchemeConfigJson = { name: string } & Record<string, string | number | null>;

/**
 * The registry config of `s`: the scheme's own parameters from the settings, plus `multiplier` when it
 * is not 1. A uniform is centred, U(-sqrt(3) std, sqrt(3) std), so that its std is the one set.
 */
export function schemeConfig(s: SchemeSettings): SchemeConfigJson {
  const c: SchemeConfigJson = { name: s.scheme };
  switch (s.scheme) {
    case 'he_normal':
    case 'he_uniform':
      c.mode = s.mode;
      c.nonlinearity = 'relu';
      break;
    case 'xavier_normal':
    case 'xavier_uniform':
    case 'orthogonal':
    case 'identity':
      c.gain = s.gain;
      break;
    case 'variance_scaling':
      c.scale = s.scale;
      c.mode = s.mode;
      c.distribution = 'normal';
      break;
    case 'normal':
    case 'random_small':
      c.std = s.std;
      break;
    case 'truncated_normal':
      c.std = s.std;
      c.a = -2 * s.std;
      c.b = 2 * s.std;
      break;
    case 'uniform':
      c.low = -Math.sqrt(3) * s.std;
      c.high = Math.sqrt(3) * s.std;
      break;
    case 'sparse':
      c.sparsity = s.sparsity;
      c.std = s.std;
      break;
    default:
      break;
  }
  if (s.mult !== 1) c.multiplier = s.mult;
  return c;
}

/** A short label such as `he_normal(fan_in)` or `normal(std=0.05)`. */
export function schemeLabel(s: SchemeSettings): string {
  const parts: string[] = [];
  const main = MAIN_PARAM[s.scheme];
  if (main !== 'none') parts.push(`${main}=${s[main]}`);
  if (HAS_MODE.has(s.scheme)) parts.push(s.mode);
  if (s.scheme === 'sparse') parts.push(`sparsity=${s.sparsity}`);
  if (s.mult !== 1) parts.push(`×${s.mult}`);
  return parts.length === 0 ? s.scheme : `${s.scheme}(${parts.join(', ')})`;
}
