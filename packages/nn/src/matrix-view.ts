import { type GemmOptions, gemm, LinalgError, type Matrix } from '@init/linalg';
import { NonFiniteError } from './errors';

/**
 * A row-major `rows x cols` view of `data` starting at `offset`, without the checks of
 * `@init/linalg`'s `view` (callers inside this package pass sizes they have already checked).
 */
export function mat(data: Float32Array, rows: number, cols: number, offset = 0): Matrix<Float32Array> {
  return { data, rows, cols, offset, rowStride: cols, colStride: 1 };
}

/**
 * `gemm` for a layer: an overflow (`LinalgError` `NOT_FINITE`: finite operands whose products
 * leave the float32 range) becomes a {@link NonFiniteError} naming the layer and the pass.
 */
export function layerGemm(
  layer: string,
  phase: 'forward' | 'backward',
  alpha: number,
  a: Matrix,
  b: Matrix,
  beta: number,
  c: Matrix,
  options?: GemmOptions,
): void {
  try {
    gemm(alpha, a, b, beta, c, options);
  } catch (e) {
    if (e instanceof LinalgError && e.code === 'NOT_FINITE') {
      throw new NonFiniteError(
        layer,
        phase,
        `${layer || 'layer'}: values overflow float32 in the ${phase} pass (${e.message})`,
      );
    }
    throw e;
  }
}
