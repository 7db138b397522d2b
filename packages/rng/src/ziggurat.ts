import { detExp, detLog } from './elementary';
import { uniform53, type WordSource } from './word-source';

/**
 * Standard normal sampling by the ziggurat method (Marsaglia and Tsang 2000) with 256 layers and
 * Marsaglia's exact tail algorithm, so the output is exactly N(0, 1) up to the resolution of the
 * uniforms (no approximation by sums or by an inverse CDF).
 *
 * Layer i (0..255) is the rectangle [0, X[i]) x [f(X[i]), f(X[i+1])) with f(x) = exp(-x^2/2) and X[256] = 0;
 * layer 0 is the base strip of width V/f(r) that also stands for the tail beyond r = X[1].
 * An attempt picks a layer and a sign from the low 9 bits of a word, and x = u * X[layer] with u uniform in
 * [0, 1). If x < X[layer+1] (about 99% of attempts) x is returned at once. Otherwise layer 0 samples the tail
 * (x = r + a with a = -ln(U1)/r, accepted when -2 ln(U2) > a^2) and other layers accept x when
 * f(X[i]) + U (f(X[i+1]) - f(X[i])) < f(x); a rejected attempt starts over.
 *
 * Two word formats:
 * - 32-bit (for float32 output): one word w; layer = w & 255, negative = w & 256, u = (w >>> 9) * 2^-23.
 * - 53-bit (for float64 output): two words w0, w1; layer = w0 & 255, negative = w0 & 256,
 *   u = ((w0 >>> 11) * 2^32 + w1) * 2^-53.
 * Extra uniforms for the tail and wedge tests are 53-bit uniforms (two words) from the same source.
 */

/** Number of layers. */
export const ZIGGURAT_LAYERS = 256;
/** Start of the tail. */
export const ZIGGURAT_R = 3.6541528853610088;
/** Area of every layer. */
export const ZIGGURAT_V = 0.00492867323399;

/** Precomputed tables. `x` has 257 entries; `scale23[i] = x[i] * 2^-23`, `scale53[i] = x[i] * 2^-53`. */
export interface ZigguratTables {
  readonly x: Float64Array;
  readonly f: Float64Array;
  readonly scale23: Float64Array;
  readonly scale53: Float64Array;
}

let tables: ZigguratTables | undefined;

/** The ziggurat tables, built once on first use with the deterministic exp/log (identical on every engine). */
export function zigguratTables(): ZigguratTables {
  if (tables) return tables;
  const n = ZIGGURAT_LAYERS;
  const x = new Float64Array(n + 1);
  const f = new Float64Array(n + 1);
  const r = ZIGGURAT_R;
  const fr = detExp(-0.5 * r * r);
  x[0] = ZIGGURAT_V / fr;
  x[1] = r;
  for (let i = 1; i < n - 1; i++) {
    const xi = x[i]!;
    x[i + 1] = Math.sqrt(-2 * detLog(ZIGGURAT_V / xi + detExp(-0.5 * xi * xi)));
  }
  x[n] = 0;
  for (let i = 0; i <= n; i++) f[i] = i === 0 ? fr : detExp(-0.5 * x[i]! * x[i]!);
  f[0] = fr; // the base strip's lower edge is at height f(r) as well (layer 0 spans [0, f(r)))
  const scale23 = new Float64Array(n);
  const scale53 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    scale23[i] = x[i]! * 1.1920928955078125e-7;
    scale53[i] = x[i]! * 1.1102230246251565e-16;
  }
  tables = { x, f, scale23, scale53 };
  return tables;
}

/**
 * Finishes an attempt whose fast test failed (x >= X[layer+1]), then keeps drawing 32-bit attempts until
 * one is accepted. Returns a signed standard normal value.
 */
export function normal32Slow(layer: number, x: number, negative: boolean, src: WordSource): number {
  const t = zigguratTables();
  for (;;) {
    const accepted = finishAttempt(t, layer, x, src);
    if (accepted >= 0) return negative ? -accepted : accepted;
    const w = src.nextUint32();
    layer = w & 255;
    negative = (w & 256) !== 0;
    x = (w >>> 9) * t.scale23[layer]!;
    if (x < t.x[layer + 1]!) return negative ? -x : x;
  }
}

/** Same as {@link normal32Slow} for the 53-bit format. */
export function normal53Slow(layer: number, x: number, negative: boolean, src: WordSource): number {
  const t = zigguratTables();
  for (;;) {
    const accepted = finishAttempt(t, layer, x, src);
    if (accepted >= 0) return negative ? -accepted : accepted;
    const w0 = src.nextUint32();
    const w1 = src.nextUint32();
    layer = w0 & 255;
    negative = (w0 & 256) !== 0;
    x = ((w0 >>> 11) * 4294967296 + w1) * t.scale53[layer]!;
    if (x < t.x[layer + 1]!) return negative ? -x : x;
  }
}

/** Tail or wedge test for an attempt that failed the fast test. Returns the accepted |value| or -1. */
function finishAttempt(t: ZigguratTables, layer: number, x: number, src: WordSource): number {
  if (layer === 0) {
    // Marsaglia (1964) tail: exact sample from the normal tail beyond r.
    for (;;) {
      const a = -detLog(1 - uniform53(src)) / ZIGGURAT_R;
      const b = -detLog(1 - uniform53(src));
      if (b + b > a * a) return ZIGGURAT_R + a;
    }
  }
  const f0 = t.f[layer]!;
  const f1 = t.f[layer + 1]!;
  const y = f0 + uniform53(src) * (f1 - f0);
  return y < detExp(-0.5 * x * x) ? x : -1;
}

/** One standard normal value from a source, 32-bit format (float32 resolution). */
export function normal32(src: WordSource): number {
  const t = zigguratTables();
  const w = src.nextUint32();
  const layer = w & 255;
  const x = (w >>> 9) * t.scale23[layer]!;
  if (x < t.x[layer + 1]!) return (w & 256) !== 0 ? -x : x;
  return normal32Slow(layer, x, (w & 256) !== 0, src);
}

/** One standard normal value from a source, 53-bit format (float64 resolution). */
export function normal53(src: WordSource): number {
  const t = zigguratTables();
  const w0 = src.nextUint32();
  const w1 = src.nextUint32();
  const layer = w0 & 255;
  const x = ((w0 >>> 11) * 4294967296 + w1) * t.scale53[layer]!;
  if (x < t.x[layer + 1]!) return (w0 & 256) !== 0 ? -x : x;
  return normal53Slow(layer, x, (w0 & 256) !== 0, src);
}
