import { InitError } from './errors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num } from './params';
import { sampleUniform } from './sampling';

/** Registry definition of `uniform`. */
export const UNIFORM: SchemeDefinition = {
  name: 'uniform',
  aliases: ['random_uniform'],
  params: [
    {
      name: 'low',
      type: 'number',
      default: 0,
      doc: 'Lower end (inclusive). Default 0, as torch.nn.init.uniform_.',
      aliases: ['a', 'minval'],
    },
    {
      name: 'high',
      type: 'number',
      default: 1,
      doc: 'Upper end (exclusive). Default 1, as torch.nn.init.uniform_.',
      aliases: ['b', 'maxval'],
    },
  ],
  formula: 'W ~ U[low, high)',
  whenToUse: 'An explicit range you chose yourself; prefer a fan-scaled scheme for weights.',
  stochastic: true,
  check(p) {
    if (num(p, 'low') > num(p, 'high')) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'low',
        `uniform: must be <= high, got low ${num(p, 'low')} > high ${num(p, 'high')}`,
      );
    }
  },
  prepare(p, _shape, _layout, m) {
    const x = num(p, 'low') * m;
    const y = num(p, 'high') * m;
    const low = Math.min(x, y);
    const high = Math.max(x, y);
    return {
      description: {
        formula: `W ~ U[${low}, ${high})`,
        distribution: 'uniform',
        ...(low === -high ? { bound: high } : { mean: (low + high) / 2 }),
      },
      extents: [
        { base: num(p, 'low'), multiplier: m, argument: 'low' },
        { base: num(p, 'high'), multiplier: m, argument: 'high' },
        { base: num(p, 'high') - num(p, 'low'), multiplier: m, argument: 'high', float64: true },
      ],
      run(out, rng) {
        sampleUniform(out, rng, low, high);
      },
    };
  },
};

/** Options of {@link uniform}. */
export interface UniformOptions {
  /** Lower end. Default 0 (PyTorch's default; Keras uses -0.05, JAX samples [0, 0.01)). */
  low?: number;
  /** Upper end. Default 1. */
  high?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Uniform on `[low, high)`, PyTorch's `uniform_` defaults.
 *
 * Formula: `W ~ U[low, high)`.
 *
 * @param options - `low` (default 0), `high` (default 1), `multiplier` (default 1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'low'`) when low > high; `NOT_FINITE` for non-finite ends.
 * @example
 * ```ts
 * const w = uniform({ low: -0.1, high: 0.1 })([256, 128], 42);
 * w.data.every((v) => v >= -0.1 && v < 0.1); // => true
 * ```
 */
export function uniform(options: UniformOptions = {}): Initializer {
  return createInitializer(UNIFORM, options);
}
