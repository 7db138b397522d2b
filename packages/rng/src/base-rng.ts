import { checkInteger, describe } from './argument-checks';
import { RngError } from './errors';
import {
  allocate,
  arrayRequest,
  bernoulliParam,
  checkCount,
  checkOut,
  fillOffset,
  normalParams,
  type TruncatedParams,
  truncatedParams,
  type UniformParams,
  uniformParams,
} from './fill-params';
import { IndexMap } from './index-map';
import { MAX_ELEMENTS, MAX_SPARSE_SAMPLE, MAX_SPLIT } from './limits';
import type { Algorithm, ArrayOptions, FillOptions, FloatArray, Rng, RngState } from './rng-types';
import { deriveKey, keyToHex, TAG_FORK, TAG_FORK_UTF16, TAG_SPLIT, textBytes } from './seed';
import { uniform53, type WordSource } from './word-source';

const MAX_INDEX = Number.MAX_SAFE_INTEGER;

/**
 * Shared implementation of {@link Rng}: argument checks, discrete samplers (integer, permutation, shuffle,
 * sample) built on `nextUint32`, streams, and sequential fills that draw every value from the word stream in
 * order. Counter-based generators override the `*Into` hooks with index-addressable versions.
 */
export abstract class BaseRng implements Rng, WordSource {
  abstract readonly algorithm: Algorithm;
  /** 128-bit stream key (forks and splits derive from it). */
  protected readonly key: Uint32Array;
  /** Number of `split` calls so far. */
  protected splits: number;
  private readonly one = new Float64Array(1);
  private readonly oneByte = new Uint8Array(1);

  protected constructor(key: Uint32Array, splits: number) {
    this.key = key;
    this.splits = splits;
  }

  abstract nextUint32(): number;
  /** Child generator of the same algorithm for a derived key. */
  protected abstract child(key: Uint32Array): Rng;
  /** Algorithm-specific part of the state. */
  protected abstract stateFields(): Pick<RngState, 'position' | 'words' | 'generator'>;

  random(): number {
    return uniform53(this);
  }

  uniform(low = 0, high = 1): number {
    return this.fillUniform(this.one, low, high)[0]!;
  }

  normal(mean = 0, std = 1): number {
    return this.fillNormal(this.one, mean, std)[0]!;
  }

  truncatedNormal(mean: number, std: number, lower: number, upper: number): number {
    return this.fillTruncatedNormal(this.one, mean, std, lower, upper)[0]!;
  }

  bernoulli(p: number): boolean {
    return this.fillBernoulli(this.oneByte, p)[0] === 1;
  }

  integer(low: number, high: number): number {
    checkInteger(low, 'low', -MAX_INDEX, MAX_INDEX);
    checkInteger(high, 'high', -MAX_INDEX, MAX_INDEX);
    if (!(low < high))
      throw new RngError('INVALID_ARGUMENT', 'high', `expected high > low, got low ${low}, high ${high}`);
    const range = high - low;
    // `high - range !== low` catches a true range of 2^53 + 1, which rounds down to 2^53 in double precision.
    if (range > 2 ** 53 || high - range !== low) {
      throw new RngError(
        'INVALID_ARGUMENT',
        'high',
        `expected high - low <= 2^53, got ${BigInt(high) - BigInt(low)} (low ${low}, high ${high})`,
      );
    }
    return low + this.below(range);
  }

  /** Uniform integer in [0, range) by rejection (no modulo bias); range in [1, 2^53]. */
  protected below(range: number): number {
    if (range <= 4294967296) {
      const limit = 4294967296 - (4294967296 % range);
      for (;;) {
        const w = this.nextUint32();
        if (w < limit) return w % range;
      }
    }
    const limit = 9007199254740992 - (9007199254740992 % range);
    for (;;) {
      const u = (this.nextUint32() >>> 11) * 4294967296 + this.nextUint32();
      if (u < limit) return u % range;
    }
  }

  fillUniform<T extends FloatArray>(out: T, low = 0, high = 1, options?: FillOptions): T {
    checkOut(out);
    const params = uniformParams(low, high, out instanceof Float32Array);
    this.uniformInto(out, params, fillOffset(options, out.length));
    return out;
  }

  fillNormal<T extends FloatArray>(out: T, mean = 0, std = 1, options?: FillOptions): T {
    checkOut(out);
    const [m, s] = normalParams(mean, std, out instanceof Float32Array);
    this.normalInto(out, m, s, fillOffset(options, out.length));
    return out;
  }

  fillTruncatedNormal<T extends FloatArray>(
    out: T,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: FillOptions,
  ): T {
    checkOut(out);
    const params = truncatedParams(mean, std, lower, upper, out instanceof Float32Array);
    this.truncatedInto(out, params, fillOffset(options, out.length));
    return out;
  }

  fillBernoulli<T extends FloatArray | Uint8Array>(out: T, p: number, options?: FillOptions): T {
    checkOut(out, true);
    this.bernoulliInto(out, bernoulliParam(p), fillOffset(options, out.length));
    return out;
  }

  uniformArray(n: number, low = 0, high = 1, options?: ArrayOptions): FloatArray {
    const request = arrayRequest(n, options);
    const params = uniformParams(low, high, request.float32);
    const out = allocate(request);
    this.uniformInto(out, params, request.offset);
    return out;
  }

  normalArray(n: number, mean = 0, std = 1, options?: ArrayOptions): FloatArray {
    const request = arrayRequest(n, options);
    const [m, s] = normalParams(mean, std, request.float32);
    const out = allocate(request);
    this.normalInto(out, m, s, request.offset);
    return out;
  }

  truncatedNormalArray(
    n: number,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: ArrayOptions,
  ): FloatArray {
    const request = arrayRequest(n, options);
    const params = truncatedParams(mean, std, lower, upper, request.float32);
    const out = allocate(request);
    this.truncatedInto(out, params, request.offset);
    return out;
  }

  permutation(n: number): Uint32Array {
    checkCount(n, 'n');
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    if (array === null || typeof array !== 'object') {
      throw new RngError(
        'INVALID_ARGUMENT',
        'array',
        `expected an array or typed array, got ${describe(array)}`,
      );
    }
    const length = checkCount((array as { length: unknown }).length, 'array.length');
    if (Object.isFrozen(array) && length > 1) {
      throw new RngError('INVALID_ARGUMENT', 'array', 'expected a writable array, got a frozen one');
    }
    try {
      for (let i = length - 1; i > 0; i--) {
        const j = this.below(i + 1);
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
    } catch (e) {
      if (e instanceof RngError) throw e;
      throw new RngError(
        'INVALID_ARGUMENT',
        'array',
        `expected an array whose elements can be read and written (${e instanceof Error ? e.message : describe(e)})`,
      );
    }
    return array;
  }

  sample(n: number, k: number): Uint32Array {
    checkInteger(n, 'n', 0, 2 ** 32 - 1);
    checkCount(k, 'k');
    if (k > n)
      throw new RngError(
        'INVALID_ARGUMENT',
        'k',
        `expected k <= n (sampling without replacement), got k ${k}, n ${n}`,
      );
    // Both paths give identical output; the dense one needs n <= MAX_ELEMENTS, the sparse one k <= MAX_SPARSE_SAMPLE.
    const dense = n <= MAX_ELEMENTS && (n <= 4 * k || k > MAX_SPARSE_SAMPLE);
    if (!dense && k > MAX_SPARSE_SAMPLE) {
      throw new RngError(
        'TOO_LARGE',
        'k',
        `k above ${MAX_SPARSE_SAMPLE} needs n <= ${MAX_ELEMENTS}, got k ${k}, n ${n}`,
      );
    }
    const out = new Uint32Array(k);
    if (dense) {
      // Partial Fisher-Yates on the full index array.
      const a = new Uint32Array(n);
      for (let i = 0; i < n; i++) a[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.below(n - i);
        const t = a[j]!;
        a[j] = a[i]!;
        a[i] = t;
        out[i] = t;
      }
      return out;
    }
    // The same partial Fisher-Yates on a virtual index array (only displaced entries are stored): identical
    // output, O(k) memory.
    const moved = new IndexMap(k);
    for (let i = 0; i < k; i++) {
      const j = i + this.below(n - i);
      const vj = moved.get(j);
      moved.set(j, moved.get(i));
      out[i] = vj;
    }
    return out;
  }

  split(n: number): Rng[] {
    checkCount(n, 'n', MAX_SPLIT, 'children');
    const call = this.splits++;
    const children: Rng[] = [];
    const extra = new Uint8Array(16);
    const view = new DataView(extra.buffer);
    view.setUint32(0, Math.floor(call / 4294967296));
    view.setUint32(4, call >>> 0);
    for (let i = 0; i < n; i++) {
      view.setUint32(12, i);
      children.push(this.child(deriveKey(TAG_SPLIT, this.key, extra)));
    }
    return children;
  }

  fork(label: string): Rng {
    if (typeof label !== 'string') {
      throw new RngError(
        'INVALID_ARGUMENT',
        'label',
        `expected a string such as 'encoder.0.weight', got ${describe(label)}`,
      );
    }
    const { bytes, utf16 } = textBytes(label);
    return this.child(deriveKey(utf16 ? TAG_FORK_UTF16 : TAG_FORK, this.key, bytes));
  }

  getState(): RngState {
    return {
      version: 1,
      algorithm: this.algorithm,
      key: keyToHex(this.key),
      splits: this.splits,
      ...this.stateFields(),
    };
  }

  /** Writes uniform values into `out` (validated parameters); `offset` is the fill's index option. */
  protected abstract uniformInto(out: FloatArray, p: UniformParams, offset: number | undefined): void;

  /** Writes normal values into `out` (validated mean and std). */
  protected abstract normalInto(out: FloatArray, mean: number, std: number, offset: number | undefined): void;

  /** Writes truncated normal values into `out` (a validated plan). */
  protected abstract truncatedInto(out: FloatArray, p: TruncatedParams, offset: number | undefined): void;

  /** Writes Bernoulli draws (1 or 0) into `out` (a validated probability). */
  protected abstract bernoulliInto(out: FloatArray | Uint8Array, p: number, offset: number | undefined): void;
}
