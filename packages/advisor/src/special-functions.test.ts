import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { erf, erfc, normalCdf, normalPdf } from './special-functions';

// Values from mpmath at 30 digits.
const ERF: [number, number][] = [
  [0.1, Number('0.1124629160182848922032750717439683832217')],
  [0.5, Number('0.5204998778130465376827466538919645457101')],
  [1, Number('0.8427007929497148693412206350826092592961')],
  [2.5, Number('0.9995930479825550410604357842600250872797')],
  [3.5, Number('0.9999992569016276585872544763162439043157')],
];
const ERFC: [number, number][] = [
  [2, Number('0.004677734981047265837930743632747071389108')],
  [4, Number('1.541725790028001885215967348688404857214e-8')],
  [10, Number('2.088487583762544757000786294957788611561e-45')],
];

describe('erf / erfc', () => {
  it('matches high-precision values in absolute terms (erf) and relative terms (erfc tails)', () => {
    for (const [x, v] of ERF) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    for (const [x, v] of ERFC) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-14);
  });
  it('keeps the identities Phi(0) = 1/2 and phi(0) = 1/sqrt(2 pi)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(erfc(-10)).toBe(2);
    expect(Number.isNaN(erf(Number.NaN))).toBe(true);
  });
});

describe('special functions reject non-numbers', () => {
  it('throws INVALID_ARGUMENT on x for strings, BigInt and null instead of coercing them', () => {
    for (const f of [erf, erfc, normalCdf, normalPdf]) {
      for (const x of ['3', 3n, null, undefined, {}]) {
        try {
          f(x as never);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(AdvisorError);
          expect((e as AdvisorError).argument).toBe('x');
          expect((e as AdvisorError).code).toBe('INVALID_ARGUMENT');
        }
      }
    }
    expect(Number.isNaN(erf(Number.NaN))).toBe(true);
  });
});
