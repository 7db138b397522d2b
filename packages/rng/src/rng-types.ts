/**
 * Generator algorithms.
 *
 * - `'philox'` (default): Philox4x32-10, counter-based; every fill is index-addressable (`offset`).
 * - `'xoshiro128**'`: small sequential generator with 128 bits of state.
 * - `'alea' | 'arc4' | 'xor128' | 'xorwow' | 'xorshift7' | 'xor4096' | 'tychei'`: the `seedrandom` package's
 *   generators, whose streams equal `seedrandom`'s own (`'arc4'` is `seedrandom()` itself).
 *
 * @example
 * ```ts
 * createRng('hello.', { algorithm: 'alea' }).random(); // => 0.4783254903741181 (= seedrandom.alea('hello.')())
 * ```
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

/**
 * Output arrays of the float fills.
 *
 * @example
 * ```ts
 * const out: FloatArray = new Float32Array(16);
 * ```
 */
export type FloatArray = Float32Array | Float64Array;

/**
 * Options of the bulk fills.
 *
 * @example
 * ```ts
 * // Two chunks with offsets give exactly the values of one fill of 8:
 * const rng = createRng(42);
 * const out = new Float32Array(8);
 * rng.fillNormal(out.subarray(0, 5), 0, 1, { offset: 0 });
 * rng.fillNormal(out.subarray(5), 0, 1, { offset: 5 });
 * // out equals createRng(42).fillNormal(new Float32Array(8)) => true
 * ```
 */
export interface FillOptions {
  /**
   * Counter-based algorithms only: `out[j]` receives the value at stream index `offset + j`, independent of
   * the generator's position, which the call leaves unchanged. Without `offset` a fill starts at the
   * generator's position and advances it. A non-negative safe integer.
   */
  offset?: number;
}

/**
 * Options of the allocating forms (`normalArray` ...).
 *
 * @example
 * ```ts
 * createRng(42).normalArray(3, 0, 1, { dtype: 'float64' }); // => Float64Array of 3 values
 * ```
 */
export interface ArrayOptions extends FillOptions {
  /** Element type of the result; default `'float32'`. */
  dtype?: 'float32' | 'float64';
}

/**
 * Serializable generator state: plain JSON (numbers, strings, arrays), so
 * `createRng(JSON.parse(JSON.stringify(rng.getState())))` resumes the exact sequence.
 *
 * @example
 * ```ts
 * const a = createRng(42);
 * a.nextUint32();
 * a.getState(); // => { version: 1, algorithm: 'philox', key: '927b0f0c356c227a2add858aeab99094', splits: 0, position: 1 }
 * ```
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
 * A seeded random stream with single-number draws and fast bulk fills. Create one with `createRng(seed)`.
 *
 * Every draw consumes the stream, so the same seed and the same sequence of calls give the same values on
 * every platform and in every later version (pinned by golden hashes). Bulk fills are the fast path; for the
 * counter-based `'philox'` algorithm they are index-addressable through `options.offset`.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.fillNormal(new Float32Array(3), 0, 0.02);
 * // => Float32Array [0.0010058938..., 0.0210506580..., 0.0095517486...]
 * ```
 */
export interface Rng {
  /** The generator algorithm, e.g. `'philox'`. */
  readonly algorithm: Algorithm;

  /**
   * Next uniformly distributed 32-bit word of the stream.
   *
   * Philox: word `position` of the main counter domain (block floor(p/4), word p mod 4). seedrandom
   * algorithms: seedrandom's `int32() >>> 0`.
   *
   * @returns an integer in [0, 2^32)
   * @example
   * ```ts
   * createRng(42).nextUint32(); // => 91290146
   * ```
   */
  nextUint32(): number;

  /**
   * Uniform float64 in [0, 1) with 53 random bits.
   *
   * Formula: u = ((a >>> 11) * 2^32 + b) * 2^-53 for the next two words a, b. seedrandom algorithms return
   * seedrandom's own `prng()` so their sequences equal seedrandom's.
   *
   * @returns a number in [0, 1)
   * @example
   * ```ts
   * createRng(42).random(); // => 0.021255369483713094
   * ```
   */
  random(): number;

  /**
   * Uniform float64 in [low, high): low + (high - low) * u with u a 53-bit uniform; results that round up to
   * `high` are replaced by the largest double below it.
   *
   * @param low - lower bound, included; default 0
   * @param high - upper bound, excluded; default 1
   * @returns a number in [low, high)
   * @throws RngError `NOT_FINITE` for NaN/infinite bounds or an infinite `high - low`; `INVALID_ARGUMENT`
   *   (argument `high`) when high <= low
   * @example
   * ```ts
   * createRng(42).uniform(-1, 1); // => -0.9574892610325738
   * ```
   */
  uniform(low?: number, high?: number): number;

  /**
   * Normal float64 N(mean, std^2): mean + std * z with z from the exact 256-layer ziggurat.
   *
   * @param mean - default 0
   * @param std - standard deviation >= 0; default 1 (0 returns `mean`)
   * @returns a number
   * @throws RngError `NOT_FINITE` for non-finite arguments, and (argument `std`, or `mean` when |mean| alone is too
   *   large) when |mean| + 14 std exceeds the output type's largest finite value; `INVALID_ARGUMENT` (argument
   *   `std`) when std < 0
   * @example
   * ```ts
   * createRng(42).normal(); // => 0.0502952429265485
   * ```
   */
  normal(mean?: number, std?: number): number;

  /**
   * Normal N(mean, std^2) restricted to the ABSOLUTE interval [lower, upper] (not in units of std).
   *
   * Density: phi((x - mean)/std) / (std * (Phi(beta) - Phi(alpha))) on [lower, upper], alpha = (lower -
   * mean)/std, beta = (upper - mean)/std. Exact sampling by normal rejection, uniform proposal or Robert's
   * exponential proposal chosen from the interval, so tails ([3, 6], [8, 9]), one-sided and narrow intervals
   * are exact; results never leave [lower, upper].
   *
   * @param mean - finite
   * @param std - >= 0 (0 returns `mean`, which must then lie in the interval)
   * @param lower - lower bound, may be -Infinity
   * @param upper - upper bound, may be +Infinity; must exceed `lower`
   * @returns a number in [lower, upper]
   * @throws RngError `NOT_FINITE` for NaN or infinite mean/std, and (argument `std` or `mean`) when a bound is
   *   infinite and the sampler's largest value on that side would overflow the output type; `INVALID_ARGUMENT`
   *   for std < 0, upper <= lower (argument `upper`), or std 0 with the mean outside the interval (argument
   *   `mean`)
   * @example
   * ```ts
   * createRng(42).truncatedNormal(0, 1, 3, 6); // => 3.006504661383412
   * ```
   */
  truncatedNormal(mean: number, std: number, lower: number, upper: number): number;

  /**
   * Uniform integer in [low, high) by rejection sampling (no modulo bias): a word w is accepted when
   * w < 2^32 - (2^32 mod range) and mapped to low + (w mod range); ranges above 2^32 use 53-bit draws.
   *
   * @param low - safe integer, included
   * @param high - safe integer, excluded; `high - low` at most 2^53
   * @returns an integer in [low, high)
   * @throws RngError `INVALID_ARGUMENT` for non-integers, high <= low or a range above 2^53
   * @example
   * ```ts
   * createRng(42).integer(0, 10); // => 6
   * ```
   */
  integer(low: number, high: number): number;

  /**
   * `true` with probability p: u < p for a 53-bit uniform u.
   *
   * @param p - probability in [0, 1]
   * @returns a boolean
   * @throws RngError `NOT_FINITE` or `INVALID_ARGUMENT` (argument `p`) outside [0, 1]
   * @example
   * ```ts
   * createRng(42).bernoulli(0.5); // => true
   * ```
   */
  bernoulli(p: number): boolean;

  /**
   * Fills `out` with uniform values in [low, high): out[j] = low + (high - low) * u_j.
   *
   * Float32Array: u_j = (w >>> 8) * 2^-24 from one word, computed in float32 arithmetic as
   * f32(f32(low) + f32(f32(high - low) * 2^-24 * (w >>> 8))) (in double when |low| or high - low exceeds the
   * float32 range or high - low < 2^-102) and kept inside [low, high) (never equal to `high`).
   * Float64Array: 53-bit u_j from two words.
   *
   * @param out - destination, written in place and returned
   * @param low - default 0
   * @param high - default 1
   * @param options - `offset` (Philox only): out[j] is the value at stream index offset + j
   * @returns `out`
   * @throws RngError as {@link Rng.uniform}; `NOT_FINITE` (argument `low` or `high`) for a Float32Array when the
   *   interval reaches beyond ±3.4028234663852886e38; `INVALID_ARGUMENT` (argument `high`) when no float32 lies in
   *   [low, high), (argument `options`) for options other than `{ offset? }`; `UNSUPPORTED` (argument `offset`)
   *   for sequential algorithms
   * @example
   * ```ts
   * createRng(42).fillUniform(new Float32Array(3), -0.1, 0.1);
   * // => Float32Array [-0.0957489759..., 0.0481246933..., 0.0589032694...]
   * ```
   */
  fillUniform<T extends FloatArray>(out: T, low?: number, high?: number, options?: FillOptions): T;

  /**
   * Fills `out` with N(mean, std^2) values: out[j] = mean + std * z_j, z_j from the ziggurat (one word per
   * value for Float32Array, two for Float64Array; rare rejections continue in a per-index retry stream).
   *
   * @param out - destination, written in place and returned
   * @param mean - default 0
   * @param std - >= 0, default 1
   * @param options - `offset` (Philox only): out[j] is the value at stream index offset + j
   * @returns `out`
   * @throws RngError as {@link Rng.normal}; `UNSUPPORTED` for `offset` on sequential algorithms
   * @example
   * ```ts
   * createRng(42).fillNormal(new Float32Array(3), 0, 0.02);
   * // => Float32Array [0.0010058938..., 0.0210506580..., 0.0095517486...]
   * ```
   */
  fillNormal<T extends FloatArray>(out: T, mean?: number, std?: number, options?: FillOptions): T;

  /**
   * Fills `out` with N(mean, std^2) values restricted to the absolute interval [lower, upper] (see
   * {@link Rng.truncatedNormal}). Float32 results stay inside [lower, upper] even when the bounds are not
   * float32 numbers.
   *
   * @param out - destination, written in place and returned
   * @param mean - finite
   * @param std - >= 0
   * @param lower - may be -Infinity
   * @param upper - may be +Infinity, > lower
   * @param options - `offset` (Philox only)
   * @returns `out`
   * @throws RngError as {@link Rng.truncatedNormal}; `INVALID_ARGUMENT` (argument `upper`) when no float32 lies
   *   in [lower, upper], and (argument `lower` or `upper`) for a Float32Array when only ±Infinity would
   *   (e.g. lower = 1e200)
   * @example
   * ```ts
   * createRng(42).fillTruncatedNormal(new Float32Array(3), 0, 1, -2, 2);
   * // => Float32Array [0.0502946898..., 1.0525329113..., 0.4775874316...]
   * ```
   */
  fillTruncatedNormal<T extends FloatArray>(
    out: T,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: FillOptions,
  ): T;

  /**
   * Fills `out` with 1 (probability p) or 0: out[j] = u_j < p ? 1 : 0 with 53-bit uniforms.
   *
   * @param out - Float32Array, Float64Array or Uint8Array
   * @param p - probability in [0, 1]
   * @param options - `offset` (Philox only)
   * @returns `out`
   * @throws RngError as {@link Rng.bernoulli}
   * @example
   * ```ts
   * createRng(42).fillBernoulli(new Uint8Array(6), 0.5); // => Uint8Array [1, 0, 0, 0, 1, 1]
   * ```
   */
  fillBernoulli<T extends FloatArray | Uint8Array>(out: T, p: number, options?: FillOptions): T;

  /**
   * Uniform random permutation of 0..n-1 (Fisher-Yates with unbiased integers).
   *
   * @param n - length, an integer in [0, 2^32)
   * @returns a new Uint32Array
   * @throws RngError `INVALID_ARGUMENT` (argument `n`) for a non-integer or negative n; `TOO_LARGE` above
   *   `MAX_ELEMENTS` (2^28)
   * @example
   * ```ts
   * createRng(42).permutation(5); // => Uint32Array [2, 3, 0, 4, 1]
   * ```
   */
  permutation(n: number): Uint32Array;

  /**
   * Shuffles `array` in place with Fisher-Yates (for i from n-1 down to 1 swap a[i] and a[integer(0, i+1)]).
   *
   * @param array - any array or typed array
   * @returns the same `array`
   * @throws RngError `INVALID_ARGUMENT` (argument `array`) for non-arrays and frozen arrays, (argument
   *   `array.length`) for a length that is not a non-negative integer; `TOO_LARGE` (argument `array.length`) above
   *   `MAX_ELEMENTS` (2^28)
   * @example
   * ```ts
   * createRng(42).shuffle(['a', 'b', 'c', 'd']); // => ['b', 'd', 'a', 'c']
   * ```
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;

  /**
   * k distinct indices of [0, n) in random order (sampling without replacement): the first k steps of a
   * Fisher-Yates shuffle of 0..n-1, in O(k) memory when k is small relative to n.
   *
   * @param n - population size, an integer in [0, 2^32)
   * @param k - sample size, 0 <= k <= n
   * @returns a new Uint32Array of length k
   * @throws RngError `INVALID_ARGUMENT` (argument `k`) when k > n, or for non-integers; `TOO_LARGE` (argument `k`)
   *   above `MAX_ELEMENTS` (2^28), or above 2^22 when n > `MAX_ELEMENTS`
   * @example
   * ```ts
   * createRng(42).sample(10, 3); // => Uint32Array [6, 1, 4]
   * ```
   */
  sample(n: number, k: number): Uint32Array;

  /**
   * n independent child streams of the same algorithm. Child i's key is SHA-256(split tag, this key,
   * number of earlier splits, i); calling `split` again gives new children.
   *
   * @param n - number of children, an integer >= 0
   * @returns the children
   * @throws RngError `INVALID_ARGUMENT` (argument `n`) for a non-integer or negative n; `TOO_LARGE` above
   *   `MAX_SPLIT` (2^16)
   * @example
   * ```ts
   * createRng(42).split(2).map((c) => c.nextUint32()); // => [2288816859, 2785645443]
   * ```
   */
  split(n: number): Rng[];

  /**
   * Child stream named by `label` whose key is SHA-256(fork tag, this stream's key, UTF-8 label): it depends
   * only on (seed, label), never on how much this stream has been used or on the order of forks, so a
   * parameter's values depend only on (seed, parameter name).
   *
   * @param label - any string, e.g. `'encoder.0.weight'`
   * @returns the child stream
   * @throws RngError `INVALID_ARGUMENT` (argument `label`) for non-strings
   * @example
   * ```ts
   * createRng(42).fork('encoder.0.weight').nextUint32(); // => 2751348045
   * ```
   */
  fork(label: string): Rng;

  /**
   * JSON-safe snapshot of the stream; `createRng(state)` or `fromState(state)` continues exactly here.
   *
   * @returns the state
   * @example
   * ```ts
   * createRng(42).getState();
   * // => { version: 1, algorithm: 'philox', key: '927b0f0c356c227a2add858aeab99094', splits: 0, position: 0 }
   * ```
   */
  getState(): RngState;

  /**
   * Allocating form of {@link Rng.fillUniform}.
   *
   * @param n - length
   * @param low - default 0
   * @param high - default 1
   * @param options - `dtype` ('float32' default, or 'float64') and `offset`
   * @returns a new Float32Array or Float64Array
   * @throws RngError as {@link Rng.fillUniform}; `INVALID_ARGUMENT` for a bad `n` or `dtype` or an unknown option
   *   key; `TOO_LARGE` (argument `n`) above `MAX_ELEMENTS` (2^28), before allocating
   * @example
   * ```ts
   * createRng(42).uniformArray(3); // => Float32Array [0.0212551355..., 0.7406234741..., 0.7945163249...]
   * ```
   */
  uniformArray(n: number, low?: number, high?: number, options?: ArrayOptions): FloatArray;

  /**
   * Allocating form of {@link Rng.fillNormal}.
   *
   * @param n - length
   * @param mean - default 0
   * @param std - default 1
   * @param options - `dtype` ('float32' default, or 'float64') and `offset`
   * @returns a new Float32Array or Float64Array
   * @throws RngError as {@link Rng.fillNormal}; `INVALID_ARGUMENT` for a bad `n` or `dtype` or an unknown option
   *   key; `TOO_LARGE` (argument `n`) above `MAX_ELEMENTS` (2^28), before allocating
   * @example
   * ```ts
   * createRng(42).normalArray(3, 0, 1, { dtype: 'float64' });
   * // => Float64Array [0.0502952429265485, 0.4775875246115751, -0.40773872285440854]
   * ```
   */
  normalArray(n: number, mean?: number, std?: number, options?: ArrayOptions): FloatArray;

  /**
   * Allocating form of {@link Rng.fillTruncatedNormal}.
   *
   * @param n - length
   * @param mean - finite
   * @param std - >= 0
   * @param lower - absolute lower bound
   * @param upper - absolute upper bound
   * @param options - `dtype` ('float32' default, or 'float64') and `offset`
   * @returns a new Float32Array or Float64Array
   * @throws RngError as {@link Rng.fillTruncatedNormal}; `INVALID_ARGUMENT` for a bad `n` or `dtype` or an unknown
   *   option key; `TOO_LARGE` (argument `n`) above `MAX_ELEMENTS` (2^28), before allocating
   * @example
   * ```ts
   * createRng(42).truncatedNormalArray(3, 0, 1, 0, Infinity);
   * // => Float32Array [1.3467844725..., 0.9917753935..., 0.2435517460...]
   * ```
   */
  truncatedNormalArray(
    n: number,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: ArrayOptions,
  ): FloatArray;
}
