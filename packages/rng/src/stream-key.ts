import { describe } from './argument-checks';
import { RngError } from './errors';
import {
  bernoulliParam,
  checkOut,
  fillOffset,
  normalParams,
  truncatedParams,
  uniformParams,
} from './fill-params';
import { drawBernoulli, drawNormal, drawTruncated, drawUniform } from './philox-draws';
import type { FillOptions, FloatArray } from './rng-types';
import { checkSeed, keyFromBytes, type Seed, seedBytes } from './seed';

/**
 * The key of the default (Philox) stream of a seed: the first two words of SHA-256 of the seed's bytes,
 * exactly the key that `createRng(seed)` uses. Plain and frozen, so it can be posted to a worker.
 *
 * @example
 * ```ts
 * streamKey(42); // => { algorithm: 'philox', k0: ..., k1: ... }
 * ```
 */
export interface StreamKey {
  readonly algorithm: 'philox';
  /** Word 0 of the Philox key (an unsigned 32-bit integer). */
  readonly k0: number;
  /** Word 1 of the Philox key (an unsigned 32-bit integer). */
  readonly k1: number;
}

/**
 * The key of `createRng(seed)`'s stream, for the stateless keyed fills (`keyFillNormal` and the others).
 * A bundle that draws through keys carries no stream class.
 *
 * @param seed - a safe integer, bigint or string, as for `createRng`
 * @returns a frozen {@link StreamKey}
 * @throws RngError (argument `seed`) for anything else
 * @example
 * ```ts
 * const key = streamKey(7);
 * keyFillNormal(key, new Float32Array(4)); // the values of createRng(7).fillNormal(new Float32Array(4))
 * ```
 */
export function streamKey(seed: Seed): StreamKey {
  const words = keyFromBytes(seedBytes(checkSeed(seed, 'seed')));
  return Object.freeze({ algorithm: 'philox', k0: words[0]!, k1: words[1]! });
}

function isWord(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 4294967296;
}

/** The two key words of `key`, or a typed error naming `key`. */
function keyWords(key: unknown): StreamKey {
  const k = key as Partial<Record<keyof StreamKey, unknown>> | null;
  let ok = false;
  try {
    ok = typeof k === 'object' && k !== null && k.algorithm === 'philox' && isWord(k.k0) && isWord(k.k1);
  } catch {
    ok = false; // a getter that throws is not a key
  }
  if (!ok) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'key',
      `expected a stream key from streamKey(seed), got ${describe(key)}`,
    );
  }
  return k as StreamKey;
}

/**
 * Stateless uniform fill: `out[j]` is the value at stream index `offset + j` (offset 0 by default) of the
 * stream with this key, so `keyFillUniform(streamKey(s), out, low, high, options)` equals
 * `createRng(s).fillUniform(out, low, high, options)` bit for bit.
 *
 * ```math
 * out_j \sim U[low, high)
 * ```
 *
 * @param key - from {@link streamKey}
 * @param out - a Float32Array or Float64Array, written in place
 * @param low - finite lower bound (default 0)
 * @param high - finite upper bound, `high > low` (default 1)
 * @param options - `{ offset }`: the stream index of `out[0]`
 * @returns `out`
 * @throws RngError naming the argument (`key`, `out`, `low`, `high`, `offset`, `options`)
 * @example
 * ```ts
 * keyFillUniform(streamKey(1), new Float64Array(3), -1, 1); // three values in [-1, 1)
 * ```
 */
export function keyFillUniform<T extends FloatArray>(
  key: StreamKey,
  out: T,
  low = 0,
  high = 1,
  options?: FillOptions,
): T {
  const k = keyWords(key);
  checkOut(out);
  const p = uniformParams(low, high, out instanceof Float32Array);
  drawUniform(k.k0, k.k1, out, fillOffset(options, out.length) ?? 0, p);
  return out;
}

/**
 * Stateless normal fill: the values of `createRng(seed).fillNormal(out, mean, std, options)` for
 * `key = streamKey(seed)`, bit for bit, without building the stream.
 *
 * ```math
 * out_j \sim N(mean, std^2)
 * ```
 *
 * @param key - from {@link streamKey}
 * @param out - a Float32Array or Float64Array, written in place
 * @param mean - finite mean (default 0)
 * @param std - finite standard deviation >= 0 (default 1)
 * @param options - `{ offset }`: the stream index of `out[0]` (default 0)
 * @returns `out`
 * @throws RngError naming the argument; `NOT_FINITE` when `mean ± 14·std` leaves the output type's range
 * @example
 * ```ts
 * const a = keyFillNormal(streamKey(5), new Float32Array(8), 0, 0.02);
 * // a equals createRng(5).fillNormal(new Float32Array(8), 0, 0.02)
 * ```
 */
export function keyFillNormal<T extends FloatArray>(
  key: StreamKey,
  out: T,
  mean = 0,
  std = 1,
  options?: FillOptions,
): T {
  const k = keyWords(key);
  checkOut(out);
  const [m, s] = normalParams(mean, std, out instanceof Float32Array);
  drawNormal(k.k0, k.k1, out, fillOffset(options, out.length) ?? 0, m, s);
  return out;
}

/**
 * Stateless truncated normal fill: the values of
 * `createRng(seed).fillTruncatedNormal(out, mean, std, lower, upper, options)` for `key = streamKey(seed)`.
 *
 * ```math
 * out_j \sim N(mean, std^2) \text{ conditioned on } lower \le out_j \le upper
 * ```
 *
 * @param key - from {@link streamKey}
 * @param out - a Float32Array or Float64Array, written in place
 * @param mean - finite mean
 * @param std - finite standard deviation >= 0
 * @param lower - lower bound (may be -Infinity)
 * @param upper - upper bound >= lower (may be Infinity)
 * @param options - `{ offset }`: the stream index of `out[0]` (default 0)
 * @returns `out`
 * @throws RngError naming the argument
 * @example
 * ```ts
 * keyFillTruncatedNormal(streamKey(3), new Float32Array(4), 0, 1, -2, 2); // four values in [-2, 2]
 * ```
 */
export function keyFillTruncatedNormal<T extends FloatArray>(
  key: StreamKey,
  out: T,
  mean: number,
  std: number,
  lower: number,
  upper: number,
  options?: FillOptions,
): T {
  const k = keyWords(key);
  checkOut(out);
  const p = truncatedParams(mean, std, lower, upper, out instanceof Float32Array);
  drawTruncated(k.k0, k.k1, out, fillOffset(options, out.length) ?? 0, p);
  return out;
}

/**
 * Stateless Bernoulli fill: the values of `createRng(seed).fillBernoulli(out, p, options)` for
 * `key = streamKey(seed)` (1 with probability p, else 0).
 *
 * @param key - from {@link streamKey}
 * @param out - a Float32Array, Float64Array or Uint8Array, written in place
 * @param p - probability in [0, 1]
 * @param options - `{ offset }`: the stream index of `out[0]` (default 0)
 * @returns `out`
 * @throws RngError naming the argument
 * @example
 * ```ts
 * keyFillBernoulli(streamKey(9), new Uint8Array(5), 0.5); // five 0s and 1s
 * ```
 */
export function keyFillBernoulli<T extends FloatArray | Uint8Array>(
  key: StreamKey,
  out: T,
  p: number,
  options?: FillOptions,
): T {
  const k = keyWords(key);
  checkOut(out, true);
  drawBernoulli(k.k0, k.k1, out, fillOffset(options, out.length) ?? 0, bernoulliParam(p));
  return out;
}
