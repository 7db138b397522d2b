import type { Matrix } from '@init/linalg';

/**
 * A row-major `rows x cols` view of `data` starting at `offset`, without the checks of
 * `@init/linalg`'s `view` (callers inside this package pass sizes they have already checked).
 */
export function mat(data: Float32Array, rows: number, cols: number, offset = 0): Matrix<Float32Array> {
  return { data, rows, cols, offset, rowStride: cols, colStride: 1 };
}
