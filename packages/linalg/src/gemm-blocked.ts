import type { Matrix } from './matrix';

/**
 * A register-tiled macro-kernel with its blocking parameters, packing routines and
 * grow-on-demand workspace; {@link gemmBlocked} drives it. Sizes are in elements. The
 * workspace holds a packed A block, a packed B panel and an `mc x nc` accumulator.
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
  /** Upper bound on `k * nc`, the packed B panel (`nc` is also at most 4096). */
  readonly panel: number;
  /**
   * Ensures room for packed A, packed B, the accumulator and one unpacked `kc x nc` or
   * `mc x kc` block (lengths in elements).
   */
  reserve(aLength: number, bLength: number, cLength: number, blockLength: number): void;
  /** Packs `alpha * a[i0 : i0+mc, p0 : p0+kc]` into `mr`-row micro-panels. */
  packA(a: Matrix, i0: number, p0: number, mc: number, kc: number, alpha: number): void;
  /** Packs `b[p0 : p0+kc, j0 : j0+nc]` into `nr`-column micro-panels at `offset` of the B panel. */
  packB(b: Matrix, p0: number, j0: number, kc: number, nc: number, offset: number): void;
  /** Sets the accumulator to `beta * c[i0 : i0+mc, j0 : j0+nc]` (row stride `ldc`). */
  loadC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number, beta: number): void;
  /** Copies the accumulator (row stride `ldc`) into `c[i0 : i0+mc, j0 : j0+nc]`. */
  storeC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number): void;
  /**
   * `acc[0:mc, 0:nc] (+)= packedA * packedB[bOffset...]` over depth `kc`; `mc`, `nc` are multiples
   * of `mr`, `nr`. `first` stores instead of adding.
   */
  macro(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/** Widest column panel, which bounds the `mc x nc` accumulator when `k` is small. */
const NC_CAP = 4096;

/**
 * Goto-style blocked multiply `c = alpha * a * b + beta * c` (a `m x k`, b `k x n`, k > 0).
 * Loops: column panels of `nc` (B packed once per panel), row blocks of `mc` (accumulator
 * loaded with `beta * c` unless `beta = 0`), depth blocks of `kc` (A block packed with `alpha`
 * folded in, then the macro-kernel), and the accumulator copied into `c`. Workspace:
 * `mc*kc + k*nc + mc*nc` elements, plus one unpacked `max(mc, nc) x kc` block where the target
 * packs from a staging copy.
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
  const nc = Math.min(n, NC_CAP, Math.max(nr, Math.floor(t.panel / k / nr) * nr));
  const ncMax = roundUp(nc, nr);
  t.reserve(mcMax * kcMax, k * ncMax, mcMax * ncMax, Math.max(mcMax, ncMax) * kcMax);
  for (let jc = 0; jc < n; jc += nc) {
    const ncb = Math.min(nc, n - jc);
    const ncPad = roundUp(ncb, nr);
    for (let pc = 0; pc < k; pc += t.kc) {
      t.packB(b, pc, jc, Math.min(t.kc, k - pc), ncb, pc * ncPad);
    }
    for (let ic = 0; ic < m; ic += t.mc) {
      const mcb = Math.min(t.mc, m - ic);
      const mcPad = roundUp(mcb, mr);
      if (beta !== 0) t.loadC(c, ic, jc, mcb, ncb, ncPad, beta);
      for (let pc = 0; pc < k; pc += t.kc) {
        const kcb = Math.min(t.kc, k - pc);
        t.packA(a, ic, pc, mcb, kcb, alpha);
        t.macro(mcPad, ncPad, kcb, pc * ncPad, ncPad, beta === 0 && pc === 0);
      }
      t.storeC(c, ic, jc, mcb, ncb, ncPad);
    }
  }
}
