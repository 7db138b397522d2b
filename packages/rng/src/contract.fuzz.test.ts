import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bare,
  breach,
  count,
  FUZZ,
  fillOptions,
  hostile,
  hostileNumber,
  or,
  smallOut,
} from '../test/contract-harness';
import type { Rng } from './index';
import * as entry from './index';

/**
 * Property-based contract of every export of `@init/rng`: under hostile arguments (huge, tiny, negative, NaN,
 * infinite and signed-zero numbers, null, undefined, bigints, symbols, strings, prototype-less objects,
 * misspelled option keys, huge lengths) each call returns or throws only an RngError with a string `code` and
 * `argument`, returns no non-finite number, and finishes within CALL_TIME_LIMIT_MS. Fixed seed, bounded runs.
 * src/contract-harness.test.ts shows that the checks catch the defects this suite was written against; and on the
 * package itself, restoring `String(backend)` in setFillBackend's message or removing the normal fills' range
 * check (mean + 14 std within the dtype) makes the 'setFillBackend' and 'fills' properties fail with a
 * counterexample (a prototype-less object; a float32 fill with mean -3.40000001e38).
 */

const { ALGORITHMS, createRng, fromState, isRng, toRng, setFillBackend, fillBackend } = entry;

const algorithm = fc.constantFrom(...ALGORITHMS);
const seed = fc.oneof(fc.integer(), fc.bigInt(), fc.string({ maxLength: 12 }));
/** Streams of every algorithm, philox (the default) half of the time. */
const stream: fc.Arbitrary<Rng> = fc
  .tuple(fc.oneof(fc.constant('philox' as const), algorithm), fc.integer())
  .map(([a, s]) => createRng(s, { algorithm: a }));
const number = or(fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const bound = or(
  fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(-Infinity, Infinity)),
);
const std = or(fc.double({ min: 0, max: 10, noNaN: true }));

function holds(property: fc.IProperty<never> | fc.IProperty<unknown[]>): void {
  fc.assert(property as fc.IProperty<unknown[]>, FUZZ);
}

/** Asserts the contract for one call (the message names the breach). */
function keeps(call: () => unknown): void {
  expect(breach(call)).toBeUndefined();
}

describe('contract of every @init/rng export under hostile input', () => {
  afterAll(() => setFillBackend(undefined));

  it('exports nothing unexpected (a new export must be added to this suite)', () => {
    expect(Object.keys(entry).sort()).toEqual(
      [
        'ALGORITHMS',
        'DEFAULT_ALGORITHM',
        'MAX_ELEMENTS',
        'MAX_SPLIT',
        'RngError',
        'createRng',
        'fillBackend',
        'fromState',
        'isRng',
        'keyFillBernoulli',
        'keyFillNormal',
        'keyFillTruncatedNormal',
        'keyFillUniform',
        'setFillBackend',
        'streamKey',
        'toRng',
      ].sort(),
    );
    expect(ALGORITHMS).toContain(entry.DEFAULT_ALGORITHM);
    expect(entry.MAX_ELEMENTS).toBe(2 ** 28);
    expect(entry.MAX_SPLIT).toBe(2 ** 16);
  });

  it('createRng', () => {
    holds(
      fc.property(
        or(seed),
        or(fc.record({ algorithm: or(algorithm) }, { requiredKeys: [] })),
        (s, options) => {
          keeps(() => {
            const rng = createRng(s as never, options as never);
            expect(isRng(rng)).toBe(true);
          });
        },
      ),
    );
  });

  it('fromState, including states with altered fields', () => {
    const state = fc
      .tuple(
        stream,
        fc.constantFrom('version', 'algorithm', 'key', 'splits', 'position', 'words', 'generator', 'postion'),
        hostile,
      )
      .map(([rng, field, value]) => ({ ...rng.getState(), [field]: value }));
    holds(fc.property(or(state), (s) => keeps(() => fromState(s as never))));
  });

  it('toRng and isRng', () => {
    holds(
      fc.property(or(seed), (s) => {
        keeps(() => toRng(s as never));
        keeps(() => expect(typeof isRng(s)).toBe('boolean'));
      }),
    );
  });

  it('setFillBackend and fillBackend', () => {
    holds(
      fc.property(or(fc.constantFrom('wasm', 'ts', undefined)), (b) => {
        keeps(() => setFillBackend(b as never));
        expect(['wasm', 'ts']).toContain(fillBackend());
        setFillBackend(undefined);
      }),
    );
  });

  it('RngError', () => {
    holds(
      fc.property(hostile, hostile, hostile, (code, argument, message) => {
        const error = new entry.RngError(code as never, argument as never, message as never);
        expect(error).toBeInstanceOf(Error);
        expect(typeof error.message).toBe('string');
      }),
    );
  });

  it('single draws: random, nextUint32, uniform, normal, truncatedNormal, integer, bernoulli', () => {
    holds(
      fc.property(stream, number, number, bound, bound, std, (rng, a, b, lower, upper, s) => {
        keeps(() => rng.random());
        keeps(() => rng.nextUint32());
        keeps(() => rng.uniform(a as never, b as never));
        keeps(() => rng.normal(a as never, s as never));
        keeps(() => rng.truncatedNormal(a as never, s as never, lower as never, upper as never));
        keeps(() => rng.integer(a as never, b as never));
        keeps(() => rng.bernoulli(a as never));
      }),
    );
  });

  it('fills: fillUniform, fillNormal, fillTruncatedNormal, fillBernoulli', () => {
    holds(
      fc.property(
        stream,
        smallOut,
        number,
        std,
        bound,
        bound,
        fillOptions,
        (rng, out, a, s, lower, upper, o) => {
          keeps(() => rng.fillUniform(out as never, a as never, upper as never, o as never));
          keeps(() => rng.fillNormal(out as never, a as never, s as never, o as never));
          keeps(() =>
            rng.fillTruncatedNormal(
              out as never,
              a as never,
              s as never,
              lower as never,
              upper as never,
              o as never,
            ),
          );
          keeps(() => rng.fillBernoulli(out as never, a as never, o as never));
        },
      ),
    );
  });

  it('keyed fills: streamKey, keyFillUniform, keyFillNormal, keyFillTruncatedNormal, keyFillBernoulli', () => {
    const key = or(
      fc.oneof(
        seed.map((s) => entry.streamKey(s)),
        fc.record({ algorithm: or(fc.constant('philox')), k0: or(fc.nat()), k1: or(fc.nat()) }),
      ),
    );
    holds(
      fc.property(
        or(seed),
        key,
        smallOut,
        number,
        std,
        bound,
        bound,
        fillOptions,
        (s, k, out, a, sd, lower, upper, o) => {
          keeps(() => entry.streamKey(s as never));
          keeps(() => entry.keyFillUniform(k as never, out as never, a as never, upper as never, o as never));
          keeps(() => entry.keyFillNormal(k as never, out as never, a as never, sd as never, o as never));
          keeps(() =>
            entry.keyFillTruncatedNormal(
              k as never,
              out as never,
              a as never,
              sd as never,
              lower as never,
              upper as never,
              o as never,
            ),
          );
          keeps(() => entry.keyFillBernoulli(k as never, out as never, a as never, o as never));
        },
      ),
    );
  });

  it('allocating forms: uniformArray, normalArray, truncatedNormalArray', () => {
    holds(
      fc.property(stream, count, number, std, bound, bound, fillOptions, (rng, n, a, s, lower, upper, o) => {
        keeps(() => rng.uniformArray(n as never, a as never, upper as never, o as never));
        keeps(() => rng.normalArray(n as never, a as never, s as never, o as never));
        keeps(() =>
          rng.truncatedNormalArray(
            n as never,
            a as never,
            s as never,
            lower as never,
            upper as never,
            o as never,
          ),
        );
      }),
    );
  });

  it('discrete draws: permutation, shuffle, sample', () => {
    const arrays = or(
      fc.oneof(
        fc.array(fc.integer(), { maxLength: 20 }),
        fc.integer({ min: 0, max: 20 }).map((n) => new Float64Array(n)),
        fc.integer({ min: 0, max: 20 }).map((n) => ({ length: n })),
        fc.constant(null).map(() => Object.freeze([1, 2, 3])),
        fc.constant(null).map(() => bare({ length: 3 })),
      ),
    );
    const population = or(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(2 ** 32 - 1)));
    holds(
      fc.property(stream, count, arrays, population, count, (rng, n, array, big, k) => {
        keeps(() => rng.permutation(n as never));
        keeps(() => rng.shuffle(array as never));
        keeps(() => rng.sample(big as never, k as never));
      }),
    );
  });

  it('streams: split, fork, getState', () => {
    holds(
      fc.property(
        stream,
        or(fc.integer({ min: 0, max: 8 })),
        or(fc.string({ maxLength: 10 })),
        (rng, n, label) => {
          keeps(() => rng.split(n as never));
          keeps(() => rng.fork(label as never));
          keeps(() => createRng(JSON.parse(JSON.stringify(rng.getState()))));
        },
      ),
    );
  });

  it('huge counts are rejected fast, before allocating', () => {
    holds(
      fc.property(stream, hostileNumber, (rng, n) => {
        keeps(() => rng.split(n > 2 ** 16 ? n : 2 ** 16 + 1));
        keeps(() => rng.permutation(n > 2 ** 28 ? n : 2 ** 28 + 1));
        keeps(() => rng.shuffle({ length: n > 2 ** 28 ? n : 1e9 }));
      }),
    );
  });
});
