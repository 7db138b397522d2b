/**
 * Every key of the playground's URL state, with its type, range and default. The hash holds
 * `key=value&...`; keys missing from it take these defaults, and `<key>_hide=true` hides that key's
 * control (for embedding a view in the docs).
 */
import { MODES, SCHEME_NAMES, type SchemeName } from '../scheme-catalog';
import {
  boolField,
  enumField,
  type Field,
  type FieldValue,
  type Invalid,
  isInvalid,
  listField,
  numberField,
  parseStrictNumber,
  textField,
} from './fields';

export const VIEWS = ['signal', 'train', 'rnn', 'advisor', 'inspect'] as const;
export type ViewName = (typeof VIEWS)[number];

export const ACTIVATIONS = [
  'relu',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'silu',
  'mish',
  'softplus',
  'tanh',
  'sigmoid',
  'linear',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const INPUTS = ['normal', 'uniform', 'sign'] as const;
export const DATASETS = ['spirals', 'xor', 'circles', 'blobs', 'mnist'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;
export const TASKS = ['adding', 'copy'] as const;
export const ARCHITECTURES = [
  'mlp',
  'cnn',
  'rnn',
  'lstm',
  'gru',
  'transformer',
  'resnet',
  'autoencoder',
] as const;
export const NORMALIZATIONS = ['none', 'batch', 'layer'] as const;
export const PRESETS = [
  'digit_recognition',
  'chatbot_memory',
  'movie_recommender',
  'iot_face_detection',
  'selu_stock_prediction',
  'voice_commands',
] as const;
export const ADVISOR_MODES = ['form', 'preset', 'words'] as const;

/** One initialization of the training arena: a scheme and, optionally, its main parameter. */
export interface TrainInit {
  readonly scheme: SchemeName;
  readonly param?: number;
}

export function parseTrainInit(raw: string): TrainInit | Invalid {
  const [name, value, extra] = raw.split(':');
  if (extra !== undefined || name === undefined || !(SCHEME_NAMES as readonly string[]).includes(name)) {
    return { invalid: `must be a scheme name (${SCHEME_NAMES.join(', ')}), optionally with :number` };
  }
  if (value === undefined) return { scheme: name as SchemeName };
  const v = parseStrictNumber(value);
  if (isInvalid(v)) return v;
  if (v < 0 || v > 100) return { invalid: 'parameter must lie in [0, 100]' };
  return { scheme: name as SchemeName, param: v };
}

export function formatTrainInit(v: TrainInit): string {
  return v.param === undefined ? v.scheme : `${v.scheme}:${v.param}`;
}

const scheme = (fallback: SchemeName) => enumField(SCHEME_NAMES, fallback);

/** The schema: every key the hash may hold. */
export const SCHEMA = {
  view: enumField(VIEWS, 'signal'),
  seed: numberField(0, 2 ** 31 - 1, 1, true),
  theme: enumField(['auto', 'light', 'dark'] as const, 'auto'),
  nav_hide: boolField(false),
  // 1. signal propagation
  s_act: enumField(ACTIVATIONS, 'relu'),
  s_scheme: scheme('he_normal'),
  s_gain: numberField(0, 10, 1),
  s_std: numberField(0, 10, 0.05),
  s_scale: numberField(0.001, 100, 1),
  s_mode: enumField(MODES, 'fan_in'),
  s_sparsity: numberField(0, 0.99, 0.9),
  s_mult: numberField(0, 10, 1),
  s_depth: numberField(1, 200, 50, true),
  s_width: numberField(2, 1024, 256, true),
  s_bias: numberField(0, 2, 0),
  s_input: enumField(INPUTS, 'normal'),
  s_batch: numberField(8, 256, 32, true),
  // 2. training arena
  t_data: enumField(DATASETS, 'spirals'),
  t_depth: numberField(1, 8, 3, true),
  t_width: numberField(2, 128, 16, true),
  t_act: enumField(ACTIVATIONS, 'tanh'),
  t_inits: listField(parseTrainInit, formatTrainInit, 4, [
    { scheme: 'xavier_uniform' },
    { scheme: 'he_normal' },
    { scheme: 'normal', param: 1 },
    { scheme: 'zeros' },
  ]),
  t_lr: numberField(1e-5, 10, 0.03),
  t_bs: numberField(1, 512, 32, true),
  t_opt: enumField(OPTIMIZERS, 'adam'),
  t_noise: numberField(0, 1, 0.1),
  // 3. recurrent memory
  r_task: enumField(TASKS, 'adding'),
  r_len: numberField(2, 150, 30, true),
  r_hidden: numberField(4, 128, 32, true),
  r_act: enumField(['tanh', 'relu'] as const, 'tanh'),
  r_std: numberField(0, 5, 1),
  r_lr: numberField(1e-5, 1, 0.005),
  r_bs: numberField(1, 128, 16, true),
  // 4. advisor
  a_mode: enumField(ADVISOR_MODES, 'form'),
  a_act: enumField(ACTIVATIONS, 'relu'),
  a_arch: enumField(ARCHITECTURES, 'mlp'),
  a_depth: numberField(1, 1000, 20, true),
  a_width: numberField(1, 65536, 256, true),
  a_norm: enumField(NORMALIZATIONS, 'none'),
  a_preset: enumField(PRESETS, 'digit_recognition'),
  a_text: textField(200, 'face detection on a low-power chip'),
  // 5. weight inspector
  w_scheme: scheme('orthogonal'),
  w_gain: numberField(0, 10, 1),
  w_std: numberField(0, 10, 0.05),
  w_scale: numberField(0.001, 100, 1),
  w_mode: enumField(MODES, 'fan_in'),
  w_sparsity: numberField(0, 0.99, 0.9),
  w_mult: numberField(0, 10, 1),
  w_rows: numberField(1, 1024, 128, true),
  w_cols: numberField(1, 1024, 128, true),
} as const satisfies Record<string, Field<unknown>>;

export type StateKey = keyof typeof SCHEMA;
export type AppState = { -readonly [K in StateKey]: FieldValue<(typeof SCHEMA)[K]> };

export const STATE_KEYS = Object.keys(SCHEMA) as StateKey[];

/** A fresh state holding every default. */
export function defaultState(): AppState {
  const s: Record<string, unknown> = Object.create(null);
  for (const k of STATE_KEYS) s[k] = SCHEMA[k].default;
  return s as AppState;
}
