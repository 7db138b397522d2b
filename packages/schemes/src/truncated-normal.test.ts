import { describe, expect, it } from 'vitest';
import { InitError } from './errors';
import { fromConfig } from './registry';
import { truncatedNormal } from './truncated-normal';

describe('truncated_normal with an absent cut-off (one-sided truncation)', () => {
  it('accepts Infinity and -Infinity, and stores them as null, the JSON form', () => {
    const upper = truncatedNormal({ a: 0, b: Number.POSITIVE_INFINITY });
    expect(upper.config).toEqual({ name: 'truncated_normal', mean: 0, std: 1, a: 0, b: null, multiplier: 1 });
    const w = upper([200, 50], 3).data;
    expect(w.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    // Half-normal: mean sqrt(2/pi) = 0.798, sd of the mean of 10000 draws about 0.006.
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    expect(Math.abs(mean - Math.sqrt(2 / Math.PI))).toBeLessThan(0.04);
    const lower = truncatedNormal({ a: Number.NEGATIVE_INFINITY, b: -1, std: 0.5 })([1000], 1, {
      dtype: 'float64',
    }).data;
    expect(lower.every((v) => v <= -1)).toBe(true);
  });

  it('round-trips through JSON: null is an absent bound, in the registry too', () => {
    const init = fromConfig({ name: 'trunc_normal', a: null, b: 0.5 });
    const again = fromConfig(JSON.parse(JSON.stringify(init.config)));
    expect(again.config).toEqual(init.config);
    expect(Array.from(again([64], 9).data)).toEqual(Array.from(init([64], 9).data));
    expect(Array.from(init([64], 9).data).every((v) => v <= 0.5)).toBe(true);
    const both = fromConfig({ name: 'truncated_normal', a: null, b: null, std: 0.02 });
    expect(both.config).toMatchObject({ a: null, b: null });
    expect(both([64], 2).data.every((v) => Number.isFinite(v) && Math.abs(v) < 0.02 * 8)).toBe(true);
  });

  it('keeps rejecting bounds that hold nothing, NaN and swapped infinities', () => {
    for (const [options, code, argument] of [
      [{ a: Number.POSITIVE_INFINITY }, 'NOT_FINITE', 'a'],
      [{ b: Number.NEGATIVE_INFINITY }, 'NOT_FINITE', 'b'],
      [{ a: Number.NaN }, 'NOT_FINITE', 'a'],
      [{ a: 3, b: 2 }, 'INVALID_ARGUMENT', 'a'],
      [{ a: 'inf' }, 'INVALID_ARGUMENT', 'a'],
    ] as const) {
      try {
        truncatedNormal(options as never);
        expect.unreachable(JSON.stringify(options));
      } catch (e) {
        expect(e).toBeInstanceOf(InitError);
        expect([(e as InitError).code, (e as InitError).argument]).toEqual([code, argument]);
      }
    }
  });

  it('a zero multiplier with an open side writes zeros, not NaN', () => {
    const w = truncatedNormal({ a: 0, b: null, multiplier: 0 })([8], 1).data;
    expect(Array.from(w)).toEqual(new Array(8).fill(0));
  });
});
