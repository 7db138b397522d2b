/**
 * xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 - 1, 32-bit outputs.
 * Step: result = rotl(s1 * 5, 7) * 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
 * s3 = rotl(s3, 11).
 */

/**
 * Advances the 4-word state in place and returns the next 32-bit output.
 * @param s - state (4 unsigned 32-bit words, not all zero)
 * @returns the next output in [0, 2^32)
 */
export function xoshiro128ssNext(s: Uint32Array): number {
  const s0 = s[0]!;
  const s1 = s[1]!;
  const s2 = s[2]!;
  const s3 = s[3]!;
  const m = Math.imul(s1, 5);
  const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s[1] = s1 ^ n2;
  s[0] = s0 ^ n3;
  s[2] = n2 ^ t;
  s[3] = (n3 << 11) | (n3 >>> 21);
  return result;
}
