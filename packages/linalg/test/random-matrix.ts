import { type Dtype, type Matrix, matrix } from '../src/matrix';

/** Deterministic standard-normal matrices for tests (xorshift32 + Box–Muller; not for production use). */
export function randomMatrix(rows: number, cols: number, seed: number, dtype: Dtype = 'float64'): Matrix {
  let s = (seed * 2654435761 + 12345) >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const m = matrix(rows, cols, { dtype });
  for (let i = 0; i < m.data.length; i++) {
    m.data[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  }
  return m;
}

/** max |A − B| over all entries (shapes must agree). */
export function maxDiff(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const x = a.data[a.offset + i * a.rowStride + j * a.colStride] as number;
      const y = b.data[b.offset + i * b.rowStride + j * b.colStride] as number;
      worst = Math.max(worst, Math.abs(x - y));
    }
  }
  return worst;
}
