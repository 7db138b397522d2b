/**
 * Generator algorithms.
 *
 * - `'philox'` (default): Philox4x32-10, counter-based; every fill is index-addressable (`offset`).
 * - `'xoshiro128**'`: small sequential generator with 128 bits of state.
 * - `'alea' | 'arc4' | 'xor128' | 'xorwow' | 'xorshift7' | 'xor4096' | 'tychei'`: the `seedrandom` package's
 *   generators, whose streams equal `seedrandom`'s own (`'arc4'` is `seedrandom()` itself).
 */
export type Algorithm =
  | 'philox'
  | 'xoshiro128**'
  | 'alea'
  | 'arc4'
  | 'xor128'
  | 'xorwow'
  | 'xorshift7'
  | 'xor4096'
  | 'tychei';

/** Output arrays of the float fills. */
export type FloatArray = Float32Array | Float64Array;

/** Options of the bulk fills. */
export interface FillOptions {
  /**
   * Counter-based algorithms only: `out[j]` receives the value at stream index `offset + j`, independent of
   * the generator's position, which the call leaves unchanged. Without `offset` a fill starts at the
   * generator's position and advances it. A non-negative safe integer.
   */
  offset?: number;
}

/** Options of the allocating forms (`normalArray` ...). */
export interface ArrayOptions extends FillOptions {
  /** Element type of the result; default `'float32'`. */
  dtype?: 'float32' | 'float64';
}

/**
 * Serializable generator state: plain JSON (numbers, strings, arrays), so
 * `createRng(JSON.parse(JSON.stringify(rng.getState())))` resumes the exact sequence.
 */
export interface RngState {
  /** Format version, currently 1. */
  readonly version: 1;
  /** Generator algorithm. */
  readonly algorithm: Algorithm;
  /** 128-bit stream key (32 hex digits) from which forks and splits are derived. */
  readonly key: string;
  /** Number of `split` calls made so far. */
  readonly splits: number;
  /** Philox: words consumed from the stream. */
  readonly position?: number;
  /** xoshiro128**: the four state words. */
  readonly words?: readonly number[];
  /** seedrandom algorithms: seedrandom's own state object. */
  readonly generator?: Readonly<Record<string, number | readonly number[]>>;
}

/**
 * A seeded random stream with single-number draws and fast bulk fills. Create one with `createRng`.
 */
export interface Rng {
  /** The generator algorithm. */
  readonly algorithm: Algorithm;
  /** Next uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float64 in [0, 1). */
  random(): number;
  /** Uniform float64 in [low, high); defaults 0, 1. */
  uniform(low?: number, high?: number): number;
  /** Normal float64 with the given mean (default 0) and standard deviation (default 1). */
  normal(mean?: number, std?: number): number;
  /** Normal(mean, std) restricted to the absolute interval [lower, upper]. */
  truncatedNormal(mean: number, std: number, lower: number, upper: number): number;
  /** Uniform integer in [low, high) without modulo bias. */
  integer(low: number, high: number): number;
  /** `true` with probability p. */
  bernoulli(p: number): boolean;
  /** Fills `out` with uniform values in [low, high) (defaults 0, 1). */
  fillUniform<T extends FloatArray>(out: T, low?: number, high?: number, options?: FillOptions): T;
  /** Fills `out` with Normal(mean, std) values (defaults 0, 1). */
  fillNormal<T extends FloatArray>(out: T, mean?: number, std?: number, options?: FillOptions): T;
  /** Fills `out` with Normal(mean, std) values restricted to [lower, upper]. */
  fillTruncatedNormal<T extends FloatArray>(
    out: T,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: FillOptions,
  ): T;
  /** Fills `out` with 1 (probability p) or 0. */
  fillBernoulli<T extends FloatArray | Uint8Array>(out: T, p: number, options?: FillOptions): T;
  /** Uniform random permutation of 0..n-1. */
  permutation(n: number): Uint32Array;
  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** k distinct indices of [0, n) in random order (sampling without replacement). */
  sample(n: number, k: number): Uint32Array;
  /** n independent child streams. */
  split(n: number): Rng[];
  /** Child stream that depends only on (this stream's key, label). */
  fork(label: string): Rng;
  /** JSON-safe state from which `createRng`/`fromState` resume the exact sequence. */
  getState(): RngState;
  /** Allocating form of {@link Rng.fillUniform}. */
  uniformArray(n: number, low?: number, high?: number, options?: ArrayOptions): FloatArray;
  /** Allocating form of {@link Rng.fillNormal}. */
  normalArray(n: number, mean?: number, std?: number, options?: ArrayOptions): FloatArray;
  /** Allocating form of {@link Rng.fillTruncatedNormal}. */
  truncatedNormalArray(
    n: number,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: ArrayOptions,
  ): FloatArray;
}
