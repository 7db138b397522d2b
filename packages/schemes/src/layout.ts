import { describeValue, InitError } from './errors';
import { checkOptionKeys } from './option-keys';

/**
 * Explicit axes, JAX style: which axes carry the inputs and outputs of the layer; `batchAxes` are
 * independent copies (e.g. attention heads stacked in one tensor). Every other axis is a receptive
 * field axis. Negative indices count from the end.
 */
export interface AxesLayout {
  /** Input axis or axes. */
  readonly inAxis: number | readonly number[];
  /** Output axis or axes. */
  readonly outAxis: number | readonly number[];
  /** Axes that are neither inputs, outputs nor receptive field. Default none. */
  readonly batchAxes?: readonly number[];
}

/**
 * Where a weight tensor keeps its input and output axes.
 *
 * - `'torch'` (default): `[out, in, ...kernel]`, PyTorch's Linear and ConvNd (`in` is `in/groups`).
 * - `'torch_transposed'`: `[in, out/groups, ...kernel]`, PyTorch's ConvTransposeNd.
 * - `'keras'` (alias `'tf'`): `[...kernel, in, out]`, Keras/TF/TF.js/Flax Dense and Conv.
 * - {@link AxesLayout}: explicit axes.
 */
export type Layout = 'torch' | 'torch_transposed' | 'keras' | 'tf' | AxesLayout;

/** Options shared by every function that depends on the layout. */
export interface LayoutOptions {
  /** The weight layout. Default `'torch'`. */
  layout?: Layout;
  /** Shorthand for a transposed convolution in the torch family: `'torch'` becomes `'torch_transposed'`. */
  transposed?: boolean;
}

/** A validated layout. */
export type LayoutSpec =
  | { readonly kind: 'torch' | 'torch_transposed' | 'keras' }
  | {
      readonly kind: 'axes';
      readonly inAxes: readonly number[];
      readonly outAxes: readonly number[];
      readonly batchAxes: readonly number[];
    };

/** Axes of one concrete shape under a layout (all non-negative). */
export interface ResolvedAxes {
  readonly inAxes: number[];
  readonly outAxes: number[];
  readonly batchAxes: number[];
  /** Receptive-field axes: every axis not listed above, in increasing order. */
  readonly fieldAxes: number[];
}

const AXES_KEYS: readonly string[] = ['inAxis', 'outAxis', 'batchAxes'];

const LAYOUT_NAMES = "'torch', 'torch_transposed', 'keras', 'tf' or { inAxis, outAxis, batchAxes }";

function axisList(value: unknown, argument: string): number[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((a: unknown) => {
    if (typeof a !== 'number' || !Number.isSafeInteger(a)) {
      throw new InitError('INVALID_ARGUMENT', argument, `axes must be integers, got ${describeValue(a)}`);
    }
    return a;
  });
}

/**
 * Validates a layout option.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'layout'` or `'transposed'`) for anything else.
 */
export function parseLayout(options: LayoutOptions | undefined): LayoutSpec {
  const layout: unknown = options?.layout ?? 'torch';
  const transposed: unknown = options?.transposed ?? false;
  if (typeof transposed !== 'boolean') {
    throw new InitError(
      'INVALID_ARGUMENT',
      'transposed',
      `must be a boolean, got ${describeValue(transposed)}`,
    );
  }
  if (typeof layout === 'string') {
    const kind = layout === 'tf' ? 'keras' : layout;
    if (kind === 'torch' || kind === 'torch_transposed' || kind === 'keras') {
      if (transposed) {
        if (kind === 'keras') {
          throw new InitError(
            'INVALID_ARGUMENT',
            'transposed',
            'applies to the torch layout only; for a Keras transposed convolution pass { inAxis: -1, outAxis: -2 }',
          );
        }
        return { kind: 'torch_transposed' };
      }
      return { kind };
    }
  } else if (layout !== null && typeof layout === 'object' && !Array.isArray(layout)) {
    const l = checkOptionKeys(layout, AXES_KEYS, 'layout', 'a key of an axes layout');
    if (l.inAxis === undefined || l.outAxis === undefined) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'layout',
        `an axes layout needs inAxis and outAxis; allowed: ${LAYOUT_NAMES}`,
      );
    }
    if (transposed) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'transposed',
        'cannot be combined with an explicit axes layout',
      );
    }
    return {
      kind: 'axes',
      inAxes: axisList(l.inAxis, 'layout'),
      outAxes: axisList(l.outAxis, 'layout'),
      batchAxes: axisList(l.batchAxes ?? [], 'layout'),
    };
  }
  throw new InitError('INVALID_ARGUMENT', 'layout', `must be ${LAYOUT_NAMES}, got ${describeValue(layout)}`);
}

/**
 * The input, output, batch and receptive-field axes of a shape of rank >= 2 under a layout.
 *
 * @throws {InitError} `SHAPE_MISMATCH` for rank < 2 or axes outside the shape, `INVALID_ARGUMENT`
 * when an axis is listed twice.
 */
export function resolveAxes(spec: LayoutSpec, rank: number): ResolvedAxes {
  if (rank < 2) {
    throw new InitError(
      'SHAPE_MISMATCH',
      'shape',
      `fans need a tensor of rank >= 2 in the ${spec.kind} layout, got rank ${rank}`,
    );
  }
  let inAxes: number[];
  let outAxes: number[];
  let batchAxes: number[] = [];
  if (spec.kind === 'axes') {
    const norm = (a: number): number => {
      const r = a < 0 ? a + rank : a;
      if (r < 0 || r >= rank) {
        throw new InitError('SHAPE_MISMATCH', 'layout', `axis ${a} is outside a shape of rank ${rank}`);
      }
      return r;
    };
    inAxes = spec.inAxes.map(norm);
    outAxes = spec.outAxes.map(norm);
    batchAxes = spec.batchAxes.map(norm);
  } else if (spec.kind === 'torch') {
    outAxes = [0];
    inAxes = [1];
  } else if (spec.kind === 'torch_transposed') {
    inAxes = [0];
    outAxes = [1];
  } else {
    inAxes = [rank - 2];
    outAxes = [rank - 1];
  }
  const seen = new Set<number>();
  for (const a of [...inAxes, ...outAxes, ...batchAxes]) {
    if (seen.has(a)) throw new InitError('INVALID_ARGUMENT', 'layout', `axis ${a} is listed more than once`);
    seen.add(a);
  }
  const fieldAxes: number[] = [];
  for (let a = 0; a < rank; a++) if (!seen.has(a)) fieldAxes.push(a);
  return { inAxes, outAxes, batchAxes, fieldAxes };
}
