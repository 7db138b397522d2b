import { LinalgError } from './errors';
import { type Matrix, transpose } from './matrix';

/** Transpose flags of {@link gemm}. */
export interface GemmOptions {
  /** Use `Aᵀ` in place of `A`. Default false. */
  transA?: boolean;
  /** Use `Bᵀ` in place of `B`. Default false. */
  transB?: boolean;
}

/**
 * General matrix multiply, in place: `C = alpha * op(A) * op(B) + beta * C`, where `op(X)` is
 * `X` or `Xᵀ` (see `options`). Operands may be any strided views and any mix of dtypes; the
 * products are accumulated in double precision and stored in `C`'s dtype. When `beta` is 0,
 * `C` is overwritten (NaN or Infinity already in `C` does not propagate).
 *
 * ```math
 * C_{ij} \leftarrow \alpha \sum_k op(A)_{ik}\, op(B)_{kj} + \beta\, C_{ij}
 * ```
 *
 * @param alpha - Scale of the product.
 * @param a - `m x k` (or `k x m` with `transA`).
 * @param b - `k x n` (or `n x k` with `transB`).
 * @param beta - Scale of the existing `C`; 0 overwrites.
 * @param c - `m x n` output, updated in place and returned.
 * @throws {LinalgError} `SHAPE_MISMATCH` when the inner or outer dimensions disagree.
 * @example
 * ```ts
 * const c = matrix(2, 2);
 * gemm(1, fromArray([[1, 2], [3, 4]]), fromArray([[1, 0], [0, 1]]), 0, c);
 * toArray(c); // => [[1, 2], [3, 4]]
 * ```
 */
export function gemm<C extends Matrix>(
  alpha: number,
  a: Matrix,
  b: Matrix,
  beta: number,
  c: C,
  options: GemmOptions = {},
): C {
  const A = options.transA ? transpose(a) : a;
  const B = options.transB ? transpose(b) : b;
  if (A.cols !== B.rows) {
    throw new LinalgError(
      'SHAPE_MISMATCH',
      'b',
      `op(A) is ${A.rows} x ${A.cols} but op(B) is ${B.rows} x ${B.cols}`,
    );
  }
  if (c.rows !== A.rows || c.cols !== B.cols) {
    throw new LinalgError('SHAPE_MISMATCH', 'c', `must be ${A.rows} x ${B.cols}, got ${c.rows} x ${c.cols}`);
  }
  const m = A.rows;
  const n = B.cols;
  const kk = A.cols;
  const ad = A.data;
  const bd = B.data;
  const cd = c.data;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let pa = A.offset + i * A.rowStride;
      let pb = B.offset + j * B.colStride;
      for (let p = 0; p < kk; p++, pa += A.colStride, pb += B.rowStride)
        s += (ad[pa] as number) * (bd[pb] as number);
      const pc = c.offset + i * c.rowStride + j * c.colStride;
      cd[pc] = beta === 0 ? alpha * s : alpha * s + beta * (cd[pc] as number);
    }
  }
  return c;
}
