import { AdvisorError } from './errors';
import { checkOptions } from './options';
import { normalCdf, normalPdf } from './special-functions';
import { valueText } from './value-text';

/** Names of the built-in activations (snake_case; camelCase spellings such as `leakyRelu` are accepted too). */
export type ActivationName =
  | 'relu'
  | 'leaky_relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'gelu_tanh'
  | 'silu'
  | 'swish'
  | 'mish'
  | 'softplus'
  | 'tanh'
  | 'sigmoid'
  | 'linear'
  | 'identity';

/** A built-in activation with its parameter: `slope` for leaky_relu (default 0.01), `alpha` for elu (default 1). */
export interface ActivationSpec {
  readonly name: ActivationName;
  /** Negative-side slope of leaky_relu, in [0, 1e6]. Default 0.01 (PyTorch's). */
  readonly slope?: number;
  /** Saturation scale of elu, in (0, 1e6]. Default 1. */
  readonly alpha?: number;
}

/** A user-supplied activation, integrated numerically. It is called, never parsed or evaluated as text. */
export interface CustomActivation {
  /** Label used in reports. Default `'custom'`. */
  readonly name?: string;
  /** The activation phi(x); must return finite numbers for finite x. */
  readonly fn: (x: number) => number;
  /** phi'(x). Default: central differences of `fn`. */
  readonly derivative?: (x: number) => number;
  /** Points where phi or phi' jumps (kinks); the integrals are split there. Default none. */
  readonly kinks?: readonly number[];
}

/** Anything that names an activation: a name, a name with parameters, or a custom function. */
export type ActivationInput = ActivationName | ActivationSpec | CustomActivation;

/** How an activation behaves, which the rules use to pick a scheme. */
export type ActivationFamily =
  | 'relu'
  | 'smooth_relu'
  | 'saturating'
  | 'self_normalizing'
  | 'linear'
  | 'custom';

/** A resolved activation: phi, phi', kinks and classification. */
export interface Activation {
  /** Canonical name (`'swish'` resolves to `'silu'`, `'identity'` to `'linear'`). */
  readonly name: ActivationName | 'custom';
  /** Human label including parameters, e.g. `leaky_relu(slope=0.2)`. */
  readonly label: string;
  readonly family: ActivationFamily;
  /** phi(x). */
  readonly fn: (x: number) => number;
  /** phi'(x). */
  readonly derivative: (x: number) => number;
  /** Points where phi or phi' is not smooth. */
  readonly kinks: readonly number[];
  /** True when phi is bounded (it saturates for large inputs). */
  readonly bounded: boolean;
  /** leaky_relu slope or elu alpha, when relevant. */
  readonly param?: number;
  /** phi'(0)^2 when phi is differentiable at 0 from the right, used to judge saturation. */
  readonly slopeAtZeroSq: number;
  /**
   * Beyond +-featureRadius phi and phi' vary only on scales comparable to |x| (linear, constant or
   * exponentially decaying tails, below e^-30 there): 30 for the built-ins, Infinity for custom functions.
   */
  readonly featureRadius: number;
}

/**
 * SELU's alpha (Klambauer et al. 2017): selu(x) = lambda * (x if x > 0 else alpha (e^x - 1)).
 *
 * @example
 * ```ts
 * SELU_ALPHA; // => 1.6732632423543772
 * ```
 */
export const SELU_ALPHA = 1.6732632423543772;
/**
 * SELU's lambda (Klambauer et al. 2017); with alpha it makes E[selu(z)] = 0, E[selu(z)^2] = 1.
 *
 * @example
 * ```ts
 * SELU_LAMBDA; // => 1.0507009873554805
 * ```
 */
export const SELU_LAMBDA = 1.0507009873554805;

const SQRT_2_OVER_PI = 0.7978845608028654;

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

const NAMES: readonly ActivationName[] = [
  'relu',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'gelu_tanh',
  'silu',
  'swish',
  'mish',
  'softplus',
  'tanh',
  'sigmoid',
  'linear',
  'identity',
];

/**
 * Every accepted built-in activation name (aliases `swish` and `identity` included).
 *
 * @returns The names.
 * @throws never.
 * @example
 * ```ts
 * listActivations()[0]; // => 'relu'
 * ```
 */
export function listActivations(): readonly ActivationName[] {
  return NAMES;
}

/** Maps `leakyRelu`, `Leaky-ReLU`, `leaky relu` and `leaky_relu` to the canonical snake_case name. */
function normalizeName(raw: string): string {
  const squashed = raw.replace(/[-_\s]/g, '').toLowerCase();
  return NAMES.find((name) => name.replace(/_/g, '') === squashed) ?? raw;
}

function isActivationName(name: string): name is ActivationName {
  return (NAMES as readonly string[]).includes(name);
}

function builtIn(name: ActivationName, param: number | undefined): Activation {
  switch (name) {
    case 'relu':
      return {
        name,
        label: 'relu',
        family: 'relu',
        fn: (x) => Math.max(x, 0),
        derivative: (x) => (x > 0 ? 1 : 0),
        kinks: [0],
        bounded: false,
        slopeAtZeroSq: 1,
        featureRadius: 30,
      };
    case 'leaky_relu': {
      const a = param ?? 0.01;
      return {
        name,
        label: `leaky_relu(slope=${a})`,
        family: 'relu',
        fn: (x) => (x > 0 ? x : a * x),
        derivative: (x) => (x > 0 ? 1 : a),
        kinks: [0],
        bounded: false,
        param: a,
        slopeAtZeroSq: 1,
        featureRadius: 30,
      };
    }
    case 'elu': {
      const a = param ?? 1;
      return {
        name,
        label: `elu(alpha=${a})`,
        family: 'relu',
        fn: (x) => (x > 0 ? x : a * Math.expm1(x)),
        derivative: (x) => (x > 0 ? 1 : a * Math.exp(x)),
        kinks: [0],
        bounded: false,
        param: a,
        slopeAtZeroSq: 1,
        featureRadius: 30,
      };
    }
    case 'selu':
      return {
        name,
        label: 'selu',
        family: 'self_normalizing',
        fn: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
        derivative: (x) => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
        kinks: [0],
        bounded: false,
        slopeAtZeroSq: SELU_LAMBDA * SELU_LAMBDA,
        featureRadius: 30,
      };
    case 'gelu':
      return {
        name,
        label: 'gelu',
        family: 'smooth_relu',
        fn: (x) => x * normalCdf(x),
        derivative: (x) => normalCdf(x) + x * normalPdf(x),
        kinks: [],
        bounded: false,
        slopeAtZeroSq: 0.25,
        featureRadius: 30,
      };
    case 'gelu_tanh':
      return {
        name,
        label: 'gelu_tanh',
        family: 'smooth_relu',
        fn: (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))),
        derivative: (x) => {
          const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
          return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
        },
        kinks: [],
        bounded: false,
        slopeAtZeroSq: 0.25,
        featureRadius: 30,
      };
    case 'silu':
    case 'swish':
      return {
        name: 'silu',
        label: 'silu',
        family: 'smooth_relu',
        fn: (x) => x * sigmoid(x),
        derivative: (x) => {
          const s = sigmoid(x);
          return s * (1 + x * (1 - s));
        },
        kinks: [],
        bounded: false,
        slopeAtZeroSq: 0.25,
        featureRadius: 30,
      };
    case 'mish':
      return {
        name,
        label: 'mish',
        family: 'smooth_relu',
        fn: (x) => x * Math.tanh(softplus(x)),
        derivative: (x) => {
          const t = Math.tanh(softplus(x));
          return t + x * (1 - t * t) * sigmoid(x);
        },
        kinks: [],
        bounded: false,
        slopeAtZeroSq: Math.tanh(Math.LN2) ** 2,
        featureRadius: 30,
      };
    case 'softplus':
      return {
        name,
        label: 'softplus',
        family: 'smooth_relu',
        fn: softplus,
        derivative: sigmoid,
        kinks: [],
        bounded: false,
        slopeAtZeroSq: 0.25,
        featureRadius: 30,
      };
    case 'tanh':
      return {
        name,
        label: 'tanh',
        family: 'saturating',
        fn: Math.tanh,
        derivative: (x) => {
          const t = Math.tanh(x);
          return 1 - t * t;
        },
        kinks: [],
        bounded: true,
        slopeAtZeroSq: 1,
        featureRadius: 30,
      };
    case 'sigmoid':
      return {
        name,
        label: 'sigmoid',
        family: 'saturating',
        fn: sigmoid,
        derivative: (x) => {
          const s = sigmoid(x);
          return s * (1 - s);
        },
        kinks: [],
        bounded: true,
        slopeAtZeroSq: 1 / 16,
        featureRadius: 30,
      };
    case 'linear':
    case 'identity':
      return {
        name: 'linear',
        label: 'linear',
        family: 'linear',
        fn: (x) => x,
        derivative: () => 1,
        kinks: [],
        bounded: false,
        slopeAtZeroSq: 1,
        featureRadius: 30,
      };
  }
}

/** Largest leaky slope or ELU alpha: beyond it the variance-preserving weight scale underflows float32. */
const MAX_PARAM = 1e6;

function checkParam(value: unknown, argument: string, positive: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > MAX_PARAM ||
    (positive && value === 0)
  ) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected a finite number ${positive ? '> 0' : '>= 0'} and at most ${MAX_PARAM}, got ${valueText(value)}`,
    );
  }
  return value;
}

const SPEC_KEYS = ['name', 'slope', 'alpha'];
const CUSTOM_KEYS = ['name', 'fn', 'derivative', 'kinks'];
/** Most kinks a custom activation may list (each one splits every integral). */
const MAX_KINKS = 64;

/**
 * A user function made safe to integrate: a thrown error becomes an `AdvisorError` naming the
 * argument, and a result that is not a number reads as NaN (which the integrals report as `NOT_FINITE`).
 */
function guarded(f: (x: number) => number, argument: string): (x: number) => number {
  return (x) => {
    let y: unknown;
    try {
      y = f(x);
    } catch {
      throw new AdvisorError('INVALID_ARGUMENT', argument, `the function threw at x = ${x}`);
    }
    return typeof y === 'number' ? y : Number.NaN;
  };
}

function resolveCustom(input: CustomActivation, argument: string): Activation {
  const custom = checkOptions<CustomActivation>(input, CUSTOM_KEYS, argument, argument);
  if (typeof custom.fn !== 'function') {
    throw new AdvisorError('INVALID_ARGUMENT', `${argument}.fn`, 'expected a function (x: number) => number');
  }
  if (custom.derivative !== undefined && typeof custom.derivative !== 'function') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${argument}.derivative`,
      'expected a function (x: number) => number or undefined',
    );
  }
  const kinks: unknown = custom.kinks ?? [];
  if (
    !Array.isArray(kinks) ||
    kinks.length > MAX_KINKS ||
    kinks.some((k) => typeof k !== 'number' || !Number.isFinite(k))
  ) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${argument}.kinks`,
      `expected an array of at most ${MAX_KINKS} finite numbers`,
    );
  }
  if (custom.name !== undefined && (typeof custom.name !== 'string' || custom.name.length > 200)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${argument}.name`,
      'expected a string of at most 200 characters',
    );
  }
  const fn = guarded(custom.fn, `${argument}.fn`);
  const derivative =
    custom.derivative === undefined
      ? centralDifference(fn)
      : guarded(custom.derivative, `${argument}.derivative`);
  const d0 = derivative(1e-9);
  return {
    name: 'custom',
    label: custom.name ?? 'custom',
    family: 'custom',
    fn,
    derivative,
    kinks: [...(kinks as number[])].sort((a, b) => a - b),
    bounded: false,
    slopeAtZeroSq: Number.isFinite(d0) ? d0 * d0 : 1,
    featureRadius: Number.POSITIVE_INFINITY,
  };
}

function centralDifference(fn: (x: number) => number): (x: number) => number {
  return (x) => {
    const h = 1e-5 * Math.max(1, Math.abs(x));
    return (fn(x + h) - fn(x - h)) / (2 * h);
  };
}

/**
 * Resolves a name, a parameterized spec or a custom function to an {@link Activation}.
 *
 * Names are case-insensitive and accept camelCase (`leakyRelu`) and kebab-case; `swish` is `silu`,
 * `identity` is `linear`. Custom functions are only ever called, never turned into code from text.
 *
 * @param input - `'relu'`, `{ name: 'leaky_relu', slope: 0.2 }`, or `{ fn, derivative?, kinks?, name? }`.
 * @param argumentName - Name reported in errors. Default `'activation'`.
 * @returns The resolved activation.
 * @throws {AdvisorError} `UNSUPPORTED` for unknown names (the message lists the allowed ones);
 *   `INVALID_ARGUMENT` for bad parameters (leaky slope outside [0, 1e6], ELU alpha outside (0, 1e6]),
 *   non-function `fn`/`derivative` or non-finite kinks.
 * @example
 * ```ts
 * resolveActivation({ name: 'leaky_relu', slope: 0.2 }).fn(-1); // => -0.2
 * ```
 */
export function resolveActivation(input: ActivationInput, argumentName = 'activation'): Activation {
  const argument =
    typeof argumentName === 'string' && argumentName.length > 0 ? argumentName.slice(0, 200) : 'activation';
  if (typeof input === 'string') {
    const key = normalizeName(input);
    if (!isActivationName(key)) {
      throw new AdvisorError(
        'UNSUPPORTED',
        argument,
        `unknown activation '${input}'; allowed: ${NAMES.join(', ')}, or a custom function`,
      );
    }
    return builtIn(key, undefined);
  }
  if (input === null || typeof input !== 'object') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      'expected an activation name, { name, slope?, alpha? } or { fn, derivative?, kinks? }',
    );
  }
  if ('fn' in input) return resolveCustom(input as CustomActivation, argument);
  const spec = checkOptions<ActivationSpec>(input, SPEC_KEYS, argument, argument);
  if (typeof spec.name !== 'string') {
    throw new AdvisorError('INVALID_ARGUMENT', `${argument}.name`, `expected one of ${NAMES.join(', ')}`);
  }
  const key = normalizeName(spec.name);
  if (!isActivationName(key)) {
    throw new AdvisorError(
      'UNSUPPORTED',
      `${argument}.name`,
      `unknown activation '${spec.name}'; allowed: ${NAMES.join(', ')}`,
    );
  }
  let param: number | undefined;
  if (key === 'leaky_relu' && spec.slope !== undefined)
    param = checkParam(spec.slope, `${argument}.slope`, false);
  if (key === 'elu' && spec.alpha !== undefined) param = checkParam(spec.alpha, `${argument}.alpha`, true);
  if (spec.slope !== undefined && key !== 'leaky_relu') {
    throw new AdvisorError('INVALID_ARGUMENT', `${argument}.slope`, 'slope applies only to leaky_relu');
  }
  if (spec.alpha !== undefined && key !== 'elu') {
    throw new AdvisorError('INVALID_ARGUMENT', `${argument}.alpha`, 'alpha applies only to elu');
  }
  return builtIn(key, param);
}
