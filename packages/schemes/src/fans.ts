import { InitError } from './errors';
import { type LayoutOptions, type LayoutSpec, parseLayout, resolveAxes } from './layout';
import { checkOptionKeys } from './option-keys';
import { checkShape, type Shape } from './shape';

/** The fans of a weight tensor. */
export interface Fans {
  /** Inputs feeding one output unit: `in · receptiveField`. */
  fanIn: number;
  /** Outputs one input unit feeds: `out · receptiveField`. */
  fanOut: number;
  /** Product of the kernel (receptive-field) dimensions; 1 for a dense layer. */
  receptiveField: number;
}

/** Fans under an already validated layout. */
export function fansOf(shape: readonly number[], spec: LayoutSpec): Fans {
  const rank = shape.length;
  if (spec.kind === 'keras' && rank < 2) {
    // Keras' documented rule for biases and scalars.
    const n = rank === 0 ? 1 : (shape[0] as number);
    return { fanIn: n, fanOut: n, receptiveField: 1 };
  }
  const axes = resolveAxes(spec, rank);
  const size = (list: readonly number[]): number => {
    let n = 1;
    for (const a of list) n *= shape[a] as number;
    return n;
  };
  const receptiveField = size(axes.fieldAxes);
  return {
    fanIn: size(axes.inAxes) * receptiveField,
    fanOut: size(axes.outAxes) * receptiveField,
    receptiveField,
  };
}

/**
 * fan_in, fan_out and the receptive-field size of a weight shape.
 *
 * ```math
 * \text{fan\_in} = |\text{in}| \cdot \prod \text{kernel}, \qquad \text{fan\_out} = |\text{out}| \cdot \prod \text{kernel}
 * ```
 *
 * Per layout:
 * - `'torch'` (default) `[out, in, ...k]`: exactly PyTorch's `_calculate_fan_in_and_fan_out`
 *   (`fan_in = shape[1]·∏k`, `fan_out = shape[0]·∏k`); rank < 2 throws, as in PyTorch.
 * - `'torch_transposed'` `[in, out/groups, ...k]`: `fan_in = shape[0]·∏k`, `fan_out = shape[1]·∏k`.
 *   PyTorch itself reads dim 1 as the input even for ConvTranspose weights; use `'torch'` to
 *   reproduce that.
 * - `'keras'` / `'tf'` `[...k, in, out]`: Keras' `compute_fans`, including its rank-0 (1, 1) and
 *   rank-1 (n, n) rules.
 * - `{ inAxis, outAxis, batchAxes }`: JAX's rule, `fan = size · receptiveField` where the receptive
 *   field is the product of every other non-batch axis.
 *
 * @param shape - The weight shape.
 * @param layout - Default `'torch'`; a layout name or explicit axes (or `{ layout, transposed }`).
 * @throws {InitError} `INVALID_ARGUMENT` for a bad shape or layout, `SHAPE_MISMATCH` for rank < 2
 * outside the keras layout.
 * @example
 * ```ts
 * computeFans([64, 3, 3, 3]);                  // => { fanIn: 27, fanOut: 576, receptiveField: 9 }
 * computeFans([3, 3, 3, 64], 'keras');         // => { fanIn: 27, fanOut: 576, receptiveField: 9 }
 * ```
 */
export function computeFans(shape: Shape, layout?: LayoutOptions['layout'] | LayoutOptions): Fans {
  const s = checkShape(shape);
  const options: LayoutOptions | undefined =
    layout !== undefined &&
    layout !== null &&
    typeof layout === 'object' &&
    !Array.isArray(layout) &&
    !('inAxis' in layout) &&
    !('outAxis' in layout)
      ? (checkOptionKeys(
          layout,
          ['layout', 'transposed'],
          'layout',
          'an option of computeFans',
        ) as LayoutOptions)
      : { layout: layout as LayoutOptions['layout'] };
  return fansOf(s, parseLayout(options));
}

/** Fan selection modes. `fan_geo_avg` is `sqrt(fan_in · fan_out)`. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg';

/** The fan named by `mode`. */
export function selectFan(fans: Fans, mode: FanMode): number {
  switch (mode) {
    case 'fan_in':
      return fans.fanIn;
    case 'fan_out':
      return fans.fanOut;
    case 'fan_avg':
      return (fans.fanIn + fans.fanOut) / 2;
    case 'fan_geo_avg':
      return Math.sqrt(fans.fanIn * fans.fanOut);
    default:
      throw new InitError(
        'INVALID_ARGUMENT',
        'mode',
        "must be 'fan_in', 'fan_out', 'fan_avg' or 'fan_geo_avg'",
      );
  }
}
