import type { Matrix } from './matrix';

/** Names of the interchangeable GEMM back ends. */
export type GemmBackend = 'wasm' | 'js';

/**
 * The one internal interface behind {@link gemm}: a blocked matrix multiply over validated,
 * non-empty, non-overlapping strided views. `a` is `m x k`, `b` is `k x n`, `c` is `m x n`
 * (transposes already applied as views), `k > 0` and `alpha != 0`.
 *
 * Contract: `c = alpha * a * b + beta * c`, where `beta = 0` overwrites `c` without reading it.
 * When `a`, `b` and `c` are all float32 the back end may compute in float32; otherwise it
 * computes in float64 and rounds once into `c`'s dtype.
 */
export interface GemmKernel {
  readonly name: GemmBackend;
  gemm(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void;
}
