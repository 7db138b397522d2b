import { qr, view } from '@init/linalg';
import type { Rng } from './random-source';

/**
 * A Haar-distributed semi-orthogonal `m x n` matrix with `m >= n` (orthonormal columns), row-major
 * float64: the Q factor of the QR decomposition of an `m x n` standard normal matrix, with column j
 * multiplied by sign(R_jj) (a zero diagonal counts as +1). Without that sign correction the result
 * is not Haar (Mezzadri, 2007).
 */
export function haarColumns(m: number, n: number, rng: Rng): Float64Array {
  const g = new Float64Array(m * n);
  if (g.length === 0) return g;
  rng.fillNormal(g, 0, 1);
  const { q, r } = qr(view(g, m, n), { mode: 'reduced' });
  if (!q) throw new Error('qr returned no Q factor in reduced mode');
  const out = new Float64Array(m * n);
  const { data: qd, offset: qo, rowStride: qrs, colStride: qcs } = q;
  const sign = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const d = r.data[r.offset + j * (r.rowStride + r.colStride)] as number;
    sign[j] = d < 0 ? -1 : 1;
  }
  for (let i = 0; i < m; i++) {
    const base = qo + i * qrs;
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = (qd[base + j * qcs] as number) * (sign[j] as number);
  }
  return out;
}
