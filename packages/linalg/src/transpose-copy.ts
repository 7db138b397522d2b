import { zeros } from './limits';
import { dtypeOf, type FloatArray, type Matrix } from './matrix';
import { checkMatrix } from './matrix-check';

const TILE = 32;

/**
 * Writes the transpose of the row-major `rows x cols` array `src` into `dst` (row-major
 * `cols x rows`), tile by tile so both sides stay in cache. Internal.
 */
export function transposeInto(src: FloatArray, rows: number, cols: number, dst: FloatArray): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(rows, i0 + TILE);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(cols, j0 + TILE);
      for (let i = i0; i < i1; i++) {
        const si = i * cols;
        for (let j = j0; j < j1; j++) dst[j * rows + i] = src[si + j] as number;
      }
    }
  }
}

/**
 * A new contiguous row-major matrix holding `aᵀ` (same dtype). Unlike `transpose`, which only
 * swaps strides, this copies, so the result is row-major and independent of `a`.
 *
 * ```math
 * B_{ji} = A_{ij}
 * ```
 *
 * Algorithm and cost: a copy in 32 x 32 tiles (cache-friendly on both sides), `m·n` reads and
 * writes. Values are copied as they are (NaN and ±Infinity included).
 *
 * @param value - The matrix `a` (errors name it `a`): Any matrix or view; an `m x 0` or `0 x n` input gives an empty `n x m` result.
 * @throws {LinalgError} `INVALID_ARGUMENT` when `a` is not a matrix.
 * @example
 * ```ts
 * toArray(transposeCopy(fromArray([[1, 2, 3]]))); // => [[1], [2], [3]]
 * ```
 */
export function transposeCopy(value: Matrix): Matrix {
  const a = checkMatrix(value, 'a');
  const { rows, cols, data, offset, rowStride, colStride } = a;
  const out = zeros(rows * cols, dtypeOf(a) === 'float32', 'a', 'the transpose');
  for (let j0 = 0; j0 < cols; j0 += TILE) {
    const j1 = Math.min(cols, j0 + TILE);
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(rows, i0 + TILE);
      for (let j = j0; j < j1; j++) {
        let p = offset + i0 * rowStride + j * colStride;
        for (let i = i0; i < i1; i++, p += rowStride) out[j * rows + i] = data[p] as number;
      }
    }
  }
  return { data: out, rows: cols, cols: rows, offset: 0, rowStride: rows, colStride: 1 };
}
