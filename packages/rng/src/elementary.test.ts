import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detExp, detLog } from './elementary';
import { sha256Words } from './sha256';

const ulp = (x: number) => Math.max(Number.MIN_VALUE, Math.abs(x) * Number.EPSILON);

describe('deterministic exp and log', () => {
  it('detExp is within 2 ulp of Math.exp over its whole range', () => {
    let worst = 0;
    for (let i = 0; i <= 100_000; i++) {
      const x = -745 + (1454 * i) / 100_000;
      const want = Math.exp(x);
      worst = Math.max(worst, Math.abs(detExp(x) - want) / ulp(want));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
  it('detLog is within 2 ulp of Math.log from subnormals to 1e300', () => {
    let worst = 0;
    for (let i = 0; i <= 100_000; i++) {
      const x = 2 ** (-1074 + (2070 * i) / 100_000) * (1 + (i % 7) / 11);
      const want = Math.log(x);
      worst = Math.max(worst, Math.abs(detLog(x) - want) / ulp(want));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
  it('handles special values', () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(-1000)).toBe(0);
    expect(detExp(1000)).toBe(Number.POSITIVE_INFINITY);
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(detLog(-1))).toBe(true);
  });
});

describe('sha256', () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 200])('matches node:crypto for %i bytes', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
    const got = Array.from(sha256Words(bytes), (w) => w.toString(16).padStart(8, '0')).join('');
    expect(got).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
