import { describeValue, InitError } from './errors';
import { haarReflectorFactors, type ReflectorBlock } from './haar-reflectors';
import { checkSize } from './limits';
import { checkOptionKeys } from './option-keys';
import { ORTHOGONAL } from './orthogonal';
import { checkParam, type ParamSpec } from './params';
import { type Rng, resolveSource, type Seed, streamOf } from './random-source';
import { checkShape } from './shape';
import { checkDtype, type Dtype } from './tensor';

export type { ReflectorBlock };

/**
 * A Haar-distributed matrix with orthonormal columns, kept as the Householder reflectors it is built from
 * instead of as its entries: `W = (B_0 B_1 ⋯ B_{K−1})[:, 0:cols] · diag(columnScale)`, where block `k`
 * acts on rows `start_k .. rows−1` as `B_k = I − V_k T_k V_kᵀ` (compact WY form).
 */
export interface OrthogonalFactors {
  readonly rows: number;
  readonly cols: number;
  /** In increasing `start`; at most 48 reflectors each. */
  readonly blocks: readonly ReflectorBlock[];
  /** `gain · sign(R_jj)` of each column. */
  readonly columnScale: Float64Array;
}

const KEYS = ['gain', 'dtype'] as const;

/**
 * The matrix of `orthogonal({ gain })` in factored form: the same random draws and the same reflectors,
 * without accumulating them into the `rows x cols` entries. Applying `W` or `Wᵀ` to a batch of `b` vectors
 * through the factors costs about `4·b·rows·cols` flops, as much as with the explicit matrix, while building
 * the factors skips the `(4/3)·cols³`-flop accumulation: the fast path when the matrix is only ever applied.
 *
 * ```math
 * W = \Big(\prod_{k=0}^{K-1} (I - V_k T_k V_k^\top)\Big)_{[:,\,0:cols]} \operatorname{diag}(s),
 * \qquad s_j = gain \cdot \operatorname{sign}(R_{jj})
 * ```
 *
 * `W` equals, up to the rounding of the accumulation, what `orthogonal({ gain }).fill(out, [rows, cols], rng)`
 * writes for a square shape (any layout), or with `{ layout: 'keras' }` for a tall one; `Wᵀ W = gain² I`.
 * `V_k` and `T_k` are in `dtype`; `columnScale` in float64.
 *
 * @param shape - `[rows, cols]` with `rows >= cols` (for a wide matrix, factor its transpose)
 * @param rng - an Rng or a seed, as the fill takes
 * @param options - `gain` (default 1), `dtype` (`'float32'` default, or `'float64'`)
 * @throws {InitError} `INVALID_ARGUMENT` for a bad shape, seed, gain or dtype, or an unknown option key;
 * `SHAPE_MISMATCH` for `rows < cols` or a rank other than 2; `TOO_LARGE` above 2^30 elements, or when
 * `rows · min(48, cols)` (the values of one working buffer) passes 2^27.
 * @example
 * ```ts
 * const f = orthogonalFactors([256, 256], 7, { gain: 2 });
 * f.blocks.length; // => 6
 * Math.abs(f.columnScale[0]); // => 2
 * ```
 */
export function orthogonalFactors(
  shape: readonly number[],
  rng: Rng | Seed,
  options?: { gain?: number; dtype?: Dtype },
): OrthogonalFactors {
  const dims = checkShape(shape);
  if (dims.length !== 2) {
    throw new InitError('SHAPE_MISMATCH', 'shape', `must be [rows, cols], got ${describeValue(shape)}`);
  }
  const [rows, cols] = dims as [number, number];
  if (rows < cols) {
    throw new InitError(
      'SHAPE_MISMATCH',
      'shape',
      `needs rows >= cols, got [${rows}, ${cols}]; factor the transpose [${cols}, ${rows}] and apply it transposed`,
    );
  }
  checkSize(dims);
  const o = checkOptionKeys(options, KEYS, 'options', 'an option of orthogonalFactors');
  // The `gain` parameter of `orthogonal`, validated the same way (looked up here: no work at import time).
  const gainSpec = ORTHOGONAL.params.find((p) => p.name === 'gain') as ParamSpec;
  const gain = checkParam(gainSpec, o.gain ?? 1, 'orthogonalFactors') as number;
  const dtype = checkDtype(o.dtype);
  const stream = streamOf(resolveSource(rng, 'orthogonalFactors'));
  return haarReflectorFactors(rows, cols, stream, dtype, gain);
}
