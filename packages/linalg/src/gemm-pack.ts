import type { FloatArray, Matrix } from './matrix';

/**
 * Copies the `mc x kc` block of `a` at `(i0, p0)` into `dst` as micro-panels of `mr` rows: for
 * each panel and each depth `p`, the `mr` values of column `p` are consecutive. Rows past `mc`
 * are zero-filled so every panel is full. Writes `ceil(mc / mr) * mr * kc` values.
 */
export function packA(
  dst: FloatArray,
  a: Matrix,
  i0: number,
  p0: number,
  mc: number,
  kc: number,
  mr: number,
): void {
  const src = a.data;
  const rs = a.rowStride;
  const cs = a.colStride;
  let d = 0;
  for (let ir = 0; ir < mc; ir += mr) {
    const rows = Math.min(mc - ir, mr);
    const base = a.offset + (i0 + ir) * rs + p0 * cs;
    if (rows === mr) {
      for (let p = 0; p < kc; p++) {
        let s = base + p * cs;
        for (let r = 0; r < mr; r++, s += rs) dst[d++] = src[s] as number;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        let s = base + p * cs;
        let r = 0;
        for (; r < rows; r++, s += rs) dst[d++] = src[s] as number;
        for (; r < mr; r++) dst[d++] = 0;
      }
    }
  }
}

/**
 * Copies the `kc x nc` block of `b` at `(p0, j0)` into `dst` from index `d0` as micro-panels of
 * `nr` columns: for each panel and each depth `p`, the `nr` values of row `p` are consecutive.
 * Columns past `nc` are zero-filled. Writes `ceil(nc / nr) * nr * kc` values.
 */
export function packB(
  dst: FloatArray,
  d0: number,
  b: Matrix,
  p0: number,
  j0: number,
  kc: number,
  nc: number,
  nr: number,
): void {
  const src = b.data;
  const rs = b.rowStride;
  const cs = b.colStride;
  let d = d0;
  for (let jr = 0; jr < nc; jr += nr) {
    const cols = Math.min(nc - jr, nr);
    const base = b.offset + p0 * rs + (j0 + jr) * cs;
    if (cols === nr && cs === 1) {
      for (let p = 0; p < kc; p++) {
        const s = base + p * rs;
        for (let q = 0; q < nr; q++) dst[d++] = src[s + q] as number;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        let s = base + p * rs;
        let q = 0;
        for (; q < cols; q++, s += cs) dst[d++] = src[s] as number;
        for (; q < nr; q++) dst[d++] = 0;
      }
    }
  }
}

/**
 * Writes `c[i0 + i, j0 + j] = alpha * acc[i * ldc + j] + beta * c[i0 + i, j0 + j]` for an
 * `mc x nc` block; with `beta = 0` the old values of `c` are not read (so NaN there is dropped).
 */
export function storeC(
  c: Matrix,
  i0: number,
  j0: number,
  mc: number,
  nc: number,
  acc: FloatArray,
  ldc: number,
  alpha: number,
  beta: number,
): void {
  const dst = c.data;
  const rs = c.rowStride;
  const cs = c.colStride;
  for (let i = 0; i < mc; i++) {
    let o = c.offset + (i0 + i) * rs + j0 * cs;
    let s = i * ldc;
    if (beta === 0) {
      for (let j = 0; j < nc; j++, o += cs) dst[o] = alpha * (acc[s++] as number);
    } else {
      for (let j = 0; j < nc; j++, o += cs) dst[o] = alpha * (acc[s++] as number) + beta * (dst[o] as number);
    }
  }
}
