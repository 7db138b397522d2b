import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { num } from './params';
import { requireRank } from './shape';

/** Registry definition of `identity`. */
export const IDENTITY: SchemeDefinition = {
  name: 'identity',
  aliases: ['eye'],
  params: [{ name: 'gain', type: 'number', default: 1, doc: 'Value on the diagonal. Default 1.' }],
  formula: 'W[i][j] = gain if i == j else 0, any rectangular 2-D shape (torch.nn.init.eye_, Keras Identity)',
  whenToUse:
    'IRNN recurrent matrices, residual-friendly linear layers, square maps that should start as a no-op.',
  stochastic: false,
  prepare(p, shape, _layout, m) {
    requireRank(shape, 2, 2, 'identity');
    const g = num(p, 'gain') * m;
    const rows = shape[0] as number;
    const cols = shape[1] as number;
    return {
      description: {
        formula: `W = ${g}·I (${rows} x ${cols}, ones on the main diagonal)`,
        distribution: 'deterministic',
        gain: num(p, 'gain'),
        notes: ['the diagonal is the same in every layout, so the layout does not matter'],
      },
      extents: [{ base: num(p, 'gain'), multiplier: m, argument: 'gain' }],
      run(out) {
        out.fill(0);
        const k = Math.min(rows, cols);
        for (let i = 0; i < k; i++) out[i * cols + i] = g;
      },
    };
  },
};

/**
 * Identity (eye) for any rectangular 2-D shape, like PyTorch `eye_` and Keras `Identity`
 * (TF.js only allows square). Deterministic.
 *
 * Formula: `W[i][j] = gain·[i == j]`.
 *
 * @param options - `gain` (default 1), `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` unless the shape has rank 2.
 * @example
 * ```ts
 * identity()([2, 3]).data; // => Float32Array [1, 0, 0, 0, 1, 0]
 * ```
 */
export function identity(options: { gain?: number; multiplier?: number } = {}): Initializer {
  return createInitializer(IDENTITY, options);
}
