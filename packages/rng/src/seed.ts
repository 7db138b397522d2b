import { describe } from './argument-checks';
import { RngError } from './errors';
import { sha256Words } from './sha256';

/**
 * A seed: any safe integer (0 and negatives are valid and distinct), a bigint of any size, or a string.
 * An integer seed and the bigint of the same value (`5` and `5n`) select the same stream; a string
 * seed never equals a numeric one (`'5'` and `5` differ).
 *
 * @example
 * ```ts
 * const seeds: Seed[] = [0, -7, 2n ** 64n + 1n, 'my-experiment'];
 * createRng(5).nextUint32() === createRng(5n).nextUint32(); // => true
 * createRng(5).nextUint32() === createRng('5').nextUint32(); // => false
 * ```
 */
export type Seed = number | bigint | string;

/** Throws RngError (argument `seed`) unless `seed` is a valid {@link Seed}; returns it, with -0 as 0. */
export function checkSeed(seed: unknown, argument = 'seed'): Seed {
  if (typeof seed === 'string' || typeof seed === 'bigint') return seed;
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) {
      throw new RngError(
        'NOT_FINITE',
        argument,
        `expected a safe integer, bigint or string, got ${String(seed)}`,
      );
    }
    if (!Number.isSafeInteger(seed)) {
      throw new RngError(
        'INVALID_ARGUMENT',
        argument,
        `expected a safe integer (|seed| <= 2^53 - 1; use a bigint for larger values), bigint or string, got ${seed}`,
      );
    }
    return seed === 0 ? 0 : seed;
  }
  throw new RngError(
    'INVALID_ARGUMENT',
    argument,
    `expected a safe integer, bigint or string, got ${describe(seed)}`,
  );
}

const TAG_INTEGER = 1;
const TAG_STRING = 2;
/** Domain tag of fork derivations. */
export const TAG_FORK = 3;
/** Domain tag of split derivations. */
export const TAG_SPLIT = 4;

/** Unambiguous byte encoding of a validated seed: a tag byte, then sign + little-endian magnitude, or UTF-8. */
export function seedBytes(seed: Seed): Uint8Array {
  if (typeof seed === 'string') {
    const text = new TextEncoder().encode(seed);
    const out = new Uint8Array(text.length + 1);
    out[0] = TAG_STRING;
    out.set(text, 1);
    return out;
  }
  let value = BigInt(seed);
  const negative = value < 0n;
  if (negative) value = -value;
  const bytes: number[] = [TAG_INTEGER, negative ? 1 : 0];
  while (value > 0n) {
    bytes.push(Number(value & 0xffn));
    value >>= 8n;
  }
  return Uint8Array.from(bytes);
}

/** 128-bit key (4 words) = the first 16 bytes of SHA-256 of `bytes`. */
export function keyFromBytes(bytes: Uint8Array): Uint32Array {
  return sha256Words(bytes).slice(0, 4);
}

/** Key of a child stream: SHA-256 of (tag, parent key, extra bytes), first 16 bytes. */
export function deriveKey(tag: number, parent: Uint32Array, extra: Uint8Array): Uint32Array {
  const bytes = new Uint8Array(1 + 16 + extra.length);
  bytes[0] = tag;
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) view.setUint32(1 + 4 * i, parent[i]!);
  bytes.set(extra, 17);
  return keyFromBytes(bytes);
}

/** Key as 32 lowercase hex characters. */
export function keyToHex(key: Uint32Array): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += key[i]!.toString(16).padStart(8, '0');
  return s;
}

/** Parses 32 hex characters into a key, or returns undefined. */
export function keyFromHex(hex: unknown): Uint32Array | undefined {
  if (typeof hex !== 'string' || !/^[0-9a-f]{32}$/.test(hex)) return undefined;
  const key = new Uint32Array(4);
  for (let i = 0; i < 4; i++) key[i] = Number.parseInt(hex.slice(8 * i, 8 * i + 8), 16);
  return key;
}
