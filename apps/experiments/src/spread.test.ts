import { describe, expect, it } from 'vitest';
import { spreadBound } from './spread.ts';

describe('spreadBound', () => {
  it('puts the bound k standard deviations (or standard errors) beyond the mean', () => {
    expect(spreadBound([1, 2, 3], { side: 'upper', k: 2 })).toBe(4);
    expect(spreadBound([1, 2, 3], { side: 'lower', k: 2 })).toBe(0);
    expect(spreadBound([1, 2, 3], { side: 'upper', k: 2, of: 4 })).toBe(3);
    expect(spreadBound([10, 1000], { side: 'lower', k: 0, log: true })).toBeCloseTo(100, 10);
  });

  it('refuses a reference without a spread', () => {
    expect(() => spreadBound([1], { side: 'upper', k: 1 })).toThrow(/two finite values/);
  });
});
