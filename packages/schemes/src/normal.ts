import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { NORMAL_SPREAD } from './limits';
import { num } from './params';
import { sampleNormal } from './sampling';

function normalDef(
  name: string,
  aliases: string[],
  defaultStd: number,
  withMean: boolean,
  whenToUse: string,
): SchemeDefinition {
  return {
    name,
    aliases,
    params: [
      ...(withMean ? [{ name: 'mean', type: 'number' as const, default: 0, doc: 'Mean. Default 0.' }] : []),
      {
        name: 'std',
        type: 'number',
        min: 0,
        default: defaultStd,
        doc: `Standard deviation, >= 0. Default ${defaultStd}.`,
        aliases: ['stddev'],
      },
    ],
    formula: withMean ? 'W ~ N(mean, std^2)' : `W ~ N(0, std^2), std = ${defaultStd} by default`,
    whenToUse,
    stochastic: true,
    prepare(p, _shape, _layout, m) {
      const mean = (withMean ? num(p, 'mean') : 0) * m;
      const std = num(p, 'std') * Math.abs(m);
      return {
        description: {
          formula: `W ~ N(${mean}, ${std}^2)`,
          distribution: 'normal',
          std,
          ...(mean !== 0 ? { mean } : {}),
        },
        extents: [
          { base: withMean ? num(p, 'mean') : 0, multiplier: m, argument: 'mean' },
          {
            base: Math.abs(withMean ? num(p, 'mean') : 0) + NORMAL_SPREAD * num(p, 'std'),
            multiplier: m,
            argument: 'std',
          },
        ],
        run(out, rng) {
          sampleNormal(out, rng, mean, std);
        },
      };
    },
  };
}

/** Registry definition of `normal`. */
export const NORMAL = /*#__PURE__*/ normalDef(
  'normal',
  ['random_normal', 'gaussian'],
  1,
  true,
  'A fixed std chosen by a recipe, e.g. GPT-2/BERT N(0, 0.02^2) for Linear and Embedding weights.',
);
/** Registry definition of `random_small`. */
export const RANDOM_SMALL = /*#__PURE__*/ normalDef(
  'random_small',
  ['small_random'],
  0.01,
  false,
  'Reproducing older models that used "small random numbers"; fan-scaled schemes are better for deep nets.',
);

/** Options of {@link normal}. */
export interface NormalOptions {
  /** Mean. Default 0. */
  mean?: number;
  /** Standard deviation, >= 0. Default 1 (PyTorch's `normal_`). */
  std?: number;
  /** Output multiplier (scales mean and std). Default 1. */
  multiplier?: number;
}

/**
 * Normal distribution, untruncated.
 *
 * Formula: `W ~ N(mean, std^2)`.
 *
 * @param options - `mean` (default 0), `std` (default 1), `multiplier` (default 1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'std'`) for std < 0; `NOT_FINITE` for NaN/infinite values.
 * @example
 * ```ts
 * const w = normal({ std: 0.02 })([768, 768], 'gpt2.h0.attn.c_attn');
 * w.dtype; // => 'float32'
 * ```
 */
export function normal(options: NormalOptions = {}): Initializer {
  return createInitializer(NORMAL, options);
}

/**
 * Small random numbers, N(0, 0.01^2) unless `std` says otherwise.
 *
 * Formula: `W ~ N(0, std^2)`, std = 0.01.
 *
 * @param options - `std` (default 0.01), `multiplier` (default 1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'std'`) for std < 0.
 * @example
 * ```ts
 * randomSmall().describe([10, 10]).std; // => 0.01
 * ```
 */
export function randomSmall(options: { std?: number; multiplier?: number } = {}): Initializer {
  return createInitializer(RANDOM_SMALL, options);
}
