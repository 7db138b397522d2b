/**
 * Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011):
 * a counter-based generator. Block(key, counter) is a keyed bijection of a 128-bit counter, so word j of
 * block c is a pure function of (key, c, j): any part of the stream can be computed directly, which is what
 * makes chunked and multi-worker fills bit-identical.
 *
 * Round: (hi0, lo0) = M0 * x0, (hi1, lo1) = M1 * x2 (32x32 -> 64 bit products),
 * x' = (hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0); the key is bumped by the Weyl constants (W0, W1)
 * between rounds.
 */

/** Multiplier for word 0. */
export const PHILOX_M0 = 0xd2511f53;
/** Multiplier for word 2. */
export const PHILOX_M1 = 0xcd9e8d57;
/** Weyl increment of key word 0 (golden ratio). */
export const PHILOX_W0 = 0x9e3779b9;
/** Weyl increment of key word 1 (sqrt(3) - 1). */
export const PHILOX_W1 = 0xbb67ae85;

const M0_HI = PHILOX_M0 >>> 16;
const M0_LO = PHILOX_M0 & 0xffff;
const M1_HI = PHILOX_M1 >>> 16;
const M1_LO = PHILOX_M1 & 0xffff;

/**
 * Computes `nBlocks` Philox4x32-10 blocks for the consecutive counters
 * (c0 + b, carried into c1, c2, c3) for b = 0 .. nBlocks-1 and writes their 4 words each to `out` from
 * `outIndex`. The counter is a 128-bit little-endian number (c0 lowest); carries propagate through all words.
 *
 * @param k0 - key word 0
 * @param k1 - key word 1
 * @param c0 - counter word 0 (lowest)
 * @param c1 - counter word 1
 * @param c2 - counter word 2
 * @param c3 - counter word 3 (highest)
 * @param nBlocks - number of consecutive blocks
 * @param out - destination, receives 4 * nBlocks words
 * @param outIndex - first index written in `out`
 */
export function philoxBlocks(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  nBlocks: number,
  out: Uint32Array,
  outIndex: number,
): void {
  k0 >>>= 0;
  k1 >>>= 0;
  c0 >>>= 0;
  c1 >>>= 0;
  c2 >>>= 0;
  c3 >>>= 0;
  let o = outIndex;
  for (let b = 0; b < nBlocks; b++) {
    let x0 = c0;
    let x1 = c1;
    let x2 = c2;
    let x3 = c3;
    let ka = k0;
    let kb = k1;
    for (let r = 0; r < 10; r++) {
      // 32x32 -> 64 bit products from 16-bit partial products (each exact, below 2^32).
      const a0 = x0 & 0xffff;
      const b0 = x0 >>> 16;
      const t0 = b0 * M0_LO + ((a0 * M0_LO) >>> 16);
      const hi0 = b0 * M0_HI + (t0 >>> 16) + ((a0 * M0_HI + (t0 & 0xffff)) >>> 16);
      const lo0 = Math.imul(x0, PHILOX_M0);
      const a2 = x2 & 0xffff;
      const b2 = x2 >>> 16;
      const t2 = b2 * M1_LO + ((a2 * M1_LO) >>> 16);
      const hi1 = b2 * M1_HI + (t2 >>> 16) + ((a2 * M1_HI + (t2 & 0xffff)) >>> 16);
      const lo1 = Math.imul(x2, PHILOX_M1);
      x0 = (hi1 ^ x1 ^ ka) >>> 0;
      x1 = lo1 >>> 0;
      x2 = (hi0 ^ x3 ^ kb) >>> 0;
      x3 = lo0 >>> 0;
      ka = (ka + PHILOX_W0) >>> 0;
      kb = (kb + PHILOX_W1) >>> 0;
    }
    out[o] = x0;
    out[o + 1] = x1;
    out[o + 2] = x2;
    out[o + 3] = x3;
    o += 4;
    c0 = (c0 + 1) >>> 0;
    if (c0 === 0) {
      c1 = (c1 + 1) >>> 0;
      if (c1 === 0) {
        c2 = (c2 + 1) >>> 0;
        if (c2 === 0) c3 = (c3 + 1) >>> 0;
      }
    }
  }
}
