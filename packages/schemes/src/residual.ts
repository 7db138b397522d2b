import { describeValue, InitError } from './errors';
import type { SchemeConfig } from './initializer';
import { checkOptionKeys } from './option-keys';
import { checkedConfig } from './scheme-config';

/** A required options object with only the given keys. */
function requireOptions(options: unknown, known: readonly string[], helper: string): Record<string, unknown> {
  if (options === undefined) {
    throw new InitError('INVALID_ARGUMENT', 'options', `${helper} needs an options object`);
  }
  return checkOptionKeys(options, known, 'options', `an option of ${helper}`);
}

function positiveInt(value: unknown, argument: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InitError(
      'INVALID_ARGUMENT',
      argument,
      `must be an integer >= ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function positive(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InitError(
      typeof value === 'number' && !Number.isFinite(value) ? 'NOT_FINITE' : 'INVALID_ARGUMENT',
      argument,
      `must be a finite number > 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * `config` with its multiplier (default 1) multiplied by `factor`, checked as `fromConfig` checks
 * it (an unknown scheme or parameter, or an overflowing multiplier, throws here).
 */
function withMultiplier(config: unknown, factor: number, argument: string): SchemeConfig {
  const base = checkedConfig(config, argument);
  const m = typeof base.multiplier === 'number' ? base.multiplier : 1;
  return checkedConfig({ ...base, multiplier: m * factor }, argument);
}

/**
 * The Fixup scale for weight layers inside residual branches (Zhang, Dauphin, Ma 2019).
 *
 * ```math
 * s = L^{-1/(2m-2)}
 * ```
 *
 * @param numBranches - L, the number of residual branches (blocks), integer >= 1.
 * @param layersPerBranch - m, weight layers per branch, integer >= 2.
 * @throws {InitError} `INVALID_ARGUMENT` naming the bad count.
 * @example
 * ```ts
 * fixupScale(16, 2); // => 0.25
 * ```
 */
export function fixupScale(numBranches: number, layersPerBranch: number): number {
  const L = positiveInt(numBranches, 'numBranches');
  const m = positiveInt(layersPerBranch, 'layersPerBranch', 2);
  return L ** (-1 / (2 * m - 2));
}

/** A Fixup plan: configs for each kind of parameter. */
export interface FixupPlan {
  /** L^(-1/(2m-2)). */
  scale: number;
  /** Weight layers inside a branch except the last: the base scheme times `scale`. */
  branch: SchemeConfig;
  /** Last weight layer of every branch: zeros. */
  branchLast: SchemeConfig;
  /** Final classification layer (weight and bias): zeros. */
  classifier: SchemeConfig;
  /** Scalar multiplier per branch: ones. */
  scalarMultiplier: SchemeConfig;
  /** Scalar biases before convs, linears and activations: zeros. */
  scalarBias: SchemeConfig;
}

/**
 * Fixup initialization as configs: branch layers get the base scheme (He normal, fan_out, as the
 * reference implementation) scaled by `L^(-1/(2m-2))`, the last layer of each branch and the
 * classifier start at zero, scalar multipliers at 1 and scalar biases at 0.
 *
 * @param options - `numBranches` L (>= 1), `layersPerBranch` m (>= 2, default 2), `base` (default `{ name: 'he_normal', mode: 'fan_out', nonlinearity: 'relu' }`).
 * @throws {InitError} `INVALID_ARGUMENT` naming the bad count.
 * @example
 * ```ts
 * fixup({ numBranches: 16 }).branch; // => { name: 'he_normal', mode: 'fan_out', nonlinearity: 'relu', multiplier: 0.25 }
 * ```
 */
export function fixup(options: {
  numBranches: number;
  layersPerBranch?: number;
  base?: SchemeConfig;
}): FixupPlan {
  const o = requireOptions(options, ['numBranches', 'layersPerBranch', 'base'], 'fixup');
  const scale = fixupScale(o.numBranches as number, (o.layersPerBranch ?? 2) as number);
  const base = o.base ?? { name: 'he_normal', mode: 'fan_out', nonlinearity: 'relu' };
  return {
    scale,
    branch: withMultiplier(base, scale, 'base'),
    branchLast: { name: 'zeros' },
    classifier: { name: 'zeros' },
    scalarMultiplier: { name: 'ones' },
    scalarBias: { name: 'zeros' },
  };
}

/** T-Fixup scales and configs for a Transformer without LayerNorm or warmup. */
export interface TFixupPlan {
  /** 0.67·N_e^(-1/4): encoder fc1, fc2, attention value and output projections. */
  encoderScale: number;
  /** (9·N_d)^(-1/4): decoder fc1, fc2, attention value and output projections, and decoder embeddings. */
  decoderScale: number;
  /** (9·N_e)^(-1/4): encoder token embeddings. */
  encoderEmbeddingScale: number;
  /** xavier_uniform times encoderScale. */
  encoder: SchemeConfig;
  /** xavier_uniform times decoderScale. */
  decoder: SchemeConfig;
  /** N(0, d^-1) times encoderEmbeddingScale. */
  encoderEmbedding: SchemeConfig;
  /** N(0, d^-1) times decoderScale. */
  decoderEmbedding: SchemeConfig;
  /** Every other projection (queries, keys): plain xavier_uniform. */
  other: SchemeConfig;
}

/**
 * T-Fixup (Huang et al. 2020) as configs. Base: Xavier uniform for projections, N(0, 1/d) for
 * embeddings. Value and output projections and the MLP weights are scaled by `0.67·N_e^(-1/4)` in
 * the encoder and `(9·N_d)^(-1/4)` in the decoder; embeddings by `(9·N)^(-1/4)`. (The reference code
 * multiplies value projections by an extra sqrt 2 only to undo a 1/sqrt 2 gain its framework set
 * on them; with a plain Xavier base it is not needed.)
 *
 * @param options - `encoderLayers` N_e (>= 1), `decoderLayers` N_d (>= 1, default = N_e), `modelDim` d (> 0).
 * @throws {InitError} `INVALID_ARGUMENT` naming the bad value.
 * @example
 * ```ts
 * tFixup({ encoderLayers: 6, modelDim: 512 }).decoderScale; // => 0.36889397323344053
 * ```
 */
export function tFixup(options: {
  encoderLayers: number;
  decoderLayers?: number;
  modelDim: number;
}): TFixupPlan {
  const o = requireOptions(options, ['encoderLayers', 'decoderLayers', 'modelDim'], 'tFixup');
  const ne = positiveInt(o.encoderLayers, 'encoderLayers');
  const nd = positiveInt(o.decoderLayers ?? ne, 'decoderLayers');
  const d = positive(o.modelDim, 'modelDim');
  const encoderScale = 0.67 * ne ** -0.25;
  const decoderScale = (9 * nd) ** -0.25;
  const encoderEmbeddingScale = (9 * ne) ** -0.25;
  const embedding = checkedConfig({ name: 'normal', mean: 0, std: d ** -0.5 }, 'modelDim');
  return {
    encoderScale,
    decoderScale,
    encoderEmbeddingScale,
    encoder: { name: 'xavier_uniform', gain: 1, multiplier: encoderScale },
    decoder: { name: 'xavier_uniform', gain: 1, multiplier: decoderScale },
    encoderEmbedding: withMultiplier(embedding, encoderEmbeddingScale, 'modelDim'),
    decoderEmbedding: withMultiplier(embedding, decoderScale, 'modelDim'),
    other: { name: 'xavier_uniform', gain: 1 },
  };
}

/**
 * GPT-2 residual projection scaling: the output projections that feed the residual stream
 * (attention `c_proj`, MLP `c_proj`) get std `std/sqrt(2N)`, two residual additions per block.
 *
 * ```math
 * \sigma_{proj} = \frac{\sigma}{\sqrt{2 N}}
 * ```
 *
 * @param options - `numLayers` N (>= 1), `std` (default 0.02, the std of every other weight).
 * @throws {InitError} `INVALID_ARGUMENT` naming the bad value.
 * @example
 * ```ts
 * gpt2Residual({ numLayers: 12 }).config; // => { name: 'normal', mean: 0, std: 0.02, multiplier: 0.20412414523193154 }
 * ```
 */
export function gpt2Residual(options: { numLayers: number; std?: number }): {
  multiplier: number;
  std: number;
  config: SchemeConfig;
  other: SchemeConfig;
} {
  const o = requireOptions(options, ['numLayers', 'std'], 'gpt2Residual');
  const n = positiveInt(o.numLayers, 'numLayers');
  const std = positive(o.std ?? 0.02, 'std');
  const multiplier = 1 / Math.sqrt(2 * n);
  return {
    multiplier,
    std: std * multiplier,
    config: checkedConfig({ name: 'normal', mean: 0, std, multiplier }, 'std'),
    other: checkedConfig({ name: 'normal', mean: 0, std }, 'std'),
  };
}

/**
 * The residual gate of ReZero (`x + α·F(x)`, Bachlechner et al. 2020) or SkipInit (De & Smith
 * 2020): one scalar per branch starting at 0, so every block starts as the identity. SkipInit also
 * allows a small start (at most 1/sqrt(number of blocks)), given as `value`.
 *
 * @param options - `value` (default 0).
 * @throws {InitError} `NOT_FINITE` for a non-finite value.
 * @example
 * ```ts
 * residualGate(); // => { name: 'zeros' }
 * ```
 */
export function residualGate(options: { value?: number } = {}): SchemeConfig {
  const o = checkOptionKeys(options, ['value'], 'options', 'an option of residualGate');
  const v = o.value ?? 0;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InitError(
      typeof v === 'number' ? 'NOT_FINITE' : 'INVALID_ARGUMENT',
      'value',
      `must be a finite number, got ${describeValue(v)}`,
    );
  }
  return v === 0 ? { name: 'zeros' } : { name: 'constant', value: v };
}
