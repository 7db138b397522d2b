import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, log1p, powInt, tanh } from './elementary';

/** Relative error in ulps of float64. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / (Math.abs(b) * 2 ** -52);
}

describe('engine-independent elementary functions', () => {
  const xs: number[] = [];
  for (let i = -2000; i <= 2000; i++) xs.push(i * 0.0173);
  xs.push(1e-300, 5e-324, 1e-10, -1e-10, 700, -744, 709.7, 1e300);

  it('agree with Math (itself within an ulp) within 3 ulps', () => {
    for (const x of xs) {
      expect(ulps(exp(x), Math.exp(x)), `exp ${x}`).toBeLessThanOrEqual(3);
      expect(ulps(expm1(x), Math.expm1(x)), `expm1 ${x}`).toBeLessThanOrEqual(3);
      expect(ulps(tanh(x), Math.tanh(x)), `tanh ${x}`).toBeLessThanOrEqual(8);
      const p = Math.abs(x);
      if (p > 0) expect(ulps(log(p), Math.log(p)), `log ${p}`).toBeLessThanOrEqual(3);
      if (x > -1) expect(ulps(log1p(x), Math.log1p(x)), `log1p ${x}`).toBeLessThanOrEqual(3);
    }
    for (let i = 0; i <= 1000; i++) {
      const a = (Math.PI * i) / 1000;
      expect(Math.abs(cos(a) - Math.cos(a)), `cos ${a}`).toBeLessThan(4e-16);
    }
  });

  it('special values', () => {
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(Number.NaN)).toBeNaN();
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(1)).toBe(0);
    expect(tanh(50)).toBe(1);
    expect(powInt(0.9, 10)).toBeCloseTo(0.9 ** 10, 15);
    expect(powInt(2, 0)).toBe(1);
  });
});
