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
/** Domain tag of strings with a lone surrogate, encoded as UTF-16 code units (UTF-8 cannot hold them). */
const TAG_STRING_UTF16 = 5;
/** Domain tag of fork derivations for labels with a lone surrogate. */
export const TAG_FORK_UTF16 = 6;

/** Whether every surrogate code unit of `text` belongs to a pair (so UTF-8 encodes it without loss). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false; // a low surrogate without a high one before it
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * Lossless bytes of a string: UTF-8 when it is well formed, otherwise its UTF-16 code units (little endian),
 * flagged by `utf16` so callers can keep the two encodings in separate domains.
 */
export function textBytes(text: string): { readonly bytes: Uint8Array; readonly utf16: boolean } {
  if (isWellFormed(text)) return { bytes: new TextEncoder().encode(text), utf16: false };
  const bytes = new Uint8Array(2 * text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 * i] = c & 0xff;
    bytes[2 * i + 1] = c >>> 8;
  }
  return { bytes, utf16: true };
}

/**
 * Unambiguous byte encoding of a validated seed: a tag byte, then sign + little-endian magnitude, or the
 * string's UTF-8 bytes (its UTF-16 code units, under another tag, when it holds a lone surrogate, so that
 * '\ud800' and '\ufffd' differ). Linear in the seed's size.
 */
export function seedBytes(seed: Seed): Uint8Array {
  if (typeof seed === 'string') {
    const { bytes, utf16 } = textBytes(seed);
    const out = new Uint8Array(bytes.length + 1);
    out[0] = utf16 ? TAG_STRING_UTF16 : TAG_STRING;
    out.set(bytes, 1);
    return out;
  }
  const value = BigInt(seed);
  const negative = value < 0n;
  let hex = (negative ? -value : value).toString(16);
  if (hex === '0') hex = '';
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const size = hex.length / 2;
  const out = new Uint8Array(2 + size);
  out[0] = TAG_INTEGER;
  out[1] = negative ? 1 : 0;
  for (let i = 0; i < size; i++)
    out[2 + i] = Number.parseInt(hex.slice(hex.length - 2 * i - 2, hex.length - 2 * i), 16);
  return out;
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
