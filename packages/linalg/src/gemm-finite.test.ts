import { describe, expect, it } from 'vitest';
import { allFiniteEntries } from './gemm-finite';
import { matrix, transpose } from './matrix';

describe('allFiniteEntries', () => {
  it('accepts finite entries, including zeros of both signs and the largest float32', () => {
    const m = matrix(3, 5, { dtype: 'float32' });
    m.data.set([0, -0, 3.4e38, -3.4e38, 1e-45, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(allFiniteEntries(m)).toBe(true);
    expect(allFiniteEntries(transpose(m))).toBe(true);
  });

  it('finds NaN and both infinities at every position of a row (unrolled part and tail)', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (let at = 0; at < 14; at++) {
        const m = matrix(2, 7, { dtype: 'float64' });
        m.data[at] = bad;
        expect(allFiniteEntries(m)).toBe(false);
        expect(allFiniteEntries(transpose(m))).toBe(false);
      }
    }
  });

  it('reads only the view (a non-finite value outside a strided block is ignored)', () => {
    const m = matrix(4, 4, { dtype: 'float32' });
    m.data[15] = Number.NaN;
    const block = { ...m, rows: 3, cols: 3 };
    expect(allFiniteEntries(block)).toBe(true);
  });
});

describe('allFiniteEntries on contiguous float32 rows', () => {
  it('finds a non-finite value at every position of whole and row-strided blocks', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (let at = 0; at < 3 * 11; at++) {
        const m = matrix(3, 11, { dtype: 'float32' });
        m.data[at] = bad;
        expect(allFiniteEntries(m)).toBe(false);
        const block = { ...m, cols: 10 };
        expect(allFiniteEntries(block)).toBe(at % 11 === 10);
      }
    }
  });
});
