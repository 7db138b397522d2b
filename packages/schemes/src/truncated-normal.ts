import { InitError } from './errors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num } from './params';
import { sampleTruncatedNormal } from './sampling';

/** Registry definition of `truncated_normal`. */
export const TRUNCATED_NORMAL: SchemeDefinition = {
  name: 'truncated_normal',
  aliases: ['trunc_normal'],
  params: [
    { name: 'mean', type: 'number', default: 0, doc: 'Mean before truncation. Default 0.' },
    {
      name: 'std',
      type: 'number',
      min: 0,
      default: 1,
      doc: 'Std before truncation, >= 0. Default 1.',
      aliases: ['stddev'],
    },
    {
      name: 'a',
      type: 'number',
      default: -2,
      doc: 'Lower cut-off, ABSOLUTE (not in units of std). Default -2.',
      aliases: ['lower'],
    },
    { name: 'b', type: 'number', default: 2, doc: 'Upper cut-off, ABSOLUTE. Default 2.', aliases: ['upper'] },
  ],
  formula: 'W ~ N(mean, std^2) conditioned on a <= W <= b (absolute bounds, as torch.nn.init.trunc_normal_)',
  whenToUse: 'ViT/BERT-style N(0, 0.02^2) cut at +-2 std (pass a = -0.04, b = 0.04), or any bounded normal.',
  stochastic: true,
  check(p) {
    // a == b is allowed: every value is a, as PyTorch's trunc_normal_ gives (and Keras stddev 0).
    if (!(num(p, 'a') <= num(p, 'b'))) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'a',
        `truncated_normal: must be <= b, got a ${num(p, 'a')}, b ${num(p, 'b')}`,
      );
    }
  },
  prepare(p, _shape, _layout, m) {
    const mean = num(p, 'mean') * m;
    const std = num(p, 'std') * Math.abs(m);
    const x = num(p, 'a') * m;
    const y = num(p, 'b') * m;
    const lower = Math.min(x, y);
    const upper = Math.max(x, y);
    return {
      description: {
        formula: `W ~ N(${mean}, ${std}^2) truncated to [${lower}, ${upper}]`,
        distribution: 'truncated_normal',
        std,
        ...(mean !== 0 ? { mean } : {}),
        // Symmetric about the mean: `bound` is the absolute upper cut-off (mean ± (bound − mean)).
        ...(Math.abs(upper - mean - (mean - lower)) <= 1e-12 * Math.max(Math.abs(upper), Math.abs(lower))
          ? { bound: upper }
          : {}),
        notes: ['bounds are absolute values, as in PyTorch; JAX and Keras express them in units of std'],
      },
      run(out, rng) {
        sampleTruncatedNormal(out, rng, mean, std, lower, upper);
      },
    };
  },
};

/** Options of {@link truncatedNormal}. */
export interface TruncatedNormalOptions {
  /** Mean before truncation. Default 0. */
  mean?: number;
  /** Std before truncation. Default 1. */
  std?: number;
  /** Absolute lower cut-off. Default -2. */
  a?: number;
  /** Absolute upper cut-off. Default 2. */
  b?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Truncated normal with PyTorch's semantics: `a` and `b` are absolute cut-offs, and the std is
 * the parent normal's (no variance correction).
 *
 * Formula: `W ~ N(mean, std^2) | a <= W <= b`.
 *
 * @param options - `mean` (0), `std` (1), `a` (-2), `b` (2), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'a'`) when a > b (a == b writes a everywhere); `INVALID_ARGUMENT` (`'std'`) for std < 0.
 * @example
 * ```ts
 * const w = truncatedNormal({ std: 0.02, a: -0.04, b: 0.04 })([768, 3072], 0);
 * w.data.every((v) => Math.abs(v) <= 0.04); // => true
 * ```
 */
export function truncatedNormal(options: TruncatedNormalOptions = {}): Initializer {
  return createInitializer(TRUNCATED_NORMAL, options);
}
