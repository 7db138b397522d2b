import { KC, usesFloat32 } from './gemm-kernel';
import type { Matrix } from './matrix';

const f = Math.fround;

/**
 * Unpacked loop for small products (`m * n * k` below the packing threshold):
 * `c = alpha * a * b + beta * c` with exactly the operations of the blocked kernels, so that a
 * product gives the same bits whichever path runs it. Per entry: `beta c` (skipped for 0 and 1),
 * then for each depth block of {@link KC} a sum from zero of `(alpha a_ip) b_pj` in increasing
 * `p`, added to the entry. With float32 arithmetic (see {@link usesFloat32}) `alpha`, `beta`,
 * every product and every sum are rounded to float32; otherwise everything is float64 and the
 * entry is rounded once into `c`. Reads any strides; `beta = 0` overwrites `c`. Cost `2 m n k`
 * flops, no workspace.
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
  const f32 = usesFloat32(alpha, a, b, beta, c);
  const al = f32 ? f(alpha) : alpha;
  const be = f32 ? f(beta) : beta;
  for (let i = 0; i < m; i++) {
    const pa0 = a.offset + i * ars;
    let pc = c.offset + i * c.rowStride;
    for (let j = 0; j < n; j++, pc += c.colStride) {
      let acc = 0;
      if (beta !== 0) {
        acc = cd[pc] as number;
        if (beta !== 1) acc = f32 ? f(be * acc) : be * acc;
      }
      for (let p0 = 0; p0 < k; p0 += KC) {
        const p1 = Math.min(k, p0 + KC);
        let pa = pa0 + p0 * acs;
        let pb = b.offset + p0 * brs + j * bcs;
        let t = 0;
        if (f32) {
          for (let p = p0; p < p1; p++, pa += acs, pb += brs) {
            t = f(t + f(f(al * (ad[pa] as number)) * (bd[pb] as number)));
          }
          acc = beta === 0 && p0 === 0 ? t : f(acc + t);
        } else {
          for (let p = p0; p < p1; p++, pa += acs, pb += brs)
            t += al * (ad[pa] as number) * (bd[pb] as number);
          acc = beta === 0 && p0 === 0 ? t : acc + t;
        }
      }
      cd[pc] = acc;
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
