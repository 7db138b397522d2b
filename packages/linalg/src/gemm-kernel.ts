import type { Matrix } from './matrix';

/** Names of the interchangeable GEMM back ends. */
export type GemmBackend = 'wasm' | 'js';

/**
 * The one internal interface behind {@link gemm}: a blocked matrix multiply over validated,
 * non-empty, non-overlapping strided views. `a` is `m x k`, `b` is `k x n`, `c` is `m x n`
 * (transposes already applied as views), `k > 0` and `alpha != 0`.
 *
 * Contract: `c = alpha * a * b + beta * c`, where `beta = 0` overwrites `c` without reading it.
 * Every back end performs the same operations in the same order (see {@link usesFloat32} and
 * {@link KC}): for each entry, `beta c` (skipped when `beta` is 0 or 1), then per depth block of
 * `KC` a sum from zero of the products `(alpha a_ip) b_pj` in increasing `p`, added to the entry.
 */
export interface GemmKernel {
  readonly name: GemmBackend;
  gemm(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void;
}

/** True when `x` is 0 or within the normal float32 range, so a float32 kernel may round it. */
const float32Normal = (x: number): boolean => x === 0 || (Math.abs(x) >= 2 ** -126 && Math.abs(x) <= 3.4e38);

/**
 * The one rule that decides the arithmetic of a product, shared by every path (WebAssembly and
 * TypeScript kernels, the direct loop for small products, the resident QR updates) so that they
 * all give the same bits: float32 arithmetic when `a`, `b` and `c` are all float32 and `alpha`
 * and `beta` are 0 or normal float32 numbers (they are then rounded to float32), else float64
 * arithmetic rounded once into `c`.
 */
export function usesFloat32(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): boolean {
  return (
    a.data instanceof Float32Array &&
    b.data instanceof Float32Array &&
    c.data instanceof Float32Array &&
    float32Normal(alpha) &&
    float32Normal(beta)
  );
}

/**
 * Depth of one block of every GEMM path. Each entry of the product is summed over one block at a
 * time, starting from zero, in increasing depth order, and each block's sum is then added to the
 * entry (or stored into it for the first block when `beta = 0`): this order is part of the
 * bit-for-bit contract between the back ends.
 */
export const KC = 256;
