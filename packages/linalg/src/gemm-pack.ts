import type { FloatArray, Matrix } from './matrix';

/**
 * Copies `alpha` times the `mc x kc` block of `a` at `(i0, p0)` into `dst` as micro-panels of
 * `mr` rows: for each panel and each depth `p`, the `mr` values of column `p` are consecutive.
 * Rows past `mc` are zero-filled so every panel is full. Writes `ceil(mc / mr) * mr * kc` values.
 */
export function packA(
  dst: FloatArray,
  a: Matrix,
  i0: number,
  p0: number,
  mc: number,
  kc: number,
  mr: number,
  alpha: number,
): void {
  const src = a.data;
  const rs = a.rowStride;
  const cs = a.colStride;
  let d = 0;
  for (let ir = 0; ir < mc; ir += mr) {
    const rows = Math.min(mc - ir, mr);
    const base = a.offset + (i0 + ir) * rs + p0 * cs;
    for (let p = 0; p < kc; p++) {
      let s = base + p * cs;
      let r = 0;
      for (; r < rows; r++, s += rs) dst[d++] = alpha * (src[s] as number);
      for (; r < mr; r++) dst[d++] = 0;
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
    for (let p = 0; p < kc; p++) {
      let s = base + p * rs;
      let q = 0;
      for (; q < cols; q++, s += cs) dst[d++] = src[s] as number;
      for (; q < nr; q++) dst[d++] = 0;
    }
  }
}

/**
 * Copies the `rows x cols` block of `m` at `(i0, j0)` into `dst` row by row with row stride `ld`
 * (`dst[i * ld + j] = m[i0 + i, j0 + j]`); contiguous rows are copied with `TypedArray.set`, in
 * one call when the block's rows are adjacent in both arrays.
 */
export function copyRowsIn(
  dst: FloatArray,
  ld: number,
  m: Matrix,
  i0: number,
  j0: number,
  rows: number,
  cols: number,
): void {
  const src = m.data;
  const rs = m.rowStride;
  const cs = m.colStride;
  if (cs === 1 && rs === cols && ld === cols) {
    const o = m.offset + i0 * rs + j0;
    dst.set(src.subarray(o, o + rows * cols));
    return;
  }
  for (let i = 0; i < rows; i++) {
    const o = m.offset + (i0 + i) * rs + j0 * cs;
    if (cs === 1) {
      dst.set(src.subarray(o, o + cols), i * ld);
    } else {
      let d = i * ld;
      for (let j = 0, s = o; j < cols; j++, s += cs) dst[d++] = src[s] as number;
    }
  }
}

/**
 * Copies `src` (row stride `ld`) into the `rows x cols` block of `m` at `(i0, j0)`, rounding to
 * `m`'s dtype; contiguous rows are copied with `TypedArray.set`.
 */
export function copyRowsOut(
  src: FloatArray,
  ld: number,
  m: Matrix,
  i0: number,
  j0: number,
  rows: number,
  cols: number,
): void {
  const dst = m.data;
  const rs = m.rowStride;
  const cs = m.colStride;
  if (cs === 1 && rs === cols && ld === cols) {
    dst.set(src.subarray(0, rows * cols), m.offset + i0 * rs + j0);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const o = m.offset + (i0 + i) * rs + j0 * cs;
    if (cs === 1) {
      dst.set(src.subarray(i * ld, i * ld + cols), o);
    } else {
      let s = i * ld;
      for (let j = 0, d = o; j < cols; j++, d += cs) dst[d] = src[s++] as number;
    }
  }
}
