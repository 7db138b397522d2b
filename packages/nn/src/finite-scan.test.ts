import { describe, expect, it } from 'vitest';
import { allFiniteValues } from './finite-scan';

describe('allFiniteValues', () => {
  it('accepts finite values, signed zeros and the float32 extremes', () => {
    expect(allFiniteValues(new Float32Array([0, -0, 3.4e38, -3.4e38, 1e-45, 7]))).toBe(true);
    expect(allFiniteValues(new Float32Array(0))).toBe(true);
  });

  it('finds NaN and both infinities at every position (unrolled part and tail)', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (let at = 0; at < 11; at++) {
        const v = new Float32Array(11).fill(1);
        v[at] = bad;
        expect(allFiniteValues(v)).toBe(false);
      }
    }
  });
});
