import { describe, expect, it } from 'vitest';
import { naturalLog } from './natural-log';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

describe('naturalLog', () => {
  it('is within 1 ulp of Math.log over the whole range, exact at powers of 2 and 1', () => {
    let worst = 0;
    let state = 12345;
    for (let i = 0; i < 20000; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const x = (1 + state / 2 ** 31) * 2 ** ((i % 2000) - 1000);
      worst = Math.max(worst, Math.abs(ulps(naturalLog(x), Math.log(x))));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(naturalLog(1)).toBe(0);
    expect(naturalLog(2)).toBe(Math.LN2);
    expect(naturalLog(Math.E)).toBeCloseTo(1, 15);
    expect(Math.abs(ulps(naturalLog(5e-324), Math.log(5e-324)))).toBeLessThanOrEqual(1);
    expect(Math.abs(ulps(naturalLog(Number.MAX_VALUE), Math.log(Number.MAX_VALUE)))).toBeLessThanOrEqual(1);
    expect(naturalLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(naturalLog(-1)).toBeNaN();
  });
});
