import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { RngError, type RngErrorCode } from './errors';

function expectError(fn: () => unknown, code: RngErrorCode, argument: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RngError);
    expect(e).toBeInstanceOf(Error);
    expect((e as RngError).code).toBe(code);
    expect((e as RngError).argument).toBe(argument);
    expect((e as RngError).message.length).toBeGreaterThan(argument.length + 10);
    return;
  }
  expect.unreachable(`expected RngError ${code} for ${argument}`);
}

describe('parameter errors are typed, name the argument, and never produce NaN', () => {
  const rng = createRng(1);
  const f32 = new Float32Array(4);
  it.each([
    ['std < 0', () => rng.fillNormal(f32, 0, -1), 'INVALID_ARGUMENT', 'std'],
    ['NaN mean', () => rng.normal(Number.NaN), 'NOT_FINITE', 'mean'],
    ['infinite std', () => rng.normal(0, Number.POSITIVE_INFINITY), 'NOT_FINITE', 'std'],
    ['uniform low >= high', () => rng.uniform(1, 1), 'INVALID_ARGUMENT', 'high'],
    ['uniform NaN low', () => rng.fillUniform(f32, Number.NaN, 1), 'NOT_FINITE', 'low'],
    ['uniform infinite high', () => rng.uniform(0, Number.POSITIVE_INFINITY), 'NOT_FINITE', 'high'],
    ['uniform span overflow', () => rng.uniform(-1e308, 1e308), 'NOT_FINITE', 'high'],
    [
      'uniform empty float32 interval',
      () => rng.fillUniform(f32, 1 + 1e-12, 1 + 2e-12),
      'INVALID_ARGUMENT',
      'high',
    ],
    ['truncated a >= b', () => rng.truncatedNormal(0, 1, 2, 2), 'INVALID_ARGUMENT', 'upper'],
    ['truncated NaN bound', () => rng.truncatedNormal(0, 1, Number.NaN, 2), 'NOT_FINITE', 'lower'],
    ['truncated std < 0', () => rng.truncatedNormal(0, -1, -2, 2), 'INVALID_ARGUMENT', 'std'],
    [
      'truncated lower = +inf',
      () => rng.truncatedNormal(0, 1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
      'INVALID_ARGUMENT',
      'upper',
    ],
    [
      'float32 truncated interval holding only +Infinity',
      () => rng.fillTruncatedNormal(f32, 0, 1, 1e200, Number.POSITIVE_INFINITY),
      'INVALID_ARGUMENT',
      'lower',
    ],
    [
      'float32 truncated interval holding only -Infinity',
      () => rng.fillTruncatedNormal(f32, 0, 1, Number.NEGATIVE_INFINITY, -1e39),
      'INVALID_ARGUMENT',
      'upper',
    ],
    ['truncated std 0 outside', () => rng.truncatedNormal(5, 0, -2, 2), 'INVALID_ARGUMENT', 'mean'],
    ['bernoulli p > 1', () => rng.bernoulli(1.5), 'INVALID_ARGUMENT', 'p'],
    ['bernoulli NaN p', () => rng.fillBernoulli(f32, Number.NaN), 'NOT_FINITE', 'p'],
    ['integer fraction', () => rng.integer(0.5, 3), 'INVALID_ARGUMENT', 'low'],
    ['integer empty', () => rng.integer(3, 3), 'INVALID_ARGUMENT', 'high'],
    ['integer range > 2^53', () => rng.integer(-(2 ** 53) + 1, 2 ** 53 - 1), 'INVALID_ARGUMENT', 'high'],
    // A range of 2^53 + 1 rounds to 2^53 in double precision; it must still be rejected.
    ['integer range 2^53 + 1', () => rng.integer(-(2 ** 52), 2 ** 52 + 1), 'INVALID_ARGUMENT', 'high'],
    ['integer range 2^53 + 1 (wide low)', () => rng.integer(-(2 ** 53) + 1, 2), 'INVALID_ARGUMENT', 'high'],
    ['sample k > n', () => rng.sample(3, 4), 'INVALID_ARGUMENT', 'k'],
    ['sample negative n', () => rng.sample(-1, 0), 'INVALID_ARGUMENT', 'n'],
    ['permutation fraction', () => rng.permutation(2.5), 'INVALID_ARGUMENT', 'n'],
    ['split negative', () => rng.split(-1), 'INVALID_ARGUMENT', 'n'],
    ['fork non-string', () => rng.fork(3 as never), 'INVALID_ARGUMENT', 'label'],
    ['shuffle non-array', () => rng.shuffle(null as never), 'INVALID_ARGUMENT', 'array'],
    ['out not a float array', () => rng.fillNormal([0, 0] as never), 'INVALID_ARGUMENT', 'out'],
    ['Int32Array out', () => rng.fillUniform(new Int32Array(2) as never), 'INVALID_ARGUMENT', 'out'],
    ['negative offset', () => rng.fillNormal(f32, 0, 1, { offset: -1 }), 'INVALID_ARGUMENT', 'offset'],
    ['fractional offset', () => rng.fillNormal(f32, 0, 1, { offset: 0.5 }), 'INVALID_ARGUMENT', 'offset'],
    [
      'offset past 2^53',
      () => rng.fillNormal(f32, 0, 1, { offset: 2 ** 53 - 2 }),
      'INVALID_ARGUMENT',
      'offset',
    ],
    ['bad dtype', () => rng.normalArray(3, 0, 1, { dtype: 'float16' as never }), 'INVALID_ARGUMENT', 'dtype'],
    ['bad length', () => rng.uniformArray(-1), 'INVALID_ARGUMENT', 'n'],
    [
      'offset on xoshiro',
      () => createRng(1, { algorithm: 'xoshiro128**' }).fillUniform(f32, 0, 1, { offset: 0 }),
      'UNSUPPORTED',
      'offset',
    ],
  ] as const)('%s', (_, fn, code, argument) => expectError(fn, code, argument));

  it('validates before writing anything', () => {
    const out = new Float32Array(3).fill(7);
    expect(() => rng.fillNormal(out, 0, -1)).toThrow(RngError);
    expect(Array.from(out)).toEqual([7, 7, 7]);
  });

  it('accepts std 0 and p in {0, 1}', () => {
    expect(Array.from(rng.fillNormal(new Float64Array(3), 2, 0))).toEqual([2, 2, 2]);
    expect(rng.bernoulli(0)).toBe(false);
    expect(rng.bernoulli(1)).toBe(true);
  });

  it('accepts integer ranges of exactly 2^53', () => {
    for (const [low, high] of [
      [-(2 ** 52), 2 ** 52],
      [-(2 ** 53) + 1, 1],
    ] as const) {
      for (let i = 0; i < 100; i++) {
        const v = rng.integer(low, high);
        expect(Number.isSafeInteger(v) && v >= low && v < high).toBe(true);
      }
    }
  });
});
