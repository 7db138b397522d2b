import { InitError } from './errors';
import { type LayoutSpec, resolveAxes } from './layout';

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--)
    strides[i] = (strides[i + 1] as number) * (shape[i + 1] as number);
  return strides;
}

/** Where the spatial centre of a kernel sits for even sizes: `'lower'` = (k-1)//2, `'upper'` = k//2. */
export type CenterRule = 'lower' | 'upper';

/** Index of the centre tap of a kernel dimension of size `k`. */
export function centerIndex(k: number, rule: CenterRule): number {
  return rule === 'lower' ? (k - 1) >> 1 : k >> 1;
}

/** One input axis and one output axis of a weight tensor, and the offset of the centre kernel tap. */
export interface MatrixPlacement {
  /** Number of output units and the stride between them. */
  outSize: number;
  outStride: number;
  /** Number of input units and the stride between them. */
  inSize: number;
  inStride: number;
  /** Offset of element (out 0, in 0) at the kernel centre. */
  centerOffset: number;
}

/**
 * The single input and output axis of `shape` under `layout`, for schemes that place a matrix at
 * the centre of a kernel (identity, dirac, delta-orthogonal, ZerO).
 *
 * @throws {InitError} `UNSUPPORTED` for axes layouts with several input/output axes or batch axes.
 */
export function matrixPlacement(
  shape: readonly number[],
  layout: LayoutSpec,
  rule: CenterRule,
  scheme: string,
): MatrixPlacement {
  const axes = resolveAxes(layout, shape.length);
  if (axes.inAxes.length !== 1 || axes.outAxes.length !== 1 || axes.batchAxes.length !== 0) {
    throw new InitError(
      'UNSUPPORTED',
      'layout',
      `${scheme} needs exactly one input axis, one output axis and no batch axes`,
    );
  }
  const strides = stridesOf(shape);
  const inAxis = axes.inAxes[0] as number;
  const outAxis = axes.outAxes[0] as number;
  let centerOffset = 0;
  for (const a of axes.fieldAxes)
    centerOffset += centerIndex(shape[a] as number, rule) * (strides[a] as number);
  return {
    outSize: shape[outAxis] as number,
    outStride: strides[outAxis] as number,
    inSize: shape[inAxis] as number,
    inStride: strides[inAxis] as number,
    centerOffset,
  };
}
