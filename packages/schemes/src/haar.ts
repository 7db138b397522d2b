import { type Matrix, qr, view } from '@init/linalg';
import type { Rng } from './random-source';
import type { Dtype } from './tensor';

/** A Haar semi-orthogonal matrix as the Q factor of a QR and the column signs that correct it. */
export interface HaarFactor {
  /** `m x n` with orthonormal columns (possibly a strided view). */
  q: Matrix;
  /** `sign(R_jj)` per column, with 0 counted as +1. Column j of the Haar matrix is `q[:, j]·sign[j]`. */
  sign: Float64Array;
}

/**
 * A Haar-distributed `m x n` matrix with orthonormal columns (`m >= n`): the Q factor of the QR
 * decomposition of an `m x n` standard normal matrix, with column j multiplied by sign(R_jj).
 * Without that sign correction the result is not Haar (Mezzadri, 2007). `dtype` sets the working
 * precision of the factorization (float32: max|QᵀQ − I| stays below 1e-5 up to n = 2048).
 */
export function haarFactor(m: number, n: number, rng: Rng, dtype: Dtype): HaarFactor {
  const g = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
  const sign = new Float64Array(n).fill(1);
  if (g.length === 0) return { q: view(g, m, n), sign };
  rng.fillNormal(g, 0, 1);
  const { q, r } = qr(view(g, m, n), { mode: 'reduced', precision: dtype });
  if (!q) throw new Error('qr returned no Q factor in reduced mode');
  for (let j = 0; j < n; j++) {
    if ((r.data[r.offset + j * (r.rowStride + r.colStride)] as number) < 0) sign[j] = -1;
  }
  return { q, sign };
}
