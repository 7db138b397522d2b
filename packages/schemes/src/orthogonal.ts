import type { Matrix } from '@init/linalg';
import { InitError } from './errors';
import { haarFactor } from './haar';
import { checkWork, haarReflectorColumns } from './haar-reflectors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { type LayoutSpec, resolveAxes } from './layout';
import { ORTHONORMAL_ENTRY_MAX } from './limits';
import { num, str } from './params';
import { type Rng, streamOf } from './random-source';
import { prod, requireRank } from './shape';
import type { FloatArray } from './tensor';

/**
 * How the Haar matrix is computed. Both are the Q factor of the QR of a standard Gaussian matrix
 * with column j multiplied by sign(R_jj), so both are exactly Haar:
 * - `'reflectors'` (default): each Householder reflector is drawn directly from a fresh Gaussian
 *   vector (the trailing block of a Gaussian QR is again Gaussian; Stewart 1980) and only Q is
 *   accumulated, blockwise with GEMM: half the work of an explicit factorization.
 * - `'qr'`: draws the Gaussian matrix and factorizes it with `@init/linalg`'s `qr`, as PyTorch,
 *   Keras and JAX do.
 */
export type OrthogonalMethod = 'reflectors' | 'qr';

/**
 * How a tensor is read as a matrix for orthogonality: the "column" axis `k` against every other
 * axis in order. torch layouts use axis 0 (PyTorch `orthogonal_`: `shape[0] x rest`), keras the last
 * axis (`rest x shape[-1]`, as Keras/TF/TF.js), explicit axes the output axis (JAX `column_axis`).
 */
export function orthogonalAxis(shape: readonly number[], layout: LayoutSpec, scheme: string): number {
  if (layout.kind === 'torch' || layout.kind === 'torch_transposed') return 0;
  if (layout.kind === 'keras') return shape.length - 1;
  const axes = resolveAxes(layout, shape.length);
  if (axes.outAxes.length !== 1) {
    throw new InitError('UNSUPPORTED', 'layout', `${scheme} needs exactly one output axis`);
  }
  return axes.outAxes[0] as number;
}

/**
 * Writes `scale` times a Haar semi-orthogonal matrix into `out`, where the matrix has one index
 * running over axis `k` of `shape` and the other over all remaining axes in row-major order.
 */
export function writeOrthogonal(
  out: FloatArray,
  shape: readonly number[],
  k: number,
  scale: number,
  rng: Rng,
  method: OrthogonalMethod = 'reflectors',
): void {
  const K = shape[k] as number;
  const inner = prod(shape, k + 1);
  const rest = out.length / K;
  // Generate the tall orientation (more rows than columns) and read it transposed if needed.
  const tall = rest >= K;
  const m = tall ? rest : K;
  const n = tall ? K : rest;
  const dtype = out instanceof Float32Array ? 'float32' : 'float64';
  if (method === 'reflectors' && tall && (inner === 1 || (k === 0 && K === rest))) {
    // The output is the generated matrix itself: keras-like (rest x K, row-major), or a square
    // torch matrix, whose transpose has the same Haar law. Generate straight into `out`.
    haarReflectorColumns(m, n, rng, dtype, scale, out);
    return;
  }
  let q: Matrix;
  let colScale: Float64Array;
  if (method === 'qr') {
    const f = haarFactor(m, n, rng, dtype);
    q = f.q;
    colScale = f.sign.map((s) => s * scale);
  } else {
    q = haarReflectorColumns(m, n, rng, dtype, scale);
    colScale = new Float64Array(n).fill(1);
  }
  const { data, offset, rowStride, colStride } = q;
  const block = K * inner;
  // Tiles keep both the reads and the (transposed) writes cache-friendly.
  const TILE = 32;
  for (let a0 = 0; a0 < rest; a0 += TILE) {
    const a1 = Math.min(rest, a0 + TILE);
    for (let o0 = 0; o0 < K; o0 += TILE) {
      const o1 = Math.min(K, o0 + TILE);
      for (let a = a0; a < a1; a++) {
        const outer = Math.floor(a / inner);
        const base = outer * block + (a - outer * inner);
        if (tall) {
          const row = offset + a * rowStride;
          for (let o = o0; o < o1; o++)
            out[base + o * inner] = (data[row + o * colStride] as number) * (colScale[o] as number);
        } else {
          const col = offset + a * colStride;
          const s = colScale[a] as number;
          for (let o = o0; o < o1; o++) out[base + o * inner] = (data[col + o * rowStride] as number) * s;
        }
      }
    }
  }
}

/** Registry definition of `orthogonal`. */
export const ORTHOGONAL: SchemeDefinition = {
  name: 'orthogonal',
  aliases: ['orthogonal_initializer', 'orthogonal_init'],
  params: [
    { name: 'gain', type: 'number', default: 1, doc: 'Multiplies the orthogonal matrix. Default 1.' },
    {
      name: 'method',
      type: 'enum',
      values: ['reflectors', 'qr'],
      default: 'reflectors',
      doc: "'reflectors' (default): Householder reflectors drawn directly, Q accumulated with GEMM; 'qr': explicit QR of a Gaussian matrix. Same distribution.",
    },
  ],
  formula:
    'flatten to rows x cols (torch: shape[0] x rest; keras: rest x shape[-1]); G ~ N(0,1) tall; Q, R = qr(G); Q = Q·diag(sign(diag R)); W = gain·Q (transposed back if wide)',
  whenToUse:
    'RNN recurrent matrices, very deep linear/tanh nets (dynamical isometry), any layer wanting all singular values equal.',
  stochastic: true,
  prepare(p, shape, layout, m) {
    requireRank(shape, 2, Number.POSITIVE_INFINITY, 'orthogonal');
    const k = orthogonalAxis(shape, layout, 'orthogonal');
    const gain = num(p, 'gain');
    const K = shape[k] as number;
    const rest = K === 0 ? 0 : prod(shape) / K;
    const rows = layout.kind === 'keras' || layout.kind === 'axes' ? rest : K;
    const cols = layout.kind === 'keras' || layout.kind === 'axes' ? K : rest;
    return {
      description: {
        formula: `${rows} x ${cols} ${rows === cols ? 'orthogonal' : rows > cols ? 'matrix with orthonormal columns' : 'matrix with orthonormal rows'} times ${gain * m}; every singular value = ${Math.abs(gain * m)}`,
        distribution: 'orthogonal',
        gain,
        notes: ['Haar distributed: Q of a Gaussian QR with columns multiplied by sign(diag R)'],
      },
      // Entries of a matrix with orthonormal columns are at most 1 (plus rounding).
      extents: [{ base: gain * ORTHONORMAL_ENTRY_MAX, multiplier: m, argument: 'gain' }],
      run(out, source) {
        const rng = streamOf(source);
        writeOrthogonal(out, shape, k, gain * m, rng, str(p, 'method') as OrthogonalMethod);
      },
      checkWork() {
        // The reflectors work on the tall orientation (more rows than columns), as writeOrthogonal does.
        if (str(p, 'method') === 'reflectors' && rest > 0 && K > 0)
          checkWork(Math.max(rest, K), Math.min(rest, K));
      },
    };
  },
};

/**
 * (Semi-)orthogonal initialization, Haar distributed, for any rank >= 2. The tensor is read as a
 * matrix as its layout dictates (torch: `shape[0] x ∏shape[1:]`, like PyTorch `orthogonal_`;
 * keras: `∏shape[:-1] x shape[-1]`, like Keras; explicit axes: the output axis against the rest,
 * like JAX). Rectangular matrices get orthonormal rows or columns, whichever side is smaller.
 *
 * ```math
 * G \sim N(0, 1)^{m \times n},\ m \ge n; \quad G = QR; \quad W = gain \cdot Q\, \mathrm{diag}(\mathrm{sign}(R_{jj}))
 * ```
 *
 * The default `method: 'reflectors'` never forms the Gaussian matrix: it draws each Householder
 * reflector of its QR directly (the same distribution, half the work); `method: 'qr'` runs the
 * explicit factorization.
 *
 * @param options - `gain` (default 1), `method` ('reflectors' | 'qr', default 'reflectors'), `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank < 2; `NOT_FINITE` for a non-finite gain; `INVALID_ARGUMENT` for an unknown method.
 * @example
 * ```ts
 * const w = orthogonal()([2, 2], 0).data;
 * Math.abs(w[0] * w[0] + w[1] * w[1] - 1) < 1e-6; // => true
 * ```
 */
export function orthogonal(
  options: { gain?: number; method?: OrthogonalMethod; multiplier?: number } = {},
): Initializer {
  return createInitializer(ORTHOGONAL, options);
}
