import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { RngError } from './errors';

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
  it('rejects unknown algorithms naming the algorithm', () => {
    expect(() => createRng(1, { algorithm: 'mt19937' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'algorithm' }),
    );
  });
});
