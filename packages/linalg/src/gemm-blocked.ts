import { packA, packB, storeC } from './gemm-pack';
import type { FloatArray, Matrix } from './matrix';

/** Packed-operand buffers of one blocked multiply, valid until the next `reserve`. */
export interface BlockBuffers {
  /** Packed `mc x kc` block of A. */
  readonly a: FloatArray;
  /** Packed `k x nc` panel of B (its `kc`-deep blocks one after the other). */
  readonly b: FloatArray;
  /** `mc x nc` accumulator (row stride `ldc`). */
  readonly c: FloatArray;
}

/**
 * A register-tiled macro-kernel with its blocking parameters and grow-on-demand workspace;
 * {@link gemmBlocked} drives it. Sizes are in elements.
 */
export interface BlockedTarget {
  /** Micro-tile rows. */
  readonly mr: number;
  /** Micro-tile columns. */
  readonly nr: number;
  /** Depth of one block (the packed A and B slivers stay in L1/L2 over it). */
  readonly kc: number;
  /** Rows of one A block (a multiple of `mr`). */
  readonly mc: number;
  /** Upper bound on `k * nc`, the packed B panel. */
  readonly panel: number;
  /** Ensures the buffers hold at least the given lengths and returns them. */
  reserve(aLength: number, bLength: number, cLength: number): BlockBuffers;
  /**
   * `acc[0:mc, 0:nc] (+)= packedA * packedB[bOffset...]` over depth `kc`; `mc`, `nc` are multiples
   * of `mr`, `nr`. `first` stores instead of adding.
   */
  macro(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/**
 * Goto-style blocked multiply `c = alpha * a * b + beta * c` (a `m x k`, b `k x n`, k > 0).
 * Loops: column panels of `nc` (B packed once per panel), row blocks of `mc`, depth blocks of `kc`
 * (A block packed per depth block), accumulating the product in the `mc x nc` scratch, which
 * is scaled into `c` once at the end. Workspace: `mc*kc + k*nc + mc*nc` elements.
 */
export function gemmBlocked(
  t: BlockedTarget,
  alpha: number,
  a: Matrix,
  b: Matrix,
  beta: number,
  c: Matrix,
): void {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const { mr, nr } = t;
  const kcMax = Math.min(k, t.kc);
  const mcMax = roundUp(Math.min(m, t.mc), mr);
  const nc = Math.min(n, Math.max(nr, Math.floor(t.panel / k / nr) * nr));
  const ncMax = roundUp(nc, nr);
  const buf = t.reserve(mcMax * kcMax, k * ncMax, mcMax * ncMax);
  for (let jc = 0; jc < n; jc += nc) {
    const ncb = Math.min(nc, n - jc);
    const ncPad = roundUp(ncb, nr);
    for (let pc = 0; pc < k; pc += t.kc) {
      packB(buf.b, pc * ncPad, b, pc, jc, Math.min(t.kc, k - pc), ncb, nr);
    }
    for (let ic = 0; ic < m; ic += t.mc) {
      const mcb = Math.min(t.mc, m - ic);
      const mcPad = roundUp(mcb, mr);
      for (let pc = 0; pc < k; pc += t.kc) {
        const kcb = Math.min(t.kc, k - pc);
        packA(buf.a, a, ic, pc, mcb, kcb, mr);
        t.macro(mcPad, ncPad, kcb, pc * ncPad, ncPad, pc === 0);
      }
      storeC(c, ic, jc, mcb, ncb, buf.c, ncPad, alpha, beta);
    }
  }
}
