import { describe } from './argument-checks';
import { RngError } from './errors';
import { checkOptions } from './option-keys';
import { PhiloxRng } from './philox-rng';
import type { Algorithm, Rng, RngState } from './rng-types';
import { checkSeed, keyFromBytes, keyFromHex, type Seed, seedBytes } from './seed';
import { type SeedrandomAlgorithm, seedrandomFromState, seedrandomPrng } from './seedrandom-prng';
import { SEEDRANDOM_STATE_FIELDS, SeedrandomRng } from './seedrandom-rng';
import { XoshiroRng } from './xoshiro-rng';

/**
 * The algorithm used when none is given: Philox4x32-10.
 *
 * Why: it is counter-based, so every fill is index-addressable (chunks and workers give identical bits),
 * streams split and fork without any correlation concerns, it passes BigCrush, and with the WebAssembly SIMD
 * block generator it fills faster than PyTorch's CPU generator.
 *
 * @example
 * ```ts
 * createRng(1).algorithm === DEFAULT_ALGORITHM; // => true ('philox')
 * ```
 */
export const DEFAULT_ALGORITHM: Algorithm = 'philox';

/**
 * Every supported algorithm, default first.
 *
 * @example
 * ```ts
 * ALGORITHMS.length; // => 9
 * ```
 */
export const ALGORITHMS: readonly Algorithm[] = [
  'philox',
  'xoshiro128**',
  'alea',
  'arc4',
  'xor128',
  'xorwow',
  'xorshift7',
  'xor4096',
  'tychei',
];

/**
 * Options of {@link createRng}.
 *
 * @example
 * ```ts
 * createRng(7, { algorithm: 'xoshiro128**' });
 * ```
 */
export interface CreateRngOptions {
  /** Generator algorithm; default {@link DEFAULT_ALGORITHM} (`'philox'`). */
  algorithm?: Algorithm;
}

function checkAlgorithm(algorithm: unknown, argument: string): Algorithm {
  if ((ALGORITHMS as readonly unknown[]).includes(algorithm)) return algorithm as Algorithm;
  throw new RngError(
    'INVALID_ARGUMENT',
    argument,
    `expected one of ${ALGORITHMS.map((a) => `'${a}'`).join(', ')}, got ${describe(algorithm)}`,
  );
}

/**
 * Creates a seeded random stream.
 *
 * The seed is turned into a 128-bit stream key: key = first 16 bytes of SHA-256(tag || encoding(seed)), where
 * integers (number or bigint, same value = same key) are encoded as sign + little-endian magnitude and
 * strings as UTF-8. Philox uses the first 64 bits of the key as its key; xoshiro128** starts from the key.
 * seedrandom's algorithms are seeded with the seed itself, so they keep seedrandom's meaning
 * (`createRng('hello', { algorithm: 'alea' })` is `seedrandom.alea('hello')`).
 *
 * @param seed - a safe integer (0 and negatives are valid and distinct), a bigint, a string, or a state
 *   object from `rng.getState()` (then the exact sequence resumes)
 * @param options - `algorithm`: default `'philox'`
 * @returns a new {@link Rng}
 * @throws RngError `NOT_FINITE` (argument `seed`) for NaN or ±Infinity; `INVALID_ARGUMENT` (argument `seed`) for
 *   fractions, unsafe integers and other types (including arrays and objects without a `version` field);
 *   `INVALID_ARGUMENT` (argument `algorithm`) for an unknown algorithm, (argument `options`) for options that are
 *   not an object or have a key other than `algorithm` ("did you mean" for a close one); `INVALID_STATE` (argument `state`) for
 *   a malformed state object (one with a `version` field).
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.fillNormal(new Float32Array(3), 0, 0.02);
 * // => Float32Array [0.0010058938..., 0.0210506580..., 0.0095517486...], the same for every run
 * ```
 */
export function createRng(seed: Seed | RngState, options?: CreateRngOptions): Rng {
  const algorithmOption = checkOptions(options, 'options', ['algorithm'])?.algorithm;
  if (typeof seed === 'object' && seed !== null) {
    if (Array.isArray(seed) || !('version' in seed)) {
      // Not a state object at all (an array, {}, a boxed number ...): reject it as a seed.
      throw new RngError(
        'INVALID_ARGUMENT',
        'seed',
        `expected a safe integer, bigint, string or a state object from rng.getState(), got ${describe(seed)}`,
      );
    }
    const rng = fromState(seed);
    if (algorithmOption !== undefined && algorithmOption !== rng.algorithm) {
      throw new RngError(
        'INVALID_ARGUMENT',
        'algorithm',
        `the state is for '${rng.algorithm}', not ${describe(algorithmOption)}`,
      );
    }
    return rng;
  }
  const valid = checkSeed(seed);
  const algorithm = checkAlgorithm(
    algorithmOption === undefined ? DEFAULT_ALGORITHM : algorithmOption,
    'algorithm',
  );
  const key = keyFromBytes(seedBytes(valid));
  if (algorithm === 'philox') return new PhiloxRng(key, 0, 0);
  if (algorithm === 'xoshiro128**') return new XoshiroRng(key, 0, key);
  return new SeedrandomRng(algorithm, key, 0, seedrandomPrng(algorithm, valid));
}

const COMMON_STATE_KEYS = ['version', 'algorithm', 'key', 'splits'];

/** The keys a version-1 state of each algorithm may have. */
function stateKeys(algorithm: Algorithm): readonly string[] {
  if (algorithm === 'philox') return [...COMMON_STATE_KEYS, 'position'];
  if (algorithm === 'xoshiro128**') return [...COMMON_STATE_KEYS, 'words'];
  return [...COMMON_STATE_KEYS, 'generator'];
}

function badState(message: string): RngError {
  return new RngError('INVALID_STATE', 'state', message);
}

function isUint32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

/**
 * Recreates a stream from `rng.getState()` (also after a JSON round trip); the new stream continues exactly
 * where the saved one was.
 *
 * @param state - a state object produced by `getState()`
 * @returns the resumed {@link Rng}
 * @throws RngError `INVALID_STATE` (argument `state`) when the object is not a valid version-1 state, or has a
 *   field that such a state does not have.
 * @example
 * ```ts
 * const a = createRng('init');
 * a.nextUint32();
 * const b = fromState(JSON.parse(JSON.stringify(a.getState())));
 * a.nextUint32() === b.nextUint32(); // true
 * ```
 */
export function fromState(state: RngState): Rng {
  if (typeof state !== 'object' || state === null)
    throw badState(`expected a state object, got ${describe(state)}`);
  const s = state as unknown as Record<string, unknown>;
  if (s.version !== 1) throw badState(`expected version 1, got ${describe(s.version)}`);
  if (!(ALGORITHMS as readonly unknown[]).includes(s.algorithm)) {
    throw badState(`expected algorithm one of ${ALGORITHMS.join(', ')}, got ${describe(s.algorithm)}`);
  }
  const algorithm = s.algorithm as Algorithm;
  checkOptions(state, 'state', stateKeys(algorithm), 'INVALID_STATE');
  const key = keyFromHex(s.key);
  if (!key) throw badState('expected key as 32 lowercase hex digits');
  const splits = s.splits;
  if (typeof splits !== 'number' || !Number.isSafeInteger(splits) || splits < 0) {
    throw badState('expected splits as a non-negative safe integer');
  }
  if (algorithm === 'philox') {
    const p = s.position;
    if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) {
      throw badState('expected position as a non-negative safe integer');
    }
    return new PhiloxRng(key, splits, p);
  }
  if (algorithm === 'xoshiro128**') {
    const w = s.words;
    if (!Array.isArray(w) || w.length !== 4 || !w.every(isUint32) || w.every((x) => x === 0)) {
      throw badState('expected words as four unsigned 32-bit integers, not all zero');
    }
    return new XoshiroRng(key, splits, w);
  }
  const g = s.generator;
  if (typeof g !== 'object' || g === null) throw badState(`expected generator state for '${algorithm}'`);
  const fields = SEEDRANDOM_STATE_FIELDS[algorithm as SeedrandomAlgorithm];
  const record = g as Record<string, unknown>;
  for (const [name, length] of Object.entries(fields)) {
    const v = record[name];
    const ok =
      length === 0
        ? typeof v === 'number' && Number.isFinite(v)
        : Array.isArray(v) &&
          v.length === length &&
          v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!ok)
      throw badState(
        `generator.${name} of '${algorithm}' must be ${length === 0 ? 'a finite number' : `an array of ${length} numbers`}`,
      );
  }
  return new SeedrandomRng(
    algorithm as SeedrandomAlgorithm,
    key,
    splits,
    seedrandomFromState(algorithm as SeedrandomAlgorithm, record as Record<string, number | number[]>),
  );
}
