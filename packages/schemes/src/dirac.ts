import { InitError } from './errors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { resolveAxes } from './layout';
import { num, str } from './params';
import { type CenterRule, centerIndex, stridesOf } from './placement';
import { requireRank } from './shape';

/** Registry definition of `dirac`. */
export const DIRAC: SchemeDefinition = {
  name: 'dirac',
  aliases: ['dirac_delta'],
  params: [
    {
      name: 'groups',
      type: 'integer',
      min: 1,
      default: 1,
      doc: 'Convolution groups; the grouped axis must divide by it. Default 1.',
    },
    {
      name: 'center',
      type: 'enum',
      values: ['upper', 'lower'],
      default: 'upper',
      doc: "Centre tap for even kernels: 'upper' = k//2 (PyTorch dirac_, default) or 'lower' = (k-1)//2 (identity under 'same' padding).",
    },
  ],
  formula:
    'W[g·(C/groups) + d, d, centre...] = 1 for d < min(C/groups, shape[1]); 0 elsewhere (torch.nn.init.dirac_)',
  whenToUse: 'Conv layers that should start as identity maps (preserving channels), e.g. deep plain CNNs.',
  stochastic: false,
  prepare(p, shape, layout, m) {
    requireRank(shape, 3, 5, 'dirac');
    const groups = num(p, 'groups');
    const rule = str(p, 'center') as CenterRule;
    const axes = resolveAxes(layout, shape.length);
    // The axis holding every group's channels is split by groups: dim 0 in both torch layouts (as
    // PyTorch's dirac_ does), the output axis otherwise.
    let groupAxis: number;
    let memberAxis: number;
    if (layout.kind === 'torch' || layout.kind === 'torch_transposed') {
      groupAxis = 0;
      memberAxis = 1;
    } else {
      if (axes.inAxes.length !== 1 || axes.outAxes.length !== 1 || axes.batchAxes.length !== 0) {
        throw new InitError(
          'UNSUPPORTED',
          'layout',
          'dirac needs exactly one input and one output axis and no batch axes',
        );
      }
      groupAxis = axes.outAxes[0] as number;
      memberAxis = axes.inAxes[0] as number;
    }
    const total = shape[groupAxis] as number;
    if (total % groups !== 0) {
      throw new InitError(
        'SHAPE_MISMATCH',
        'groups',
        `dirac: dimension ${groupAxis} (${total}) must be divisible by groups (${groups})`,
      );
    }
    const perGroup = total / groups;
    const minDim = Math.min(perGroup, shape[memberAxis] as number);
    const strides = stridesOf(shape);
    let center = 0;
    for (const a of axes.fieldAxes) center += centerIndex(shape[a] as number, rule) * (strides[a] as number);
    const gs = strides[groupAxis] as number;
    const ms = strides[memberAxis] as number;
    return {
      description: {
        formula: `W[g·${perGroup} + d, d, centre] = ${m} for g < ${groups}, d < ${minDim}; centre index ${rule === 'upper' ? 'k//2' : '(k-1)//2'}`,
        distribution: 'deterministic',
      },
      extents: [{ base: 1, multiplier: m, argument: 'multiplier' }],
      run(out) {
        out.fill(0);
        for (let g = 0; g < groups; g++) {
          for (let d = 0; d < minDim; d++) out[center + (g * perGroup + d) * gs + d * ms] = m;
        }
      },
    };
  },
};

/** Options of {@link dirac}. */
export interface DiracOptions {
  /** Convolution groups. Default 1. */
  groups?: number;
  /** Centre tap of even kernels: `'upper'` (k//2, PyTorch, default) or `'lower'` ((k-1)//2). */
  center?: CenterRule;
  /** Value written instead of 1. Default 1. */
  multiplier?: number;
}

/**
 * Dirac delta for 3-D, 4-D and 5-D convolution weights, PyTorch `dirac_` semantics with groups:
 * each group's output channel d copies input channel d at the kernel centre. Deterministic.
 *
 * Formula: `W[g·(C/groups) + d, d, k1//2, k2//2, ...] = 1` for `d < min(C/groups, shape[1])`.
 *
 * @param options - `groups` (1), `center` ('upper' = k//2), `multiplier` (1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank outside 3..5 or a channel count not divisible by `groups`.
 * @example
 * ```ts
 * Array.from(dirac()([2, 2, 3]).data); // => [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
 * ```
 */
export function dirac(options: DiracOptions = {}): Initializer {
  return createInitializer(DIRAC, options);
}
