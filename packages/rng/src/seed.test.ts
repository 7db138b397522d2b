import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { RngError } from './errors';
import { isWellFormed, seedBytes } from './seed';

const first = (seed: number | bigint | string) => createRng(seed).nextUint32();

describe('seeds', () => {
  it('0, -1, 1 and large values are valid and distinct', () => {
    const seeds = [
      0,
      -1,
      1,
      2,
      -2,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      2n ** 64n + 1n,
      -(2n ** 64n),
      '',
      '0',
      'init',
    ];
    const values = new Set(seeds.map(first));
    expect(values.size).toBe(seeds.length);
  });
  it('an integer and the bigint of the same value give the same stream; -0 is 0', () => {
    expect(first(5)).toBe(first(5n));
    expect(first(-7)).toBe(first(-7n));
    expect(first(-0)).toBe(first(0));
    expect(first('5')).not.toBe(first(5));
  });
  it.each([
    [Number.NaN, 'NOT_FINITE'],
    [Number.POSITIVE_INFINITY, 'NOT_FINITE'],
    [Number.NEGATIVE_INFINITY, 'NOT_FINITE'],
    [0.5, 'INVALID_ARGUMENT'],
    [2 ** 53, 'INVALID_ARGUMENT'],
    [null, 'INVALID_ARGUMENT'],
    [undefined, 'INVALID_ARGUMENT'],
    [true, 'INVALID_ARGUMENT'],
    [Symbol('s'), 'INVALID_ARGUMENT'],
    [[], 'INVALID_ARGUMENT'],
    [[1, 2], 'INVALID_ARGUMENT'],
    [{}, 'INVALID_ARGUMENT'],
    [new Number(3), 'INVALID_ARGUMENT'],
    [() => 1, 'INVALID_ARGUMENT'],
  ])('rejects %s with %s naming the seed', (seed, code) => {
    try {
      createRng(seed as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RngError);
      expect((e as RngError).code).toBe(code);
      expect((e as RngError).argument).toBe('seed');
    }
  });
  it('lone surrogates give their own streams (UTF-16 code units), well-formed strings keep their UTF-8 key', () => {
    const strings = [
      '\ud800',
      '\ufffd',
      '\udc00',
      '\udc00\ud800',
      '\ud800\udc00',
      '\u{10000}',
      'a\ud800',
      'a',
    ];
    expect(new Set(strings.map(first)).size).toBe(strings.length - 1); // '\ud800\udc00' is '\u{10000}'
    expect(first('\ud800\udc00')).toBe(first('\u{10000}'));
    const rng = createRng(1);
    expect(rng.fork('\ud800').nextUint32()).not.toBe(rng.fork('\ufffd').nextUint32());
  });
  it('isWellFormed finds every lone surrogate', () => {
    expect(isWellFormed('ab\u{1F600}c')).toBe(true);
    for (const bad of ['\ud800', '\udfff', 'x\ud800y', '\ud800\ud800\udc00', '\udc00\ud800']) {
      expect(isWellFormed(bad)).toBe(false);
    }
  });
  it('integer seeds encode sign and little-endian magnitude (linear time for huge bigints)', () => {
    expect([...seedBytes(0)]).toEqual([1, 0]);
    expect([...seedBytes(-0x1234)]).toEqual([1, 1, 0x34, 0x12]);
    expect([...seedBytes(2n ** 64n + 1n)]).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    const t0 = performance.now();
    createRng(2n ** 2_000_000n - 1n);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it('rejects unknown algorithms naming the algorithm', () => {
    expect(() => createRng(1, { algorithm: 'mt19937' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'algorithm' }),
    );
  });
});
