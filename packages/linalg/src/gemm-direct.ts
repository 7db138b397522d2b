import type { Matrix } from './matrix';

/**
 * Unpacked triple loop for small products (`m * n * k` below the packing threshold) and for
 * scaling: `c = alpha * a * b + beta * c`, each dot product accumulated in float64 in index
 * order. Reads any strides; `beta = 0` overwrites `c`. Cost `2 m n k` flops, no workspace.
 */
export function gemmDirect(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void {
  const m = a.rows;
  const n = b.cols;
  const k = a.cols;
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  const ars = a.rowStride;
  const acs = a.colStride;
  const brs = b.rowStride;
  const bcs = b.colStride;
  for (let i = 0; i < m; i++) {
    const pa0 = a.offset + i * ars;
    let pc = c.offset + i * c.rowStride;
    for (let j = 0; j < n; j++, pc += c.colStride) {
      let s = 0;
      let pa = pa0;
      let pb = b.offset + j * bcs;
      for (let p = 0; p < k; p++, pa += acs, pb += brs) s += (ad[pa] as number) * (bd[pb] as number);
      cd[pc] = beta === 0 ? alpha * s : alpha * s + beta * (cd[pc] as number);
    }
  }
}

/** `c = beta * c` in place (`beta = 0` writes zeros without reading `c`). */
export function scaleInPlace(c: Matrix, beta: number): void {
  const cd = c.data;
  for (let i = 0; i < c.rows; i++) {
    let o = c.offset + i * c.rowStride;
    for (let j = 0; j < c.cols; j++, o += c.colStride) cd[o] = beta === 0 ? 0 : beta * (cd[o] as number);
  }
}
