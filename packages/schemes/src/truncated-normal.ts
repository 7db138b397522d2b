import { InitError } from './errors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { type Extent, NORMAL_SPREAD } from './limits';
import { num, type Params } from './params';
import { sampleTruncatedNormal } from './sampling';

/** The lower cut-off: `a`, or -Infinity when it is absent (`null` in the config). */
function lowerEnd(p: Params): number {
  return p.a === null ? Number.NEGATIVE_INFINITY : num(p, 'a');
}

/** The upper cut-off: `b`, or +Infinity when it is absent. */
function upperEnd(p: Params): number {
  return p.b === null ? Number.POSITIVE_INFINITY : num(p, 'b');
}

/** A cut-off times the multiplier; an absent one stays absent (0 · Infinity is 0, not NaN). */
function scaledEnd(end: number, m: number): number {
  return Number.isFinite(end) || m !== 0 ? end * m : 0;
}

/**
 * Magnitude bounds: the cut-offs when both are finite; with an open side, the finite cut-off or
 * the mean plus {@link NORMAL_SPREAD} standard deviations.
 */
function truncatedExtents(p: Params, m: number): Extent[] {
  const a = lowerEnd(p);
  const b = upperEnd(p);
  if (Number.isFinite(a) && Number.isFinite(b)) {
    return [
      { base: a, multiplier: m, argument: 'a' },
      { base: b, multiplier: m, argument: 'b' },
    ];
  }
  const ends = [a, b].filter(Number.isFinite).map(Math.abs);
  return [
    { base: num(p, 'mean'), multiplier: m, argument: 'mean' },
    ...ends.map((e) => ({ base: e, multiplier: m, argument: Number.isFinite(a) ? 'a' : 'b' })),
    {
      base: Math.max(Math.abs(num(p, 'mean')), ...ends) + NORMAL_SPREAD * num(p, 'std'),
      multiplier: m,
      argument: 'std',
    },
  ];
}

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
      unbounded: 'lower',
      default: -2,
      doc: 'Lower cut-off, ABSOLUTE (not in units of std). Default -2. null (JSON) or -Infinity: no lower cut-off.',
      aliases: ['lower'],
    },
    {
      name: 'b',
      type: 'number',
      unbounded: 'upper',
      default: 2,
      doc: 'Upper cut-off, ABSOLUTE. Default 2. null (JSON) or Infinity: no upper cut-off.',
      aliases: ['upper'],
    },
  ],
  formula: 'W ~ N(mean, std^2) conditioned on a <= W <= b (absolute bounds, as torch.nn.init.trunc_normal_)',
  whenToUse: 'ViT/BERT-style N(0, 0.02^2) cut at +-2 std (pass a = -0.04, b = 0.04), or any bounded normal.',
  stochastic: true,
  check(p) {
    // a == b is allowed: every value is a, as PyTorch's trunc_normal_ gives (and Keras stddev 0).
    if (!(lowerEnd(p) <= upperEnd(p))) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'a',
        `truncated_normal: must be <= b, got a ${lowerEnd(p)}, b ${upperEnd(p)}`,
      );
    }
  },
  prepare(p, _shape, _layout, m) {
    const mean = num(p, 'mean') * m;
    const std = num(p, 'std') * Math.abs(m);
    const x = scaledEnd(lowerEnd(p), m);
    const y = scaledEnd(upperEnd(p), m);
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
      extents: truncatedExtents(p, m),
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
  /** Absolute lower cut-off. Default -2. `-Infinity` or `null` (the JSON form): no lower cut-off. */
  a?: number | null;
  /** Absolute upper cut-off. Default 2. `Infinity` or `null` (the JSON form): no upper cut-off. */
  b?: number | null;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Truncated normal with PyTorch's semantics: `a` and `b` are absolute cut-offs, and the std is
 * the parent normal's (no variance correction). A cut-off may be absent (one-sided truncation, as
 * `trunc_normal_` allows with an infinite bound): pass `-Infinity`/`Infinity`, or `null`, the form
 * configs hold (JSON has no infinities).
 *
 * Formula: `W ~ N(mean, std^2) | a <= W <= b`.
 *
 * @param options - `mean` (0), `std` (1), `a` (-2), `b` (2), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'a'`) when a > b (a == b writes a everywhere); `INVALID_ARGUMENT` (`'std'`) for std < 0.
 * @example
 * ```ts
 * const w = truncatedNormal({ std: 0.02, a: -0.04, b: 0.04 })([768, 3072], 0);
 * w.data.every((v) => Math.abs(v) <= 0.04); // => true
 * truncatedNormal({ a: 0, b: Infinity }).config.b; // => null
 * ```
 */
export function truncatedNormal(options: TruncatedNormalOptions = {}): Initializer {
  return createInitializer(TRUNCATED_NORMAL, options);
}
