import { InitError } from './errors';
import { haarReflectorColumns } from './haar-reflectors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { ORTHONORMAL_ENTRY_MAX } from './limits';
import { num, str } from './params';
import { type CenterRule, matrixPlacement } from './placement';
import { streamOf } from './random-source';
import { requireRank } from './shape';

/** Registry definition of `delta_orthogonal`. */
export const DELTA_ORTHOGONAL: SchemeDefinition = {
  name: 'delta_orthogonal',
  aliases: ['convolution_delta_orthogonal'],
  params: [
    {
      name: 'gain',
      type: 'number',
      default: 1,
      doc: 'Multiplies the orthogonal matrix (sqrt 2 for ReLU nets). Default 1.',
    },
    {
      name: 'center',
      type: 'enum',
      values: ['lower', 'upper'],
      default: 'lower',
      doc: "Centre tap for even kernels: 'lower' = (k-1)//2 (JAX/TF, identity under 'same' padding; default) or 'upper' = k//2 (PyTorch dirac_).",
    },
  ],
  formula:
    'W = 0 except W[:, :, centre] = gain·H, H an out x in Haar matrix with orthonormal columns (out >= in)',
  whenToUse:
    'Very deep plain CNNs (tanh or critical initialisation) trained without normalization (Xiao et al. 2018).',
  stochastic: true,
  prepare(p, shape, layout, m) {
    requireRank(shape, 3, 5, 'delta_orthogonal');
    const pl = matrixPlacement(shape, layout, str(p, 'center') as CenterRule, 'delta_orthogonal');
    if (pl.outSize < pl.inSize) {
      throw new InitError(
        'SHAPE_MISMATCH',
        'shape',
        `delta_orthogonal needs out channels (${pl.outSize}) >= in channels (${pl.inSize}) so the centre matrix can have orthonormal columns`,
      );
    }
    const g = num(p, 'gain') * m;
    return {
      description: {
        formula: `W[centre] = ${g}·H, H ${pl.outSize} x ${pl.inSize} with orthonormal columns; other taps 0; centre ${str(p, 'center') === 'lower' ? '(k-1)//2' : 'k//2'}`,
        distribution: 'orthogonal',
        gain: num(p, 'gain'),
        notes: ["the centre of an even kernel is (k-1)//2 by default (JAX); PyTorch's dirac_ uses k//2"],
      },
      extents: [{ base: num(p, 'gain') * ORTHONORMAL_ENTRY_MAX, multiplier: m, argument: 'gain' }],
      run(out, source) {
        const rng = streamOf(source);
        out.fill(0);
        const h = haarReflectorColumns(pl.outSize, pl.inSize, rng, 'float64', g).data;
        const n = pl.inSize;
        for (let o = 0; o < pl.outSize; o++) {
          for (let i = 0; i < n; i++)
            out[pl.centerOffset + o * pl.outStride + i * pl.inStride] = h[o * n + i] as number;
        }
      },
    };
  },
};

/**
 * Delta-orthogonal for 3-D to 5-D convolution kernels (Xiao et al. 2018, JAX `delta_orthogonal`):
 * every tap is zero except the spatial centre, which holds `gain` times a Haar matrix with
 * orthonormal columns, so the convolution is an isometry per pixel. The centre of an even kernel
 * is `(k-1)//2` by default (JAX and TF; the tap that makes a 'same'-padded conv an identity);
 * `center: 'upper'` gives PyTorch dirac_'s `k//2`.
 *
 * ```math
 * W[:, :, c] = gain \cdot H,\quad H^\top H = I_{in},\quad W[:, :, t] = 0\ (t \ne c)
 * ```
 *
 * @param options - `gain` (1), `center` ('lower'), `multiplier` (1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank outside 3..5 or fewer output than input channels.
 * @example
 * ```ts
 * const w = deltaOrthogonal()([4, 4, 3], 0).data;
 * w[0]; // => 0 (only the centre tap, index 1, is non-zero)
 * ```
 */
export function deltaOrthogonal(
  options: { gain?: number; center?: CenterRule; multiplier?: number } = {},
): Initializer {
  return createInitializer(DELTA_ORTHOGONAL, options);
}
