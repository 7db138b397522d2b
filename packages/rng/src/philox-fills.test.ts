import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import type { FloatArray, Rng } from './rng-types';

type Fill = (rng: Rng, out: FloatArray, offset?: number) => void;
const fills: Record<string, Fill> = {
  uniform: (r, o, offset) => r.fillUniform(o, -0.5, 2, offset === undefined ? undefined : { offset }),
  normal: (r, o, offset) => r.fillNormal(o, 0.25, 3, offset === undefined ? undefined : { offset }),
  'truncated [-2,2]': (r, o, offset) =>
    r.fillTruncatedNormal(o, 0, 1, -2, 2, offset === undefined ? undefined : { offset }),
  'truncated [3,6]': (r, o, offset) =>
    r.fillTruncatedNormal(o, 0, 1, 3, 6, offset === undefined ? undefined : { offset }),
  'truncated [0.1,0.2]': (r, o, offset) =>
    r.fillTruncatedNormal(o, 0, 1, 0.1, 0.2, offset === undefined ? undefined : { offset }),
  bernoulli: (r, o, offset) => r.fillBernoulli(o, 0.3, offset === undefined ? undefined : { offset }),
};

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const N = 100_000;

describe.each(Object.keys(fills))('index-addressable philox %s fill', (name) => {
  const fill = fills[name]!;
  it.each([Float32Array, Float64Array])(
    'is bitwise identical in one go and in random chunks (%o)',
    (Type) => {
      const whole = new Type(N);
      fill(createRng('chunks'), whole);
      const chunked = new Type(N);
      const rng = createRng('chunks');
      const next = lcg(name.length);
      for (let start = 0; start < N; ) {
        const len = Math.min(N - start, 1 + Math.floor(next() * (next() < 0.5 ? 13 : 9000)));
        fill(rng, chunked.subarray(start, start + len), start);
        start += len;
      }
      expect(Buffer.from(chunked.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
      // An offset fill leaves the position alone: the next sequential fill still starts at index 0.
      const again = new Type(16);
      fill(rng, again);
      expect(Array.from(again)).toEqual(Array.from(whole.subarray(0, 16)));
    },
  );
  it('a fill without offset continues where the previous one stopped (block aligned)', () => {
    const rng = createRng(5);
    const a = new Float64Array(10);
    const b = new Float64Array(10);
    fill(rng, a);
    fill(rng, b);
    const ref = new Float64Array(24);
    fill(createRng(5), ref, 0);
    expect(Array.from(a)).toEqual(Array.from(ref.subarray(0, 10)));
    // Second fill starts at the next whole block.
    const perBlock = name === 'bernoulli' || name === 'uniform' || name === 'normal' ? 2 : 1;
    const start = Math.ceil(10 / perBlock) * perBlock;
    expect(Array.from(b)).toEqual(Array.from(ref.subarray(start, start + 10)));
  });
});

describe('philox fill edge cases', () => {
  it('empty and one-element outputs work', () => {
    const rng = createRng(0);
    expect(rng.fillNormal(new Float32Array(0)).length).toBe(0);
    expect(rng.fillUniform(new Float64Array(1))[0]).toBeGreaterThanOrEqual(0);
    expect(rng.normalArray(0).length).toBe(0);
    expect(rng.uniformArray(3, 0, 1, { dtype: 'float64' })).toBeInstanceOf(Float64Array);
  });
  it('float32 uniform never reaches high, even when rounding would', () => {
    const out = new Float32Array(200_000);
    createRng(1).fillUniform(out, 1, 1 + 2 ** -22);
    expect(out.every((v) => v >= 1 && v < 1 + 2 ** -22)).toBe(true);
    expect(out.some((v) => v === 1 + 2 ** -23)).toBe(true);
    createRng(2).fillUniform(out, 0, 0.1);
    expect(out.every((v) => v < 0.1 && v >= 0)).toBe(true);
  });
  it('float32 uniform beyond the float32 range throws NOT_FINITE instead of piling values onto its ends', () => {
    const rng = createRng(4);
    expect(() => rng.fillUniform(new Float32Array(4), -1e39, 1e39)).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'low' }),
    );
    expect(() => rng.fillUniform(new Float32Array(4), 0, 1e39)).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'high' }),
    );
    expect(rng.fillUniform(new Float64Array(4), -1e39, 1e39).every(Number.isFinite)).toBe(true);
  });
  it.each([
    [-3e38, 3e38],
    [-3.4028234663852886e38, 3.4028234663852886e38],
    [0, 5 * 2 ** -127],
    [1e-30, 1e-30 + 2 ** -110],
  ])('float32 uniform on the extreme range [%d, %d) stays inside, finite and evenly spread', (low, high) => {
    const n = 100_000;
    const out = createRng(4).fillUniform(new Float32Array(n), low, high);
    const lo = Math.max(low, -3.4028234663852886e38);
    const hi = Math.min(high, 3.4028234663852886e38);
    expect(out.every((v) => v >= lo && v <= hi && v < high)).toBe(true);
    // Values beyond the float32 range are clamped onto its ends; otherwise no pile-up on a bound (the top
    // float32 below `high` holds far less than 1% of the mass here) and the mean is the midpoint within
    // 6 standard errors (width / sqrt(12 n)) plus rounding.
    if (low >= lo && high <= hi) {
      const top = out.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
      const atHigh = out.reduce((c, v) => c + (v === top ? 1 : 0), 0);
      expect(atHigh).toBeLessThan(n / 100);
      let mean = 0;
      for (const v of out) mean += (v - low) / (high - low);
      mean /= n;
      expect(Math.abs(mean - 0.5)).toBeLessThan(6 / Math.sqrt(12 * n) + 1 / 64);
    }
  });
  it('float32 truncated normal stays inside [lower, upper] even when the bounds are not float32 values', () => {
    const out = new Float32Array(100_000);
    createRng(3).fillTruncatedNormal(out, 0.15, 0.5, 0.1, 0.2);
    expect(out.every((v) => v >= 0.1 && v <= 0.2)).toBe(true);
  });
  it('getState position moves with sequential words and fills', () => {
    const rng = createRng(0);
    rng.nextUint32();
    expect(rng.getState().position).toBe(1);
    rng.fillUniform(new Float32Array(5));
    expect(rng.getState().position).toBe(12);
    rng.fillUniform(new Float32Array(5), 0, 1, { offset: 100 });
    expect(rng.getState().position).toBe(12);
  });
});
