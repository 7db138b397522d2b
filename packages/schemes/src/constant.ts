import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num } from './params';

function constantDef(
  name: string,
  aliases: string[],
  value: number | undefined,
  whenToUse: string,
): SchemeDefinition {
  return {
    name,
    aliases,
    params:
      value === undefined
        ? [{ name: 'value', type: 'number', default: 0, doc: 'The value written everywhere.' }]
        : [],
    formula: value === undefined ? 'W = value' : `W = ${value}`,
    whenToUse,
    stochastic: false,
    prepare(p, _shape, _layout, multiplier) {
      const v = (value ?? num(p, 'value')) * multiplier;
      return {
        description: { formula: `W = ${v}`, distribution: 'constant', mean: v },
        extents: [{ base: value ?? num(p, 'value'), multiplier, argument: 'value' }],
        run(out) {
          out.fill(v);
        },
      };
    },
  };
}

/** Registry definition of `zeros`. */
export const ZEROS = /*#__PURE__*/ constantDef(
  'zeros',
  ['zero', 'zeros_init'],
  0,
  'Biases; the last layer of residual branches (Fixup, ReZero/SkipInit gates); readouts in muP.',
);
/** Registry definition of `ones`. */
export const ONES = /*#__PURE__*/ constantDef(
  'ones',
  ['one', 'ones_init'],
  1,
  'Normalization scales (LayerNorm/BatchNorm gamma).',
);
/** Registry definition of `constant`. */
export const CONSTANT = /*#__PURE__*/ constantDef(
  'constant',
  ['const'],
  undefined,
  'A fixed bias such as 0.1 for ReLU units, or a known starting value.',
);

/** Options of {@link constant}. */
export interface ConstantOptions {
  /** The value. Default 0. */
  value?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * All zeros. Deterministic: `rng` is ignored.
 *
 * Formula: `W = 0`.
 *
 * @param options - `multiplier` (default 1; has no effect on zeros, kept for uniformity).
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown option.
 * @example
 * ```ts
 * zeros()([2, 2]).data; // => Float32Array [0, 0, 0, 0]
 * ```
 */
export function zeros(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(ZEROS, options);
}

/**
 * All ones (times `multiplier`). Deterministic.
 *
 * Formula: `W = 1 · multiplier`.
 *
 * @param options - `multiplier` (default 1).
 * @throws {InitError} `NOT_FINITE` for a non-finite multiplier.
 * @example
 * ```ts
 * ones()([3]).data; // => Float32Array [1, 1, 1]
 * ```
 */
export function ones(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(ONES, options);
}

/**
 * A constant. Deterministic.
 *
 * Formula: `W = value · multiplier`.
 *
 * @param options - `value` (default 0), `multiplier` (default 1).
 * @throws {InitError} `NOT_FINITE` / `INVALID_ARGUMENT` (argument `'value'`) for a non-finite or non-numeric value.
 * @example
 * ```ts
 * constant({ value: 0.1 })([2], undefined, { dtype: 'float64' }).data; // => Float64Array [0.1, 0.1]
 * ```
 */
export function constant(options: ConstantOptions = {}): Initializer {
  return createInitializer(CONSTANT, options);
}
