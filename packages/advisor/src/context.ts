import { type Activation, type ActivationInput, resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { checkOptions, isRecord } from './options';
import { buildScheme } from './scheme-statistics';
import { valueText } from './value-text';

/** Network families the rules know. */
export type Architecture = 'mlp' | 'cnn' | 'rnn' | 'lstm' | 'gru' | 'transformer' | 'resnet' | 'autoencoder';
/** Normalization layers in the network. */
export type Normalization = 'none' | 'batch' | 'layer';
/** Deployment target: `'edge'` means low power / low memory (mobile, IoT). */
export type Target = 'default' | 'edge';
/** The six real-world use cases of the source document, as presets. */
export type PresetName =
  | 'digit_recognition'
  | 'chatbot_memory'
  | 'movie_recommender'
  | 'iot_face_detection'
  | 'selu_stock_prediction'
  | 'voice_commands';

/** A scheme configuration as accepted by `fromConfig` of @init/schemes. */
export interface SchemeConfig {
  name: string;
  [param: string]: unknown;
}

/** What the caller knows about the network. Every field is optional. */
export interface RecommendContext {
  /** Hidden activation: a name, `{ name: 'leaky_relu', slope }`, or a custom function. */
  readonly activation?: ActivationInput;
  /** Network family. */
  readonly architecture?: Architecture;
  /** Number of weight layers (blocks for resnet and transformer), integer in [1, 100000]. */
  readonly depth?: number;
  /** Typical layer width (units or channels), integer in [1, 10^7]. */
  readonly width?: number;
  /** Normalization layers: none, batch or layer. */
  readonly normalization?: Normalization;
  /** Whether the network has residual (skip) connections. `architecture: 'resnet'` implies true. */
  readonly residual?: boolean;
  /** Deployment target; `'edge'` for low-power / low-memory devices (`low_memory`, `low_power`, `mobile`, `iot` are accepted as aliases). */
  readonly target?: Target;
  /** A use case of the source document; its fields fill in whatever the caller left out. */
  readonly preset?: PresetName;
  /**
   * A use case in words, such as `'stock prediction with SELU'`: the matching row of the source
   * document's use-case table gives the preset (see `matchUseCase`). Not together with `preset`.
   */
  readonly useCase?: string;
  /** Activation of the output layer (for example sigmoid in an autoencoder's decoder); the string `'softmax'` is also accepted and read as linear logits. */
  readonly outputActivation?: ActivationInput;
  /** A scheme the caller is considering; the advisor checks it for known pitfalls. */
  readonly considering?: SchemeConfig;
}

/** A context after validation and preset expansion. */
export interface ResolvedContext {
  readonly activation: Activation | undefined;
  readonly architecture: Architecture | undefined;
  readonly depth: number | undefined;
  readonly width: number | undefined;
  readonly normalization: Normalization | undefined;
  /** True for explicit residual connections or a resnet. */
  readonly residual: boolean;
  readonly target: Target | undefined;
  readonly preset: PresetName | undefined;
  readonly outputActivation: Activation | undefined;
  readonly considering: SchemeConfig | undefined;
}

/**
 * Every accepted architecture.
 *
 * @example
 * ```ts
 * ARCHITECTURES.includes('transformer'); // => true
 * ```
 */
export const ARCHITECTURES: readonly Architecture[] = [
  'mlp',
  'cnn',
  'rnn',
  'lstm',
  'gru',
  'transformer',
  'resnet',
  'autoencoder',
];
/**
 * Every accepted normalization.
 *
 * @example
 * ```ts
 * NORMALIZATIONS; // => ['none', 'batch', 'layer']
 * ```
 */
export const NORMALIZATIONS: readonly Normalization[] = ['none', 'batch', 'layer'];
/**
 * Every accepted target.
 *
 * @example
 * ```ts
 * TARGETS; // => ['default', 'edge']
 * ```
 */
export const TARGETS: readonly Target[] = ['default', 'edge'];

const CONTEXT_KEYS = [
  'activation',
  'architecture',
  'depth',
  'width',
  'normalization',
  'residual',
  'target',
  'preset',
  'useCase',
  'outputActivation',
  'considering',
] as const;

/**
 * Largest depth a recommendation accepts (larger throws `TOO_LARGE`).
 *
 * @example
 * ```ts
 * MAX_RECOMMEND_DEPTH; // => 100000
 * ```
 */
export const MAX_RECOMMEND_DEPTH = 100_000;
/**
 * Largest width a recommendation accepts (larger throws `TOO_LARGE`).
 *
 * @example
 * ```ts
 * MAX_WIDTH; // => 10000000
 * ```
 */
export const MAX_WIDTH = 10_000_000;

function pick<T extends string>(value: unknown, allowed: readonly T[], argument: string): T {
  const key = typeof value === 'string' ? value.trim().toLowerCase().replace(/[-\s]/g, '_') : undefined;
  const found = allowed.find((a) => a === key);
  if (found === undefined) {
    throw new AdvisorError(
      typeof value === 'string' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
      argument,
      `expected one of ${allowed.join(', ')}, got ${valueText(value)}`,
    );
  }
  return found;
}

/** Validates an integer field in [1, max]. */
export function checkCount(value: unknown, argument: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new AdvisorError('INVALID_ARGUMENT', argument, `expected an integer >= 1, got ${valueText(value)}`);
  }
  if (value > max) throw new AdvisorError('TOO_LARGE', argument, `at most ${max}, got ${value}`);
  return value;
}

/**
 * Validates a scheme configuration's outer shape: a plain object with a string `name` and
 * JSON-like parameter values. (Names and parameters are checked by @init/schemes where used.)
 */
export function checkSchemeConfig(value: unknown, argument: string): SchemeConfig {
  if (!isRecord(value)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected an object { name, ...params }, got ${valueText(value)}`,
    );
  }
  const name = value.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${argument}.name`,
      'expected a scheme name (string, 1-100 chars)',
    );
  }
  return value as SchemeConfig;
}

/**
 * Validates a {@link RecommendContext} and expands its preset.
 *
 * @throws {AdvisorError} `INVALID_ARGUMENT` for unknown keys (with "did you mean") or wrong types; `UNSUPPORTED` for
 *   unknown names; `TOO_LARGE` for depth > 100000 or width > 10^7.
 */
export function resolveContext(
  context: RecommendContext,
  presetFields?: Partial<RecommendContext>,
): ResolvedContext {
  if (context === null) throw new AdvisorError('INVALID_ARGUMENT', 'context', 'expected an object, got null');
  checkOptions(context, CONTEXT_KEYS, 'context');
  const merged: RecommendContext = { ...presetFields, ...stripUndefined(context) };
  const architecture =
    merged.architecture === undefined ? undefined : pick(merged.architecture, ARCHITECTURES, 'architecture');
  if (merged.residual !== undefined && typeof merged.residual !== 'boolean') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'residual',
      `expected true or false, got ${valueText(merged.residual)}`,
    );
  }
  return {
    activation:
      merged.activation === undefined ? undefined : resolveActivation(merged.activation, 'activation'),
    architecture,
    depth: merged.depth === undefined ? undefined : checkCount(merged.depth, 'depth', MAX_RECOMMEND_DEPTH),
    width: merged.width === undefined ? undefined : checkCount(merged.width, 'width', MAX_WIDTH),
    normalization:
      merged.normalization === undefined
        ? undefined
        : pick(merged.normalization, NORMALIZATIONS, 'normalization'),
    residual: merged.residual === true || architecture === 'resnet',
    target: merged.target === undefined ? undefined : pick(targetAlias(merged.target), TARGETS, 'target'),
    preset: merged.preset,
    outputActivation:
      merged.outputActivation === undefined
        ? undefined
        : resolveActivation(softmaxAsLogits(merged.outputActivation), 'outputActivation'),
    considering: merged.considering === undefined ? undefined : checkConsidered(merged.considering),
  };
}

/** A considered scheme must be a valid @init/schemes config (unknown names and bad parameters are rejected). */
function checkConsidered(value: unknown): SchemeConfig {
  const config = checkSchemeConfig(value, 'considering');
  const canonical = String(buildScheme(config, 'considering').config.name);
  return { ...config, name: canonical };
}

/** A softmax output is not an elementwise activation: its layer is planned as linear logits. */
function softmaxAsLogits(value: ActivationInput): ActivationInput {
  return typeof value === 'string' && value.trim().toLowerCase() === 'softmax' ? 'linear' : value;
}

/** `low_memory`, `low_power`, `mobile` and `iot` all mean the edge target. */
function targetAlias(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const key = value.trim().toLowerCase().replace(/[-\s]/g, '_');
  return ['low_memory', 'low_power', 'mobile', 'iot'].includes(key) ? 'edge' : value;
}

function stripUndefined(context: RecommendContext): RecommendContext {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(context)) {
    const v = (context as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as RecommendContext;
}
