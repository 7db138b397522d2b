/**
 * SHA-256 (FIPS 180-4) over bytes, used only to turn seeds and labels into generator keys.
 * A small synchronous implementation so seeding works identically in Node and browsers without
 * `crypto.subtle` (which is asynchronous).
 */

/**
 * The first 32 bits of the fractional part of the `k`-th root of each of the first `count` primes, as FIPS
 * 180-4 defines SHA-256's constants: floor(p^(1/k) * 2^32) mod 2^32 = (integer k-th root of p * 2^(32k)) mod
 * 2^32. Computed exactly in integers (a float estimate corrected by at most a step or two), so it depends on
 * no engine's Math.cbrt or Math.sqrt; shorter in code than the 72 literals it replaces.
 */
function primeRootBits(count: number, k: bigint): Uint32Array {
  const out = new Uint32Array(count);
  for (let p = 2, i = 0; i < count; p++) {
    let prime = true;
    for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
    if (!prime) continue;
    const n = BigInt(p) << (32n * k);
    let r = BigInt(Math.floor(p ** (1 / Number(k)) * 2 ** 32));
    while (r ** k > n) r--;
    while ((r + 1n) ** k <= n) r++;
    out[i++] = Number(r & 0xffffffffn);
  }
  return out;
}

let roundConstants: Uint32Array | undefined;

/** The 64 round constants: cube roots of the first 64 primes. */
function constants(): Uint32Array {
  roundConstants ??= primeRootBits(64, 3n);
  return roundConstants;
}

let initialHash: Uint32Array | undefined;

/** The initial hash value: square roots of the first 8 primes. */
function initial(): Uint32Array {
  initialHash ??= primeRootBits(8, 2n);
  return initialHash;
}

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/**
 * SHA-256 digest of `bytes` as eight big-endian 32-bit words.
 * @param bytes - message
 * @returns the digest as 8 unsigned 32-bit words (word 0 = the first 4 digest bytes, big-endian)
 */
export function sha256Words(bytes: Uint8Array): Uint32Array {
  const k = constants();
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array((((bytes.length + 9 + 63) >> 6) << 6) >>> 0);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = initial().slice();
  const w = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + 4 * t);
    for (let t = 16; t < 64; t++) {
      const w15 = w[t - 15]!;
      const w2 = w[t - 2]!;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let t = 0; t < 64; t++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + k[t]! + w[t]!) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }
  return h;
}
